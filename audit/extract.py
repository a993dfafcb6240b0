"""Extraction: turn a document's sentences into claims with attribution, quantities and entities.

Deterministic and offline: every cue, descriptor and anaphor comes from rules/lexicons/attribution.yaml
and every outlet or actor from the registry. Patterns are compiled once per Extractor. Registry names are
found once per document; one trie pattern over the lower-cased text finds all cue words, prepositions,
cue nouns and hedges of a sentence in a single pass, and the context checks run only on those hits.
Accuracy on real annotated news is measured by `audit eval polnear` (docs/accuracy.md).

How a sentence gets its attribution (one per claim):
1. Cue candidates: reporting verbs ("said", "told"), beliefs and intentions ("believes", "plans"),
   public stances ("criticized", "endorsed"), evidence verbs with a document subject ("polls show"),
   prepositions ("according to"), possessive nouns ("Trump's criticism"), support-verb nouns ("made an
   announcement"), participles after a clause ("..., saying"), a colon after a name ("Trump: ..."),
   a headline credit ("...: NYT"), and source-less cues ("is expected to", "reportedly").
2. Each cue looks for its source: the subject before it (appositives kept: "X, a Y, said"), the noun
   phrase after it in inverted order ("..., said X, a Y."), the possessor, or the phrase after a
   preposition. Cues outside quotation marks and reporting verbs are tried first.
3. The source is classified (named_person, named_org, outlet, anonymous, unnamed_group, document, self);
   pronouns and definite descriptions ("he", "the source", "the report") carry over the last compatible
   attribution of the article. A cue with no source found leaves kind "none" but keeps the cue.
"""
from __future__ import annotations

import hashlib
import re
from operator import attrgetter
from bisect import bisect_right
from dataclasses import dataclass

from .language import LanguagePack, norm as _norm
from .models import Anonymity, Attribution, Claim, Document, Entity, Span
from .patterns import _trie_pattern, phrase_pattern
from .quantities import FigureReader
from .registry import Actor, Registry
from .segment import segment

_QUOTE_CLOSE = re.compile(r"""(?:[,.!?…]\s*(?:["”’]|''|'(?!\w))|”|'')(?=\s)""")
_NP_END = re.compile(r"[;:“”\"]|\((?![RDI]-)|,\s|\s(?:that|as|which|but|because|when|after|before|if|while|although)\s|$")
_TRIM = " \t\n,;:—–-\"'“”‘’()"
_BE = frozenset("is are was were be been being 's ’s".split())
_FILLER = frozenset("""also further later previously has have had will would reportedly then again recently
earlier separately initially repeatedly publicly privately subsequently already immediately once just only
never not did does do can could may might should n't often since still even long first always now
consistently frequently quickly swiftly openly flatly""".split())
_TO_VERBS = frozenset("""appeared appears seemed seems continued continues went tried tries sought seeks decided
began begun started wanted wants refused declined planned plans hoped hopes used going yet likes liked
moved rushed wanted""".split())
_LEADING = frozenset("""and but with while as when so then however meanwhile also yet since because
although though after before where whereas thus hence moreover furthermore still now instead indeed
later earlier today yesterday tonight nevertheless nonetheless besides otherwise""".split())
_CLAUSE_WORDS = frozenset("""that because while when whereas although though since if unless until but so
where whether than how what why whom whose once as after before""".split())
_PRONOUNS = frozenset("he she they we i you it who which".split())
_MODALS = re.compile(r"(?<![\w-])(?:would|will|was|is|has|had|could|should|can|might|may|must|were|are|"
                     r"have|did|does|do)(?![\w-])")
_DETERMINERS = r"(?:a|an|one|two|three|four|several|some|the|these|those|other|multiple|many|few|an?other|both)"
_MODAL_WORDS = frozenset("would will can could should may might must did does do shall wouldn't won't can't".split())
_IRREGULAR_PAST = frozenset("said told wrote thought knew felt saw put".split())
_DETERMINERS_STRICT = frozenset("the a an his her their its our my your this these those such any no".split())
_POSSESSORS = frozenset("""the a an his her their its our my your this these those that some many new recent such
any no similar both all other each every whose""".split())
_CAPWORD = re.compile(r"(?:[A-Z][\w’'.-]*|(?:al|el|bin|ibn|abu|de|van|von)-[A-Z][\w-]*)")
_CAPSEQ = re.compile(
    r"(?<![\w-])(?:[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w-]*)"
    r"(?:\s+(?:(?:of|the|for|al|bin|ibn|de|van|von)\s+)*(?:[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w-]*))*")
_NAME_TAIL = re.compile(r"((?:[A-Z][\w’'.-]*|(?:al|el)-[A-Z][\w-]*)(?:\s+(?:[A-Z][\w’'.-]*|(?:al|el)-[A-Z][\w-]*)){0,3})\s*$")
_NAME_STOP = frozenset("""the a an this that these those it he she they we i you his her their our its
however meanwhile but and in on at for of to from by with as if when while after before since until
following according during despite under over yet so also there here what who why how which
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december""".split())
_NATIONALITIES = frozenset("""israeli israelis palestinian palestinians us u.s. american americans arab arabs
western european egyptian qatari lebanese iranian british french german russian chinese turkish
jordanian saudi emirati syrian ukrainian gaza gazan israel palestine""".split())
_PLURAL_HEADS = frozenset("""sources officials diplomats insiders aides people individuals negotiators leaks
officers commanders advisers advisors staffers""".split())
_GENERIC_ANON = frozenset("person people individual individuals someone".split())
_NOT_NAMES = frozenset("""other others some many most several few both all each every another any no none
republican republicans democrat democrats democratic conservative conservatives liberal liberals progressive
progressives independent independents gop african-american african-americans hispanic hispanics latino latinos
latina black white asian evangelical evangelicals christian christians muslim muslims jewish catholic catholics
new former top senior state federal national local percent half""".split())
_NUMBER_WORD = re.compile(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                          r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                          r"eighty|ninety|hundred)(?:-\w+)?")
_FIRST_PERSON = frozenset("i we me us".split())
_SPOKES = frozenset("spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen representative".split())
_OFFICIALS_PLURAL = frozenset("officials authorities".split())
_QUANTIFIERS = frozenset("several many some most few both all others each".split())
_POSSESSIVE_PRONOUNS = ("his", "her", "their", "its")
_HEAD_CUT = re.compile(r",|\s(?:who|whom|whose|which|that|of|to|for|at|in|from|with|on|by|close|familiar|"
                       r"involved|briefed|under|during|after|before|about|over|like|including|[a-z]+ing|"
                       r"(?!(?:red|bed|shed|seed|need|speed|creed|greed|feed|weed|breed)\s)[a-z]{2,}ed)\s")
_POSSESSOR = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s?(?=\s)")
_INSTITUTION_WORDS = re.compile(r"\b(?:administration|government|campaign|department|ministry|agency|committee|"
                                r"commission|council|police|party)\b")
_ONE_OF = re.compile(r"(?:one|two|three|some|many|several|most|few|both|all|each|any|none|either|neither)\s+of\s+",
                     re.IGNORECASE)
_RELATIVE = re.compile(r",|\s(?:who|whom|whose|which|that)\s")
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Sen|Rep|Gov|Gen|Adm|Lt|Col|Sgt|Capt|Prof)\.?\s+[A-Z]")


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("'") else word


def _possessed(np: str, a: int) -> bool:
    """Whether the mention at `a` is a possessor ("Mr. Sanders's aides")."""
    m = re.match(r"[\w .-]*?[’']s?\s", np[a:])
    return bool(m) and "'" in m.group().replace("’", "'")


def _institution(phrase: str, ignore: frozenset[str]) -> bool:
    """An institution is named in a descriptor: a capitalised word that is not a nationality or a common
    role word, or an institutional noun ("administration officials", "officials at the FBI")."""
    for w in phrase.split():
        w = w.strip("’',.()")
        wl = _strip_possessive(w.lower().replace("’", "'"))
        if w[:1].isupper() and wl not in _NATIONALITIES and wl not in _NAME_STOP and wl not in ignore:
            return True
    return bool(_INSTITUTION_WORDS.search(phrase.lower()))


_COLON = re.compile(
    r"(?:^|\s[-–—]\s)[-–—•*\s\"“']*(?P<src>(?:[A-Z][\w.’'&-]*)(?:\s+(?:[A-Z(][\w.’'()&-]*|of|and|the|de|van|von|al)){0,6}?)"
    r"\s*:(?=\s|[\"“‘'])")
_DASH_CREDIT = re.compile(
    r"[\"”’.!?]\s*(?P<dash>[―—–-]{1,2})\s*(?P<src>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?:,\s+[^,.]{2,60})?)\s*[.]?\s*$")
_INTRO = re.compile(
    r"^(?:(?:but|and|so|yet|still|now|then|also|instead|however|meanwhile|indeed|later|earlier|today|yesterday|"
    r"additionally|moreover|furthermore|separately|similarly|likewise|while|when|although|though|because|if|since|"
    r"once|whereas|as|with|in fact|in turn|at the same time|for (?:his|her|their|its) part|on (?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday))\b[\s,]*)+", re.IGNORECASE)
_INVERTED_CUT = re.compile(
    r",\s+(?:referring|adding|noting|saying|explaining|according|speaking|citing|pointing|calling|arguing|asking|"
    r"who\s+(?:added|said|noted|told|asked|spoke|is|was|has|had)|in\s+an?\s|when|after|before|as\s|while|during|"
    r"on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))|\s\(?(?:in\s+an?\s|in\s+(?:his|her|their)\s|"
    r"on\s+(?:twitter|facebook|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|during\s|at\s+an?\s|"
    r"last\s+(?:week|month|year|night)|this\s+(?:week|month|year)|earlier\s|told\s|via\s|after\s|before\s|"
    r"when\s|while\s)", re.IGNORECASE)
_WORDS = re.compile(r"\S+")
_START = attrgetter("start")
_LEAD_CLAUSE = re.compile(
    r"(?:In|On|At|During|After|Before|Last|Earlier|Later|Since|With|Despite|For|Speaking|Asked|When|While|As|If|"
    r"Although|Though|Because|Once|Until|Unlike|Like|Under|Over|Through|Throughout|Amid|Following|Without|By)\b"
    r"[^,;:“\"]{0,90},\s*")
_VERBISH = frozenset("""is was are were be been has have had will would can could should may might must does did do
took made went came gave got left won lost met ran began became kept held put set brought thought found sent spent
stood wrote spoke chose drew fell felt led paid sold struck threw wore told said says knew saw heard let lets
takes makes goes comes gives gets leaves wins loses meets runs begins becomes keeps holds puts sets brings thinks
finds sends spends stands writes speaks chooses draws falls feels leads pays sells tells""".split())
_PARENTHETICAL = re.compile(
    r"\s*(?:in|on|at|during|without|with|after|before|for|like|unlike|speaking|asked|when|while|though|although|"
    r"however|meanwhile|too|also|instead|then|now|once|for example|for instance|in turn|of course|last|this|"
    r"earlier|later|referring|according|[a-z]+ing)\b")
_QUOTE_INTRO = re.compile(r"(?<![\w-])([a-z]+)\s*[,:]\s*(?:[“\"]|'')")
_NOT_VERBS = frozenset("""was has is as this its his years times days weeks months points votes states
years' us plus thus""".split())
_BY_AGENT = re.compile(r"(?<![\w-])([a-z]+ed)\s+by\s+(?=[A-Z]|the\s|a\s|an\s)")
_POLL_IN = re.compile(
    r"(?<![\w-])(in|by)\s+((?:an?|the|this|that|their|its|[A-Z][\w.’'/&-]*)\s+(?:[\w.’'/&-]+\s+){0,5}?"
    r"(?:poll|polls|survey|surveys|study|analysis|average|averages|tracking|polling))\b")

# Cue categories, tried in this order (lower first); cues inside quotation marks come after all others.
_PRIORITY = {"quote_intro": 1, "by_agent": 1, "poll_in": 2, "dash": 1, "credit": 0, "prep": 0, "speech": 0,
             "noun": 0, "possessive": 1, "colon": 1, "evidence": 1, "stance": 2, "belief": 2, "participle": 2,
             "pronposs": 3, "sourceless": 9}
# Verbs that take objects or are also nouns ("maintains the title", "the early states"): only a cue
# when a clause follows (that, a quote, a colon, a comma) or the sentence ends.
_STRICT = frozenset("""states notes estimates reports maintains maintained observed recalls estimated
indicated reveals knows knew know feel feels felt agreed agree agrees continued""".split())
# Subjects that can hold a belief or take a stance are names, pronouns, groups and people-nouns; these
# endings mark plural people ("environmentalists worry", "unions oppose").
_SEEMING = frozenset("seemed seems appeared appears".split())
_PEOPLE_SUFFIXES = ("ists", "ers", "ors", "ans", "ents", "ives", "ates", "unions", "groups", "allies", "parties")
_NEEDS_SOURCE = frozenset({"by_agent", "poll_in", "stance", "belief", "participle", "possessive", "pronposs",
                           "colon", "dash", "credit"})


@dataclass(slots=True)
class _Cue:
    kind: str          # a key of _PRIORITY
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Source:
    start: int
    end: int
    text: str
    name: str | None = None        # the clean name when the span holds more ("Trump's" -> "Trump", "who" -> X)


_COORDINATED = _Source(0, 0, "")   # "X did A and said B": a cue whose source does not cover the sentence
_LONG_TAIL = "\0tail"             # marks a subject guessed from the end of a long phrase


_HEDGE_ONLY = frozenset({"hedge"})


def _has_dash(s: str) -> bool:
    return "—" in s or "―" in s or "–" in s or " -" in s


class Extractor:
    """Compiled lexicon and registry patterns; `claims(doc)` extracts a document's claims."""

    def __init__(self, lexicon: LanguagePack, registry: Registry):
        self.registry = registry
        self.figures = lexicon.compiled(FigureReader)
        lx = lexicon
        self.category: dict[str, str] = {}
        for kind, name in (("sourceless", "sourceless_cues"), ("participle", "participle_cues"),
                           ("evidence", "evidence_verbs"), ("belief", "belief_verbs"),
                           ("stance", "stance_verbs"), ("speech", "cue_verbs")):
            for phrase in lx.get(name, []):
                self.category[_norm(phrase)] = kind
        # One trie over the lower-cased text finds every cue word, preposition, cue noun and hedge in a
        # single pass; each phrase maps to its roles and the context checks run on the few hits only.
        self.roles: dict[str, frozenset[str]] = {}
        role_lists = [(phrase, self.category[phrase]) for phrase in self.category]
        role_lists += [(_norm(p), "prep") for p in lx["source_follows"]]
        role_lists += [(_norm(p), "pnoun") for p in lx["possessive_cue_nouns"]]
        role_lists += [(_norm(p), "pronnoun") for p in lx["pronoun_cue_nouns"]]
        role_lists += [(_norm(p), "cnoun") for p in lx["cue_nouns"]]
        hedges = [_norm(p) for p in lx["hedges"]]
        role_lists += [(h, "hedge") for h in hedges]
        roles: dict[str, set[str]] = {}
        for phrase, role in role_lists:
            roles.setdefault(phrase, set()).add(role)
        for phrase, found in roles.items():          # "could not be reached" also hedges ("could")
            if any(phrase.startswith(h + " ") for h in hedges):
                found.add("hedge")
        self.roles = {phrase: frozenset(found) for phrase, found in roles.items()}
        self.roles.update({phrase.replace("'", "’"): found for phrase, found in self.roles.items() if "'" in phrase})
        self.scan_re = re.compile(r"\b" + _trie_pattern(sorted(self.roles)) + r"(?![\w-])")
        self.noun_verb_re = re.compile(
            r"(?<![\w-])(?:(?:has|have|had)\s+)?(?:" + "|".join(map(re.escape, (_norm(v) for v in lx["cue_noun_verbs"])))
            + r")\s+(?:(?:an?|the|this|that|its|his|her|their)\s+)?(?:[\w-]+\s+)?$")
        self.possessor_re = re.compile(r"(?<=[\w.])[’']s?\s+(?:[\w-]+\s+)?$")
        self.pronoun_possessor_re = re.compile(r"(?<![\w-])(?:his|her|their|its)\s+$")
        self.via_marker_re = re.compile(
            "(?:" + phrase_pattern(lx["via_markers"]) + r")\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
        self.anonymous_re = re.compile(
            rf"^(?:{_DETERMINERS}\s+)?(?:[\w.’'-]+\s+|and\s+){{0,4}}?"
            + phrase_pattern(lx["anonymous_heads"]), re.IGNORECASE)
        self.role_re = re.compile(phrase_pattern(lx["anonymous_role_markers"]), re.IGNORECASE)
        self.reason_re = re.compile(phrase_pattern(lx["anonymity_reasons"]), re.IGNORECASE)
        self.condition_re = re.compile(phrase_pattern(lx.get("anonymity_conditions", [])), re.IGNORECASE)
        self.group_re = re.compile(
            rf"^(?:{_DETERMINERS}\s+)?(?:[\w.’'-]+\s+){{0,3}}?" + phrase_pattern(lx["unnamed_group_heads"]) + r"\s*$",
            re.IGNORECASE)
        self.document_start_re = re.compile(
            r"^(?:[\w.’'/-]+\s+){0,4}?" + phrase_pattern(lx["document_heads"]), re.IGNORECASE)
        self.title_re = re.compile(phrase_pattern(lx["person_titles"]), re.IGNORECASE)
        self.org_word_re = re.compile(phrase_pattern(lx["org_words"]), re.IGNORECASE)
        self.affiliation_re = re.compile(phrase_pattern(lx["affiliations"]), re.IGNORECASE)
        self.anaphors = {_norm(phrase): kind for kind, words in lx["anaphors"].items() for phrase in words}
        self.non_sources = frozenset(w.lower() for w in lx["non_sources"])
        self.colon_labels = frozenset(_norm(w) for w in lx.get("colon_non_sources", []))
        self.openers = frozenset(_norm(w) for w in lx.get("source_openers", []))
        self.heads = frozenset(_norm(w).split()[-1] for name in ("anonymous_heads", "unnamed_group_heads",
                                                                 "document_heads", "person_titles")
                               for w in lx.get(name, []))
        self.titles = frozenset(_norm(w) for w in lx["person_titles"])
        self.anonymous_heads = frozenset(_norm(w).split()[-1] for w in lx["anonymous_heads"]) | _SPOKES
        self.document_heads = frozenset(_norm(w).split()[-1] for w in lx["document_heads"])
        self.group_heads = frozenset(_norm(w).split()[-1] for w in lx["unnamed_group_heads"]) - {"many", "some", "all"}
        self.org_heads = frozenset(_norm(w) for w in lx.get("org_heads", []))
        self.plain = self.openers | frozenset(_norm(w) for w in lx["anonymous_role_markers"]) \
            | frozenset("law enforcement officials officers administration".split())
        self.outlet_name_re = re.compile(phrase_pattern(lx.get("outlet_names", [])), re.IGNORECASE)
        self.person_nouns = self.titles | frozenset(_norm(w) for w in lx.get("person_nouns", []))
        self.heads |= self.person_nouns | frozenset(_norm(w) for w in lx.get("org_heads", []))
        self.ambiguous = frozenset(_norm(w) for w in lx.get("noun_like_verbs", []))

    # -- public -----------------------------------------------------------------------------

    def claims(self, doc: Document) -> list[Claim]:
        """Headline and sentences of the audited regions, with attribution carried over within the article."""
        text = doc.text
        spans: list[tuple[int, int, int, bool]] = []
        if doc.headline:
            spans.append((doc.headline.start, doc.headline.end, 0, True))
        spans += [(s.start, s.end, s.paragraph, False) for s in segment(text, doc.regions)]
        order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        starts = [spans[i][0] for i in order]

        def bucket(matches) -> list[list]:
            out: list[list] = [[] for _ in spans]
            for a, b, item in matches:
                k = bisect_right(starts, a) - 1
                if k >= 0:
                    i = order[k]
                    if b <= spans[i][1]:
                        s0 = spans[i][0]
                        out[i].append((a - s0, b - s0, item))
            return out

        low = text.lower()
        if len(low) != len(text):                         # a character whose lower case is longer: keep offsets
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        mentions = bucket(self.registry.find(text))
        roles, scan = self.roles, self.scan_re.finditer

        publisher = self.registry.lookup(doc.outlet) if doc.outlet else None
        credit = self._credit(doc)
        history: list[tuple[str, _Ref]] = []
        claims: list[Claim] = []
        seen: dict[str, int] = {}
        for index, (start, end, paragraph, is_headline) in enumerate(spans):
            sentence = text[start:end]
            norm = " ".join(sentence.split()).lower()
            seen[norm] = seen.get(norm, 0) + 1
            cid = hashlib.sha1(f"{doc.path}\0{norm}\0{seen[norm]}".encode()).hexdigest()[:10]
            line, col = doc.position(start)
            claim = Claim(id=cid, document=doc.id, text=sentence, start=start, end=end, line=line, col=col,
                          is_headline=is_headline, paragraph=paragraph, index=index)
            claim.quantities = self.figures.read(sentence, start)
            hits = [(m.start() - start, m.end() - start, roles.get(m.group()) or roles[_norm(m.group())])
                    for m in scan(low, start, end)]
            claim.entities = self._entities(sentence, start, mentions[index])
            if hits:
                claim.hedged = any("hedge" in r for _, _, r in hits)
                hits = [h for h in hits if h[2] != _HEDGE_ONLY]
            claim.attribution = self._attribute(sentence, start, is_headline, publisher, history, claim.id,
                                                hits, mentions[index])
            if claim.attribution.kind == "none" and credit and not is_headline:
                claim.attribution.via, claim.attribution.via_spans = credit
            claims.append(claim)
        return claims

    def classify(self, np: str, sentence: str = "", history: list | None = None) -> str:
        """The attribution kind of a source phrase on its own (history: earlier attributions, for anaphors)."""
        src = _Source(0, len(np), np)
        return self._classify(np, sentence or np, 0, src, history or []).kind

    # -- attribution ------------------------------------------------------------------------

    def _attribute(self, s: str, base: int, is_headline: bool, publisher: Actor | None,
                   history: list[tuple[str, _Ref]], claim_id: str, hits=(), mentions=()) -> Attribution:
        if not hits and not mentions and ":" not in s and not _has_dash(s):
            return Attribution()                          # nothing that could be a cue: the common case
        outlets = [(a, b, actor) for a, b, actor in mentions if actor.kind == "outlet"]
        via: list[tuple[int, int, Actor]] = []
        for a, b, actor in outlets:
            if self.via_marker_re.search(s, max(0, a - 40), a) or self._is_credit(s, a, b):
                if publisher is None or self.registry.root(actor).name != self.registry.root(publisher).name:
                    via.append((a, b, actor))
        best: tuple[_Cue, _Source] | None = None
        outlet_only: tuple[_Cue, _Source] | None = None
        fallback: _Cue | None = None
        cues = self._cues(s, hits, outlets, is_headline)
        if cues:
            quotes = _quoted(s)
            cues.sort(key=lambda c: (_PRIORITY[c.kind] + (5 if _inside(quotes, c.start) else 0), c.start))
            for cue in cues:
                if cue.kind == "sourceless":
                    fallback = fallback or cue
                    continue
                src = self._source(s, cue, quotes)
                if src is _COORDINATED:                   # a cue, but no source for the whole sentence
                    if not _inside(quotes, cue.start):
                        fallback = fallback or cue
                    continue
                if src is None:
                    if cue.kind in ("speech", "prep", "noun") and not _inside(quotes, cue.start) \
                            and _norm(cue.text) not in self.ambiguous:
                        fallback = fallback or cue
                    continue
                if src.name == _LONG_TAIL:
                    if cue.kind not in ("speech", "noun"):
                        continue
                    src.name = None
                if cue.kind in ("belief", "stance") and not self._sourcey(src):
                    continue
                if _norm(cue.text) in _SEEMING and _norm(src.text) not in ("he", "she", "they") \
                        and self._classify(src.text, s, 0, src, history).kind not in ("named_person", "anonymous"):
                    continue                              # "The deal seems unlikely": not a belief
                if cue.kind in _NEEDS_SOURCE and _norm(src.name or src.text) in self.non_sources:
                    continue                              # "It goes without saying"
                if self._only_outlet(src, outlets):
                    outlet_only = outlet_only or (cue, src)
                    continue
                best = (cue, src)
                break
        chosen = best or outlet_only
        if chosen is None:
            attribution = Attribution()
            if fallback is not None:
                attribution.cue = fallback.text.strip()
                attribution.cue_span = Span(base + fallback.start, base + fallback.end, fallback.text)
        else:
            cue, src = chosen
            attribution = self._classify(src.name or src.text, s, base, src, history)
            attribution.cue = cue.text.strip()
            attribution.cue_span = Span(base + cue.start, base + cue.end, cue.text)
            if attribution.source_span is None:
                attribution.source_span = Span(base + src.start, base + src.end, src.text)
                attribution.source = attribution.source or src.name or src.text
            if publisher and attribution.kind == "outlet" and attribution.actor == publisher.name:
                attribution.kind = "self"
            if attribution.kind != "none":
                history.append((attribution.kind, _Ref(claim_id, attribution)))
        own = [(a, b, actor) for a, b, actor in via if actor.name not in attribution.via]
        attribution.via = [actor.name for _, _, actor in sorted(own, key=lambda v: -v[0])] + attribution.via
        attribution.via_spans = [Span(base + a, base + b, s[a:b]) for a, b, _ in sorted(own, key=lambda v: -v[0])] \
            + attribution.via_spans
        if attribution.kind == "outlet" and not attribution.via and attribution.actor:
            attribution.via = [attribution.actor]
            attribution.via_spans = [attribution.source_span] if attribution.source_span else []
        return attribution

    def _cues(self, s: str, hits, outlets, is_headline: bool) -> list[_Cue]:
        cues: list[_Cue] = []
        for a, b, _ in outlets:
            if self._is_credit(s, a, b):
                cues.append(_Cue("credit", a, b, s[a:b]))
        title_case = None
        for a, b, roles in hits:
            word = s[a:b]
            if "pnoun" in roles or "pronnoun" in roles or "cnoun" in roles:
                lead = s[max(0, a - 40):a]
                m = self.possessor_re.search(lead) if "pnoun" in roles else None
                if m:                                     # "Trump's criticism", "Al-Arouri's statement"
                    start = a - len(lead) + m.start()
                    cues.append(_Cue("possessive", start, b, s[start:b]))
                    continue
                m = self.pronoun_possessor_re.search(lead.lower()) if "pronnoun" in roles else None
                if m:                                     # "his statement"
                    start = a - len(lead) + m.start()
                    cues.append(_Cue("pronposs", start, b, s[start:b]))
                    continue
                m = self.noun_verb_re.search(lead.lower()) if "cnoun" in roles else None
                if m:                                     # "has made a startling announcement"
                    start = a - len(lead) + m.start()
                    cues.append(_Cue("noun", start, b, s[start:b]))
                    continue
            if "prep" in roles:
                low = _norm(word)
                if low == "per" and not re.match(r"\s+(?:the\s+|a\s+)?[A-Z]", s[b:]):
                    continue                              # "per student"
                if low in ("comes from", "came from", "come from") and not re.search(
                        r"(?:update|information|report|news|claim|figures?|estimates?|word|data|tip|leak|account|"
                        r"details?|revelations?)\s*$", s[max(0, a - 40):a], re.I):
                    continue                              # "she came from the Middle East"
                cues.append(_Cue("prep", a, b, word))
                continue
            low = _norm(word)
            kind = self.category.get(low)
            if kind is None:
                continue
            if a > 0 and word[0].isupper():
                if title_case is None:
                    title_case = is_headline or _title_case(s)
                if not title_case or (low == "states" and s[:a].rstrip().endswith("United")):
                    continue                              # "the United States", not a verb
            before = s[max(0, a - 40):a]
            tokens = before.split()
            while len(tokens) > 1 and tokens[-1].lower() in _FILLER:
                tokens.pop()                              # "The poll also shows": look past the adverb
            prev_raw = tokens[-1] if tokens else ""
            prev = prev_raw.lower()
            if (prev in _POSSESSORS if low in self.ambiguous else prev in _DETERMINERS_STRICT) \
                    or prev.endswith(("'s", "’s", "s'", "s’")):
                continue                                  # "the claims", "Trump's plans", "the alleged": not a verb
            after = s[b:b + 20]
            if low in _STRICT and not re.match(r"\s*(?:that\b|[\"“‘':,]|''|$|[.!?]\s*[\"”’']?\s*$|(?:on|last|this|earlier)\b)",
                                              after):
                continue
            if low in self.ambiguous:
                if re.match(r"\s+(?:show|shows|showed|say|says|said|suggest|suggests|found|find|indicate|have|had|"
                            r"are|were|is|was|of|from|and|in|for|by|to\s+the)\b", after):
                    continue                              # "FEC reports show": a noun
                if not (prev_raw[:1].isupper() and prev not in _NAME_STOP and prev not in _LEADING
                        and prev not in _CLAUSE_WORDS) and prev not in _PRONOUNS \
                        and prev.strip(",") not in self.heads and not re.match(r"\s*(?:that\b|[\"“:])", after):
                    continue
            if low == "called" and re.search(r"(?:so-|\ba|\ban|\bthe)\s*\S*\s*$", before, re.I) \
                    and not re.match(r"\s+(?:for|on|him|her|them|it|the|a|an|his|their)\b", s[b:], re.I):
                continue                                  # "a group called X", "so-called"
            if " " not in low and not low.endswith(("s", "ed", "ing")) and low not in _IRREGULAR_PAST and (
                    not prev or prev_raw.endswith((".", "!", "?")) or prev in ("now", "just", "please", "let's")):
                continue                                  # "Now tell us", "Don't blame Bush.": imperatives
            if kind == "evidence" and low in ("show", "shown"):
                if prev not in ("polls", "surveys", "data", "studies", "numbers", "figures", "records",
                                "results", "documents", "reports", "emails", "estimates", "to", "that"):
                    continue
            cues.append(_Cue(kind, a, b, word))
        dash = _DASH_CREDIT.search(s) if _has_dash(s) else None
        if dash and not self._colon_source(dash.group("src")):
            dash = None
        if dash:
            d = dash.start("dash")
            cues.append(_Cue("dash", d, dash.end("dash"), s[d:dash.end("dash")]))
        if "“" in s or '"' in s or "''" in s:
            for m in _QUOTE_INTRO.finditer(s):             # 'Trump boasted, "..."': the word before a quotation
                word = m.group(1)
                if word in _VERBISH or word in self.category or word.endswith(("ed", "s")) and word not in _NOT_VERBS:
                    cues.append(_Cue("quote_intro", m.start(1), m.end(1), word))
                    break
        if "by" in s:
            for m in _BY_AGENT.finditer(s):                # "endorsed by the AFL-CIO": the agent is the source
                if self.category.get(m.group(1).lower()) in ("stance", "speech", "belief", "evidence"):
                    cues.append(_Cue("by_agent", m.start(1), m.end(1), m.group(1)))
                    break
        for m in _POLL_IN.finditer(s) if ("poll" in s or "survey" in s) else ():
            cues.append(_Cue("poll_in", m.start(1), m.end(1), m.group(1)))   # "leads in the latest CNN poll"
            break
        colon = _COLON.search(s) if ":" in s[:120] else None
        if colon and self._colon_source(colon.group("src")):
            cues.append(_Cue("colon", colon.end() - 1, colon.end(), ":"))
        return cues

    def _colon_source(self, src: str) -> bool:
        low = _norm(src)
        if low in self.colon_labels or low in _NAME_STOP or len(low.split()) > 7:
            return False
        mention = self.registry.lookup(src)
        return not (mention is not None and mention.kind == "state") and low not in _NATIONALITIES

    @staticmethod
    def _is_credit(s: str, a: int, b: int) -> bool:
        """A headline credit: "...: NYT" at the end of the sentence."""
        return s[b:].strip(" .") == "" and s[:a].rstrip().endswith(":")

    def _only_outlet(self, src: _Source, outlets) -> bool:
        """The source names nothing but an outlet (kept as via when another source exists)."""
        body = src.text.strip(_TRIM)
        for a, b, _ in outlets:
            if src.start <= a and b <= src.end:
                rest = (src.text[: a - src.start] + src.text[b - src.start:]).strip(_TRIM).lower()
                rest = re.sub(r"^(?:the|a report by|a report from|the american|american)\s*", "", rest)
                if not rest or rest in {"the", "a report by", "network"}:
                    return True
        return not body

    def _source(self, s: str, cue: _Cue, quotes) -> _Source | None:
        kind = cue.kind
        if kind == "credit":
            return _Source(cue.start, cue.end, cue.text)
        if kind == "prep":
            return self._after(s, cue.end)
        if kind == "colon":
            m = _COLON.search(s)
            return self._span(s, m.start("src"), m.end("src"))
        if kind == "quote_intro":
            src = self._subject(s, cue.start, quotes, "speech")
            return src
        if kind == "by_agent":
            return self._after(s, cue.end + len(re.match(r"\s+by\s+", s[cue.end:]).group()) - 1)
        if kind == "poll_in":
            m = _POLL_IN.match(s, cue.start)
            return self._span(s, m.start(2), m.end(2))
        if kind == "dash":
            m = _DASH_CREDIT.search(s)
            return self._span(s, m.start("src"), m.end("src"))
        if kind == "possessive":
            return self._possessor(s, cue)
        if kind == "participle":
            before = s[:cue.start].rstrip()
            if before.endswith((",", "—", "–")):
                return self._main_subject(s, cue.start)
            tokens = before.split()
            prev = tokens[-1].lower() if tokens else ""
            if prev in ("by", "after", "before", "while", "when", "without", "in"):
                return self._main_subject(s, len(before) - len(prev))
            m = re.search(r"(?<![\w-])with\s+([^,;:“\"]{2,80})$", before)
            if m:                                         # "with Netanyahu declaring ..."
                return self._np(s, m.start(1), m.end(1))
            return self._subject(s, cue.start, quotes, "progressive")
        if kind == "pronposs":
            word = cue.text.split()[0]
            return _Source(cue.start, cue.start + len(word), word)
        before = s[:cue.start].rstrip()
        if kind == "speech" and before.endswith(("”", '"', "''", "’")):
            src = self._inverted(s, cue.end)              # '"...," said X.'
            if src is not None:
                return src
        elif kind == "speech" and before.endswith(","):  # "X, a Y, said" or "..., said X, a Y."
            src = self._subject(s, cue.start, quotes, kind)
            return src if src is not None else self._inverted(s, cue.end)
        last = before.rsplit(None, 1)[-1].lower() if before else ""
        if last in _BE and not cue.text.lower().endswith("ing"):
            return None                                   # passive: "is estimated", "was told"
        src = self._subject(s, cue.start, quotes, kind)
        if src is None and kind == "speech" and not before:
            src = self._inverted(s, cue.end)
        if src is not None and kind == "belief" and src.text.lower() in ("i", "we", "you"):
            return None
        if src is not None and kind == "evidence" and not self._evidence_subject(src.text) \
                and not re.match(r"\s*that\b", s[cue.end:]):
            return None
        return src

    def _sourcey(self, src: _Source) -> bool:
        """A subject that can hold a belief or take a stance: a name, pronoun, group or anonymous descriptor."""
        np = src.name or src.text
        low = _norm(np)
        if low in ("i", "we", "you", "it"):
            return False
        if low in self.anaphors or low in _PRONOUNS:
            return True
        if any(w[:1].isupper() for w in np.split()[1:]) or (np[:1].isupper() and low.split()[0] not in _POSSESSORS):
            return True
        head = low.split()[-1]
        return bool(self.group_re.match(low) or self.anonymous_re.match(low)) or head in self.person_nouns \
            or (head.endswith(_PEOPLE_SUFFIXES) and len(low.split()) <= 4)

    def _evidence_subject(self, np: str) -> bool:
        low = _norm(np)
        return bool(self.document_start_re.match(low) or self.group_re.match(low) or low in self.anaphors
                    or self.anonymous_re.match(low))

    def _after(self, s: str, pos: int) -> _Source | None:
        """The noun phrase after a prepositional cue, up to punctuation or a clause marker."""
        m = _NP_END.search(s, pos + 1)
        end = m.start() if m else len(s)
        return self._span(s, pos, end)

    def _possessor(self, s: str, cue: _Cue) -> _Source | None:
        text = cue.text
        if text[:1] in "’'":                               # "Trump's criticism": the name before
            m = _NAME_TAIL.search(s, 0, cue.start)
            if not m:
                return None
            end = cue.start + (2 if text[1:2].lower() == "s" else 1)
            name = s[m.start(1):m.end(1)]
            if name.lower() in _NAME_STOP:
                return None
            return _Source(m.start(1), end, s[m.start(1):end], name)
        word = text.split()[0]                            # "his criticism": the possessive pronoun
        return _Source(cue.start, cue.start + len(word), word)

    def _subject(self, s: str, pos: int, quotes, kind: str) -> _Source | None:
        """The noun phrase before a cue, skipping quotes, auxiliaries and adverbs; appositives kept."""
        start = 0
        for m in _QUOTE_CLOSE.finditer(s, 0, pos):
            start = m.end()
        if quotes:
            for a, b in quotes:
                if a < pos <= b:
                    start = max(start, a)
        words = [(m.start(), m.end()) for m in _WORDS.finditer(s, max(start, pos - 300), pos)]
        while words:
            w = s[words[-1][0]:words[-1][1]]
            wl = w.lower().rstrip(",")
            if wl == "to" and len(words) > 1 and s[words[-2][0]:words[-2][1]].lower() in _TO_VERBS:
                words.pop()                               # "appeared to assert", "went on to say"
                words.pop()
                continue
            if wl == "on" and len(words) > 2 and s[words[-2][0]:words[-2][1]].lower() == "went":
                words.pop()
                words.pop()
                continue
            if wl in _FILLER or wl.endswith("n't") or (w.islower() and wl.endswith("ly") and len(wl) > 4):
                if w.endswith(",") and len(words) > 1:
                    words.pop()                           # "Hunter, meanwhile, told": keep the comma before
                    a, b = words[-1]
                    if not s[a:b].endswith(","):
                        break
                    continue
                words.pop()
                continue
            break
        if not words:
            return None
        last = s[words[-1][0]:words[-1][1]].lower().rstrip(",")
        if kind == "progressive":                         # "he is saying", "He’s praising"
            if last in _BE and len(words) > 1:
                words.pop()
                last = s[words[-1][0]:words[-1][1]].lower().rstrip(",")
            elif last.endswith(("’s", "'s")) and (last[:-2] in _PRONOUNS or last[:1].isupper() or
                                                  s[words[-1][0]].isupper()):
                a, b = words[-1]
                words[-1] = (a, b - 2)
                last = last[:-2]
            else:
                return None
        elif last in _BE and kind != "belief":
            return None
        if last in ("and", "but"):
            return _COORDINATED  # "Hamas captured 240 and said ...": the cue covers the second half only
        if last in ("who", "which") and len(words) > 1:
            head = s[:words[-1][0]].rstrip().rstrip(",")
            m = _NAME_TAIL.search(head)
            if m and m.group(1).lower() not in _NAME_STOP:   # "X, who said": the span is "who", the source X
                a, b = words[-1]
                return _Source(a, a + len(last), s[a:a + len(last)], self._strip_leading(m.group(1)))
            return None
        # clause boundary: the last subordinator, ", and", ";", ":" or a dash before the cue
        first = 0
        for i in range(len(words) - 1, -1, -1):
            a, b = words[i]
            w = s[a:b]
            wl = w.lower()
            if i < len(words) - 1 and (w.endswith((";", ":")) or w in ("—", "–", "-", "--")):
                first = i + 1
                break
            if wl in _CLAUSE_WORDS and i < len(words) - 1 and w.islower():
                if wl == "as" and i + 1 < len(words) and s[words[i + 1][0]:words[i + 1][1]].lower() == "well":
                    continue
                if wl == "as" and i > 0 and s[words[i - 1][0]:words[i - 1][1]].lower() in ("well", "such"):
                    continue
                first = i + 1
                break
            if wl == "and" and 0 < i < len(words) - 1 and (
                    s[words[i + 1][0]:words[i + 1][1]].lower() in _PRONOUNS or s[words[i - 1][0]:words[i - 1][1]].endswith(",")):
                first = i + 1
                break
        words = words[first:]
        if not words:
            return None
        a, b = words[0][0], words[-1][1]
        if s[a:b].endswith(","):                          # "X, a Y, said": keep the appositive
            parts = _split_commas(s, a, b - 1)
            keep = len(parts) - 1
            while keep > 0 and len(parts) - keep < 5 and (
                    self._appositive(s[parts[keep][0]:parts[keep][1]]) or _PARENTHETICAL.match(s, parts[keep][0])):
                keep -= 1
            if keep > 0 and self._title_segment(s[parts[keep - 1][0]:parts[keep - 1][1]]):
                keep -= 1                                 # "the Prosecutor of the ICC, Karim Khan, said"
            end = b - 1
            for k in range(keep + 1, len(parts)):         # stop before a parenthetical: "Clinton, without naming him,"
                if _PARENTHETICAL.match(s, parts[k][0]):
                    end = parts[k - 1][1]
                    break
            return self._np(s, parts[keep][0], end)
        parts = _split_commas(s, a, b)
        return self._np(s, parts[-1][0], b)

    def _strip_leading(self, name: str) -> str:
        m = _INTRO.match(name)
        return name[m.end():] if m and m.end() < len(name) else name

    def _title_segment(self, seg: str) -> bool:
        """A role before a name in commas: "Hamas's deputy chief", "the Prosecutor of the ICC"."""
        seg = seg.strip()
        words = seg.split()
        if not words or len(words) > 9 or _INTRO.match(seg) or re.match(r"(?:In|On|At|During|After|Before|For|"
                                                                       r"With|Since|Last|This)\b", seg):
            return False
        return self.title_re.search(seg) is not None and not re.search(r"[\"“”]", seg)

    def _appositive(self, seg: str) -> bool:
        """A comma segment that describes a name rather than starting the subject."""
        seg = seg.strip()
        if not seg or _PARENTHETICAL.match(seg):
            return False
        w = seg.split()[0]
        wl = w.lower()
        return (w[0].islower() and wl not in _LEADING) or wl in ("a", "an", "the", "who", "whose", "which") \
            or bool(re.fullmatch(r"[RDI]-[A-Z][\w.]*\.?|\(?[RDI]-?\w*\.?\)?|\d{1,3}|[A-Z][a-z]{1,4}\.", seg)) \
            or bool(re.match(r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*[’']s?\s+[a-z]", seg))

    def _np(self, s: str, a: int, b: int) -> _Source | None:
        """Clean a candidate subject: drop introductions, reject clauses and long phrases."""
        src = self._span(s, a, b)
        if src is None:
            return None
        a, b, text = src.start, src.end, src.text
        m = _INTRO.match(text)
        if m and m.end() < len(text):
            a += m.end()
            text = s[a:b]
        words = text.split()
        if not words:
            return None
        first = words[0].lower()
        head = _norm(words[-1]).strip("'s").rstrip("'")
        if len(words) > 14 and "," not in text:
            m = _NAME_TAIL.search(text)
            if m:
                tail = self._span(s, a + m.start(1), a + m.end(1))
                if tail is not None:
                    tail.name = _LONG_TAIL        # a guess: only reporting verbs take it
                return tail
            return None
        if len(words) > 30:
            return None
        core = text.split(",")[0]
        if _MODALS.search(core.lower()) or any(w in _VERBISH for w in core.split()[1:]):
            return None
        if words[0][0].islower() and not words[0][0].isdigit():
            if first not in self.openers and first not in _PRONOUNS and _norm(text) not in self.anaphors \
                    and head not in self.heads and first not in self.titles \
                    and not (len(core.split()) <= 8 and any(w[0].isupper() for w in core.split()[1:])) \
                    and not re.match(r"(?:al|el)-[A-Z]", words[0]):
                return None
            if len(core.split()) > 8 and not any(w[0].isupper() for w in core.split()):
                return None
        if first in _LEADING or words[-1].lower() in _LEADING:
            return None
        return _Source(a, b, text)

    def _inverted(self, s: str, pos: int) -> _Source | None:
        """'..., said Abu Obeida.' / '..., said Mark Jones, a professor at Rice.': the noun phrase after the cue."""
        rest_end = len(s.rstrip().rstrip("\"”’'").rstrip(".!?"))
        m = re.match(r"\s+", s[pos:])
        a = pos + (m.end() if m else 0)
        if a >= rest_end:
            return None
        cut = _INVERTED_CUT.search(s, a, rest_end)
        end = cut.start() if cut else rest_end
        q = re.search(r"[“\"]|\s''", s[a:end])
        if q:
            end = a + q.start()
        text = s[a:end].rstrip(" ,;:")
        words = text.split()
        if not words:
            return None
        first = words[0]
        if not (first[0].isupper() or first.lower() in self.openers or first.lower() in ("he", "she", "they")):
            return None
        if first.lower() in ("that", "this", "it", "there") or first.lower() in _CLAUSE_WORDS:
            return None
        head = text.split(",")[0]
        if _MODALS.search(head.lower()) or len(head.split()) > 9 or len(words) > 40:
            return None
        return self._span(s, a, a + len(text))

    def _main_subject(self, s: str, limit: int) -> _Source | None:
        """The subject of a sentence's main clause, for a participle cue ("X rejected it, saying ...")."""
        a = 0
        for _ in range(3):                                # introductions: "On Tuesday,", "When ..., ", "And"
            lead = _LEAD_CLAUSE.match(s, a, limit)
            if lead:
                a = lead.end()
                continue
            m = _INTRO.match(s, a)
            if m and m.end() > a:
                a = m.end()
                continue
            break
        rest = s[a:limit]
        w = re.match(r"(?:he|she|they|it|we|i)\b", rest, re.IGNORECASE)
        if w:
            return _Source(a, a + w.end(), rest[:w.end()])
        end = None
        for m in _WORDS.finditer(s, a, limit):
            tok = m.group()
            low = tok.lower().rstrip(",")
            if tok[0].islower() and (low in _VERBISH or low in _FILLER or low in _CLAUSE_WORDS or low in ("who", "which")
                                     or (low.endswith(("ed", "ly")) and low not in self.openers and low not in self.heads)
                                     or low in self.category):
                break
            end = m.end()
            if tok.endswith(","):
                break
        if end is None:
            return None
        return self._np(s, a, end)

    @staticmethod
    def _span(s: str, a: int, b: int) -> _Source | None:
        while a < b and s[a] in _TRIM:
            a += 1
        while b > a and s[b - 1] in _TRIM:
            b -= 1
        if b > a and s[b - 1] == "." and not re.search(r"(?:\b[A-Z]|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|Mo|Ill|Fla|Calif|"
                                                      r"Conn|Mass|Va|Wis|Mich|Pa|Tenn|Tex|Ky|Ga|Ala|La|Md|Nev|Ore|Ariz|"
                                                      r"Colo|Minn|Okla|Wash|Del|Kan|Neb|Ind|Ark|Miss)\.)$", s[a:b]):
            b -= 1
        return _Source(a, b, s[a:b]) if b > a else None

    # -- classification ---------------------------------------------------------------------

    def _classify(self, np: str, s: str, base: int, src: _Source,
                  history: list[tuple[str, _Ref]]) -> Attribution:
        low = " ".join(np.lower().replace("’", "'").split())
        if low in self.non_sources:
            return Attribution()
        span = Span(base + src.start, base + src.end, src.text)
        if low in _FIRST_PERSON:                          # the writer's own voice (cues in quotes come last)
            return Attribution(kind="self", source=np, source_span=span)
        anaphor = self.anaphors.get(low)
        if anaphor is None:                               # "the source, who spoke on condition of anonymity,"
            head = _HEAD_CUT.split(np, 1)[0]
            if not any(w[:1].isupper() for w in np[len(head):].split()):
                anaphor = self.anaphors.get(_norm(head))
        if anaphor:                                       # "he", "the source, who spoke on condition of ...,"
            return self._carry_over(anaphor, low, history, s, base, src)
        mentions = self.registry.find(np)
        person = next((actor for _, _, actor in mentions if actor.kind == "person"), None)
        org = next((actor for _, _, actor in mentions if actor.kind in ("org", "state", "group")), None)
        outlet = next((actor for _, _, actor in mentions if actor.kind == "outlet"), None)
        masked = np
        for a, b, _ in mentions:
            masked = masked[:a] + " " * (b - a) + masked[b:]
        name = self._person_name(masked)
        actor = person or org
        rooted = self.registry.root(actor).name if actor else None
        # The head of the phrase decides: "advisers to Mr. Obama" are advisers, "Republican activists
        # clamoring to block Donald Trump" are activists, "a report by The New York Times" is a report.
        head_np = _HEAD_CUT.split(np, 1)[0]
        m = _ONE_OF.match(np)
        if m:                                             # "one of Mr. Obama's climate advisers"
            head_np = _HEAD_CUT.split(np[m.end():], 1)[0]
        head_low = " ".join(head_np.lower().replace("’", "'").split())
        if name or person:
            head_masked = _POSSESSOR.sub(" ", masked[:len(head_np)])
            head_name = self._person_name(head_masked) or any(a < len(head_np) and actor.kind == "person"
                                                              for a, _, actor in mentions if not _possessed(np, a))
        else:
            head_name = False
        words = head_low.split()
        head = _strip_possessive(words[-1]) if words else ""
        comma = np.find(",")
        appositive_name = comma > 0 and bool(name or person) and (
            any(self._person_name(seg) for seg in masked[comma:].split(",") if _CAPWORD.match(seg.strip()))
            or any(a > comma and actor.kind == "person" for a, _, actor in mentions))
        if head in self.anonymous_heads and not head_name and not appositive_name:
            scope = _RELATIVE.split(np, 1)[0]             # "a spokesman for the Jupiter Police Department"
            if head in _SPOKES:                           # an institution's own voice
                if org or _institution(scope[:-len(head) - 1] if scope.lower().endswith(head) else scope, self.plain):
                    return Attribution(kind="named_org", source=np, source_span=span, actor=rooted)
            elif head in _OFFICIALS_PLURAL and not self._collective(head_low) and (
                    (org and org.kind != "state") or _institution(scope.replace(head_np, head_np.rsplit(" ", 1)[0])
                                                                  if " " in head_np else scope[len(head_np):], self.plain)):
                return Attribution(kind="named_org", source=np, source_span=span, actor=rooted)
            if self._collective(low):
                return Attribution(kind="unnamed_group", source=np, source_span=span, actor=rooted)
            if head in _GENERIC_ANON and not self.role_re.search(low) and not self.condition_re.search(s) \
                    and not self.reason_re.search(s):
                return Attribution(kind="unnamed_group", source=np, source_span=span)
            return self._anonymous(np, low, s, base, span, org)
        if head in self.document_heads and not head_name:
            if outlet:
                return Attribution(kind="outlet", source=np, source_span=span, actor=outlet.name)
            return Attribution(kind="document", source=np, source_span=span, actor=rooted)
        if head in self.group_heads and not head_name and not (org and org.kind != "state"):
            return Attribution(kind="unnamed_group", source=np, source_span=span, actor=rooted)
        if person or name or appositive_name or _HONORIFIC.search(np):
            return Attribution(kind="named_person", source=np, source_span=span, actor=rooted)
        if org:
            return Attribution(kind="named_org", source=np, source_span=span, actor=rooted)
        if outlet:
            return Attribution(kind="outlet", source=np, source_span=span, actor=outlet.name)
        m = self.outlet_name_re.search(np)
        if m and all(w[:1].isupper() or w in ("the", "of") for w in m.group().split()):
            return Attribution(kind="outlet", source=np, source_span=span)
        if head in self.org_heads or any(m.group()[0].isupper() for m in self.org_word_re.finditer(head_np)):
            return Attribution(kind="named_org", source=np, source_span=span)
        if self.group_re.match(low) or (words and words[0] in _QUANTIFIERS):
            return Attribution(kind="unnamed_group", source=np, source_span=span)
        if head in self.titles and words[0] in ("the",) + _POSSESSIVE_PRONOUNS or (len(words) > 1 and words[0].endswith("'s")
                                                                                    and head in self.titles):
            return Attribution(kind="named_person", source=np, source_span=span)   # "the state's governor"
        if _CAPWORD.fullmatch(np.strip()) and low not in _NAME_STOP and low not in _NATIONALITIES:
            return Attribution(kind="named_person", source=np, source_span=span)
        return Attribution(kind="unnamed_group", source=np, source_span=span)

    def _collective(self, low: str) -> bool:
        """ "Palestinian officials": a plural described only by nationality is a vague collective."""
        words = low.split()
        if words[-1] not in _PLURAL_HEADS or words[-1] in ("sources", "leaks") or self.role_re.search(low):
            return False
        return all(w in _NATIONALITIES or w in ("the", "and", "some", "many") for w in words[:-1]) and len(words) > 1

    def _person_name(self, text: str) -> str | None:
        """A proper name of a person: capitalised words that are not titles, nationalities or organisations."""
        for m in _CAPSEQ.finditer(text):
            words = [w for w in m.group().split() if w.lower() not in ("of", "the", "for")]
            names = []
            for w in words:
                base = _strip_possessive(w.lower().replace("’", "'"))
                if base in _NAME_STOP or base in _NATIONALITIES or base in _NOT_NAMES or _NUMBER_WORD.fullmatch(base) \
                        or self.title_re.fullmatch(w) or self.org_word_re.fullmatch(w):
                    continue
                names.append(w)
            if not names or self.org_word_re.search(m.group()) or words[-1].lower() in self.org_heads:
                continue
            titled = self.title_re.search(text[:m.start()] + " " + m.group())
            if len(names) >= 2 or (titled and names) or "-" in names[0]:
                return " ".join(names)
        return None

    def _anonymous(self, np: str, low: str, s: str, base: int, span: Span, org: Actor | None) -> Attribution:
        aff = self.affiliation_re.search(low)
        affiliation = self.registry.root(org).name if org else (np[aff.start():aff.end()] if aff else None)
        reason = self.reason_re.search(s)
        m = self.anonymous_re.match(low)
        head = m.group().split()[-1] if m else _strip_possessive(_HEAD_CUT.split(low, 1)[0].split()[-1])
        anonymity = Anonymity(
            descriptor=np, role_given=self.role_re.search(low) is not None, affiliation=affiliation,
            reason_given=reason is not None,
            reason=Span(base + reason.start(), base + reason.end(), reason.group()) if reason else None,
            plural=head in _PLURAL_HEADS)
        return Attribution(kind="anonymous", source=np, source_span=span,
                           actor=self.registry.root(org).name if org else None, anonymity=anonymity)

    def _carry_over(self, anaphor: str, low: str, history, s: str, base: int, src: _Source) -> Attribution:
        """Resolve "he", "the source", "the report" to the last compatible attribution in the article."""
        wanted = {"person": ("named_person", "anonymous"), "anonymous": ("anonymous",),
                  "group": ("named_org", "outlet", "unnamed_group", "self"), "org": ("named_org",),
                  "outlet": ("outlet", "self"), "document": ("document", "outlet", "self")}[anaphor]
        span = Span(base + src.start, base + src.end, src.text)
        recent = list(reversed(history[-12:]))
        if anaphor == "org":                              # "the authority" -> "the Israeli Broadcasting Authority"
            word = low.split()[-1]
            named = [(k, r) for k, r in recent if k in ("named_org", "outlet", "self")
                     and word in (r.attribution.source or "").lower()]
            recent = named + [(k, r) for k, r in recent if k == "named_org"]
            wanted = ("named_org", "outlet", "self")
        for kind, ref in recent:
            if kind in wanted:
                prior = ref.attribution
                anonymity = prior.anonymity
                reason = self.reason_re.search(s)
                if anonymity and reason and not anonymity.reason_given:
                    anonymity.reason_given = True
                    anonymity.reason = Span(base + reason.start(), base + reason.end(), reason.group())
                return Attribution(kind=prior.kind, source=prior.source, source_span=span, actor=prior.actor,
                                   via=list(prior.via), via_spans=list(prior.via_spans), anonymity=anonymity,
                                   inherited=True, inherited_from=ref.claim_id)
        kind = {"anonymous": "anonymous", "person": "named_person", "org": "named_org", "outlet": "outlet",
                "document": "document"}.get(anaphor, "unnamed_group")
        return Attribution(kind=kind, source=src.text, source_span=span,
                           anonymity=Anonymity(descriptor=src.text) if kind == "anonymous" else None)

    # -- entities and credits ---------------------------------------------------------------

    def _entities(self, s: str, base: int, mentions=None) -> list[Entity]:
        """Registry mentions (with canonical names) and other capitalised names of a sentence."""
        if mentions is None:
            mentions = self.registry.find(s)
        found = [Entity(s[a:b], base + a, base + b, actor.name, actor.kind) for a, b, actor in mentions]
        stop, entity = _NAME_STOP, Entity
        for m in _CAPSEQ.finditer(s):
            word = m.group()
            if " " not in word and word.lower() in stop:
                continue
            a, b = m.span()
            if mentions and any(x < b and a < y for x, y, _ in mentions):
                continue
            found.append(entity(word, base + a, base + b))
        if mentions:
            found.sort(key=_START)
        return found

    def _credit(self, doc: Document) -> tuple[list[str], list[Span]] | None:
        """A credit line in the page furniture ("Source: Al Jazeera + American press")."""
        for f in doc.furniture:
            if f.text.lstrip().lower().startswith(("source:", "sources:")):
                mentions = [(a, b, actor) for a, b, actor in self.registry.find(f.text) if actor.kind == "outlet"]
                if mentions:
                    return ([actor.name for _, _, actor in mentions],
                            [Span(f.start + a, f.start + b, f.text[a:b]) for a, b, _ in mentions])
        return None


@dataclass(slots=True)
class _Ref:
    claim_id: str
    attribution: Attribution


def _split_commas(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of s[a:b] as offsets."""
    parts, cursor = [], a
    for m in re.finditer(r",\s+", s[a:b]):
        parts.append((cursor, a + m.start()))
        cursor = a + m.end()
    parts.append((cursor, b))
    return parts


def _quoted(s: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (a closing mark with no opener quotes from the sentence start)."""
    if not any(ch in s for ch in "\"“”") and "''" not in s:
        return []
    spans = []
    open_at = None
    for m in re.finditer(r"“|”|\"|''", s):
        ch = m.group()
        if ch == "“" or (ch in ('"', "''") and open_at is None and (m.start() == 0 or not s[m.start() - 1].isalnum()
                                                                     or s[m.start() - 1] in " (")):
            if open_at is None:
                open_at = m.end()
            continue
        if open_at is None:
            spans.append((0, m.start()))
        else:
            spans.append((open_at, m.start()))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(s)))
    return spans


def _inside(quotes, pos: int) -> bool:
    return any(a <= pos < b for a, b in quotes)


def _title_case(s: str) -> bool:
    long_words = [w for w in s.split() if len(w) > 3 and w[0].isalpha()]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)
