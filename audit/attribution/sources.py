"""Source finding: where each cue category reads its source from (subject, inverted phrase, possessor ...)."""
from __future__ import annotations

import re

from ..language import norm
from .phrases import NounPhrases
from .spans import BY_AGENT_GAP, COORDINATED, NAME_TAIL, WORDS, Cue, Quotes, Source, strip_possessive
from .vocabulary import Vocabulary

_BY = re.compile(r"(?:\s+[a-z]+ly)?\s+by\s+")
_FROM = re.compile(r"\s+from\s+")
_THAT = re.compile(r"\s*that\b")
_MAIN_VERB = re.compile(r"(?:\s+[a-z]+ly)*\s+([a-z]+)")          # "quickly mailed": adverbs and the verb
_MESSAGE_TO = re.compile(r"(\S+)\s+to\s+(?:\S+\s+){0,2}\S+$")   # a message noun, "to" and its recipient
_BE_BEFORE = re.compile(r"(?<=\s)(?:is|are|was|were|been|be)(?:n[’']t)?(?:\s+(?:not|also|still|now|already|again|[a-z]+ly))*\s*$"
                        r"|(?<=\s)(?:also|still|now|already)\s+(?:is|are|was|were)\s*$")
_BEFORE_PARTICIPLE = ("by", "after", "before", "while", "when", "without", "in")
_QUOTE_END = ("”", '"', "''", "’")
_QUOTE_OPENERS = ("“", '"')                           # where the speaker after an inverting verb ends
_NO_BELIEF_SUBJECTS = ("you",)
_SENTENCE_END = " \t\r\n.!?\"”’')"
_ARTICLES = ("a", "an", "the")
# A sentence (or what follows its dateline) opening with a name and a comma: the name is the speaker of a later
# "said" ("Mohamed Zaqout, general manager of all hospitals in Gaza, said the roof ..., Gaza's largest, was hit").
_NAME_OPENS = re.compile(r"(?:[^—–]*[—–]\s+)?(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]*,")
# Words that go on with a clause after a speaker set in its middle ("..., said X, but ...", "..., said X, would be").
_CONTINUATIONS = frozenset({"but", "and", "so", "because", "since", "although", "though", "yet", "while", "if", "as"})
_OPENING_MARKS = " \t\n\"“‘'(—–-"
_TO_END = re.compile(r"\sto$")
_CLAUSE_JOIN = re.compile(r"[,;:]|\s(?:and|but|or)\s")


def quotes_between(s: str, a: int, b: int) -> bool:
    """A quotation mark between `a` and `b` (the opening clause runs into a quotation)."""
    return any(ch in s[a:b] for ch in "“”\"")


def last_word(s: str, pos: int) -> str:
    """The last word before `pos`, as `s[:pos].rsplit(None, 1)[-1]`, found without copying `s[:pos]`:
    a sentence of n cues costs O(n), not O(n²)."""
    end = pos
    while end and s[end - 1].isspace():
        end -= 1
    start = end
    while start and not s[start - 1].isspace():
        start -= 1
    return s[start:end]


_OF = re.compile(r"\s+of\s", re.IGNORECASE)


def _negated(word: str) -> bool:
    """ "didn't", "doesn’t": a negated auxiliary, so a clause."""
    return word.lower().endswith(("n't", "n’t"))


class SourceFinder:
    """The source span of a cue, or None; `COORDINATED` when the cue covers only part of the sentence."""

    def __init__(self, vocabulary: Vocabulary):
        self.v = vocabulary
        self.phrases = NounPhrases(vocabulary)
        self._by_kind = {"credit": self._credit, "prep": self._prep, "colon": self._pattern_source,
                         "quote_intro": self._quote_intro, "by_agent": self._by_agent, "passive_agent": self._by_agent,
                         "from_agent": self._from_agent,
                         "poll_in": self._pattern_source, "dash": self._pattern_source, "evidence_subject": self._pattern_source,
                         "evidence_participle": self._pattern_source,
                         "possessive": self._possessor, "participle": self._participle, "pronposs": self._pronoun}

    def find(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        return self._by_kind.get(cue.kind, self._verb)(s, cue, quotes)

    def coordinated_subject(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        """The main clause's subject for a cue after "and"/"but" ("She greeted ... and told them")."""
        words = self.phrases._words_before(s, cue.start, quotes)
        return self.phrases.main_subject(s, words[-1][0]) if words else None

    def holds_views(self, src: Source) -> bool:
        """A subject that can hold a belief or take a stance: a name, pronoun, group or anonymous descriptor."""
        v = self.v
        np = src.name or src.text
        low = norm(np)
        if low in ("you", "it"):
            return False
        if low in v.anaphors or low in v.pronouns:
            return True
        if any(w[:1].isupper() for w in np.split()[1:]) or (np[:1].isupper() and low.split()[0] not in v.possessors):
            return True
        if self._holder(low):
            return True
        core = norm(v.head_cut_re.split(np, 1)[0])       # "supporters of the bill": the head before "of"
        return core != low and bool(core) and not v.partitive_re.match(low) and self._holder(core)

    def counts_figures(self, src: Source) -> bool:
        """A subject that can be the source of a figure: one that holds views, or a body named by a common noun ("the
        harbour authority put the toll at 12"); not an event ("The deaths raised the toll to 205")."""
        if self.holds_views(src):
            return True
        core = norm(self.v.head_cut_re.split(src.name or src.text, 1)[0]).split()
        return bool(core) and (core[-1] in self.v.org_heads or self.v.org_word_re.fullmatch(core[-1]) is not None)

    def _holder(self, low: str) -> bool:
        """A phrase headed by a group, an anonymous descriptor or a person noun."""
        v = self.v
        head = low.split()[-1]
        return bool(v.group_re.match(low) or v.anonymous_re.match(low)) or head in v.person_nouns \
            or (head.endswith(v.people_suffixes) and len(low.split()) <= 4)

    # -- one finder per cue category ---------------------------------------------------------

    @staticmethod
    def _credit(s: str, cue: Cue, quotes: Quotes) -> Source:
        return Source(cue.start, cue.end, cue.text)

    def _prep(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        return self.phrases.after(s, cue.end)

    def _pattern_source(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        """Colon, dash and poll cues: the span their own pattern matched."""
        return self.phrases.span(s, *cue.source) if cue.source else None

    def _quote_intro(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        return self.phrases.subject(s, cue.start, quotes, "speech")

    def _by_agent(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        m = _BY.match(s, cue.end) or BY_AGENT_GAP.match(s, cue.start)   # "was described to him by X"
        if not m:
            return None
        src = self.phrases.after(s, m.end() - 1)
        cut = self.v.agent_end_re.search(src.text) if src is not None else None
        if src is None or cut is None:
            return src                                    # "criticized by pilots for the toll": "pilots"
        return self.phrases.span(s, src.start, src.start + cut.start())

    def _from_agent(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        """ "support from party leaders": the phrase after "from", without a clause tail."""
        m = _FROM.match(s, cue.end)
        if not m:
            return None
        src = self.phrases.after(s, m.end() - 1)
        if src is None:
            return None
        cuts = [c.start() for c in (self.v.agent_end_re.search(src.text), self.v.modal_re.search(src.text),
                                    self.v.from_agent_end_re.search(src.text)) if c]
        return src if not cuts else self.phrases.span(s, src.start, src.start + min(cuts))   # "Support from X helped"

    def _possessor(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        """ "Trump's criticism": the name before the apostrophe."""
        m = NAME_TAIL.search(s, 0, cue.start)
        if not m:
            return None
        end = cue.start + (2 if cue.text[1:2].lower() == "s" else 1)
        name = s[m.start(1):m.end(1)]
        if name.lower() in self.v.name_stop:
            return None
        return Source(m.start(1), end, s[m.start(1):end], name)

    @staticmethod
    def _pronoun(s: str, cue: Cue, quotes: Quotes) -> Source:
        """ "his statement": the possessive pronoun."""
        word = cue.text.split()[0]
        return Source(cue.start, cue.start + len(word), word)

    def _participle(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        """ "X rejected it, saying ...", "with Netanyahu declaring ...", "he is saying"."""
        before = s[:cue.start].rstrip()
        if before.endswith(_QUOTE_END) and before.rstrip("”’\"'").endswith(","):
            before = before.rstrip("”’\"'")             # 'needled the "reporter," saying'
        if not before.endswith((",", "—", "–")):
            before = self._without_adverbs(before)        # "..., wrongly suggesting", "..., again saying"
        if before.endswith((",", "—", "–")):
            return self._speaker_aside(s, before) or self.phrases.main_subject(s, cue.start)
        tokens = before.split()
        prev = tokens[-1].lower() if tokens else ""
        if not before.strip(_OPENING_MARKS):              # "Pointing to the report, officials concurred": the
            return self._after_opening_clause(s, cue)     # subject after the opening clause
        if prev in _BEFORE_PARTICIPLE:
            opening = len(before) - len(prev)
            if not s[:opening].strip():                   # "After saying he was nervous, the man ...": the
                src = self.phrases.main_subject(s, len(s))  # subject after the opening clause
                return src if src is not None and src.start > cue.end else None
            return self.phrases.main_subject(s, opening)
        m = self.v.with_clause_re.search(before)
        if m:
            return self.phrases.np(s, m.start(1), m.end(1))
        noun = self._message_noun(before, prev, tokens[-1])
        if noun is not None:                              # "she sent an email saying", "His office put out a
            src = self.phrases.main_subject(s, cue.start)     # statement saying": the sender
            verb = _MAIN_VERB.match(s, src.end) if src is not None else None    # the sender's own verb: "quickly
            sent = verb.end() if verb and verb.group(1) in self.v.sending_verbs \
                and not _BY.match(s, verb.end()) else None    # mailed out" is no gap; "a post shared by" is one
            recipient = strip_possessive(prev) not in self.v.message_nouns   # "a letter to pilots saying": sent
            if src is not None and src.end < noun and not quotes.inside(cue.start) and (sent or not recipient) \
                    and not self.v.clause_gap_re.search(s, sent or src.end, noun):
                return src
            return None
        m = _BE_BEFORE.search(before)
        if m and m.start():                               # "Trump isn't saying", "Ryan also is stressing"
            return self.phrases.subject(s, m.start(), quotes, "speech")
        return self.phrases.subject(s, cue.start, quotes, "progressive")

    def _message_noun(self, before: str, prev: str, last: str) -> int | None:
        """Where the message noun right before a participle starts in `before` ("an email saying"), or the one
        before "to" and its recipient ("a letter to the pilots stating"); None when there is none."""
        if strip_possessive(prev) in self.v.message_nouns:
            return len(before) - len(last)
        to_whom = _MESSAGE_TO.search(before)
        if to_whom and strip_possessive(to_whom.group(1).lower()) in self.v.message_nouns:
            return to_whom.start(1)
        return None

    def _speaker_aside(self, s: str, before: str) -> Source | None:
        """ "The toll rose, the ministry said, adding ...": the speaker of a reporting clause set between commas
        right before the participle (its verb a speech cue, then only words such as "on Friday", "in a statement"
        (`aside_tail_words`) or "to investors"), not the sentence's subject. Not a relative clause without its
        pronoun ("a move critics said was overdue", "a claim the government denies")."""
        end = len(before) - 1
        start = before.rfind(",", 0, end) + 1
        if not start:
            return None
        words = list(WORDS.finditer(before, start, end))
        low = [norm(w.group()) for w in words]
        for i in range(1, len(words)):
            if self.v.category.get(low[i]) != "speech":
                continue
            tail, head = low[i + 1:], low[:i]
            to_whom = tail[:1] == ["to"] and len(tail) <= 3      # "wrote to investors", "said to reporters"
            if len(tail) > 4 or not (to_whom or all(t in self.v.aside_tail_words for t in tail)) \
                    or self._clause_head(head):
                return None
            return self.phrases.np(s, words[0].start(), words[i - 1].end())
        return None

    def _clause_head(self, head: list[str]) -> bool:
        """The words before an aside's verb open a clause, not a speaker: a relative pronoun first, or a second
        determiner not after a preposition ("a claim the government", not "the head of the agency")."""
        v = self.v
        return head[0] in v.relative_words or any(
            w in _ARTICLES and head[j - 1] not in v.relative_prepositions for j, w in enumerate(head[1:], 1))

    def _after_opening_clause(self, s: str, cue: Cue) -> Source | None:
        """The main clause's subject after a participle clause opening the sentence, up to its first comma."""
        comma = s.find(", ", cue.end)
        if comma < 0 or quotes_between(s, cue.end, comma) \
                or norm(s[cue.start:cue.end + 4]) in self.v.opening_copula_participles:
            return None                                   # "Adding to the wariness is ...": no clause of a speaker
        rest = comma + 2
        src = self.phrases.main_subject(s[rest:], len(s) - rest)
        if src is None or not src.text.strip():
            return None
        return Source(src.start + rest, src.end + rest, src.text, src.name)

    def _without_adverbs(self, before: str) -> str:
        """The text before a participle without the adverbs right before it (at most two)."""
        for _ in range(2):
            word = last_word(before, len(before))
            low = word.lower()
            if not (low in self.v.filler_words or self.v.adverb(word)):
                break
            before = before[:len(before) - len(word)].rstrip()
        return before

    def _verb(self, s: str, cue: Cue, quotes: Quotes) -> Source | None:
        """Reporting, belief, stance and evidence verbs and cue nouns: the subject, or the phrase after."""
        kind = cue.kind
        before = last_word(s, cue.start)        # what is tested of the text before the cue
        if norm(cue.text) in self.v.passive_before_of and _OF.match(s, cue.end) \
                and before.lower() not in self.v.pronouns:
            return None                                   # "a man accused of arson" (not "whom the mayor accused of")
        if kind in ("speech", "evidence", "belief") and before.endswith(_QUOTE_END):
            src = self.phrases.inverted(s, cue.end)       # '"...," said X.', '"...," concluded a 2013 study',
                                                          # '"...," remembered X'
            if src is not None:
                return src
        elif kind == "speech" and before.endswith(","):   # "X, a Y, said" or "..., said X, a Y."
            src = self._inverted_speaker(s, cue)
            if src is not None:                           # "..., the ferry will run late, said X, a Y."
                return src
            if norm(cue.text) in self.v.inverting_verbs and self.phrases.after_introductions(s, cue.start) >= cue.start - 1:
                src = self.phrases.inverted(s, cue.end)   # "But, said Reyes, “...”": only an opener before the verb,
                if src is not None and s[src.end:].lstrip(" ,")[:1] in _QUOTE_OPENERS:    # the quotation after it
                    return src
            src = self.phrases.subject(s, cue.start, quotes, kind)
            return src if src is not None else self.phrases.inverted(s, cue.end)
        be_stance = kind == "stance" and norm(cue.text) in self.v.be_stances    # "was especially critical of"
        be = before.lower()[:-3] if _negated(before) else before.lower()
        if be in self.v.be_forms and not cue.text.split()[0].lower().endswith("ing") and not be_stance:
            return None                                   # passive: "is estimated", "was told", "weren't disclosed"
        at = cue.start
        if be_stance:                                     # the subject before "was" of "was especially critical of"
            words = self.phrases._words_before(s, cue.start, quotes)
            be = s[words[-1][0]:words[-1][1]].lower() if words else ""
            if be == "being":
                return None                               # "the partner being supportive of her": no clause
            if be in self.v.be_forms:
                at = words[-1][0]
        src = self.phrases.subject(s, at, quotes, kind)
        if src is not None and src is not COORDINATED and _TO_END.search(src.text):
            src = self._infinitive_subject(s, cue, src)
        if src is None and kind == "speech" and not before:
            src = self.phrases.inverted(s, cue.end)
        if src is not None and src is not COORDINATED and src.text.strip() \
                and norm(src.text.split(None, 1)[0]) in self.v.subject_ending_cues:
            return None                                   # "X said the diplomat couldn't recall": a reported clause
        if src is None or self._fits(s, cue, src):
            return src
        return None

    def _infinitive_subject(self, s: str, cue: Cue, src: Source) -> Source | None:
        """A cue after "to" whose phrase before runs into a verb ("Harbour leaders assembled on Monday to discuss",
        "The pilots used harsh words to denounce"): the main clause's subject, when it starts inside that phrase and
        ends before its last word with no clause joined between; a name alone before "to" is a headline's subject
        ("Harbour Union to endorse X"); else none ("There's no way to", "It's hard to")."""
        main = self.phrases.main_subject(s, cue.start)
        if main is not None and main is not COORDINATED and main.text.strip() and main.start >= src.start \
                and main.end <= src.end - 3 and norm(main.text) not in self.v.non_sources \
                and not _CLAUSE_JOIN.search(s, main.end, src.end):
            return main
        words = src.text.split()[:-1]
        if words and all(w[:1].isupper() and "’" not in w and "'" not in w for w in words):
            return self.phrases.np(s, src.start, src.start + len(src.text[:-2].rstrip()))
        return None

    def _inverted_speaker(self, s: str, cue: Cue) -> Source | None:
        """The speaker after an inverting verb that follows the clause it reports ("..., the ferry will
        run late, said X, a Y."): a name or described phrase, with appositives or a relative clause only, that
        ends the sentence; None when what follows the verb is its clause ("X, a Y, said the plan ...")."""
        v = self.v
        if norm(cue.text) not in v.inverting_verbs:
            return None
        src = self.phrases.inverted(s, cue.end)
        if src is None:
            return None
        if s[src.end:].strip(_SENTENCE_END):
            return None
        # "The contrast, said X, would be clear": X; with only an opener before the verb, "Still, said X, the pier is shut"
        opener_only = self.phrases.after_introductions(s, cue.start) >= cue.start - 1
        src = self._parenthetical_speaker(s, src) or (self.phrases.before_clause(src) if opener_only else None) or src
        parts = [p.strip() for p in src.text.split(",")]
        lead = v.speaker_relative_re.split(parts[0], 1)[0]   # "an official who was briefed ...": the head
        head = lead.split()
        first = head[0].lower()
        if first in v.name_stop and not (first in _ARTICLES and self._person_head(head[-1])) \
                or first in v.pronouns or first in v.leading_words or self.phrases.modal(lead) or any(w.lower() in v.clause_verbs or _negated(w) for w in head[1:]) \
                or v.verb_after_name_re.search(parts[0]):
            return None
        for part in parts[1:]:                            # appositives and relative clauses, not a clause of its own
            word = part.split()[0].lower() if part else ""
            if word in v.leading_words or word in v.clause_verbs or _negated(word):
                return None
        return src

    def _parenthetical_speaker(self, s: str, src: Source) -> Source | None:
        """The speaker of a reporting verb set in the middle of the clause it reports ("The contrast with Trump, said
        Doyle, would be clear", "..., said Howard, but her plans ..."): the phrase after the verb up to the comma
        segment that goes on with the reported clause (a verb, a modal or a conjunction), with its appositives."""
        v = self.v
        before = s[:src.start].rstrip().rsplit(" ", 1)[0].rstrip(" ,").rsplit(", ", 1)[-1].strip()
        m = NAME_TAIL.search(before)
        if m and m.start() == 0 or _NAME_OPENS.match(s):
            return None                                   # "X's manager, Corey Lewandowski, said the staff ...,
        parts = src.text.split(", ")                      # Paul Manafort, should": Lewandowski said it
        offset = 0
        for i, part in enumerate(parts):
            word = part.split()[0].lower().strip(_SENTENCE_END) if part.split() else ""
            if i and (word in v.clause_verbs or word in _CONTINUATIONS or self.phrases.modal(word)):
                end = src.start + offset - 2
                speaker = s[src.start:end]
                if any(w.lower().strip(",") in v.clause_verbs for w in speaker.split()) or self.phrases.modal(speaker):
                    return None                           # "says more than 10,000 people have been killed, ..."
                return Source(src.start, end, speaker)
            offset += len(part) + 2
        return None

    def _person_head(self, word: str) -> bool:
        """A noun naming a person or people: a title, a person noun, an anonymous or group head ("an American
        official", "a spokesman", "the senator")."""
        v = self.v
        low = norm(word).strip(",")
        return any(w in v.person_nouns or w in v.heads for w in (low, low[:-1] if low.endswith("s") else low))

    def _fits(self, s: str, cue: Cue, src: Source) -> bool:
        """Beliefs are not the reader's ("you think"; the writer's "I think" is the self's); evidence comes from
        documents and groups."""
        if cue.kind == "belief":
            return src.text.lower() not in _NO_BELIEF_SUBJECTS
        if cue.kind == "evidence":                        # '"...," Carson concluded.': a quotation's speaker
            return self._evidence_subject(src.text) or bool(_THAT.match(s, cue.end)) \
                or (s[:src.start].rstrip().endswith(_QUOTE_END) and src.text[:1].isupper())
        return True

    def _evidence_subject(self, np: str) -> bool:
        v = self.v
        low = norm(np.split(",", 1)[0])                  # "Two analysts, Ana Lind and Mark Reyes": the head
        return bool(v.document_start_re.match(low) or v.group_re.match(low) or low in v.anaphors
                    or v.anonymous_re.match(low))
