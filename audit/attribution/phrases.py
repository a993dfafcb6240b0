"""Noun phrases around a cue: the subject before it, the phrase after it, a sentence's main subject."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..language import norm
from .spans import (COORDINATED, LONG_TAIL, NAME_TAIL, POSSESSOR, QUOTE_CLOSE, TRIM, WORDS, Quotes, Source,
                    split_commas, title_case)
from .vocabulary import Vocabulary

_SUBJECT_PRONOUN = re.compile(r"(?:he|she|they|it|we|i)\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_ARABIC_PREFIX = re.compile(r"(?:al|el)-[A-Z]")
_POSSESSIVE_END = re.compile(r"'s?$")
_MAX_AUX_ADVERBIAL_WORDS = 4
_PLACE_WORDS = 8                # "took to PLACE to say": at most this many words of PLACE
_NOT_ASIDE_PARTICIPLES = frozenset({"including", "according", "regarding", "concerning", "following", "notwithstanding"})
# "R-Texas", "(D)", "42", "Jr.": a party tag, an age or an abbreviation after a name
_APPOSITIVE_SHAPE = re.compile(r"[RDI]-[A-Z][\w.]*\.?|\(?[RDI]-?\w*\.?\)?|\d{1,3}|[A-Z][a-z]{1,4}\.")
_POSSESSIVE_NAME = re.compile(r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*[’']s?\s+[a-z]")             # "Hamas's deputy"
_ARTICLES = ("a", "an", "the")
_APPOSITIVE_OPENERS = _ARTICLES + ("who", "whose", "which")
# "LA CROSSE, Wisc. — ", "UNITED NATIONS — ", also after a lead-in ("Here's what is happening: UNITED NATIONS — ")
_DATELINE = re.compile(r"(?:[^—–]{0,100}?:\s+)?[A-Z][A-Z.’' -]{2,}(?:,(?:\s+[A-Z][\w.]*){0,3})?\s+[—–-]+\s+")
# A short quotation opened right after a word (not at a sentence start or a colon): a title ("the show “The Apprentice,”").
_TITLE_QUOTE = re.compile(r"(?<=[\w,] )(?:“|\"|'')(?P<title>[^“”\"]+?),?(?=”|\"|'')")
_TITLE_CLOSE = re.compile(r",(?:”|\"|'')$")
TITLE_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "or"})
_MAX_TITLE_WORDS = 6
_MAX_TITLE_CHARS = 80
_MAX_SCARE_WORDS = 3                # up to three words quoted inside a phrase ('a “disgrace,”')
_PLACE_OF = re.compile(r"\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?$")                  # "Sen. Ana Lind of Ohio"
_PLACE_PREPOSITION_END = re.compile(r"\b(?:of|in|at|on|from|near|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_END = re.compile(r"\s(?:in|at|of|from|near|outside)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,\s*$")    # "... in Tulsa, "
_STATE = re.compile(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?")
_MAX_DESCRIBER_WORDS = 6
_STATE_AFTER_PLACE = re.compile(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,\s*(?=\S)")                     # "New Mexico, "
_MAX_CAUSED_WORDS = 5             # the object of "led ... to worry"
_MAX_ASIDE_WORDS = 4              # a parenthetical between subject and verb ("have, in fact, praised")
_MAX_SUBJECT_CHARS = 300          # how far back a subject is looked for
_MAX_APPOSITIVES = 4
_MAX_TIME_CHARS = 40               # how far back a time before a subject's start is read ("less than two")
_MAX_CLAUSE_WORDS = 8              # how far before that "and" the clause's verb is looked for
_ASIDE_SEGMENTS = 2                # commas inside a relative aside before the cue
_MAX_APPROXIMATE_WORDS = 6         # "roughly 1,200 ferry fares", not a clause run on after it
_MAX_RELATIVE_SUBJECT_WORDS = 4     # "a pilot who Northgate harbour officials say"
_MAX_INVERTED_HEAD_WORDS = 9        # a speaker after its verb ("said X, a Y"; before "of" an institution)
_MAX_INVERTED_WORDS = 16            # a speaker with an institution's name after "of", in all
_MAX_RELATIVE_CLAUSE_WORDS = 16     # "voters who backed ... said": the clause between source and cue
_CHAINED_RELATIVE_WORDS = 15       # "who worked here and who ...": how far back the first relative is looked for
_MAX_NAME_WORDS = 4                # a name after "and" opening a clause ("... and Ana M. Lind said")
_MAX_LIST_ITEM_WORDS = 3           # an item of a list inside an appositive ("for population, refugees, and migration")
_MAX_PEOPLE_WORDS = 3             # a bare phrase ending in a plural of people ("tech executives")
_MAX_HEAD_FIRST_WORDS = 5         # a longer phrase opening with a bare head noun is usually a clause
_DASHES = ("-", "--", "—", "–")
_OPENING_DASH = re.compile(r"\s--?\s|[—–]")
_MAX_ASIDE_CHARS = 250            # how far back the dash opening an aside is looked for


def _ends_name(word: str, s: str) -> bool:
    """A capitalised word at the end of a phrase is part of a name ("One Wisconsin Now", "USA Today"; not
    "[Name] now"), except in a title-case headline, where every word is capitalised."""
    return word[:1].isupper() and not title_case(s)


class NounPhrases:
    """Finds and cleans the noun phrases a cue's source is read from."""

    def __init__(self, vocabulary: Vocabulary):
        self.v = vocabulary
        self._closes: tuple[str | None, list[int], list[int]] = (None, [], [])   # a sentence, its QUOTE_CLOSE spans

    def span(self, s: str, a: int, b: int, tail: re.Pattern | None = None) -> Source | None:
        """s[a:b] without surrounding punctuation, a sentence's final period (an abbreviation's is kept) and
        what `tail` finds at its end ("on Friday", ", who ...")."""
        a, b = self._trimmed(s, a, b)
        lead = self.v.lead_time_re.match(s, a, b)
        if lead:
            a = lead.end()
        cut = self._tail(s, a, b, tail)
        while cut and cut.start() > a:                    # "[Name] on Friday, who ...": a time before a relative
            a, b = self._trimmed(s, a, cut.start())
            cut = self._tail(s, a, b, tail)
        return Source(a, b, s[a:b]) if b > a else None

    @staticmethod
    def _tail(s: str, a: int, b: int, tail: re.Pattern | None) -> re.Match[str] | None:
        """What `tail` finds at the end of s[a:b], unless it is a word that ends a name (`_ends_name`)."""
        cut = tail.search(s, a, b) if tail else None
        if cut is None or _ends_name(cut.group().lstrip(" ,—–-"), s):
            return None
        return cut

    def _trimmed(self, s: str, a: int, b: int) -> tuple[int, int]:
        while a < b and (s[a] in TRIM or s[a].isspace()):
            a += 1
        while b > a and (s[b - 1] in TRIM or s[b - 1].isspace()):
            b -= 1
        if b > a and s[b - 1] == "." and not self.v.abbreviation_end_re.search(s[a:b]):
            b -= 1
        return a, b

    def after(self, s: str, pos: int) -> Source | None:
        """The noun phrase after a prepositional cue, up to punctuation or a clause marker."""
        m = self.v.np_end_re.search(s, pos + 1)
        return self.span(s, pos, m.start() if m else len(s))

    # -- the subject before a cue -------------------------------------------------------------

    def subject(self, s: str, pos: int, quotes: Quotes, kind: str) -> Source | None:
        """The noun phrase before a cue, skipping quotes, auxiliaries and adverbs; appositives kept."""
        words = self._words_before(s, pos, quotes)
        if not words:
            return None
        caused = self._causative_object(s, words)
        if caused is not None:                            # "led some allies to worry": "some allies"
            return caused
        opening = self._dash_aside(s, words)
        if opening is not None:                           # "X - who said ... - said": the subject before the aside
            head = self.subject(s, opening, quotes, kind)
            if head is None or head is COORDINATED or head.end > opening:
                return head
            end = words[-1][0] if s[words[-1][0]:words[-1][1]] in _DASHES else words[-1][1] - 1
            end = len(s[:end].rstrip())
            return Source(head.start, end, s[head.start:end], head.name or head.text)
        last = s[words[-1][0]:words[-1][1]].lower().rstrip(",")
        if kind == "progressive":                         # "he is saying", "He’s praising"
            subject_end = self._drop_progressive_be(s, words, last)
            if subject_end is None:
                return None
            last = subject_end
        elif last in self.v.be_forms and kind != "belief":
            return None
        elif last.endswith(("’s", "'s")) and last[:-2] in ("he", "she") and len(words) >= 1:
            a, b = words[-1]                              # "he's said": "has", not a possessive
            words[-1] = (a, b - 2)
            last = last[:-2]
        if last in ("and", "but"):
            return COORDINATED  # "Hamas captured 240 and said ...": the cue covers the second half only
        bare = re.split(r"[’']", last, maxsplit=1)[0]
        if bare == "who" and s[words[-1][0]:words[-1][0] + 3].isupper():
            bare = ""                                     # "the WHO said": the acronym, not the pronoun
        if bare in ("who", "which") and len(words) > 1 and (bare == last
                                                            or last[len(bare) + 1:] in self.v.contracted_auxiliaries):
            if bare != last:                              # "superdelegates who've already said": "who"
                a = words[-1][0]
                words[-1] = (a, a + len(bare))
            return self._relative_subject(s, words, bare, quotes.inside(pos))
        before = s[words[-2][0]:words[-2][1]].lower().rstrip(",") if len(words) > 1 else ""
        if last in self.v.nominative_pronouns and before and kind != "progressive" and not quotes.inside(pos) \
                and before not in self.v.pronoun_subject_blockers and before not in self.v.subject_ending_cues:
            a, b = words[-1]                              # "in which he said", "by the time she said": a subject
            return Source(a, b, s[a:b])                   # pronoun right before its verb is the subject
        start = self._clause_start(s, words, quotes.inside(pos))
        aside = self._relative_aside(s, words)
        if aside is not None and (start > aside or not start):   # "X, who spoke ... because he was not authorized to
            comma = words[aside - 1][1] - 1               # speak publicly, said": the subject before the aside
            head = self.subject(s, comma + 1, quotes, kind)   # with the comma: appositives kept
            return head if head is not None and head is not COORDINATED else None
        relative = self._subject_relative(s, words, start, quotes, kind)
        if relative is not None:                          # "voters who backed Lind said": the voters and their clause
            return relative
        opening = self._appositive_clause(s, words, start)
        if opening is not None:                           # "X, a group that has sued ..., said": the clause is
            head = self.subject(s, words[opening - 1][1], quotes, kind)     # the appositive's, kept as PolNeAR does
            if head is None or head is COORDINATED:
                return None
            end = words[-1][1] - 1
            return Source(head.start, end, s[head.start:end], head.name or head.text)
        words = words[start:]
        if not words:
            return None
        a, b = words[0][0], words[-1][1]
        close = _TITLE_CLOSE.search(s, a, b)
        if close is not None and self._title_quote(s, close.start()):
            b = close.start() + 1                         # "X, star of “Scandal,” thanked": the title's comma
        if s[a:b].endswith(","):                          # "X, a Y, said": keep the appositive
            return self._with_appositives(s, a, b - 1)
        segments = split_commas(s, a, b)
        src = self._without_time(self.np(s, segments[-1][0], b))
        if src is not None and src is not COORDINATED:
            src = self._listed(s, segments, src)
        return self._before_time(s, src, pos, quotes, kind)

    def _listed(self, s: str, segments: list[tuple[int, int]], src: Source) -> Source:
        """The subject read from the last comma piece, with the names listed before it when it coordinates names
        ("Lind, Reyes and Ortiz said": not "Reyes and Ortiz"; "Lind, Reyes, and Ortiz said": not "Ortiz";
        `Vocabulary.listed_name`), less a quantifier floating
        after the list ("... and Ortiz all said")."""
        v = self.v
        last_piece = s[segments[-1][0]:src.start].split()
        oxford = len(segments) > 2 and len(last_piece) == 1 and last_piece[0] in v.list_conjunctions
        if not (oxford or src.start == segments[-1][0] and any(w in v.list_conjunctions for w in src.text.split())) \
                or not src.text[:1].isupper():
            return src                                    # "Lind, Reyes, and Ortiz said": a list all the same
        start = src.start
        for x, y in reversed(segments[:-1]):
            if not v.listed_name(s[x:y]):
                break
            start = x
        if start == src.start:
            return src
        end = src.end
        last = src.text.rsplit(None, 1)[-1]
        if last in v.floating_quantifiers:
            end = len(s[:end - len(last)].rstrip())
        return Source(start, end, s[start:end])

    def _before_time(self, s: str, src: Source | None, pos: int, quotes: Quotes, kind: str) -> Source | None:
        """A subject that is, or ends in, a time of several words right before its cue ("Reyes a month later
        announced": "Reyes"; "Lind, the master, this past week announced", "The board less than two weeks ago
        said": the subject is the phrase before the time)."""
        if src is None or src is COORDINATED:
            return src
        region = s[src.start:pos].rstrip()
        m = self.v.time_tail_re.search(region)
        if m is None or len(m.group().split()) < 2:
            return src
        if m.start() == 0:                                # the whole subject is the time: look before it
            before = self.v.time_tail_re.search(s, max(0, src.start - _MAX_TIME_CHARS), src.end)
            start = before.start() if before and before.end() >= src.end else src.start
            return self.subject(s, start, quotes, kind) if s[:start].strip() else None
        rest = region[:m.start()].rstrip()
        if norm(m.group()).split()[-1] not in self.v.time_lead_ends or self.v.subject_time_blocker_re.search(rest) \
                or self.v.document_start_re.match(norm(rest)):
            return src                                    # "a poll released last year showed": kept
        return Source(src.start, src.start + len(rest), rest, src.name if src.name and src.name in rest else None)

    def _without_time(self, src: Source | None) -> Source | None:
        """A subject without a time right before its verb ("Gowdy earlier Thursday said": "Gowdy")."""
        if src is None:
            return None
        m = self.v.subject_time_re.search(src.text)
        if m is None or not m.start() or self.v.subject_time_blocker_re.search(src.text[:m.start()]) \
                or self.v.document_start_re.match(norm(src.text)):
            return src
        return Source(src.start, src.start + m.start(), src.text[:m.start()], src.name)

    @staticmethod
    def _dash_aside(s: str, words: list[tuple[int, int]]) -> int | None:
        """Where an aside set off by dashes right before the cue opens ("Reyes - who spent the week in
        Ohio - has vowed", "X — a Y — said"), or None: the subject is the phrase before it."""
        a, b = words[-1]
        closing = a if s[a:b] in _DASHES else b - 1 if b - a > 1 and s[b - 1] in "—–" else None
        if closing is None:
            return None
        opening = None
        for m in _OPENING_DASH.finditer(s, max(0, closing - _MAX_ASIDE_CHARS), closing):
            opening = m.start()                           # the last dash before the closing one
        return opening or None

    def _words_before(self, s: str, pos: int, quotes: Quotes) -> list[tuple[int, int]]:
        """Word offsets between the last closed quotation (or the quotation the cue is in) and the cue,
        without the adverbs and auxiliaries right before the cue."""
        start = max(self._last_close(s, pos), quotes.opened_before(pos))
        words = [(m.start(), m.end()) for m in WORDS.finditer(s, max(start, pos - _MAX_SUBJECT_CHARS), pos)]
        self._drop_fillers(s, words)
        return words

    def _last_close(self, s: str, pos: int) -> int:
        """Where the last closed quotation before `pos` ends (0 if none). The sentence's closes are found
        once and each cue bisects them, so n cues cost O(n log n), not a scan from the start each."""
        if self._closes[0] is not s:
            spans = [m.span() for m in QUOTE_CLOSE.finditer(s)]
            self._closes = (s, [a for a, _ in spans], [b for _, b in spans])
        _, starts, ends = self._closes
        i = bisect_left(ends, pos)                      # the closes ending before `pos`
        if i < len(starts) and starts[i] < pos:         # one runs across `pos`: scan as far as `pos` only
            return max((m.end() for m in QUOTE_CLOSE.finditer(s, 0, pos)), default=0)
        if i and not s[ends[i - 1]:pos].strip() and self._title_quote(s, starts[i - 1], scare=True):
            i -= 1                                      # "X, host of “The Apprentice,” listed": a title right
        return ends[i - 1] if i else 0                  # before the cue, in the subject's appositive

    def _title_quote(self, s: str, close: int, scare: bool = False) -> bool:
        """The quotation closing at `close` is a short title in title case inside a phrase ("the show “The
        Apprentice,”", "author of ''America's Unwritten Constitution,''"), not a speaker's words; with `scare`,
        also a few words quoted after a determiner ("X, who calls the pier a “disgrace,” said")."""
        m = _TITLE_QUOTE.search(s, max(0, close - _MAX_TITLE_CHARS), close + 3)
        if m is None or m.end() not in (close, close + 1):
            return False
        words = m.group("title").split()
        if 0 < len(words) <= _MAX_TITLE_WORDS and words[0][:1].isupper() \
                and all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words):
            return True
        before = s[max(0, m.start() - _MAX_TITLE_CHARS):m.start()].split() if scare else []
        return len(words) <= _MAX_SCARE_WORDS and bool(before) and before[-1].lower() in self.v.strict_determiners

    def _place_to(self, s: str, words: list[tuple[int, int]]) -> int | None:
        """The index of "took" in "took to PLACE to" (or "appeared on PLACE to") ending `words` (PLACE a few words,
        no punctuation), else None."""
        v = self.v
        low = [s[a:b].lower() for a, b in words[-_PLACE_WORDS - 3:]]
        for j in range(len(low) - 4, -1, -1):
            if low[j] in v.place_to_verbs and low[j + 1] == "to" \
                    or low[j] in v.presence_verbs and low[j + 1] in v.presence_prepositions:
                place = low[j + 2:-1]
                if place and not any(w[-1:] in ",;:" for w in place):
                    return len(words) - len(low) + j
                return None
        return None

    def _drop_fillers(self, s: str, words: list[tuple[int, int]]) -> None:
        """Pop "appeared to", "went on", "also", "meanwhile," and "-ly" adverbs from the end."""
        v = self.v
        while words:
            w = s[words[-1][0]:words[-1][1]]
            wl = w.lower().rstrip(",")
            before = s[words[-2][0]:words[-2][1]].lower() if len(words) > 1 else ""
            if (wl == "to" and before in v.to_verbs) or (wl == "on" and len(words) > 2 and before == "went") \
                    or (len(words) > 2 and f"{before} {wl}" in v.filler_pairs):
                del words[-2:]                            # "appeared to assert", "went on to say", "all but"
                if wl == "to" and before.endswith("ing") and len(words) > 1 \
                        and s[words[-1][0]:words[-1][1]].lower() in v.be_forms:
                    del words[-1]                         # "is continuing to insist", "are trying to show"
                continue
            took = self._place_to(s, words) if wl == "to" else None
            if took is not None:
                del words[took:]                          # "took to Twitter to say"
                continue
            if wl == "to" and before in v.to_adjectives and len(words) > 3:
                be = len(words) - 3                       # "Advisers to X are quick to point out"; degree words
                while be > 0 and len(words) - be <= 5:    # between: "were more likely", "slightly more likely"
                    degree = s[words[be][0]:words[be][1]]
                    if degree.lower() not in v.to_adjective_degrees and not v.adverb(degree):
                        break
                    be -= 1
                if s[words[be][0]:words[be][1]].lower() in v.be_forms and be > 0:
                    del words[be:]
                    continue
            phrase = self._aux_adverbial(s, words)
            if phrase is not None:
                del words[phrase:]                        # "allies have in the past said"
                continue
            if not (v.filler(w.rstrip(","), s) or wl.replace("’", "'").endswith("n't") or v.adverb(w.rstrip(","))):
                aside = self._parenthetical_aside(s, words)
                if aside is None:
                    return
                del words[aside:]                         # "officials have, in fact, praised"
                continue
            if w.endswith(",") and wl in v.time_lead_ends:
                aside = self._parenthetical_aside(s, words)
                if aside is not None:                     # "X, only two months later, announced": the whole aside
                    del words[aside:]
                    continue
            last = words.pop()
            if w.endswith(",") and words:                 # "Hunter, meanwhile, told": keep the comma before
                a, b = words[-1]
                if not s[a:b].endswith(","):
                    if self._closes_relative_aside(s, words):
                        words.append(last)                # "X, who was not authorized to speak publicly, said":
                    return                                # the adverb closes a relative clause, which stays

    def _aux_adverbial(self, s: str, words: list[tuple[int, int]]) -> int | None:
        """Where an adverbial phrase right after an auxiliary and right before the cue opens ("have in the past
        said", "has for years argued"), or None."""
        v = self.v
        for i in range(len(words) - 2, max(0, len(words) - 1 - _MAX_AUX_ADVERBIAL_WORDS), -1):
            a, b = words[i]
            if s[a:b] in v.aux_adverbial_prepositions and i > 1 \
                    and s[words[i - 1][0]:words[i - 1][1]].lower() in v.aux_adverbial_verbs:
                return i if not any(ch in s[a:words[-1][1]] for ch in ",;:()—–\"“”") else None
        return None

    def _parenthetical_aside(self, s: str, words: list[tuple[int, int]]) -> int | None:
        """Where a short parenthetical in commas right before the cue opens ("have, in fact, praised", "X, of
        course, said"), or None."""
        if not s[words[-1][0]:words[-1][1]].endswith(","):
            return None
        for i in range(len(words) - 1, max(0, len(words) - _MAX_ASIDE_WORDS) - 1, -1):
            if i > 0 and s[words[i - 1][0]:words[i - 1][1]].endswith(","):
                return i if (self.v.parenthetical_re.match(s, words[i][0]) or self._time_aside(s, words, i)) \
                    and not s[words[i][0]:words[i][1]].lower().endswith("ing") else None
        return None

    def _time_aside(self, s: str, words: list[tuple[int, int]], i: int) -> bool:
        """The comma piece from word i to the cue is a time phrase ("X, only two months later, announced"), and
        not the aside of a relative pronoun ("pilots who, two years ago, said")."""
        v = self.v
        piece = s[words[i][0]:words[-1][1]].rstrip(",")
        if not piece.strip():                             # a bare comma (", ,said"): no time
            return False
        first = piece.split()[0].lower()
        if first in v.lead_clause_degrees:                # "only two months later"
            piece = piece[len(first):].lstrip()
        m = v.time_tail_re.match(piece)
        before = s[words[i - 1][0]:words[i - 1][1]].rstrip(",").lower()
        return m is not None and m.end() == len(piece) and before not in v.relative_words

    def _causative_object(self, s: str, words: list[tuple[int, int]]) -> Source | None:
        """The object of a causative verb before "to" and the cue ("has led some allies to worry")."""
        if len(words) < 3 or s[words[-1][0]:words[-1][1]].lower() != "to":
            return None
        for i in range(len(words) - 3, max(-1, len(words) - 3 - _MAX_CAUSED_WORDS), -1):
            if s[words[i][0]:words[i][1]].lower() in self.v.causative_verbs:
                return self.np(s, words[i + 1][0], words[-2][1])
        return None

    def _relative_aside(self, s: str, words: list[tuple[int, int]]) -> int | None:
        """Where a relative clause set off by commas right before the cue opens (the index of its "who"), or None."""
        if not s[words[-1][0]:words[-1][1]].rstrip("”\"'").endswith(","):
            return None
        segments = 0
        for i in range(len(words) - 2, 0, -1):
            if s[words[i - 1][0]:words[i - 1][1]].endswith(","):
                opener = s[words[i][0]:words[i][1]].lower()
                if self._opens_aside(s, words[i]) and (not segments or opener in self.v.aside_relatives):
                    return i
                segments += 1                             # "X, whose firm, Northgate Tugs, tows ..., said": a
                if segments > _ASIDE_SEGMENTS or opener in self.v.clause_words or opener in self.v.conjunctions:
                    return None                           # relative aside may hold a comma or two of its own
        return None

    def _subject_relative(self, s: str, words: list[tuple[int, int]], start: int, quotes: Quotes,
                          kind: str) -> Source | None:
        """A subject relative with no commas between the source and its cue ("voters who backed Lind said", "a
        pilot who worked here and who did not want to be named said"): the noun phrase before the (first chained)
        relative pronoun, with the clause up to the cue. The clause is one verb phrase: it opens with a verb form
        ("that" needs one; "who" any lower-case word but a determiner or pronoun, which open an object relative's
        subject) and holds no punctuation, subordinator, subject pronoun or speech cue (a clause of its own)."""
        v = self.v
        if not v.subject_relative_re.search(s, words[0][0], words[-1][1]):
            return None                                   # no relative pronoun: the common case, at once
        text = [s[a:b] for a, b in words]
        relative = self._relative
        chained = v.relative_chain_conjunctions
        if start < len(text) and relative(text[start]) and start > 0 and text[start - 1] in chained:
            rel = start                                   # "... and who did not want to be named said"
        elif 0 < start < len(text) and relative(text[start - 1]):
            rel = start - 1
        elif start == 0:                                  # no clause boundary: the last relative ("pilots who'd
            rel = next((i for i in range(len(text) - 2, 0, -1) if relative(text[i])), 0)   # rather be ... said")
            if not rel:
                return None
        else:
            return None
        clause = text[rel + 1:]
        if not 0 < len(clause) <= _MAX_RELATIVE_CLAUSE_WORDS or not clause[0].islower() \
                or clause[-1] in v.relative_prepositions or clause[-1] in v.determiners \
                or all(w in v.filler_words or w in v.be_forms or self.modal(w) for w in clause):
            return None                                   # "that has caused X to reveal", "who would rather
                                                          # support": the cue is the clause's own verb
        first, contracted = clause[0], text[rel] not in v.subject_relatives
        if not contracted and (text[rel] == "that" and not (first in v.be_forms or self.modal(first)
                                                            or first in v.clause_verbs or first.endswith("ed"))
                               or first in v.determiners or first in v.openers or first in v.pronouns):
            return None
        for w in clause:
            low = w.lower()
            if w[-1:] in ",;:" or any(q in w for q in "“”\"") or low in v.clause_words \
                    or low in v.nominative_pronouns or v.category.get(norm(low)) == "speech":
                return None
        if rel > 0 and text[rel - 1] in chained:          # the first of chained relatives
            for j in range(rel - 2, max(0, rel - _CHAINED_RELATIVE_WORDS) - 1, -1):
                if text[j][-1:] in ",;:":
                    return None
                if relative(text[j]):
                    rel = j
                    break
            else:
                return None
        if rel == 0 or text[rel - 1][-1:] in ",;:" or self._verb_like(text[rel - 1].lower()):
            return None                                   # "noted that only one pilot supports": a complement
        head = self.subject(s, words[rel][0], quotes, kind)
        if head is None or head is COORDINATED or s[head.end:words[rel][0]].strip() \
                or any(w in v.subject_relatives or v.category.get(norm(w)) for w in head.text.split()):
            return None                                   # one relative deep: "pilots who ... crews that are";
        end = words[-1][1]                                # no cue in the head ("the mayor denounces protesters who")
        return Source(head.start, end, s[head.start:end], head.name)

    def _relative(self, word: str) -> bool:
        """A subject relative pronoun, or one with a contracted auxiliary ("who'd", "who’s", "who've")."""
        bare, apostrophe, rest = word.replace("’", "'").partition("'")
        return bare in self.v.subject_relatives and (not apostrophe or rest in self.v.contracted_auxiliaries)

    def _appositive_clause(self, s: str, words: list[tuple[int, int]], start: int) -> int | None:
        """Where an appositive in commas right before the cue opens when the clause start `start` lies inside it
        ("X, a conservative group that has sued, said"), or None."""
        if not start or not s[words[-1][0]:words[-1][1]].endswith(","):
            return None
        for i in range(len(words) - 2, 0, -1):
            if s[words[i - 1][0]:words[i - 1][1]].endswith(","):
                opener = s[words[i][0]:words[i][1]]
                return i if start > i and opener in _ARTICLES else None
        return None

    def _opens_aside(self, s: str, word: tuple[int, int]) -> bool:
        """The word opens an aside: a relative pronoun, a partitive relative ("X, both of whom opposed the deal,
        said"), a participle ("X, speaking on condition of anonymity because ..., said") or a question put to the
        subject ("X, when asked what was wrong, responded")."""
        text = s[word[0]:word[1]]
        low = text.lower()
        return low in self.v.relative_words or (text.islower() and low.endswith("ing") and len(low) > 5
                                                 and low not in _NOT_ASIDE_PARTICIPLES) \
            or (s.startswith(" of ", word[1]) and self.v.partitive_relative_re.match(s, word[0]) is not None) \
            or self.v.question_aside_re.match(s, word[0]) is not None

    def _closes_relative_aside(self, s: str, words: list[tuple[int, int]]) -> bool:
        """The words since the last comma open with a relative pronoun ("X, who was not authorized to speak")."""
        for i in range(len(words) - 1, 0, -1):
            if s[words[i - 1][0]:words[i - 1][1]].endswith(","):
                return self._opens_aside(s, words[i])
        return False

    def _drop_progressive_be(self, s: str, words: list[tuple[int, int]], last: str) -> str | None:
        """The subject's last word once "is" or "'s" of a progressive is dropped; None if there is none."""
        if last in self.v.be_forms and len(words) > 1:
            words.pop()
            return s[words[-1][0]:words[-1][1]].lower().rstrip(",")
        if last.endswith(("’s", "'s")) and (last[:-2] in self.v.pronouns or s[words[-1][0]].isupper()):
            a, b = words[-1]
            words[-1] = (a, b - 2)
            return last[:-2]
        return None

    def _relative_subject(self, s: str, words: list[tuple[int, int]], last: str, quoted: bool = False) -> Source | None:
        """ "X, who said": the span is "who", the source X; "a young child, who said", "voters who say": the
        noun before it, when the words right before are a noun phrase's (not inside a quotation, where it is
        the speaker's own description: '"a man who wants to ..."')."""
        head = s[:words[-1][0]].rstrip().rstrip(",")
        a = words[-1][0]
        m = NAME_TAIL.search(head)
        src: Source | None
        if m and m.group(1).lower() not in self.v.name_stop:
            src = Source(a, a + len(last), s[a:a + len(last)], self.strip_intro(m.group(1)))
        else:
            noun = None if quoted else self._antecedent(head)
            src = Source(a, a + len(last), s[a:a + len(last)], noun) if noun else None
        if src is not None and last == "who" and not quoted:
            src.referent = self._appositive_owner(head)    # "Lind, a pilot at the Harbour Board, who said": Lind
        return src

    def _appositive_owner(self, head: str) -> str | None:
        """The name an appositive before "who" describes ("Ana Lind, a pilot at the Harbour Board", "Reyes, the
        ranking member on the Harbour Committee," -> the name): "who" is a person, so not the organisation or the
        common noun the appositive ends in. The name may carry a place after "of" ("Sen. Ana Lind of Ohio"); a
        capital after a preposition of place ("voters in Ohio, the largest bloc,") names no person."""
        segments = head.split(", ")
        if len(segments) < 2 or not (segments[-1].split()[0].lower() in _ARTICLES or _POSSESSIVE_NAME.match(segments[-1])):
            return None
        before = _PLACE_OF.sub("", segments[-2])
        m = NAME_TAIL.search(before)
        if m is None or _PLACE_PREPOSITION_END.search(before[:m.start()]):
            return None
        name = self.strip_intro(m.group(1))
        if self.v.intro_re.fullmatch(name) or not [w for w in name.split() if w.lower() not in self.v.name_stop]:
            return None
        return name

    def _antecedent(self, head: str) -> str | None:
        """The noun ending `head`, with the source-opening modifiers before it ("a young child" -> "child",
        "some former aides" -> "some former aides"); None when the last word is a function word, pronoun, verb
        form or adverb."""
        v = self.v
        words = head.split()
        if not words:
            return None
        last = words[-1]
        low = last.lower()
        if not (last.isalpha() or low.rstrip("%").isdigit()) or low in v.name_stop or low in v.clause_words \
                or low in v.clause_verbs or low in v.be_forms or low in v.pronouns or low.endswith(("ed", "ing", "ly")):
            return None
        found = [last]
        for w in reversed(words[:-1][-3:]):
            if w.lower() not in v.openers or w.lower() in v.name_stop:
                break
            found.insert(0, w)
        return " ".join(found)

    def _clause_start(self, s: str, words: list[tuple[int, int]], quoted: bool = False) -> int:
        """Index of the first word after the last subordinator, ", and", ";", ":" or dash before the cue."""
        v = self.v
        text = [s[a:b] for a, b in words]
        for i in range(len(text) - 2, -1, -1):
            w = text[i]
            wl = w.lower()
            if w.endswith((";", ":")) or w in ("—", "–", "-", "--"):
                return i + 1
            if wl == "whose" and i and norm(text[i - 1]) in v.heads:
                continue                                  # "The officials whose laws were struck down say"
            if wl in v.clause_words and w.islower() and not (i and text[i - 1].endswith(",") and text[-1].endswith(",")):
                if wl == "as" and (text[i + 1].lower() == "well"
                                   or (i > 0 and text[i - 1].lower() in ("well", "such"))
                                   or (i > 0 and text[i - 1].lower() in v.as_participles)):
                    continue                              # "as well as", "such as", "long seen as"
                return i + 1
            if wl == "and" and i > 0 and (text[i + 1].lower() in v.pronouns or text[i - 1].endswith(",")
                                          or self._clause_and_name(text, i)) \
                    and not self._closes_listed_items(text, i) and not self._closes_listed_names(text, i):
                return i + 1
            if i == 0 and wl in v.opening_conjunctions:
                return 1                                  # "And nearly half said": the window's first word, a
                                                          # conjunction, opens no subject
            if wl in v.object_relatives and 0 < len(text) - i - 1 <= _MAX_RELATIVE_SUBJECT_WORDS \
                    and self._relative_has_subject(text[i + 1:]):
                return i + 1                              # "a pilot who Northgate officials say": the relative's subject
            if not quoted and ((wl == "which" and i > 0 and text[i - 1].lower() in v.relative_prepositions)
                               or self._reduced_relative(text, i)):
                return i + 1                              # "a call in which organizers claimed", "the place X say"
        return 0

    def _closes_listed_items(self, text: list[str], i: int) -> bool:
        """The ", and" at `i` closes a list of items inside an appositive, right before the cue ("head of ports,
        harbours, and ferries, said"): the item after it and the one before it are a few lower-case words with no
        determiner or filler ("and the pilots, too, said", "Reyes, a pilot, and captains, too, said" open a
        clause), the last ending the appositive."""
        after = text[i + 1:]
        start = next((j + 1 for j in range(i - 2, -1, -1) if text[j].endswith(",")), 0)
        return 0 < len(after) <= _MAX_LIST_ITEM_WORDS and after[-1].endswith(",") and start > 0 \
            and self._list_item(after) and self._list_item(text[start:i])

    def _closes_listed_names(self, text: list[str], i: int) -> bool:
        """The ", and" at `i` closes a list of names right before the cue ("Lind, Reyes, and Ortiz said"): its last
        two comma pieces before it and the name after it are a list of names (`Vocabulary.names_a_list`)."""
        ends = [j for j in range(i) if text[j].endswith(",")]       # the comma pieces before it end here
        if len(ends) < 2 or ends[-1] != i - 1 or text[-1].endswith(","):
            return False
        first = ends[-3] + 1 if len(ends) > 2 else 0
        return self.v.names_a_list(" ".join(text[first:]))

    def _list_item(self, words: list[str]) -> bool:
        v = self.v
        low = [w.rstrip(",") for w in words]
        return 0 < len(words) <= _MAX_LIST_ITEM_WORDS and all(w.islower() for w in words) \
            and not any(w in v.strict_determiners or w in v.determiners or w in v.filler_words for w in low)

    def _reduced_relative(self, text: list[str], i: int) -> bool:
        """A noun a relative clause with no "that" follows ("the place harbour officials say", "the third time the club
        said", "everything Lind says"): determined, and followed by a word that may open a subject (not "about",
        "with", "either": "anything about Lind", "spends time with", "a bad thing either")."""
        v = self.v
        w = text[i]
        if w.lower() not in v.relative_antecedents or not w.islower() or i + 1 >= len(text):
            return False
        nxt = text[i + 1].lower().strip(",")
        if nxt in v.non_source_openers or nxt in v.relative_blockers or nxt.endswith("ly") or text[i].endswith(","):
            return False
        return w.lower().endswith("thing") or (i > 0 and text[i - 1].lower() in v.relative_determiners)

    def _relative_has_subject(self, words: list[str]) -> bool:
        """The words between a relative pronoun and the cue are a subject of its own ("who Northgate officials say",
        "which many analysts expect", "who officials say"): a name, a source opener or a people head first, and no
        verb among them ("who Lind hired", "who nearly died", "who recently said")."""
        v = self.v
        first = words[0].lower()
        if not (words[0][:1].isupper() and first not in v.name_stop
                or first in v.openers and first not in v.not_relative_subjects or self._headed(words[:1])):
            return False
        return not any(w.islower() and (self._verb_like(w) or w.endswith("ing")) for w in words[1:])

    def _headed(self, words: list[str]) -> bool:
        """A short phrase naming people by a head noun, opened by a name or a determiner, not a bare modifier
        ("harbour officials", "Senate aides", "the pilots"; not "former officials" of "current and former
        officials", nor "his aides" of "the mayor and his aides")."""
        first = words[0].lower()
        if not (words[0][:1].isupper() or first in self.v.determiners or len(words) == 2 and first not in self.v.openers
                and first not in self.v.possessors and not first.endswith("-")):
            return False                                  # a bare modifier: "harbour officials", two words only
        head = norm(words[-1]).strip(",")
        return head in self.v.people_heads or head.endswith("s") and head[:-1] in self.v.people_heads

    def _clause_and_name(self, text: list[str], i: int) -> bool:
        """A clause with a verb of its own ending in a lower-case word, "and", then a name or a phrase headed by
        people right before the cue ("a pilot asked for a photo and Lind said", "the plan failed and harbour
        officials said"): it opens a clause of its own (not "Cruz and Rubio said")."""
        after = text[i + 1:]
        before = text[i - 1].strip("\"”’'")
        if not (0 < len(after) <= _MAX_NAME_WORDS and not after[-1].endswith(",")
                and (all(w[:1].isupper() for w in after) or self._headed(after))) \
                or not before[:1].islower() or before.lower() in self.v.pronouns or before.endswith("-"):
            return False                                  # "Cruz and Rubio implied", "both he and Rubio promised"
        clause = text[max(1, i - _MAX_CLAUSE_WORDS):i]
        cuts = [k for k, w in enumerate(clause) if w.endswith(",") or w.lower() in self.v.clause_words
                and not (k + 1 < len(clause) and clause[k + 1].lower() in self.v.time_nouns)]   # "that morning"
        clause = clause[cuts[-1] + 1:] if cuts else clause   # "drew criticism, and current and former": no verb
        return any(w.islower() and (w.endswith("ed") or w in self.v.category or w in self.v.clause_verbs)
                   for w in clause)

    def _with_appositives(self, s: str, a: int, end: int) -> Source | None:
        """ "X, a Y, said": the subject with its appositives, up to a parenthetical; not an introduction before
        them ("In the interview, Lind, a pilot, said")."""
        lead = self.v.lead_clause_re.match(s, a, end)
        rest = split_commas(s, lead.end(), end) if lead else []
        if len(rest) > 1 or rest and all(w[:1].isupper() for w in s[rest[0][0]:rest[0][1]].split()):
            a = rest[0][0]                                # a name (and appositives) follows it; in "As X, a Y,
        parts = self._listed_items_joined(s, split_commas(s, a, end))   # put it", "As X" is no introduction
        keep = len(parts) - 1
        while keep > 0 and len(parts) - keep <= _MAX_APPOSITIVES and (
                self._appositive(s[parts[keep][0]:parts[keep][1]]) or self.v.parenthetical_re.match(s, parts[keep][0])
                or self._state_of_place(s[parts[keep - 1][0]:parts[keep - 1][1]], s[parts[keep][0]:parts[keep][1]])):
            keep -= 1
        if keep > 0 and s[parts[keep][0]].isupper() and self._title_segment(s[parts[keep - 1][0]:parts[keep - 1][1]]):
            keep -= 1                                     # "the Prosecutor of the ICC, Karim Khan, said"
        for k in range(keep + 1, len(parts)):             # stop before a parenthetical: "Clinton, without naming him,"
            if self.v.parenthetical_re.match(s, parts[k][0]):
                end = parts[k - 1][1]
                break
        src = self.np(s, parts[keep][0], end)
        m = self.v.appositive_participle_re.search(src.text) if src is not None and src.name is None else None
        if m and src is not None:                         # "Several pilots, including Quill": pilots speak
            src.name = src.text[:m.start()]
        return src

    def _listed_items_joined(self, s: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Comma pieces with a list closing the last one joined into it ("assistant secretary for population,
        refugees, and migration" is one appositive): a last piece opened by a list conjunction, with the short
        lower-case items before it and the piece the list began in."""
        words = s[parts[-1][0]:parts[-1][1]].split()
        if len(parts) < 3 or not words or words[0] not in self.v.list_conjunctions:
            return parts
        k = len(parts) - 2
        while k > 1 and s[parts[k][0]].islower() and len(s[parts[k][0]:parts[k][1]].split()) <= _MAX_LIST_ITEM_WORDS:
            k -= 1
        return parts[:k] + [(parts[k][0], parts[-1][1])]

    def _title_segment(self, seg: str) -> bool:
        """A role or description before a name in commas: "Hamas's deputy chief", "the Prosecutor of the ICC",
        "One Republican presidential hopeful", "another friend" (not "The next day")."""
        v = self.v
        seg = seg.strip()
        words = seg.split()
        if not words or len(words) > 9 or v.intro_re.match(seg) or v.title_blocking_re.match(seg) \
                or re.search(r"[\"“”]", seg) or norm(words[-1]) in v.time_nouns:
            return False
        described = len(words) <= _MAX_DESCRIBER_WORDS and (words[0].lower() in v.describer_openers
                                                            or bool(POSSESSOR.match(seg)))
        return described or v.title_re.search(seg) is not None

    @staticmethod
    def _state_of_place(before: str, seg: str) -> bool:
        """ "a grocer from Dayton, Ohio": the comma segment is the state of a place just named."""
        return bool(_STATE.fullmatch(seg.strip())) and bool(_PLACE_END.search(before + ", "))

    def _appositive(self, seg: str) -> bool:
        """A comma segment that describes a name rather than starting the subject."""
        seg = seg.strip()
        if not seg or self.v.parenthetical_re.match(seg):
            return False
        w = seg.split()[0]
        wl = w.lower()
        return (w[0].islower() and wl not in self.v.leading_words) or wl in _APPOSITIVE_OPENERS \
            or bool(_APPOSITIVE_SHAPE.fullmatch(seg)) or bool(_POSSESSIVE_NAME.match(seg))

    def strip_intro(self, name: str) -> str:
        """A name without introductory words ("But", "On Monday")."""
        m = self.v.intro_re.match(name)
        return name[m.end():] if m and m.end() < len(name) else name

    # -- cleaning a candidate ----------------------------------------------------------------

    def np(self, s: str, a: int, b: int) -> Source | None:
        """Clean a candidate subject: drop introductions, reject clauses and long phrases."""
        src = self.span(s, a, b, self.v.subject_tail_re)
        if src is None:
            return None
        a, b, text = src.start, src.end, src.text
        m = self.v.intro_re.match(text)
        if m and m.end() < len(text):
            a += m.end()
            text = s[a:b]
        cut = text.rfind("\n")
        if "." in text or "!" in text or "?" in text:
            cut = max(cut, max((m.end() - 1 for m in self.v.pronoun_after_stop_re.finditer(text)), default=-1))
        if 0 <= cut < len(text.rstrip()) - 1:             # "U.S. He said", a headline run into the sentence
            a += cut + 1
            text = s[a:b].lstrip()
            a = b - len(text)
        m = self.v.relative_lead_re.match(text) or self._lead_without_comma(text)
        if m and m.end() < len(text):                     # "which Mr. Clarke said", "In an interview Trump said"
            a += m.end()
            text = s[a:b]
        verb = self.v.verb_after_name_re.search(text) if " " in text else None
        if verb:                                          # "Carson shared a syllabus ... called": "Carson"
            b = a + len(text[:verb.start("verb")].rstrip(TRIM))
            text = s[a:b]
        words = text.split()
        if not words:
            return None
        if len(words) > 14 and "," not in text:
            return self._long_tail(s, a, text)
        core = self.v.relative_re.split(text, 1)[0]      # "officials who spoke with X": the head, not the clause
        if len(words) > 30 or self._clause(core) or not self._phrase_opening(words, text, core):
            return None
        last = words[-1]
        if words[0].lower() in self.v.leading_words or (last.lower() in self.v.leading_words
                                                        and not (len(words) > 1 and _ends_name(last, s))):
            return None                                   # "USA Today" ends in a name, not in "today"
        return Source(a, b, text)

    def _lead_without_comma(self, text: str) -> re.Match[str] | None:
        """An introductory phrase run into the subject with no comma ("In a 2016 interview he", "On May 2
        they"): matches up to a final subject pronoun or capitalised name."""
        if "," in text or not self.v.lead_word_re.match(text):
            return None
        return self.v.lead_before_subject_re.match(text)

    def _long_tail(self, s: str, a: int, text: str) -> Source | None:
        """A long phrase with no comma: whole when a document heads it ("A report about ... by the OECD"),
        else a guess, the capitalised name at its end (reporting verbs only)."""
        if self.v.document_start_re.match(text) and not self._clause(text):
            return Source(a, a + len(text), text)
        m = NAME_TAIL.search(text)
        if not m:
            return None
        tail = self.span(s, a + m.start(1), a + m.end(1))
        if tail is not None:
            tail.name = LONG_TAIL
        return tail

    def _clause(self, core: str) -> bool:
        """A modal or a finite verb after the first word: a clause, not a noun phrase. A capitalised modal
        that is also a name, next to a capitalised word, is a name ("Will Tamsin", "Ada Nell May")."""
        words = core.split()
        verbal = " ".join(w.lower() for i, w in enumerate(words) if not self._modal_name(words, i))
        return bool(self.v.modal_re.search(verbal)) or any(w in self.v.clause_verbs for w in words[1:])

    def modal(self, core: str) -> bool:
        """A modal verb in the phrase, a capitalised modal that is also a name aside ("said Will Doyle")."""
        words = core.split()
        return bool(self.v.modal_re.search(" ".join(w.lower() for i, w in enumerate(words)
                                                    if not self._modal_name(words, i))))

    def described_name(self, words: list[str]) -> bool:
        """A name after a short description in lower case ("pollster Frank Luntz", "retired Army Lt. Gen. X",
        "master of ceremonies X"): at most four lower-case words before the first capitalised one, none of them
        a word that opens a clause or an adverbial (`name_describer_stops`), and a name of two capitalised words
        after them ("lobbyist and GOP strategist Charlie Black")."""
        v = self.v
        i = 0
        while i < len(words) and not words[i][:1].isupper():
            low = words[i].lower().strip(",")
            if i >= 4 or words[i].endswith(",") or low in v.name_describer_stops or low in v.clause_words \
                    or low in v.pronouns or (i == 0 and low in v.leading_words) or low.endswith("ly"):
                return False
            i += 1
        return 0 < i and any(w[:1].isalpha() for w in words[:i]) and any(a[:1].isupper() and b[:1].isupper() for a, b in zip(words[i:], words[i + 1:]))

    def _modal_name(self, words: list[str], i: int) -> bool:
        w = words[i]
        return w in self.v.modal_names and any(0 <= j < len(words) and words[j][:1].isupper() for j in (i - 1, i + 1))

    def _phrase_opening(self, words: list[str], text: str, core: str) -> bool:
        """A phrase starting in lower case must open like a source ("former Gov. Howard Dean", "officials")."""
        if not words[0][0].islower() or words[0][0].isdigit():
            return True
        v = self.v
        first = words[0].lower()
        if first in v.approximations and 1 < len(words) <= _MAX_APPROXIMATE_WORDS:   # "nearly three in five": the
            return self._phrase_opening(words[1:], text, core)                       # number opens it
        head = _POSSESSIVE_END.sub("", norm(words[-1]))   # "the officials'", "the campaign's"
        # a short phrase ending in a head noun or its plural ("legal experts", "political scientists"); a longer
        # one only when its last word without trailing s's is a head, as before (a clause may end in a noun)
        core_words = core.split()
        headed_last = (head in v.heads or (head.endswith("s") and head[:-1] in v.heads)) \
            and len(words) <= _MAX_HEAD_FIRST_WORDS - 1 or head.strip("s") in v.heads
        # "officials in both towns"; "officials who spoke on condition of anonymity": a relative clause
        # after the head does not count towards the length
        headed = first in v.heads and min(len(words), len(core_words)) <= _MAX_HEAD_FIRST_WORDS
        # "environmentalists worry", "hacking specialists say": a short phrase ending in a plural of people
        headed_last = headed_last or (len(words) <= _MAX_PEOPLE_WORDS and head.endswith(v.people_suffixes)
                                      and head not in v.not_people_plurals)
        if first not in v.openers and first not in v.pronouns and norm(text) not in v.anaphors \
                and not headed_last and not headed and first not in v.titles \
                and not (v.number_word_re.fullmatch(first) and len(core_words) <= _MAX_HEAD_FIRST_WORDS + 1) \
                and not (len(core_words) <= 8 and any(w[0].isupper() for w in core_words[1:])) \
                and not _ARABIC_PREFIX.match(words[0]):
            return False
        return len(core_words) <= 8 or any(w[0].isupper() for w in core_words)

    # -- after a cue, and a sentence's main subject ------------------------------------------

    def inverted(self, s: str, pos: int) -> Source | None:
        """'..., said Abu Obeida.' / '..., said Mark Jones, a professor at Rice.': the noun phrase after the cue."""
        rest_end = len(s.rstrip().rstrip("\"”’'").rstrip(".!?"))
        m = _SPACES.match(s, pos)
        a = m.end() if m else pos
        if a >= rest_end:
            return None
        cut = self.v.inverted_cut_re.search(s, a, rest_end)
        end = cut.start() if cut else rest_end
        q = re.search(r"[“\"]|\s''", s[a:end])
        if q:
            end = a + q.start()
        text = s[a:end].rstrip(" ,;:")
        words = text.split()
        if not words:
            return None
        first = words[0].lower()
        bare = first.endswith("s") and (first in self.v.anonymous_heads or first in self.v.group_heads) \
            and (len(words) == 1 or words[1].lower() in self.v.bare_head_followers)   # "said officials in X"
        if not (words[0][0].isupper() or first in self.v.openers or first in ("he", "she", "they") or bare
                or self.described_name(words)) \
                or first in ("that", "this", "it", "there") or first in self.v.clause_words:
            return None
        head = self.v.relative_re.split(text, 1)[0]     # "an official who was not authorized to ..."
        if self.modal(head) or len(words) > 40 or len(head.split()) > _MAX_INVERTED_HEAD_WORDS \
                and not self._institution_tail(head):
            return None
        return self.span(s, a, a + len(text), self.v.source_tail_re)

    def before_clause(self, src: Source) -> Source | None:
        """The speaker read after an inverted cue, up to a comma that opens the clause it reports ("But, said Reyes,
        the pier is shut": "Reyes"; not "said Lind, a pilot who has sailed here"), or None when no comma does."""
        for m in re.finditer(r",\s+", src.text):
            rest = src.text[m.end():]
            if self._clause(self.v.relative_re.split(" " + rest, 1)[0]):
                return Source(src.start, src.start + m.start(), src.text[:m.start()])
        return None

    def _institution_tail(self, head: str) -> bool:
        """A long speaker after its verb that is a short name "of" an institution in title case ("said Ana Lind of
        the Harbour Institute of Maritime Law"), not a clause run on ("said Lind of the ferry as it docked")."""
        name, of, institution = head.partition(" of ")
        return bool(of) and len(name.split()) <= _MAX_INVERTED_HEAD_WORDS and len(head.split()) <= _MAX_INVERTED_WORDS \
            and all(w[:1].isupper() or w in TITLE_SMALL_WORDS for w in institution.split())

    def main_subject(self, s: str, limit: int) -> Source | None:
        """The subject of a sentence's main clause, for a participle cue ("X rejected it, saying ...")."""
        a = self.after_introductions(s, limit)
        w = _SUBJECT_PRONOUN.match(s, a, limit)
        if w:
            return Source(a, w.end(), w.group())
        end = None
        commas: list[int] = []                            # "X, a Y, did A and said B": appositives kept
        for m in WORDS.finditer(s, a, limit):
            tok = m.group()
            if tok[0].islower() and self._verb_like(tok.lower().rstrip(",")):
                break
            end = m.end()
            if tok.endswith(","):
                commas.append(end - 1)
                if len(commas) > _MAX_APPOSITIVES or not self._appositive(s[end:limit]):
                    break
        if len(commas) > 1 and end == commas[-1] + 1:
            src = self._with_appositives(s, a, commas[-1])
            if src is not None and src.start == a:
                return src
        return self._without_time(self.np(s, a, commas[0] + 1 if commas else end)) if end is not None else None

    def after_introductions(self, s: str, limit: int) -> int:
        """Where a sentence's subject starts, after up to three introductions ("On Tuesday,", "And")."""
        dateline = _DATELINE.match(s, 0, limit)            # "LA CROSSE, Wisc. — Gov. Ana Lind ..."
        a = dateline.end() if dateline else 0
        for _ in range(3):
            lead = self.v.lead_clause_re.match(s, a, limit)
            if lead:
                a = lead.end()
                state = _STATE_AFTER_PLACE.match(s, a, limit) if _PLACE_END.search(lead.group()) else None
                a = state.end() if state else a           # "Speaking in Tulsa, Oklahoma, the senator ..."
                continue
            m = self.v.intro_re.match(s[a:limit])           # anchored at its start: "^" ignores a match position
            if m and m.end():
                a += m.end()
                continue
            break
        return a

    def _verb_like(self, low: str) -> bool:
        v = self.v
        return low in v.clause_verbs or low in v.filler_words or low in v.clause_words or low in ("who", "which") \
            or (low.endswith(("ed", "ly")) and low not in v.openers and low not in v.heads) or low in v.category
