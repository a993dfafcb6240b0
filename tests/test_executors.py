"""Where documents are analysed does not show in the output: --jobs 2 and a two-worker Dask cluster give
the JSON of the single-process run, byte for byte, on the seeds and a generated multi-document corpus."""
from __future__ import annotations

import json
import shutil
import zlib

import msgspec
import pytest
from conftest import SEEDS, run_cli
from sqlalchemy import select
from test_report_scale import synthetic_corpus

from audit.codec import load_document
from audit.errors import AuditError
from audit.executors import DaskCluster, LocalProcesses, WorkerSpec, batches, executor_for
from audit.ingest import ingest
from audit.render.json_contract import dumps
from audit.store import CACHE, FEATURES, Store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds, 60 generated articles of five outlets and a JSON Lines feed that prints one story twice
    (its repeated claims are renamed and their carry-overs repointed), in one folder."""
    folder = synthetic_corpus(tmp_path_factory.mktemp("corpus"), documents=60)
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    story = ("Maria Lopez, the mayor of Dunmore, said on Monday that the river bridge would stay closed.\n\n"
             "She said repairs to the damaged pillars would take at least six weeks.")
    (folder / "feed.jsonl").write_text("".join(json.dumps({"id": f"wire-{n}", "outlet": outlet, "text": story}) + "\n"
                                               for n, outlet in enumerate(("Valley Courier", "Dunmore Herald"))),
                                       encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def single_process(auditor, corpus):
    return _timeless(dumps(auditor.run([str(corpus)])))


def _timeless(text: str) -> str:
    """The JSON without the run's id and start time, the only values that differ between runs."""
    data = json.loads(text)
    del data["run"]["id"], data["run"]["started"]
    return json.dumps(data, indent=2, ensure_ascii=False)


def test_jobs_2_gives_the_single_process_json(auditor, corpus, single_process):
    assert _timeless(dumps(auditor.run([str(corpus)], executor=LocalProcesses(2)))) == single_process


def test_the_command_line_json_is_the_same_with_jobs_2(capsys, corpus):
    outputs = [run_cli(capsys, "scan", str(corpus), "--no-store", "-f", "json", "--jobs", jobs)
               for jobs in ("1", "2")]
    assert [code for code, _, _ in outputs] == [0, 0]
    assert _timeless(outputs[0][1]) == _timeless(outputs[1][1])


def test_workers_fill_the_cache_the_parent_writes(auditor, corpus, tmp_path):
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        first = auditor.run([str(corpus)], store, executor=LocalProcesses(2))
        second = auditor.run([str(corpus)], store, executor=LocalProcesses(2))
    assert first.run.reused == 0 and second.run.reused == len(second.documents) == 67
    assert [c.id for c in first.claims] == [c.id for c in second.claims]


def test_workers_pack_the_analyses_and_features_the_parent_would(auditor, corpus, tmp_path, featurised):
    """With --jobs 2 the workers compute the matching features and pack the analyses: the store then holds
    the bytes a single process writes, and the parent featurises no claim itself."""
    stored, counts = [], []
    for name, executor in (("one", None), ("two", LocalProcesses(2))):
        featurised[0] = 0
        with Store(f"sqlite:///{tmp_path / name}.db") as store:
            result = auditor.run([str(corpus)], store, executor=executor)
            with store._engine.connect() as conn:
                stored.append([{tuple(row[:-1]): zlib.decompress(row[-1]) for row in conn.execute(select(*columns))}
                               for columns in ((FEATURES.c.digest, FEATURES.c.analysis_key, FEATURES.c.payload),
                                               (CACHE.c.sha256, CACHE.c.analysis_key, CACHE.c.payload))])
        counts.append(featurised[0])
    assert stored[0] == stored[1] and len(stored[0][1]) == 67
    assert len(stored[0][0]) == 66                  # the feed's two prints of one story share their features
    assert counts == [len(result.claims), 0]


def test_batches_are_consecutive_and_cover_every_document(auditor, corpus):
    documents, _ = ingest([str(corpus)], auditor.registry, auditor.language)
    packed = batches(documents, 8)
    assert 1 < len(packed) <= 8
    unpacked = [load_document(d) for batch in packed for d in msgspec.msgpack.decode(batch)]
    assert unpacked == documents


def test_a_worker_with_other_rules_refuses_to_work(auditor):
    spec = WorkerSpec.of(auditor)
    with pytest.raises(AuditError, match="same version of audit and the same rule folders"):
        WorkerSpec(spec.rule_dirs, spec.registry_dirs, spec.config, "0.0.0:other").build()


def test_scheduler_without_dask_is_a_usage_error():
    with pytest.raises(AuditError, match="--scheduler needs --executor dask"):
        executor_for(1, "local", "tcp://127.0.0.1:8786")


def test_a_two_worker_dask_cluster_gives_the_single_process_json(auditor, corpus, single_process, monkeypatch):
    """The cluster analyses the documents and scores corroboration's candidate pairs (here from the first
    probing unit on, not from spread.MIN_UNITS), and the JSON is the single process's."""
    import audit.corroborate.spread as spread

    distributed = pytest.importorskip("dask.distributed", reason="dask is not installed (the dask extra)")
    monkeypatch.setattr(spread, "MIN_UNITS", 1)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        executor = DaskCluster(cluster.scheduler_address)
        try:
            result = auditor.run([str(corpus)], executor=executor)
        finally:
            executor.close()
    assert executor.slices_scored > 2        # in slices, on the workers
    assert _timeless(dumps(result)) == single_process


def test_batches_stay_small_however_large_the_corpus(auditor, corpus, monkeypatch):
    import audit.executors

    documents, _ = ingest([str(corpus)], auditor.registry, auditor.language)
    monkeypatch.setattr(audit.executors, "MAX_BATCH_WORDS", 1000)
    packed = batches(documents, 2)
    assert len(packed) >= sum(d.words for d in documents) // 1000
    assert [load_document(d) for batch in packed for d in msgspec.msgpack.decode(batch)] == documents


def test_a_document_failing_in_a_worker_is_skipped_as_in_one_process(auditor, tmp_path, fragile_extractor):
    # the workers are forked: they see the fragile extractor too
    shutil.copy(SEEDS / "004_46c607ac9c3904df.txt", tmp_path / "ok.txt")
    (tmp_path / "bad.txt").write_text("BOOM said the minister.\n", encoding="utf-8")
    single = auditor.run([str(tmp_path)])
    parallel = auditor.run([str(tmp_path)], executor=LocalProcesses(2))
    assert [s.error for s in parallel.skipped] == [s.error for s in single.skipped]
    assert "internal error while analysing: ZeroDivisionError" in single.skipped[0].error
    assert _timeless(dumps(parallel)) == _timeless(dumps(single))


def test_forked_workers_use_the_parents_compiled_auditor(auditor, corpus, single_process, monkeypatch):
    """Where the platform forks, the workers analyse with the parent's Auditor instead of compiling their
    own: a worker that compiled one would fail here (the forked workers inherit the patched build)."""
    def compiled_again(spec):
        raise AssertionError("a forked worker compiled its own Auditor")

    monkeypatch.setattr(WorkerSpec, "build", compiled_again)
    assert _timeless(dumps(auditor.run([str(corpus)], executor=LocalProcesses(2)))) == single_process
    import audit.executors

    assert audit.executors._compiled == {}          # the parent keeps no reference to its Auditor


def test_without_fork_each_worker_compiles_its_own_auditor(auditor, corpus, single_process, monkeypatch):
    """Where the platform cannot fork, the workers are started afresh and compile the Auditor from the
    WorkerSpec: the same JSON."""
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert _timeless(dumps(auditor.run([str(corpus)], executor=LocalProcesses(2)))) == single_process
