"""Split a document's audited regions into paragraphs and sentences with character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a period without ending a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen rep gov gen col lt capt sgt maj adm cmdr st jr sr rev hon pres vs etc
inc ltd corp co dept univ no nos fig approx est jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u u.s.a d.c a.m p.m i.e e.g al
""".split())

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace, then an opener
# (or a quotation mark and a bracket: '“[Lind] knows').
# The lookbehind starts a candidate only at the first mark of a run: a run of n dots costs O(n), not O(n²).
_BOUNDARY = re.compile(r"""(?<![.!?…])[.!?…]+["'”’)\]]*(?=\s+(?:["'“‘(\[]|[“"]\[)?[A-Z0-9])""")
_LAST_WORD = re.compile(r"([\w.]+)[.]$")
# Sentences glued without a space ("the conflict.The army said"): a lower-case word of two letters or
# more, terminal punctuation, then a capitalised word. "U.S.", "Mr.Smith" and "3.5" never match.
_GLUED = re.compile(r"""(?<=[a-z]{2})[.!?]+["'”’)\]]*(?=["'“‘(\[]?[A-Z][a-z])""")
_URL_LIKE = re.compile(r"://|www\.|@|/|\.[a-z]{2,}\b")
_TOKEN_REACH = 100              # characters looked at around a glued boundary for a URL (linear time)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial ("U.S.", "Dr.", "J.")."""
    m = _LAST_WORD.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _glued(text: str, m: re.Match[str], start: int, end: int) -> bool:
    """Whether a glued boundary really ends a sentence: not an abbreviation ("Gen.Smith"), and not
    inside a URL, e-mail address or domain name ("news.Google.com")."""
    if text[m.start()] == "." and _is_abbreviation(text, m.start()):
        return False
    lo, hi = max(start, m.start() - _TOKEN_REACH), min(end, m.end() + _TOKEN_REACH)
    token = text[lo:hi].replace("\n", " ")
    left = token.rfind(" ", 0, m.start() - lo) + 1
    right = len(token) if (space := token.find(" ", m.end() - lo)) < 0 else space
    return not _URL_LIKE.search(token, left, right)


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """Offsets where a sentence ends: after punctuation followed by a space, or glued to the next."""
    stops = [m.end() for m in _BOUNDARY.finditer(text, start, end)
             if not (text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start()))]
    stops += [m.end() for m in _GLUED.finditer(text, start, end) if _glued(text, m, start, end)]
    return sorted(stops)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for stop in _boundaries(text, start, end):
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _paragraphs(text: str, start: int, end: int):
    """Runs of non-blank lines inside text[start:end], as (start, end) spans."""
    first = last = None
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            first = pos if first is None else first
            last = stop
        elif first is not None:
            yield first, last
            first = None
        pos = stop + 1
    if first is not None:
        yield first, last


def segment(text: str, regions: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of every paragraph within the regions, in document order.

    A paragraph runs to the next blank line, so hard-wrapped text is not cut at its line breaks
    (ingest already makes each paragraph of a page its own region)."""
    sentences: list[Sentence] = []
    paragraph = 0
    for r_start, r_end in regions:
        for p_start, p_end in _paragraphs(text, r_start, r_end):
            paragraph += 1
            for a, b in split_sentences(text, p_start, p_end):
                sentences.append(Sentence(a, b, paragraph))
    return sentences
