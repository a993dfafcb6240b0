"""audit.escape.html: corpus text stays text in element content, attributes and script JSON."""
from __future__ import annotations

import json
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from audit.escape.html import attribute, script_json, text

PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"><svg onload=alert(3)>',
            "javascript:alert(4)", "</script><script>alert(5)</script>", "' onmouseover='alert(6)",
            "&lt;b&gt; already escaped", "<!-- comment --> ]]> <![CDATA[", "line\u2028sep\u2029para"]
HOSTILE_TEXT = st.one_of(st.sampled_from(PAYLOADS), st.text(alphabet=st.sampled_from('<>&"\'=/ ax\u2028\x00\ud800')),
                         st.text())


class _Parsed(HTMLParser):
    """Elements, attributes and text of a fragment, as a browser's tokenizer would split it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def _parse(fragment: str) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(fragment)
    parsed.close()
    return parsed


def _fit(value: str, *, json_escaped: bool = False) -> str:
    """What the escaper keeps of a value: unfit characters become U+FFFD (JSON escapes C0 controls itself)."""
    return "".join("\ufffd" if (ord(c) < 32 and c not in "\t\n\r" and not json_escaped)
                   or 0x7f <= ord(c) <= 0x9f or 0xd800 <= ord(c) <= 0xdfff else c for c in value)


def test_payloads_stay_text_in_element_content():
    for payload in PAYLOADS:
        parsed = _parse(f"<p>{text(payload)}</p>")
        assert parsed.tags == [("p", {})]
        assert parsed.text == payload


def test_payloads_cannot_leave_a_quoted_attribute():
    for payload in PAYLOADS:
        for quote in '"\'':
            parsed = _parse(f"<p title={quote}{attribute(payload)}{quote}>x</p>")
            assert parsed.tags == [("p", {"title": payload})]


@given(HOSTILE_TEXT)
def test_any_text_round_trips_as_one_text_node_and_one_attribute(value):
    parsed = _parse(f'<p title="{attribute(value)}">{text(value)}</p>')
    assert parsed.tags == [("p", {"title": _fit(value)})]
    assert parsed.text == _fit(value)


@given(st.lists(HOSTILE_TEXT))
def test_script_json_is_the_same_json_and_cannot_close_the_script(values):
    encoded = script_json({"values": values})
    assert json.loads(encoded) == {"values": [_fit(v, json_escaped=True) for v in values]}
    for closer in ("</", "<!--", "]]>", "\u2028", "\u2029", "<", ">", "&"):
        assert closer not in encoded


def test_unfit_characters_become_replacement_characters():
    assert text("a\x00b\ud800c\x85d") == "a\ufffdb\ufffdc\ufffdd"
    assert text(None) == "" and attribute(12) == "12"
    assert text("tab\tand\nnewline") == "tab\tand\nnewline"
