"""The output-format table is the one place a format is defined: the CLI's --format and --output read it,
and every renderer has the signature render(result, options)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from audit.render.formats import FORMATS, LISTED_FORMATS, OutputFormat, Rendered, RenderOptions
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


def whole(rendered: Rendered) -> str:
    return rendered if isinstance(rendered, str) else b"".join(rendered).decode()


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_renderer_takes_the_result_and_options(seed_result, name):
    rendered = FORMATS[name].render(seed_result, RenderOptions(root=ROOT))
    assert isinstance(rendered, str) or name in ("json", "jsonl")     # the JSON formats stream UTF-8 chunks
    assert whole(rendered).strip()


@pytest.mark.parametrize("per_chunk", [1, 2, 500])
def test_streamed_json_is_the_whole_contract_encoded_at_once(seed_result, per_chunk, monkeypatch):
    from audit.codec import to_json
    from audit.render.json_contract import contract

    monkeypatch.setattr("audit.render.json_contract.CLAIMS_PER_CHUNK", per_chunk)
    streamed = list(FORMATS["json"].render(seed_result))
    assert len(streamed) == -(-len(seed_result.claims) // per_chunk) + 2
    assert b"".join(streamed) == to_json(contract(seed_result), indent=2)
    empty = dataclasses.replace(seed_result, claims=[])
    assert b"".join(FORMATS["json"].render(empty)) == to_json(contract(empty), indent=2)


def test_concise_and_text_are_the_same_format():
    assert FORMATS["text"].renderer == FORMATS["concise"].renderer


def test_a_reader_that_stops_early_ends_the_json_quietly():
    """`audit scan ... --format json | head`: the streamed output meets a closed pipe; no error, exit 0."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "audit.cli", "scan", str(ROOT / "seeds"), "--no-store",
                                "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.read(10) == b'{\n  "schem'
    process.stdout.close()             # the output (about 400 KB) is larger than a pipe's buffer
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""
