"""Audit history in a SQL database (SQLite by default): runs, documents, claims, findings, analysis cache.

Claims and documents are stored whole as JSON payloads (see audit.codec); the other columns are
copies for querying. Writes use SQLAlchemy Core executemany, and everything one run writes lands in
one transaction. SQLite keeps its default rollback journal: WAL measured slower for one large
transaction and leaves a WAL file as big as the run. Several processes may open and write one store
at once, on SQLite and PostgreSQL. Importing this module loads sqlmodel (~0.9 s): import it only where
the store is used.
"""
from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import (
    JSON, Index, Text, and_, bindparam, create_engine, delete, func, insert, inspect, or_, select, true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlmodel import Field, SQLModel

from audit import codec
from audit.errors import AuditError
from audit.models import AuditResult, Claim, Document, RunInfo

DEFAULT_URL = "sqlite:///.audit/audit.db"
BATCH_ROWS = 5000
DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}
DRIVER_PACKAGES = {"psycopg": '"provenance-audit[postgres]"', "psycopg2": "psycopg2-binary", "MySQLdb": "mysqlclient"}
SCHEMA_LOCK_KEY = int.from_bytes(b"audit-db", "big")   # PostgreSQL advisory lock held while creating tables
PRUNE_LOCK_KEY = SCHEMA_LOCK_KEY + 1                    # and while pruning


@dataclass(frozen=True, slots=True)
class Pruned:
    """What `Store.prune` deleted and kept."""
    runs: int
    kept: int
    cached: int


class RunRow(SQLModel, table=True):
    __tablename__ = "runs"
    seq: int | None = Field(default=None, primary_key=True)   # save order, breaks ties in `started`
    id: str = Field(unique=True)
    started: str = Field(index=True)
    tool_version: str
    rules_hash: str
    inputs: list = Field(sa_type=JSON)
    reused: int
    summary: dict = Field(sa_type=JSON)    # counts and mean score, for listings
    details: dict = Field(sa_type=JSON)    # the rest of the AuditResult: rules, skipped, mixes, changes


class DocumentRow(SQLModel, table=True):
    __tablename__ = "documents"
    run_id: str = Field(primary_key=True)
    id: str = Field(primary_key=True)
    seq: int                               # position in AuditResult.documents
    path: str
    sha256: str = Field(index=True)
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    payload: dict = Field(sa_type=JSON)    # the whole Document, text included


class ClaimRow(SQLModel, table=True):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_run_id_id", "run_id", "id", unique=True),)
    run_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)     # position in AuditResult.claims
    id: str = Field(index=True)
    document_id: str
    line: int
    score: float
    status: str
    attribution: str
    text: str
    payload: dict = Field(sa_type=JSON)    # the whole Claim


class FindingRow(SQLModel, table=True):
    __tablename__ = "findings"
    run_id: str = Field(primary_key=True)
    claim_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)     # position in Claim.findings
    rule: str = Field(index=True)
    signal: str
    severity: str
    weight: float
    start: int
    end: int
    evidence: str
    suppressed: bool


class AnalysisCacheRow(SQLModel, table=True):
    __tablename__ = "analysis_cache"
    sha256: str = Field(primary_key=True)
    analysis_key: str = Field(primary_key=True)
    payload: str = Field(sa_type=Text)     # JSON {"document": ..., "claims": [...]} before corroboration


TABLES = RUNS, DOCUMENTS, CLAIMS, FINDINGS, CACHE = tuple(
    SQLModel.metadata.tables[row.__tablename__] for row in (RunRow, DocumentRow, ClaimRow, FindingRow, AnalysisCacheRow)
)


class Store:
    """The audit database. Open it, read or save runs, close it (or use it as a context manager)."""

    def __init__(self, url: str | None = None):
        if url is None:
            try:
                Path(".audit").mkdir(exist_ok=True)
            except OSError as e:
                raise AuditError(f"cannot create .audit/ for {DEFAULT_URL}: {e.strerror}; "
                                 "run from a writable folder or give a database URL") from None
            url = DEFAULT_URL
        parsed = _parse_url(url)
        self.url = parsed.render_as_string(hide_password=True)
        self._engine = _open_engine(_with_default_driver(parsed), self.url)
        self._pending_cache: dict[tuple[str, str], str] = {}   # compact JSON text

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    # -- analysis cache -------------------------------------------------------------------------

    def cached_analysis(self, sha256: str, analysis_key: str) -> tuple[Document, list[Claim]] | None:
        """Fresh copies of the document and claims cached for this content and analysis, or None."""
        payload = self._pending_cache.get((sha256, analysis_key))
        if payload is None:
            with self._engine.connect() as conn:
                payload = conn.scalar(select(CACHE.c.payload).where(
                    CACHE.c.sha256 == sha256, CACHE.c.analysis_key == analysis_key))
        if payload is None:
            return None
        with _gc_paused():
            analysis = codec.from_json(payload)
            return codec.load_document(analysis["document"]), [codec.load_claim(c) for c in analysis["claims"]]

    def cache_analysis(self, doc: Document, claims: list[Claim], analysis_key: str) -> None:
        """Snapshot a document's analysis now; it is written by the next save_run, in its transaction."""
        with _gc_paused():
            self._pending_cache[(doc.sha256, analysis_key)] = _to_json({"document": doc, "claims": claims})

    # -- writing --------------------------------------------------------------------------------

    def save_run(self, result: AuditResult) -> None:
        """Write the run, its documents, claims and findings and the pending cache entries, all or nothing."""
        try:
            with _gc_paused(), self._engine.begin() as conn:
                conn.execute(insert(RUNS), [_run_row(result)])
                _insert_batched(conn, DOCUMENTS, _document_rows(result))
                _insert_batched(conn, CLAIMS, _claim_rows(result))
                _insert_batched(conn, FINDINGS, _finding_rows(result))
                self._write_pending_cache(conn)
        except SQLAlchemyError as e:
            raise AuditError(f"could not save run {result.run.id} to {self.url}, nothing was saved: "
                             f"{_first_line(e)}; {_save_advice(e)}") from None
        self._pending_cache.clear()

    def _write_pending_cache(self, conn: Connection) -> None:
        """Insert or replace the pending entries, in key order: concurrent runs caching the same documents
        then wait for each other instead of failing on the primary key or deadlocking."""
        if not self._pending_cache:
            return
        rows = [{"sha256": sha, "analysis_key": key, "payload": payload}
                for (sha, key), payload in sorted(self._pending_cache.items())]
        statement = _CACHE_UPSERTS.get(conn.dialect.name)
        if statement is None:   # a database without ON CONFLICT: replace by deleting first
            stale = delete(CACHE).where(CACHE.c.sha256 == bindparam("sha"), CACHE.c.analysis_key == bindparam("key"))
            conn.execute(stale, [{"sha": row["sha256"], "key": row["analysis_key"]} for row in rows])
            statement = insert(CACHE)
        for start in range(0, len(rows), BATCH_ROWS):
            conn.execute(statement, rows[start:start + BATCH_ROWS])

    # -- pruning --------------------------------------------------------------------------------

    def prune(self, keep: int | None, build: str) -> Pruned:
        """Delete all but the `keep` newest runs (None keeps every run), then every cached analysis this
        `build` (pipeline.build_id) cannot reuse for a kept run: its document is in no kept run, or another
        build or other rules made it. One transaction; concurrent prunes wait for each other."""
        try:
            with self._engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(select(func.pg_advisory_xact_lock(PRUNE_LOCK_KEY)))
                ids = conn.scalars(select(RUNS.c.id).order_by(*_NEWEST_FIRST)).all()
                old = ids[keep:] if keep is not None else []
                for start in range(0, len(old), BATCH_ROWS):
                    batch = old[start:start + BATCH_ROWS]
                    for table in (FINDINGS, CLAIMS, DOCUMENTS):
                        conn.execute(delete(table).where(table.c.run_id.in_(batch)))
                    conn.execute(delete(RUNS).where(RUNS.c.id.in_(batch)))
                stale = self._stale_cache(conn, build)
                if stale:
                    conn.execute(delete(CACHE).where(CACHE.c.sha256 == bindparam("sha"),
                                                     CACHE.c.analysis_key == bindparam("key")), stale)
        except SQLAlchemyError as e:
            raise AuditError(f"could not prune {self.url}, nothing was deleted: {_first_line(e)}; "
                             f"{_save_advice(e)}") from None
        return Pruned(runs=len(old), kept=len(ids) - len(old), cached=len(stale))

    @staticmethod
    def _stale_cache(conn: Connection, build: str) -> list[dict[str, str]]:
        """The cache keys `build` cannot reuse for a stored run. A key is `build:rules_hash`, with `:cut`
        after it when learned furniture was cut from the document."""
        analyses = {f"{build}:{rules_hash}" for rules_hash in conn.scalars(select(RUNS.c.rules_hash).distinct())}
        documents = set(conn.scalars(select(DOCUMENTS.c.sha256).distinct()))
        return [{"sha": sha, "key": key} for sha, key in conn.execute(select(CACHE.c.sha256, CACHE.c.analysis_key))
                if sha not in documents or ":".join(key.split(":")[:2]) not in analyses]

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

    def load_run(self, run_id: str | None = None) -> AuditResult:
        """A stored run (the latest if None; a unique id prefix works) with its documents and claims."""
        with _gc_paused(), self._engine.connect() as conn:
            row = conn.execute(select(RUNS).where(RUNS.c.id == self._resolve_run(conn, run_id))).one()
            result = codec.load_result({**row.details, "run": _run_dict(row), "documents": [], "claims": []})
            result.documents = [codec.load_document(p) for p in conn.scalars(
                select(DOCUMENTS.c.payload).where(DOCUMENTS.c.run_id == row.id).order_by(DOCUMENTS.c.seq))]
            result.claims = [codec.load_claim(p) for p in conn.scalars(
                select(CLAIMS.c.payload).where(CLAIMS.c.run_id == row.id).order_by(CLAIMS.c.seq))]
        return result

    def find_claim(self, claim_id_or_prefix: str, run_id: str | None = None) -> tuple[Claim, Document]:
        """A claim and its document, by id or unique id prefix, in a run (the latest if None)."""
        with self._engine.connect() as conn:
            run_id = self._resolve_run(conn, run_id)
            claim_id = _match_prefix(conn, CLAIMS.c.id, claim_id_or_prefix, CLAIMS.c.run_id == run_id,
                                     what="claim", where=f"run {run_id}")
            claim = codec.load_claim(conn.execute(select(CLAIMS.c.payload).where(
                CLAIMS.c.run_id == run_id, CLAIMS.c.id == claim_id)).scalar_one())
            doc = codec.load_document(conn.execute(select(DOCUMENTS.c.payload).where(
                DOCUMENTS.c.run_id == run_id, DOCUMENTS.c.id == _storable(claim.document))).scalar_one())
        return claim, doc

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


def _cache_upsert(insert_for_dialect):
    """INSERT ... ON CONFLICT (sha256, analysis_key) DO UPDATE, for the databases that have it."""
    statement = insert_for_dialect(CACHE)
    return statement.on_conflict_do_update(index_elements=[CACHE.c.sha256, CACHE.c.analysis_key],
                                           set_={"payload": statement.excluded.payload})


_CACHE_UPSERTS = {"postgresql": _cache_upsert(postgresql.insert), "sqlite": _cache_upsert(sqlite.insert)}


# -- opening -------------------------------------------------------------------------------------

def _parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError):
        raise AuditError(f"'{_mask_password(url)}' is not a database URL; "
                         "use e.g. sqlite:///path/to/audit.db or postgresql://user@host/dbname") from None


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


def _open_engine(url: URL, shown: str) -> Engine:
    """An engine with the schema created; any failure becomes a one-line AuditError naming the URL."""
    engine = _create_engine(url, shown)
    try:
        conn = engine.connect()
    except SQLAlchemyError as e:
        raise _cannot_open(engine, shown, e, _unreachable_advice(url)) from None
    with conn:
        try:
            _create_missing_tables(conn)
        except SQLAlchemyError as e:
            raise _cannot_open(engine, shown, e, _unwritable_advice(url)) from None
    return engine


def _create_engine(url: URL, shown: str) -> Engine:
    try:
        return create_engine(url, json_serializer=_to_json, json_deserializer=codec.from_json)
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


def _create_missing_tables(conn: Connection) -> None:
    """Create the tables not there yet, one process at a time, so that first runs started together do
    not race to create the same table: PostgreSQL waits on an advisory lock, SQLite on its write lock.
    Once the lock is held, create_all checks again and skips what the process before created."""
    if {t.name for t in TABLES} <= set(inspect(conn).get_table_names()):
        return
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK_KEY)))
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    SQLModel.metadata.create_all(conn, tables=TABLES)
    conn.commit()


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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building or serialising a million small objects
    otherwise triggers repeated full collections that triple the time taken."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- rows ----------------------------------------------------------------------------------------

def _insert_batched(conn: Connection, table, rows: Iterable[dict[str, Any]]) -> None:
    rows = iter(rows)
    while batch := list(islice(rows, BATCH_ROWS)):
        conn.execute(insert(table), batch)


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


def _run_row(result: AuditResult) -> dict[str, Any]:
    details = {
        "rules": result.rules,
        "skipped": result.skipped,
        "by_document": result.by_document,
        "by_outlet": result.by_outlet,
        "previous_run": result.previous_run,
        "changes": result.changes,
    }
    claims = result.claims
    summary = {
        "documents": len(result.documents),
        "claims": len(claims),
        "findings": sum(not f.suppressed for c in claims for f in c.findings),
        "skipped": len(result.skipped),
        "mean_score": sum(c.score for c in claims) / len(claims) if claims else None,
    }
    return {**codec.dump(result.run), "summary": summary, "details": details}


def _run_dict(row) -> dict[str, Any]:
    return {"id": row.id, "started": row.started, "tool_version": row.tool_version,
            "rules_hash": row.rules_hash, "inputs": row.inputs, "reused": row.reused}


def _run_info(row) -> RunInfo:
    return codec.load_run(_run_dict(row))


def _document_rows(result: AuditResult) -> Iterator[dict[str, Any]]:
    run_id = result.run.id
    for seq, doc in enumerate(result.documents):
        yield {"run_id": run_id, "id": _storable(doc.id), "seq": seq, "path": _storable(doc.path),
               "sha256": doc.sha256, "outlet": _storable(doc.outlet), "published": _storable(doc.published),
               "title": _storable(doc.title), "payload": doc}


def _claim_rows(result: AuditResult) -> Iterator[dict[str, Any]]:
    run_id = result.run.id
    for seq, claim in enumerate(result.claims):
        yield {"run_id": run_id, "seq": seq, "id": claim.id, "document_id": _storable(claim.document),
               "line": claim.line, "score": claim.score, "status": claim.corroboration.status,
               "attribution": claim.attribution.kind, "text": _storable(claim.text), "payload": claim}


def _finding_rows(result: AuditResult) -> Iterator[dict[str, Any]]:
    run_id = result.run.id
    for claim in result.claims:
        for seq, f in enumerate(claim.findings):
            yield {"run_id": run_id, "claim_id": claim.id, "seq": seq, "rule": f.rule, "signal": f.signal,
                   "severity": f.severity, "weight": f.weight, "start": f.evidence.start, "end": f.evidence.end,
                   "evidence": _storable(f.evidence.text), "suppressed": f.suppressed}


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
