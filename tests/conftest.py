"""Shared fixtures: one compiled Auditor and one audit of the seed corpus per test session."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

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
