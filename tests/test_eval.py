"""The PolNeAR loader and metrics on a tiny synthetic brat corpus, the kind check, and the clean-text guard."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.evaluation import shipped
from audit.evaluation.kinds import USES, held_out, load_label_sets, load_labels, per_kind
from audit.evaluation.polnear import (Article, Counts, GoldSpan, Prediction, exact_counts, load_split,
                                      overlap_counts, parse_ann, prf, score_article, summarise, trim)

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "polnear_tiny"
CLEAN = shipped.CLEAN
ARTICLE = "demo-news_2016-05-02_bridge-reopens"


# -- loading ---------------------------------------------------------------------------------------

def test_parse_ann_ignores_discuss_and_discard_and_keeps_discontinuous_pieces():
    spans = parse_ann("T1\tSource 0 5\tAbcde\nT2\tCue 10 14;20 24\tsaid said\nT3\tDiscuss 0 3\tAbc\n"
                      "T4\tDiscard 1 2\tb\nE1\tAttribution:T2 Source:T1\n#1\tAnnotatorNotes T1\tnote\n")
    assert set(spans) == {"Source", "Cue"}
    cue = spans["Cue"][0]
    assert (cue.start, cue.end, cue.pieces) == (10, 24, ((10, 14), (20, 24)))


def test_parse_ann_orders_pieces_given_out_of_order():
    g = parse_ann("T1\tContent 209 236;91 186\tx\n")["Content"][0]
    assert (g.start, g.end, g.pieces) == (91, 236, ((91, 186), (209, 236)))


def test_load_split_uses_the_alphabetically_first_annotation_file_and_the_publisher():
    articles = {a.id: a for a in load_split(TINY, "dev")}
    art = articles[ARTICLE]
    assert art.ann_path.name.endswith("_aa11.ann")
    assert art.publisher == "demo-news"
    assert len(art.sources) == 4 and len(art.cues) == 5
    text = art.text_path.read_text(encoding="utf-8")
    assert [text[g.start:g.end] for g in art.sources][:2] == ["The mayor", "the city engineer"]
    assert articles["demo-news_2016-05-03_quiet-market"].ann_path is None


def test_an_article_takes_its_outlet_from_the_metadata(auditor):
    from audit.evaluation.polnear import read_article

    art = next(a for a in load_split(TINY, "dev") if a.id == ARTICLE)
    assert art.outlet == "demo-news"
    doc = read_article(art.text_path, art.outlet, auditor)
    assert (doc.outlet, doc.meta["outlet"].source) == ("demo-news", "metadata.tsv")


def test_load_split_accepts_the_split_folder_itself():
    assert [a.id for a in load_split(TINY / "dev", "dev")] == [a.id for a in load_split(TINY, "dev")]


def test_missing_split_is_an_error():
    from audit.errors import AuditError

    with pytest.raises(AuditError):
        load_split(TINY, "train")


# -- span normalisation and matching ----------------------------------------------------------------

def test_trim_strips_punctuation_and_optionally_a_determiner():
    text = ' "The mayor," said'
    assert text[slice(*trim(text, 0, 12))] == "The mayor"
    assert text[slice(*trim(text, 0, 12, determiner=True))] == "mayor"
    assert trim("the", 0, 3, determiner=True) == (0, 3)                     # never down to nothing


def test_exact_and_overlap_counts_are_one_to_one():
    assert exact_counts([(0, 5), (10, 12)], [(0, 5), (0, 5), (20, 22)]) == Counts(1, 2, 1)
    # one long prediction overlapping two gold spans matches only one of them
    assert overlap_counts([((0, 5),), ((6, 9),)], [(0, 9)]) == Counts(1, 0, 1)
    # a discontinuous gold span matches through any piece
    assert overlap_counts([((0, 2), (10, 12))], [(11, 15)]) == Counts(1, 0, 0)


def test_prf():
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = prf(3, 1, 2)
    assert (p, r) == (0.75, 0.6) and abs(f - 2 * 0.75 * 0.6 / 1.35) < 1e-9


def test_score_article_counts_sentences_sources_cues_and_uncovered_cues():
    text = "Ann said it rained. Bob left. Cy thinks so. Z"
    art = Article("a", "dev", "p", Path("a.txt"), None,
                  sources=[GoldSpan(0, 3, "Ann", ((0, 3),)), GoldSpan(30, 32, "Cy", ((30, 32),))],
                  cues=[GoldSpan(4, 8, "said", ((4, 8),)), GoldSpan(33, 39, "thinks", ((33, 39),)),
                        GoldSpan(44, 45, "x", ((44, 45),))])            # starts outside every sentence
    pred = Prediction(sentences=[(0, 19, True), (20, 29, True), (30, 43, False)],
                      sources=[(0, 3), (20, 23)], cues=[(4, 8)])
    c = score_article(text, art, pred)
    assert c["sentence"] == Counts(1, 1, 2)                # Bob's sentence is a false alarm; Cy's and x missed
    assert c["sentence_all_positive"] == Counts(2, 1, 1)
    assert c["sentence_pattern"] == Counts(1, 0, 2)        # "said" only
    assert c["source_exact"] == Counts(1, 1, 1)
    assert c["cue_exact"] == Counts(1, 0, 2)
    assert c["_uncovered_cues"].fn == 1


def test_bootstrap_is_reproducible_and_brackets_the_estimate():
    rows = [{"m": Counts(tp, fp, fn)} for tp, fp, fn in [(5, 1, 2), (3, 0, 1), (0, 2, 0), (4, 1, 1), (2, 2, 2)]]
    a = summarise(rows, metrics=("m",), resamples=200, seed=7)["m"]
    b = summarise(rows, metrics=("m",), resamples=200, seed=7)["m"]
    assert a == b
    for key in ("p", "r", "f1"):
        lo, hi = a["ci"][key]
        assert lo <= a[key] <= hi


# -- the real pipeline on the tiny corpus -------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_report(auditor):
    from audit.evaluation.polnear import evaluate

    return evaluate(TINY, "dev", auditor, resamples=50)


def test_evaluate_runs_the_pipeline(tiny_report):
    r = tiny_report
    assert r["articles"] == 2 and r["gold_sources"] == 4 and r["gold_cues"] == 5
    m = r["metrics"]
    assert m["sentence"]["tp"] >= 3 and m["sentence"]["fp"] == 0
    assert m["source_exact"]["tp"] >= 3
    assert m["sentence_all_positive"]["r"] == 1.0
    assert set(r["by_publisher"]) == {"demo-news"}
    assert r["conventions"]["annotation_file"].startswith("alphabetically first")


def test_cli_json(tmp_path):
    from typer.testing import CliRunner

    from audit.evaluation.cli import eval_app

    labels = tmp_path / "kinds.tsv"
    labels.write_text("# test labels\nsample\tsplit\tarticle\tstart\tend\tlabel\tspan\n"
                      f"random\tdev\t{ARTICLE}\t30\t39\tnamed_person\tThe mayor\n"
                      f"random\tdev\t{ARTICLE}\t118\t135\tnamed_person\tthe city engineer\n"
                      f"random\tdev\t{ARTICLE}\t0\t3\tskip\tBri\n", encoding="utf-8")
    result = CliRunner().invoke(eval_app, ["polnear", str(TINY), "--format", "json", "--resamples", "20",
                                           "--kinds", str(labels), "--clean", str(CLEAN)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["split"] == "dev" and "sentence" in report["metrics"]
    assert report["kinds"]["sources"] == 2
    assert report["clean"]["passages"] == len(list(CLEAN.glob("*.txt")))


def test_cli_refuses_the_test_split():
    from typer.testing import CliRunner

    from audit.evaluation.cli import eval_app

    result = CliRunner().invoke(eval_app, ["polnear", str(TINY), "--split", "test"])
    assert result.exit_code != 0


# -- kinds --------------------------------------------------------------------------------------------

def test_kind_labels_file_is_well_formed():
    rows = load_labels(shipped.KINDS / "polnear_sources.tsv")
    assert len(rows) >= 200
    kinds = {"named_person", "named_org", "outlet", "anonymous", "unnamed_group", "document", "self"}
    assert {r["label"] for r in rows} <= kinds
    assert all(r["split"] in ("train", "dev") and r["end"] > r["start"] for r in rows)
    assert sum(r["label"] == "anonymous" for r in rows) >= 25
    assert set(rows[0]) == {"sample", "split", "article", "start", "end", "label", "use"}   # no PolNeAR text kept
    assert {r["use"] for r in rows} == {"tune"}


def _keys(path):
    with path.open(encoding="utf-8") as fh:
        lines = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    return [tuple(row[1:5]) for row in lines[1:]]


@pytest.mark.parametrize("name, samples, earlier, labelled", [
    ("polnear_sources_extra.tsv", {"extra-random", "extra-anon-head"},
     ("polnear_sources.tsv", "polnear_sources_heldout.tsv"), 240),
    ("polnear_sources_fourth.tsv", {"random", "anon-head"},
     ("polnear_sources.tsv", "polnear_sources_heldout.tsv", "polnear_sources_extra.tsv"), 260),
])
def test_later_kind_label_files_are_well_formed(name, samples, earlier, labelled):
    """Files with a "use" column: no PolNeAR text, the hash rule's split, no span of an earlier file."""
    folder = shipped.KINDS
    path = folder / name
    with path.open(encoding="utf-8") as fh:
        lines = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    header, body = lines[0], lines[1:]
    assert header == ["sample", "split", "article", "start", "end", "label", "use"]   # no PolNeAR text is kept
    assert all(len(row) == len(header) for row in body)
    kinds = {"named_person", "named_org", "outlet", "anonymous", "unnamed_group", "document", "self"}
    assert {row[5] for row in body} <= kinds | {"skip"}
    assert {row[0] for row in body} <= samples
    assert all(row[1] in ("train", "dev") and int(row[4]) > int(row[3]) >= 0 for row in body)
    assert all(row[6] == ("heldout" if held_out(row[2], int(row[3]), int(row[4])) else "tune") for row in body)
    keys = _keys(path)
    others = set().union(*(_keys(folder / other) for other in earlier))
    assert len(set(keys)) == len(keys) and not set(keys) & others
    assert sum(row[5] != "skip" for row in body) >= labelled


def test_all_kind_labels_hold_out_a_third():
    folder = shipped.KINDS
    rows = load_label_sets(sorted(folder.glob("polnear_sources*.tsv")))
    assert len(rows) >= 880 and sum(r["label"] == "anonymous" for r in rows) >= 160
    held = [r for r in rows if r["use"] == "heldout"]
    assert {r["use"] for r in rows} == set(USES) and 0.28 <= len(held) / len(rows) <= 0.38


def test_cli_merges_label_files_and_scores_one_split(tmp_path):
    from typer.testing import CliRunner

    from audit.evaluation.cli import eval_app

    tune = tmp_path / "kinds.tsv"
    tune.write_text("sample\tsplit\tarticle\tstart\tend\tlabel\n"
                    f"random\tdev\t{ARTICLE}\t30\t39\tnamed_person\n", encoding="utf-8")
    extra = tmp_path / "kinds_extra.tsv"
    extra.write_text("# test labels\nsample\tsplit\tarticle\tstart\tend\tlabel\tuse\n"
                     f"random\tdev\t{ARTICLE}\t118\t135\tnamed_person\theldout\n"
                     f"random\tdev\t{ARTICLE}\t30\t39\tnamed_person\ttune\n", encoding="utf-8")
    runner = CliRunner()
    base = ["polnear", str(TINY), "--format", "json", "--resamples", "5", "--clean", str(CLEAN),
            "--kinds", str(tune), "--kinds", str(extra)]
    counts = {}
    for split in ("all", "tune", "heldout"):
        result = runner.invoke(eval_app, [*base, "--kinds-split", split])
        assert result.exit_code == 0, result.output
        counts[split] = json.loads(result.output)["kinds"]["sources"]
    assert counts == {"all": 2, "tune": 1, "heldout": 1}   # the span listed twice is counted once


def test_per_kind_counts_missed_against_recall():
    scores = per_kind([("anonymous", "anonymous"), ("anonymous", "missed"), ("named_person", "anonymous")])
    assert scores["anonymous"] == {"precision": 0.5, "recall": 0.5, "support": 2, "predicted": 2}
    assert scores["named_person"]["recall"] == 0.0


# -- precision on clean text ------------------------------------------------------------------------

def test_clean_passages_stay_nearly_silent(auditor):
    from audit.evaluation.clean import false_alarms

    report = false_alarms(CLEAN, auditor)
    assert report["passages"] >= 30
    assert report["share_with_warning"] <= 0.10, report["alarms"]
    assert report["warnings_per_passage"] <= 0.15, report["alarms"]


# -- what the wheel ships -------------------------------------------------------------------------------

def _pyproject():
    import tomllib

    return tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_eval_labels_and_passages_are_package_data():
    globs = _pyproject()["tool"]["setuptools"]["package-data"]["audit.evaluation.data"]
    shipped_files = {p for g in globs for p in shipped.DATA.glob(g)}
    assert shipped.KINDS_DEFAULT in shipped_files and len(list(shipped.CLEAN.glob("*.txt"))) == 30
    assert {p for p in shipped.DATA.rglob("*") if p.is_file() and p.suffix in (".tsv", ".txt")} == shipped_files


def test_missing_shipped_data_is_an_error_not_a_skipped_check(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from audit.errors import AuditError
    from audit.evaluation.cli import eval_app

    monkeypatch.setattr(shipped, "KINDS", tmp_path / "kinds")
    monkeypatch.setattr(shipped, "KINDS_DEFAULT", tmp_path / "kinds" / "polnear_sources.tsv")
    monkeypatch.setattr(shipped, "CLEAN", tmp_path / "clean")
    with pytest.raises(AuditError, match="missing from this install"):
        shipped.kind_label_files(every=True)
    with pytest.raises(AuditError, match="missing from this install"):
        shipped.clean_passages()
    result = CliRunner().invoke(eval_app, ["polnear", str(TINY), "--resamples", "5"])
    assert result.exit_code != 0 and "missing from this install" in str(result.exception)


@pytest.mark.slow
def test_the_built_wheel_holds_the_labels_and_passages(tmp_path):
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).parent.parent
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(root)], check=True)
    names = set(zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist())
    assert "audit/evaluation/data/kinds/polnear_sources.tsv" in names
    assert "audit/attribution/extractor.py" in names
    assert sum(n.startswith("audit/evaluation/data/clean/") and n.endswith(".txt") for n in names) == 30
