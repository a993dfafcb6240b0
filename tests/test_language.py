"""The language pack: one merged set of lexicons that every stage reads, a user's entries included."""
from __future__ import annotations

from pathlib import Path

import pytest

from audit.errors import ConfigError
from audit.language import LanguagePack, norm
from audit.pipeline import Auditor

ARTICLE = """Flood relief stalls

A gazillion people were evacuated on Monday, the mayor said.

Subscribe to the Riverside Ledger newsletter
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def house(tmp_path) -> Path:
    """A user's rule folder whose lexicons add a vague quantity and a furniture line."""
    write(tmp_path / "house" / "lexicons" / "figures.yaml", "quantity_vague:\n  gazillion: [1000000000, null]\n")
    write(tmp_path / "house" / "lexicons" / "furniture.yaml",
          "furniture:\n  lines:\n    newsletter: 'subscribe to the [\\w ]+ newsletter'\n")
    return tmp_path / "house"


def audit(tmp_path: Path, rule_dirs: list[Path]):
    article = write(tmp_path / "articles" / "flood.txt", ARTICLE)
    return Auditor(rule_dirs=rule_dirs).run([str(article)], corroboration=False)


def test_a_user_lexicon_reaches_figures_and_furniture(tmp_path, house):
    result = audit(tmp_path, [house])
    figures = [q for c in result.claims for q in c.quantities]
    assert [(q.text, q.low, q.high, q.unit, q.vague) for q in figures] == [
        ("gazillion", 1000000000, None, "people", True)]
    (doc,) = result.documents
    assert "Subscribe to the Riverside Ledger newsletter" in [span.text for span in doc.furniture]
    assert not any("newsletter" in c.text for c in result.claims)


def test_without_the_user_lexicon_neither_applies(tmp_path):
    result = audit(tmp_path, [])
    assert not [q for c in result.claims for q in c.quantities if q.text == "gazillion"]
    assert any("newsletter" in c.text for c in result.claims)


def test_lists_extend_and_mappings_merge_key_by_key(tmp_path, house):
    builtin, merged = LanguagePack.builtin(), LanguagePack.load([house])
    assert set(merged["quantity_vague"]) == set(builtin["quantity_vague"]) | {"gazillion"}
    assert list(merged["furniture"]["lines"]) == [*builtin["furniture"]["lines"], "newsletter"]
    assert merged["furniture"]["macros"] == builtin["furniture"]["macros"]
    write(house / "lexicons" / "more.yaml", "months: [brumaire]\n")
    assert LanguagePack.load([house])["months"] == [*builtin["months"], "brumaire"]


@pytest.mark.parametrize("text, line, message", [
    ("hedges: [reportedly, no]\n", 1, "lexicon list 'hedges' holds False, not text: quote it"),
    ("hedges:\n  - reportedly\n  - 12\n", 3, "lexicon list 'hedges' holds 12, not text"),
    ("hedges: reportedly\n", 1, "lexicon entry 'hedges' must be a list or a mapping"),
    ("- reportedly\n", 1, "a lexicon file must be a mapping"),
    ("hedges: [reportedly\n", 1, "invalid YAML"),
])
def test_a_bad_lexicon_entry_names_its_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path / "house" / "lexicons" / "bad.yaml", text)
    with pytest.raises(ConfigError) as info:
        LanguagePack.load([tmp_path / "house"])
    assert (info.value.path, info.value.line) == (str(path), line)
    assert message in info.value.message


def test_a_bad_furniture_pattern_is_a_configuration_error(tmp_path):
    write(tmp_path / "house" / "lexicons" / "furniture.yaml", "furniture:\n  lines:\n    broken: '(unclosed'\n")
    with pytest.raises(ConfigError, match="furniture pattern 'broken'"):
        audit(tmp_path, [tmp_path / "house"])


def test_compiled_forms_are_built_once_per_pack():
    pack = LanguagePack.load()
    built = []
    assert pack.compiled(lambda p: built.append(p) or len(built)) == 1
    build = lambda p: built.append(p) or len(built)  # noqa: E731
    assert pack.compiled(build) == pack.compiled(build) == 2


def test_one_normalisation_for_lexicon_phrases():
    assert norm("  According\tTo  ") == "according to"
    assert norm("People’s") == "people's"


def test_subject_ending_words_come_from_the_lexicon(tmp_path):
    """The pronouns opening a subject and the prepositions that keep an "-ed" word inside it are data."""
    from audit.attribution.vocabulary import Vocabulary

    builtin = LanguagePack.builtin().compiled(Vocabulary).verb_after_name_re
    assert builtin.search("Officials based in Ohio") is None                 # "based in": a participle
    assert builtin.search("she shared a syllabus").group("verb").strip() == "shared"
    write(tmp_path / "house" / "lexicons" / "grammar.yaml",
          "participle_prepositions: [a]\nsubject_opening_pronouns: [we]\n")
    house = LanguagePack.load([tmp_path / "house"]).compiled(Vocabulary).verb_after_name_re
    assert house.search("Ortiz shared a syllabus") is None                   # "shared a" now a participle
    assert house.search("we shared the syllabus").group("verb").strip() == "shared"
