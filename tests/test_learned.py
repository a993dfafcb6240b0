"""The optional learned cue tagger: deterministic training, save/load, and use on sentences the rules miss."""
from __future__ import annotations

from audit.attribution.learned import CueTagger, tokenize
from audit.models import Document

# Made-up training sentences: "grumbled" and "mused aloud" are the cues ("mused" alone is in the lexicon).
_TRAIN = [
    ("The mayor grumbled that the budget was late .", {"grumbled"}),
    ("Senator Ortiz grumbled about the vote .", {"grumbled"}),
    ("Residents grumbled that buses were slow .", {"grumbled"}),
    ("The coach mused aloud that the team was tired .", {"mused", "aloud"}),
    ("The budget was late again this year .", set()),
    ("Buses were slow on Monday .", set()),
    ("The team was tired after the match .", set()),
    ("The vote was held on Tuesday .", set()),
]


def _data():
    out = []
    for sentence, cue_words in _TRAIN:
        words = [t for _, _, t in tokenize(sentence)]
        tags, prev = [], "O"
        for w in words:
            tag = ("I" if prev != "O" else "B") if w in cue_words else "O"
            tags.append(tag)
            prev = tag
        out.append((words, tags))
    return out


def test_training_is_deterministic_and_learns_the_cues():
    a = CueTagger.train(_data(), epochs=8)
    b = CueTagger.train(_data(), epochs=8)
    assert a.weights == b.weights
    s = "The governor grumbled that the roads were bad."
    assert [s[x:y] for x, y in a.cues(s)] == ["grumbled"]
    assert a.cues("The roads were bad on Monday.") == []


def test_margin_trades_recall_for_precision():
    model = CueTagger.train(_data(), epochs=8)
    s = "The governor grumbled that the roads were bad."
    assert model.cues(s, margin=-1000.0)           # a very low margin opens a cue at every token
    assert model.cues(s, margin=1000.0) == []


def test_save_and_load_round_trip(tmp_path):
    model = CueTagger.train(_data(), epochs=4)
    model.margin = -2.5
    path = tmp_path / "cues.json"
    model.save(path)
    again = CueTagger.load(path)
    assert again.weights == model.weights and again.margin == -2.5
    assert again.pronouns == model.pronouns


def test_the_pronoun_feature_reads_its_words_from_the_language_pack(tmp_path):
    from audit.attribution.learned import default_pronouns, features
    from audit.language import LanguagePack

    assert default_pronouns() == frozenset(LanguagePack.builtin()["cue_tagger_pronouns"])
    assert "pron=True" in features(["she", "grumbled"], 1, "O", frozenset({"she"}))
    assert "pron=False" in features(["she", "grumbled"], 1, "O", frozenset({"they"}))
    model = CueTagger.train(_data(), epochs=2, pronouns=frozenset({"residents"}))
    path = tmp_path / "cues.json"
    model.save(path)
    assert CueTagger.load(path).pronouns == frozenset({"residents"})   # a model keeps the list it was trained with


def test_the_extractor_uses_a_model_only_when_asked(auditor, tmp_path):
    text = "The governor grumbled that the roads were bad."
    doc = Document(id="t", path="t.txt", sha256="", text=text, regions=[(0, len(text))], meta={})
    [claim] = auditor.extractor.claims(doc)
    assert claim.attribution.kind == "none" and claim.attribution.cue is None      # rules alone: no cue word
    path = tmp_path / "cues.json"
    CueTagger.train(_data(), epochs=8).save(path)
    try:
        auditor.extractor.use_cue_model(path)
        [claim] = auditor.extractor.claims(doc)
        assert (claim.attribution.cue, claim.attribution.source) == ("grumbled", "The governor")
    finally:
        auditor.extractor.use_cue_model(None)
    [claim] = auditor.extractor.claims(doc)
    assert claim.attribution.cue is None


def test_a_missing_or_foreign_model_file_is_refused_with_its_path(tmp_path):
    import pytest

    from audit.errors import AuditError

    with pytest.raises(AuditError, match="cannot read"):
        CueTagger.load(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(AuditError, match="not a cue tagger model"):
        CueTagger.load(bad)
