"""Kill `audit scan` with SIGKILL at random moments and check the store it was writing (issue 11).

    python bench/crash.py FOLDER [--kills 12] [--seed 1] [--backend sqlite|postgresql|both]

For each backend: one clean `audit scan FOLDER --db URL --format json` gives the reference output and its
duration T (and a `--no-store` run gives the moment S the save can begin, about). Then, `--kills` times,
in a fresh store: a scan is killed after a random moment in [0.2 T, T] (a third of them drawn from [S, T],
where the save transaction runs); the store must still open (SQLite: `PRAGMA integrity_check` is ok),
every run it lists must load whole (as many documents and claims as the reference), and a re-run into
that store must give the reference's documents and claims. PostgreSQL uses a schema of its own per
store, in the database of AUDIT_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test).
Prints one row per kill and a total of corrupted stores, half-visible runs and re-runs that differ.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit.store import Store

POSTGRES_URL = os.environ.get("AUDIT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def scan(folder: str, url: str | None) -> subprocess.Popen:
    store = ["--db", url] if url else ["--no-store"]
    return subprocess.Popen([sys.executable, "-m", "audit.cli", "scan", folder, *store, "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def timed_output(folder: str, url: str | None) -> tuple[float, dict]:
    started = time.monotonic()
    out, err = scan(folder, url).communicate()
    if not out:
        raise SystemExit(f"the scan into {url} gave no output: {err.decode(errors='replace').strip()}")
    return time.monotonic() - started, json.loads(out)


def content(output: dict) -> tuple[list, list]:
    """What a re-run must reproduce: documents and claims (run ids and dates aside)."""
    return output["documents"], output["claims"]


@contextmanager
def sqlite_store() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{tmp}/audit.db"


@contextmanager
def postgres_store() -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"audit_crash_{uuid.uuid4().hex[:12]}"
    admin_url = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield make_url(POSTGRES_URL).update_query_dict(
                {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def check(url: str, reference: dict) -> tuple[bool, int, int]:
    """(store intact, runs listed, runs not whole) after a kill."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if Path(path).exists():
            with sqlite3.connect(path) as conn:
                if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    return False, 0, 0
    documents, claims = content(reference)
    with Store(url) as store:
        runs = store.runs()
        broken = 0
        for run in runs:
            result = store.load_run(run.id)
            broken += (len(result.documents), len(result.claims)) != (len(documents), len(claims))
    return True, len(runs), broken


def trial(folder: str, store, reference: dict, moment: float) -> tuple[bool, bool, int, int, bool]:
    """(finished before the kill, store intact, runs listed, runs not whole, re-run same as the reference)."""
    with store() as url:
        process = scan(folder, url)
        time.sleep(moment)
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.communicate()
        intact, runs, broken = check(url, reference)
        same = intact and content(timed_output(folder, url)[1]) == content(reference)
        return finished, intact, runs, broken, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    stores = {"sqlite": sqlite_store, "postgresql": postgres_store}
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    rng = random.Random(args.seed)
    for backend in backends:
        store = stores[backend]
        saving_from, _ = timed_output(args.folder, None)
        with store() as url:
            total, reference = timed_output(args.folder, url)
        print(f"{backend}: clean run {total:.1f} s, the save can begin after about {saving_from:.1f} s")
        print(f"{'kill at':>8} {'window':>7} {'killed':>6} {'intact':>6} {'runs':>4} {'half':>4} {'re-run same':>11}")
        corrupt = half = differ = killed = 0
        for i in range(args.kills):
            in_save = i % 3 == 2
            moment = rng.uniform(saving_from, total) if in_save else rng.uniform(0.2 * total, total)
            finished, intact, runs, broken, same = trial(args.folder, store, reference, moment)
            killed += not finished
            corrupt += not intact
            half += broken
            differ += not same
            print(f"{moment:7.2f}s {'save' if in_save else 'any':>7} {str(not finished):>6} {str(intact):>6} {runs:>4} "
                  f"{broken:>4} {str(same):>11}", flush=True)
        print(f"{backend}: {killed} of {args.kills} scans killed before they ended: {corrupt} corrupted stores, {half} half-visible runs, "
              f"{differ} re-runs different from a clean run\n")


if __name__ == "__main__":
    main()
