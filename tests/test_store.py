"""audit.store: save and load runs, analysis cache, claim lookup, bad URLs, all-or-nothing saves."""
from __future__ import annotations

import sqlite3
import sys
import time
import uuid
import zlib
from dataclasses import replace

import pytest
from conftest import fresh_postgres_schema, postgres_admin, postgres_unavailable
from sqlalchemy import select
from sqlalchemy.engine import make_url

from audit import store as store_module
from audit.errors import AuditError
from audit.models import (
    Anonymity, Attribution, AuditResult, Claim, Corroboration, Document, Finding, LedgerItem, Link, MetaValue,
    Quantity, RuleInfo, RunInfo, Skipped, SourcingMix, Span,
)
from audit.store import Store

TEXT = ("Officials said 12 people were killed.\n"
        "A senior source, who spoke on condition of anonymity, said talks stalled.\n")


def make_document(doc_id: str = "doc1", sha256: str = "a" * 64) -> Document:
    return Document(
        id=doc_id, path=f"news/{doc_id}.txt", sha256=sha256, text=TEXT,
        meta={"outlet": MetaValue("Reuters", "front_matter"), "published": MetaValue("2024-01-02", "sidecar"),
              "title": MetaValue(None, "inferred:first_line")},
        regions=[(0, len(TEXT))], headline=Span(0, 10, "Officials "), line_starts=[0, 38], line_numbers=[1, 2],
        words=18, readability=61.5,
    )


def make_claim(claim_id: str, doc_id: str = "doc1", index: int = 0) -> Claim:
    return Claim(
        id=claim_id, document=doc_id, text="A senior source said talks stalled.", start=38, end=110, line=2, col=1,
        paragraph=1, index=index,
        quantities=[Quantity("12 people", 15, 24, 12.0, 12.0, unit="people", role="killed")],
        attribution=Attribution(
            kind="anonymous", source="a senior source", source_span=Span(38, 53, "A senior source"), cue="said",
            anonymity=Anonymity("a senior source", reason_given=True, reason=Span(55, 90, "who spoke on condition")),
        ),
        findings=[
            Finding("anon.no_role", "anonymous", "warning", 8.0, "no role given", Span(38, 53, "A senior source")),
            Finding("hedge", "hedged", "info", 1.0, "hedged", Span(60, 65, "said "), suppressed=True),
        ],
        score=92.0, ledger=[LedgerItem("anon.no_role", 8.0, 8.0)],
        corroboration=Corroboration("echo", 1, "Reuters", links=[Link("x", "echoes", "same wording", 0.93)]),
    )


def make_result(run_id: str = "run-1", started: str = "2024-05-01T10:00:00Z",
                claim_ids: tuple[str, ...] = ("c1abc", "c1abd", "c2xyz")) -> AuditResult:
    return AuditResult(
        run=RunInfo(run_id, started, "0.1.0", "rules-hash", inputs=[{"path": "news/doc1.txt", "sha256": "a" * 64}]),
        documents=[make_document()],
        claims=[make_claim(cid, index=i) for i, cid in enumerate(claim_ids)],
        rules=[RuleInfo("anon.no_role", "anonymous", "warning", 8.0, "m", "r", "AP", "rules/anon.yaml", 3)],
        skipped=[Skipped("bad.bin", None, "not text")],
        by_document=[SourcingMix("doc1", documents=1, claims=3, anonymous=3, findings={"anonymous": 3})],
        previous_run="run-0", changes={"new": ["c2xyz"]},
    )


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


def cached(store: Store, doc: Document, key: str):
    """The store's cached analysis of one document, or None."""
    return store.cached_analyses([(doc, key)])[0]


def count_rows(store: Store, table: str) -> int:
    from sqlalchemy import text

    with store._engine.connect() as conn:
        return conn.scalar(text(f"SELECT count(*) FROM {table}"))


def test_saved_run_loads_back_equal(store):
    result = make_result()
    store.save_run(result)
    assert store.load_run("run-1") == result
    assert store.load_run() == result
    assert count_rows(store, "block_findings") == 6


def test_runs_newest_first_and_previous_run(store):
    store.save_run(make_result("run-a", "2024-05-01T10:00:00Z"))
    store.save_run(make_result("run-c", "2024-05-03T10:00:00Z"))
    store.save_run(make_result("run-b", "2024-05-03T10:00:00Z"))   # same start: saved later counts as newer
    assert [r.id for r in store.runs()] == ["run-b", "run-c", "run-a"]
    assert store.load_run().run.id == "run-b"
    assert store.previous_run("run-b").id == "run-c"
    assert store.previous_run("run-c").id == "run-a"
    assert store.previous_run("run-a") is None
    assert store.previous_run("not-saved-yet").id == "run-b"


def test_load_run_errors(store):
    with pytest.raises(AuditError, match="no audit runs stored"):
        store.load_run()
    store.save_run(make_result())
    with pytest.raises(AuditError, match="`audit runs`"):
        store.load_run("nope")
    assert store.load_run("run-").run.id == "run-1"   # unique prefix


def test_duplicate_run_id_is_an_error_and_changes_nothing(store):
    store.save_run(make_result())
    with pytest.raises(AuditError, match="nothing was saved"):
        store.save_run(make_result())
    assert count_rows(store, "block_claims") == 3 and count_rows(store, "run_documents") == 1


def test_database_error_mid_save_rolls_back(store, monkeypatch):
    finding_rows = store_module._finding_rows

    def finding_rows_without_rule(blocks, ids):
        for row in finding_rows(blocks, ids):
            yield {**row, "rule": None}

    monkeypatch.setattr(store_module, "_finding_rows", finding_rows_without_rule)
    not_null = 'NOT NULL constraint failed: block_findings.rule|null value in column "rule"'
    with pytest.raises(AuditError, match=f"nothing was saved: ({not_null}).*; this is a bug in audit: please report"):
        store.save_run(make_result())                       # fails after the run, block and claim rows
    assert store.runs() == [] and count_rows(store, "blocks") == count_rows(store, "block_claims") == 0


def test_a_locked_database_says_to_run_again(tmp_path):
    path = tmp_path / "audit.db"
    with Store(f"sqlite:///{path}?timeout=0") as store, sqlite3.connect(path, isolation_level=None) as other:
        other.execute("BEGIN EXCLUSIVE")                    # another process in the middle of its save
        with pytest.raises(AuditError) as caught:
            store.save_run(make_result())
        other.execute("ROLLBACK")
    assert str(caught.value).endswith("nothing was saved: database is locked; "
                                      "check that the database is reachable and writable, then run again")


def test_analysis_cache_hit_and_miss(store):
    doc, claims = make_document(sha256="f" * 64), [make_claim("c1")]
    store.cache_analysis(doc, claims, "key-1")
    claims[0].score = 0.0                                   # later stages mutate claims: the cache keeps the snapshot
    cached_doc, cached_claims = cached(store, doc, "key-1")   # pending, before save_run
    assert cached_doc == doc and cached_claims == [make_claim("c1")]
    store.save_run(make_result())
    assert cached(store, doc, "key-1") == (doc, [make_claim("c1")])
    assert cached(store, doc, "key-2") is None
    assert cached(store, make_document(sha256="e" * 64), "key-1") is None
    store.cache_analysis(doc, [], "key-1")                  # re-caching replaces
    store.save_run(make_result("run-2"))
    assert cached(store, doc, "key-1") == (doc, [])


def analysis_of(result: AuditResult) -> list[Claim]:
    """The result's claims as an analysis leaves them: not corroborated yet, without the corpus-scope
    finding and the score."""
    claims = [make_claim(c.id, index=i) for i, c in enumerate(result.claims)]
    for claim in claims:
        claim.corroboration, claim.score, claim.ledger = Corroboration(), 100.0, []
        claim.findings = claim.findings[:1]
    return claims


def cache_row(store: Store, sha256: str):
    with store._engine.connect() as conn:
        return conn.execute(select(store_module.CACHE.c.payload, store_module.CACHE.c.block)
                            .where(store_module.CACHE.c.sha256 == sha256)).one()


def test_an_analysis_is_stored_as_what_differs_from_its_documents_block(store):
    """The block of the document the run saves holds the analysis but for what corroboration, corpus rules,
    review and scores changed: the cache keeps only that, points at the block, and reads back equal."""
    result = make_result()
    doc, analysed = result.documents[0], analysis_of(result)
    store.cache_analysis(doc, analysed, "key-1")
    store.save_run(result)
    payload, block = cache_row(store, doc.sha256)
    whole = store_module.codec.pack_analysis(doc, analysed)
    assert block is not None and len(payload) < len(whole) / 2
    assert cached(store, doc, "key-1") == (doc, analysis_of(result))


def test_an_analysis_with_no_block_to_differ_from_is_stored_whole(store):
    doc = make_document(sha256="f" * 64)                    # not in the run saved
    store.cache_analysis(doc, [make_claim("c1")], "key-1")
    store.save_run(make_result())
    payload, block = cache_row(store, doc.sha256)
    assert block is None and store_module.codec.unpack_analysis(payload, doc.text) == (doc, [make_claim("c1")])


def test_pruning_the_block_an_analysis_differs_from_keeps_it_against_a_kept_block(store):
    """The run whose block a cached analysis is stored against is pruned, and a later run holds the document
    with other claims (its corroboration changed): the analysis is kept against that run's block."""
    first = make_result()
    doc = first.documents[0]
    store.cache_analysis(doc, analysis_of(first), "build:rules-hash")
    store.save_run(first)
    later = make_result("run-2", "2024-05-02T10:00:00Z")
    later.claims[0].corroboration = Corroboration("corroborated", 2, "AP")
    store.save_run(later)
    assert count_rows(store, "blocks") == 2
    assert store.prune(1, "build").runs == 1
    assert count_rows(store, "blocks") == 1 and count_rows(store, "block_claims") == 3
    _, block = cache_row(store, doc.sha256)
    with store._engine.connect() as conn:
        assert block == conn.scalar(select(store_module.RUN_DOCUMENTS.c.block))
    assert cached(store, doc, "build:rules-hash") == (doc, analysis_of(first))
    assert store.prune(0, "build").runs == 1                # no run left: the analysis goes with its document
    assert count_rows(store, "blocks") == count_rows(store, "analyses") == 0


def test_an_analysis_that_would_not_come_back_from_its_block_is_stored_whole(store):
    """A block with a lone surrogate is JSON with \\u escapes, which the dataclasses' decoder refuses: the
    analysis cannot be read back from it, so it is kept whole."""
    result = make_result(claim_ids=("c1",))
    result.claims[0].text = "A lone \udc80 surrogate said."
    doc, analysed = result.documents[0], analysis_of(result)
    analysed[0].text = result.claims[0].text
    store.cache_analysis(doc, analysed, "key-1")
    store.save_run(result)
    assert cache_row(store, doc.sha256).block is None
    assert cached(store, doc, "key-1") == (doc, analysed)


def test_an_analysis_whose_block_is_gone_is_a_miss(store):
    result = make_result()
    doc = result.documents[0]
    store.cache_analysis(doc, analysis_of(result), "key-1")
    store.save_run(result)
    with store._engine.begin() as conn:
        conn.execute(store_module.BLOCKS.update().values(payload=b"not zlib"))
    assert cached(store, doc, "key-1") is None


def test_a_store_of_the_layout_before_gets_its_columns_changed_and_keeps_its_runs_and_analyses(store_url):
    """A store made before analyses were stored against blocks and claim rows left out their document's id
    (as the code before wrote it: analyses without `block`, block_claims with `document_id` NOT NULL):
    opening it adds the one with its index and drops the other; its runs and whole analyses still read, and
    new runs save."""
    from sqlalchemy import inspect

    doc, claims = make_document(sha256="c" * 64), [make_claim("c1")]
    with Store(store_url) as store:
        store.save_run(make_result())
        with store._engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_analyses_block")
            conn.exec_driver_sql("ALTER TABLE analyses DROP COLUMN block")
            conn.exec_driver_sql("ALTER TABLE block_claims ADD COLUMN document_id VARCHAR NOT NULL DEFAULT 'doc1'")
            conn.execute(store_module.CACHE.insert(), [{"sha256": doc.sha256, "analysis_key": "key-1",
                                                        "payload": store_module.codec.pack_analysis(doc, claims)}])
    with Store(store_url) as store:
        with store._engine.connect() as conn:
            inspector = inspect(conn)
            assert "block" in {c["name"] for c in inspector.get_columns("analyses")}
            assert "ix_analyses_block" in {i["name"] for i in inspector.get_indexes("analyses")}
            assert "document_id" not in {c["name"] for c in inspector.get_columns("block_claims")}
        assert store.load_run() == make_result() and store.find_claim("c2xyz")[1] == make_document()
        assert cached(store, doc, "key-1") == (doc, claims)
        result = make_result("run-2", "2024-05-02T10:00:00Z")
        result.claims[0].score = 50.0
        store.cache_analysis(result.documents[0], analysis_of(result), "key-1")
        store.save_run(result)
        assert cache_row(store, result.documents[0].sha256).block is not None and store.load_run() == result
    with Store(store_url) as store, store._engine.connect() as conn:   # opened again: nothing left to change
        assert store_module._column_changes(conn) == ([], [])


@pytest.mark.parametrize("upserts", [True, False])
def test_cached_analyses_and_features_are_replaced_without_on_conflict_too(store, monkeypatch, upserts):
    """On a database with no ON CONFLICT the pending cache and features rows replace stored ones by deleting
    them first: caching again under the same key replaces, and no save fails on a primary key."""
    if not upserts:
        monkeypatch.setattr(store_module, "_dialect_insert", lambda dialect: None)
    doc = make_document(sha256="d" * 64)
    store.cache_analysis(doc, [make_claim("c1")], "key-1")
    store.cache_features("digest-1", doc.sha256, "key-1", b"first")
    store.save_run(make_result())
    store.cache_analysis(doc, [], "key-1")
    store.cache_features("digest-1", doc.sha256, "key-1", b"second")
    store.save_run(make_result("run-2"))
    assert cached(store, doc, "key-1") == (doc, [])
    expected = b"first" if upserts else b"second"       # ON CONFLICT DO NOTHING keeps the stored record (the same)
    assert store.cached_features("key-1", ["digest-1"]) == {"digest-1": expected}
    assert count_rows(store, "features") == 1


def test_find_claim_by_id_and_prefix(store):
    store.save_run(make_result("run-1", claim_ids=("c1abc", "c1abd", "c2xyz")))
    store.save_run(make_result("run-2", "2024-06-01T00:00:00Z", claim_ids=("c1abc", "c9")))
    claim, doc = store.find_claim("c2", run_id="run-1")
    assert claim.id == "c2xyz" and doc == make_document()
    assert store.find_claim("c1abc")[0].id == "c1abc"      # exact id, latest run
    assert store.find_claim("c1")[0].id == "c1abc"          # unique in the latest run
    with pytest.raises(AuditError, match="ambiguous.*c1abc, c1abd"):
        store.find_claim("c1ab", run_id="run-1")
    with pytest.raises(AuditError, match="no claim id starts with 'c2'"):
        store.find_claim("c2")


def test_text_a_column_cannot_hold_keeps_the_run_and_loads_back_exactly(store):
    """NUL (PostgreSQL text refuses it) and lone surrogates (not UTF-8) in article text, title and ids."""
    result = make_result(claim_ids=("c1",))
    doc, claim = result.documents[0], result.claims[0]
    doc.id = claim.document = "doc\x00\ud800"
    doc.text = TEXT + "\x00 a NUL byte and a lone \udc80 surrogate"
    doc.meta["title"] = MetaValue("Title\x00", "front_matter")
    claim.text = "A source\x00 said \ud83d."
    claim.findings[0].evidence = Span(38, 53, "A source\x00")
    store.save_run(result)
    assert store.load_run() == result
    assert store.find_claim("c1") == (claim, doc)
    with store._engine.connect() as conn:
        assert conn.scalar(select(store_module.RUN_DOCUMENTS.c.id)) == "doc\ufffd\ufffd"
        assert conn.scalar(select(store_module.FINDINGS.c.evidence)) == "A source\ufffd"


def test_a_sqlite_store_gets_its_folder_and_reading_commands_create_none(capsys, tmp_path, monkeypatch):
    from conftest import run_cli

    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "show", "abc")
    assert code == 2 and "no store at .audit/audit.db" in err
    for command, said in (("runs", "no runs yet"), ("gc", "nothing to prune")):
        code, out, err = run_cli(capsys, command)
        assert code == 0 and said in out, err
    assert not (tmp_path / ".audit").exists()
    with Store(f"sqlite:///{tmp_path / 'new' / 'deep' / 'a.db'}"):
        pass
    assert (tmp_path / "new" / "deep" / "a.db").exists()


def test_reading_commands_create_no_tables_in_an_empty_postgresql_database(capsys):
    from conftest import fresh_postgres_schema, postgres_unavailable, run_cli
    from sqlalchemy import create_engine, inspect

    if reason := postgres_unavailable():
        pytest.skip(reason)
    with fresh_postgres_schema() as url:
        code, _, err = run_cli(capsys, "runs", "--db", url)
        assert code == 2 and "no store at postgresql" in err
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            assert "runs" not in inspect(conn).get_table_names()
        engine.dispose()


@pytest.mark.parametrize("url, expected", [
    ("nosuchdb://x", "unknown database type 'nosuchdb'"),
    ("postgresql://u:secret@127.0.0.1:1/db", "postgresql://u:***@127.0.0.1:1/db"),
    ("sqlite:////dev/null/x/y.db", "cannot create /dev/null/x/ for the store"),   # a file, not a folder
    ("not a url at all", "not a database URL"),
    ("://u:secret@host", "://u:***@host"),
    ("postgresql://u@127.0.0.1:1/db", "; check that the server is running and the URL is right"),
])
def test_bad_url_is_one_line_error_without_password(url, expected):
    with pytest.raises(AuditError) as caught:
        Store(url)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message and "secret" not in message
    assert caught.value.__suppress_context__


@pytest.mark.parametrize("url", ["postgresql://u@127.0.0.1:1/db", "postgres://u@127.0.0.1:1/db"])
def test_postgresql_url_without_driver_uses_psycopg_3_and_names_the_extra(url, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)      # as if the postgres extra were not installed
    with pytest.raises(AuditError) as caught:
        Store(url)
    assert str(caught.value) == (f"cannot open {url}: its database driver 'psycopg' is not installed; "
                                 'pip install "provenance-audit[postgres]"')


def test_a_user_who_may_not_create_tables_is_told_so():
    if reason := postgres_unavailable():
        pytest.skip(reason)
    role = f"audit_reader_{uuid.uuid4().hex[:8]}"
    with fresh_postgres_schema() as url, postgres_admin() as admin:
        schema = make_url(url).query["options"].removeprefix("-csearch_path=")
        admin.execute(f"CREATE ROLE {role} LOGIN")
        admin.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")   # may look, not create
        try:
            with pytest.raises(AuditError) as caught:
                Store(make_url(url).set(username=role).render_as_string(hide_password=False))
        finally:
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE {role}")
    assert "permission denied for schema" in str(caught.value)
    assert str(caught.value).endswith("; check that the database user may create tables in it")


def test_default_url_creates_audit_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Store() as s:
        s.save_run(make_result())
    assert (tmp_path / ".audit" / "audit.db").is_file()


def test_a_sqlite_store_has_small_pages_and_compacting_an_older_one_gives_it_them(tmp_path):
    """A payload larger than a page ends in a page of its own, half empty on average: a new SQLite store has
    1 KiB pages, and VACUUM (audit gc) rewrites a store made with SQLite's 4 KiB ones, which still reads."""
    path = tmp_path / "audit.db"
    with sqlite3.connect(path) as conn:                     # a store as older audits made it
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("CREATE TABLE other (x)")
    with Store(f"sqlite:///{path}") as store:
        store.save_run(make_result())
        with store._engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 4096
        store.compact()
        with store._engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA page_size").scalar() == store_module.SQLITE_PAGE_SIZE == 1024
        assert store.load_run() == make_result()
    with Store(f"sqlite:///{tmp_path / 'new.db'}") as store, store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 1024


def test_a_runs_inputs_and_details_are_compressed_on_sqlite_and_text_from_before_reads(tmp_path):
    """SQLite keeps JSON as text: a run's inputs and details are kept compressed; a run an older audit wrote
    with them as text still reads."""
    path = tmp_path / "audit.db"
    with Store(f"sqlite:///{path}") as store:
        store.save_run(make_result())
        store.save_run(make_result("run-2", "2024-05-02T10:00:00Z"))
    with sqlite3.connect(path) as conn:
        stored = dict(conn.execute("SELECT id, details FROM runs").fetchall())
        assert all(isinstance(details, bytes) for details in stored.values())
        older = store_module._run_row(make_result(), None, None)
        conn.execute("UPDATE runs SET inputs = ?, details = ? WHERE id = 'run-1'",
                     (store_module.codec.to_json(older["inputs"]).decode(),
                      store_module.codec.to_json(older["details"]).decode()))
        assert conn.execute("SELECT typeof(details) FROM runs WHERE id = 'run-1'").fetchone() == ("text",)
    with Store(f"sqlite:///{path}") as store:
        assert store.load_run("run-1") == make_result()
        assert store.load_run("run-2") == make_result("run-2", "2024-05-02T10:00:00Z")
        assert [r.inputs for r in store.runs()] == [make_result().run.inputs] * 2
        assert store.latest().inputs == make_result().run.inputs


def test_failed_save_leaves_database_unchanged(store, monkeypatch):
    store.save_run(make_result("run-1"))
    store.cache_analysis(make_document(sha256="b" * 64), [], "key")

    def exploding_finding_rows(blocks, ids):
        yield from []
        raise KeyboardInterrupt                             # interrupted after runs, documents and claims were sent

    monkeypatch.setattr(store_module, "_finding_rows", exploding_finding_rows)
    with pytest.raises(KeyboardInterrupt):
        store.save_run(make_result("run-2"))
    assert [r.id for r in store.runs()] == ["run-1"]
    assert [count_rows(store, t) for t in ("run_documents", "blocks", "block_claims", "block_findings")] == [1, 1, 3, 6]
    assert count_rows(store, "analyses") == 0


@pytest.mark.slow
def test_save_100k_claims_timing(store):
    """Prints (does not assert) the time of a first run over 1,000 documents of 100 claims with 2 findings each."""
    result = make_result(claim_ids=())
    result.documents = [make_document(f"doc{i}", sha256=f"{i:064x}") for i in range(1000)]
    result.claims = [make_claim(f"{doc.id}-{j:03d}", doc.id, j) for doc in result.documents for j in range(100)]
    began = time.perf_counter()
    for i, doc in enumerate(result.documents):
        store.cache_analysis(doc, result.claims[i * 100:(i + 1) * 100], "key")
    cached = time.perf_counter() - began
    began = time.perf_counter()
    store.save_run(result)
    saved = time.perf_counter() - began
    began = time.perf_counter()
    loaded = store.load_run()
    read = time.perf_counter() - began
    print(f"\n100k claims, 200k findings: cache_analysis {cached:.2f} s, save_run {saved:.2f} s, load_run {read:.2f} s")
    assert len(loaded.claims) == 100_000


def test_runs_with_the_same_documents_share_their_blocks(store):
    store.save_run(make_result("run-1"))
    store.save_run(make_result("run-2", "2024-05-02T10:00:00Z"))
    assert count_rows(store, "run_documents") == 2 and count_rows(store, "blocks") == 1
    assert count_rows(store, "block_claims") == 3
    assert store.load_run("run-2").claims == store.load_run("run-1").claims
    changed = make_result("run-3", "2024-05-03T10:00:00Z")
    changed.claims[0].score = 50.0
    store.save_run(changed)
    assert count_rows(store, "blocks") == 2 and store.load_run("run-3") == changed
    assert store.prune(1, "build").runs == 2
    assert count_rows(store, "blocks") == 1 and count_rows(store, "block_claims") == 3
    assert store.load_run() == changed


def test_latest_gives_the_content_key_a_run_was_saved_with(store):
    assert store.latest() is None
    store.save_run(make_result(), "key-1", baselined=2)
    latest = store.latest()
    assert (latest.id, latest.content_key, latest.summary["baselined"]) == ("run-1", "key-1", 2)
    assert latest.inputs == [{"path": "news/doc1.txt", "sha256": "a" * 64}]


def test_a_store_written_before_blocks_has_its_runs_moved_into_blocks(store_url):
    """Each run of the old layout held a copy of its documents and claims; opening the store moves them
    into blocks, drops the old tables and keeps every run readable."""
    from sqlalchemy import (
        JSON, Column, Float, Integer, MetaData, String, Table, Text, create_engine, insert, inspect,
    )

    old = MetaData()
    Table("documents", old, Column("run_id", String, primary_key=True), Column("id", String, primary_key=True),
          Column("seq", Integer), Column("payload", JSON))
    Table("claims", old, Column("run_id", String, primary_key=True), Column("seq", Integer, primary_key=True),
          Column("score", Float), Column("payload", JSON))
    Table("findings", old, Column("run_id", String, primary_key=True), Column("rule", String))
    Table("analysis_cache", old, Column("sha256", String, primary_key=True), Column("payload", Text))
    store_module.RUNS.to_metadata(old)
    results = [make_result("run-1"), make_result("run-2", "2024-05-02T10:00:00Z", claim_ids=("c9",))]
    url = make_url(store_url).set(drivername=store_module.DEFAULT_DRIVERS.get(make_url(store_url).drivername,
                                                                              make_url(store_url).drivername))
    engine = create_engine(url, json_serializer=lambda v: store_module.codec.to_json(v).decode())
    with engine.begin() as conn:
        old.create_all(conn)
        for result in results:
            conn.execute(insert(old.tables["runs"]), [store_module._run_row(result, None, None)])
            conn.execute(insert(old.tables["documents"]), [
                {"run_id": result.run.id, "id": d.id, "seq": i, "payload": d} for i, d in enumerate(result.documents)])
            conn.execute(insert(old.tables["claims"]), [
                {"run_id": result.run.id, "seq": i, "score": c.score, "payload": c} for i, c in enumerate(result.claims)])
    engine.dispose()
    with Store(store_url) as store:
        assert [store.load_run(r.run.id) for r in results] == results
        assert store.find_claim("c9")[0] == results[1].claims[0]
        assert count_rows(store, "blocks") == 2
        with store._engine.connect() as conn:
            assert not {"documents", "claims", "findings", "analysis_cache"} & set(inspect(conn).get_table_names())


def test_a_run_saved_as_the_same_as_a_pruned_run_writes_its_blocks(store):
    """The run it would point at was pruned between the reuse check and the save: its blocks are written."""
    store.save_run(make_result("run-1"))
    store.save_run(make_result("run-2", "2024-05-02T10:00:00Z"), same_as="pruned-meanwhile")
    assert store.load_run("run-2") == make_result("run-2", "2024-05-02T10:00:00Z")
    assert count_rows(store, "run_documents") == 2 and count_rows(store, "blocks") == 1


def test_a_run_read_without_its_claims_keeps_their_json_and_is_saved_as_the_run_itself(store):
    """load_run(claims=False) leaves each document's claims as the JSON the store holds; such a result,
    saved as the same as a run pruned meanwhile, writes the blocks its claims decode to."""
    original = make_result("run-1")
    original.documents.append(make_document("doc2", "b" * 64))         # a document without claims
    store.save_run(original)
    lazy = store.load_run("run-1", claims=False)
    assert lazy.claims == [] and lazy.documents == original.documents
    assert lazy.stored_claims == [store_module.codec.to_json(original.claims), b"[]"]
    lazy.run = RunInfo("run-2", "2024-05-02T10:00:00Z", "0.1.0", "rules-hash", inputs=original.run.inputs)
    store.save_run(lazy, same_as="pruned-meanwhile", counts={"claims": 3, "findings": 3, "mean_score": 92.0})
    assert store.load_run("run-2").claims == original.claims and count_rows(store, "blocks") == 2
    assert store.latest().summary["claims"] == 3


def test_a_block_with_a_lone_surrogate_is_read_with_its_claims_decoded(store):
    """Such a block was written with \\u escapes (codec.to_json): writing its claims' JSON as it is would
    differ from encoding the claims, which escapes every character of the output chunk."""
    result = make_result(claim_ids=("c1",))
    result.claims[0].text = "A lone \udc80 surrogate said."
    store.save_run(result)
    loaded = store.load_run(claims=False)
    assert loaded.stored_claims is None and loaded == result


def test_a_run_whose_documents_share_an_id_is_refused_whole(store):
    result = make_result()
    result.documents.append(make_document())
    with pytest.raises(AuditError, match="share an id"):
        store.save_run(result)
    assert store.runs() == []


def test_payloads_fit_large_blocks_on_mysql():
    """MySQL's BLOB holds 64 KiB; a block of a long article is more."""
    from sqlalchemy.dialects import mysql
    from sqlalchemy.schema import CreateTable

    for payloads in (store_module.BLOCKS, store_module.CACHE):
        assert "payload LONGBLOB" in str(CreateTable(payloads).compile(dialect=mysql.dialect()))


def test_every_output_of_a_run_read_without_its_claims_has_them(store):
    """Only the json format writes the stored JSON as it is; every other format, and the library's contract,
    decode the claims first: none of them sees a run with no claims."""
    from audit.render.formats import FORMATS, chunks
    from audit.render.json_contract import dumps

    original = make_result("run-1")
    store.save_run(original)
    lazy = store.load_run("run-1", claims=False)
    assert lazy.claims == [] and lazy.stored_claims
    assert dumps(lazy) == dumps(original)
    for name in ("json", "jsonl", "sarif", "markdown"):
        assert b"".join(chunks(FORMATS[name].render(lazy))) == b"".join(chunks(FORMATS[name].render(original))), name


def test_a_run_taken_whole_as_stored_json_has_no_changes_and_a_changed_one_has_them(store):
    """compare's shortcut: a run holding the very stored claims of the previous run changed nothing; one
    holding other claims' JSON is compared claim by claim through what compare reads of them."""
    from dataclasses import replace as copy

    from audit.pipeline import compare

    store.save_run(make_result("run-1"))
    previous = store.load_run("run-1", claims=False)
    taken = copy(previous, run=RunInfo("run-2", "2024-05-02T10:00:00Z", "0.1.0", "rules-hash"), changes={})
    compare(taken, previous)
    assert taken.previous_run == "run-1" and not any(taken.changes.values())
    store.save_run(make_result("run-3", "2024-05-03T10:00:00Z", claim_ids=("c1abc", "c9new")))
    other = store.load_run("run-3", claims=False)
    compare(other, previous)
    assert (other.changes["new"], other.changes["removed"]) == (["c9new"], ["c1abd", "c2xyz"])


def test_blocks_compressed_on_threads_are_stored_as_one_thread_stores_them(tmp_path, monkeypatch):
    """A run of more documents than MIN_THREADED has its new blocks compressed on threads while the cache's
    rows are worked out: the store holds the bytes of a save compressing them one after the other, and
    each cached analysis points at its own document's block."""
    def run_of(count: int) -> tuple[AuditResult, list[tuple[Document, list[Claim]]]]:
        result = make_result(claim_ids=())
        result.documents = [make_document(f"doc{i}", f"{i:064x}") for i in range(count)]
        for doc in result.documents:
            doc.text = TEXT + f"Story {doc.id}.\n"
        result.claims = [make_claim(f"c{i}-{j}", f"doc{i}", j) for i in range(count) for j in range(2)]
        result.by_document = []
        cache = [(doc, analysis_of(replace(result, claims=[c for c in result.claims if c.document == doc.id])))
                 for doc in result.documents]
        return result, cache

    def stored(name: str) -> tuple[list, list]:
        result, cache = run_of(3 * store_module.MIN_THREADED)
        with Store(f"sqlite:///{tmp_path / name}.db") as s:
            for doc, claims in cache:
                s.cache_analysis(doc, claims, "key-1")
            s.save_run(result)
            with s._engine.connect() as conn:
                blocks = conn.execute(select(store_module.BLOCKS.c.id, store_module.BLOCKS.c.digest,
                                             store_module.BLOCKS.c.payload).order_by(store_module.BLOCKS.c.id)).all()
                rows = conn.execute(select(store_module.CACHE.c.sha256, store_module.CACHE.c.payload,
                                           store_module.CACHE.c.block).order_by(store_module.CACHE.c.sha256)).all()
                named = dict(conn.execute(select(store_module.RUN_DOCUMENTS.c.sha256, store_module.RUN_DOCUMENTS.c.block)).all())
            assert [cached(s, doc, "key-1") for doc, _ in cache] == cache
        assert all(block == named[sha] for sha, _, block in rows)
        return [tuple(b) for b in blocks], [tuple(r) for r in rows]

    threaded = stored("threaded")
    monkeypatch.setattr(store_module, "COMPRESSING_THREADS", 1)
    assert stored("one") == threaded


def test_compressing_keeps_the_order_and_the_bytes_of_one_thread():
    data = [(b"block %d " % i) * (i * 50 + 1) for i in range(3 * store_module.MIN_THREADED)]
    levels = [None if i % 3 == 0 else 1 + i % 9 for i in range(len(data))]     # None: as it is
    with store_module._compressing(data, levels) as payloads:
        assert list(payloads) == [d if level is None else zlib.compress(d, level) for d, level in zip(data, levels)]


def test_features_records_left_to_the_save_are_stored_compressed(tmp_path, monkeypatch):
    """A run featurising claims itself hands the records over as they are, for the save to compress (on
    threads, with many): read back before and after the save, they are the records compressed, and the
    store holds the bytes of compressing them one after the other."""
    records = {f"digest-{i:03}": (b"record %d " % i) * (i + 20) for i in range(2 * store_module.MIN_THREADED)}

    def saved(name: str) -> dict:
        with Store(f"sqlite:///{tmp_path / name}.db") as s:
            for digest, data in records.items():
                s.cache_features(digest, "a" * 64, "key-1", data, compress=6)
            s.cache_features("given", "a" * 64, "key-1", zlib.compress(b"a worker's record"))
            before = s.cached_features("key-1", sorted([*records, "given"]))
            s.save_run(make_result())
            assert s.cached_features("key-1", sorted([*records, "given"])) == before
            with s._engine.connect() as conn:
                return dict(conn.execute(select(store_module.FEATURES.c.digest, store_module.FEATURES.c.payload)).all())

    stored = saved("threaded")
    assert stored == {**{d: zlib.compress(data, 6) for d, data in records.items()},
                      "given": zlib.compress(b"a worker's record")}
    monkeypatch.setattr(store_module, "COMPRESSING_THREADS", 1)
    assert saved("one") == stored
