"""Extraction: turn a document's sentences into claims with attribution, quantities and entities.

Deterministic and offline: every cue, descriptor and anaphor comes from rules/lexicons/attribution.yaml
and every outlet or actor from the registry. Patterns are compiled once per Extractor.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .models import Anonymity, Attribution, Claim, Document, Entity, Span
from .patterns import phrase_pattern
from .quantities import extract_quantities
from .registry import Actor, Registry
from .segment import segment

_QUOTE_CLOSE = re.compile(r"""(?:[,.!?]["”’']|”)\s""")
_NP_END = re.compile(r"[,;:.“”\"(]|\s(?:that|as|who|which)\s|$")
_TRIM = " \t\n,;:—–-\"'“”‘’()"
_BE = frozenset("is are was were be been being".split())
_FILLER = frozenset("""also further later previously has have had will would reportedly then again recently
earlier separately initially repeatedly publicly privately subsequently already immediately once just only
has had never not did does do can could may might should""".split())
_LEADING = frozenset("""and but with while as when so then however meanwhile also yet since because
although though after before where whereas thus hence moreover furthermore""".split())
_DETERMINERS = r"(?:a|an|one|two|three|four|several|some|the|these|those|other|multiple|many|few|an?other|both)"
_CAPWORD = re.compile(r"(?:[A-Z][\w’'.-]*|(?:al|el|bin|ibn|abu|de|van|von)-[A-Z][\w-]*)")
_CAPSEQ = re.compile(
    r"(?<![\w-])(?:[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w-]*)"
    r"(?:\s+(?:(?:of|the|for|al|bin|ibn|de|van|von)\s+)*(?:[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w-]*))*")
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


@dataclass(slots=True)
class _Cue:
    kind: str          # verb | noun | possessive | prep | credit
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Source:
    start: int
    end: int
    text: str


class Extractor:
    """Compiled lexicon and registry patterns; `claims(doc)` extracts a document's claims."""

    def __init__(self, lexicon: Lexicon, registry: Registry):
        self.registry = registry
        lx = lexicon
        verbs = lx["cue_verbs"]
        self.cue_re = re.compile(
            "(?P<noun>(?<![\\w-])(?:(?:has|have|had)\\s+)?(?:" + "|".join(map(re.escape, lx["cue_noun_verbs"]))
            + ")\\s+(?:(?:an?|the|this|that)\\s+)?(?:[\\w-]+\\s+)?(?:"
            + "|".join(map(re.escape, lx["cue_nouns"])) + ")(?![\\w-]))"
            + "|(?P<possessive>[’']s?\\s+" + phrase_pattern(lx["possessive_cue_nouns"])[len("(?<![\\w-])"):] + ")"
            + "|(?P<prep>" + phrase_pattern(lx["source_follows"]) + ")"
            + "|(?P<verb>" + phrase_pattern(verbs) + ")",
            re.IGNORECASE)
        self.cue_prefilter = re.compile(phrase_pattern(
            verbs + lx["source_follows"] + lx["cue_nouns"] + lx["possessive_cue_nouns"]), re.IGNORECASE)
        self.via_marker_re = re.compile(
            "(?:" + phrase_pattern(lx["via_markers"]) + r")\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
        self.anonymous_re = re.compile(
            rf"^(?:{_DETERMINERS}\s+)?(?:[\w.’'-]+\s+|and\s+){{0,4}}?"
            + phrase_pattern(lx["anonymous_heads"]), re.IGNORECASE)
        self.role_re = re.compile(phrase_pattern(lx["anonymous_role_markers"]), re.IGNORECASE)
        self.reason_re = re.compile(phrase_pattern(lx["anonymity_reasons"]), re.IGNORECASE)
        self.group_re = re.compile(
            rf"^(?:{_DETERMINERS}\s+)?(?:[\w.’'-]+\s+){{0,3}}?" + phrase_pattern(lx["unnamed_group_heads"]) + r"\s*$",
            re.IGNORECASE)
        self.document_re = re.compile(
            rf"^(?:{_DETERMINERS}\s+|[\w’'-]+[’']s?\s+)?(?:[\w.’'-]+\s+){{0,3}}?" + phrase_pattern(lx["document_heads"]),
            re.IGNORECASE)
        self.title_re = re.compile(phrase_pattern(lx["person_titles"]), re.IGNORECASE)
        self.org_word_re = re.compile(phrase_pattern(lx["org_words"]), re.IGNORECASE)
        self.affiliation_re = re.compile(phrase_pattern(lx["affiliations"]), re.IGNORECASE)
        self.hedge_re = re.compile(phrase_pattern(lx["hedges"]), re.IGNORECASE)
        self.anaphors = {phrase.lower(): kind for kind, words in lx["anaphors"].items() for phrase in words}
        self.non_sources = frozenset(w.lower() for w in lx["non_sources"])
        self.ambiguous_verbs = frozenset(v.lower() for v in verbs if v.endswith("s") and v.lower() not in
                                         {"says", "tells", "adds", "warns", "insists", "argues", "admits", "denies"})

    # -- public -----------------------------------------------------------------------------

    def claims(self, doc: Document) -> list[Claim]:
        """Headline and sentences of the audited regions, with attribution carried over within the article."""
        text = doc.text
        spans: list[tuple[int, int, int, bool]] = []
        if doc.headline:
            spans.append((doc.headline.start, doc.headline.end, 0, True))
        spans += [(s.start, s.end, s.paragraph, False) for s in segment(text, doc.regions)]
        publisher = self.registry.lookup(doc.outlet) if doc.outlet else None
        credit = self._credit(doc)
        history: list[tuple[str, Claim]] = []
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
            claim.quantities = extract_quantities(sentence, start)
            claim.entities = self._entities(sentence, start)
            claim.hedged = self.hedge_re.search(sentence) is not None
            claim.attribution = self._attribute(sentence, start, is_headline, publisher, history, claim.id)
            if claim.attribution.kind == "none" and credit and not is_headline:
                claim.attribution.via, claim.attribution.via_spans = credit
            claims.append(claim)
        return claims

    # -- attribution ------------------------------------------------------------------------

    def _attribute(self, s: str, base: int, is_headline: bool, publisher: Actor | None,
                   history: list[tuple[str, Claim]], claim_id: str) -> Attribution:
        outlets = [(a, b, actor) for a, b, actor in self.registry.find(s) if actor.kind == "outlet"]
        via: list[tuple[int, int, Actor]] = []
        for a, b, actor in outlets:
            if self.via_marker_re.search(s, max(0, a - 40), a) or self._is_credit(s, a, b):
                if publisher is None or self.registry.root(actor).name != self.registry.root(publisher).name:
                    via.append((a, b, actor))
        best: tuple[_Cue, _Source] | None = None
        outlet_only: tuple[_Cue, _Source] | None = None
        if self.cue_prefilter.search(s) or outlets:
            for cue in self._cues(s, outlets):
                src = self._source(s, cue)
                if src is None:
                    continue
                if self._only_outlet(src, outlets):
                    outlet_only = outlet_only or (cue, src)
                    continue
                best = (cue, src)
                break
        chosen = best or outlet_only
        if chosen is None:
            attribution = Attribution()
        else:
            cue, src = chosen
            attribution = self._classify(src.text, s, base, src, history)
            attribution.cue = cue.text.strip()
            attribution.cue_span = Span(base + cue.start, base + cue.end, cue.text)
            if attribution.source_span is None:
                attribution.source_span = Span(base + src.start, base + src.end, src.text)
                attribution.source = attribution.source or src.text
            if publisher and attribution.kind == "outlet" and attribution.actor == publisher.name:
                attribution.kind = "self"
            history.append((attribution.kind, _Ref(claim_id, attribution)))
        own = [(a, b, actor) for a, b, actor in via if actor.name not in attribution.via]
        attribution.via = [actor.name for _, _, actor in sorted(own, key=lambda v: -v[0])] + attribution.via
        attribution.via_spans = [Span(base + a, base + b, s[a:b]) for a, b, _ in sorted(own, key=lambda v: -v[0])] \
            + attribution.via_spans
        if attribution.kind == "outlet" and not attribution.via and attribution.actor:
            attribution.via = [attribution.actor]
            attribution.via_spans = [attribution.source_span] if attribution.source_span else []
        return attribution

    def _cues(self, s: str, outlets) -> list[_Cue]:
        cues: list[_Cue] = []
        for a, b, _ in outlets:
            if self._is_credit(s, a, b):
                cues.append(_Cue("credit", a, b, s[a:b]))
        for m in self.cue_re.finditer(s):
            kind = m.lastgroup
            word = m.group().lower()
            if kind == "verb" and m.start() > 0 and m.group()[0].isupper():
                continue                                  # "the United States", not a verb
            if kind == "verb" and word in self.ambiguous_verbs:
                after = s[m.end():m.end() + 12].lstrip()
                if not after.startswith(("that", "“", '"', ":", ",")):
                    continue
            cues.append(_Cue(kind, m.start(), m.end(), m.group()))
        return cues

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

    def _source(self, s: str, cue: _Cue) -> _Source | None:
        if cue.kind == "credit":
            return _Source(cue.start, cue.end, cue.text)
        if cue.kind == "prep":
            return self._after(s, cue.end)
        if cue.kind == "possessive":
            return self._possessor(s, cue.start)
        before = s[:cue.start].rstrip()
        last = before.rsplit(None, 1)[-1].lower() if before else ""
        if last in _BE:
            return None                                   # passive: "is estimated", "was expected"
        src = self._subject(s, cue.start)
        if src is None and cue.kind == "verb":
            src = self._inverted(s, cue.end)
        return src

    def _after(self, s: str, pos: int) -> _Source | None:
        """The noun phrase after a prepositional cue, up to punctuation or a clause marker."""
        m = _NP_END.search(s, pos)
        end = m.start() if m else len(s)
        return self._span(s, pos, end)

    def _possessor(self, s: str, pos: int) -> _Source | None:
        m = re.search(r"((?:[A-Z][\w-]*|(?:al|el)-[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*)\s*$", s[:pos])
        return self._span(s, m.start(1), m.end(1)) if m else None

    def _subject(self, s: str, pos: int) -> _Source | None:
        """The noun phrase before a reporting verb, skipping quotes, appositives and fillers."""
        start = 0
        for m in _QUOTE_CLOSE.finditer(s, 0, pos):
            start = m.end()
        left = s[start:pos]
        words = left.split()
        while words and (words[-1].lower() in _FILLER or words[-1].lower().endswith("ly")):
            words.pop()
        if not words:
            return None
        if words[-1].lower() in _BE:
            return None
        left_end = start + left.find(words[-1], len(" ".join(words[:-1]))) + len(words[-1])
        region = s[start:left_end]
        if region.endswith(","):                          # "X, the military wing of Y," before the verb
            parts = region[:-1].split(", ")
            if len(parts) >= 2 and parts[-1].lstrip().lower().startswith(("who ", "which ")):
                phrase = parts[-2]
            elif len(parts) >= 2:
                phrase = parts[-2] + ", " + parts[-1]
            else:
                phrase = parts[-1]
        else:
            phrase = region.split(", ")[-1]
        phrase_start = s.find(phrase, start)
        if phrase_start < 0:
            return None
        return self._np(s, phrase_start, phrase_start + len(phrase))

    def _np(self, s: str, a: int, b: int) -> _Source | None:
        """Clean a candidate subject: cut at 'that'/'who', drop leading conjunctions, reject clauses."""
        text = s[a:b]
        cut = max(text.rfind(" that "), -1)
        if cut >= 0:
            a, text = a + cut + 6, text[cut + 6:]
        if re.search(r"\swho\s*$", text):
            m = re.search(r"((?:[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w-]*)(?:\s+[A-Z][\w’'-]*)*)\s+who\s*$", text)
            if not m:
                return None
            return self._span(s, a + m.start(1), a + m.end(1))
        words = text.split()
        while words and words[0].lower().strip(",") in _LEADING:
            skip = text.find(words[0]) + len(words[0])
            a, text = a + skip, text[skip:]
            words = text.split()
        if not words or words[-1].lower() in _LEADING or len(words) > 14:
            if len(words) > 14:
                m = re.search(r"((?:[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w-]*)(?:\s+[A-Z][\w’'-]*){1,3})\s*$", text)
                if m:
                    return self._span(s, a + m.start(1), a + m.end(1))
            return None
        return self._span(s, a, b)

    def _inverted(self, s: str, pos: int) -> _Source | None:
        """'..., said Abu Obeida.': a short noun phrase after the verb ending the sentence."""
        rest = s[pos:].rstrip().rstrip("\"”’").rstrip(".!?")
        words = rest.split()
        if not 1 <= len(words) <= 8 or any(ch in rest for ch in ",;:“\""):
            return None
        if words[0][:1].isupper() or words[0].lower() in ("the", "a", "an"):
            return self._span(s, pos, pos + len(rest))
        return None

    @staticmethod
    def _span(s: str, a: int, b: int) -> _Source | None:
        while a < b and s[a] in _TRIM:
            a += 1
        while b > a and s[b - 1] in _TRIM:
            b -= 1
        return _Source(a, b, s[a:b]) if b > a else None

    # -- classification ---------------------------------------------------------------------

    def _classify(self, np: str, s: str, base: int, src: _Source,
                  history: list[tuple[str, _Ref]]) -> Attribution:
        low = " ".join(np.lower().replace("’", "'").split())
        if low in self.non_sources:
            return Attribution()
        anaphor = self.anaphors.get(low)
        if anaphor:
            return self._carry_over(anaphor, low, history, s, base, src)
        mentions = self.registry.find(np)
        person = next((actor for _, _, actor in mentions if actor.kind == "person"), None)
        org = next((actor for _, _, actor in mentions if actor.kind in ("org", "state", "group")), None)
        outlet = next((actor for _, _, actor in mentions if actor.kind == "outlet"), None)
        masked = np
        for a, b, _ in mentions:
            masked = masked[:a] + " " * (b - a) + masked[b:]
        name = self._person_name(masked)
        span = Span(base + src.start, base + src.end, np)
        anon = self.anonymous_re.match(low)
        actor = person or org
        rooted = self.registry.root(actor).name if actor else None
        if anon and not person and not name:
            if self._collective(low):
                return Attribution(kind="unnamed_group", source=np, source_span=span, actor=rooted)
            return self._anonymous(np, low, s, base, span, org)
        if self.document_re.match(low) and not person and not name:
            if outlet:
                return Attribution(kind="outlet", source=np, source_span=span, actor=outlet.name)
            return Attribution(kind="document", source=np, source_span=span, actor=rooted)
        if person or name:
            return Attribution(kind="named_person", source=np, source_span=span, actor=rooted)
        if org:
            return Attribution(kind="named_org", source=np, source_span=span, actor=rooted)
        if outlet:
            return Attribution(kind="outlet", source=np, source_span=span, actor=outlet.name)
        if self.group_re.match(low):
            return Attribution(kind="unnamed_group", source=np, source_span=span)
        if any(m.group()[0].isupper() for m in self.org_word_re.finditer(np)):
            return Attribution(kind="named_org", source=np, source_span=span)
        if _CAPWORD.fullmatch(np.strip()) and np.lower() not in _NAME_STOP:
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
            words = [w for w in re.split(r"\s+", m.group()) if w.lower() not in ("of", "the", "for")]
            names = [w for w in words if w.lower().strip("’'s") not in _NAME_STOP
                     and w.lower().strip("’'s") not in _NATIONALITIES
                     and not self.title_re.fullmatch(w) and not self.org_word_re.fullmatch(w)]
            if not names or self.org_word_re.search(m.group()):
                continue
            titled = self.title_re.search(text[:m.start()] + " " + m.group())
            if len(names) >= 2 or (titled and names) or "-" in names[0]:
                return " ".join(names)
        return None

    def _anonymous(self, np: str, low: str, s: str, base: int, span: Span, org: Actor | None) -> Attribution:
        aff = self.affiliation_re.search(low)
        affiliation = self.registry.root(org).name if org else (np[aff.start():aff.end()] if aff else None)
        reason = self.reason_re.search(s)
        head = self.anonymous_re.match(low).group().split()[-1]
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
                  "group": ("named_org", "outlet", "unnamed_group", "self"),
                  "document": ("document", "outlet", "self")}[anaphor]
        span = Span(base + src.start, base + src.end, src.text)
        for kind, ref in reversed(history[-12:]):
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
        kind = "anonymous" if anaphor == "anonymous" else "unnamed_group"
        return Attribution(kind=kind, source=src.text, source_span=span,
                           anonymity=Anonymity(descriptor=src.text) if kind == "anonymous" else None)

    # -- entities and credits ---------------------------------------------------------------

    def _entities(self, s: str, base: int) -> list[Entity]:
        found: list[Entity] = []
        taken = []
        for a, b, actor in self.registry.find(s):
            found.append(Entity(s[a:b], base + a, base + b, actor.name, actor.kind))
            taken.append((a, b))
        for m in _CAPSEQ.finditer(s):
            a, b = m.span()
            if any(x < b and a < y for x, y in taken):
                continue
            word = m.group()
            if " " not in word and word.lower() in _NAME_STOP:
                continue
            found.append(Entity(word, base + a, base + b))
        found.sort(key=lambda e: e.start)
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
