"""One bad input never costs the others (issue 11): each hostile JSON Lines file beside one good article,
through the CLI into a store; the good article's claims are in the output and in the store, whatever
the bad one does, and the run is saved."""
from __future__ import annotations

import json

import pytest
from conftest import SEEDS, run_cli

from audit.identity import unique_claim_ids, unique_document_ids
from audit.models import Attribution, Claim, Document
from audit.rules import RuleSet
from audit.store import Store

GOOD = (SEEDS / "004_46c607ac9c3904df.txt").read_bytes()
SAID = "The health ministry said 5 people died in the attack on Tuesday."
HUGE = "9" * 400                                        # past the largest float: infinite
LARGEST = f"between 1{'0' * 308} and 17{'0' * 307}"     # finite, but their sum is not


def record(**fields) -> str:
    return json.dumps(fields)


CASES = {     # name -> (bytes of feed.jsonl, exit code, text expected on stderr)
    "duplicate records": ((record(id="a", text=SAID) + "\n") * 2, 0, "feed.jsonl:2: warning: document id 'a'"),
    "a record repeating another's sentence": (record(text=SAID) + "\n" + record(text=SAID, title="Again") + "\n",
                                              0, ""),
    "wrong field types": ("\n".join([record(text=5), record(text=SAID, published=5),
                                     record(text=SAID, id={"x": [1]}, title=["a", 2], outlet=7.5)]) + "\n",
                          2, "feed.jsonl:2: cannot read the date '5'"),
    "a BOM with CRLF": ("\ufeff" + record(text=SAID) + "\r\n" + record(text="Police said 3 were hurt.") + "\r\n",
                        0, ""),
    "a figure past what a float holds": (record(text=f"Officials said more than {HUGE} people were killed.") + "\n"
                                         + record(text=f"The army said more than {HUGE} people were killed.")
                                         + "\n" + record(text=f"Medics said {LARGEST} people were killed.")
                                         + "\n" + record(text=f"The UN said {LARGEST} people were killed.")
                                         + "\n", 0, ""),
}


def audit_beside_good(tmp_path, monkeypatch, capsys, feed: str, db: str) -> tuple[int, dict, str]:
    (tmp_path / "ok.txt").write_bytes(GOOD)
    (tmp_path / "feed.jsonl").write_bytes(feed.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "scan", ".", "--db", db, "--format", "json")
    assert "internal error:" not in err and "could not save" not in err, err
    return code, json.loads(out), err


def assert_good_article_kept(data: dict, db: str) -> None:
    good = {c["id"] for c in data["claims"] if c["document"] == "ok"}
    assert len(good) > 5
    with Store(db) as store:
        stored = store.load_run()
    assert good <= {c.id for c in stored.claims}
    assert [d.id for d in stored.documents] == [d["id"] for d in data["documents"]]


@pytest.mark.parametrize("case", CASES)
def test_a_bad_record_never_costs_the_good_article(tmp_path, monkeypatch, capsys, store_url, case):
    feed, expected_code, expected_err = CASES[case]
    code, data, err = audit_beside_good(tmp_path, monkeypatch, capsys, feed, store_url)
    assert code == expected_code, err
    assert expected_err in err
    assert_good_article_kept(data, store_url)
    ids = [c["id"] for c in data["claims"]]
    assert len(ids) == len(set(ids))


def test_an_internal_error_in_one_document_is_a_located_skip(tmp_path, monkeypatch, capsys, fragile_extractor):
    feed = record(text=SAID) + "\n" + record(text="BOOM said the minister.") + "\n"
    db = f"sqlite:///{tmp_path / 'a.db'}"
    code, data, err = audit_beside_good(tmp_path, monkeypatch, capsys, feed, db)
    assert code == 2
    assert ("skipped feed.jsonl:2: internal error while analysing: ZeroDivisionError: division by zero; "
            "please report") in err
    assert {d["id"] for d in data["documents"]} == {"ok", "feed-1"}
    assert_good_article_kept(data, db)


def test_an_internal_error_in_corpus_rules_skips_that_document_only(tmp_path, monkeypatch, capsys):
    apply = RuleSet.apply

    def fragile(self, claims, doc, registry, scope):
        if scope == "corpus" and doc.path.endswith(".jsonl"):
            raise KeyError("boom")
        return apply(self, claims, doc, registry, scope)

    monkeypatch.setattr(RuleSet, "apply", fragile)
    db = f"sqlite:///{tmp_path / 'a.db'}"
    code, data, err = audit_beside_good(tmp_path, monkeypatch, capsys, record(text=SAID) + "\n", db)
    assert code == 2 and "skipped feed.jsonl:1: internal error while applying corpus rules: KeyError" in err
    assert [d["id"] for d in data["documents"]] == ["ok"]
    assert_good_article_kept(data, db)


def test_an_internal_error_in_corroboration_keeps_every_claim(tmp_path, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("audit.corroborate.corroborate", broken)
    db = f"sqlite:///{tmp_path / 'a.db'}"
    code, data, err = audit_beside_good(tmp_path, monkeypatch, capsys, record(text=SAID) + "\n", db)
    assert code == 2 and "internal error while corroborating: RuntimeError: boom" in err
    assert {c["corroboration"]["status"] for c in data["claims"]} == {"uncorroborated"}
    assert_good_article_kept(data, db)


def test_a_repeated_document_id_gets_a_stable_suffix_and_a_note():
    docs = [Document(id=i, path="feed.jsonl", sha256="", text="", line_numbers=[n])
            for n, i in enumerate(["a", "a", "a-2", "b\x00", "b\ufffd"], 1)]
    notices = unique_document_ids(docs)
    assert [d.id for d in docs] == ["a", "a-2", "a-2-2", "b\ufffd", "b\ufffd-2"]
    assert len(notices) == 3 and (notices[0].line, notices[0].message) == (
        2, "document id 'a' is already used by feed.jsonl:1; this document is 'a-2'")


def test_a_repeated_claim_id_is_renamed_and_its_carry_overs_follow():
    def claim(cid, doc, inherited_from=None):          # attributions hold copies, as a worker's decoded analysis
        return Claim(id=cid, document=doc, text="", start=0, end=0, line=1, col=1,
                     attribution=Attribution(inherited_from=inherited_from),
                     attributions=[Attribution(inherited_from=inherited_from)])

    claims = [claim("c1", "a"), claim("c1", "b"), claim("c2", "b", inherited_from="c1"),
              claim("c2", "a", inherited_from="c1")]
    unique_claim_ids(claims)
    renamed = claims[1].id
    assert len({c.id for c in claims}) == 4 and renamed not in ("c1", "c2")
    assert claims[2].attribution.inherited_from == claims[2].attributions[0].inherited_from == renamed
    assert claims[3].attribution.inherited_from == claims[3].attributions[0].inherited_from == "c1"
    again = [claim("c1", "a"), claim("c1", "b")]
    unique_claim_ids(again)
    assert again[1].id == renamed                                # stable from run to run


def test_a_reader_crash_costs_only_its_file(tmp_path, monkeypatch, capsys):
    from audit.readers import READERS, Reader

    def crash(source):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(READERS, ".jsonl", Reader("jsonl", crash))
    db = f"sqlite:///{tmp_path / 'a.db'}"
    code, data, err = audit_beside_good(tmp_path, monkeypatch, capsys, record(text=SAID) + "\n", db)
    assert code == 2 and "skipped feed.jsonl: internal error while reading: RecursionError" in err
    assert_good_article_kept(data, db)
