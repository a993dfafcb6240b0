"""Matching features kept in the store (audit.corroborate.stored): read back, they give exactly the
verdicts that computing them gives; other rules, a changed claim or a record that does not read computes
them again."""
from __future__ import annotations

import shutil
from dataclasses import replace

from conftest import SEEDS
from sqlalchemy import func, select, update

from audit import codec
from audit.corroborate import features as features_module
from audit.corroborate.stored import StoredFeatures, inputs
from audit.models import Entity, Finding, Span
from audit.pipeline import Auditor
from audit.store import FEATURES, Store

TARGET = "002_cf9cc913bd578db9.txt"


def _fresh_vocabularies(monkeypatch) -> None:
    monkeypatch.setattr(features_module, "_VOCABULARIES", {})
    features_module._builtin_vocabulary.cache_clear()


def _verdicts(result) -> bytes:
    return codec.to_json([result.claims, result.timelines])


def _features_rows(store: Store) -> dict[str, int]:
    with store._engine.connect() as conn:
        return dict(conn.execute(select(FEATURES.c.analysis_key, func.count()).group_by(FEATURES.c.analysis_key)).all())


def test_check_file_with_stored_features_gives_what_computing_them_gives(tmp_path, monkeypatch, featurised):
    folder = tmp_path / "story"
    shutil.copytree(SEEDS, folder)
    auditor = Auditor()
    _fresh_vocabularies(monkeypatch)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        first = auditor.run([str(folder)], store)
    assert featurised[0] == len(first.claims)
    shutil.copy(tmp_path / "a.db", tmp_path / "b.db")
    with Store(f"sqlite:///{tmp_path / 'b.db'}") as store, store._engine.begin() as conn:
        conn.execute(FEATURES.delete())

    results = {}
    for name in ("a", "b"):
        _fresh_vocabularies(monkeypatch)
        featurised[0] = 0
        with Store(f"sqlite:///{tmp_path / name}.db") as store:
            results[name] = auditor.run([str(folder / TARGET)], store), featurised[0]
    (stored, computed_with_store), (computed, computed_without) = results["a"], results["b"]
    assert computed_with_store == 0 and computed_without == len(first.claims)
    assert any(link for c in stored.claims for link in c.corroboration.links)
    assert _verdicts(stored) == _verdicts(computed)


def test_other_rules_compute_the_features_again(tmp_path, featurised):
    """A lexicon that changes matching changes the analysis key: features stored under other rules are not read."""
    house = tmp_path / "house" / "lexicons"
    house.mkdir(parents=True)
    (house / "matching.yaml").write_text("match_stopwords: [hostages, hostage, released, release, killed]\n",
                                         encoding="utf-8")
    folder = tmp_path / "story"
    shutil.copytree(SEEDS, folder)
    default, changed = Auditor(), Auditor([tmp_path / "house"])

    def check_after_default(checker: Auditor, name: str, keep_features: bool):
        with Store(f"sqlite:///{tmp_path / name}") as store:
            default.run([str(folder)], store)
            if not keep_features:
                with store._engine.begin() as conn:
                    conn.execute(FEATURES.delete())
            featurised[0] = 0
            return checker.run([str(folder / TARGET)], store), featurised[0], _features_rows(store)

    stored, computed, rows = check_after_default(changed, "a.db", True)
    assert rows == {default.analysis_key: 5, changed.analysis_key: 5}
    reference, computed_without, _ = check_after_default(changed, "b.db", False)
    assert computed == computed_without > len(stored.claims)     # the stored story's claims too
    assert _verdicts(stored) == _verdicts(reference)
    assert _verdicts(stored) != _verdicts(check_after_default(default, "c.db", True)[0])


def test_a_stored_record_that_does_not_read_is_computed_again(tmp_path, monkeypatch, featurised):
    folder = tmp_path / "story"
    shutil.copytree(SEEDS, folder)
    auditor = Auditor()
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        first = auditor.run([str(folder)], store)
        with store._engine.begin() as conn:
            conn.execute(update(FEATURES).values(payload=b"not zlib"))
        featurised[0] = 0
        again = auditor.run([str(folder / TARGET)], store)
    assert featurised[0] == len(first.claims)
    assert again.claims


def test_prune_drops_the_features_another_build_made(tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(SEEDS, folder)
    auditor = Auditor()
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        auditor.run([str(folder)], store)
        assert _features_rows(store) == {auditor.analysis_key: 5}
        store.prune(None, auditor.analysis_key.split(":")[0])
        assert _features_rows(store) == {auditor.analysis_key: 5}
        store.prune(None, "another-build")
        assert _features_rows(store) == {}


def test_the_key_holds_all_that_features_read(seed_result):
    """Whatever else changes in a claim leaves its key and its features alone; each part the key holds
    changes the key."""
    vocab = features_module.vocabulary(None)
    found = next(c for c in seed_result.claims if c.attribution.source_span and c.quantities)
    claim = replace(found, entities=found.entities or [Entity(found.text[:4], found.start, found.start + 4, "Gaza")])

    def feats(c):
        return replace(vocab.features(c, set()), figures=())

    other = replace(claim, id="other", document="other", end=claim.end + 5, line=99, col=7, paragraph=3, index=9,
                    hedged=not claim.hedged, score=1.0, ledger=[], attributions=[],
                    findings=[Finding("r", "s", "info", 1.0, "m", Span(0, 1, "x"))],
                    quantities=[replace(q, low=(q.low or 0) + 1, high=None, unit="ships") for q in claim.quantities],
                    attribution=replace(claim.attribution, kind="anonymous", source="someone", cue="claimed",
                                        cue_span=None))
    assert inputs([other]) == inputs([claim]) and feats(other) == feats(claim)
    span, entity = claim.attribution.source_span, claim.entities[0]
    within = [
        replace(claim, text=claim.text + " Again."),
        replace(claim, start=claim.start + 1),
        replace(claim, is_headline=not claim.is_headline),
        replace(claim, quantities=[]),
        replace(claim, attribution=replace(claim.attribution, source_span=replace(span, end=span.end - 1))),
        replace(claim, attribution=replace(claim.attribution, via_spans=[span])),
        replace(claim, entities=[replace(entity, canonical="Someone Else"), *claim.entities[1:]]),
        replace(claim, entities=[replace(entity, start=entity.start + 1), *claim.entities[1:]]),
    ]
    assert len({inputs([c]) for c in [claim, *within]}) == len(within) + 1
    assert inputs([claim, claim]) != inputs([claim])


def test_claims_whose_inputs_do_not_encode_are_featurised_and_not_stored(seed_result):
    """A lone surrogate (text read from undecodable input by older code) has no UTF-8 form: such a
    document's features are computed each time, never stored, and nothing fails."""

    class Kept:
        def __init__(self):
            self.records: list[str] = []

        def cached_features(self, analysis_key, digests):
            return {}

        def cache_features(self, digest, sha256, analysis_key, payload, compress=None):
            self.records.append(digest)

    doc = seed_result.documents[0]
    claims = [c for c in seed_result.claims if c.document == doc.id][:3]
    broken = [replace(claims[0], text=claims[0].text + " \ud800"), *claims[1:]]
    kept = Kept()
    stored = StoredFeatures(kept, "key")
    vocab = features_module.vocabulary(None)
    feats = stored.features(vocab, [(c, doc) for c in broken], set())
    assert inputs(broken) is None and len(feats) == 3 and kept.records == [] and stored.computed == 3
    stored.features(vocab, [(c, doc) for c in claims], set())
    assert kept.records == [inputs(claims)]


def test_records_given_as_they_arrive_are_decoded_once_and_each_document_gets_its_own(seed_result):
    """The parent decodes a worker's record when it arrives (`Given.add`); a second document with the same
    inputs (a story printed twice) reads it decoded afresh, so no two claims share a Features object; a
    record that does not read gives None (its claims are featurised again)."""
    from audit.corroborate.features import vocabulary
    from audit.corroborate.stored import Given, record

    claims = [c for c in seed_result.claims if c.document == seed_result.claims[0].document]
    key, payload = record(vocabulary(), claims)
    given = Given()
    given.add(key, payload)
    given.add("broken", b"not a record")
    first, second = given.record(key), given.record(key)
    assert first is not None and second is not None and first == second
    assert all(a is not b for a, b in zip(first.features, second.features))
    assert given.record("broken") is None and given.record("absent") is None
    assert len(given) == 2 and len(Given({key: payload})) == 1


def test_packing_a_record_leaves_the_features_their_figures(seed_result):
    """The record leaves figures out (the claims hold them); packing it must not take them from the
    features the run goes on matching with."""
    from audit.corroborate.features import vocabulary
    from audit.corroborate.stored import _decoded, _featurised, _packed

    claims = [c for c in seed_result.claims if c.quantities]
    feats, lower, forms = _featurised(vocabulary(), claims)
    before = [f.figures for f in feats]
    assert any(before)
    record = _decoded(_packed(feats, lower, forms))
    assert [f.figures for f in feats] == before
    assert record is not None and all(f.figures == () for f in record.features)
    assert [replace(f, figures=()) for f in feats] == record.features
