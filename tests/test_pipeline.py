"""The whole pipeline over real files: store reuse, run provenance, changes between runs, readability."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import SEEDS

from audit import codec
from audit.pipeline import Auditor
from audit.readability import flesch
from audit.store import Store


def _copy_seeds(tmp_path, names=None):
    folder = tmp_path / "story"
    folder.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        if names is None or p.name[:3] in names:
            shutil.copy(p, folder / p.name)
    return folder


def test_rerun_reuses_unchanged_documents_and_records_provenance(tmp_path, auditor):
    folder = _copy_seeds(tmp_path)
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    first = auditor.run([str(folder)], store)
    second = auditor.run([str(folder)], store)
    assert first.run.reused == 0 and second.run.reused == 5
    assert [c.id for c in first.claims] == [c.id for c in second.claims]
    assert [c.score for c in first.claims] == [c.score for c in second.claims]
    runs = store.runs()
    assert [r.id for r in runs] == [second.run.id, first.run.id]
    assert runs[0].rules_hash == auditor.rules_hash and runs[0].tool_version
    assert {i["path"] for i in runs[0].inputs} == {d.path for d in second.documents}
    store.close()


def test_changes_since_last_run_lists_new_claims(tmp_path, auditor):
    folder = _copy_seeds(tmp_path, names={"000", "001"})
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    auditor.run([str(folder)], store)
    shutil.copy(SEEDS / "002_cf9cc913bd578db9.txt", folder)
    later = auditor.run([str(folder)], store)
    new_docs = {c.document for c in later.claims if c.id in later.changes["new"]}
    assert later.previous_run is not None
    assert new_docs == {"002_cf9cc913bd578db9"}
    assert later.changes["removed"] == []
    store.close()


def test_a_new_article_is_checked_against_stored_ones(tmp_path, auditor):
    """Claims of earlier runs take part in corroboration of a later, separate batch."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    shutil.copy(SEEDS / "002_cf9cc913bd578db9.txt", first)
    shutil.copy(SEEDS / "003_3afaf3625089db91.txt", second)
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    auditor.run([str(first)], store)
    result = auditor.run([str(second)], store)
    linked = [c for c in result.claims if any(l.claim not in {x.id for x in result.claims}
                                              for l in c.corroboration.links)]
    assert linked, "no claim of the new article links to the stored one"
    assert result.joined == [str(first / "002_cf9cc913bd578db9.txt")]       # outside the working folder: absolute
    from audit.render.markdown import render_markdown
    summary = render_markdown(result).split("## Summary", 1)[1].split("###", 1)[0]
    assert "**Also compared with** 1 earlier article from the store" in summary and "002\\_cf9cc913bd578db9.txt" in summary
    store.close()


def test_a_deleted_article_stops_counting_and_its_claims_are_reported_dropped(tmp_path, auditor):
    """A file deleted since the last run joins no later corroboration (nor the run after), and its claims
    are the ones reported dropped."""
    folder = _copy_seeds(tmp_path)
    with Store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        first = auditor.run([str(folder)], store)
        deleted = sorted(folder.glob("*.txt"))[4]
        gone = {c.id for c in first.claims if first.documents[4].id == c.document}
        assert first.documents[4].path == str(deleted) and gone
        deleted.unlink()
        alone = codec.to_json(auditor.run([str(folder)], None).claims)
        for n in range(2):
            again = auditor.run([str(folder)], store)
            assert again.context_run is None and codec.to_json(again.claims) == alone   # the files alone decide
            assert set(again.changes["removed"]) == (gone if n == 0 else set())
            assert {(r.id, r.path, r.line, r.text) for r in again.removed_claims} == (
                {(c.id, str(deleted), c.line, c.text) for c in first.claims if c.id in gone} if n == 0 else set())
            stored = store.load_run(again.run.id)
            assert stored is not None and stored.removed_claims == again.removed_claims


def test_checking_one_file_reports_no_other_file_as_dropped_and_says_what_joined(tmp_path, auditor):
    """`check FILE` against its folder's run: the rest of the folder joins (said in a notice) but is not
    "dropped"; a run over other files entirely is not compared with that run."""
    folder = _copy_seeds(tmp_path)
    with Store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        whole = auditor.run([str(folder)], store)
        one = auditor.run([str(sorted(folder.glob("*.txt"))[1])], store)
        assert one.context_run == whole.run.id and one.previous_run == whole.run.id
        assert one.changes["removed"] == []
        [said] = [n for n in one.notices if n.message.startswith("corroborated with")]
        assert "claims of 4 earlier articles" in said.message and whole.run.id in said.message
        again = auditor.run([str(folder)], store)   # compared with the folder as last told, not the one file
        assert again.previous_run == one.run.id and again.changes["new"] == again.changes["removed"] == []
        other = tmp_path / "elsewhere"
        other.mkdir()
        (other / "x.txt").write_text("Officials said 12 people were questioned on Monday.\n", encoding="utf-8")
        apart = auditor.run([str(other)], store)
        assert apart.previous_run is None and apart.changes == {}


def test_a_stored_article_with_a_document_id_this_run_uses_still_joins(tmp_path, auditor):
    """The same file name in two folders gives two documents the same id: the stored one joins the other's
    corroboration under an id of its own, instead of being taken for the same document."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    text = (SEEDS / "003_3afaf3625089db91.txt").read_text(encoding="utf-8")
    (first / "x.txt").write_text(text, encoding="utf-8")
    (second / "x.txt").write_text(text.replace("50 captives", "fifty captives", 1), encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        stored = auditor.run([str(first)], store)
        result = auditor.run([str(second / "x.txt")], store)
    assert result.documents[0].id == stored.documents[0].id                 # the same id, two documents
    stored_ids = {c.id for c in stored.claims}
    assert any(k.claim in stored_ids for c in result.claims for k in c.corroboration.links)


def test_readability_is_computed_offline(seed_result):
    doc = seed_result.documents[0]
    score = flesch(doc)
    assert score is not None and -50 < score < 120


READABILITY_RULE = """\
id: house_dense_prose
signal: readability
severity: info
weight: 0
message: "Hard to read (Flesch reading ease under 30)"
rationale: "Dense prose hides who said what."
standard: "House style 1.1"
when: {field: document.readability, lte: 30}
examples:
  match: ["Notwithstanding multilateral institutional considerations, parliamentary representatives characterised the governmental reconfiguration as fundamentally unconstitutional, officials said."]
  no_match: ["The man said the dog ran. The cat sat."]
"""


def test_rules_can_read_document_readability_without_the_option(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "dense.yaml").write_text(READABILITY_RULE)
    auditor = Auditor([tmp_path / "house"])
    (tmp_path / "dense.txt").write_text("Notwithstanding multilateral institutional considerations, parliamentary "
                                        "representatives characterised the governmental reconfiguration as "
                                        "fundamentally unconstitutional, officials said.\n")
    (tmp_path / "plain.txt").write_text("The man said the dog ran. The cat sat.\n")
    result = auditor.run([str(tmp_path / "dense.txt"), str(tmp_path / "plain.txt")], None)
    fired = {d.path.rsplit("/", 1)[-1]: any(f.rule == "house_dense_prose" for c in result.claims_of(d.id)
                                            for f in c.findings) for d in result.documents}
    assert fired == {"dense.txt": True, "plain.txt": False}
    assert all(d.readability is not None for d in result.documents)


def test_textstat_needs_no_download(tmp_path):
    """textstat 0.7.8 ships its dictionary: a fresh process with networking disabled still counts syllables."""
    code = ("import socket\n"
            "def no(*a, **k): raise OSError('network disabled')\n"
            "socket.socket.connect = no\n"
            "import textstat\n"
            "print(textstat.syllable_count('extraordinary negotiations'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 9


def test_claim_offsets_and_lines_point_into_the_file(seed_result):
    docs = {d.id: d for d in seed_result.documents}
    for c in seed_result.claims:
        doc = docs[c.document]
        assert doc.text[c.start:c.end] == c.text
        line_text = doc.text.splitlines()[c.line - 1]
        assert line_text[c.col - 1:].startswith(c.text[:20])
        for f in c.findings:
            assert doc.text[f.evidence.start:f.evidence.end] == f.evidence.text


def test_auditor_reports_a_broken_user_rule_with_its_line(tmp_path):
    rules = tmp_path / "myrules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("rules:\n  - id: x\n    signal: s\n    severty: error\n", encoding="utf-8")
    try:
        Auditor([rules])
    except Exception as exc:  # ConfigError
        problems = str(exc).splitlines()
        assert f"{rules / 'bad.yaml'}:4:5: unknown key 'severty' in a rule (did you mean 'severity'?)" in problems
        assert f"{rules / 'bad.yaml'}:2:5: rule is missing 'weight'" in problems
        assert not any("missing 'severity'" in p for p in problems), problems
    else:
        raise AssertionError("an invalid rule file was accepted")


def test_a_run_whose_analyses_are_all_cached_compiles_no_extractor(tmp_path):
    folder = _copy_seeds(tmp_path, names={"000", "001"})
    with Store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        Auditor().run([str(folder)], store)
        checker = Auditor()
        one = sorted(folder.glob("*.txt"))[0]
        result = checker.run([str(one)], store)        # corroborated again with the other file's claims
        assert result.claims and result.run.reused == 1
        assert "extractor" not in vars(checker) and "frames" not in vars(checker)
        one.write_text(one.read_text(encoding="utf-8") + "\nOfficials said 12 people were questioned.\n",
                       encoding="utf-8")
        checker.run([str(one)], store)
        assert "extractor" in vars(checker)


@pytest.mark.parametrize("as_json", [(), ("previous",), ("previous", "later")])
def test_changes_since_the_previous_run_name_each_kind_of_change(as_json):
    """The same changes whether the runs hold their claims or the store's JSON of them (Store.load_run
    with claims=False)."""
    from dataclasses import replace

    from audit.codec import to_json
    from audit.models import AuditResult, Claim, Corroboration, Document, Link, RunInfo
    from audit.pipeline import compare

    def claim(cid, status="uncorroborated", links=()):
        return Claim(cid, "d", "text", 0, 4, 1, 1, corroboration=Corroboration(status, links=list(links)))

    def run(run_id, claims):
        return AuditResult(RunInfo(run_id, "2024-01-01T00:00:00", "0", "h"), [Document("d", "a.txt", "s", "")],
                           claims, [])

    conflict, update = Link("b", "conflicts", "w", figure_relation="conflicting"), Link("x", "updates", "w",
                                                                                        figure_relation="update")
    previous = run("r1", [claim("a"), claim("b", links=[conflict]), claim("c", "corroborated"), claim("gone"),
                          claim("e", links=[Link("b", "conflicts", "w")]), claim("f", links=[update])])
    later = run("r2", [claim("a", links=[conflict]), claim("b", links=[conflict]), claim("c"), claim("new"),
                       claim("e", links=[Link("b", "conflicts", "w")]), claim("f", links=[update]),
                       claim("g", links=[Link("a", "updates", "w", figure_relation="update")])])
    if "previous" in as_json:
        previous = replace(previous, claims=[],
                           stored_claims=[to_json(previous.claims[:2]), to_json(previous.claims[2:])])
    if "later" in as_json:
        later = replace(later, claims=[], stored_claims=[to_json(later.claims)])
    compare(later, previous)
    assert later.previous_run == "r1"
    assert later.changes == {"new": ["new", "g"], "removed": ["gone"], "status_changed": ["c"],
                             "newly_conflicting": ["a"], "revised_figures": ["f"]}


def test_a_folder_audited_again_after_checking_one_of_its_files_takes_its_stored_run(tmp_path, auditor, monkeypatch):
    from audit import codec

    folder = _copy_seeds(tmp_path)
    with Store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        first = auditor.run([str(folder)], store)
        checked = auditor.run([str(sorted(folder.glob("*.txt"))[1])], store)
        with monkeypatch.context() as patched:
            patched.setattr(Auditor, "_computed", lambda *a, **k: pytest.fail("worked out again"))
            again = auditor.run([str(folder)], store)
        assert again.run.reused == len(first.documents)
        assert again.previous_run == checked.run.id
        assert again.changes["new"] == []       # compared with the folder as last told, not the one file alone
        assert codec.to_json(again.claims) == codec.to_json(first.claims) == codec.to_json(
            auditor.run([str(folder)], None).claims)
        assert store.latest().input_key is not None
        other = tmp_path / "other.txt"
        other.write_text("Officials said 12 people were questioned on Monday.\n", encoding="utf-8")
        auditor.run([str(other)], store)
        joined = auditor.run([str(folder)], store)          # the other file's claims join: computed, not taken
        assert joined.run.reused == len(first.documents) and store.latest().input_key is None


def test_a_figure_edited_in_place_is_a_revised_figure_not_a_new_and_a_removed_claim(tmp_path, auditor):
    """Changing "21" to "19" in a sentence gives the claim a new id: it was reported as one new claim and
    one removed; it is the same sentence with its figures revised."""
    folder = tmp_path / "story"
    folder.mkdir()
    article = folder / "a.md"
    text = "---\noutlet: Daily\npublished: 2026-02-09\n---\nPolice said {} students were still being held.\n\nThe school stayed closed.\n"
    article.write_text(text.format(21))
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        auditor.run([str(folder)], store)
        article.write_text(text.format(19))
        later = auditor.run([str(folder)], store)
    [edited] = [c for c in later.claims if "19 students" in c.text]
    assert later.changes["new"] == later.changes["removed"] == [] and later.removed_claims == []
    assert later.changes["revised_figures"] == [edited.id]
