"""Kind classification: what a source phrase is (named_person, named_org, outlet, anonymous, unnamed_group,
document, self), decided by the first rule of `Classifier.rules` that applies to its head and names."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..language import norm
from ..models import Anonymity, Attribution, Span
from ..models import AttributionKind as Kind
from ..registry import Actor, Registry, name_words
from .carry_over import LOOKBACK, History, carry_over, described_person, inherit, named_in_role
from .spans import CAPSEQ, CAPWORD, POSSESSOR, SHARE, TRIM, Source, possessed, strip_possessive
from .vocabulary import Vocabulary

_NOT_IN_NAMES = ("of", "the", "for")
_COLLECTIVE_FILLERS = ("the", "and", "some", "many")
_NOT_COLLECTIVE = ("sources", "leaks")
_ORG_KINDS = ("org", "state", "group")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}\.?")      # "D.C.", "N.Y.": a place's initials, no person served
_NAME_JOINERS = ("of", "for", "and", "the", "&")
_OF_AFTER = re.compile(r"\s+of\b")
_AND = re.compile(r"\s(?:and|&)\s")
_NAME_BEFORE_ORG = re.compile(r"(.+?)\s+(?:of|for|at)\s")
_BODY_SOURCE_KINDS = (Kind.NAMED_ORG, Kind.UNNAMED_GROUP, Kind.ANONYMOUS)
_MAX_INTRO_WORDS = 8
_LINE_BREAK = re.compile(r"\n\s*")                 # paragraphs, for how far back a pronoun reaches
_TOPIC_LOOKBACK = 2                # sentences read back for the organisation bare "Officials" speak for
# Words in lower case, and capitalised words inside a sentence (after a word or a comma), of a document.
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")
_INNER_CAPITAL = re.compile(r"(?<=[\w,;] )[A-Z][a-z]+(?![\w-])")
_OPENING_MARKS = " \t\n\"“‘'(—–-"
_CLAUSE_BREAKS = ",;:\"”’'("                 # a pronoun after these opens a clause of its own ('..., he said')
_QUOTE_MARKS = "\"“”"
_COMMA = re.compile(r",\s+")
_APPOSITIVE = re.compile(r",|\(|\s(?:who|of|for|at|from|with)\s")   # where a source's name ends and its description starts

# A run of capitalised words opening a sentence ("Former Rep. Ana Lind", "Lind's") and what may follow a subject.
_OPENING_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]*")
_SUBJECT_FOLLOWS = re.compile(r"\s*(?:,|\(|\s[a-z])")
_SEEN_BY = re.compile(r"\b(?:seen|obtained|reviewed|viewed)\s+by\s+(?:the\s+)?$")
_BY_OUTLET = re.compile(r"\b(?:by|from|in)\s+$")     # "a report by the Dunmore Herald", "a story in the Tribune"
# A person's role described by whom it serves: "the mayor's former press aide" (a name as possessor,
# up to three lower-case modifiers, a role head).
_POSSESSED_ROLE = re.compile(r"(?:[Tt]he\s+)?(?P<owner>[\w.-]+(?:\s+[\w.-]+){0,2}[’']s)\s+"
                             r"(?P<mods>(?:[a-z][\w-]*\s+){1,3})(?P<head>[a-z]+)")
_DESCRIBED_NAME = re.compile(r"(?:(?:[Aa]n?|[Tt]he)\s+(?:[a-z][\w-]*\s+){1,2})?(?P<name>[A-Z][a-z][\w’'.-]*)"
                             r"(?:\s+(?:himself|herself))?")


# A spokesperson "for" one capitalised word ("a spokeswoman for Acme", "a spokesman for Lind").
_FOR_ONE_NAME = re.compile(r"\bfor\s+(?:the\s+)?([A-Z][a-z]\w*)\s*$")
_GRANTED_REACH = 100               # characters after a source searched for a relative clause stating its anonymity
_RELATIVE_AFTER = re.compile(r"\s*,?\s*(?=who\s)")


@dataclass(slots=True)
class _Phrase:
    """A source phrase read once for the rules: its head, registry mentions and person names."""
    np: str
    low: str
    s: str                        # the sentence, at offset base of the document
    base: int
    span: Span
    mentions: list
    person: Actor | None
    org: Actor | None
    outlet: Actor | None
    masked: str                   # np with registry mentions blanked out
    name: str | None              # a person's name not in the registry
    rooted: str | None            # the canonical name of the person or organisation
    head_np: str                  # the phrase up to its head ("advisers" of "advisers to Mr. Obama")
    head: str
    words: list[str]              # the words of head_np, normalised
    head_name: bool               # the head itself is a name ("Mr. Obama's adviser" is not)
    appositive_name: bool         # "a Y, Mark Jones," names a person in an appositive

    def attribution(self, kind: Kind, actor: str | None = None) -> Attribution:
        return Attribution(kind=kind, source=self.np, source_span=self.span, actor=actor)


def _head_word(words: list[str]) -> str:
    """The head word of a head phrase; a share written with a sign ("31% of voters") is "percent"."""
    if not words:
        return ""
    head = strip_possessive(words[-1])
    return "percent" if SHARE.fullmatch(head) else head


def _first(mentions, kinds: tuple[str, ...]) -> Actor | None:
    return next((actor for _, _, actor in mentions if actor.kind in kinds), None)


class Classifier:
    """The attribution kind of a source phrase; pronouns and definite descriptions carry over."""

    def __init__(self, vocabulary: Vocabulary, registry: Registry):
        self.v = vocabulary
        self.registry = registry
        self.rules = (self._anonymity_granted, self._anonymous_head, self._unnamed_media, self._document_head, self._org_shaped,
                      self._named_after_org_noun, self._org_headed, self._outlet_named,
                      self._group_head, self._country,
                      self._named_person, self._named_org, self._registry_outlet, self._outlet_name, self._org_head, self._group,
                      self._titled_person, self._capitalised_name, self._anonymous_by_condition)
        self._searched_in: str | None = None
        self._searched: dict[re.Pattern[str], re.Match[str] | None] = {}
        self._named: list[tuple[int, Actor, frozenset[str]]] = []
        self._sentences: list[tuple[int, str]] = []
        self._text = ""
        self._case_words: tuple[frozenset[str], frozenset[str]] | None = None
        self._breaks: list[int] | None = None

    def begin(self, mentions: list[tuple[int, int, Actor]], text: str = "") -> None:
        """Start a document: the registry's mentions in it (document offsets), which a description later in it
        may name again ("the Health Ministry" after "Gaza's Health Ministry"), and its text."""
        self._named = [(a, actor, self.registry.words_of(actor)) for a, _, actor in mentions]
        self._sentences = []
        self._text = text
        self._case_words = None
        self._breaks = None

    def enter(self, start: int, s: str) -> None:
        """The next sentence of the document (at document offset `start`), read before its sources are."""
        self._sentences.append((start, s))

    def _paragraph(self, offset: int) -> int:
        """The number of the document's paragraph (text between line breaks) holding `offset`."""
        if self._breaks is None:
            self._breaks = [m.end() for m in _LINE_BREAK.finditer(self._text)]
        return bisect_right(self._breaks, offset)

    def _person_named_between(self, a: int, b: int) -> bool:
        """A sentence starting after document offset `a` opens with a person's name ending before `b` ("Ana Lind,
        the harbour master, met pilots", "In an interview, Lind defended ...", "Lind's plan ..."): the person a
        pronoun after it refers to. Read only when a pronoun would carry over an anonymous source, so rarely."""
        for start, s in reversed(self._sentences):
            if start <= a:
                return False
            end = self._opening_person(s)
            if end is not None and start + end <= b:
                return True
        return False

    def _own_subject(self, low: str, s: str, base: int, src: Source, history: History) -> Attribution | None:
        """A pronoun inside the clause whose subject opens its sentence is that subject before anyone named earlier:
        "Manalo condemned the killings in a statement he posted" (a named person, for "he", "she"), "Neighbours told
        of the 13 people they say were killed" (a group, for "they"). Not a pronoun opening a reporting clause
        ("Okafor has no chance, he said": the speaker is someone else), nor one after a quotation mark, nor with a
        possessive subject ("Okafor's plan ..."). A person named by an earlier attribution of the article (its
        last name word in the source) is carried over from it; else the name is the source. Either way the
        pronoun is the source's place (`source_span`), as for one carried over."""
        v = self.v
        plural = low in v.plural_pronouns
        if not plural and low not in v.anaphor_pronouns:
            return None
        before = s[:src.start].rstrip()
        if not before or before[-1] in _CLAUSE_BREAKS:
            return None
        opening = self._opening_subject(s, src.start)
        if opening is None:
            return None
        a, b = opening
        name = s[a:b]
        if any(c in _QUOTE_MARKS for c in s[:src.start]):
            return None
        words = norm(name).split()
        if any(w in v.name_stop for w in words) or s[b:].startswith((" and ", " or ")):
            return None                                   # "In Nablus", "Filmmaker and author Dinesh D'Souza"
        kind = self.classify(name, s, 0, Source(a, b, name), [], resolve=False).kind
        if plural:
            if not words[-1].endswith("s"):
                return None
            span = Span(base + src.start, base + src.end, src.text)
            if kind == Kind.NAMED_PERSON and len(words) == 1 and not self._introduced(name, base):
                return Attribution(kind=Kind.UNNAMED_GROUP, source=name, source_span=span)
            if kind not in (Kind.UNNAMED_GROUP, Kind.NAMED_ORG):  # "Neighbours" above: a plural noun, no surname
                return None
            found = self.classify(name, s, base, Source(a, b, name), history)
            found.source_span = span
            return found
        if kind != Kind.NAMED_PERSON or words[0] in v.not_names:
            return None
        span = Span(base + src.start, base + src.end, src.text)
        for k, ref in reversed(history[-LOOKBACK:]):
            own_name = _APPOSITIVE.split(ref.attribution.source or "", 1)[0]     # not "Reyes, who replaced Okafor"
            known = norm(own_name).split()                # not "Lind and Reyes", nor a headline "Lind Aims At Okafor"
            if k == Kind.NAMED_PERSON and known[-1:] == words[-1:] and not any(w in v.name_stop for w in known) \
                    and not _AND.search(own_name):
                return inherit(ref, span, None, base)
        if len(words) == 1 and not self._one_word_name(name, base):
            return None                                   # "Asked whether he ...", "Then she added"
        found = self.classify(name, s, base, Source(a, b, name), history)
        found.source_span = span                          # the pronoun stays the source's place, as when carried
        return found

    def _one_word_name(self, name: str, before: int) -> bool:
        """A one-word name opening a sentence is a surname, not a word capitalised only because it opens the
        sentence ("Asked whether he ...", "Then she added", "Clinching the nomination ..."): the document wrote it
        earlier after another capitalised word, as a person is introduced ("Foreign Secretary Enrique Manalo"), or
        never writes it in lower case and it ends in no "-ing" or "-ed"."""
        if self._introduced(name, before):
            return True
        low = name.lower()
        return not low.endswith(("ing", "ed")) and re.search(r"(?<![\w’'-])" + re.escape(low) + r"(?![\w’'-])",
                                                     self._text) is None

    def _introduced(self, name: str, before: int) -> bool:
        """The document wrote the name before offset `before` after another capitalised word ("Enrique Manalo")."""
        return re.search(r"[A-Z][\w’'.-]*\s+" + re.escape(name) + r"(?![\w’'-])", self._text[:before]) is not None

    def _opening_subject(self, s: str, before: int) -> tuple[int, int] | None:
        """The run of capitalised words that opens the sentence, or its main clause after up to _MAX_INTRO_WORDS
        words of introduction ("But, rules aside, the pilots"; the last such clause's), as the subject of a
        verb after it and ending before `before`; None for a possessive ("Okafor's plan")."""
        lead = len(s) - len(s.lstrip(_OPENING_MARKS))
        starts = [lead]
        for comma in _COMMA.finditer(s, lead, before):
            if len(s[lead:comma.start()].split()) > _MAX_INTRO_WORDS:
                break
            starts.append(comma.end())
        for pos in reversed(starts):                      # the main clause's: "On the topic of Mr. Reyes, Mr. Okafor"
            m = _OPENING_NAME.match(s, pos)
            if m is None or m.end() > before or not _SUBJECT_FOLLOWS.match(s, m.end()) \
                    or pos > lead and s.startswith(",", m.end()) \
                    or norm(s[m.end():].split(None, 1)[0]) in self.v.nominative_pronouns:
                continue                                  # an appositive ("a tough sailor, Mr. Reyes,"); "Sometimes they"
            if m.group().endswith(("’s", "'s")):
                return None
            a = m.start()
            for w in m.group().split():                   # "Maybe Okafor is ...": Okafor
                if norm(w) not in self.v.opening_non_names:
                    break
                a = s.index(w, a) + len(w)
            a += len(s[a:m.end()]) - len(s[a:m.end()].lstrip())
            low = norm(s[a:m.end()])
            if not low or self._anaphor(s[a:m.end()], low) or low in self.v.first_person or low in self.v.non_sources:
                continue
            return a, m.end()
        return None

    def _opening_person(self, s: str) -> int | None:
        """Where the person's name that opens the sentence (or its main clause after a short introduction)
        ends, or None."""
        lead = len(s) - len(s.lstrip())
        starts = [lead]
        comma = s.find(", ", lead)
        if 0 < comma and len(s[lead:comma].split()) <= _MAX_INTRO_WORDS:
            starts.append(comma + 2)
        for pos in starts:
            m = _OPENING_NAME.match(s, pos)
            if m is None or not _SUBJECT_FOLLOWS.match(s, m.end()):
                continue
            name = strip_possessive(m.group()) if m.group().endswith(("’s", "'s")) else m.group()
            low = norm(name)
            if self._anaphor(name, low) or low in self.v.first_person:
                continue
            if self.classify(name, s, 0, Source(pos, pos + len(name), name), [], resolve=False).kind == Kind.NAMED_PERSON:
                return m.end()
        return None

    def classify(self, np: str, s: str, base: int, src: Source, history: History, resolve: bool = True) -> Attribution:
        """The attribution of a source phrase; with `resolve` false (a probe for its kind alone) the body it
        speaks for is neither looked for nor remembered for the document's later descriptions."""
        v = self.v
        low = norm(np)
        if low in v.non_sources:
            return Attribution()
        span = Span(base + src.start, base + src.end, src.text)
        if low in v.first_person or low in v.self_references:   # the writer's own voice, "this newspaper"
            return Attribution(kind=Kind.SELF, source=np, source_span=span)
        anaphor = self._anaphor(np, low)
        if anaphor == "anonymous" or not anaphor:         # "the aide", "the congressman's spokesman", named before
            role = self._role_named_before(np, s, history, base, src)
            if role is not None:
                return role
        if anaphor and resolve:                           # "Manalo condemned ... a statement he posted"
            own = self._own_subject(low, s, base, src, history)
            if own is not None:
                return own
        if anaphor:                                       # "he", "the source, who spoke on condition of ...,"
            carried = carry_over(anaphor, low, history, base, src, self._search(v.reason_re, s), v.names_a_list,
                                 v.name_head_end_re,
                                 self._person_named_between if low in v.anaphor_pronouns else None,
                                 anaphor == "person" and low not in v.anaphor_pronouns
                                 and low not in v.anonymous_person_anaphors, low in v.generic_org_anaphors,
                                 self._paragraph if low in v.anaphor_pronouns else None,
                                 self._paragraph if anaphor == "org" else None)
            if resolve and not carried.inherited and carried.kind in _BODY_SOURCE_KINDS:    # "the ministry", the article's first
                body = self._named_before(np, span.start, name_words(np))
                carried.actor = self.registry.root(body).name if body else None
            return carried
        described = self._described(np, history, base, src)
        if described is not None:                         # "the mayor's former press aide", named before
            return described
        companions = self._with_companions(np, s, base, src, history)
        if companions is not None:                        # "Sanders and his aides": Sanders is on the record
            return companions
        if self._with_a_group(np):                        # "teachers and union officials": a collective
            return Attribution(kind=Kind.UNNAMED_GROUP, source=np, source_span=span)
        phrase = self._read(np, low, s, base, span)
        for rule in self.rules:
            found = rule(phrase)
            if found is not None:
                return self._body(found, phrase) if resolve else found
        found = phrase.attribution(Kind.UNNAMED_GROUP)
        return self._body(found, phrase) if resolve else found

    def _body(self, a: Attribution, p: _Phrase) -> Attribution:
        """The body a source with no registry name speaks for, as a reader resolves it: by its place or people
        word ("Israeli officials", "the Palestinian Health Ministry", "Gaza authorities"), else, for a
        description with no place ("the Health Ministry", "health officials"), by the document's latest earlier
        mention of a body whose names hold its words. Its actor is the body's root, as a registry name's is."""
        v = self.v
        if a.kind not in _BODY_SOURCE_KINDS:
            return a
        words = name_words(v.relative_re.split(p.np, 1)[0])
        if a.actor is not None:                           # "the Hamas-run Health Ministry": its words name Hamas
            known = self.registry.lookup(a.actor)
            if known is not None:
                self._named.append((p.span.start, known, self.registry.words_of(known) | frozenset(words)))
            return a
        if p.head not in v.side_heads or any(w in v.side_excluders for w in words):
            return a
        body = self.registry.described(words, v.nationalities)
        if body is None and not any(w in v.nationalities or w in v.countries for w in words):
            body = self._named_before(p.np, p.span.start, words)
        if body is None:
            return a
        a.actor = self.registry.root(body).name
        self._named.append((p.span.start, body, self.registry.words_of(body) | frozenset(words)))
        return a

    def _named_before(self, np: str, start: int, words: list[str]) -> Actor | None:
        """The body the document last named before the phrase whose names hold the phrase's words that the
        registry's names use (besides a head such as "officials", unless it is the only one: "the ministry"),
        when the phrase has some and capitalises no other word ("the Health Ministry", "health authorities";
        not "the Jordan Health Ministry" nor bare "officials")."""
        known = self.registry.body_words
        content = [w for w in words if w in known]
        content = [w for w in content if w not in self.v.side_heads] or content
        if not content or any(w[:1].isupper() and not all(x in known for x in name_words(w)) for w in np.split()):
            return None
        found = [(offset, body) for offset, body, names in self._named
                 if offset < start and all(w in names for w in content)]
        return max(found, key=lambda f: f[0])[1] if found else None

    def _described(self, np: str, history: History, base: int, src: Source) -> Attribution | None:
        """A person described by a past or personal tie to someone ("X's former press aide": a singular
        role head with an `epithet_modifiers` word), who is the person the article attributed to last."""
        m = _POSSESSED_ROLE.fullmatch(np.strip())
        if m is None:
            return None
        head = norm(m.group("head"))
        if head not in self.v.role_heads or head.endswith(("s", "men", "people")) \
                or not self.v.epithet_modifiers.intersection(m.group("mods").split()):
            return None
        return described_person(history, strip_possessive(m.group("owner")), base, src, self.v.names_a_list)

    def _role_named_before(self, np: str, s: str, history: History, base: int, src: Source) -> Attribution | None:
        """A singular definite description by role ("the aide", "the congressman's spokesman", "the Lind aide",
        "Lind's spokesman"; no anonymity stated in it or its sentence) of the named person the article last gave
        that role (`carry_over.named_in_role`)."""
        v = self.v
        words = np.split()
        if not 2 <= len(words) <= 5 or not history:
            return None
        first = words[0]
        if first.lower() == "the":
            mods = words[1:-1]
        elif first.endswith(("'s", "’s")) and first[:1].isupper() and norm(strip_possessive(first)) not in v.anaphors:
            mods = words[:-1]
        else:
            return None
        head = norm(words[-1])
        low = norm(np)
        if head not in v.role_heads or head.endswith(("s", "men", "people")) or v.access_re.search(low) \
                or v.condition_re.search(low) or v.reason_re.search(low) \
                or self._search(v.condition_re, s) or self._search(v.reason_re, s):
            return None
        names = [strip_possessive(w.replace("’", "'")) for w in mods if w[:1].isupper()]
        return named_in_role(history, head, names, base, src, self.v.names_a_list)

    def _with_companions(self, np: str, s: str, base: int, src: Source, history: History) -> Attribution | None:
        """A person named with people of their own ("Sanders and his top aides", "the senator and her allies",
        "he and his advisers"): the person speaks on the record among them, so the phrase is the person's
        (kind and actor), not the anonymous or group kind its last head ("aides") would give."""
        m = self.v.companions_re.match(np.strip()) if " and " in np or " & " in np else None
        if m is None:
            return None
        first = m.group("first")
        a = src.text.find(first)
        part = Source(src.start + max(a, 0), src.start + max(a, 0) + len(first), first)
        person = self.classify(first, s, base, part, history, resolve=False)
        if person.kind != Kind.NAMED_PERSON:
            return None
        return Attribution(kind=Kind.NAMED_PERSON, source=np, source_span=Span(base + src.start, base + src.end, src.text),
                           actor=person.actor)

    def _with_a_group(self, np: str) -> bool:
        """Anonymous heads joined to a collective opening the phrase ("teachers and union officials", "Republican
        politicians and their allies"): people described as a group, not individuals whose identity is withheld."""
        m = _AND.search(np)
        if m is None or self.v.access_re.search(norm(np)) or self.v.condition_re.search(norm(np)) \
                or self.v.relative_re.search(np):
            return False                                  # "critics and officials familiar with the plan", "... who
                                                          # worked with him": described by their access
        words = norm(self._head_phrase(np)).split()
        first = norm(np[:m.start()].split(",", 1)[0]).split()
        if not words or not first or strip_possessive(words[-1]) not in self.v.anonymous_heads:
            return False
        head = strip_possessive(first[-1])
        if any(_ACRONYM.fullmatch(w.strip(TRIM)) for w in np[:m.start()].split()) \
                or any(actor.kind in _ORG_KINDS for _, _, actor in self.registry.find(np)):
            return False                                  # "RNC members and officials": the institution's people
        if head in self.v.unnamed_media_heads:
            return False                                  # "state media and official sources": not a group of people
        return head not in self.v.anonymous_heads and (head in self.v.group_heads or (
            len(first) <= 3 and head.endswith(self.v.people_suffixes) and head not in self.v.not_people_plurals))

    def is_publisher(self, attribution: Attribution, publisher: Actor) -> bool:
        """An outlet source is the publishing outlet itself: by registry name, or by the short form of its name
        ("The Post" in The Washington Post, "the Times" in The New York Times)."""
        root = self.registry.root
        if attribution.actor:
            actor = self.registry.lookup(attribution.actor)
            return actor is not None and root(actor).name == root(publisher).name
        words = norm(attribution.source or "").removeprefix("the ").split()
        name = norm(root(publisher).name).removeprefix("the ").split()
        return len(words) == 1 and len(name) > 1 and strip_possessive(words[0]) == name[-1]

    def names_document(self, np: str) -> bool:
        """The phrase is headed by a document ("a Washington Post database", "the Post's analysis")."""
        core = self.v.head_cut_re.split(np, 1)[0].split()
        return bool(core) and strip_possessive(norm(core[-1])) in self.v.document_heads

    def _anaphor(self, np: str, low: str) -> str | None:
        """The anaphor class of the phrase, or of its head when nothing after it is capitalised
        ("the source, who spoke on condition of anonymity,")."""
        anaphor = self.v.anaphors.get(low)
        if anaphor is None:
            head = self.v.head_cut_re.split(np, 1)[0]
            if not any(w[:1].isupper() for w in np[len(head):].split()):
                anaphor = self.v.anaphors.get(norm(head))
        return anaphor

    def _read(self, np: str, low: str, s: str, base: int, span: Span) -> _Phrase:
        clause = self.v.relative_clause_re.search(np)    # who is named in a relative clause is not the source
        mentions = self.registry.find(np[:clause.start()] if clause else np)
        person = _first(mentions, ("person",))
        org = _first(mentions, _ORG_KINDS)
        masked = np
        for a, b, _ in mentions:
            masked = masked[:a] + " " * (b - a) + masked[b:]
        name = self._person_name(masked[:clause.start()] if clause else masked)
        actor = person or org
        # The head of the phrase decides: "advisers to Mr. Obama" are advisers, "Republican activists
        # clamoring to block Donald Trump" are activists, "a report by The New York Times" is a report.
        m = self.v.partitive_re.match(np) or self.v.in_ten_re.match(np)   # "one of Mr. Obama's climate advisers",
                                                          # "Six in 10 Ohio voters"
        off = m.end() if m else 0                         # the head phrase's offset in np, for the name test
        head_np = self._head_phrase(np[off:])
        words = norm(head_np).split()
        if " ".join(words[-2:]) in self.v.compound_titles and words[-2] in self.v.org_heads:
            words = words[:-1]                            # "the Consulate General of X": a consulate
        named = bool(name or person)
        return _Phrase(np, low, s, base, span, mentions, person, org, _first(mentions, ("outlet",)), masked, name,
                       self.registry.root(actor).name if actor else None, head_np,
                       _head_word(words), words,
                       named and self._head_is_name(np[off:], masked[off:], head_np,
                                                    [(a - off, b - off, actor) for a, b, actor in mentions if a >= off]),
                       named and self._appositive_name(np, masked, mentions))

    def _head_phrase(self, np: str) -> str:
        """The phrase up to its head: cut before a relative, a preposition or a participle, except a participle
        before the noun ("a newly released email", "the leaked memo", "a national tracking poll"); a time after the head is no part of it
        ("a WBUR poll last week", "Polls there")."""
        v = self.v
        pos = 0
        while True:
            m = v.head_cut_re.search(np, pos)
            if m is None:
                head = np
                break
            before = np[:m.start()].split()
            last = before[-1].lower() if before else ""
            word = m.group().strip()
            after = np[m.end():].split()
            if word.endswith(("ed", "ing")) and (                # a participle before its noun
                    (not last or last.endswith("ly") or last in v.strict_determiners) and word.endswith("ed")
                    or len(after) == 1 and strip_possessive(norm(after[0])) in v.heads):   # "a tracking poll"
                pos = m.end() - 1
                continue
            head = np[:m.start()]
            break
        return v.head_time_tail_re.sub("", head)

    def _head_is_name(self, np: str, masked: str, head_np: str, mentions) -> bool:
        """The head names a person himself, not as a possessor or modifier ("Mr. Obama's adviser" and "a senior
        Dana Cole adviser" are advisers): the name ends the head phrase."""
        end = len(head_np.rstrip())
        name = self._person_name(POSSESSOR.sub(" ", masked[:end]))
        return bool(name and masked[:end].endswith(name.split()[-1])) \
            or any(a < end <= b + 1 and actor.kind == "person" for a, b, actor in mentions if not possessed(np, a))

    def _appositive_name(self, np: str, masked: str, mentions) -> bool:
        """A person is named after a comma ("the group's leader, Mark Jones,")."""
        comma = np.find(",")
        return comma > 0 and (
            any(self._person_name(seg) for seg in masked[comma:].split(",") if CAPWORD.match(seg.strip()))
            or any(a > comma and actor.kind == "person" for a, _, actor in mentions))

    # -- the rules, in order ---------------------------------------------------------------

    def _anonymous_head(self, p: _Phrase) -> Attribution | None:
        """ "a senior official", "an FBI spokesman", "Palestinian officials", "people familiar with"."""
        v = self.v
        if not self._is_anonymous_head(p) or p.head_name or p.appositive_name \
                or " ".join(p.words[-2:]) in v.compound_titles:   # "the Attorney General": one office's holder
            return None
        if self._unique_office(p):
            return p.attribution(Kind.NAMED_PERSON, p.rooted)
        if self._speaks_for_institution(p):
            return p.attribution(Kind.NAMED_ORG, p.rooted)
        if self._collective(p.low) or (self._collective(norm(p.head_np)) and not v.access_re.search(p.low)
                                       and not v.role_re.search(p.low)):
            return p.attribution(Kind.UNNAMED_GROUP, p.rooted)
        if p.words[0] in v.group_quantifiers and p.head in v.plural_anonymous_heads and p.head not in v.role_heads \
                and p.head not in _NOT_COLLECTIVE and not v.access_re.search(p.low) \
                and not v.condition_re.search(p.low) and not self._search(v.condition_re, p.s) \
                and not self._search(v.reason_re, p.s) and not (p.person or p.name or self._person_served(p)):
            return p.attribution(Kind.UNNAMED_GROUP, p.rooted)   # "many officials believe": a share of them, not
                                                                 # "most Lind allies" (a person's circle)
        if p.head in v.generic_anonymous_heads and not v.role_re.search(p.low) and not self._search(v.condition_re, p.s) \
                and not self._search(v.reason_re, p.s):
            return p.attribution(Kind.UNNAMED_GROUP)
        return self._anonymous(p)

    def _is_anonymous_head(self, p: _Phrase) -> bool:
        """The head is an anonymous descriptor's: a listed word, or the last word of a listed phrase whose other words
        the phrase holds ("a senior Hamas figure", not "another GOP figure")."""
        needs = self.v.anonymous_head_needs.get(p.head)
        if p.head in self.v.anonymous_heads:
            return True
        return needs is not None and needs.issubset(p.words)

    def _speaks_for_institution(self, p: _Phrase) -> bool:
        """ "a spokesman for the Jupiter Police Department", "its spokesperson" (a thing's: an institution's),
        "officials at the FBI"."""
        v = self.v
        scope = v.relative_re.split(p.np, 1)[0]
        if p.head in v.spokesperson_heads:                # "a spokesman for the senator" speaks for a person
            described = scope[:-len(p.head) - 1] if scope.lower().endswith(p.head) else scope
            if p.org or v.spokesperson_institution_re.search(described.lower()) or described.lower().split()[:1] == ["its"]:
                return True
            if self._owner_is_person(described):
                return False                              # "Cameron's spokesman": the document names him in full
            served = _FOR_ONE_NAME.search(scope)
            if served and not p.person and self._text and not v.honorific_re.search(scope):
                return not self._named_as_person(served.group(1))   # "a spokeswoman for Acme", not "for Lind"
            return not (p.person or p.name or v.honorific_re.search(described)) and self._names_institution(described)
        if p.head not in v.institution_plural_heads or self._collective(norm(p.head_np)):
            return False
        if p.org and p.org.kind != "state":
            return True
        if self._domain_body(p):
            return True
        if p.low.removeprefix("the ") == p.head:          # bare "officials": of an institution the sentence names,
            return self._institution_before(p.s[:p.span.start - p.base]) or self._topic_institution(p)   # or the topic
        if v.access_re.search(p.low) and not p.org:
            return False                                  # "Federal officials familiar with the case": by access
        first = p.np.split(None, 1)[0]
        common = first if self._common_word_opening(p, first) else None    # "Federal officials", "Public health officials"
        return self._names_institution(scope.replace(p.head_np, p.head_np.rsplit(" ", 1)[0]) if " " in p.head_np
                                       else scope[len(p.head_np):], common)

    def _topic_institution(self, p: _Phrase) -> bool:
        """Bare "Officials" opening a sentence right after one whose subject is a named organisation ("The Harbour
        Board meets on Friday. Officials have said ..."; a sentence opening with "It" or "Its" between keeps the
        topic): that organisation's officials."""
        if p.s[:p.span.start - p.base].strip(_OPENING_MARKS):
            return False
        earlier = [s for start, s in self._sentences if start < p.base][-_TOPIC_LOOKBACK:]
        for s in reversed(earlier):
            opening = s.lstrip(_OPENING_MARKS)
            if opening.split(None, 1)[:1] in (["It"], ["Its"]):
                continue
            m = _OPENING_NAME.match(opening)
            if m is None or not _SUBJECT_FOLLOWS.match(opening, m.end()):
                return False
            name = strip_possessive(m.group().replace("’", "'"))
            return self.classify(name, opening, 0, Source(0, len(name), name), [], resolve=False).kind == Kind.NAMED_ORG
        return False

    def _owner_is_person(self, described: str) -> bool:
        """A one-word possessor ("Cameron's", "Grayson's") the document names elsewhere as a person, after a first
        name or an honorific ("David Cameron", "Rep. Alan Grayson", "Mr. Cameron")."""
        words = described.split()
        if len(words) != 1 or not words[0].endswith(("'s", "’s")) or not words[0][:1].isupper() or not self._text:
            return False
        return self._named_as_person(strip_possessive(words[0].replace("’", "'")))

    def _named_as_person(self, name: str) -> bool:
        """The document writes the one-word name after a first name or an honorific ("David Cameron", "Mr. Cameron")."""
        if not name.isalpha():
            return False
        for m in re.finditer(r"(\S+)\s+" + re.escape(name) + r"\b", self._text):
            before = m.group(1)
            if self.v.honorific_re.fullmatch(m.group()[:len(before) + 2]) or (before[:1].isupper() and before.isalpha()
                                                         and not self._not_name_word(before)):
                return True
        return False

    def _unique_office(self, p: _Phrase) -> bool:
        """A singular "the" description of one office ("the U.S. top diplomat", "the U.N.'s top official", "the
        Pentagon's chief adviser"; a spokesperson speaks for the institution instead): its holder, a person the reader can identify, unless the phrase or its
        sentence gives a condition or reason of anonymity."""
        v = self.v
        if not p.words or p.head in v.plural_anonymous_heads or p.head.endswith("s") or p.head in v.spokesperson_heads \
                or not v.unique_office_words.intersection(p.words[1:-1]):
            return False
        first = p.words[0]
        owner = first.endswith("'s") and p.np.lstrip()[:1].isupper() and first.removesuffix("'s") not in v.anaphors
        if first != "the" and not owner:
            return False
        return not (v.condition_re.search(p.low) or v.reason_re.search(p.low) or v.access_re.search(p.low)
                    or self._search(v.condition_re, p.s) or self._search(v.reason_re, p.s))

    def _domain_body(self, p: _Phrase) -> bool:
        """Plural officials described by a place and a domain that together name one public body ("Palestinian
        health officials", "the territory's health officials", "health officials in Gaza"): its voice."""
        v = self.v
        if v.access_re.search(p.low) or any(w in v.side_excluders for w in p.words):
            return False
        before = norm(p.head_np)[:-len(p.head)]
        if not v.institution_domain_re.search(before):
            return False
        words = [strip_possessive(w) for w in p.low.replace("’", "'").split()]
        return any(w in v.nationalities or w in v.countries or w.rstrip(".") in v.nationalities for w in words) \
            or any(w.endswith("'s") and strip_possessive(w) in v.place_nouns for w in p.low.replace("’", "'").split())

    def _unnamed_media(self, p: _Phrase) -> Attribution | None:
        """News outlets not named ("the media", "Turkish news reports", "the entire liberal press"): an outlet
        kind with no actor, before "reports" can make it a document or "press" a group."""
        if p.head not in self.v.unnamed_media_heads or p.head_name or p.outlet:
            return None                                   # the common case, decided on the head word
        head_np = norm(p.head_np)
        if not any(head_np == m or head_np.endswith(" " + m) for m in self.v.unnamed_media):
            return None
        return p.attribution(Kind.OUTLET)

    def _document_head(self, p: _Phrase) -> Attribution | None:
        if p.head not in self.v.document_heads or p.head_name:
            return None
        if p.head in self.v.named_org_document_heads and p.head_np.rstrip().split()[-1][:1].isupper() \
                and len(p.head_np.split()) > 1:
            return None                                   # "the U.S. Geological Survey": an organisation's name
        if p.outlet and p.head in self.v.poll_heads:   # "a CNN/ORC poll": the poll is the source, run by the outlet
            return p.attribution(Kind.DOCUMENT, p.outlet.name)
        if p.outlet and any(_SEEN_BY.search(p.np, 0, a) for a, _, actor in p.mentions if actor is p.outlet):
            return p.attribution(Kind.DOCUMENT, p.rooted)   # "a report seen by Reuters": the outlet relays it
        if p.outlet:
            return p.attribution(Kind.OUTLET, p.outlet.name)
        shaped = self.v.outlet_shape_re.search(p.np)          # "a report by the Dunmore Herald"
        if shaped and _BY_OUTLET.search(p.np, 0, shaped.start()):
            return p.attribution(Kind.OUTLET, shaped.group())
        return p.attribution(Kind.DOCUMENT, p.rooted)

    def _group_head(self, p: _Phrase) -> Attribution | None:
        """ "critics", "some Republicans"; "Democrats close to the campaign" are anonymous by their access."""
        end = len(p.head_np.rstrip())
        if any(b == end and actor.kind == "outlet" for _, b, actor in p.mentions):
            return None                                   # "The Associated Press": "press" names the outlet
        if p.head in self.v.group_heads and not p.head_name and not (p.org and p.org.kind != "state"):
            if self.v.access_re.search(p.low):
                return self._anonymous(p)
            return p.attribution(Kind.UNNAMED_GROUP, p.rooted)
        return None

    def _org_shaped(self, p: _Phrase) -> Attribution | None:
        """A name shaped like an organisation's: an acronym ("the DNC", "NAACP", not a transcript's "HOLLIS:"),
        "X for Y" ("Farmers for Progress") or "the" and a capitalised name ("the Hartwell Institution")."""
        words = p.np.split()
        definite = words[0].lower() == "the"
        if definite and p.head in self.v.org_heads and not p.person and not p.outlet \
                and any(w[:1].isupper() and norm(w) == p.head for w in p.head_np.split()) \
                and not self.v.title_re.search(p.np[len(p.head_np):]):   # not "... Director Ada Lind"                         # "the Consulate General of Norway in Boston"
            return p.attribution(Kind.NAMED_ORG, p.rooted)
        words = words[definite:]
        if not words or p.outlet or not all(w[:1].isupper() or w in _NAME_JOINERS for w in words) \
                or self.v.outlet_name_re.search(p.np) or self.v.honorific_re.search(p.np):
            return None
        if len(words) == 1 and _ACRONYM.fullmatch(words[0]):
            speaker = p.s[p.span.end - p.base:].lstrip().startswith(":")
            return None if speaker else p.attribution(Kind.NAMED_ORG, p.rooted)
        if "for" in words[1:-1] or (definite and self._institution_name(p, strip_possessive(norm(words[-1])))):
            return p.attribution(Kind.NAMED_ORG, p.rooted)
        return None

    def _named_after_org_noun(self, p: _Phrase) -> Attribution | None:
        """ "the advocacy group Autism Speaks", "the progressive group One Wisconsin Now": an organisation noun in
        lower case, then a capitalised name to the end of the phrase (not "the party leader Ana Lind")."""
        words = p.head_np.split()
        for i, w in enumerate(words[:-1]):
            if w in self.v.org_heads and words[i + 1][:1].isupper() and not p.outlet \
                    and all(x[:1].isupper() or x in _NAME_JOINERS for x in words[i + 1:]) \
                    and not self.v.title_re.search(" ".join(words[i + 1:])):
                return p.attribution(Kind.NAMED_ORG, p.rooted)
        return None

    def _org_headed(self, p: _Phrase) -> Attribution | None:
        """A phrase, or its appositive, headed by an organisation noun in lower case and naming no person's title:
        "the Iran-backed group", "Reporters Without Borders, an international media advocacy group", "Another
        agency, Save the Children" (not "Ana Lind, chief executive of the aid group")."""
        if p.person or p.outlet or self.v.title_re.search(p.np) or self.v.honorific_re.search(p.np):
            return None
        np = p.np
        m = _APPOSITIVE.search(np)                        # "X of the Eurasia Group, a ... company": a person of it
        parts = [(0, m.start() if m else len(np))]        # the name, and an appositive after a determiner
        if m and m.group() == "," and self.v.appositive_determiner_re.match(np[m.end():].lstrip()):
            parts.append((m.end(), len(np)))
        for start, end in parts:
            head_phrase = self._head_phrase(np[start:end].strip())
            words = head_phrase.split()
            head = strip_possessive(words[-1]) if len(words) > 1 and words[-1].islower() else None
            after = np.find(head_phrase, start) + len(head_phrase)
            if head in self.v.org_heads or (head in self.v.force_heads and not _OF_AFTER.match(np, after)):
                return p.attribution(Kind.NAMED_ORG, p.rooted)   # not "an army of volunteers"
        return None

    def _institution_name(self, p: _Phrase, last: str) -> bool:
        """ "the Hartwell Institution", not "the Lunds", "the Rev. Ana Cole" or "the Ohio Democrat"."""
        v = self.v
        return not (p.name or p.person or last.endswith("s") or v.title_re.search(p.np)
                    or last in v.person_descriptions or last in v.nationalities)

    def _country(self, p: _Phrase) -> Attribution | None:
        """A state named only by its country ("Norway, a donor to the fund, said", "Even Mexico objected"): its
        government speaking, an organisation, not a person's name."""
        head = norm(self._strip_intro(p.np.split(",", 1)[0]))
        if head not in self.v.countries or p.person or p.name and norm(self._strip_intro(p.name)) not in self.v.countries:
            return None
        return p.attribution(Kind.NAMED_ORG, p.rooted)

    def _strip_intro(self, np: str) -> str:
        """A phrase without introductory words ("Even China")."""
        m = self.v.intro_re.match(np)
        return np[m.end():] if m and m.end() < len(np) else np

    def _named_person(self, p: _Phrase) -> Attribution | None:
        if (p.person or p.name or p.appositive_name or self.v.honorific_re.search(p.np)) and not self._owned_body(p):
            return p.attribution(Kind.NAMED_PERSON, p.rooted)
        return None

    def _owned_body(self, p: _Phrase) -> bool:
        """ "Mr. Lind's campaign": a person's organisation, written in lower case after the possessive; the
        name is the owner's, not the speaker's."""
        words = p.head_np.replace("’", "'").split()
        return p.head in self.v.org_heads and words[-1].islower() and any(w.endswith("'s") for w in words[:-1])

    @staticmethod
    def _named_org(p: _Phrase) -> Attribution | None:
        return p.attribution(Kind.NAMED_ORG, p.rooted) if p.org else None

    @staticmethod
    def _registry_outlet(p: _Phrase) -> Attribution | None:
        return p.attribution(Kind.OUTLET, p.outlet.name) if p.outlet else None

    def _outlet_named(self, p: _Phrase) -> Attribution | None:
        """A head that is nothing but an outlet's name ("the Washington Examiner"), which a person's name
        would otherwise take."""
        if p.outlet or p.person:
            return None
        head = p.head_np.strip(TRIM)
        if self.v.outlet_shape_re.fullmatch(head):               # "The Springfield Gazette"
            return p.attribution(Kind.OUTLET)
        m = self.v.outlet_name_re.search(p.head_np)
        return p.attribution(Kind.OUTLET) if m and p.head_np[m.end():].strip(TRIM) == "" \
            and p.head_np[:m.start()].strip(TRIM).lower() in ("", "the") else None

    def _outlet_name(self, p: _Phrase) -> Attribution | None:
        """An outlet the registry does not know ("Bloomberg reported")."""
        m = self.v.outlet_name_re.search(p.np)
        if m and all(w[:1].isupper() or w in ("the", "of") for w in m.group().split()):
            return p.attribution(Kind.OUTLET)
        return None

    def _org_head(self, p: _Phrase) -> Attribution | None:
        if p.head in self.v.org_heads or any(m.group()[0].isupper() for m in self.v.org_word_re.finditer(p.head_np)):
            return p.attribution(Kind.NAMED_ORG)
        return None

    def _group(self, p: _Phrase) -> Attribution | None:
        if self.v.group_re.match(p.low) or (p.words and p.words[0] in self.v.quantifiers):
            return p.attribution(Kind.UNNAMED_GROUP)
        return None

    def _titled_person(self, p: _Phrase) -> Attribution | None:
        """ "the state's governor", "their spokesman", "the Chicago businessman"."""
        if (p.head in self.v.titles or p.head in self.v.person_descriptions) and (p.words[0] in ("the",) + self.v.possessive_pronouns
                                        or (len(p.words) > 1 and p.words[0].endswith("'s"))):
            return p.attribution(Kind.NAMED_PERSON)
        return None

    def _capitalised_name(self, p: _Phrase) -> Attribution | None:
        """One capitalised word ("Clarke"), alone or before an appositive that does not describe an organisation
        ("Clarke, a Democrat"), or a name with a lower-case particle ("de Blasio")."""
        v = self.v
        name = p.np.strip() if CAPWORD.fullmatch(p.np.strip()) else p.head_np.strip()
        m = _DESCRIBED_NAME.fullmatch(name)               # "a defensive Obama", "Clinton herself"
        if m:
            name = m.group("name")
        low = norm(name)
        if not (CAPWORD.fullmatch(name) or v.particle_name_re.fullmatch(name)) or low in v.name_stop \
                or low in v.nationalities or low in v.not_names or self._common_word_opening(p, name):
            return None
        after = p.np[len(p.head_np):]
        rest = v.speaker_relative_re.split(" " + norm(after) + " ", 1)[0]    # its relative clause may name bodies
        if after.strip() and (not after.lstrip().startswith(",")
                              or (any(w in v.org_heads for w in rest.split()) or v.org_word_re.search(rest))
                              and not self._titled_appositive(rest)):
            return None                                   # "Acme, a company based in Ohio"; not "Lind, who ran the
                                                          # Harbour Board", "Lind, a pilot who joined the Union"
        return p.attribution(Kind.NAMED_PERSON)

    def _common_word_opening(self, p: _Phrase, name: str) -> bool:
        """A word capitalised only because it opens the sentence ("Prosecutors said", "Guests were told"): the
        document writes it in lower case elsewhere and never capitalised inside a sentence, as it would a name
        ("Sanders", "Cross")."""
        if not name.isalpha() or p.s[:p.span.start - p.base].strip(_OPENING_MARKS) or not self._text \
                or name.lower() in self.v.titles or name.lower() in self.v.person_descriptions:   # "Judge said"
            return False
        low = name.lower()
        if low not in self._text:                         # a surname: never written in lower case (most names)
            return False
        if self._case_words is None:                      # read once per document, when first needed
            self._case_words = (frozenset(_LOWER_WORD.findall(self._text)), frozenset(_INNER_CAPITAL.findall(self._text)))
        lower, inner = self._case_words
        return low in lower and name not in inner

    def _titled_appositive(self, rest: str) -> bool:
        """The appositive after a name is headed by a person's title ("Lind, his campaign spokeswoman", "Lind, a
        spokeswoman for the campaign"): a person, whatever organisation it names."""
        words = norm(self._head_phrase(rest.strip(" ,").split(",", 1)[0])).split()
        return bool(words) and strip_possessive(words[-1]) in self.v.titles

    def _anonymity_granted(self, p: _Phrase) -> Attribution | None:
        """A source whose relative clause right after it states its anonymity ("A teacher at the school, who
        spoke on condition of anonymity, said"; "a rescuer who asked not to be named because ..."): the clause
        is cut from the span, but it makes the source anonymous whatever its head or the place it names."""
        if p.person or p.name:
            return None
        at = (p.span.start if p.span.text.lower() == "who" else p.span.end) - p.base   # the span may be the "who"
        after = p.s[at:at + _GRANTED_REACH]
        m = _RELATIVE_AFTER.match(after)
        clause = after[m.end():] if m else ""
        return self._anonymous(p) if clause and self.v.condition_re.search(clause) else None

    def _anonymous_by_condition(self, p: _Phrase) -> Attribution | None:
        """People granted anonymity in the phrase itself ("two senators present who requested anonymity"), or
        described only by their access ("a Democrat familiar with the talks", "a friend close to the family"),
        as "people familiar with" and "Republicans close to the campaign" are."""
        if self.v.condition_re.search(p.low) or self.v.reason_re.search(p.low) or self.v.access_re.search(p.low):
            return self._anonymous(p)
        return None

    # -- helpers -----------------------------------------------------------------------------

    def _search(self, pattern: re.Pattern[str], s: str) -> re.Match[str] | None:
        """`pattern.search(s)`, once per sentence: a sentence with n sources would otherwise cost n scans."""
        if self._searched_in is not s:
            self._searched_in, self._searched = s, {}
        if pattern not in self._searched:
            self._searched[pattern] = pattern.search(s)
        return self._searched[pattern]

    def _anonymous(self, p: _Phrase) -> Attribution:
        v = self.v
        aff = v.affiliation_re.search(p.low)
        root = self.registry.root(p.org).name if p.org else None
        reason = self._search(v.reason_re, p.s)
        m = v.anonymous_re.match(p.low)
        head = m.group().split()[-1] if m else strip_possessive(v.head_cut_re.split(p.low, 1)[0].split()[-1])
        anonymity = Anonymity(
            descriptor=p.np, role_given=v.role_re.search(p.low) is not None or head in v.role_heads,
            affiliation=root or (p.np[aff.start():aff.end()] if aff else None) or self._person_served(p),
            reason_given=reason is not None,
            reason=Span(p.base + reason.start(), p.base + reason.end(), reason.group()) if reason else None,
            plural=head in v.plural_anonymous_heads or (head in v.group_heads and head.endswith("s")))
        return Attribution(kind=Kind.ANONYMOUS, source=p.np, source_span=p.span, actor=root, anonymity=anonymity)

    def _person_served(self, p: _Phrase) -> str | None:
        """The person an anonymous source works for or is close to ("advisers to Mr. Obama", "Okafor allies")."""
        if p.person:
            return self.registry.root(p.person).name
        if p.name:
            return p.name
        words = [w.strip("’',.") for w in p.masked.split()]
        if p.span.start == p.base:                        # "Recent leaks": a sentence's first word is capitalised
            words = words[1:]
        return next((w for w in words if w[:1].isupper() and not self._not_name_word(w) and not _INITIALS.fullmatch(w + ".")
                     and strip_possessive(norm(w)) not in self.v.heads), None)

    def _collective(self, low: str) -> bool:
        """ "Palestinian officials": a plural described only by nationality is a vague collective."""
        words = low.split()
        if words[-1] not in self.v.plural_anonymous_heads or words[-1] in _NOT_COLLECTIVE or self.v.role_re.search(low):
            return False
        described = [w for w in words[:-1] if w not in _COLLECTIVE_FILLERS]   # "some allies" are not described
        return bool(described) and all(w in self.v.nationalities or w in self.v.collective_modifiers for w in described)

    def _institution_before(self, before: str) -> bool:
        """The sentence names an organisation before the source ("the Mexican government ..., according to
        officials"): a registry organisation, or "the" and an organisation noun."""
        if any(actor.kind in ("org", "group") for _, _, actor in self.registry.find(before)):
            return True
        return self.v.definite_org_re.search(before) is not None

    def _names_institution(self, phrase: str, common: str | None = None) -> bool:
        """An institution is named in a descriptor: a capitalised word that is not a nationality or a common
        role word, or an institutional noun ("administration officials", "officials at the FBI"); `common`, a word
        capitalised only because it opens the sentence, names nothing."""
        v = self.v
        for i, w in enumerate(phrase.split()):
            if i == 0 and common is not None and w == common:
                continue
            w = w.strip("’',.()")
            wl = strip_possessive(w.lower().replace("’", "'"))
            if w[:1].isupper() and wl not in v.nationalities and wl + "." not in v.nationalities \
                    and wl not in v.name_stop and wl not in v.plain:
                return True
        return bool(v.institution_word_re.search(phrase.lower()))

    def _person_name(self, text: str) -> str | None:
        """A proper name of a person: capitalised words that are not titles, nationalities or organisations."""
        v = self.v
        for m in CAPSEQ.finditer(text):
            words = [w for w in m.group().split() if w.lower() not in _NOT_IN_NAMES]
            before, after = text[:m.start()].split()[-1:], text[m.end():].lstrip()
            names = [w for i, w in enumerate(words) if not self._not_name_word(w) or self._surname(words, i)
                     or self._given_month(before + words[:i], words[i:], after)]
            if names and (v.org_word_re.search(m.group()) or words[-1].lower() in v.org_heads):
                beside = self._name_beside_org(m.group())
                if beside is None:
                    continue
                names = beside
            if not names:
                continue
            titled = v.title_re.search(text[:m.start()] + " " + m.group())
            if len(names) >= 2 or (titled and names) or "-" in names[0]:
                return " ".join(names)
        return None

    def _name_beside_org(self, seq: str) -> list[str] | None:
        """The person's name in a capitalised sequence that also names an organisation: before it ("Mujtaba
        Rahman of the Eurasia Group") or after it ("Secretary of State John Kerry")."""
        v = self.v
        lead = _NAME_BEFORE_ORG.match(seq)
        if lead and not v.org_word_re.search(lead.group(1)) and len(lead.group(1).split()) <= 3 \
                and not _AND.search(lead.group(1)):
            names = [w for w in lead.group(1).split() if not self._not_name_word(w)]
            if len(names) >= 2:
                return names
        words = seq.split()                               # after it, behind a title: "House Speaker Paul Ryan"
        last_org = max((i for i, w in enumerate(words) if v.org_word_re.fullmatch(w) or w.lower() in v.org_heads),
                       default=len(words))
        tail = words[last_org + 1:]
        titled = [i for i, w in enumerate(words) if v.title_re.fullmatch(w)]
        if not titled or not tail or tail[-1].endswith(("’s", "'s")):   # not "House Speaker Paul Ryan's office"
            return None
        start = max(last_org, titled[-1]) + 1
        names = [w for w in words[start:] if w.lower() not in _NOT_IN_NAMES and not self._not_name_word(w)]
        return names if len(names) >= 2 else None

    def _surname(self, words: list[str], i: int) -> bool:
        """A describing word (`not_names`: "White", "Young") after a name word, in the singular: a surname
        ("Thomas White"), not a group ("White evangelicals", "Clinton Democrats")."""
        w = strip_possessive(words[i].lower().replace("’", "'"))
        return (i > 0 and w in self.v.not_names and not w.endswith("s")
                and not self._not_name_word(words[i - 1]) and words[i - 1][:1].isupper())

    def _given_month(self, before: list[str], words: list[str], after: str) -> bool:
        """`words[0]` is a month that is a given name: right before a name word that ends the capitalised run and
        the phrase or its first comma piece ("April Lind", "April Lind, a spokeswoman"; a day would be a number),
        not after a stop word ("since April") nor naming what follows ("April Northgate pilots")."""
        return words[0].lower() in self.v.given_name_months and len(words) == 2 and words[1][:1].isupper() \
            and not self._not_name_word(words[1]) and not (before and before[-1].lower() in self.v.name_stop) \
            and after[:1] in ("", ",")

    def _not_name_word(self, w: str) -> bool:
        v = self.v
        base = strip_possessive(w.lower().replace("’", "'"))
        return base in v.name_stop or base in v.nationalities or base in v.not_names \
            or bool(v.number_word_re.fullmatch(base)) or bool(v.title_re.fullmatch(w)) \
            or bool(v.org_word_re.fullmatch(w))
