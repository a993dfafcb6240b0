"""A corpus of articles whose text, metadata and file names carry HTML and script payloads."""
from __future__ import annotations

from pathlib import Path

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", '"><svg onload=alert(3)>',
            "javascript:alert(4)", "</script><script>alert(5)</script>")
MARKUP_NAME = "<img src=x onerror=alert(6)>.md"
HOSTILE_OUTLET = "<script>alert(7)</script> News"

_ARTICLE = """---
title: '"><svg onload=alert(3)> Talks stall'
outlet: '{outlet}'
published: "2023-11-{day}"
url: "javascript:alert(4)"
---
A senior official told CNN that <script>alert(1)</script> 12 soldiers were killed near the crossing.

Footage circulating on social media appeared to show <img src=x onerror=alert(2)> the convoy, according to Reuters.

The ministry said "</script><script>alert(5)</script>" 40 people died in the strike on Tuesday.

Officials said the visit of "><svg onload=alert(3)> ended early, a report by Al Jazeera said.
"""


def write_hostile_corpus(folder: Path) -> Path:
    """Two payload articles from two outlets, one of them under a file name that is markup."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKUP_NAME).write_text(_ARTICLE.format(outlet=HOSTILE_OUTLET, day=14), encoding="utf-8")
    (folder / "plain.md").write_text(_ARTICLE.format(outlet="Daily Wire Service", day=15), encoding="utf-8")
    return folder
