"""The one pipeline: ingest → segment → extract → rules → corroborate → score → store.

`Auditor` compiles lexicons, registry and rules once; `analyse` is the per-document part (cacheable
by content hash), `run` the whole corpus. Renderers take the AuditResult it returns.
"""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .corroborate import corroborate
from .extract import Extractor
from .ingest import ingest
from .lexicon import Lexicon
from .models import AuditResult, Claim, Document, FigureRelation, LinkRelation, RunInfo
from .paths import REGISTRY_DIR
from .registry import Registry
from .rules import RuleSet
from .score import aggregate, score_claim
from .suppress import hide_comments

Progress = Callable[[int, int], None]
Review = Callable[[list[Document], list[Claim]], None]


class Auditor:
    """Everything compiled once for a run: lexicon, registry, rules, extractor."""

    def __init__(self, rule_dirs: Iterable[Path | str] = (), *, registry_dirs: Iterable[Path | str] = (),
                 on_rule_error: Callable | None = None, adjust_rules: Callable[[RuleSet], RuleSet] | None = None):
        """`on_rule_error` receives each invalid rule, which is skipped (else the first one raises);
        `adjust_rules` applies the configuration (select, ignore, severity) to the loaded rules."""
        self.rule_dirs = [Path(d) for d in rule_dirs]
        self.lexicon = Lexicon.load(self.rule_dirs)
        extra = [d / "registry" for d in self.rule_dirs if (d / "registry").is_dir()]
        self.registry = Registry.load([REGISTRY_DIR, *extra, *map(Path, registry_dirs)])
        self.rules = RuleSet.load(self.lexicon, self.rule_dirs, on_error=on_rule_error)
        if adjust_rules:
            self.rules = adjust_rules(self.rules)
        self.extractor = Extractor(self.lexicon, self.registry)
        self.rules_hash = hashlib.sha256(
            (self.lexicon.digest + self.registry.hash() + self.rules.digest).encode()).hexdigest()
        self.analysis_key = f"{__version__}:{self.rules_hash}"

    def analyse(self, doc: Document, readability: bool = False) -> list[Claim]:
        """Claims of one document with their claim-scope findings (no corpus-wide work)."""
        hide_comments(doc)
        claims = self.extractor.claims(doc)
        self.rules.apply(claims, doc, self.registry, "claim")
        if readability and doc.readability is None:
            doc.readability = flesch(doc)
        return claims

    def run(self, paths: list[str], store=None, *, corroboration: bool = True, readability: bool = False,
            progress: Progress | None = None, since: str | None = None,
            review: Review | None = None) -> AuditResult:
        """Audit the files; `review` may mark or drop findings (suppressions, baseline) before scoring."""
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        documents, skipped = ingest(paths, self.registry)
        claims: list[Claim] = []
        reused = 0
        for i, doc in enumerate(documents):
            cached = store.cached_analysis(doc.sha256, self.analysis_key) if store else None
            if cached and cached[0].path == doc.path and (cached[0].readability is not None or not readability):
                doc, doc_claims = cached
                documents[i] = doc
                reused += 1
            else:
                doc_claims = self.analyse(doc, readability)
                if store:
                    store.cache_analysis(doc, doc_claims, self.analysis_key)
            claims.extend(doc_claims)
            if progress:
                progress(i + 1, len(documents))
        latest = store.load_run() if store and store.runs() else None
        if corroboration:
            prior = prior_claims(latest, documents) if latest else ()
            corroborate(claims, {d.id: d for d in documents}, self.registry, prior, lexicon=self.lexicon)
            by_id = {d.id: d for d in documents}
            doc_claims: dict[str, list[Claim]] = {}
            for c in claims:
                doc_claims.setdefault(c.document, []).append(c)
            for doc_id, group in doc_claims.items():
                self.rules.apply(group, by_id[doc_id], self.registry, "corpus")
        if review:
            review(documents, claims)
        for claim in claims:
            score_claim(claim)
        run = RunInfo(id=new_run_id(started), started=started, tool_version=__version__,
                      rules_hash=self.rules_hash, reused=reused,
                      inputs=[{"path": d.path, "sha256": d.sha256} for d in documents])
        result = AuditResult(run=run, documents=documents, claims=claims, rules=self.rules.infos, skipped=skipped)
        result.by_document, result.by_outlet = aggregate(documents, claims)
        if store:
            previous = store.load_run(since) if since else latest
            if previous is not None:
                compare(result, previous)
            store.save_run(result)
        return result


def prior_claims(previous: AuditResult, documents: list[Document]) -> list[tuple[Claim, Document]]:
    """Claims of an earlier run from documents not in this run: earlier articles of the story."""
    current = {d.path for d in documents} | {d.sha256 for d in documents}
    docs = {d.id: d for d in previous.documents if d.path not in current and d.sha256 not in current}
    return [(c, docs[c.document]) for c in previous.claims if c.document in docs]


def new_run_id(started: str) -> str:
    return started[:19].replace("-", "").replace(":", "").replace("T", "-") + "-" + uuid.uuid4().hex[:6]


def flesch(doc: Document) -> float | None:
    """Flesch reading ease of the audited text (textstat 0.7.8: the dictionary ships, no download)."""
    import textstat

    body = " ".join(doc.text[a:b] for a, b in doc.regions)
    return round(textstat.flesch_reading_ease(body), 1) if body.strip() else None


def compare(result: AuditResult, previous: AuditResult) -> None:
    """Fill result.changes against an earlier run: new and dropped claims, status and figure changes."""
    before = {c.id: c for c in previous.claims}
    now = {c.id: c for c in result.claims}
    changes: dict[str, list[str]] = {"new": [], "removed": [], "status_changed": [], "newly_conflicting": [],
                                     "revised_figures": []}
    for cid, claim in now.items():
        old = before.get(cid)
        if old is None:
            changes["new"].append(cid)
            continue
        if old.corroboration.status != claim.corroboration.status:
            changes["status_changed"].append(cid)
        had = {link.claim for link in old.corroboration.links if link.relation == LinkRelation.CONFLICTS}
        if any(link.relation == LinkRelation.CONFLICTS and link.claim not in had
               for link in claim.corroboration.links):
            changes["newly_conflicting"].append(cid)
        if any(link.figure_relation == FigureRelation.REVISION and link.claim not in before
               for link in claim.corroboration.links):
            changes["revised_figures"].append(cid)
    changes["removed"] = [cid for cid in before if cid not in now]
    result.previous_run = previous.run.id
    result.changes = changes
