"""Shared fixtures: one compiled Auditor and one audit of the seed corpus per test session."""
from __future__ import annotations

import functools
import os
import socket
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import settings
from sqlalchemy.engine import make_url

# Speed lives in bench/, not in timed tests: no per-example deadline, so a loaded CI machine does not fail
# a property test for being slow.
settings.register_profile("audit", deadline=None)
settings.load_profile("audit")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def auditor():
    from audit.pipeline import Auditor

    return Auditor()


@pytest.fixture(scope="session")
def seed_result(auditor):
    """The real pipeline over seeds/, corroboration included, no store."""
    return auditor.run([str(SEEDS)], None)


@pytest.fixture(scope="session")
def seed_contract(seed_result):
    from audit.render.json_contract import to_contract

    return to_contract(seed_result)


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """`audit ARGS` in this process: (exit code, stdout, stderr)."""
    from audit.cli import main

    argv = sys.argv
    sys.argv = ["audit", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = argv
    out = capsys.readouterr()
    return code, out.out, out.err


# -- stores on every backend -------------------------------------------------------------------------

POSTGRES_URL = os.environ.get("AUDIT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@functools.cache
def postgres_unavailable() -> str | None:
    """Why the PostgreSQL store tests cannot run here, or None when a server answers."""
    try:
        import psycopg
    except ImportError:
        return 'psycopg is not installed (pip install ".[postgres]")'
    url = make_url(POSTGRES_URL)
    try:
        socket.create_connection((url.host, url.port or 5432), timeout=0.5).close()
        postgres_admin().close()
    except (OSError, psycopg.Error) as e:
        return f"no PostgreSQL server answers at {url.host}:{url.port or 5432} ({_first_line(e)})"
    return None


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The URL of a fresh, empty store: an SQLite file, or a PostgreSQL schema of its own dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.db'}"
        return
    if reason := postgres_unavailable():
        pytest.skip(reason)
    with fresh_postgres_schema() as url:
        yield url


def postgres_admin():
    """An autocommit psycopg connection to the test database."""
    import psycopg

    conninfo = make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(conninfo, autocommit=True, connect_timeout=2)


@contextmanager
def fresh_postgres_schema() -> Iterator[str]:
    """A uniquely named schema in the test database, as a URL whose search_path is that schema."""
    schema = f"audit_test_{uuid.uuid4().hex[:12]}"
    with postgres_admin() as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
            yield url.render_as_string(hide_password=False)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


@pytest.fixture
def fragile_extractor(monkeypatch):
    """Extraction raises on every document holding BOOM: an internal error in one document."""
    from audit.attribution import Extractor

    claims = Extractor.claims

    def fragile(self, doc, deadline=None):
        if "BOOM" in doc.text:
            raise ZeroDivisionError("division by zero")
        return claims(self, doc, deadline)

    monkeypatch.setattr(Extractor, "claims", fragile)


@pytest.fixture
def featurised(monkeypatch) -> list[int]:
    """Claims featurised so far in this process (one count per call of Vocabulary.features)."""
    from audit.corroborate import features

    calls = [0]
    compute = features.Vocabulary.features

    def counted(self, claim, common, forms=None):
        calls[0] += 1
        return compute(self, claim, common, forms)

    monkeypatch.setattr(features.Vocabulary, "features", counted)
    return calls
