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


def save_at_once(url: str, results: list[AuditResult], target=open_cache_and_save) -> list[int]:
    """Exit codes of one process per result running `target`, all released at the same moment."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(results))
    processes = [context.Process(target=target, args=(url, r, barrier)) for r in results]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    return [p.exitcode for p in processes]


def cached(store: Store, doc, key: str):
    return store.cached_analyses([(doc, key)])[0]


def assert_all_saved(url: str, results: list[AuditResult]) -> None:
    with Store(url) as store:
        assert sorted(r.id for r in store.runs()) == sorted(r.run.id for r in results)
        for result in results:
            assert store.load_run(result.run.id) == result
        for doc in results[0].documents:
            assert cached(store, doc, ANALYSIS_KEY) is not None


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


def save_and_prune(url: str, result: AuditResult, barrier) -> None:
    """A scan with `keep-runs = 1`: save the run, then prune the store to the newest run."""
    barrier.wait()
    with Store(url) as store:
        store.save_run(result)
        store.prune(1, "build")


def test_saves_and_prunes_at_once_leave_every_kept_run_whole(store_url, seed_result):
    """Runs share blocks: a prune must not delete a block that a save in progress points at."""
    changed = dataclasses.replace(seed_result, claims=[dataclasses.replace(c, score=c.score / 2)
                                                       for c in seed_result.claims])
    results = [with_run_id(changed if i % 2 else seed_result, f"run-{i}") for i in range(4)]
    assert save_at_once(store_url, results, save_and_prune) == [0] * len(results)
    with Store(store_url) as store:
        kept = store.runs()
        assert len(kept) == 1
        expected = next(r for r in results if r.run.id == kept[0].id)
        assert store.load_run() == expected


def test_a_prune_waits_for_a_save_that_points_at_a_block_it_would_delete(store_url, seed_result, monkeypatch):
    """Run `old` holds block X and `newer` block Y. A save of X's content again is paused before it commits
    while a prune to one run starts: had the prune not waited, it would keep `newer`, delete X, and leave the
    saved run pointing at nothing."""
    import threading

    from audit import store as store_module

    changed = dataclasses.replace(seed_result, claims=[dataclasses.replace(c, score=c.score / 2)
                                                       for c in seed_result.claims])
    with Store(store_url) as store:
        store.save_run(with_run_id(seed_result, "old"))
        store.save_run(with_run_id(changed, "newer"))
    written, release = threading.Event(), threading.Event()
    insert_batched = store_module._insert_batched

    def pausing_insert(conn, into, rows, **options):
        insert_batched(conn, into, rows, **options)
        if into is store_module.RUN_DOCUMENTS and threading.current_thread().name == "saver":
            written.set()
            release.wait(10)

    monkeypatch.setattr(store_module, "_insert_batched", pausing_insert)
    again = with_run_id(seed_result, "again")
    errors: list[BaseException] = []

    def save() -> None:
        try:
            with Store(store_url) as store:
                store.save_run(again)
        except BaseException as exc:     # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    saver = threading.Thread(target=save, name="saver")
    saver.start()
    assert written.wait(30)
    with Store(store_url) as store:
        pruner = threading.Thread(target=store.prune, args=(1, "build"))
        pruner.start()
        pruner.join(1.0)
        release.set()
        saver.join(30)
        pruner.join(30)
        assert errors == [] and [r.id for r in store.runs()] == ["again"]
        assert store.load_run() == again
