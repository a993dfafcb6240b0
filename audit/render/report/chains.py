"""Provenance chains as Mermaid flowcharts: origin → source → relaying outlets → publishing outlet."""
from __future__ import annotations

import re

from audit.escape.markdown import inline
from audit.escape.mermaid import label
from audit.models import AttributionKind, ChainRole, Claim, LinkRelation

from .claims import corroborated_event
from .index import REPORTED, STATUS_LABEL, Index, same_name
from .words import JSON_HINT, more, plural, quote, shorten

CHAINS_CAP = 3
LINKED_CAP = 5           # other versions drawn beside a claim
LABEL_CHARS = 48
_SHAPES = {"source": ('(["', '"])'), "outlet": ('["', '"]'), "claim": ('[["', '"]]')}


class Flowchart:
    """One flowchart; nodes keyed so that shared origins and outlets converge."""

    def __init__(self) -> None:
        self.ids: dict[tuple, str] = {}
        self.lines: list[str] = ["flowchart LR"]
        self.edges: set[tuple[str, str, str]] = set()

    def node(self, key: tuple, text: str, shape: str) -> str:
        """`text` is escaped Mermaid label text (lines joined with <br>)."""
        if key not in self.ids:
            nid = f"n{len(self.ids) + 1}"
            self.ids[key] = nid
            opener, closer = _SHAPES[shape]
            self.lines.append(f"  {nid}{opener}{text}{closer}")
        return self.ids[key]

    def edge(self, a: str, b: str, relation: str = "") -> None:
        key = (min(a, b), max(a, b), relation) if relation else (a, b, "")
        if a == b or key in self.edges:
            return
        self.edges.add(key)
        if relation:
            self.lines.append(f"  {a} -.-|{re.sub(r'[^a-z_]', '', relation)}| {b}")
        else:
            self.lines.append(f"  {a} --> {b}")


def _label(*parts: str) -> str:
    return "<br>".join(label(shorten(p, LABEL_CHARS)) for p in parts)


def _draw(ix: Index, chart: Flowchart, c: Claim) -> str:
    """Draw the claim's provenance chain (from the model); return the publisher node's id. Origins and
    sources with one name are one node, as are relaying outlets, so that charts of linked claims meet."""
    prev: str | None = None
    for step in ix.model.chain(c):
        if step.role == ChainRole.PUBLISHER:
            key, text, shape = ("claim", c.id), _label(step.name, f"{ix.path(c)}:{c.line}"), "claim"
        elif step.role == ChainRole.RELAY:
            key, text, shape = ("outlet", same_name(step.name)), _label(step.name), "outlet"
        else:
            role = AttributionKind(step.kind).label if step.kind else step.role.value
            key, text, shape = ("src", same_name(step.name)), _label(step.name, role), "source"
        nid = chart.node(key, text, shape)
        if prev is not None:
            chart.edge(prev, nid)
        prev = nid
    assert prev is not None
    return prev


def _chain_key(c: Claim) -> tuple:
    """Claims without links whose chains are identical share one diagram."""
    return (c.document, same_name(c.corroboration.origin), same_name(c.attribution.source_label),
            tuple(same_name(v) for v in c.attribution.via))


def _diagrams(ix: Index) -> list[tuple[list[Claim], list[Claim], int]]:
    """(claims a diagram stands for, claims it draws, linked versions left out), worst first; a claim is
    drawn with up to LINKED_CAP versions linked to it."""
    diagrams: list[tuple[list[Claim], list[Claim], int]] = []
    by_key: dict[tuple, list[Claim]] = {}
    drawn: set[str] = set()
    for c in ix.worst_first:
        if c.id in drawn or not (c.attribution.via or c.corroboration.links):
            continue
        if not c.corroboration.links and _chain_key(c) in by_key:
            by_key[_chain_key(c)].append(c)
            drawn.add(c.id)
            continue
        linked = ix.linked(c, (*REPORTED, LinkRelation.CONFLICTS))
        group = [c] + linked[:LINKED_CAP]
        heads = [c]
        if not c.corroboration.links:
            by_key[_chain_key(c)] = heads
        diagrams.append((heads, group, len(linked) - len(group) + 1))
        drawn.update(x.id for x in group)
    return diagrams


def provenance_chains(ix: Index) -> str:
    lines = ["## Provenance chains", "",
             "Origin → source → relaying outlets → publishing outlet (double box, with file:line). Dotted lines "
             "join versions of the claim in other articles: *corroborates*, *echoes* or *conflicts*."]
    diagrams = _diagrams(ix)
    for heads, group, left_out in diagrams[:CHAINS_CAP]:
        chart = Flowchart()
        nodes = {x.id: _draw(ix, chart, x) for x in group}
        for x in group:
            for k in x.corroboration.links:
                if k.claim in nodes:
                    chart.edge(nodes[x.id], nodes[k.claim], k.relation)
        c = heads[0]
        cor = c.corroboration
        lines += ["", f"### {quote(c.text, 80)}", "",
                  f"{ix.ref(c)} · {inline(STATUS_LABEL.get(cor.status, cor.status))} · "
                  f"{plural(cor.independent_origins, 'independent origin')}"
                  + (f" on {inline(', '.join(event))}" if (event := corroborated_event(c)) else "")]
        if len(heads) > 1:
            lines += ["", f"The same chain carries {plural(len(heads) - 1, 'more claim')} of this article: "
                      + "; ".join(ix.ref(x) for x in heads[1:])]
        lines += ["", "```mermaid", *chart.lines, "```"]
        if left_out:
            lines += ["", f"… and {plural(left_out, 'more linked version')} in {JSON_HINT}."]
    if not diagrams:
        lines += ["", "No claim was relayed through another outlet or matched in another article."]
    lines += more(CHAINS_CAP, len(diagrams), "provenance chains")
    return "\n".join(lines)
