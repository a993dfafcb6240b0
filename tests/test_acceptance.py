"""Every expectation of ../shared/acceptance/seeds.yaml, checked against the real JSON output."""
from __future__ import annotations

import importlib.util
import json

import pytest
import yaml

from conftest import SHARED

SPEC_PATH = SHARED / "acceptance" / "seeds.yaml"
pytestmark = pytest.mark.skipif(not SPEC_PATH.exists(), reason="../shared/acceptance is not beside the project")
SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8")) if SPEC_PATH.exists() else {}


def _checker(contract):
    spec = importlib.util.spec_from_file_location("acceptance_check", SHARED / "acceptance" / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Checker(json.loads(json.dumps(contract)))


def test_schema_version(seed_contract):
    assert seed_contract["schema_version"] == 1


@pytest.mark.parametrize("name", sorted(SPEC.get("documents", {})))
def test_document_metadata(seed_contract, name):
    ck = _checker(seed_contract)
    ck.check_documents({name: SPEC["documents"][name]})
    assert not ck.failed, ck.failed


@pytest.mark.parametrize("expectation", SPEC.get("claims", []), ids=lambda e: f"{e['doc'][:3]}:{e['quote'][:40]}")
def test_claim(seed_contract, expectation):
    ck = _checker(seed_contract)
    ck.check_claim(expectation)
    assert not ck.failed, ck.failed


@pytest.mark.parametrize("expectation", SPEC.get("links", []),
                         ids=lambda e: f"{e['a']['quote'][:25]}~{e['b']['quote'][:25]}")
def test_link(seed_contract, expectation):
    ck = _checker(seed_contract)
    ck.check_link(expectation)
    assert not ck.failed, ck.failed
