"""Where the per-document work runs: in this process, on N local processes (`--jobs N`) or on a
dask.distributed cluster (`--executor dask`). A worker analyses each document (`Auditor.analyse`), packs
the analysis as the store keeps it until the run is saved (`codec.pack_analysis`) and, if asked, computes its claims' matching
features as the store keeps them (`corroborate.stored.record`): the parent only reads both.
Corroboration's candidate pairs are scored where the executor runs (`score`); the rest of corroboration,
review, scoring and writing the store stay in the parent.

Every executor yields the analyses in document order, so where they ran never shows in the output.
Local workers forked from the parent analyse with its compiled Auditor; any other worker (spawned, or a
Dask worker) compiles its Auditor once, on its first batch, from the parent's folders and configuration
(a `WorkerSpec`), and refuses to work if it does not come to the parent's analysis key. Documents travel
in batches (a few per worker, not one task each) as MessagePack, about 3.5x cheaper than pickling these
dataclasses; the analyses come back as the store's compressed JSON, which the parent decodes straight
into the dataclasses.
"""
from __future__ import annotations

import math
import pickle
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from .codec import load_document, pack_analysis, unpack_analysis
from .config import Config
from .errors import AuditError
from .gcpause import gc_paused
from .models import Claim, Document, Skipped

if TYPE_CHECKING:
    from .corroborate.matching import Match, Matcher
    from .pipeline import Auditor


@dataclass(frozen=True, slots=True)
class Packed:
    """What a worker made of a document besides its claims: the analysis as the store caches it, and the
    (inputs digest, record) of its claims' matching features, if asked for and encodable."""
    analysis: bytes
    features: tuple[str, bytes] | None


# a document, its claims or why it was skipped, and what the worker packed (None in this process)
Analysis = tuple[Document, list[Claim] | Skipped, Packed | None]
BATCHES_PER_WORKER = 4
MAX_BATCH_WORDS = 100_000   # a worker's memory stays flat however large the corpus (about 4,700 claims)


class Executor(Protocol):
    def analyse(self, auditor: Auditor, documents: list[Document], readability: bool,
                features: bool = False) -> Iterator[Analysis]:
        """Each document (possibly changed by the analysis) with its claims, or its Skipped entry if its
        analysis failed, in the order given; workers also pack it, with its claims' matching features if
        `features`."""

    def score(self, matcher: Matcher, units: list[int]) -> tuple[list[Match], int]:
        """Corroboration's candidate pairs of the probing `units` (`corroborate.spread.Scorer`): the matches
        one process finds, in its order."""

    def close(self) -> None:
        """Release the workers."""


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to compile the parent's Auditor, and the key it must come to."""
    rule_dirs: tuple[Path, ...]
    registry_dirs: tuple[Path, ...]
    config: Config | None
    analysis_key: str

    @classmethod
    def of(cls, auditor: Auditor) -> WorkerSpec:
        return cls(tuple(auditor.rule_dirs), tuple(auditor.registry_dirs), auditor.config, auditor.analysis_key)

    def build(self) -> Auditor:
        from .pipeline import Auditor

        auditor = Auditor(self.rule_dirs, registry_dirs=self.registry_dirs, config=self.config)
        if auditor.analysis_key != self.analysis_key:
            raise AuditError(f"a worker compiled analysis key {auditor.analysis_key}, the parent "
                             f"{self.analysis_key}: install the same version of audit and the same rule "
                             "folders on every worker")
        return auditor


# -- in the worker -------------------------------------------------------------------------------

_compiled: dict[str, Auditor] = {}      # this worker process's Auditor, by analysis key (forked workers inherit
                                        # the parent's: see LocalProcesses)


def analyse_batch(spec: WorkerSpec, packed_documents: bytes, readability: bool, features: bool = False) -> bytes:
    """The worker's task: a batch of documents in; out (MessagePack), per document, its Skipped entry or
    its analysis packed (`codec.pack_analysis`) with its features record if `features` (else None). The
    worker compiles its Auditor on its first batch and keeps it."""
    auditor = _compiled.get(spec.analysis_key)
    if auditor is None:
        auditor = _compiled[spec.analysis_key] = spec.build()
    from .corroborate.features import vocabulary
    from .corroborate.stored import record

    vocab = vocabulary(auditor.language)
    out: list[Skipped | tuple[bytes, tuple[str, bytes] | None]] = []
    with gc_paused():
        for doc in (load_document(d) for d in msgspec.msgpack.decode(packed_documents)):
            outcome = auditor.analyse_guarded(doc, readability)
            out.append(outcome if isinstance(outcome, Skipped) else
                       (pack_analysis(doc, outcome), record(vocab, outcome) if features else None))
    return msgspec.msgpack.encode(out)


def _unpack(documents: Iterable[Document], results: Iterable[bytes]) -> Iterator[Analysis]:
    """The analyses of `documents` (those sent, in order) from the workers' `results`: each document
    gets its text back, which the packed analysis leaves out."""
    outcomes = (outcome for result in results for outcome in msgspec.msgpack.decode(result))
    for doc, outcome in zip(documents, outcomes, strict=True):
        if isinstance(outcome, dict):
            yield doc, Skipped(**outcome), None
            continue
        analysis, features = outcome
        with gc_paused():
            analysed, claims = unpack_analysis(analysis, doc.text)
        yield analysed, claims, Packed(analysis, tuple(features) if features else None)


def batches(documents: Sequence[Document], count: int) -> list[bytes]:
    """Consecutive runs of documents of about equal word counts, packed for the workers: `count` of them,
    or more if a batch would exceed MAX_BATCH_WORDS."""
    total = sum(max(d.words, 1) for d in documents)
    count = max(count, math.ceil(total / MAX_BATCH_WORDS))
    out: list[list[Document]] = [[]]
    done = 0
    for doc in documents:
        if out[-1] and done >= total * len(out) / count:
            out.append([])
        out[-1].append(doc)
        done += max(doc.words, 1)
    return [msgspec.msgpack.encode(batch) for batch in out if batch]


# -- executors -----------------------------------------------------------------------------------

class InProcess:
    """The analyses in this process, one after the other (`--jobs 1`)."""

    def analyse(self, auditor: Auditor, documents: list[Document], readability: bool,
                features: bool = False) -> Iterator[Analysis]:
        for doc in documents:
            yield doc, auditor.analyse_guarded(doc, readability), None

    def score(self, matcher: Matcher, units: list[int]) -> tuple[list[Match], int]:
        return matcher.pairs(units)

    def close(self) -> None:
        pass


class LocalProcesses:
    """The analyses on `jobs` local worker processes (`--jobs N`). Where the platform can fork, the workers
    are forked from this process with its compiled Auditor (the pipeline compiles the extractor before
    analysing), which they use instead of compiling their own (about 0.4 CPU-seconds each); elsewhere each
    compiles its own from the WorkerSpec."""

    def __init__(self, jobs: int):
        self.jobs = jobs

    def analyse(self, auditor: Auditor, documents: list[Document], readability: bool,
                features: bool = False) -> Iterator[Analysis]:
        if not documents:
            return
        from concurrent.futures import ProcessPoolExecutor     # 0.05 s to import: not for a re-run
        from multiprocessing import get_all_start_methods, get_context

        packed = batches(documents, self.jobs * BATCHES_PER_WORKER)
        forked = "fork" in get_all_start_methods()
        if forked:
            _compiled[auditor.analysis_key] = auditor
        try:
            with ProcessPoolExecutor(self.jobs, mp_context=get_context("fork" if forked else "spawn")) as pool:
                yield from _unpack(documents, pool.map(analyse_batch, repeat(WorkerSpec.of(auditor)), packed,
                                                       repeat(readability), repeat(features)))
        finally:
            if forked and _compiled.get(auditor.analysis_key) is auditor:
                del _compiled[auditor.analysis_key]

    def score(self, matcher: Matcher, units: list[int]) -> tuple[list[Match], int]:
        from .corroborate.spread import scored
        return scored(matcher, units, self.jobs)

    def close(self) -> None:
        pass


class DaskCluster:
    """The analyses, and corroboration's pair scoring, on a dask.distributed cluster: the scheduler at
    `address`, or a LocalCluster started here (one single-threaded worker process per core) when there is
    none."""

    def __init__(self, address: str | None = None, **local_cluster: Any):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise AuditError('--executor dask needs dask.distributed: pip install "provenance-audit[dask]"') from None
        self.slices_scored = 0          # slices of probing units scored on the cluster
        self._cluster = None if address else LocalCluster(
            **{"processes": True, "threads_per_worker": 1, "dashboard_address": None, **local_cluster})
        try:
            self.client = Client(address or self._cluster)
        except OSError as exc:
            raise AuditError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    def analyse(self, auditor: Auditor, documents: list[Document], readability: bool,
                features: bool = False) -> Iterator[Analysis]:
        if not documents:
            return
        workers = max(sum(self.client.nthreads().values()), 1)
        packed = batches(documents, workers * BATCHES_PER_WORKER)
        futures = self.client.map(analyse_batch, [WorkerSpec.of(auditor)] * len(packed), packed,
                                  readability=readability, features=features, pure=False)
        yield from _unpack(documents, (future.result() for future in futures))

    def score(self, matcher: Matcher, units: list[int]) -> tuple[list[Match], int]:
        """The pairs scored on the workers, from MIN_UNITS probing units (`corroborate.spread`): the matcher
        goes to each worker once, the units in consecutive slices, and the matches come back joined in
        slice order, as one process finds them. Every worker holds the whole matcher: this spreads the
        scoring, not the memory (docs/scale.md designs the shuffle that would)."""
        from .corroborate import spread
        if len(units) < spread.MIN_UNITS:
            return matcher.pairs(units)
        workers = max(sum(self.client.nthreads().values()), 1)
        token = uuid.uuid4().hex
        shared = self.client.scatter(pickle.dumps(matcher, protocol=5), broadcast=True, hash=False)
        parts = [units[a:b] for a, b in spread.slice_bounds(len(units), workers)]
        try:
            done = self.client.gather(self.client.map(_pairs, [token] * len(parts), [shared] * len(parts), parts,
                                                      pure=False))
        finally:
            self.client.run(_forget, token)
        self.slices_scored += len(parts)
        return [m for found, _ in done for m in found], sum(count for _, count in done)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


_matchers: dict[str, Matcher] = {}      # on a Dask worker: the matcher of each run scoring its pairs, by token


def _pairs(token: str, pickled: bytes, units: list[int]) -> tuple[list[Match], int]:
    """A Dask task: a slice's matches, and the pairs it scored. The worker unpickles the run's matcher once,
    for all its slices, with the collector paused (5x faster for these millions of small objects)."""
    with gc_paused():
        matcher = _matchers.get(token)
        if matcher is None:
            matcher = _matchers[token] = pickle.loads(pickled)
        return matcher.pairs(units)


def _forget(token: str) -> None:
    _matchers.pop(token, None)


def executor_for(jobs: int = 1, executor: str = "local", scheduler: str | None = None) -> Executor:
    """The executor the command line asks for."""
    if executor == "dask":
        return DaskCluster(scheduler)
    if scheduler:
        raise AuditError("--scheduler needs --executor dask")
    return LocalProcesses(jobs) if jobs > 1 else InProcess()
