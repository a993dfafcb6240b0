"""The same inputs give byte-identical JSON whatever the hash seed or the order the files are given in."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT, SEEDS


def _scan(*paths: str, seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", "from audit.cli import main; main()", "scan", *paths,
                          "--format", "json", "--no-store", "--isolated"],
                         capture_output=True, text=True, env=env, cwd=ROOT, check=True).stdout
    data = json.loads(out)
    for key in ("id", "started"):
        data["run"].pop(key)
    return data


def test_json_is_identical_across_hash_seeds_and_file_order():
    files = sorted(str(p.relative_to(ROOT)) for p in SEEDS.glob("*.txt"))
    first = _scan(*files, seed="1")
    assert first["claims"] and any(c["corroboration"]["links"] for c in first["claims"])
    assert _scan(*reversed(files), seed="2") == first
    assert _scan(*files[2:], *files[:2], seed="3") == first
