"""The report at scale: short on the seeds, bounded on a large corpus, each finding once per span, and
the same bytes when re-run on the same inputs and rules."""
from __future__ import annotations

import random
import re

import pytest
from conftest import SEEDS, SHARED, run_cli

from audit.render.markdown import render_markdown

POLNEAR = SHARED / "eval" / "polnear" / "train" / "text"
OUTLETS = ["The Daily Ledger", "Coastal Times", "Northern Herald", "Metro Wire", "Valley Post"]
SOURCES = ["A senior official", "Sources familiar with the talks", "The army", "Hamas", "The health ministry",
           "A diplomat who spoke on condition of anonymity", "Police spokesman John Reed"]
RELAYS = ["told CNN", "told Al Jazeera", "said", "told reporters", "said, according to Reuters"]
EVENTS = ["{n} people were killed in {place}", "{n} fighters were captured near {place}",
          "about {n} families fled {place}", "more than {n} buildings were destroyed in {place}",
          "videos circulating on social media appeared to show {n} tanks in {place}"]
PLACES = ["Rafah", "Khan Younis", "Jabalia", "Nablus", "Jenin", "Sderot"]


def place_references(report: str) -> list[str]:
    """Every file:line:col a finding is cited at (claims are cited at file:line)."""
    return re.findall(r"[\w./\\-]+\.(?:txt|md):\d+:\d+", report)


def synthetic_corpus(folder, documents: int = 400, seed: int = 7):
    rng = random.Random(seed)
    for i in range(documents):
        lines = [f"---\ntitle: Report {i} on the fighting in {rng.choice(PLACES)}\n"
                 f"outlet: {OUTLETS[i % len(OUTLETS)]}\npublished: 2023-11-{1 + i % 28:02d}\n---\n"]
        for _ in range(rng.randint(6, 14)):
            event = rng.choice(EVENTS).format(n=rng.randint(2, 3000), place=rng.choice(PLACES))
            lines.append(f"{rng.choice(SOURCES)} {rng.choice(RELAYS)} that {event}.\n")
        (folder / f"article_{i:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_seeds_report_is_under_3000_words(seed_result):
    report = render_markdown(seed_result)
    assert len(report.split()) < 3000
    assert "### Check these first" in report and "## Provenance chains" in report


def test_no_finding_is_listed_twice_at_one_span(seed_result):
    places = place_references(render_markdown(seed_result))
    assert places and len(places) == len(set(places))


def test_a_large_corpus_report_is_bounded(auditor, tmp_path):
    result = auditor.run([str(synthetic_corpus(tmp_path))], None)
    assert len(result.documents) == 400 and len(result.claims) > 3000
    report = render_markdown(result)
    lines = report.splitlines()
    assert "# Sourcing and provenance audit" in lines[:30]
    assert len(lines) < 1500
    places = place_references(report)
    assert len(places) == len(set(places))
    assert "## Outlets compared" in report and "more claims with findings in the JSON output" in report


@pytest.mark.slow
@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/eval/polnear is not beside the project")
def test_polnear_train_report_is_bounded(auditor):
    report = render_markdown(auditor.run([str(POLNEAR)], None))
    lines = report.splitlines()
    assert "# Sourcing and provenance audit" in lines[:30] and len(lines) < 1500
    places = place_references(report)
    assert len(places) == len(set(places))


def test_rerunning_the_report_writes_the_same_bytes(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    target = tmp_path / "reports" / "seeds.md"
    written = []
    for _ in range(2):                       # the second run reuses the stored analysis and has a new run id
        code, _, _ = run_cli(capsys, "report", str(SEEDS), "--db", db, "--isolated", "-o", str(target))
        assert code == 0
        written.append((target.read_bytes(), (tmp_path / "reports" / "seeds.manifest.json").read_bytes()))
    assert written[0] == written[1]
