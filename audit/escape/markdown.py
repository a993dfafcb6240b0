"""Corpus text made inert in CommonMark, GitHub-flavoured Markdown and GitHub's post-processing.

`inline` is for any value from an article or its metadata placed in running text, a list item, a
table cell or a heading: the result is one line that renders as exactly the original characters, with
no link, image, autolink, HTML, emphasis, code span, table split or block marker (`#`, `>`, `-`,
`1.`, `---`, `===`) of its own. `code` writes identifiers the tool made (claim ids, rule ids) as code
spans, falling back to `inline` for anything else.
"""
from __future__ import annotations

import re
import unicodedata

ZWJ = "\u200d"      # zero-width joiner: breaks autolinks, @mentions and #123 references invisibly

# Characters with inline meaning in CommonMark/GFM/GitHub ($ is GitHub math), escaped everywhere.
_ESCAPES = {c: "\\" + c for c in "\\`*_[]()#|~$!"}
_ESCAPES.update({"<": "&lt;", ">": "&gt;", "&": "&amp;"})
_SPACE = re.compile(r"\s+")
_SCHEME = re.compile(r"://")
_WWW = re.compile(r"(?i)(www)(\.)")   # wherever it stands: GFM links "_www." too (after * _ ~ or ()
_ISSUE_REF = re.compile(r"#(?=\d)")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})\.(?= |$)")
_IDENTIFIER = re.compile(r"[\w.:/+=-]+")


def one_line(text: object) -> str:
    """The text on one line: control and line-separator characters become spaces, runs of whitespace
    collapse, ends are trimmed."""
    s = "" if text is None else str(text)
    s = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in s)
    return _SPACE.sub(" ", s).strip()


def inline(text: object) -> str:
    """`text` on one line, escaped so that Markdown shows it literally wherever inline text may stand.

    Backslash-escapes \\ ` * _ [ ] ( ) # | ~ $ !, entity-encodes < > &, escapes a leading - + = or
    ordered-list marker (the only place they mean anything once newlines are gone), and breaks
    autolinks (`://`, `www.`), @mentions and #123 references with a zero-width joiner.
    """
    s = one_line(text)
    s = _SCHEME.sub(":" + ZWJ + "//", s)
    s = _WWW.sub(lambda m: m.group(1) + ZWJ + m.group(2), s)
    s = s.replace("@", "@" + ZWJ)
    s = _ISSUE_REF.sub("#" + ZWJ, s)
    lead = ""
    if s[:1] in ("-", "+", "="):
        lead, s = "\\" + s[0], s[1:]
    elif m := _ORDERED_MARKER.match(s):
        lead, s = m.group(1) + "\\.", s[m.end():]
    return lead + "".join(_ESCAPES.get(ch, ch) for ch in s)


def code(text: object) -> str:
    """An identifier as a code span (`a1b2c3`), or as escaped text when a code span would not be safe."""
    s = one_line(text)
    if s and _IDENTIFIER.fullmatch(s) and "://" not in s:
        return f"`{s}`"
    return inline(s)
