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

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace, then an opener.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_LAST_WORD = re.compile(r"([\w.]+)[.]$")


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


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start()):
            continue
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
