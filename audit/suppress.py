"""Suppressions written in the documents themselves.

    <!-- audit: ignore RULE reason="..." -->          the findings of RULE on the next claim
    <!-- audit: ignore-start RULE reason="..." -->    ... on every claim up to
    <!-- audit: ignore-end -->

RULE is one or more rule ids or id prefixes, separated by commas or spaces. A reason is required: a
directive without one suppresses nothing (the finding still counts) and is reported as a one-line
warning naming file:line, as are unused directives, unknown rules and unclosed blocks. Suppressed
findings stay in the result marked `suppressed`; scores and exit codes leave them out.

HTML comments are never article text: `hide_comments` cuts them out of a document's audited regions
before extraction, so a directive never becomes a claim (in plain text as well as in Markdown).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import Claim, Document, Finding, Notice, Span

COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(r"\s*audit\s*:\s*(?P<verb>\S+)(?P<rest>.*)", re.S)
_REASON = re.compile(r"""\breason\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
VERBS = ("ignore", "ignore-start", "ignore-end")


@dataclass(slots=True)
class Directive:
    line: int
    rules: list[str]
    reason: str
    start: int                    # offsets of the text it covers
    end: int
    block: bool
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return any(finding.rule == r or finding.rule.startswith(r) for r in self.rules)


def hide_comments(doc: Document) -> None:
    """Cut HTML comments out of the audited regions (and the headline) and list them as furniture."""
    comments = [(m.start(), m.end()) for m in COMMENT.finditer(doc.text)]
    if not comments:
        return
    regions = []
    for a, b in doc.regions:
        for c, d in comments:
            if c < b and d > a:
                doc.furniture.append(Span(max(a, c), min(b, d), doc.text[max(a, c):min(b, d)]))
                regions.append((a, c))
                a = d
        regions.append((a, b))
    doc.regions = [r for r in (_trim(doc.text, a, b) for a, b in regions) if r]
    if doc.headline and any(c < doc.headline.end and d > doc.headline.start for c, d in comments):
        doc.furniture.append(doc.headline)
        doc.headline = None
    doc.furniture.sort(key=lambda s: s.start)


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


@dataclass
class Suppressor:
    """Applies a corpus's directives to its findings; collects notices about the directives."""
    rule_ids: list[str]
    notices: list[Notice] = field(default_factory=list)

    def __call__(self, documents: list[Document], claims: list[Claim]) -> None:
        by_doc: dict[str, list[Claim]] = {}
        for c in claims:
            by_doc.setdefault(c.document, []).append(c)
        for doc in documents:
            directives = self.directives(doc)
            if not directives:
                continue
            doc_claims = sorted(by_doc.get(doc.id, []), key=lambda c: c.start)
            for d in directives:
                targets = [c for c in doc_claims if d.start <= c.start < d.end]
                if not d.block:
                    targets = targets[:1]
                if not targets:
                    self.notices.append(Notice(doc.path, d.line, "no claim follows this suppression"))
                    continue
                for f in (f for c in targets for f in c.findings if d.covers(f)):
                    f.suppressed = d.used = True
                if not d.used:
                    where = "in this block" if d.block else "on the next claim"
                    self.notices.append(Notice(doc.path, d.line, f"unused suppression: no {' or '.join(d.rules)} "
                                                                 f"finding {where}"))

    def directives(self, doc: Document) -> list[Directive]:
        """The valid directives of one document; problems with the others become notices."""
        out: list[Directive] = []
        open_blocks: list[Directive] = []
        for m in COMMENT.finditer(doc.text):
            parsed = _DIRECTIVE.match(m.group(1))
            if not parsed:
                continue
            line = doc.position(m.start())[0]
            verb, rest = parsed["verb"], parsed["rest"]
            if verb not in VERBS:
                self.notices.append(Notice(doc.path, line, f"unknown audit directive '{verb}' "
                                                           f"(use {', '.join(VERBS)})"))
                continue
            if verb == "ignore-end":
                if open_blocks:
                    open_blocks.pop().end = m.start()
                else:
                    self.notices.append(Notice(doc.path, line, "ignore-end without an ignore-start"))
                continue
            directive = self._parse(doc, line, rest, m.end(), verb == "ignore-start")
            if directive:
                out.append(directive)
                if directive.block:
                    open_blocks.append(directive)
        for d in open_blocks:
            self.notices.append(Notice(doc.path, d.line, "ignore-start without an ignore-end: "
                                                         "it covers the rest of the document"))
        return out

    def _parse(self, doc: Document, line: int, rest: str, end: int, block: bool) -> Directive | None:
        reason_match = _REASON.search(rest)
        reason = next((g for g in reason_match.groups() if g is not None), "").strip() if reason_match else ""
        names = (rest[:reason_match.start()] + rest[reason_match.end():]) if reason_match else rest
        rules = [r for r in re.split(r"[\s,]+", names) if r]
        verb = "ignore-start" if block else "ignore"
        if not rules:
            self.notices.append(Notice(doc.path, line, f"{verb} names no rule: write "
                                                       f"<!-- audit: {verb} RULE reason=\"...\" -->"))
            return None
        if not reason:
            self.notices.append(Notice(doc.path, line, f"suppression of {', '.join(rules)} has no reason and is "
                                                       "ignored: add reason=\"...\""))
            return None
        for r in rules:
            if not any(rid == r or rid.startswith(r) for rid in self.rule_ids):
                self.notices.append(Notice(doc.path, line, f"unknown rule '{r}' in suppression "
                                                           "(see `audit rules list`)"))
        return Directive(line, rules, reason, end, len(doc.text), block)
