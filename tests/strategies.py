"""Hypothesis strategies for hostile input (issue 11): article text, metadata (front matter, sidecars,
JSON Lines records), file names and rule files, as a tool run on text nobody vetted meets them.

`corpora()` draws a whole hostile folder (and sometimes a rule folder) to audit beside a good article;
tests/test_fuzz.py runs a few dozen of them, bench/fuzz.py thousands with a fixed seed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from hypothesis import strategies as st

# -- article text ------------------------------------------------------------------------------------

SENTENCES = [
    "A senior official, speaking on condition of anonymity, said 12 soldiers were killed.",
    "The health ministry said more than 6,000 people had died, according to Al Jazeera.",
    "Hamas told CNN it holds between 200 and 250 captives.",
    "Footage circulating on social media appeared to show the strike.",
    "Sources familiar with the talks said the deal was close, as per NYT.",
    "The army has not released figures.",
    "Dozens of people were wounded, he added.",
]
CUES = ["said", "told", "according to", "reportedly", "sources said", "the source said", "as per", "he added",
        "claimed", "officials say"]
MARKUP = ["<img src=x onerror=alert(1)>", "[n](http:evil.example)", "![i](http://x/p.png)", "<https://evil.example>",
          "# X", "---", "```", "~~~", "<!-- audit: ignore anonymous_source reason=\"x\" -->", "<!--", "-->",
          "| a | b |\n|---|---|", "::error::pwned", "\r", "\x1b[31m", "<script>alert(1)</script>", "]]>", "&amp;",
          "%%{init}%%", "graph TD; A-->B", "\u202e", "\u200b", "\ufeff"]
HUGE = ["9" * 400, "1e310", "more than " + "9" * 400, f"between 1{'0' * 308} and 17{'0' * 307}", "-5", "0.0000001%",
        "NaN", "inf", "1" * 5000, "about 1,000,000,000,000,000,000,000", "nearly " + "9" * 320]
QUOTES = ['"', "“", "”", "'", "«", "»", "‘", "’", "„"]
PUNCTUATION = [".", "!", "?", "…", "—", "-", ",", ";", ":", "(", ")", '"', "'"]

control = st.characters(min_codepoint=0, max_codepoint=31)
surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, codec=None, categories=["Cs"])
runs = st.builds(lambda unit, n: (unit + " ") * n,
                 st.sampled_from(CUES + PUNCTUATION + QUOTES), st.integers(1, 3000))
fragments = st.one_of(
    st.sampled_from(SENTENCES), st.sampled_from(MARKUP), st.sampled_from(HUGE), st.sampled_from(QUOTES),
    st.sampled_from(CUES), st.text(max_size=30), st.text(control, max_size=5),
    st.text(surrogate, min_size=1, max_size=2), runs,
)
separators = st.sampled_from([" ", "\n", "\n\n", "\r\n", ""])
article_texts = st.lists(st.tuples(fragments, separators).map("".join), max_size=25).map("".join)

# -- metadata --------------------------------------------------------------------------------------

META_KEYS = ["title", "outlet", "published", "date", "author", "authors", "url", "publisher", "id", "text"]
deep = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
odd_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.integers(10 ** 300, 10 ** 310), st.floats(),
              st.text(max_size=20), st.sampled_from(MARKUP + HUGE + ["2023-11-14", "14 Nov 2023", "13/45/2023"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8)
YAML_TRAPS = [
    "a: &a [*a]",                                                    # a recursive alias
    "<<: &m {a: 1}\nb: {<<: *m}",                                    # merge keys
    "x: &x {<<: *x}",
    "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: [*d, *d]",   # a small billion laughs
    "title: !!python/object/apply:os.system [ls]",
    "title: !!float abc",
    "published: !!int zz",
    "title: !!bool maybe",
    "? [a, b]\n: c",
    "title: x\ntitle: y",
    "\t- tab",
    "title: [unclosed",
    "- just\n- a list",
    "'': empty key",
    "title: " + "[" * 200 + "]" * 200,
]
yaml_texts = st.one_of(
    st.sampled_from(YAML_TRAPS),
    st.dictionaries(st.sampled_from(META_KEYS), odd_values, max_size=5).map(lambda d: json.dumps(d, default=str)),
    st.text(max_size=60),
)


BROKEN_LINES = ['{"text": "' + SENTENCES[0] + '"}'] * 3 + [
    "not json", "[]", "{}", '{"text": ' + "9" * 5000 + "}", '{"text": "x", "id": ' + "9" * 5000 + "}", "", " "]


@st.composite
def jsonl_files(draw) -> bytes:
    """JSON Lines: records with hostile text and wrong types, repeated ids and sentences, broken lines."""
    ids = st.one_of(st.sampled_from(["a", "a", "1", 1, "a-2"]), odd_values)
    record = st.fixed_dictionaries({"text": st.one_of(article_texts, st.sampled_from(SENTENCES), odd_values)},
                                   optional={"id": ids, **{k: odd_values for k in META_KEYS[:8]}})
    lines = draw(st.lists(st.one_of(
        record.map(lambda r: json.dumps(r, default=str)),
        st.sampled_from(BROKEN_LINES),
        deep.map(lambda d: '{"text": "The army said 5 died.", "meta": ' + d + "}"),
    ), min_size=1, max_size=8))
    if draw(st.booleans()):
        lines.append(lines[0])                               # a repeated record
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    body = newline.join(lines).encode("utf-8", "surrogatepass")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + body


# -- file names ------------------------------------------------------------------------------------

file_names = st.one_of(
    st.sampled_from(["[n](http:evil.example) <img src=x>", "---", "# X", "::error::x", "a::b", "line\nbreak",
                     "carriage\rreturn", "x" * 200, "<script>", "| a |", "`tick`", "*star*", " spaced ", ".hidden",
                     "-rf", "\u202eevil", "ünïcode", "emoji🙂"]),
    st.text(st.characters(exclude_characters="/\0", codec="utf-8"), min_size=1, max_size=40),
).map(lambda name: name.encode("utf-8")[:200].decode("utf-8", "ignore") or "x")


# -- rule files ----------------------------------------------------------------------------------------

RULE = """rules:
  - id: {id}
    signal: anonymous_source
    severity: {severity}
    weight: {weight}
    message: {message}
    rationale: "r"
    standard: "s"
    when: {when}
    examples: {examples}
{extra}"""
rule_values = {
    "id": st.sampled_from(["fuzz_rule", "fuzz_rule", "anonymous_source", "Bad Id", "1x", "[1]", '""']),
    "severity": st.sampled_from(["warning", "error", "fatal", "[warning]", "1"]),
    "weight": st.sampled_from(["0.2", "1.5", "-1", "x", "[1]", "1e400", "true", "!!float abc", "9" * 5000]),
    "message": st.sampled_from(['"{source} said"', '"{0}"', '"{source"', "!!python/object:os.system m", "[1]",
                                '"' + "<img src=x>" + '"']),
    "when": st.sampled_from(["{phrase: [minister]}", "{pattern: '(unclosed'}", "{pattern: '(a+)+$'}",
                             "{pattern: '(?<=x)y'}", "{field: figures, gte: " + "9" * 5000 + "}",
                             "{field: figures, gte: x}", "{field: nope, equals: 1}", "{all: []}", "{not: 5}",
                             "{phrase: {lexicon: missing}}", "{any: [{phrase: [a]}, {pattern: '\\\\']}",
                             "[" * 500 + "]" * 500, "!!python/name:os.system"]),
    "examples": st.sampled_from(['{match: ["The minister said."], no_match: ["He said."]}', "5", "[]",
                                "{match: [5], no_match: [{text: 1}]}", "{match: ['x'], no_match: ['y'], extra: 1}"]),
    "extra": st.sampled_from(["", "    unknown_key: 1\n", "    scope: galaxy\n", "    evidence: nowhere\n",
                              "    mitigate: [{when: {phrase: [x]}, factor: 2}]\n", "    mitigate: 5\n"]),
}
rule_files = st.one_of(
    st.fixed_dictionaries(rule_values).map(lambda v: RULE.format(**v)),
    st.sampled_from(YAML_TRAPS + ["", "rules: 5", "rules: []", "- a list"]),
    yaml_texts,
)


# -- a whole hostile corpus ------------------------------------------------------------------------------

@dataclass
class Corpus:
    """Files to write in a hostile folder (name -> bytes), and rule files for a rule folder (may be empty)."""
    files: dict[str, bytes] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@st.composite
def corpora(draw, with_rules: bool = True) -> Corpus:
    corpus = Corpus()
    names = draw(st.lists(file_names, min_size=1, max_size=4, unique=True))
    for name in names:
        kind = draw(st.sampled_from(["txt", "md", "jsonl", "html"]))
        if kind == "txt":
            content = _utf8(draw(article_texts))
        elif kind == "md":
            content = _utf8(f"---\n{draw(yaml_texts)}\n---\n{draw(article_texts)}")
        elif kind == "jsonl":
            content = draw(jsonl_files())
        else:
            content = _utf8(f"<html><head><title>{draw(st.sampled_from(MARKUP))}</title></head><body><p>"
                            f"{draw(article_texts)}</p><div><![CDATA[<p></body>{draw(st.sampled_from(MARKUP))}")
        corpus.files[f"{name}.{kind}"] = content
    sidecar = draw(st.sampled_from([None, "metadata.yaml", "metadata.csv"]))
    if sidecar == "metadata.yaml":
        entries = "\n".join(f"{json.dumps(n + '.txt')}: {draw(yaml_texts)}" for n in names)
        corpus.files[sidecar] = _utf8(draw(st.one_of(st.just(entries), yaml_texts)))
    elif sidecar == "metadata.csv":
        big = "x" * draw(st.sampled_from([1, 10, 140_000]))
        row = f"{json.dumps(names[0] + '.txt')},{big},{draw(st.sampled_from(HUGE))}"
        corpus.files[sidecar] = _utf8(f"file,title,published\n{row}\n{draw(st.text(max_size=40))}")
    if with_rules and draw(st.integers(0, 9)) == 0:
        corpus.rules = {f"r{i}.yaml": text for i, text in enumerate(draw(st.lists(rule_files, min_size=1, max_size=3)))}
    return corpus
