"""Furniture learned from the corpus: sentences one outlet repeats verbatim across many of its documents.

Calls to action, newsletter promotions and "follow our live coverage" lines change with every site and
campaign, so no pattern list keeps up; what gives them away is repetition. After ingest and before
extraction, every sentence of the audited regions is counted, per outlet, in the documents that carry
it (case and spacing aside). A sentence of at least MIN_CHARS characters found in at least
MIN_DOCUMENTS documents of one outlet and in at least MIN_SHARE of them, that reports nothing (no
figure, no event predicate: `reports`), is set aside in each: cut out of the regions and listed with the
document's furniture, so it never becomes a claim.

Why these thresholds: a sentence an outlet prints word for word in three articles is a template, not
writing; the share keeps a large corpus (2,000 articles of one outlet) from losing every quotation
reused three times, yet stays low because a campaign's call to action runs on a few percent of the
articles at most (12 such lines in 520 articles of one broadcaster made 278 claims, 23 articles each).
A repeated sentence that reports something ("Hamas killed about 1,200 people on Oct. 7") is the outlet's
background reporting, told again: a claim, whose copies corroboration already counts as one origin.
Documents without a known outlet are left alone: repetition across unknown sources is wire copy.

The cut changes what analysis sees, so a digest of the sentences cut from a document goes into its
analysis-cache key (`cut_digests`): a document whose cut did not change keeps its cached analysis, and
claims never need to be dropped after the fact (a furniture line never served as the sentence before a
claim for carried-over attribution).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable

from .models import Document, LearnedFurniture, Span
from .segment import segment

MIN_DOCUMENTS = 3           # a sentence in fewer of an outlet's documents is not furniture
MIN_SHARE = 0.01            # ... nor one in a smaller share of them
MIN_CHARS = 20              # shorter sentences ("He said.") are too common to tell anything


def learn_furniture(documents: list[Document], reports: Callable[[str], bool]) -> list[LearnedFurniture]:
    """Set aside the sentences each outlet repeats across its documents and that report nothing (see the
    module notes); return what was set aside, by outlet and text."""
    per_outlet: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.outlet:
            per_outlet[doc.outlet].append(doc)
    learned: list[LearnedFurniture] = []
    for outlet in sorted(per_outlet):
        learned += _learn_outlet(outlet, per_outlet[outlet], reports)
    return learned


def _learn_outlet(outlet: str, docs: list[Document], reports: Callable[[str], bool]) -> list[LearnedFurniture]:
    if len(docs) < MIN_DOCUMENTS:
        return []
    found: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(dict)   # key -> doc index -> spans
    shown: dict[str, str] = {}
    for i, doc in enumerate(docs):
        for s in segment(doc.text, doc.regions):
            text = " ".join(doc.text[s.start:s.end].split())
            if len(text) >= MIN_CHARS:
                key = text.lower()
                found[key].setdefault(i, []).append((s.start, s.end))
                shown.setdefault(key, text)
    need = max(MIN_DOCUMENTS, MIN_SHARE * len(docs))
    out = []
    for key in sorted(k for k, where in found.items() if len(where) >= need and not reports(shown[k])):
        for i, spans in found[key].items():
            _set_aside(docs[i], spans)
        out.append(LearnedFurniture(outlet, shown[key], sorted(docs[i].id for i in found[key]), len(docs)))
    return out


def _set_aside(doc: Document, spans: list[tuple[int, int]]) -> None:
    """Cut spans out of the document's regions and list them with its furniture."""
    for start, end in spans:
        kept: list[tuple[int, int]] = []
        for a, b in doc.regions:
            if b <= start or a >= end:
                kept.append((a, b))
                continue
            kept += [(x, y) for x, y in ((a, start), (end, b)) if doc.text[x:y].strip()]
        doc.regions = kept
        doc.furniture.append(Span(start, end, doc.text[start:end]))


def cut_digests(learned: list[LearnedFurniture]) -> dict[str, str]:
    """Document id -> a short digest of the sentences cut from it (documents with no cut are absent)."""
    cut: dict[str, list[str]] = defaultdict(list)
    for item in learned:
        for doc_id in item.documents:
            cut[doc_id].append(item.text)
    return {doc_id: hashlib.sha256("\n".join(sorted(texts)).encode()).hexdigest()[:16]
            for doc_id, texts in cut.items()}
