"""Several processes writing one store at once, on SQLite and PostgreSQL: every run is saved, whole.

Each test forks processes that wait at a barrier and then open the store and save a run together, so
schema creation and the saves really overlap.
"""
from __future__ import annotations

import dataclasses
import multiprocessing

import pytest

from audit.models import AuditResult
from audit.store import Store

ANALYSIS_KEY = "analysis-key"


def with_run_id(result: AuditResult, run_id: str) -> AuditResult:
    return dataclasses.replace(result, run=dataclasses.replace(result.run, id=run_id))


def open_cache_and_save(url: str, result: AuditResult, barrier) -> None:
    """What a scan does with its store: open it, cache every document's analysis, save the run."""
    barrier.wait()
    with Store(url) as store:
        for doc in result.documents:
            store.cache_analysis(doc, [c for c in result.claims if c.document == doc.id], ANALYSIS_KEY)
        store.save_run(result)


def save_at_once(url: str, results: list[AuditResult]) -> list[int]:
    """Exit codes of one process per result, all released at the same moment."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(results))
    processes = [context.Process(target=open_cache_and_save, args=(url, r, barrier)) for r in results]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    return [p.exitcode for p in processes]


def assert_all_saved(url: str, results: list[AuditResult]) -> None:
    with Store(url) as store:
        assert sorted(r.id for r in store.runs()) == sorted(r.run.id for r in results)
        for result in results:
            assert store.load_run(result.run.id) == result
        for doc in results[0].documents:
            assert store.cached_analysis(doc, ANALYSIS_KEY) is not None


@pytest.mark.parametrize("processes", [2, 4])
def test_first_runs_at_once_on_an_empty_store_are_all_saved(store_url, seed_result, processes):
    results = [with_run_id(seed_result, f"first-{i}") for i in range(processes)]
    assert save_at_once(store_url, results) == [0] * processes
    assert_all_saved(store_url, results)


def test_runs_at_once_into_a_used_store_lose_nothing(store_url, seed_result):
    earlier = with_run_id(seed_result, "earlier")
    with Store(store_url) as store:
        store.save_run(earlier)
    results = [with_run_id(seed_result, f"run-{i}") for i in range(4)]
    assert save_at_once(store_url, results) == [0] * 4
    assert_all_saved(store_url, [earlier, *results])
