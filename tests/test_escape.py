"""audit.escape: corpus text made inert for Markdown and Mermaid, shown as exactly its characters."""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.escape.markdown import ZWJ, code, inline, one_line
from audit.escape.mermaid import label

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200) | st.text(
    alphabet="<>[]()#|\\`*_~!&@:/.wh tp-+=1\n\r\t$", max_size=80)


def unescaped_pipes(text: str) -> int:
    return sum(len(m.group(1)) % 2 == 0 for m in re.finditer(r"(\\*)\|", text))


@pytest.mark.parametrize("text, expected", [
    ("# X", "\\# X"),
    ("---", "\\---"),
    ("1. item", "1\\. item"),
    ("> quote", "&gt; quote"),
    ("[n](http://evil.example)", "\\[n\\]\\(http:" + ZWJ + "//evil.example\\)"),
    ("![i](x)", "\\!\\[i\\]\\(x\\)"),
    ("<script>", "&lt;script&gt;"),
    ("a | b", "a \\| b"),
    ("line\rbreak\nhere", "line break here"),
    ("www.example.com @user #12", "www" + ZWJ + ".example.com @" + ZWJ + "user \\#" + ZWJ + "12"),
    ("_www.", "\\_www" + ZWJ + "."),          # GFM autolinks www. after an underscore too
])
def test_inline_examples(text, expected):
    assert inline(text) == expected


def test_code_spans_only_for_identifiers():
    assert code("a1b2c3-004") == "`a1b2c3-004`"
    assert code("x` <b>") == inline("x` <b>")
    assert code("http://x") == inline("http://x")


@given(TEXT)
@settings(max_examples=300)
def test_inline_leaves_nothing_live(s):
    out = inline(s)
    assert "<" not in out and ">" not in out and "](" not in out
    assert not out.startswith("#") and not re.match(r"[-+=]|\d{1,9}[.)]( |$)", out)
    assert unescaped_pipes(out) == 0
    assert "\n" not in out and "\r" not in out and "://" not in out
    assert not re.search(r"@[^\u200d]", out) and not out.endswith("@")
    assert not re.search(r"(?i)\bwww\.", out)


@given(TEXT)
@settings(max_examples=200)
def test_inline_shows_exactly_the_text(s):
    """Rendered as inline Markdown, escaped text shows the original characters on one line."""
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").renderInline(inline(s))
    assert "<" not in rendered.replace("&lt;", "")
    assert html.unescape(rendered).replace(ZWJ, "") == one_line(s).replace(ZWJ, "")


@given(TEXT)
def test_mermaid_labels(s):
    out = label(s)
    stripped = re.sub(r"#(quot|\d+);", "", out)
    assert not set(stripped) & set('"[](){}<>;|`\\\n')
    assert "#" not in stripped
