"""Furniture learned from the corpus: sentences one outlet repeats across its documents, set aside."""
from __future__ import annotations

import yaml

from audit.store import Store

CALL_TO_ACTION = "Follow our live coverage of the war on our website and in the app."
BACKGROUND = "Hamas killed about 1,200 people in Israel on Oct. 7, according to Israeli officials."
STORIES = [
    "Aid trucks waited at the Rafah crossing for a third day, officials at the border said.",
    "The hospital's generators ran out of fuel on Tuesday, its director told reporters.",
    "Talks in Doha continued into the night, according to two diplomats.",
    "Rain flooded tents in the south of the strip overnight, residents said.",
]


def _corpus(folder, n: int, outlet: str = "Daily Planet"):
    folder.mkdir(exist_ok=True)
    meta = {}
    for i in range(n):
        name = f"story{i}.txt"
        (folder / name).write_text(f"Story {i}\n\n{STORIES[i]}\n\n{BACKGROUND}\n\n{CALL_TO_ACTION}\n",
                                   encoding="utf-8")
        meta[name] = {"outlet": outlet, "published": f"2023-11-{10 + i}"}
    (folder / "metadata.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    return folder


def test_a_sentence_one_outlet_repeats_is_set_aside_and_listed(tmp_path, auditor):
    result = auditor.run([str(_corpus(tmp_path / "news", 4))])
    texts = [c.text for c in result.claims]
    assert CALL_TO_ACTION not in texts
    assert texts.count(BACKGROUND) == 4                       # it reports something: still a claim
    [learned] = result.learned_furniture
    assert (learned.outlet, learned.text, learned.of) == ("Daily Planet", CALL_TO_ACTION, 4)
    assert learned.documents == sorted(d.id for d in result.documents)
    assert all(any(f.text == CALL_TO_ACTION for f in d.furniture) for d in result.documents)


def test_two_documents_or_no_outlet_teach_nothing(tmp_path, auditor):
    two = auditor.run([str(_corpus(tmp_path / "two", 2))])
    assert two.learned_furniture == [] and sum(c.text == CALL_TO_ACTION for c in two.claims) == 2
    folder = _corpus(tmp_path / "unknown", 4)
    (folder / "metadata.yaml").unlink()
    assert auditor.run([str(folder)]).learned_furniture == []


def test_the_cut_is_part_of_the_analysis_cache_key(tmp_path, auditor):
    folder = _corpus(tmp_path / "news", 3)
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    first = auditor.run([str(folder)], store)
    assert first.learned_furniture and CALL_TO_ACTION not in [c.text for c in first.claims]
    assert auditor.run([str(folder)], store).run.reused == 3
    (folder / "story2.txt").unlink()                          # two documents left: nothing is learned
    third = auditor.run([str(folder)], store)
    assert third.run.reused == 0 and third.learned_furniture == []
    assert sum(c.text == CALL_TO_ACTION for c in third.claims) == 2
    store.close()


def test_the_report_says_what_was_set_aside(tmp_path, auditor):
    from audit.render.markdown import render_markdown

    report = render_markdown(auditor.run([str(_corpus(tmp_path / "news", 4))]))
    assert "**Set aside as furniture:** 1 sentence that an outlet repeats word for word" in report
    assert f"- Daily Planet: “{CALL_TO_ACTION}” (in 4 of 4 articles)" in report
    assert "Set aside as furniture" not in render_markdown(auditor.run([str(_corpus(tmp_path / "two", 2))]))
