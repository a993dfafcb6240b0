"""The judged claim pairs (tests/fixtures/pairs/) are well formed: bench/pairs.py and issue 9's figures rest on them."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

PAIRS = Path(__file__).resolve().parent / "fixtures" / "pairs"
LABELS = {"conflict", "update", "revision_down", "compatible", "part", "different_measure",
          "different_population", "different_event", "copy", "corroborates", "contradicts"}
SIDES = ["id", "split", "a_doc", "a_start", "a_end", "b_doc", "b_start", "b_end", "a_date", "b_date"]
COLUMNS = {"gaza_canada.tsv": SIDES + ["a_text", "b_text", "label", "note", "stratum"],
           "polnear.tsv": SIDES + ["label", "note", "stratum"]}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def read(name: str) -> tuple[list[str], list[str], list[dict]]:
    """(comment lines, header, rows) of one fixture; fails on ragged rows."""
    text = (PAIRS / name).read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    body = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    reader = csv.reader(body, delimiter="\t")
    header = next(reader)
    rows = []
    for n, values in enumerate(reader, 2):
        assert len(values) == len(header), f"{name} data row {n}: {len(values)} fields, header has {len(header)}"
        rows.append(dict(zip(header, values)))
    return comments, header, rows


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_columns_labels_and_sides(name):
    _, header, rows = read(name)
    assert header == COLUMNS[name]
    assert rows
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate pair ids"
    for r in rows:
        assert r["label"] in LABELS, f"{r['id']}: unknown label {r['label']!r}"
        assert r["split"] in ("tune", "heldout"), r["id"]
        for side in "ab":
            start, end = int(r[f"{side}_start"]), int(r[f"{side}_end"])
            assert 0 <= start < end, r["id"]
            assert r[f"{side}_doc"], r["id"]
            assert DATE.match(r[f"{side}_date"]), r["id"]
        assert (r["a_doc"], r["a_start"]) != (r["b_doc"], r["b_start"]), f"{r['id']}: a pair of one sentence"
        if name == "gaza_canada.tsv":
            assert r["a_text"].strip() and r["b_text"].strip(), r["id"]
            assert len(r["a_text"]) <= 410 and len(r["b_text"]) <= 410, f"{r['id']}: excerpts stay short"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_about_a_third_held_out(name):
    _, _, rows = read(name)
    share = Counter(r["split"] for r in rows)["heldout"] / len(rows)
    assert 0.2 <= share <= 0.45, f"{name}: {share:.2f} held out"


def test_split_is_the_documented_hash():
    import hashlib

    for name in COLUMNS:
        for r in read(name)[2]:
            expected = "heldout" if int(hashlib.sha1(r["id"].encode()).hexdigest(), 16) % 3 == 0 else "tune"
            assert r["split"] == expected, r["id"]


def test_polnear_keeps_no_text():
    comments, header, rows = read("polnear.tsv")
    assert not {"a_text", "b_text", "text", "sentence"} & set(header)
    for r in rows:                               # nothing that reads like a sentence slipped into a field
        for key, value in r.items():
            if key != "note":
                assert len(value.split()) <= 1, f"{r['id']}: {key} holds text"
        assert len(r["note"]) <= 160, f"{r['id']}: note too long to be a judgement"


def test_licence_credit_and_size():
    comments, _, gaza = read("gaza_canada.tsv")
    assert any("Benjamin Cuthbert / The Breach, MIT licence" in c for c in comments)
    assert (PAIRS / "LICENSE.gaza-canada").read_text(encoding="utf-8").startswith("MIT License")
    pn = read("polnear.tsv")[2]
    assert len(gaza) + len(pn) >= 330
    labels = Counter(r["label"] for r in gaza + pn)
    assert labels["copy"] >= 40
    assert labels["conflict"] + labels["update"] + labels["revision_down"] >= 40
    assert labels["different_measure"] + labels["different_population"] >= 60


LINK_COLUMNS = ["relation", "a_doc", "a_start", "a_end", "b_doc", "b_start", "b_end", "judgement", "note"]


@pytest.mark.parametrize("name", ["polnear_dev_links.tsv", "polnear_train_links.tsv", "gaza_canada_update_links.tsv",
                                  "gaza_canada_update_links_2.tsv", "gaza_canada_conflict_links.tsv",
                                  "gaza_canada_update_links_3.tsv", "gaza_canada_corroborates_links.tsv",
                                  "gaza_canada_corroborates_links_2.tsv"])
def test_judged_link_files_are_well_formed_and_keep_no_text(name):
    """bench/judged_links.py reads these: judged links of the tool's own runs, ids and offsets only; a file
    with a `use` column splits its rows into tune and held-out halves, and says why a wrong link is wrong."""
    _, header, rows = read(name)
    assert [c for c in header if c not in ("use", "cause")] == LINK_COLUMNS
    sides = [frozenset({(r["a_doc"], r["a_start"]), (r["b_doc"], r["b_start"])}) for r in rows]
    assert len(sides) == len(set(sides)), "a link judged twice"
    for r in rows:
        assert r["relation"] in ("corroborates", "echoes", "update", "updates", "conflicts"), r
        assert r.get("use", "tune") in ("tune", "heldout"), r
        assert len(r.get("cause") or "") <= 160, f"{r}: cause too long"
        assert r["judgement"] in ("right", "wrong", "unsure"), r
        assert (r["a_doc"], int(r["a_start"])) < (r["b_doc"], int(r["b_start"])), "a is the smaller side"
        assert all(len(r[k].split()) == 1 for k in LINK_COLUMNS[:-2]), f"{r}: a field holds text"
        assert len(r["note"]) <= 160, f"{r}: note too long to be a judgement"
