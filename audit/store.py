"""Audit history in a SQL database (SQLite by default): runs, their documents, claims and findings,
the analysis cache and the claims' matching features (audit.corroborate.stored).

Storage is content-addressed. A run's documents are rows that point at *blocks*: one document with its
final claims, as zlib-compressed JSON (see audit.codec), keyed by the digest of that JSON. Runs that
produce the same document and claims share one block, so an unchanged re-run adds a run row and a row
per document, not another copy of the corpus. Claims and findings have query rows per block (ids,
lines, scores, statuses, kinds, rules; no text). The analysis cache keeps a document's analysis as what
differs from a block of that document (mostly the claims' corroboration before the run corroborated them),
pointing at the block, so that it does not hold the corpus's claims a second time: PolNeAR train's 840
analyses take 0.4 MB instead of 6.2 MB; an analysis with no block to differ from is kept whole.
Writes use SQLAlchemy Core executemany, and everything one run writes lands in one transaction. SQLite
keeps its default rollback journal: WAL measured slower for one large transaction and leaves a WAL
file as big as the run. Several processes may open and write one store at once, on SQLite and PostgreSQL.
Importing this module loads sqlmodel (~0.5 s): import it only where the store is used.
"""
from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator, TypeVar

from sqlalchemy import (
    JSON, LargeBinary, TypeDecorator, and_, bindparam, column, create_engine, delete, event, exists, func, insert, inspect, literal,
    or_, select, table, true,
)
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlmodel import Field, SQLModel

from audit import codec
from audit.errors import AuditError
from audit.gcpause import gc_paused
from audit.models import AuditResult, Claim, Document, RunInfo

T = TypeVar("T")
DEFAULT_URL = "sqlite:///.audit/audit.db"
PAYLOAD = LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")   # MySQL's BLOB stops at 64 KiB
BATCH_ROWS = 5000
DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}
DRIVER_PACKAGES = {"psycopg": '"provenance-audit[postgres]"', "psycopg2": "psycopg2-binary", "MySQLdb": "mysqlclient"}
SCHEMA_LOCK_KEY = int.from_bytes(b"audit-db", "big")   # PostgreSQL advisory lock held while creating tables
PRUNE_LOCK_KEY = SCHEMA_LOCK_KEY + 1                    # held while pruning, and shared while saving


class PackedJSON(TypeDecorator):
    """JSON, kept zlib-compressed on SQLite, which would keep it as text: a run's inputs and details are
    0.32 MB of text a run on PolNeAR train, 0.08 MB compressed. A value written as text (by an older audit)
    still reads. Other databases keep JSON as before."""
    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        return dialect.type_descriptor(LargeBinary() if dialect.name == "sqlite" else JSON())

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if dialect.name != "sqlite" or value is None:
            return value
        return zlib.compress(codec.to_json(value), codec.COMPRESSION)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if dialect.name != "sqlite" or value is None:
            return value
        return codec.from_json(zlib.decompress(value) if isinstance(value, bytes) else value)


@dataclass(frozen=True, slots=True)
class Pruned:
    """What `Store.prune` deleted and kept."""
    runs: int
    kept: int
    cached: int


@dataclass(frozen=True, slots=True)
class Latest:
    """The newest stored run: its id, inputs and summary."""
    id: str
    inputs: list
    summary: dict

    @property
    def content_key(self) -> str | None:
        """The content key the run was computed under, which a new run with the same key may reuse whole
        (None for a run that may not be reused, or stored before keys existed)."""
        return self.summary.get("content_key")

    @property
    def input_key(self) -> str | None:
        """The key of what the run's documents were read from (Auditor.input_key): a new run with the same
        one would read the same documents, so has the same content key (None where it does not stand for them)."""
        return self.summary.get("input_key") if self.content_key else None


class RunRow(SQLModel, table=True):
    __tablename__ = "runs"
    seq: int | None = Field(default=None, primary_key=True)   # save order, breaks ties in `started`
    id: str = Field(unique=True)
    started: str = Field(index=True)
    tool_version: str
    rules_hash: str
    inputs: list = Field(sa_type=PackedJSON)
    reused: int
    summary: dict = Field(sa_type=JSON)    # counts, mean score and content key, for listings and reuse
    details: dict = Field(sa_type=PackedJSON)   # the rest of the AuditResult: rules, skipped, notices, timelines...


class RunDocumentRow(SQLModel, table=True):
    __tablename__ = "run_documents"
    run_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)     # position in AuditResult.documents
    id: str
    path: str
    sha256: str = Field(index=True)
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    block: int = Field(index=True)         # the document's block


class BlockRow(SQLModel, table=True):
    __tablename__ = "blocks"
    __table_args__ = {"sqlite_autoincrement": True}   # an id is never reused for another block
    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(unique=True)       # sha256 of the JSON {"document": ..., "claims": [...]}
    payload: bytes = Field(sa_type=PAYLOAD)       # that JSON, zlib-compressed


class BlockClaimRow(SQLModel, table=True):
    __tablename__ = "block_claims"
    __table_args__ = {"sqlite_with_rowid": False}   # rows kept in key order: no index of the key beside them
    block: int = Field(primary_key=True)
    seq: int = Field(primary_key=True)     # position in the block's claims
    id: str = Field(index=True)            # its document: run_documents.id of a row with the same block
    line: int
    score: float
    status: str
    attribution: str                       # the text is in the block: `audit show ID` prints it


class BlockFindingRow(SQLModel, table=True):
    __tablename__ = "block_findings"
    __table_args__ = {"sqlite_with_rowid": False}
    block: int = Field(primary_key=True)
    claim_seq: int = Field(primary_key=True)
    seq: int = Field(primary_key=True)     # position in Claim.findings
    claim_id: str
    rule: str = Field(index=True)
    signal: str
    severity: str
    weight: float
    start: int
    end: int
    evidence: str
    suppressed: bool


class AnalysisRow(SQLModel, table=True):
    __tablename__ = "analyses"
    sha256: str = Field(primary_key=True)
    analysis_key: str = Field(primary_key=True)
    payload: bytes = Field(sa_type=PAYLOAD)       # zlib JSON {"document": ..., "claims": [...]} before
                                                  # corroboration, the document's text left out; with a
    block: int | None = Field(default=None, index=True)   # block of the same document, only what differs
                                                          # from it (codec.analysis_delta)


class FeatureRow(SQLModel, table=True):
    __tablename__ = "features"
    digest: str = Field(primary_key=True)         # of what a document's claims' matching features are made from
    analysis_key: str = Field(primary_key=True)
    sha256: str = Field(index=True)               # the document's content, for pruning
    payload: bytes = Field(sa_type=PAYLOAD)       # zlib MessagePack (audit.corroborate.stored)


TABLES = RUNS, RUN_DOCUMENTS, BLOCKS, CLAIMS, FINDINGS, CACHE, FEATURES = tuple(
    SQLModel.metadata.tables[row.__tablename__]
    for row in (RunRow, RunDocumentRow, BlockRow, BlockClaimRow, BlockFindingRow, AnalysisRow, FeatureRow)
)


class Store:
    """The audit database. Open it, read or save runs, close it (or use it as a context manager)."""

    def __init__(self, url: str | None = None, *, create: bool = True):
        """Open the store at `url` (default: .audit/audit.db), creating a SQLite file and its folder, and the
        tables, when `create`; without it (commands that only read), a store not there is an error."""
        parsed = _parse_url(url or DEFAULT_URL)
        self.url = parsed.render_as_string(hide_password=True)
        _sqlite_file(parsed, create)
        self._engine = _open_engine(_with_default_driver(parsed), self.url, create)
        self._pending_cache: dict[tuple[str, str], bytes] = {}   # codec.analysis_json, compressed
        # (digest, key) -> (sha256, payload, None or the zlib level to compress it at when saving)
        self._pending_features: dict[tuple[str, str], tuple[str, bytes, int | None]] = {}

    @staticmethod
    def exists(url: str | None) -> bool:
        """Whether there is a store at `url` to read: false only for a SQLite file not made yet."""
        path = _sqlite_path(_parse_url(url or DEFAULT_URL))
        return path is None or path.exists()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    # -- analysis cache -------------------------------------------------------------------------

    def cached_analyses(self, wanted: list[tuple[Document, str]]) -> list[tuple[Document, list[Claim]] | None]:
        """For each (document as read, analysis key), a fresh copy of the document and claims cached for
        its content and that key, or None; looked up in batches. The cache keeps no text: the document as
        read gives it (equal content, equal text). An analysis kept as what differs from a block is read
        from the two (`codec.unpack_analysis_delta`)."""
        keys = [(doc.sha256, key) for doc, key in wanted]
        pending = {key: self._pending_cache[key] for key in keys if key in self._pending_cache}
        stored: dict[tuple[str, str], tuple[bytes, bytes | None]] = {}   # (payload, its block's payload)
        missing = sorted({key for key in keys if key not in pending})
        with self._engine.connect() as conn:
            for start in range(0, len(missing), BATCH_ROWS // 10):
                batch = missing[start:start + BATCH_ROWS // 10]
                rows = conn.execute(
                    select(CACHE.c.sha256, CACHE.c.analysis_key, CACHE.c.payload, CACHE.c.block, BLOCKS.c.payload)
                    .select_from(CACHE.outerjoin(BLOCKS, BLOCKS.c.id == CACHE.c.block))
                    .where(CACHE.c.sha256.in_({sha for sha, _ in batch}), CACHE.c.analysis_key.in_({k for _, k in batch})))
                stored.update(((sha, key), (payload, base)) for sha, key, payload, block, base in rows
                              if block is None or base is not None)
        with gc_paused():
            return [_read_analysis(pending.get(key), stored.get(key), doc.text) for key, (doc, _) in zip(keys, wanted)]

    def cache_analysis(self, doc: Document, claims: list[Claim], analysis_key: str, packed: bytes | None = None) -> None:
        """Snapshot a document's analysis now (its text aside), or keep it as `packed` already
        (`codec.pack_analysis`, as a worker returns it); it is written by the next save_run, in its
        transaction, as what differs from the document's block in that run where it can be."""
        if packed is None:
            with gc_paused():
                packed = codec.pack_analysis(doc, claims)
        self._pending_cache[(doc.sha256, analysis_key)] = packed

    # -- matching features (audit.corroborate.stored) -------------------------------------------

    def cached_features(self, analysis_key: str, digests: list[str]) -> dict[str, bytes]:
        """Digest -> the stored features record of that digest and analysis key, for those stored (none when
        the store cannot be read now: the features are then computed, and saving the run says what failed)."""
        found = {d: _compressed(*self._pending_features[(d, analysis_key)][1:]) for d in digests
                 if (d, analysis_key) in self._pending_features}
        missing = [d for d in digests if d not in found]
        try:
            with self._engine.connect() as conn:
                for start in range(0, len(missing), BATCH_ROWS // 10):
                    rows = conn.execute(select(FEATURES.c.digest, FEATURES.c.payload).where(
                        FEATURES.c.analysis_key == analysis_key,
                        FEATURES.c.digest.in_(missing[start:start + BATCH_ROWS // 10])))
                    found.update((digest, payload) for digest, payload in rows)
        except SQLAlchemyError:
            return {}
        return found

    def cache_features(self, digest: str, sha256: str, analysis_key: str, payload: bytes,
                       compress: int | None = None) -> None:
        """Keep a features record of a document (content `sha256`); it is written by the next save_run. With
        `compress`, `payload` is the record as it is, compressed at that zlib level by the save (on
        threads, beside its other work) instead of by the run meanwhile."""
        self._pending_features[(digest, analysis_key)] = sha256, payload, compress

    # -- writing --------------------------------------------------------------------------------

    def save_run(self, result: AuditResult, content_key: str | None = None, input_key: str | None = None, *,
                 baselined: int | None = None, same_as: str | None = None, counts: dict | None = None) -> None:
        """Write the run, the blocks of its documents not stored yet (with their claim and finding rows)
        and the pending cache entries, all or nothing. `content_key` and `input_key` (see Latest) and the
        count of findings a baseline matched are kept with the run, for a run that reuses it. `same_as`
        names a stored run with the same documents and claims, whose blocks the run then points at without
        packing them (if that run was pruned meanwhile, the blocks are written as for any run). The claims
        are stored grouped by document, in the documents' order, as the pipeline makes them. A result whose
        claims stay JSON (`stored_claims`) gives the summary's `counts` of them (claims, findings, mean_score)."""
        features = sorted(self._pending_features.items())
        try:    # the features records left to compress are compressed on threads from the start
            with gc_paused(), self._engine.begin() as conn, \
                    _compressing([payload for _, (_, payload, _) in features],
                                 [level for _, (_, _, level) in features]) as payloads:
                conn.execute(insert(RUNS), [_run_row(result, content_key, baselined, input_key, counts)])
                if conn.dialect.name == "postgresql":   # a prune must not delete a block this run points at
                    conn.execute(select(func.pg_advisory_xact_lock_shared(PRUNE_LOCK_KEY)))
                if not same_as or _copy_blocks(conn, same_as, result.run.id) != len(result.documents):
                    conn.execute(delete(RUN_DOCUMENTS).where(RUN_DOCUMENTS.c.run_id == result.run.id))
                    claims = codec.with_claims(result).claims
                    blocks = _blocks(result.documents, claims)
                    bases: dict[str, _Block] = {}
                    for doc, block in zip(result.documents, blocks):
                        bases.setdefault(doc.sha256, block)
                    # the new blocks are compressed on threads while this one works out the cache's rows
                    ids, cached = _write_blocks(conn, result.run.id, result.documents, blocks,
                                                lambda: self._pending_cache_rows(bases))
                    self._write_pending_cache(conn, cached, ids)
                else:
                    self._write_pending_cache(conn, self._pending_cache_rows({}), {})
                self._write_pending_features(conn, [(key, sha) for key, (sha, _, _) in features], payloads)
        except SQLAlchemyError as e:
            raise AuditError(f"could not save run {result.run.id} to {self.url}, nothing was saved: "
                             f"{_first_line(e)}; {_save_advice(e)}") from None
        self._pending_cache.clear()
        self._pending_features.clear()

    def _pending_cache_rows(self, bases: dict[str, _Block]) -> list[dict[str, Any]]:
        """The rows of the pending entries, in key order. An entry whose document has a block in `bases`
        (sha256 -> a block the run writes) keeps only what differs from it, and names it by its digest in
        `block` (the id it gets is put there when writing)."""
        return [_cache_row(sha, key, zlib.decompress(packed), bases.get(sha))
                for (sha, key), packed in sorted(self._pending_cache.items())]

    @staticmethod
    def _write_pending_cache(conn: Connection, rows: list[dict[str, Any]], ids: dict[str, int]) -> None:
        """Insert or replace the pending entries' `rows`, in key order: concurrent runs caching the same
        documents then wait for each other instead of failing on the primary key or deadlocking. A row's
        block digest becomes the block's id (`ids`)."""
        if not rows:
            return
        for row in rows:
            if row["block"] is not None:
                row["block"] = ids[row["block"]]
        statement = _cache_upsert(conn.dialect.name)
        if statement is None:   # a database without ON CONFLICT: replace by deleting first
            _delete_rows(conn, CACHE, rows, ("sha256", "analysis_key"))
            statement = insert(CACHE)
        for start in range(0, len(rows), BATCH_ROWS):
            conn.execute(statement, rows[start:start + BATCH_ROWS])

    @staticmethod
    def _write_pending_features(conn: Connection, keys: list[tuple[tuple[str, str], str]],
                                payloads: Iterable[bytes]) -> None:
        """Insert the pending features records not stored yet, in key order (a record stored meanwhile by
        another run is the same record): their ((digest, analysis key), sha256) and payloads."""
        rows = [{"digest": digest, "analysis_key": key, "sha256": sha, "payload": payload}
                for ((digest, key), sha), payload in zip(keys, payloads, strict=True)]
        if rows and _dialect_insert(conn.dialect.name) is None:   # no ON CONFLICT: replace by deleting first
            _delete_rows(conn, FEATURES, rows, ("digest", "analysis_key"))
        _insert_batched(conn, FEATURES, rows, skip_existing=True)

    # -- pruning --------------------------------------------------------------------------------

    def prune(self, keep: int | None, build: str) -> Pruned:
        """Delete all but the `keep` newest runs (None keeps every run) and the runs they were checked
        against (`context_run`), every cached analysis (and features record) this `build`
        (pipeline.build_id) cannot reuse for a kept run (its document is in no kept run, or another build or
        other rules made it), then the blocks no kept run points at: a kept analysis kept as what differs
        from one of them is kept against its document's block in a kept run instead. One transaction;
        concurrent prunes wait for each other."""
        try:
            with self._engine.connect() as conn:
                if conn.dialect.name == "postgresql":    # waits for saves in progress, which hold it shared
                    conn.execute(select(func.pg_advisory_xact_lock(PRUNE_LOCK_KEY)))
                elif conn.dialect.name == "sqlite":      # the write lock first: a save cannot commit between
                    conn.exec_driver_sql("BEGIN IMMEDIATE")   # what this reads and what it deletes
                ids = conn.scalars(select(RUNS.c.id).order_by(*_NEWEST_FIRST)).all()
                old = ids[keep:] if keep is not None else []
                if old:                               # a kept run's context run is kept too (pipeline._story)
                    told = conn.scalars(select(RUNS.c.details).where(RUNS.c.id.in_(ids[:keep]))).all()
                    referenced = {details.get("context_run") for details in told if isinstance(details, dict)}
                    old = [run_id for run_id in old if run_id not in referenced]
                dropped: set[int] = set()              # blocks of deleted runs: deleted unless another points at them
                for start in range(0, len(old), BATCH_ROWS):
                    batch = old[start:start + BATCH_ROWS]
                    dropped.update(conn.scalars(select(RUN_DOCUMENTS.c.block).where(RUN_DOCUMENTS.c.run_id.in_(batch))))
                    conn.execute(delete(RUN_DOCUMENTS).where(RUN_DOCUMENTS.c.run_id.in_(batch)))
                    conn.execute(delete(RUNS).where(RUNS.c.id.in_(batch)))
                stale = self._stale_cache(conn, build)
                if stale:
                    conn.execute(delete(CACHE).where(CACHE.c.sha256 == bindparam("sha"),
                                                     CACHE.c.analysis_key == bindparam("key")), stale)
                stale_features = self._stale_features(conn, build)
                if stale_features:
                    conn.execute(delete(FEATURES).where(FEATURES.c.digest == bindparam("digest"),
                                                        FEATURES.c.analysis_key == bindparam("key")), stale_features)
                _rebase_cache(conn, _unused_blocks(conn, sorted(dropped)))
                _delete_unused_blocks(conn, sorted(dropped))
                conn.commit()
        except SQLAlchemyError as e:
            raise AuditError(f"could not prune {self.url}, nothing was deleted: {_first_line(e)}; "
                             f"{_save_advice(e)}") from None
        return Pruned(runs=len(old), kept=len(ids) - len(old), cached=len(stale))

    @staticmethod
    def _stale_cache(conn: Connection, build: str) -> list[dict[str, str]]:
        """The cache keys `build` cannot reuse for a stored run. A key is `build:rules_hash`, with `:cut`
        after it when learned furniture was cut from the document."""
        analyses, documents = _reusable(conn, build)
        return [{"sha": sha, "key": key} for sha, key in conn.execute(select(CACHE.c.sha256, CACHE.c.analysis_key))
                if sha not in documents or ":".join(key.split(":")[:2]) not in analyses]

    @staticmethod
    def _stale_features(conn: Connection, build: str) -> list[dict[str, str]]:
        """The features records `build` cannot reuse for a stored run (keyed `build:rules_hash`)."""
        analyses, documents = _reusable(conn, build)
        return [{"digest": digest, "key": key} for digest, key, sha in
                conn.execute(select(FEATURES.c.digest, FEATURES.c.analysis_key, FEATURES.c.sha256))
                if sha not in documents or key not in analyses]

    def compact(self) -> None:
        """Give the space of deleted rows back to the file system (SQLite's VACUUM; PostgreSQL's
        autovacuum makes it reusable on its own)."""
        if self._engine.dialect.name == "sqlite":
            with self._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM")

    def size(self) -> int | None:
        """Bytes the store takes: the SQLite file, or the PostgreSQL tables with their indexes."""
        if self._engine.dialect.name == "sqlite":
            database = self._engine.url.database
            return Path(database).stat().st_size if database and database != ":memory:" else None
        if self._engine.dialect.name == "postgresql":
            with self._engine.connect() as conn:
                return sum(conn.scalar(select(func.pg_total_relation_size(func.to_regclass(t.name)))) or 0
                           for t in TABLES)
        return None

    # -- reading --------------------------------------------------------------------------------

    def runs(self) -> list[RunInfo]:
        """Every stored run, newest first."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(RUNS).order_by(*_NEWEST_FIRST)).all()
        return [_run_info(r) for r in rows]

    def latest(self) -> Latest | None:
        """The newest stored run's id, inputs and content key, or None when no run is stored."""
        with self._engine.connect() as conn:
            row = conn.execute(select(RUNS.c.id, RUNS.c.inputs, RUNS.c.summary)
                               .order_by(*_NEWEST_FIRST).limit(1)).first()
        return Latest(row.id, row.inputs, row.summary) if row else None

    def read_from(self, input_key: str, among: int = 100) -> Latest | None:
        """The newest of the `among` newest runs that may be taken whole by a run with this input key (see
        Latest.input_key), or None; only its list of inputs is read."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(RUNS.c.id, RUNS.c.summary).order_by(*_NEWEST_FIRST).limit(among)).all()
            found = next((r for r in rows if Latest(r.id, [], r.summary).input_key == input_key), None)
            if found is None:
                return None
            inputs = conn.scalar(select(RUNS.c.inputs).where(RUNS.c.id == found.id))
        return Latest(found.id, inputs, found.summary) if inputs is not None else None   # None: pruned meanwhile

    def previous_run(self, before: str) -> RunInfo | None:
        """The run stored just before run `before`; the latest run if `before` is not stored (yet)."""
        query = select(RUNS).order_by(*_NEWEST_FIRST).limit(1)
        with self._engine.connect() as conn:
            anchor = conn.execute(select(RUNS.c.started, RUNS.c.seq).where(RUNS.c.id == before)).first()
            if anchor:
                query = query.where(or_(RUNS.c.started < anchor.started,
                                        and_(RUNS.c.started == anchor.started, RUNS.c.seq < anchor.seq)))
            row = conn.execute(query).first()
        return _run_info(row) if row else None

    def load_run(self, run_id: str | None = None, *, claims: bool = True) -> AuditResult:
        """A stored run (the latest if None; a unique id prefix works) with its documents and claims; with
        `claims` False, its claims stay JSON, in `stored_claims` (unless a block must be read the slow way)."""
        with gc_paused():
            with self._snapshot() as conn:
                row = conn.execute(select(RUNS).where(RUNS.c.id == self._resolve_run(conn, run_id))).one()
                in_order = (select(BLOCKS.c.payload).join(RUN_DOCUMENTS, RUN_DOCUMENTS.c.block == BLOCKS.c.id)
                            .where(RUN_DOCUMENTS.c.run_id == row.id).order_by(RUN_DOCUMENTS.c.seq))
                payloads = conn.scalars(in_order).all()
            result = codec.load_result({**row.details, "run": _run_dict(row), "documents": [], "claims": []})
            if not claims:
                raw = [codec.load_block_raw(zlib.decompress(payload)) for payload in payloads]
                read = [block for block in raw if block is not None]
                if len(read) == len(payloads):
                    result.documents = [document for document, _ in read]
                    result.stored_claims = [claims_json for _, claims_json in read]
                    return result
            for payload in payloads:
                document, block_claims = codec.load_block(zlib.decompress(payload))
                result.documents.append(document)
                result.claims += block_claims
        return result

    def find_claim(self, claim_id_or_prefix: str, run_id: str | None = None) -> tuple[Claim, Document]:
        """A claim and its document, by id or unique id prefix, in a run (the latest if None)."""
        with self._snapshot() as conn:
            run_id = self._resolve_run(conn, run_id)
            in_run = CLAIMS.c.block.in_(select(RUN_DOCUMENTS.c.block).where(RUN_DOCUMENTS.c.run_id == run_id))
            claim_id = _match_prefix(conn, CLAIMS.c.id, claim_id_or_prefix, in_run,
                                     what="claim", where=f"run {run_id}")
            seq, payload = conn.execute(select(CLAIMS.c.seq, BLOCKS.c.payload)
                                        .join(BLOCKS, BLOCKS.c.id == CLAIMS.c.block)
                                        .where(in_run, CLAIMS.c.id == claim_id).limit(1)).one()
        block = _unpack(payload)
        return codec.load_claim(block["claims"][seq]), codec.load_document(block["document"])

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """A connection whose reads all see one state of the store: a run pruned meanwhile is read whole or
        not at all (SQLite: one read transaction; PostgreSQL: repeatable read)."""
        with self._engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            elif conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN")
            try:
                yield conn
            finally:
                conn.rollback()

    def _resolve_run(self, conn: Connection, run_id: str | None) -> str:
        """The full id of run `run_id` (exact or unique prefix), or of the latest run if None."""
        if run_id is None:
            latest = conn.scalar(select(RUNS.c.id).order_by(*_NEWEST_FIRST).limit(1))
            if latest is None:
                raise AuditError(f"no audit runs stored in {self.url} yet")
            return latest
        return _match_prefix(conn, RUNS.c.id, run_id, true(), what="run", where=self.url,
                             hint="; `audit runs` lists the stored runs")


_NEWEST_FIRST = (RUNS.c.started.desc(), RUNS.c.seq.desc())


def _reusable(conn: Connection, build: str) -> tuple[set[str], set[str]]:
    """(the analysis keys `build` may reuse: its own with the stored runs' rules, the contents of the
    stored runs' documents)."""
    analyses = {f"{build}:{rules_hash}" for rules_hash in conn.scalars(select(RUNS.c.rules_hash).distinct())}
    return analyses, set(conn.scalars(select(RUN_DOCUMENTS.c.sha256).distinct()))


def _dialect_insert(dialect: str) -> Any:
    """The database's own INSERT, which has ON CONFLICT, or None; imported when first used (the PostgreSQL
    dialect takes 0.03 s to import, which a SQLite store does not need)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert
        return postgresql_insert
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert
        return sqlite_insert
    return None


def _cache_upsert(dialect: str) -> Any:
    """INSERT ... ON CONFLICT (sha256, analysis_key) DO UPDATE, for the databases that have it, else None."""
    insert_for_dialect = _dialect_insert(dialect)
    if insert_for_dialect is None:
        return None
    statement = insert_for_dialect(CACHE)
    return statement.on_conflict_do_update(index_elements=[CACHE.c.sha256, CACHE.c.analysis_key],
                                           set_={"payload": statement.excluded.payload,
                                                 "block": statement.excluded.block})


# -- opening -------------------------------------------------------------------------------------

def _parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError):
        raise AuditError(f"'{_mask_password(url)}' is not a database URL; "
                         "use e.g. sqlite:///path/to/audit.db or postgresql://user@host/dbname") from None


def _sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite store, or None (another database, or SQLite in memory)."""
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _sqlite_file(url: URL, create: bool) -> None:
    """Make the folder of a SQLite store's file (`create`), or refuse a SQLite store that is not there."""
    path = _sqlite_path(url)
    if path is None:
        return
    if not create:
        if not path.exists():
            raise AuditError(f"no store at {path}: nothing has been audited with it yet; run `audit scan PATH` "
                             "first, or give the store with --db")
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise AuditError(f"cannot create {path.parent}/ for the store {path}: {e.strerror}; "
                         "run from a writable folder or give another database URL") from None


def _with_default_driver(url: URL) -> URL:
    """postgresql://... names no driver: use psycopg 3, which the postgres extra installs."""
    return url.set(drivername=DEFAULT_DRIVERS.get(url.drivername, url.drivername))


def _mask_password(url: str) -> str:
    """Best-effort password masking for a string that did not parse as a URL."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if sep and at and ":" in userinfo:
        return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{host}"
    return url


def _open_engine(url: URL, shown: str, create: bool = True) -> Engine:
    """An engine with the schema created (without `create`, only on a database that holds a store already);
    any failure becomes a one-line AuditError naming the URL."""
    engine = _create_engine(url, shown)
    try:
        conn = engine.connect()
    except SQLAlchemyError as e:
        raise _cannot_open(engine, shown, e, _unreachable_advice(url)) from None
    with conn:
        try:
            if not create and RUNS.name not in inspect(conn).get_table_names():
                engine.dispose()
                raise AuditError(f"no store at {shown}: nothing has been audited with it yet; run `audit scan "
                                 "PATH` first, or give the store with --db")
            _create_missing_tables(conn)
        except SQLAlchemyError as e:
            raise _cannot_open(engine, shown, e, _unwritable_advice(url)) from None
    return engine


def _create_engine(url: URL, shown: str) -> Engine:
    try:
        engine = create_engine(url, json_serializer=_to_json, json_deserializer=codec.from_json)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_page_size)
        return engine
    except NoSuchModuleError:
        raise AuditError(f"cannot open {shown}: unknown database type '{url.drivername}'; "
                         "use e.g. sqlite:///path/to/audit.db or postgresql://user@host/dbname") from None
    except ImportError as e:
        driver = e.name or url.get_driver_name()
        package = DRIVER_PACKAGES.get(driver, driver)
        raise AuditError(f"cannot open {shown}: its database driver '{driver}' is not installed; "
                         f"pip install {package}") from None
    except (ArgumentError, TypeError, ValueError) as e:
        raise AuditError(f"cannot open {shown}: {_first_line(e)}") from None


SQLITE_PAGE_SIZE = 1024   # bytes: a payload larger than a page ends in a page of its own, on average half
                          # empty; at 1024, PolNeAR train's store is 14.9 MB against 15.8 at SQLite's 4096 (both
                          # after VACUUM), and reading every payload takes 14 ms against 8


def _sqlite_page_size(dbapi_connection: Any, _record: Any) -> None:
    """The page size of a new SQLite store, and of one that VACUUM (Store.compact) rewrites."""
    dbapi_connection.execute(f"PRAGMA page_size = {SQLITE_PAGE_SIZE}")


def _create_missing_tables(conn: Connection) -> None:
    """Create the tables not there yet, one process at a time, so that first runs started together do
    not race to create the same table: PostgreSQL waits on an advisory lock, SQLite on its write lock.
    Once the lock is held, create_all checks again and skips what the process before created."""
    present = set(inspect(conn).get_table_names())
    if {t.name for t in TABLES} <= present and not _legacy(present) and not any(_column_changes(conn)):
        return
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK_KEY)))
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    SQLModel.metadata.create_all(conn, tables=TABLES)
    _change_columns(conn)
    _move_legacy_runs(conn)
    conn.commit()


ADDED_COLUMNS = ((CACHE, "block"),)     # columns added to a table since it was first made (nullable)
DROPPED_COLUMNS = ((CLAIMS, "document_id"),)    # and dropped: the same for every claim of a block (1.5 MB
                                                # of PolNeAR train's 3 MB of claim rows)


def _column_changes(conn: Connection) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]]]:
    """(the ADDED_COLUMNS the store's tables do not have, the DROPPED_COLUMNS they have): a store made by an
    older audit."""
    inspector = inspect(conn)
    names = {t.name: {c["name"] for c in inspector.get_columns(t.name)}
             for t in {t for t, _ in ADDED_COLUMNS + DROPPED_COLUMNS}}
    return ([(into, name) for into, name in ADDED_COLUMNS if name not in names[into.name]],
            [(into, name) for into, name in DROPPED_COLUMNS if name in names[into.name]])


def _change_columns(conn: Connection) -> None:
    """Add the ADDED_COLUMNS the tables lack, with their indexes, and drop the DROPPED_COLUMNS they have.
    Called under the lock that creates the tables, in their transaction."""
    added, dropped = _column_changes(conn)
    for into, name in added:
        column = into.c[name]
        conn.exec_driver_sql(f"ALTER TABLE {into.name} ADD COLUMN {name} {column.type.compile(conn.dialect)}")
        for index in into.indexes:
            if [c.name for c in index.columns] == [name]:
                index.create(conn)
    for into, name in dropped:
        conn.exec_driver_sql(f"ALTER TABLE {into.name} DROP COLUMN {name}")   # names from DROPPED_COLUMNS only


LEGACY_TABLES = ("findings", "claims", "documents", "analysis_cache")   # a copy of the corpus per run


def _move_legacy_runs(conn: Connection) -> None:
    """Move the runs of a store written before blocks (each run held its own copy of every document and
    claim) into blocks, then drop the old tables; the old analysis cache is dropped, not moved. Runs already
    moved are left alone (an older audit may have written more runs since). Called under the lock that
    creates the new tables, in their transaction."""
    present = set(inspect(conn).get_table_names())
    if not _legacy(present):
        return
    documents = table("documents", column("run_id"), column("seq"), column("payload"))
    claims = table("claims", column("run_id"), column("seq"), column("payload"))
    moved = select(RUN_DOCUMENTS.c.run_id).where(RUN_DOCUMENTS.c.run_id == RUNS.c.id)
    for run_id in conn.scalars(select(RUNS.c.id).where(~exists(moved))).all():
        try:
            docs = [codec.load_document(_stored_json(p)) for p in conn.scalars(
                select(documents.c.payload).where(documents.c.run_id == run_id).order_by(documents.c.seq))]
            run_claims = [codec.load_claim(_stored_json(p)) for p in conn.scalars(
                select(claims.c.payload).where(claims.c.run_id == run_id).order_by(claims.c.seq))]
        except (KeyError, TypeError, ValueError) as exc:
            raise AuditError(f"cannot move stored run {run_id} to this version's store layout: its payload does "
                             f"not read ({type(exc).__name__}: {exc}); open the store with the audit version that "
                             "wrote it, or use a new store (--db)") from None
        _write_blocks(conn, run_id, docs, _blocks(docs, run_claims), lambda: None)
    for name in LEGACY_TABLES:
        if name in present:
            conn.exec_driver_sql(f"DROP TABLE {name}")   # names from LEGACY_TABLES only


def _legacy(tables: set[str]) -> bool:
    """Whether a store holds runs of the layout before blocks (created by an older audit, even after a move)."""
    return {"documents", "claims"} <= tables


def _stored_json(payload: Any) -> Any:
    """A JSON column's value as stored before blocks: text on SQLite, already parsed on PostgreSQL."""
    return codec.from_json(payload) if isinstance(payload, (str, bytes)) else payload


def _cannot_open(engine: Engine, shown: str, error: SQLAlchemyError, advice: str) -> AuditError:
    engine.dispose()
    return AuditError(f"cannot open {shown}: {_first_line(error)}; {advice}")


def _sqlite_file_advice(url: URL) -> str | None:
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return (f"check that the folder {Path(url.database).parent} exists and is writable "
                "and that the file, if any, is an SQLite database")
    return None


def _unreachable_advice(url: URL) -> str:
    return _sqlite_file_advice(url) or "check that the server is running and the URL is right"


def _unwritable_advice(url: URL) -> str:
    return _sqlite_file_advice(url) or "check that the database user may create tables in it"


def _save_advice(error: SQLAlchemyError) -> str:
    if isinstance(error, OperationalError):   # the connection, a lock, the disk: worth another try
        return "check that the database is reachable and writable, then run again"
    return "this is a bug in audit: please report it with the input that caused it"


def _first_line(error: Exception) -> str:
    """The driver's own message, without SQLAlchemy's statement dump and background link."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


# -- rows ----------------------------------------------------------------------------------------

def _delete_rows(conn: Connection, table, rows: list[dict[str, Any]], key: tuple[str, ...]) -> None:
    """Delete the stored rows with the `key` columns of `rows` (to replace them where the database has no
    ON CONFLICT)."""
    where = [table.c[column] == bindparam(f"_{column}") for column in key]
    conn.execute(delete(table).where(*where), [{f"_{c}": row[c] for c in key} for row in rows])


def _insert_batched(conn: Connection, into, rows: Iterable[dict[str, Any]], *, skip_existing: bool = False) -> None:
    """Insert in batches; with `skip_existing`, a row whose key another run stored meanwhile is skipped
    (ON CONFLICT DO NOTHING, where the database has it): concurrent runs may write the same block."""
    statement = insert(into)
    dialect = _dialect_insert(conn.dialect.name)
    if skip_existing and dialect is not None:
        statement = dialect(into).on_conflict_do_nothing()
    rows = iter(rows)
    while batch := list(islice(rows, BATCH_ROWS)):
        conn.execute(statement, batch)


def _to_json(value: Any) -> str:
    """Compact JSON that encodes as UTF-8 (codec.to_json: lone surrogates become \\u escapes). NUL is
    always escaped in JSON, so payloads keep the text exactly on every database."""
    return codec.to_json(value).decode()


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(text: str | None) -> str | None:
    """Text a column can hold: NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8) become U+FFFD.
    Only the query columns are cleaned; the JSON payloads keep the original text. Ingest is the
    better place to make text valid (issue 11); until it does, the store must not lose a run over it."""
    if text is None or (text.isascii() and "\x00" not in text):
        return text
    return _UNSTORABLE.sub("\ufffd", text)


@dataclass(frozen=True, slots=True)
class _Block:
    digest: str                            # sha256 of `data`
    data: bytes                            # the JSON; compressed only if the block is not stored yet
    claims: list[Claim]


def _json_digest(value: Any) -> tuple[str, bytes]:
    """(sha256 of the compact JSON of `value`, that JSON)."""
    data = codec.to_json(value)
    return hashlib.sha256(data).hexdigest(), data


def _cache_row(sha256: str, key: str, analysis: bytes, base: _Block | tuple[int, bytes] | None) -> dict[str, Any]:
    """The cache row of an `analysis_json`: what differs from the block `base` where it can be, pointing at
    it (a stored block's id and JSON, or a block being written, by its digest), else the whole analysis."""
    data, block = (base.data, base.digest) if isinstance(base, _Block) else (base[1], base[0]) if base else (b"", None)
    delta = codec.analysis_delta(analysis, data) if base else None
    if base is None or delta is None:
        return {"sha256": sha256, "analysis_key": key, "payload": zlib.compress(analysis, codec.COMPRESSION),
                "block": None}
    return {"sha256": sha256, "analysis_key": key, "payload": delta, "block": block}


def _read_analysis(pending: bytes | None, stored: tuple[bytes, bytes | None] | None,
                   text: str) -> tuple[Document, list[Claim]] | None:
    """A cached analysis of a document with this `text`: `pending` (its analysis_json, compressed), or a
    `stored` payload with the payload of the block it points at (None for a whole analysis); None if neither."""
    if pending is not None:
        return codec.unpack_analysis(pending, text)
    if stored is None:
        return None
    payload, base = stored
    return codec.unpack_analysis(payload, text) if base is None else codec.unpack_analysis_delta(payload, base, text)


def _unpack(payload: bytes) -> Any:
    return codec.from_json(zlib.decompress(payload))


def _blocks(documents: list[Document], claims: list[Claim]) -> list[_Block]:
    """One block per document, in document order, each with the document's claims in order."""
    by_document: dict[str, list[Claim]] = {d.id: [] for d in documents}
    if len(by_document) != len(documents):
        raise AuditError("cannot store a run whose documents share an id")
    for claim in claims:
        if claim.document not in by_document:
            raise AuditError(f"cannot store claim {claim.id}: its document {claim.document} is not in the run")
        by_document[claim.document].append(claim)
    blocks = []
    for doc in documents:
        mine = by_document[doc.id]
        blocks.append(_Block(*_json_digest({"document": doc, "claims": mine}), mine))
    return blocks


def _write_blocks(conn: Connection, run_id: str, documents: list[Document], blocks: list[_Block],
                 meanwhile: Callable[[], T]) -> tuple[dict[str, int], T]:
    """A run's document rows, and the blocks not stored yet with their claim and finding rows: the id of
    each block by digest, and what `meanwhile()` gives, called while the new blocks are compressed."""
    unique = sorted({b.digest: b for b in blocks}.values(), key=lambda b: b.digest)   # one lock order for all
    ids = _block_ids(conn, [b.digest for b in unique])
    new = [b for b in unique if b.digest not in ids]
    with _compressing([b.data for b in new], [codec.COMPRESSION] * len(new)) as payloads:
        done = meanwhile()
        _insert_batched(conn, BLOCKS, ({"digest": b.digest, "payload": payload} for b, payload in zip(new, payloads)),
                        skip_existing=True)
    ids.update(_block_ids(conn, [b.digest for b in new]))
    _insert_batched(conn, CLAIMS, _claim_rows(new, ids), skip_existing=True)
    _insert_batched(conn, FINDINGS, _finding_rows(new, ids), skip_existing=True)
    _insert_batched(conn, RUN_DOCUMENTS, _run_document_rows(run_id, documents, [ids[b.digest] for b in blocks]))
    return ids, done


COMPRESSING_THREADS = 4      # zlib lets go of the GIL while it compresses
MIN_THREADED = 16            # fewer blocks (a re-run with a few files changed) are compressed in this thread


@contextmanager
def _compressing(data: list[bytes], levels: list[int | None]) -> Iterator[Iterator[bytes]]:
    """Each of `data` zlib-compressed at its level (None: as it is), in order, compressed on threads from
    the start (so the caller works on meanwhile); the same bytes as compressing them one after the other."""
    threads = min(COMPRESSING_THREADS, os.cpu_count() or 1)
    if threads < 2 or sum(level is not None for level in levels) < MIN_THREADED:
        yield map(_compressed, data, levels)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(threads) as pool:
        yield pool.map(_compressed, data, levels)


def _compressed(data: bytes, level: int | None) -> bytes:
    return data if level is None else zlib.compress(data, level)


def _unused_blocks(conn: Connection, candidates: list[int]) -> list[int]:
    """Those of the candidate blocks that no run points at."""
    unused: list[int] = []
    for start in range(0, len(candidates), BATCH_ROWS):
        unused += conn.scalars(select(BLOCKS.c.id).where(
            BLOCKS.c.id.in_(candidates[start:start + BATCH_ROWS]),
            ~exists().where(RUN_DOCUMENTS.c.block == BLOCKS.c.id))).all()
    return unused


def _delete_unused_blocks(conn: Connection, candidates: list[int]) -> None:
    """Delete those of the candidate blocks that no run points at and no cached analysis is kept against,
    with their claim and finding rows."""
    for start in range(0, len(candidates), BATCH_ROWS):
        batch = candidates[start:start + BATCH_ROWS]
        unused = conn.scalars(select(BLOCKS.c.id).where(
            BLOCKS.c.id.in_(batch), ~exists().where(RUN_DOCUMENTS.c.block == BLOCKS.c.id),
            ~exists().where(CACHE.c.block == BLOCKS.c.id))).all()
        for rows, block in ((FINDINGS, FINDINGS.c.block), (CLAIMS, CLAIMS.c.block), (BLOCKS, BLOCKS.c.id)):
            conn.execute(delete(rows).where(block.in_(unused)))


def _rebase_cache(conn: Connection, leaving: list[int]) -> None:
    """Keep the cached analyses kept against one of the `leaving` blocks against a block of the same
    document that a run points at, or whole where there is none; one that does not read is deleted."""
    for start in range(0, len(leaving), BATCH_ROWS // 10):
        rows = conn.execute(select(CACHE.c.sha256, CACHE.c.analysis_key, CACHE.c.payload, BLOCKS.c.payload)
                            .join(BLOCKS, BLOCKS.c.id == CACHE.c.block)
                            .where(CACHE.c.block.in_(leaving[start:start + BATCH_ROWS // 10]))).all()
        for sha, key, payload, base in rows:
            analysis = codec.unpack_analysis_delta(payload, base, "")
            if analysis is None:
                conn.execute(delete(CACHE).where(CACHE.c.sha256 == sha, CACHE.c.analysis_key == key))
                continue
            kept = conn.execute(select(BLOCKS.c.id, BLOCKS.c.payload)
                                .join(RUN_DOCUMENTS, RUN_DOCUMENTS.c.block == BLOCKS.c.id)
                                .where(RUN_DOCUMENTS.c.sha256 == sha).order_by(BLOCKS.c.id.desc()).limit(1)).first()
            row = _cache_row(sha, key, codec.analysis_json(*analysis),
                             (kept.id, zlib.decompress(kept.payload)) if kept else None)
            conn.execute(CACHE.update().where(CACHE.c.sha256 == sha, CACHE.c.analysis_key == key)
                         .values(payload=row["payload"], block=row["block"]))


def _copy_blocks(conn: Connection, source: str, run_id: str) -> int:
    """Run `run_id`'s document rows: those of run `source`, pointing at the same blocks; how many (counted:
    psycopg gives no row count for INSERT ... SELECT, so every run taken whole wrote its blocks again)."""
    columns = [c for c in RUN_DOCUMENTS.c if c.name != "run_id"]
    rows = select(literal(run_id).label("run_id"), *columns).where(RUN_DOCUMENTS.c.run_id == source)
    conn.execute(insert(RUN_DOCUMENTS).from_select(["run_id", *(c.name for c in columns)], rows))
    return conn.scalar(select(func.count()).where(RUN_DOCUMENTS.c.run_id == run_id)) or 0


def _block_ids(conn: Connection, digests: list[str]) -> dict[str, int]:
    """Digest -> id of the blocks stored with these digests."""
    ids: dict[str, int] = {}
    for start in range(0, len(digests), BATCH_ROWS // 10):
        rows = conn.execute(select(BLOCKS.c.digest, BLOCKS.c.id).where(
            BLOCKS.c.digest.in_(digests[start:start + BATCH_ROWS // 10])))
        ids.update((digest, block) for digest, block in rows)
    return ids


def _run_row(result: AuditResult, content_key: str | None, baselined: int | None,
             input_key: str | None = None, counts: dict | None = None) -> dict[str, Any]:
    details = {
        "rules": result.rules,
        "skipped": result.skipped,
        "by_document": result.by_document,
        "by_outlet": result.by_outlet,
        "previous_run": result.previous_run,
        "context_run": result.context_run,
        "joined": result.joined,
        "folder": result.folder,
        "changes": result.changes,
        "removed_claims": result.removed_claims,
        "notices": result.notices,
        "learned_furniture": result.learned_furniture,
        "timelines": result.timelines,
    }
    claims = result.claims
    counts = counts or {"claims": len(claims), "findings": sum(not f.suppressed for c in claims for f in c.findings),
                        "mean_score": sum(c.score for c in claims) / len(claims) if claims else None}
    summary = {
        "documents": len(result.documents),
        "claims": counts["claims"],
        "findings": counts["findings"],
        "skipped": len(result.skipped),
        "mean_score": counts["mean_score"],
        "content_key": content_key,
        "input_key": input_key,
        "baselined": baselined,
    }
    return {**codec.dump(result.run), "summary": summary, "details": details}


def _run_dict(row) -> dict[str, Any]:
    return {"id": row.id, "started": row.started, "tool_version": row.tool_version,
            "rules_hash": row.rules_hash, "inputs": row.inputs, "reused": row.reused}


def _run_info(row) -> RunInfo:
    return codec.load_run(_run_dict(row))


def _run_document_rows(run_id: str, documents: list[Document], blocks: list[int]) -> Iterator[dict[str, Any]]:
    for seq, (doc, block) in enumerate(zip(documents, blocks)):
        yield {"run_id": run_id, "seq": seq, "id": _storable(doc.id), "path": _storable(doc.path),
               "sha256": doc.sha256, "outlet": _storable(doc.outlet), "published": _storable(doc.published),
               "title": _storable(doc.title), "block": block}


def _claim_rows(blocks: list[_Block], ids: dict[str, int]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        for seq, claim in enumerate(block.claims):
            yield {"block": ids[block.digest], "seq": seq, "id": claim.id, "line": claim.line, "score": claim.score,
                   "status": claim.corroboration.status,
                   "attribution": claim.attribution.kind}


def _finding_rows(blocks: list[_Block], ids: dict[str, int]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        for claim_seq, claim in enumerate(block.claims):
            for seq, f in enumerate(claim.findings):
                yield {"block": ids[block.digest], "claim_seq": claim_seq, "seq": seq, "claim_id": claim.id,
                       "rule": f.rule, "signal": f.signal, "severity": f.severity, "weight": f.weight,
                       "start": f.evidence.start, "end": f.evidence.end, "evidence": _storable(f.evidence.text),
                       "suppressed": f.suppressed}


def _match_prefix(conn: Connection, column, prefix: str, scope, *, what: str, where: str, hint: str = "") -> str:
    """The one value of `column` (within `scope`) equal to `prefix` or, failing that, starting with it."""
    if not prefix:
        raise AuditError(f"give a {what} id")
    if conn.scalar(select(column).where(scope, column == prefix)) is not None:
        return prefix
    # In binary order every value with the prefix sorts right after the prefix itself.
    following = conn.scalars(select(column).where(scope, column >= prefix).order_by(column).limit(6)).all()
    matches = [v for v in following if v.startswith(prefix)]
    if not matches:
        raise AuditError(f"no {what} id starts with '{prefix}' in {where}{hint}")
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
        raise AuditError(f"{what} id prefix '{prefix}' is ambiguous in {where} ({shown}); give more characters")
    return matches[0]
