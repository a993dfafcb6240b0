"""Nothing from the corpus becomes markup: hostile article text, metadata and file names go through the
real pipeline into the report, the `markdown` output format and the GitHub step summary, which are then
rendered with markdown-it-py (CommonMark and tables) and cmark-gfm (GitHub-flavoured, raw HTML allowed)
and checked for links, images, HTML elements and headings that the report itself did not write."""
from __future__ import annotations

import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.render.formats import FORMATS
from audit.render.github import step_summary
from audit.render.markdown import render_markdown

markdown_it = pytest.importorskip("markdown_it")
cmarkgfm = pytest.importorskip("cmarkgfm")
from cmarkgfm.cmark import Options  # noqa: E402

PAYLOAD = ("# X <script>alert(1)</script> ![i](x) <http://x> [n](http:evil.example) <img src=x> "
           "| pipes | `tick` ``` ~~~ --- > quote\r1. item <b>bold</b> &amp; www.evil.example @user")
FILE_NAMES = ["[n](http:evil.example) <img src=x>.txt", "a\n---\n# X.txt", "| pipe |`x`.md"]
ARTICLE = (PAYLOAD + "\n\nA senior official told CNN that 12 soldiers were killed. " + PAYLOAD +
           "\n\nThe army said 40 fighters were captured, according to Al Jazeera.\n")
MARKDOWN_ARTICLE = ("---\ntitle: \"# T <script>x</script> [t](http://evil.example)\"\n"
                    "outlet: \"![o](http://evil.example/o.png) <b>Outlet</b>\"\n"
                    "author: \"<img src=x onerror=alert(1)>\"\nurl: \"javascript:alert(1)\"\n---\n\n" + ARTICLE)
ELEMENTS = {"h1", "h2", "h3", "p", "br", "ul", "ol", "li", "strong", "em", "code", "pre", "table", "thead",
            "tbody", "tr", "th", "td"}
OWN_ATTRIBUTES = {("class", "language-mermaid"), ("lang", "mermaid"), ("align", "left"), ("align", "right"),
                  ("style", "text-align:left"), ("style", "text-align:right")}
H3_PREFIXES = ("Check these first", "Findings shared by several claims", "“", "Conflict ", "Documents",
               "Rules and inputs", "New claims", "Corroboration status changed", "Revised figures",
               "Newly conflicting", "No longer in the corpus")


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of every heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def renderings(markdown: str) -> dict[str, str]:
    """The document as HTML from both renderers, front matter dropped as GitHub does."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    return {
        "markdown-it": markdown_it.MarkdownIt("commonmark").enable("table").render(body),
        "cmark-gfm": cmarkgfm.github_flavored_markdown_to_html(body, options=Options.CMARK_OPT_UNSAFE),
    }


def assert_inert(markdown: str) -> None:
    for renderer, html in renderings(markdown).items():
        parsed = Elements()
        parsed.feed(html)
        tags = {tag for tag, _ in parsed.tags}
        assert tags <= ELEMENTS, (renderer, tags - ELEMENTS)
        attributes = {(k, v) for _, attrs in parsed.tags for k, v in attrs.items()}
        assert all(attribute in OWN_ATTRIBUTES for attribute in attributes), (renderer, attributes - OWN_ATTRIBUTES)
        assert [text for tag, text in parsed.headings if tag == "h1"] == ["Sourcing and provenance audit"]
        for tag, text in parsed.headings:
            assert tag != "h3" or text.startswith(H3_PREFIXES), (renderer, text)
            assert tag != "h2" or not text.startswith(("X", "T ")), (renderer, text)
        assert "<script" not in html and "<img" not in html and "href=" not in html, renderer


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name in FILE_NAMES:
        (folder / name).write_text(MARKDOWN_ARTICLE if name.endswith(".md") else ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_result(auditor, hostile_corpus):
    result = auditor.run([str(hostile_corpus)], None)
    assert result.claims and len(result.documents) == 4
    return result


def test_the_report_command_writes_nothing_live(capsys, hostile_corpus, tmp_path):
    target = tmp_path / "report.md"
    code, _, _ = run_cli(capsys, "report", str(hostile_corpus), "--no-store", "--isolated", "-o", str(target))
    assert code == 0
    report = target.read_text(encoding="utf-8")
    assert "evil.example" in report                         # the payload is shown, as text
    assert_inert(report)
    manifest = (tmp_path / "report.manifest.json").read_text(encoding="utf-8")
    assert "[n](http:evil.example) <img src=x>.txt" in manifest   # JSON keeps the name as it is


@pytest.mark.parametrize("output", ["report", "markdown format", "step summary"])
def test_every_markdown_output_is_inert(hostile_result, output):
    text = {"report": render_markdown, "markdown format": FORMATS["markdown"].render,
            "step summary": step_summary}[output](hostile_result)
    assert_inert(text)


def test_the_payload_is_shown_as_text(hostile_result):
    """Escaping keeps the characters: the rendered text holds the payload as written."""
    html = renderings(render_markdown(hostile_result))["cmark-gfm"]
    text = re.sub(r"<[^>]+>", "", html).replace("\u200d", "")
    for fragment in ("[n](http:evil.example) &lt;img src=x&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;",
                     "![i](x)", "&lt;http://x&gt;"):
        assert fragment in text


HOSTILE = st.lists(st.sampled_from(list("<>[]()!#|\\`*_~&@:/.-+=1 \n\r\tabxhtpsw") + [
    "http://", "www.", "<img src=x>", "<script>", "](", "---", "# ", "> ", "1. ", "```", "<b>"]),
    min_size=1, max_size=40).map("".join)
NAME = st.lists(st.sampled_from(list("<>[]()!#|`*_~&@:.-+= abx") + ["\n---\n", "\n# ", "http:"]),
                min_size=1, max_size=20).map("".join)


@given(text=HOSTILE, name=NAME)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_hostile_text_and_file_name_stay_inert(auditor, text, name):
    article = f"{text}\n\nA senior official told CNN that 12 soldiers were killed. {text}\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (name.replace("/", "_").strip() or "x")
        path.with_suffix(".txt").write_text(article, encoding="utf-8")
        result = auditor.run([folder], None)
    assert_inert(render_markdown(result))
