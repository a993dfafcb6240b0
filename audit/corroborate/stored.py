"""Matching features kept in the store, so that a run does not compute again those of the claims of
documents it has seen (most of `audit check FILE` against a large store was featurising its claims).

A document's claims are stored as one record, keyed by the digest of what `Vocabulary.features` reads of
them (`inputs`) and by the analysis key (the code and the rules, whose lexicon is the vocabulary), so a
record never serves other code or other synonyms. It holds each claim's features (their figures are
taken from the claim, which holds them), the words the claims write in lower case (the run's `common`
words) and each word's shortest form in them (what the vocabulary's `display` learns), so that a run
reading it matches and explains exactly as one computing it.
"""
from __future__ import annotations

import hashlib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import msgspec

from audit.gcpause import gc_paused
from audit.models import Claim, Document

from .features import Features, Vocabulary

COMPRESSION = 6             # zlib level: PolNeAR train's records 4.32 MB at 1, 4.02 MB at 6 (+0.08 CPU-s in
                            # all); what is left is mostly digests and sketches, which do not compress


@dataclass(slots=True)
class _Record:
    features: list[Features]        # figures left out
    lower: list[str]                # content words written in lower case
    forms: dict[str, str]           # word -> its shortest lower-case form


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_Record)


@dataclass(slots=True)
class _Features:
    """A record as `Given` holds it until it is read: its features decoded, its words and forms left as
    MessagePack (held as objects from their arrival, PolNeAR train's cost 20 MiB more at the peak)."""
    features: list[Features]
    lower: msgspec.Raw
    forms: msgspec.Raw


_FEATURES_DECODER = msgspec.msgpack.Decoder(_Features)
_LOWER = msgspec.msgpack.Decoder(list[str])
_FORMS = msgspec.msgpack.Decoder(dict[str, str])


def inputs(claims: list[Claim]) -> str | None:
    """The digest of what the features of these claims are computed from (None if it cannot be encoded)."""
    try:
        data = _ENCODER.encode([(c.text, c.start, c.is_headline, bool(c.quantities), c.attribution.source_span,
                                 c.attribution.via_spans, [(e.start, e.end, e.canonical) for e in c.entities])
                                for c in claims])
    except (msgspec.EncodeError, UnicodeEncodeError):
        return None
    return hashlib.sha256(data).hexdigest()


def record(vocab: Vocabulary, claims: list[Claim]) -> tuple[str, bytes] | None:
    """(digest of its inputs, record) of the features of one document's claims, as the store keeps them:
    what a worker computes with its analysis, so that the parent only reads them (None if they cannot be
    encoded)."""
    key = inputs(claims)
    packed = _packed(*_featurised(vocab, claims)) if key else None
    return (key, packed) if key and packed else None


class Given:
    """The features records workers computed, by digest of their inputs. A record `add`ed has its
    features decoded at once: the parent adds them as the workers' results arrive, so decoding them
    overlaps the analysis instead of following it; those given at construction are decoded when read."""

    def __init__(self, payloads: Mapping[str, bytes] | None = None):
        self.payloads: dict[str, bytes] = dict(payloads or {})
        self._decoded: dict[str, _Features | None] = {}

    def add(self, digest: str, payload: bytes) -> None:
        self.payloads[digest] = payload
        with gc_paused():
            try:
                self._decoded[digest] = _FEATURES_DECODER.decode(zlib.decompress(payload))
            except (msgspec.DecodeError, zlib.error):
                self._decoded[digest] = None

    def record(self, digest: str) -> _Record | None:
        """The record of `digest` (None if none was given or it does not read), decoded afresh if it was
        read before: two documents with the same inputs get features of their own."""
        if digest in self._decoded:
            head = self._decoded.pop(digest)
            if head is None:
                return None
            try:
                return _Record(head.features, _LOWER.decode(head.lower), _FORMS.decode(head.forms))
            except msgspec.DecodeError:
                return None
        return _decoded(self.payloads.get(digest))

    def __len__(self) -> int:
        return len(self.payloads)


class StoredFeatures:
    """The features of a run's claims, read from the records `given` (a worker's, by digest of their
    inputs) or from `store` where it has them under `analysis_key`, else computed; those not stored yet
    are handed to the store (it writes them with the run)."""

    def __init__(self, store, analysis_key: str, given: Given | Mapping[str, bytes] | None = None):
        self.store, self.analysis_key = store, analysis_key
        self.given = given if isinstance(given, Given) else Given(given)
        self.computed = self.read = 0               # claims featurised and claims read, for tests and benchmarks

    def features(self, vocab: Vocabulary, rows: list[tuple[Claim, Document]], common: set[str]) -> list[Features]:
        """The features of each claim, in order; the words its claims write in lower case are added to
        `common` and their forms to `vocab.display`, as `vocab.features` does."""
        groups: list[tuple[Document, list[Claim]]] = []
        for claim, doc in rows:
            if groups and groups[-1][0] is doc:
                groups[-1][1].append(claim)
            else:
                groups.append((doc, [claim]))
        keys = [inputs(claims) for _, claims in groups]
        given = self.given.payloads
        found = self.store.cached_features(self.analysis_key, sorted({k for k in keys if k and k not in given})) \
            if self.store else {}
        out: list[Features] = []
        for (doc, claims), key in zip(groups, keys):
            payload = given.get(key) if key else None
            record = (self.given.record(key) if payload else _decoded(found.get(key))) if key else None
            if record is None or len(record.features) != len(claims):
                out += self._computed(vocab, doc, claims, key, common)
                continue
            if payload and self.store:
                self.store.cache_features(key, doc.sha256, self.analysis_key, payload)
            for f, claim in zip(record.features, claims):
                f.figures = tuple(claim.quantities)
            common.update(record.lower)
            vocab.show(record.forms)
            self.read += len(claims)
            out += record.features
        return out

    def _computed(self, vocab: Vocabulary, doc: Document, claims: list[Claim], key: str | None,
                  common: set[str]) -> list[Features]:
        feats, lower, forms = _featurised(vocab, claims)
        common |= lower
        self.computed += len(claims)
        data = _encoded(feats, lower, forms) if key and self.store else None
        if key and data:        # compressed by the save, beside its other work
            self.store.cache_features(key, doc.sha256, self.analysis_key, data, compress=COMPRESSION)
        return feats


def _featurised(vocab: Vocabulary, claims: list[Claim]) -> tuple[list[Features], set[str], dict[str, str]]:
    """The claims' features, the words they write in lower case and each word's shortest form in them."""
    lower: set[str] = set()
    forms: dict[str, str] = {}
    return [vocab.features(c, lower, forms) for c in claims], lower, forms


def _packed(feats: list[Features], lower: set[str], forms: dict[str, str]) -> bytes | None:
    """The stored record of these features (None if they cannot be encoded)."""
    data = _encoded(feats, lower, forms)
    return zlib.compress(data, COMPRESSION) if data is not None else None


def _encoded(feats: list[Features], lower: set[str], forms: dict[str, str]) -> bytes | None:
    """The stored record of these features before it is compressed (None if they cannot be encoded)."""
    figures = [f.figures for f in feats]       # left out while encoding: cheaper than copying each Features
    try:
        for f in feats:
            f.figures = ()
        data = _ENCODER.encode(_Record(feats, sorted(lower), forms))
    except (msgspec.EncodeError, UnicodeEncodeError):
        return None
    finally:
        for f, kept in zip(feats, figures):
            f.figures = kept
    return data


def _decoded(payload: bytes | None) -> _Record | None:
    """A stored record, or None (none stored, or one that does not read)."""
    if payload is None:
        return None
    try:
        return _DECODER.decode(zlib.decompress(payload))
    except (msgspec.DecodeError, zlib.error):
        return None
