"""Plain typed data model shared by every pipeline stage.

Data flows one way: ingest -> segment -> extract -> rules -> corroborate -> score -> store -> render.
Each stage fills in its own fields; renderers only read an `AuditResult`.
Offsets are character offsets into `Document.text`, which is the decoded original file
(for HTML and JSON Lines, the extracted article text; `Document.position` maps back to file lines).
A number of a document or claim that may be whole is annotated `int | float`: the store decodes it as it
was written, so `1` does not come back as `1.0` (audit.codec.load_block).
"""
from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA_VERSION = 1
UNKNOWN_OUTLET = "unknown outlet"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEB_URL = re.compile(r"(?i)https?://[^\s<>\"']+\Z")


# Domain terms. StrEnum members are their string values, so JSON, the store and reports hold the same
# text as before, and a member compares equal to its value.

class AttributionKind(StrEnum):
    NAMED_PERSON = "named_person"
    NAMED_ORG = "named_org"
    OUTLET = "outlet"
    ANONYMOUS = "anonymous"
    UNNAMED_GROUP = "unnamed_group"
    DOCUMENT = "document"
    SELF = "self"                             # the publishing outlet's own reporting
    NONE = "none"

    @property
    def label(self) -> str:
        """Plain words for a reader ("named person", "unattributed")."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    AttributionKind.NAMED_PERSON: "named person",
    AttributionKind.NAMED_ORG: "named organisation",
    AttributionKind.OUTLET: "another outlet",
    AttributionKind.ANONYMOUS: "anonymous",
    AttributionKind.UNNAMED_GROUP: "unnamed group",
    AttributionKind.DOCUMENT: "document",
    AttributionKind.SELF: "outlet's own reporting",
    AttributionKind.NONE: "unattributed",
}


class Severity(StrEnum):
    """A finding's severity, least severe first."""
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info up to 2 for error."""
        return list(Severity).index(self)


class CorroborationStatus(StrEnum):
    CORROBORATED = "corroborated"             # another independent origin reports a compatible version
    ECHO = "echo"                             # others report it, all from the same origin
    UNCORROBORATED = "uncorroborated"         # nobody else reports it
    CONTRADICTED = "contradicted"             # an independent origin conflicts
    CONTESTED = "contested"                   # both corroborated and contradicted

    @property
    def rank(self) -> int:
        """0 for the status that most needs checking (contradicted) up to 4 for corroborated."""
        return _STATUS_RANKS.index(self)


_STATUS_RANKS = (CorroborationStatus.CONTRADICTED, CorroborationStatus.CONTESTED,
                 CorroborationStatus.UNCORROBORATED, CorroborationStatus.ECHO, CorroborationStatus.CORROBORATED)


class ScoreBand(StrEnum):
    """A verbal band beside a score; `floor` is the lowest score in the band."""
    STRONG = "strong"
    FAIR = "fair"
    WEAK = "weak"
    POOR = "poor"

    @property
    def floor(self) -> float:
        return _BAND_FLOORS[self]

    @classmethod
    def of(cls, score: float) -> ScoreBand:
        """The band of a score as reports show it, to the whole number (84.6 shows as 85: strong)."""
        shown = round(score) if math.isfinite(score) else score
        return next((band for band in cls if shown >= band.floor), cls.POOR)


_BAND_FLOORS = {ScoreBand.STRONG: 85.0, ScoreBand.FAIR: 65.0, ScoreBand.WEAK: 40.0, ScoreBand.POOR: 0.0}


class LinkRelation(StrEnum):
    """How a claim relates to a matching claim of another document."""
    CORROBORATES = "corroborates"
    ECHOES = "echoes"
    CONFLICTS = "conflicts"                   # disjoint figures, or one asserts what the other denies
    UPDATES = "updates"                       # a running count reported again with another value


class FigureRelation(StrEnum):
    """How two figures relate (audit.quantities.relation), decided on their frames."""
    UNRELATED = "unrelated"                   # different frames: measure, population or scope
    COMPATIBLE = "compatible"                 # the same frame, the intervals overlap
    PART = "part"                             # a part and its whole
    CONFLICTING = "conflicting"               # the same frame and report time, disjoint: both cannot be true
    UPDATE = "update"                         # a running count reported again, higher (or the same day)
    REVISION_DOWN = "revision_down"           # a count reported later, lower


REVISIONS = frozenset({FigureRelation.UPDATE, FigureRelation.REVISION_DOWN})   # a count reported again
FIGURE_KINDS = frozenset({"count", "percent", "money"})   # quantity kinds that count something (not dates, ages)


NAMED_KINDS = frozenset({AttributionKind.NAMED_PERSON, AttributionKind.NAMED_ORG, AttributionKind.DOCUMENT})
UNATTRIBUTED_KINDS = frozenset({AttributionKind.NONE, AttributionKind.SELF})


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class MetaValue:
    """One metadata value and where it came from (front_matter, sidecar, html, jsonl, inferred:<how>)."""
    value: str | None
    source: str


@dataclass(slots=True)
class Document:
    id: str
    path: str
    sha256: str
    text: str
    format: str = "text"                      # text | markdown | html | jsonl
    meta: dict[str, MetaValue] = field(default_factory=dict)   # title, outlet, published, author, url
    regions: list[tuple[int, int]] = field(default_factory=list)  # audited spans (no furniture)
    headline: Span | None = None
    furniture: list[Span] = field(default_factory=list)        # skipped spans, for the report
    line_starts: list[int] = field(default_factory=lambda: [0])  # offsets where file lines start
    line_numbers: list[int] = field(default_factory=lambda: [1])  # file line number of each start
    # Where the file's columns run ahead of the text's offsets (a JSON Lines record: the fields before its
    # text, escapes such as \n and \u2019): from offset col_starts[i] on, a column is col_shifts[i] more.
    col_starts: list[int] = field(default_factory=list)
    col_shifts: list[int] = field(default_factory=list)
    words: int = 0
    readability: int | float | None = None    # Flesch reading ease of the audited text

    def get(self, key: str) -> str | None:
        mv = self.meta.get(key)
        return mv.value if mv else None

    @property
    def outlet(self) -> str | None:
        return self.get("outlet")

    @property
    def published(self) -> str | None:
        return self.get("published")

    @property
    def title(self) -> str | None:
        return self.get("title")

    @property
    def date(self) -> str | None:
        """The publication date as YYYY-MM-DD, when the metadata starts with one."""
        m = _ISO_DATE.match((self.published or "").strip())
        return m.group(0) if m else None

    @property
    def url(self) -> str | None:
        """The article's web address from its metadata, only when it is an http(s) URL."""
        value = (self.get("url") or "").strip()
        return value if _WEB_URL.match(value) else None

    @property
    def location(self) -> str:
        """Where the document is: its path, and for one record of a file of many (JSON Lines) its line, so that
        each document of one file can be found."""
        return f"{self.path}:{self.line_numbers[0]}" if self.format == "jsonl" and self.line_numbers else self.path

    def position(self, offset: int) -> tuple[int, int]:
        """File (line, column), both 1-based, of a character offset; the column counts the characters of
        the line as the file holds them."""
        i = max(bisect_right(self.line_starts, offset) - 1, 0)
        col = offset - self.line_starts[i] + 1
        if self.col_starts and (j := bisect_right(self.col_starts, offset) - 1) >= 0:
            col += self.col_shifts[j]
        return self.line_numbers[i], col


@dataclass(slots=True)
class Quantity:
    text: str
    start: int
    end: int
    low: int | float | None                   # None = unbounded below
    high: int | float | None                  # None = unbounded above
    unit: str | None = None                   # counted noun, normalised ("palestinians", "captives", "%")
    kind: str = "count"                       # count | percent | money | duration | date | vague
    role: str | None = None                   # predicate the figure goes with ("killed", "held", "captured")
    vague: bool = False                       # "dozens", "numerous", "a significant number"
    # The figure's frame (audit/frames.py): what it counts, whom, where, as of when, and how it tallies.
    measure: str | None = None                # killed | wounded | held | detained | released | money | percent ...
    population: str | None = None             # "palestinian", "israeli soldiers", "children", "hezbollah"
    scope: str | None = None                  # "gaza", "west bank", "israel"
    as_of: str | None = None                  # ISO date the figure is reported as of
    tally: str | None = None                  # running_total | increment | part
    incident: str | None = None               # the one strike or blast it counts, by its place's key ("jabalia")
    site: str | None = None                   # the town, camp or venue it is counted at ("maghazi")


@dataclass(slots=True)
class Entity:
    text: str
    start: int
    end: int
    canonical: str | None = None              # registry name when known
    kind: str | None = None                   # person | org | outlet | place | other


@dataclass(slots=True)
class Anonymity:
    """How an anonymous source is described (AP/NYT/Reuters expectations)."""
    descriptor: str                           # "a senior Israeli source"
    role_given: bool = False                  # position or access stated ("senior official involved in the talks")
    affiliation: str | None = None            # institution or side named ("Hamas", "Israeli", "US")
    reason_given: bool = False                # why anonymity was granted
    reason: Span | None = None
    plural: bool = False                      # "sources" rather than "a source"


@dataclass(slots=True)
class Attribution:
    kind: AttributionKind = AttributionKind.NONE
    source: str | None = None
    source_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    via: list[str] = field(default_factory=list)          # canonical outlet names, nearest first
    via_spans: list[Span] = field(default_factory=list)
    actor: str | None = None                  # registry name of whom the source speaks for ("Hamas")
    anonymity: Anonymity | None = None
    inherited: bool = False                   # carried over from an earlier sentence ("the source said")
    inherited_from: str | None = None         # claim id it was carried over from
    nested: bool = False                      # inside a quotation already attributed: the quoted speaker's
                                              # source, not a second source of the claim

    @property
    def second_hand(self) -> bool:
        """Relayed from another outlet: a non-empty via chain, or an outlet as the source."""
        return bool(self.via) or self.kind == AttributionKind.OUTLET

    @property
    def source_label(self) -> str | None:
        """The source as the article first described it: a carried-over "the source" shows its descriptor."""
        if self.inherited and self.anonymity and self.anonymity.descriptor:
            return self.anonymity.descriptor
        return self.source


@dataclass(slots=True)
class Finding:
    rule: str
    signal: str
    severity: Severity
    weight: int | float
    message: str
    evidence: Span
    standard: str = ""
    mitigation: str | None = None             # disclosed mitigating evidence that lowered the weight
    suppressed: bool = False

    def fails_at(self, level: Severity) -> bool:
        return fails_at(self.severity, self.suppressed, level)


def fails_at(severity: Severity, suppressed: bool, level: Severity) -> bool:
    """Whether a finding fails a check at `level`: not suppressed and at least that severe."""
    return not suppressed and Severity(severity).rank >= Severity(level).rank


@dataclass(slots=True)
class LedgerItem:
    rule: str
    weight: int | float
    points: int | float                       # points this finding took off the score


@dataclass(slots=True)
class Link:
    claim: str
    relation: LinkRelation
    why: str                                  # human-readable: never parsed
    similarity: int | float = 0.0
    figure_relation: FigureRelation | None = None   # of the pair's same-measure figures, when they have any
    event: list[str] = field(default_factory=list)  # the kind of event both report ("release", "talks"), when named


@dataclass(slots=True)
class Corroboration:
    status: CorroborationStatus = CorroborationStatus.UNCORROBORATED
    independent_origins: int = 1
    origin: str | None = None                 # the most upstream identified source
    party_only: bool = False                  # every origin is a party to the conflict
    links: list[Link] = field(default_factory=list)


@dataclass(slots=True)
class Claim:
    id: str
    document: str
    text: str
    start: int
    end: int
    line: int
    col: int
    is_headline: bool = False
    paragraph: int = 0
    index: int = 0                            # order within the document
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attribution: Attribution = field(default_factory=Attribution)   # the primary one
    attributions: list[Attribution] = field(default_factory=list)  # every one, primary included, in text order
    hedged: bool = False                      # "may", "reportedly", "is believed"
    findings: list[Finding] = field(default_factory=list)
    score: int | float = 100.0
    ledger: list[LedgerItem] = field(default_factory=list)
    corroboration: Corroboration = field(default_factory=Corroboration)

    @property
    def signals(self) -> list[str]:
        """The signals of its unsuppressed findings, each once, in finding order."""
        return list(dict.fromkeys(f.signal for f in self.findings if not f.suppressed))

    @property
    def band(self) -> ScoreBand:
        return ScoreBand.of(self.score)


@dataclass(slots=True)
class RuleInfo:
    id: str
    signal: str
    severity: Severity
    weight: float
    message: str
    rationale: str
    standard: str
    path: str
    line: int
    title: str = ""                           # short plain label for reports ("Anonymous source")

    @property
    def label(self) -> str:
        """The title, or the id made readable ("party_only_figure" -> "Party only figure")."""
        return self.title or readable_id(self.id)


def readable_id(identifier: str) -> str:
    """A snake_case, dotted or dashed id as words with a capital: "anon.no-reason" -> "Anon no reason"."""
    words = " ".join(identifier.replace(".", " ").replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


@dataclass(slots=True)
class Skipped:
    path: str
    line: int | None
    error: str

    @property
    def where(self) -> str:
        return located(self.path, self.line)


@dataclass(slots=True)
class Notice:
    """A warning about the input that does not stop the run: `path:line: warning: message`."""
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{located(self.path, self.line)}: warning: {self.message}"


def located(path: str, line: int | None) -> str:
    """`path:line`, or the path alone when the line is not known."""
    return f"{path}:{line}" if line else path


@dataclass(slots=True)
class RunInfo:
    id: str
    started: str                              # ISO 8601 UTC
    tool_version: str
    rules_hash: str
    inputs: list[dict[str, str]] = field(default_factory=list)   # {path, sha256}
    reused: int = 0                           # documents whose stored analysis was reused


@dataclass(slots=True)
class LearnedFurniture:
    """A sentence one outlet repeats across its documents, set aside as furniture (audit.furniture)."""
    outlet: str
    text: str
    documents: list[str]                      # ids of the documents it was cut from
    of: int                                   # the outlet's documents in the run


@dataclass(slots=True)
class RemovedClaim:
    """A claim of the previous run that this run no longer has (its document changed or was deleted), as
    that run located it."""
    id: str
    path: str
    line: int
    text: str


@dataclass(slots=True)
class TimelinePoint:
    """One value of a running count on one date, with every claim that reports it."""
    as_of: str                                # ISO date
    text: str                                 # the figure as first written ("more than 10,000")
    low: float | None
    high: float | None
    claims: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    relation: FigureRelation | None = None    # to the point before: update, revision_down or compatible


@dataclass(slots=True)
class Timeline:
    """A frame's running count over time (computed once, in the corroborate stage)."""
    measure: str
    population: str
    scope: str | None
    points: list[TimelinePoint] = field(default_factory=list)     # each date's most reported value
    reports: list[TimelinePoint] = field(default_factory=list)    # every value reported on each date


@dataclass(slots=True)
class AuditResult:
    run: RunInfo
    documents: list[Document]
    claims: list[Claim]
    rules: list[RuleInfo]
    skipped: list[Skipped] = field(default_factory=list)
    by_document: list[SourcingMix] = field(default_factory=list)   # filled by the score stage
    by_outlet: list[SourcingMix] = field(default_factory=list)
    previous_run: str | None = None           # run compared against in "changes since"
    context_run: str | None = None            # stored run whose other documents' claims joined corroboration
    joined: list[str] = field(default_factory=list)   # the files of those documents, as that run read them
    folder: str | None = None                 # the working folder its documents' paths are relative to
    changes: dict[str, list[str]] = field(default_factory=dict)    # change kind -> claim ids
    removed_claims: list[RemovedClaim] = field(default_factory=list)   # changes["removed"], as they read
    notices: list[Notice] = field(default_factory=list)   # about suppression directives
    learned_furniture: list[LearnedFurniture] = field(default_factory=list)   # repeated sentences set aside
    timelines: list[Timeline] = field(default_factory=list)   # running counts over time, by frame
    stored_claims: list[bytes] | None = None  # a stored run read without its claims (`claims` empty): each
                                              # document's claims as the store's JSON array

    @property
    def fingerprint(self) -> str:
        """A digest of the tool version, the rules hash and every input (path and sha256): equal for
        runs on the same inputs and rules, unlike the run id, which also names the moment."""
        inputs = self.run.inputs or [{"path": d.path, "sha256": d.sha256} for d in self.documents]
        lines = [self.run.tool_version, self.run.rules_hash,
                 *sorted(f"{i.get('path')}\t{i.get('sha256')}" for i in inputs)]
        return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    def claims_of(self, doc_id: str) -> list[Claim]:
        return [c for c in self.claims if c.document == doc_id]


@dataclass(slots=True)
class SourcingMix:
    """Aggregate over a set of claims (one article or one outlet); renderers only read it."""
    name: str
    documents: int = 0
    claims: int = 0
    mean_score: float = 100.0
    min_score: float = 100.0
    named: int = 0                            # named_person, named_org, document
    anonymous: int = 0
    second_hand: int = 0                      # claims with a non-empty via chain or an outlet as source
    unattributed: int = 0                     # kind none or self
    findings: dict[str, int] = field(default_factory=dict)   # per signal


class ChainRole(StrEnum):
    """A step of a provenance chain, upstream first."""
    ORIGIN = "origin"                         # the most upstream identified source, when not the source itself
    SOURCE = "source"                         # whom the claim is attributed to
    RELAY = "relay"                           # an outlet it came through
    PUBLISHER = "publisher"                   # the outlet of the document it appears in


@dataclass(frozen=True, slots=True)
class ChainStep:
    name: str
    role: ChainRole
    kind: AttributionKind | None = None       # the source's attribution kind


class ResultIndex:
    """A finished result's claims and documents by id, and the facts that need both: provenance chains
    and where else a claim appears. Build it once the result is complete; it does not follow changes."""

    def __init__(self, result: AuditResult) -> None:
        self.result = result
        self.claims = {c.id: c for c in result.claims}
        self.documents = {d.id: d for d in result.documents}
        self.order = {d.id: i for i, d in enumerate(result.documents)}

    def publisher(self, claim: Claim) -> str:
        return self.documents[claim.document].outlet or UNKNOWN_OUTLET

    def chain(self, claim: Claim) -> list[ChainStep]:
        """Origin -> source -> relaying outlets -> publisher. The origin shows only when it names someone;
        a step naming the one before it is dropped ("CNN" told "CNN"), the publisher never is."""
        a, origin = claim.attribution, claim.corroboration.origin
        steps = [ChainStep(origin, ChainRole.ORIGIN)] if origin and _identified(origin) else []
        if a.source_label:
            steps.append(ChainStep(a.source_label, ChainRole.SOURCE, a.kind))
        steps += [ChainStep(outlet, ChainRole.RELAY) for outlet in reversed(a.via)]
        kept: list[ChainStep] = []
        for step in steps:
            if kept and _same_name(kept[-1].name, step.name):
                if step.role == ChainRole.SOURCE:             # the origin is the source itself
                    kept[-1] = step
                continue
            kept.append(step)
        return kept + [ChainStep(self.publisher(claim), ChainRole.PUBLISHER)]

    def versions(self, claim: Claim) -> list[Claim]:
        """The claim, then the versions of it in other documents that it corroborates or echoes."""
        out = [claim]
        for link in claim.corroboration.links:
            other = self.claims.get(link.claim)
            if other is not None and link.relation in _SAME_CLAIM and other not in out:
                out.append(other)
        return out

    def first_appearance(self, claim: Claim) -> Claim:
        """Among its versions, the one published first: dated before undated, then in document order."""
        def when(c: Claim) -> tuple[bool, str, int]:
            date = self.documents[c.document].date
            return date is None, date or "", self.order[c.document]
        return min(self.versions(claim), key=when)


_SAME_CLAIM = (LinkRelation.CORROBORATES, LinkRelation.ECHOES)


def _identified(origin: str) -> bool:
    """Whether an origin label names an actor or outlet, not an unnamed source's position ("anonymous@CNN")
    or a document's own reporting ("document ID"): see audit.corroborate.origins."""
    return "@" not in origin and not origin.startswith("document ")


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
