"""Cue finding: the words and marks of a sentence that may introduce its source, one function per category."""
from __future__ import annotations

import re

from ..language import norm
from ..registry import Registry
from .spans import (BY_AGENT, BY_AGENT_GAP, COLON, DASH_CREDIT, QUOTE_INTRO, TRIM, Cue, has_dash, strip_possessive,
                    title_case)
from .vocabulary import Vocabulary

# Cue categories, tried in this order (lower first); cues inside quotation marks come after all others.
PRIORITY = {"quote_intro": 1, "by_agent": 1, "passive_agent": 2, "from_agent": 2, "poll_in": 2, "dash": 1, "credit": 0, "prep": 0, "speech": 0,
            "noun": 0, "possessive": 2, "colon": 1, "evidence": 1, "evidence_subject": 1, "evidence_participle": 2,
            "stance": 2, "belief": 2,
            "decision": 2, "participle": 2, "pronposs": 3, "figure": 0, "sourceless": 9}
# Categories that are no cue at all without a source ("It goes without saying").
NEEDS_SOURCE = frozenset({"by_agent", "passive_agent", "from_agent", "poll_in", "stance", "belief", "decision", "participle", "possessive",
                          "pronposs", "colon", "dash", "credit", "evidence_subject", "evidence_participle",
                          "figure"})
# Categories whose subject must be able to hold a view or decide (a name, pronoun, group, descriptor).
VIEW_HOLDING = frozenset({"belief", "stance", "decision"})
# A verb whose subject is the source of the figure in its object ("the ministry put the toll at 3,785"); the subject
# must hold views or be a body, not an event ("The deaths raised the toll to 205").
FIGURE = "figure"
# Categories precise enough to add a further attribution to a sentence that has one (bench/cue_classes.py:
# beliefs, stances and possessive nouns after the first are mostly not marked as attributions).
FURTHER = frozenset({"speech", "participle", "prep", "quote_intro", "evidence", "colon", "dash", "credit", "stance",
                     "by_agent", "passive_agent"})
NOUN_ROLES = frozenset({"pnoun", "pronnoun", "cnoun"})
# Categories of a verb that make its "-ed by X" agent the source ("endorsed by the AFL-CIO").
AGENT_CATEGORIES = ("stance", "speech", "belief", "evidence", "decision")

_AS_BELIEF = frozenset({"as_belief"})
_AS_FOLLOWS = re.compile(r"\s+(?!by\s)(?:[\w’'$%.-]+\s+){1,8}?as\s")   # "see [the new toll] as", no comma between, not "viewed by"
_NAMED_AGENT = re.compile(r"[A-Z]|the\s|a\s|an\s")   # "endorsed by the AFL-CIO", "praised by Sanders"
_COMES_FROM = ("comes from", "came from", "come from")
_CLAUSE_FOLLOWS = re.compile(r"\s*(?:that\b|[\"“‘':,]|''|$|[.!?]\s*[\"”’']?\s*$|(?:on|last|this|earlier)\b)")
_NOUN_FOLLOWS = re.compile(r"\s+(?:show|shows|showed|say|says|said|suggest|suggests|found|find|indicate|have|had|"
                           r"are|were|is|was|of|from|and|in|for|by|to\s+the)\b")
_THAT_OR_QUOTE = re.compile(r"\s*(?:that\b|[\"“:])")
_NAMED_THING = re.compile(r"(?:\bso-|\b(?:a|an|the)\s+\S+\s+)$", re.IGNORECASE)   # "a group called", "so-called"
# "joined a resistance movement called the X Party": an indefinite article and common nouns before "called", and a
# name after it; after a comma only a quoted title ("a series, called “Quick Question”", not "a critic, called Lind")
_NAMED_KIND = re.compile(r"\b(?i:a|an)\s+(?:[a-z][\w’'-]*\s+){0,2}[^\s,]+(?P<comma>,)?\s+$")
_CALLED_ON = re.compile(r"\s+(?:for|on|him|her|them|it|the|a|an|his|their)\b", re.IGNORECASE)
_NAME_FOLLOWS = re.compile(r"\s+(?:the\s+)?[A-Z“\"]")
_TITLE_FOLLOWS = re.compile(r"\s+[“\"]")
_IMPERATIVE_AFTER = ("now", "just", "please", "let's")
_WORD = re.compile(r"\S+")
_DETERMINED = re.compile(r"(?:an?|the|this|that|their|its)\s|[A-Z]")
_POLL_TAIL = 60                   # characters after the poll noun its description may run to a comma
_DOTS_AND_SPACES = re.compile(r"[ .]*")
# A name and an aside between commas ending right before a word ("Jeb Bush, who has been ..., hopes", "Lind, a
# pilot, plans"): the word after it is the name's verb, not a plural noun.
_NAME_ASIDE = re.compile(r"[A-Z][\w.’'-]*,\s+(?:who|a|an|the|his|her|their)\s[^,;:“”\"()]*,\s*$")
_ASIDE_REACH = 200


def is_credit(s: str, a: int, b: int) -> bool:
    """A headline credit: "...: NYT" at the end of the sentence. Tested in place, without copying the
    sentence on each side: a sentence of n outlets costs O(n), not O(n²)."""
    if not _DOTS_AND_SPACES.fullmatch(s, b):
        return False
    before = a
    while before and s[before - 1].isspace():
        before -= 1
    return s[before - 1:before] == ":"


def may_cite_poll(s: str) -> bool:
    """Whether a sentence with no cue word may still name a poll as its source ("leads in the latest poll")."""
    return "poll" in s or "survey" in s


class CueFinder:
    """All cue candidates of a sentence, from the trie hits and the punctuation patterns."""

    def __init__(self, vocabulary: Vocabulary, registry: Registry):
        self.v = vocabulary
        self.registry = registry

    def find(self, s: str, hits, outlets, is_headline: bool) -> list[Cue]:
        cues = [Cue("credit", a, b, s[a:b]) for a, b, _ in outlets if is_credit(s, a, b)]
        for a, b, roles in hits:
            cue = self._word_cue(s, a, b, roles, is_headline)
            if cue is not None:
                cues.append(cue)
            if "evidence_subject" in roles:
                cue = self._evidence_subject(s, a, b)
                if cue is not None:
                    cues.append(cue)
        cues += self._dashes(s)
        for finder in (self._quote_intro, self._by_agent, self._from_agent, self._poll_in, self._colon):
            cue = finder(s)
            if cue is not None:
                cues.append(cue)
        blocked = [(a, b) for a, b, roles in hits if "not_cue" in roles]
        marker = self.v.discourse_marker_re.match(s) if cues else None
        if marker:                                        # "That said, ...": no one's words
            blocked.append(marker.span())
        return [c for c in cues if not any(a < c.end and c.start < b for a, b in blocked)] if blocked else cues

    def colon_source(self, src: str) -> bool:
        """Whether the text before a colon or after a dash can be a source ("Trump: ...", not "Update: ...")."""
        low = norm(src)
        if low in self.v.colon_labels or low in self.v.name_stop or len(low.split()) > 7:
            return False
        mention = self.registry.lookup(src)
        return not (mention is not None and mention.kind == "state") and low not in self.v.nationalities

    # -- cue words found by the trie --------------------------------------------------------

    def _word_cue(self, s: str, a: int, b: int, roles: frozenset[str], is_headline: bool) -> Cue | None:
        if roles == _AS_BELIEF:                           # "pilots see the toll as a threat"
            return Cue("belief", a, b, s[a:b]) if _AS_FOLLOWS.match(s, b) else None
        if "attitude" in roles:
            attitude = self._attitude_cue(s, a, b)
            if attitude is not None or roles == {"attitude"}:
                return attitude
        if roles & NOUN_ROLES:
            cue = self._noun_cue(s, a, b, roles)
            if cue is not None:
                return cue
        if "prep" in roles:
            return self._prep_cue(s, a, b)
        return self._verb_cue(s, a, b, is_headline)

    def _noun_cue(self, s: str, a: int, b: int, roles: frozenset[str]) -> Cue | None:
        """ "Trump's criticism", "his statement", "has made a startling announcement"."""
        lead = s[max(0, a - 40):a]
        offset = a - len(lead)
        found = (("pnoun", "possessive", lambda: self.v.possessor_re.search(lead)),
                 ("pronnoun", "pronposs", lambda: self.v.pronoun_possessor_re.search(lead.lower())),
                 ("cnoun", "noun", lambda: self.v.noun_verb_re.search(lead.lower())))
        for role, kind, search in found:
            m = search() if role in roles else None
            if m:
                start = offset + m.start()
                return Cue(kind, start, b, s[start:b])
        return None

    def _attitude_cue(self, s: str, a: int, b: int) -> Cue | None:
        """ "aides were adamant that", "allies have long been concerned", "officials aren't sure": an attitude
        right after a form of "be" (adverbs between) is a belief, the cue running from "be"; not before a
        word of `attitude_not_before` ("is sure to pass", "was divided into wards", "was convinced by")."""
        v = self.v
        after = _WORD.match(s, b + 1) if s[b:b + 1].isspace() else None
        if after and norm(after.group()).strip(",;:.") in v.attitude_not_before:
            return None
        for m in reversed(list(_WORD.finditer(s, max(0, a - 60), a))):
            w = norm(m.group()).strip(",;:")
            if w in v.be_forms or w.endswith("n't") and w[:-3] in v.be_forms:   # "aren't", "wasn't"
                return Cue("belief", m.start(), b, s[m.start():b])
            if not (w in v.filler_words or v.adverb(w)):
                return None
        return None

    def _prep_cue(self, s: str, a: int, b: int) -> Cue | None:
        word = s[a:b]
        low = norm(word)
        if low == "per" and not re.match(r"\s+(?:the\s+|a\s+)?[A-Z]", s[b:]):
            return None                                   # "per student"
        if low in _COMES_FROM and not self.v.origin_before_re.search(s[max(0, a - 40):a]):
            return None                                   # "she came from the Middle East"
        return Cue("prep", a, b, word)

    def _verb_cue(self, s: str, a: int, b: int, is_headline: bool) -> Cue | None:
        word = s[a:b]
        low = norm(word)
        kind = self.v.category.get(low)
        if kind is None:
            return None
        if a > 0 and word[0].isupper() and not self._capitalised_verb(s, a, low, is_headline):
            return None
        if self._other_sense(s, b, low):
            return None
        before = s[max(0, a - 40):a]
        tokens = before.split()
        while len(tokens) > 1 and self.v.filler(tokens[-1], s):
            tokens.pop()                                  # "The poll also shows": look past the adverb
        prev_raw = tokens[-1] if tokens else ""
        prev = prev_raw.lower()
        if kind == FIGURE and (prev in self.v.relative_prepositions or not self.figure_follows(s, b, low)):
            return None                                   # "put pressure on", "raised the flag", "of registered 312 boats"
        if self._noun_reading(s, b, low, prev_raw, before) and not (
                kind == "evidence" and prev not in self.v.strict_determiners and not prev.endswith(("'s", "’s"))
                and self._document_shortly_before(s, a)):   # "a poll released Monday shows"
            return None
        if kind == "evidence" and low in ("show", "shown") and prev not in self.v.show_subjects \
                and not self._document_shortly_before(s, a):
            return None
        return Cue(kind, a, b, word)

    def figure_follows(self, s: str, b: int, low: str) -> bool:
        """A figure in the object of a figure or estimate verb: right after a count verb ("registered 61 deaths"),
        or after a count noun and a preposition ("put the death toll at 3,785")."""
        if (low in self.v.count_verbs or low in self.v.estimate_verbs) and self.v.count_object_re.match(s, b):
            return True
        if low in self.v.estimate_verbs and self.v.estimate_object_re.match(s, b):
            return True                                   # "estimated the damage at $2 billion"
        return self.v.toll_object_re.match(s, b) is not None

    def _other_sense(self, s: str, b: int, low: str) -> bool:
        """An object of `cue_other_senses` right after the verb, or after one determiner, gives it a sense that
        takes no view ("defended clients", "defended the town"); a word of `gerund_other_senses` and a gerund do too
        ("responded by closing the pier")."""
        gerund, senses = self.v.gerund_other_senses.get(low), self.v.cue_other_senses.get(low)
        if not gerund and not senses:
            return False
        raw = s[b:b + 60].split()[:3]
        words = [norm(w).strip(",;:.") for w in raw]
        if gerund and words[:1] and words[0] in gerund:
            rest = words[2:] if words[1:2] and (words[1] in self.v.filler_words or self.v.adverb(words[1])) \
                else words[1:]                            # "responded by first saying", "by abruptly blocking"
            if rest and rest[0].endswith("ing"):
                return True
        if not senses or not words:
            return False
        if words[0] in self.v.strict_determiners or words[0] in self.v.possessors:
            if words[1:2] and words[1] in senses:         # "defended the title"
                return True                               # "posted a clear victory": one modifier may stand
            return len(words) > 2 and raw[1].isalpha() and words[2] in senses   # before the object
        return words[0] in senses

    def _document_shortly_before(self, s: str, a: int) -> bool:
        """A document head among the eight words before "show", with no clause word after it ("FEC records from
        the 2008 cycle show", "records compiled by the Center for Responsive Politics show")."""
        words = s[max(0, a - 90):a].lower().split()[-8:]
        for w in reversed(words):
            w = w.strip(",;:()\"“”")
            if w in self.v.evidence_heads:
                return True
            if w in self.v.clause_words or w in self.v.be_forms:
                return False
        return False

    def _capitalised_verb(self, s: str, a: int, low: str, is_headline: bool) -> bool:
        """A capitalised cue word inside a sentence is a verb only in title case, and "United States" never."""
        return (is_headline or title_case(s)) and not (low == "states" and s[:a].rstrip().endswith("United"))

    def _noun_reading(self, s: str, b: int, low: str, prev_raw: str, before: str) -> bool:
        """The cue word is used as a noun or an imperative here, not as a reporting verb."""
        v = self.v
        prev = prev_raw.lower()
        if (prev in v.possessors if low in v.ambiguous else prev in v.strict_determiners) \
                or (prev.endswith(("'s", "’s", "s'", "s’")) and prev[:-2] not in v.pronouns):
            return True                                   # "the claims", "Trump's plans", "the alleged"; not "he's said"
        after = s[b:b + 20]
        if low in v.clause_only_verbs and not _CLAUSE_FOLLOWS.match(after) and not v.nominative_re.match(s, b) \
                and not v.bare_clause_re.match(s, b) \
                and not (low in v.estimate_verbs and (self._document_shortly_before(s, b - len(low))
                                                      or self.figure_follows(s, b, low))):
            return True                                   # not "an assessment estimated casualties at 300", "officials
                                                          # estimated the toll at 1,400"
        if low in v.ambiguous and not self._verb_after(prev_raw, prev, after) \
                and not (prev_raw.endswith(",") and _NAME_ASIDE.search(s, max(0, b - len(low) - _ASIDE_REACH), b - len(low))):
            return True                                   # "Bush, who has been ..., hopes" is a verb after its subject
        if low == "called" and strip_possessive(prev) not in v.titles and (
                (_NAMED_THING.search(before) and not _CALLED_ON.match(s[b:]))
                or ((kind := _NAMED_KIND.search(before))
                    and (_TITLE_FOLLOWS if kind["comma"] else _NAME_FOLLOWS).match(s[b:]))):
            return True                                   # "a group called X", "so-called"; not "a spokesman called"
        return " " not in low and not low.endswith(("s", "ed", "ing")) and low not in v.irregular_past and (
            not prev or prev_raw.endswith((".", "!", "?")) or prev in _IMPERATIVE_AFTER)  # "Now tell us"

    def _verb_after(self, prev_raw: str, prev: str, after: str) -> bool:
        """A noun-like verb ("claims", "reports") is a verb after a name, a pronoun or a source noun, or
        before "that" or a quotation; never before a verb of its own ("FEC reports show")."""
        v = self.v
        if _NOUN_FOLLOWS.match(after):
            return False
        return (prev_raw[:1].isupper() and prev not in v.name_stop and prev not in v.leading_words
                and prev not in v.clause_words) or prev in v.pronouns \
            or prev.strip(",") in v.heads or bool(_THAT_OR_QUOTE.match(after))

    def _evidence_subject(self, s: str, a: int, b: int) -> Cue | None:
        """ "public records show", "a 2014 House report found": the document phrase before the verb, from
        its head back to the first clause word or punctuation."""
        lead = s[max(0, a - 80):a]
        words = lead.lower().split()
        if words and words[-1] in self.v.evidence_adverbs:
            words.pop()
        if not words or words[-1] not in self.v.evidence_heads:
            return None                                   # the common case, decided without the pattern
        m = self.v.evidence_subject_re.search(lead)
        if m is None:
            return None
        offset = a - len(lead)
        start, end = offset + m.start(), offset + m.end("np")
        for w in reversed(list(_WORD.finditer(lead, m.start(), m.end("np")))[:-1]):
            word = w.group().lower()
            if word in self.v.clause_words or word in self.v.leading_words or word[-1] in ",;:\"”(":
                start = offset + w.end()
                break
        kind = "evidence_participle" if s[a:b].lower().endswith("ing") else "evidence_subject"   # "a poll showing"
        return Cue(kind, a, b, s[a:b], (start, end))

    # -- cues found by punctuation and phrase patterns ----------------------------------------

    def _dashes(self, s: str) -> list[Cue]:
        """ '"...," — Abu Obeida': quotations credited after a dash, each line of a run of them ("“...” ― A\n“...”
        ― B" segmented as one sentence)."""
        if not has_dash(s):
            return []
        return [Cue("dash", m.start("dash"), m.end("dash"), m.group("dash"), m.span("src"))
                for m in DASH_CREDIT.finditer(s) if self.colon_source(m.group("src"))][:8]

    def _quote_intro(self, s: str) -> Cue | None:
        """'Trump boasted, "..."': the word before a quotation."""
        if "“" not in s and '"' not in s and "''" not in s:
            return None
        v = self.v
        for m in QUOTE_INTRO.finditer(s):
            word = m.group(1)
            mark = '"' if s[m.end() - 1] == '"' else "''" if s.endswith("''", 0, m.end()) else None
            if mark is not None and s.count(mark, 0, m.end() - len(mark)) % 2:
                continue                                  # '"Nothing happened," she said': a quotation closes there
            if word in v.clause_verbs or word in v.category or word.endswith(("ed", "s")) and word not in v.not_verbs:
                return Cue("quote_intro", m.start(1), m.end(1), word)
        return None

    def _by_agent(self, s: str) -> Cue | None:
        """ "endorsed by the AFL-CIO": the agent is the source."""
        if "by" not in s:
            return None
        for m in BY_AGENT.finditer(s):
            if self.v.category.get(m.group(1).lower()) not in AGENT_CATEGORIES or not self._decision_agent(s, m):
                continue
            if _NAMED_AGENT.match(s, m.end()):
                return Cue("by_agent", m.start(1), m.end(1), m.group(1))
            if self._passive_agent(s, m):
                return Cue("passive_agent", m.start(1), m.end(1), m.group(1))
        for m in BY_AGENT_GAP.finditer(s) if " by " in s else ():   # "was described to him by X": passives only
            if self.v.category.get(m.group(1).lower()) in AGENT_CATEGORIES and self._decision_agent(s, m) \
                    and self._passive_agent(s, m) \
                    and not self.v.clause_gap_re.search(s, m.end(1), m.end()):
                return Cue("passive_agent", m.start(1), m.end(1), m.group(1))
        return None

    def _from_agent(self, s: str) -> Cue | None:
        """ "drew support from party leaders": the phrase after "from" is the source."""
        if " from " not in s:
            return None
        for m in self.v.from_agent_re.finditer(s):
            before = s[:m.start(1)].split()
            if not (before and before[-1].lower() in self.v.material_modifiers):   # "financial support from Iran"
                return Cue("from_agent", m.start(1), m.end(1), m.group(1))
        return None

    def _passive_agent(self, s: str, m: re.Match[str]) -> bool:
        """ "was criticized by some harbour pilots", "has been sharply criticized by fishers": after a form of
        "be", any agent but an action ("by threatening ...") or a time ("by now")."""
        before = s[:m.start(1)].split()[-3:]
        for _ in range(2):                                # "was also endorsed", "has been sharply criticized"
            if before and before[-1].islower() and (self.v.adverb(before[-1]) or before[-1] in self.v.filler_words) \
                    and before[-1] not in self.v.be_forms:
                before = before[:-1]
        if not before or before[-1].lower() not in self.v.be_forms:
            return False
        agent = s[m.end():].split(None, 1)[0].lower().strip(TRIM) if s[m.end():].strip() else ""
        return not agent.endswith("ing") and agent not in self.v.leading_words and agent not in self.v.name_stop

    def _decision_agent(self, s: str, m: re.Match[str]) -> bool:
        """A passive cue whose "by" gives an agent: not one of `not_agent_passives` ("maintained by a system", "decided
        by a runoff"); a decision's agent is named ("appointed by President X", "nominated by Democratic presidents",
        "decided by the Supreme Court"), not a manner ("nominated by acclamation")."""
        word = m.group(1).lower()
        if word in self.v.not_agent_passives:
            return False                                  # "maintained by a system", "stressed by guards"
        if self.v.category.get(word) != "decision":
            return True
        after = s[m.end():].split(None, 2)
        return bool(after) and (
            after[0][:1].isupper() or after[0] == "the" and len(after) > 1 and after[1][:1].isupper())

    def _poll_in(self, s: str) -> Cue | None:
        """ "leads in the latest CNN poll": the poll is the source."""
        if not may_cite_poll(s):
            return None
        m = next((m for m in self.v.poll_re.finditer(s) if not s[:m.start(1)].strip(TRIM)
                  or _DETERMINED.match(m.group(2))), None)   # "in polls" bare only opens a sentence
        if m is None:
            return None
        end = m.end(2)
        if not s[:m.start(1)].strip(TRIM):               # "In a CNN poll released Monday, ...": up to the comma
            comma = s.find(",", end, end + _POLL_TAIL)
            if comma > 0 and '"' not in s[end:comma] and "“" not in s[end:comma]:
                end = comma
        return Cue("poll_in", m.start(1), m.end(1), m.group(1), (m.start(2), end))

    def _colon(self, s: str) -> Cue | None:
        """ "Trump: ..." at the start of a sentence or after a dash."""
        m = COLON.search(s) if ":" in s[:120] else None
        if m is None or not self.colon_source(m.group("src")):
            return None
        return Cue("colon", m.end() - 1, m.end(), ":", m.span("src"))
