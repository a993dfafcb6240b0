"""Carry-over: a pronoun or definite description ("he", "the source", "the report") inherits the last
compatible attribution of the article."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Anonymity, Attribution, Span
from .spans import Source

# The attribution kinds each anaphor class may refer back to.
COMPATIBLE = {"person": ("named_person", "anonymous"), "anonymous": ("anonymous",),
              "group": ("named_org", "outlet", "unnamed_group", "self"), "org": ("named_org",),
              "outlet": ("outlet", "self"), "document": ("document", "outlet", "self")}
# The kind an anaphor gets when nothing earlier fits.
UNRESOLVED = {"anonymous": "anonymous", "person": "named_person", "org": "named_org", "outlet": "outlet",
              "document": "document"}
LOOKBACK = 12                     # attributions of the article searched, most recent first


@dataclass(slots=True)
class Ref:
    """An earlier attribution of the article and the claim it belongs to."""
    claim_id: str
    attribution: Attribution


def carry_over(anaphor: str, low: str, history: list[tuple[str, Ref]], s: str, base: int, src: Source,
               reason_re: re.Pattern[str]) -> Attribution:
    """Resolve "he", "the source", "the report" to the last compatible attribution in the article."""
    wanted = COMPATIBLE[anaphor]
    span = Span(base + src.start, base + src.end, src.text)
    recent = list(reversed(history[-LOOKBACK:]))
    if anaphor == "org":                                  # "the authority" -> "the Israeli Broadcasting Authority"
        recent = _same_word_first(recent, low.split()[-1])
        wanted = ("named_org", "outlet", "self")
    for kind, ref in recent:
        if kind in wanted:
            return _inherit(ref, span, reason_re.search(s), base)
    kind = UNRESOLVED.get(anaphor, "unnamed_group")
    return Attribution(kind=kind, source=src.text, source_span=span,
                       anonymity=Anonymity(descriptor=src.text) if kind == "anonymous" else None)


def _same_word_first(recent: list[tuple[str, Ref]], word: str) -> list[tuple[str, Ref]]:
    """Organisations whose name holds the anaphor's noun first, then every named organisation."""
    named = [(k, r) for k, r in recent if k in ("named_org", "outlet", "self")
             and word in (r.attribution.source or "").lower()]
    return named + [(k, r) for k, r in recent if k == "named_org"]


def _inherit(ref: Ref, span: Span, reason: re.Match[str] | None, base: int) -> Attribution:
    """A copy of an earlier attribution; a reason for anonymity stated now completes the earlier one."""
    prior = ref.attribution
    anonymity = prior.anonymity
    if anonymity and reason and not anonymity.reason_given:
        anonymity.reason_given = True
        anonymity.reason = Span(base + reason.start(), base + reason.end(), reason.group())
    return Attribution(kind=prior.kind, source=prior.source, source_span=span, actor=prior.actor,
                       via=list(prior.via), via_spans=list(prior.via_spans), anonymity=anonymity,
                       inherited=True, inherited_from=ref.claim_id)
