"""Text helpers shared by the attribution stages: cue and source spans, quotations, commas, name shapes.

The patterns here are structural (punctuation and capitalisation shapes); word lists live in YAML and
are compiled by `vocabulary.Vocabulary`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# A quotation's closing mark, a single one inside it allowed ('... "keeping the port open,'" Lind says').
QUOTE_CLOSE = re.compile(r"""(?:[,.!?…]\s*(?:['’]?["”]|’|''|'(?!\w))|”|'')(?=\s)""")
TRIM = " \t\n,;:—–-\"'“”‘’()~•"
WORDS = re.compile(r"\S+")
_QUOTE_MARK = re.compile(r"“|”|\"|''")
SHARE = re.compile(r"\d[\d.,]*%")                 # a share of people written with a sign: "31% of voters"
CAPWORD = re.compile(r"(?:[A-Z][\w’'.-]*|(?:al|el|bin|ibn|abu|de|van|von)-[A-Z][\w-]*)")
CAPSEQ = re.compile(                              # a middle initial with its dot inside ("Jill A. Lind")
    r"(?<![\w-])(?:[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w-]*)"
    r"(?:\s+(?:(?:of|the|for|al|bin|ibn|de|van|von)\s+)*(?:[A-Z]\.(?=\s+[A-Z])|[A-Z][\w’'-]*|(?:al|el)-[A-Z][\w-]*))*")
NAME_TAIL = re.compile(r"((?:[A-Z][\w’'.-]*|(?:al|el)-[A-Z][\w-]*)(?:\s+(?:[A-Z][\w’'.-]*|(?:al|el)-[A-Z][\w-]*)){0,3})\s*$")
POSSESSOR = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s?(?=\s)")
COLON = re.compile(
    r"(?:^|\s[-–—]\s)[-–—•*\s\"“']*(?P<src>(?:[A-Z][\w.’'&-]*)(?:\s+(?:[A-Z(][\w.’'()&-]*|of|and|the|de|van|von|al)){0,6}?)"
    r"\s*:(?=\s|[\"“‘'])")
DASH_CREDIT = re.compile(
    r"(?:[\"”’.!?]|^)\s*(?P<dash>[―—–-]{1,2})\s*(?P<src>[A-Z][\w.’'-]*(?:[^\S\n]+[A-Z][\w.’'-]*){0,3}(?:,[^\S\n]+[^,.\n]{2,60})?)"
    r"[^\S\n]*[.]?(?:[^\S\n]*\n|\s*$)")        # at the end of the sentence or of its line
QUOTE_INTRO = re.compile(r"(?<![\w-])([a-z]+)\s*[,:]\s*(?:[“\"]|'')")
BY_AGENT = re.compile(r"(?<![\w-])([a-z]+ed)(?:\s+[a-z]+ly)?\s+by\s+(?=\S)")
# A passive with words between the participle and its agent ("has been called 'strategic ambiguity' by X", "was
# recommended to the mayor by X", "were described to him by a reporter"): at most six words, no clause punctuation.
BY_AGENT_GAP = re.compile(r"(?<![\w-])([a-z]+ed)(?:\s+[^\s,;:.!?()]+){1,6}?\s+by\s+(?=\S)")


@dataclass(slots=True)
class Cue:
    kind: str          # a key of cues.PRIORITY
    start: int
    end: int
    text: str
    source: tuple[int, int] | None = None   # where the cue's own pattern found the source (colon, dash, poll)


@dataclass(slots=True)
class Source:
    start: int
    end: int
    text: str
    name: str | None = None        # the clean name when the span holds more ("Trump's" -> "Trump", "who" -> X)
    referent: str | None = None    # whom a relative "who" refers to past an appositive ("X, a Y at Z, who"): its kind


COORDINATED = Source(0, 0, "")    # "X did A and said B": a cue whose source does not cover the sentence
LONG_TAIL = "\0tail"              # marks a subject guessed from the end of a long phrase


def strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word.removesuffix("'")


def has_dash(s: str) -> bool:
    return "—" in s or "―" in s or "–" in s or " -" in s


def split_commas(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of s[a:b] as offsets."""
    parts, cursor = [], a
    for m in re.finditer(r",\s+", s[a:b]):
        parts.append((cursor, a + m.start()))
        cursor = a + m.end()
    parts.append((cursor, b))
    return parts


# A straight mark right after a clause's punctuation and before a space or the end closes a quotation
# ('... works," Lind said.'), even when no mark opened one in the sentence.
_CLOSES_AFTER_PUNCTUATION = re.compile(r"[,.!?;:](?:\"|'')(?:\s|$)")


class Quotes:
    """A sentence's quoted spans, looked up by bisection so that n cues cost O(n log n). Spans opened by a
    mark are disjoint and in text order; a closing mark with no opener quotes from the sentence start,
    so those spans all begin at 0 and only the furthest end matters."""

    __slots__ = ("starts", "ends", "head_end")

    def __init__(self, s: str):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.head_end = 0
        if not any(ch in s for ch in "\"“”") and "''" not in s:
            return
        open_at = None
        for m in re.finditer(r"“|”|\"|''", s):
            ch = m.group()
            if ch == "“" or (ch in ('"', "''") and open_at is None and (m.start() == 0 or not s[m.start() - 1].isalnum()
                                                                         or s[m.start() - 1] in " (")
                             and not _CLOSES_AFTER_PUNCTUATION.match(s, m.start() - 1)):
                if open_at is None:
                    open_at = m.end()
                continue
            if open_at is None:
                self.head_end = max(self.head_end, m.start())
            else:
                self.starts.append(open_at)
                self.ends.append(m.start())
                open_at = None
        if open_at is not None:
            self.starts.append(open_at)
            self.ends.append(len(s))

    def inside(self, pos: int) -> bool:
        """Whether `pos` is inside a quotation."""
        if pos < self.head_end:
            return True
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def opened_before(self, pos: int) -> int:
        """Where the opened quotation that `pos` is in or closes starts (a < pos <= b), else 0."""
        i = bisect_left(self.starts, pos) - 1
        return self.starts[i] if i >= 0 and pos <= self.ends[i] else 0


def carried_quote(s: str, open_before: bool) -> tuple[int, bool]:
    """(how far the sentence lies inside a quotation opened in an earlier sentence: 0 when none was open, the
    closing mark, or the whole length; whether a quotation is open after it). Curly marks open and close,
    straight ones toggle: '“We will build it. I can tell you that right now.'"""
    is_open = open_before
    inside = len(s) if open_before else 0
    for m in _QUOTE_MARK.finditer(s):
        ch, at, after = m.group(), m.start(), s[m.end():m.end() + 1]
        if ch in ('"', "''") and at and s[at - 1].isdigit() and not is_open:
            continue                                    # inches: 'a 12" pipe', '5\'11" tall'; not '"by 2024".'
        if ch == "“":
            is_open = True
        elif ch == "”" or is_open:
            if is_open and inside == len(s):
                inside = at
            is_open = False
        elif after and not after.isspace():             # a straight mark opens only before a word
            is_open = True
    return inside, is_open


def title_case(s: str) -> bool:
    long_words = [w for w in s.split() if len(w) > 3 and w[0].isalpha()]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def possessed(np: str, a: int) -> bool:
    """Whether the mention at `a` is a possessor ("Mr. Sanders's aides")."""
    m = re.match(r"[\w .-]*?[’']s?\s", np[a:])
    return m is not None and "'" in m.group().replace("’", "'")
