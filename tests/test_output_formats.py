"""The output-format table is the one place a format is defined: the CLI's --format and --output read it,
and every renderer has the signature render(result, options)."""
from __future__ import annotations

from pathlib import Path

import pytest

from audit.render.formats import FORMATS, LISTED_FORMATS, OutputFormat, RenderOptions
from conftest import run_cli as run

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "A senior official, who was not authorised to speak, said the talks had stalled.\n"


def render_toy(result, options: RenderOptions) -> str:
    return f"toy: {len(result.documents)} document(s), fail level {options.fail_level}, colour {options.colour}\n"


@pytest.fixture
def toy(monkeypatch, tmp_path):
    monkeypatch.setitem(FORMATS, "toy", OutputFormat("toy", f"{__name__}:render_toy"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")


def test_a_format_added_to_the_table_is_a_format_choice(capsys, toy):
    code, out, err = run(capsys, "scan", "a.txt", "--no-store", "--isolated", "--format", "toy")
    assert code == 0, err
    assert out == "toy: 1 document(s), fail level info, colour False\n"


def test_a_format_added_to_the_table_is_an_output_target_with_the_check_options(capsys, toy, tmp_path):
    code, _, err = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "warning",
                       "--exit-zero", "--output", "toy=out/a.toy")
    assert code == 0, err
    assert (tmp_path / "out/a.toy").read_text() == "toy: 1 document(s), fail level warning, colour False\n"


def test_an_unknown_format_names_the_table(capsys):
    code, _, err = run(capsys, "scan", "seeds", "--no-store", "--format", "xml")
    assert code == 2
    assert "'xml' is not one of " + ", ".join(map(repr, LISTED_FORMATS)) + "." in err


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_renderer_takes_the_result_and_options(seed_result, name):
    text = FORMATS[name].render(seed_result, RenderOptions(root=ROOT))
    assert isinstance(text, str) and text.strip()


def test_concise_and_text_are_the_same_format():
    assert FORMATS["text"].renderer == FORMATS["concise"].renderer
