"""The CLI end to end on each store backend: SQLite and PostgreSQL give the same JSON, and keep every run."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, SEEDS, fresh_postgres_schema, postgres_unavailable
from conftest import run_cli as run

from audit.store import Store


def scan_json(capsys, db: str, *paths: str) -> dict:
    code, out, err = run(capsys, "scan", *paths, "--db", db, "--isolated", "-f", "json")
    assert code == 0, err
    return json.loads(out)


def without_run_identity(contract: dict) -> dict:
    """The contract less what differs between any two runs: the run's id and start time."""
    return {**contract, "run": {**contract["run"], "id": None, "started": None, "previous_run": None}}


def test_scan_and_rescan_give_the_same_json_on_sqlite_and_postgresql(capsys, tmp_path):
    if reason := postgres_unavailable():
        pytest.skip(reason)
    sqlite_url = f"sqlite:///{tmp_path / 'audit.db'}"
    with fresh_postgres_schema() as postgres_url:
        first = [scan_json(capsys, url, str(SEEDS)) for url in (sqlite_url, postgres_url)]
        again = [scan_json(capsys, url, str(SEEDS)) for url in (sqlite_url, postgres_url)]
        claim_id = again[1]["claims"][0]["id"]
        shown = run(capsys, "show", claim_id, "--db", postgres_url)
        listed = run(capsys, "runs", "--db", postgres_url)
    assert without_run_identity(first[0]) == without_run_identity(first[1])
    assert without_run_identity(again[0]) == without_run_identity(again[1])
    assert again[1]["run"]["reused"] == len(again[1]["documents"]) == 5          # analyses read back from the cache
    assert again[1]["run"]["previous_run"] == first[1]["run"]["id"]
    assert shown[0] == 0 and f"claim {claim_id}" in shown[1]
    assert listed[0] == 0 and first[1]["run"]["id"] in listed[1] and again[1]["run"]["id"] in listed[1]


def test_a_nul_byte_past_the_first_8_kb_keeps_the_run(capsys, tmp_path, store_url):
    """PostgreSQL text cannot hold NUL; the binary sniffing at ingest only reads the first 8 KB, and ingest
    replaces a later NUL with U+FFFD (the store's own guard is tested in test_store)."""
    filler = "\n".join(f"Officials said {i} families were moved out of district {i}." for i in range(200))
    assert len(filler) > 8192
    (tmp_path / "nul.txt").write_text(f"{filler}\nThe mayor said the \x00 bridge had reopened.\n")
    good = sorted(SEEDS.glob("*.txt"))[0]
    contract = scan_json(capsys, store_url, str(tmp_path / "nul.txt"), str(good))
    nul_claims = [c for c in contract["claims"] if "the \ufffd bridge" in c["text"]]
    assert len(nul_claims) == 1 and len(contract["documents"]) == 2
    with Store(store_url) as store:
        stored = store.load_run()
        assert [c.id for c in stored.claims] == [c["id"] for c in contract["claims"]]
        assert store.find_claim(nul_claims[0]["id"])[0].text == nul_claims[0]["text"]


def stored_counts(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from audit.store import TABLES

    with Store(url) as store, store._engine.connect() as conn:
        return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in TABLES}


def test_gc_keeps_the_newest_runs_and_the_cache_they_can_reuse(capsys, tmp_path, store_url):
    """Three runs, the last after one article was deleted: gc --keep 1 deletes the two older runs with their
    rows, and the cached analysis of the article no kept run holds; a rescan still reuses every kept
    analysis."""
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.json", "*.yaml", "*.toml"))
    articles = sorted(folder.glob("*.txt"))
    runs = [scan_json(capsys, store_url, *map(str, articles))["run"]["id"] for _ in range(2)]
    articles[0].unlink()
    last = scan_json(capsys, store_url, *map(str, articles[1:]))
    assert last["run"]["context_run"] is None
    before = stored_counts(store_url)
    assert before["runs"] == 3 and before["analyses"] == 5
    assert before["run_documents"] == 5 + 5 + 4 and before["blocks"] <= 5 + 4  # the unchanged rerun shares blocks
    code, out, err = run(capsys, "gc", "--keep", "1", "--db", store_url)
    assert code == 0, err
    assert out.startswith("deleted 2 run(s) and 1 cached analyses, kept 1 run(s)")
    after = stored_counts(store_url)
    assert after["runs"] == 1 and after["analyses"] == 4
    assert after["block_claims"] == len(last["claims"]) < before["block_claims"]
    assert after["run_documents"] == after["blocks"] == 4
    assert after["block_findings"] == sum(len(c["findings"]) for c in last["claims"])
    with Store(store_url) as store:
        assert [r.id for r in store.runs()] == [last["run"]["id"]] and runs[0] not in {r.id for r in store.runs()}
    again = scan_json(capsys, store_url, *map(str, articles[1:]))
    assert again["run"]["reused"] == 4


def test_keep_runs_in_the_configuration_prunes_after_each_scan(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "audit.toml").write_text('keep-runs = 2\n', encoding="utf-8")
    ids = []
    for _ in range(3):
        code, out, err = run(capsys, "scan", str(SEEDS), "-f", "json")
        assert code == 0, err
        ids.append(json.loads(out)["run"]["id"])
    with Store("sqlite:///.audit/audit.db") as store:
        assert [r.id for r in store.runs()] == ids[:0:-1]


@pytest.mark.parametrize("value", ["0", "-3", '"ten"', "2.5", "true"])
def test_keep_runs_must_be_a_whole_number(capsys, tmp_path, monkeypatch, value):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "audit.toml").write_text(f"keep-runs = {value}\n", encoding="utf-8")
    code, _, err = run(capsys, "gc")
    assert code == 3 and "audit.toml:1" in err and "'keep-runs' must be a whole number of at least 1" in err


def test_a_failed_prune_costs_only_the_pruning(capsys, tmp_path, monkeypatch):
    from audit.errors import AuditError

    def refuse(self, keep, build):
        raise AuditError("could not prune the store, nothing was deleted: database is locked")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Store, "prune", refuse)
    (tmp_path / "audit.toml").write_text("keep-runs = 1\n", encoding="utf-8")
    code, out, err = run(capsys, "scan", str(SEEDS), "-f", "json")
    assert code == 0 and len(json.loads(out)["claims"]) > 0
    assert "warning: could not prune the store" in err and "(keep-runs not applied)" in err
    with Store("sqlite:///.audit/audit.db") as store:
        assert len(store.runs()) == 1


def test_an_analysis_cached_by_another_build_is_neither_reused_nor_kept(capsys, tmp_path, monkeypatch):
    """The cache key names the build (version and a digest of the package's source): the same version with
    other code must analyse again, and gc drops what only the other build could use."""
    from audit import pipeline

    db = f"sqlite:///{tmp_path / 'audit.db'}"
    first = scan_json(capsys, db, str(SEEDS))
    assert first["run"]["reused"] == 0
    monkeypatch.setattr(pipeline, "build_id", lambda: "0.1.0+other")
    again = scan_json(capsys, db, str(SEEDS))
    assert again["run"]["reused"] == 0
    code, out, _ = run(capsys, "gc", "--db", db)
    assert code == 0 and "deleted 0 run(s) and 5 cached analyses, kept 2 run(s)" in out
    assert scan_json(capsys, db, str(SEEDS))["run"]["reused"] == 5


def test_an_unchanged_rerun_takes_the_stored_run_and_adds_no_copy(capsys, tmp_path, store_url, monkeypatch):
    """The same files, rules and settings: the run is the stored one (nothing analysed or corroborated),
    and the store gains a run row and a row per document, no block. A changed file or other settings
    are worked out again."""
    from audit.pipeline import Auditor

    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.json", "*.yaml", "*.toml"))
    first = scan_json(capsys, store_url, str(folder))
    counts = stored_counts(store_url)
    worked = []
    computed = Auditor._computed
    monkeypatch.setattr(Auditor, "_computed", lambda self, *a: worked.append(1) or computed(self, *a))
    again = scan_json(capsys, store_url, str(folder))
    assert worked == [] and again["run"]["reused"] == len(first["documents"])
    assert again["run"]["previous_run"] == first["run"]["id"] and not any(again["changes"].values())
    same = ("documents", "claims", "timelines", "learned_furniture", "by_document", "skipped")
    assert {k: again[k] for k in same} == {k: first[k] for k in same}
    after = stored_counts(store_url)
    assert after["blocks"] == counts["blocks"] and after["block_claims"] == counts["block_claims"]
    assert after["run_documents"] == 2 * counts["run_documents"]
    code, out, err = run(capsys, "scan", str(folder), "--db", store_url, "--isolated", "-f", "json",
                         "--ignore", "anon")
    assert code == 0 and worked == [1], err
    edited = sorted(folder.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOfficials said 40 people were hurt.\n", encoding="utf-8")
    changed = scan_json(capsys, store_url, str(folder))
    assert worked == [1, 1] and changed["run"]["reused"] == len(first["documents"]) - 1


def test_an_unchanged_rerun_printing_json_only_writes_the_stored_claims_without_decoding_them(capsys, tmp_path,
                                                                                               store_url, monkeypatch):
    """Taken whole with only JSON to write, a run writes its claims from the store's JSON: byte for byte
    what a run that decodes them writes (the run's id, start and the run it is compared with aside)."""
    from audit import codec

    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.json", "*.yaml", "*.toml"))
    (folder / "empty.txt").write_text("Share This Article\n", encoding="utf-8")     # a document without claims
    first = scan_json(capsys, store_url, str(folder))
    assert {d["id"] for d in first["documents"]} - {c["document"] for c in first["claims"]}
    decoded: list[int] = []
    for name in ("load_block", "load_claims"):
        monkeypatch.setattr(codec, name, lambda data, load=getattr(codec, name): decoded.append(1) or load(data))
    code, spliced, err = run(capsys, "scan", str(folder), "--db", store_url, "--isolated", "-f", "json")
    assert code == 0 and decoded == [], err
    target = tmp_path / "decoded.json"
    code, _, err = run(capsys, "scan", str(folder), "--db", store_url, "--isolated", "-o", f"json={target}")
    assert code == 0 and decoded, err                   # the concise output on stdout reads the claims

    def masked(out: str) -> list[str]:
        return [line for line in out.splitlines()
                if not line.startswith(('    "id": ', '    "started": ', '    "previous_run": '))]
    assert masked(spliced) == masked(target.read_text(encoding="utf-8"))
    assert json.loads(spliced)["claims"] == first["claims"]


def test_a_check_taken_whole_as_stored_json_fails_on_the_same_findings_without_decoding_them(capsys, tmp_path,
                                                                                             store_url, monkeypatch):
    """`audit check -f json` of unchanged files reads its verdict (findings at the fail level, scores under
    --fail-under) from the stored claims' JSON, and reaches the verdict a decoded run reaches."""
    from audit import codec

    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.json", "*.yaml", "*.toml"))
    args = ("check", str(folder), "--db", store_url, "--isolated", "-f", "json")
    first = run(capsys, *args, "--fail-level", "info")
    decoded: list[int] = []
    for name in ("load_block", "load_claims"):
        monkeypatch.setattr(codec, name, lambda data, load=getattr(codec, name): decoded.append(1) or load(data))
    for options in (("--fail-level", "info"), ("--fail-level", "error", "--fail-under", "99")):
        again = run(capsys, *args, *options)
        fresh = run(capsys, *args, *options, "--no-store")
        assert again[0] == fresh[0] == 1 and decoded == [], again[2]
        assert again[2].splitlines()[-1] == fresh[2].splitlines()[-1]
    assert first[2].splitlines()[-1] == run(capsys, *args, "--fail-level", "info")[2].splitlines()[-1]
    passed = run(capsys, *args, "--fail-level", "error", "--fail-under", "0")
    assert passed[0] == 0 and "audit check passed" in passed[2] and decoded == []


def test_a_run_with_a_failed_analysis_is_not_taken_whole_again(capsys, tmp_path, store_url, monkeypatch):
    """A document over the time limit or hit by a bug is skipped once; the next run tries it again."""
    from audit.pipeline import Auditor

    analyse = Auditor.analyse
    monkeypatch.setattr(Auditor, "analyse", lambda self, doc, *a: (_ for _ in ()).throw(RuntimeError("flaky"))
                        if doc.path.endswith("000_e219391f38c01fb7.txt") else analyse(self, doc, *a))
    code, out, _ = run(capsys, "scan", str(SEEDS), "--db", store_url, "--isolated", "-f", "json")
    assert code == 2 and len(json.loads(out)["documents"]) == 4
    with Store(store_url) as store:
        assert store.latest().content_key is None
    monkeypatch.setattr(Auditor, "analyse", analyse)
    assert len(scan_json(capsys, store_url, str(SEEDS))["documents"]) == 5


def test_a_run_taken_whole_reads_paths_from_where_it_runs(capsys, tmp_path, monkeypatch):
    """Per-path settings are relative to the working folder: the same relative paths elsewhere are
    another run; and rules moved to another folder are listed where they are now."""
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    for name in ("a", "b"):
        shutil.copytree(SEEDS, tmp_path / name / "news", ignore=shutil.ignore_patterns("*.json", "*.toml"))
    (tmp_path / "rules1").mkdir()
    shutil.copy(next((ROOT / "rules").glob("*.yaml")), tmp_path / "rules1" / "house.yaml")
    (tmp_path / "audit.toml").write_text('[[overrides]]\npaths = ["a/**"]\nignore = ["anonymous_source"]\n',
                                         encoding="utf-8")
    keys = []
    for name in ("a", "b"):
        monkeypatch.chdir(tmp_path / name)
        code, _, err = run(capsys, "scan", "news", "--db", db, "--config", str(tmp_path / "audit.toml"), "-f", "json")
        assert code == 0, err
        with Store(db) as store:
            keys.append(store.latest().content_key)
    assert keys[0] != keys[1]
    monkeypatch.chdir(tmp_path / "b")
    run(capsys, "scan", "news", "--db", db, "--rules", str(tmp_path / "rules1"), "-f", "json")
    (tmp_path / "rules1").rename(tmp_path / "rules2")
    code, out, err = run(capsys, "scan", "news", "--db", db, "--rules", str(tmp_path / "rules2"), "-f", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["run"]["reused"] == len(result["documents"])
    assert not any("rules1" in (r.get("path") or "") for r in result["rules"])


def test_a_changed_sidecar_is_read_again_not_taken_from_the_cache(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Officials said 12 people were killed on Monday.\n", encoding="utf-8")
    (news / "metadata.yaml").write_text("a.txt: {outlet: Daily Planet, published: 2023-11-14}\n", encoding="utf-8")
    assert scan_json(capsys, db, str(news))["documents"][0]["outlet"] == "Daily Planet"
    (news / "metadata.yaml").write_text("a.txt: {outlet: Evening Star, published: 2023-11-15}\n", encoding="utf-8")
    again = scan_json(capsys, db, str(news))
    assert (again["documents"][0]["outlet"], again["run"]["reused"]) == ("Evening Star", 0)


def test_a_rerun_of_unchanged_files_is_taken_whole_without_reading_them(capsys, tmp_path, monkeypatch):
    """The input key (files, bytes, sidecars, rules, settings, working folder) stands for the documents a
    run reads: equal, the stored run is taken before reading; anything in it changed, the files are read."""
    from audit import pipeline

    db = f"sqlite:///{tmp_path / 'audit.db'}"
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.json", "*.toml"))
    reads = []
    read_files = pipeline.read_files
    monkeypatch.setattr(pipeline, "read_files", lambda *a, **k: reads.append(1) or read_files(*a, **k))
    first = scan_json(capsys, db, str(folder))
    again = scan_json(capsys, db, str(folder))
    assert len(reads) == 1 and again["run"]["reused"] == len(first["documents"]) == 5
    same = ("documents", "claims", "timelines", "learned_furniture", "by_document", "skipped", "notices")
    assert {k: again[k] for k in same} == {k: first[k] for k in same}
    sidecar = folder / "metadata.yaml"
    edits = [
        lambda: sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("published:", "published: ", 1),
                                   encoding="utf-8"),
        lambda: (folder / "new.txt").write_text("Officials said 40 people were hurt on Monday.\n", encoding="utf-8"),
        lambda: (folder / "new.txt").write_text("Officials said 41 people were hurt on Monday.\n", encoding="utf-8"),
    ]
    for n, edit in enumerate(edits, 2):
        edit()
        scan_json(capsys, db, str(folder))
        assert len(reads) == n, f"edit {n - 1} was not read"
        scan_json(capsys, db, str(folder))
        assert len(reads) == n                                  # and the next run takes it whole
    (folder / "new.txt").unlink()       # a deleted file joins nothing: the run of the same files before it
    runs = [scan_json(capsys, db, str(folder)) for _ in range(3)]     # is taken whole, without reading
    assert len(reads) == 4 and runs[0]["claims"] == runs[2]["claims"] == first["claims"]
    code, _, err = run(capsys, "scan", str(folder), "--db", db, "--isolated", "-f", "json", "--ignore", "anon")
    assert code == 0 and len(reads) == 5, err
    monkeypatch.chdir(folder)
    code, _, err = run(capsys, "scan", ".", "--db", db, "--isolated", "-f", "json", "--ignore", "anon")
    assert code == 0 and len(reads) == 6, err
