"""The CLI end to end on each store backend: SQLite and PostgreSQL give the same JSON, and keep every run."""
from __future__ import annotations

import json

import pytest
from conftest import SEEDS, fresh_postgres_schema, postgres_unavailable
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
