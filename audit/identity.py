"""Identifiers unique within a run by construction, whatever the input repeats.

Two records of one JSON Lines file may carry the same `id`, or the same sentence (claim ids hash the
file path and the sentence); the store keys documents and claims by id per run, so a repeat would
lose the whole run. A repeated id gets a stable new one: derived from what the run already holds, in
input order, so the same input gives the same ids every time.
"""
from __future__ import annotations

import hashlib
import re

from .models import Claim, Document, Notice

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def unique_document_ids(documents: list[Document]) -> list[Notice]:
    """Suffix a document id already used by an earlier document ("a" -> "a-2"); a notice for each.
    Control characters and lone surrogates in a stated id become U+FFFD first, as the store would
    keep them, so two ids the store cannot tell apart are not both kept."""
    first: dict[str, Document] = {}
    notices = []
    for doc in documents:
        doc.id = _UNPRINTABLE.sub("\ufffd", doc.id)
        base, n = doc.id, 1
        while doc.id in first:
            n += 1
            doc.id = f"{base}-{n}"
        first[doc.id] = doc
        if n > 1:
            earlier = first[base]
            notices.append(Notice(doc.path, doc.line_numbers[0],
                                  f"document id '{base}' is already used by {earlier.path}:"
                                  f"{earlier.line_numbers[0]}; this document is '{doc.id}'"))
    return notices


def unique_claim_ids(claims: list[Claim]) -> None:
    """Give a claim whose id an earlier claim has a new id derived from its document's id and its own,
    and repoint the carry-overs of its document to it: `inherited_from` of the claim's attribution and of
    each of its attributions (the same object in a fresh analysis, copies in one decoded from a worker)."""
    used: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}    # (document id, old claim id) -> new claim id
    for claim in claims:
        old, n = claim.id, 0
        while claim.id in used:
            n += 1
            seed = f"{claim.document}\0{old}\0{n}".encode("utf-8", "surrogatepass")
            claim.id = hashlib.sha1(seed).hexdigest()[:10]
        used.add(claim.id)
        if n:
            renamed[claim.document, old] = claim.id
        for attribution in (claim.attribution, *claim.attributions):   # one object or copies, as decoded
            source = attribution.inherited_from
            if source is not None:
                attribution.inherited_from = renamed.get((claim.document, source), source)
