"""Carry-over: a pronoun or definite description ("he", "the source", "the report") inherits the last
compatible attribution of the article."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..language import norm
from ..models import Anonymity, Attribution, Span
from ..models import AttributionKind as Kind
from .spans import Source, strip_possessive

# The attribution kinds each anaphor class may refer back to.
COMPATIBLE = {"person": (Kind.NAMED_PERSON, Kind.ANONYMOUS), "anonymous": (Kind.ANONYMOUS,),
              "group": (Kind.NAMED_ORG, Kind.OUTLET, Kind.UNNAMED_GROUP, Kind.SELF), "org": (Kind.NAMED_ORG,),
              "outlet": (Kind.OUTLET, Kind.SELF), "document": (Kind.DOCUMENT, Kind.OUTLET, Kind.SELF)}
# The kind an anaphor gets when nothing earlier fits.
UNRESOLVED = {"anonymous": Kind.ANONYMOUS, "person": Kind.NAMED_PERSON, "org": Kind.NAMED_ORG, "outlet": Kind.OUTLET,
              "document": Kind.DOCUMENT}
FAR = 3                           # paragraphs back a pronoun no longer reaches
FAR_BODY = 6                      # paragraphs back a body's description ("the ministry") no longer reaches
LOOKBACK = 12                     # attributions of the article searched, most recent first
_APPOSITIVE = re.compile(r",\s*|\s[—–-]\s")                                      # "X, an aid agency"


@dataclass(slots=True)
class Ref:
    """An earlier attribution of the article and the claim it belongs to."""
    claim_id: str
    attribution: Attribution


History = list[tuple[Kind, Ref]]      # the article's attributions so far, oldest first


def carry_over(anaphor: str, low: str, history: History, base: int, src: Source,
               reason: re.Match[str] | None, listed: Callable[[str], bool], head_end: re.Pattern[str],
               named_between: Callable[[int, int], bool] | None = None,
               named_only: bool = False, any_org: bool = True,
               paragraph: Callable[[int], int] | None = None,
               body_paragraph: Callable[[int], int] | None = None) -> Attribution:
    """Resolve "he", "the source", "the report" to the last compatible attribution in the article. With
    `named_between` (for a pronoun), an anonymous source is passed over when a person was named as a sentence's
    subject after it: "he" is that person, a named one, though not a source. With `named_only` (an office such
    as "the candidate") only a named person is carried over. An organisation's description ("the army") refers
    back to an organisation whose name holds its noun ("the Israeli army"); with `any_org` (a generic one: "the
    group") to any named organisation when none does. With `paragraph` (a pronoun: the paragraph of a document
    offset), a source named FAR paragraphs back, or before another speaker named in a later paragraph,
    is not carried: the pronoun stays unresolved (`_too_far`). With `body_paragraph` (an organisation's description:
    the paragraph of an offset), a body named FAR_BODY paragraphs back or more is not carried: six paragraphs on,
    "the ministry" is as often another country's."""
    wanted = (Kind.NAMED_PERSON,) if named_only else COMPATIBLE[anaphor]
    span = Span(base + src.start, base + src.end, src.text)
    recent = list(reversed(history[-LOOKBACK:]))
    if anaphor == "org":                                  # "the authority" -> "the Israeli Broadcasting Authority"
        recent = _same_word_first(recent, low.split()[-1], any_org, head_end)
        wanted = (Kind.NAMED_ORG, Kind.OUTLET, Kind.SELF)
    for i, (kind, ref) in enumerate(recent):
        if kind in wanted and not (anaphor == "person" and _plural(ref.attribution, listed)):   # "he" is one person
            earlier = ref.attribution.source_span
            if paragraph is not None and earlier is not None and _too_far(ref, recent[:i], span, paragraph):
                break
            if body_paragraph is not None and earlier is not None \
                    and body_paragraph(span.start) - body_paragraph(earlier.start) >= FAR_BODY:
                break                                     # "the ministry" fifteen paragraphs after Gaza's
            if kind == Kind.ANONYMOUS and named_between is not None and earlier is not None \
                    and named_between(earlier.end, span.start):
                return Attribution(kind=Kind.NAMED_PERSON, source=src.text, source_span=span)
            return inherit(ref, span, reason, base)
    kind = UNRESOLVED.get(anaphor, Kind.UNNAMED_GROUP)
    return Attribution(kind=kind, source=src.text, source_span=span,
                       anonymity=Anonymity(descriptor=src.text) if kind == Kind.ANONYMOUS else None)


def described_person(history: History, possessor: str, base: int, src: Source,
                     listed: Callable[[str], bool]) -> Attribution | None:
    """ "the mayor's former press aide said", right after an attribution to a named person: a definite description
    of that person, whom the article has already named, not an anonymous source. Only the last attribution
    of the article is tried, and not when it is the possessor himself ("Lind said ... Lind's aide said")."""
    if not history:
        return None
    kind, ref = history[-1]
    source = ref.attribution.source or ""
    if kind != Kind.NAMED_PERSON or _plural(ref.attribution, listed) or not source \
            or any(w in source.split() for w in possessor.split()):
        return None
    return inherit(ref, Span(base + src.start, base + src.end, src.text), None, base)


def named_in_role(history: History, head: str, names: list[str], base: int, src: Source,
                  listed: Callable[[str], bool]) -> Attribution | None:
    """ "the congressman's spokesman", "the Lind aide", "the aide": a definite description of one person by a role
    the article gave a named source before ("Lind spokesman Ana Reyes said"): that person, not an anonymous source.
    The latest earlier attribution whose source holds the role word decides, among the last LOOKBACK: a named
    person holding the description's names, else (an anonymous spokesman, an aide of someone else) nothing."""
    for kind, ref in reversed(history[-LOOKBACK:]):
        source = ref.attribution.source or ""
        if head not in {strip_possessive(w) for w in norm(source).split()}:
            continue
        if kind != Kind.NAMED_PERSON or _plural(ref.attribution, listed) or ref.attribution.source_span is None \
                or not all(n in source for n in names):
            return None
        return inherit(ref, Span(base + src.start, base + src.end, src.text), None, base)
    return None


def _too_far(ref: Ref, since: History, span: Span, paragraph: Callable[[int], int]) -> bool:
    """A pronoun's antecedent is not this source: it was named FAR paragraphs or more before the pronoun, or a
    paragraph after it introduced another speaker ("Guterres said ... ¶ The ministry said ... ¶ He said":
    in wire copy and in excerpts, "he" is as likely someone the text left out)."""
    earlier = ref.attribution.source_span
    assert earlier is not None
    at = paragraph(earlier.start)
    if paragraph(span.start) - at >= FAR:
        return True
    return any(r.attribution.source != ref.attribution.source and r.attribution.source_span is not None
               and paragraph(r.attribution.source_span.start) > at for _, r in since)


def _plural(a: Attribution, listed: Callable[[str], bool]) -> bool:
    """Several people: an anonymous plural, or a list of names (`listed`: `Vocabulary.names_a_list`)."""
    return a.anonymity is not None and a.anonymity.plural or listed(a.source or "")


def _same_word_first(recent: History, word: str, any_org: bool, head_end: re.Pattern[str]) -> History:
    """Organisations whose name holds the anaphor's noun first, then (`any_org`) every named organisation."""
    named: History = [(k, r) for k, r in recent if k in (Kind.NAMED_ORG, Kind.OUTLET, Kind.SELF)
             and _headed_by(r.attribution.source or "", word, head_end)]
    return named + ([(k, r) for k, r in recent if k == Kind.NAMED_ORG] if any_org else [])


def _headed_by(name: str, word: str, head_end: re.Pattern[str]) -> bool:
    """The anaphor's noun heads the name or its appositive, before any preposition, or stands right before a
    name: "the Israeli army", "the Health Ministry in Gaza", "The Norwegian Refugee Council, an aid agency", "The UN
    refugee agency UNRWA"; not "Hamas's military wing" or "the ministry's press office" for "the ministry"."""
    for part in _APPOSITIVE.split(name.replace("’", "'")):
        words = head_end.split(part, 1)[0].split()     # the head before a preposition or relative
        for i, w in enumerate(words):
            if w.lower() == word and all(x[:1].isupper() for x in words[i + 1:]):
                return True
    return False


def inherit(ref: Ref, span: Span, reason: re.Match[str] | None, base: int) -> Attribution:
    """A copy of an earlier attribution; a reason for anonymity stated now completes the earlier one."""
    prior = ref.attribution
    anonymity = prior.anonymity
    if anonymity and reason and not anonymity.reason_given:
        anonymity.reason_given = True
        anonymity.reason = Span(base + reason.start(), base + reason.end(), reason.group())
    return Attribution(kind=prior.kind, source=prior.source, source_span=span, actor=prior.actor,
                       via=list(prior.via), via_spans=list(prior.via_spans), anonymity=anonymity,
                       inherited=True, inherited_from=ref.claim_id)
