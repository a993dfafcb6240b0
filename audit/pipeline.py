"""The one pipeline: ingest → segment → extract → rules → corroborate → review → score → store.

`Auditor` loads the language pack, registry and rules once and hands them to every stage; `analyse` is
the per-document part (cacheable by content hash), `run` the whole corpus, or the stored run with the
same content key when nothing it depends on changed (tried first with the input key, on the files' bytes
before they are read). Review applies the policy: the configuration's per-path overrides, in-document
suppressions and a baseline. Renderers take the AuditResult it returns, so `Auditor.from_config(cfg).run(paths)`
gives what `audit scan` prints. The analysing stages (extraction, frames, corroboration, scores) are
imported and compiled when first used: a re-run that takes the stored result needs none of them, and one
whose documents are all in the analysis cache compiles no extractor.
"""
from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, codec
from .baseline import Baseline
from .config import Config
from .errors import AuditError, ConfigError, internal_error
from .executors import Executor, InProcess
from .gcpause import gc_paused
from .identity import unique_claim_ids, unique_document_ids
from .ingest import discover, input_digest, read_files
from .language import LanguagePack
from .limits import Limits
from .models import (REVISIONS, AuditResult, Claim, Corroboration, Document, LinkRelation, Notice, RemovedClaim,
                     RunInfo, Skipped, Timeline)
from .paths import REGISTRY_DIR
from .registry import Registry
from .rules import RuleSet
from .suppress import Suppressor, hide_comments

if TYPE_CHECKING:
    from .attribution import Extractor
    from .corroborate.stored import Given
    from .frames import FrameReader

Progress = Callable[[str, int, int | None], None]     # (stage, done, total or None when unknown)


def no_progress(stage: str, done: int = 0, total: int | None = None) -> None:
    """The Progress of a run nobody watches."""


class Auditor:
    """Everything compiled once for a run: language pack, registry, rules, extractor, and the policy that
    decides which findings count (configuration, in-document suppressions, a baseline)."""

    def __init__(self, rule_dirs: Iterable[Path | str] = (), *, registry_dirs: Iterable[Path | str] = (),
                 config: Config | None = None, on_rule_error: Callable[[ConfigError], None] | None = None):
        """`config` selects rules, overrides their severity and weight, and turns rules off per path;
        `on_rule_error` receives each invalid rule, lexicon or registry file of the user's, which is
        skipped (else the first one raises)."""
        self.rule_dirs = [Path(d) for d in rule_dirs]
        self.registry_dirs = [Path(d) for d in registry_dirs]
        self.config = config
        self.limits = config.limits if config is not None else Limits()
        self.language = LanguagePack.load(self.rule_dirs, on_error=on_rule_error)
        extra = [d / "registry" for d in self.rule_dirs if (d / "registry").is_dir()]
        self.registry = Registry.load([REGISTRY_DIR, *extra, *self.registry_dirs], on_error=on_rule_error)
        self.rules = RuleSet.load(self.language, self.rule_dirs, on_error=on_rule_error)
        self.rule_ids = [r.id for r in self.rules.rules]    # before the configuration: suppressions may name any
        if config is not None:
            self.rules = config.apply_rules(self.rules)
        self.rules_hash = hashlib.sha256(
            (self.language.digest + self.registry.hash() + self.rules.digest).encode()).hexdigest()
        self.analysis_key = f"{build_id()}:{self.rules_hash}"

    @cached_property
    def extractor(self) -> Extractor:
        """The attribution extractor, compiled on first use."""
        from .attribution import Extractor

        return Extractor(self.language, self.registry)

    @cached_property
    def frames(self) -> FrameReader:
        """The figure frame reader, compiled on first use."""
        from .frames import FrameReader

        return self.language.compiled(FrameReader)

    @classmethod
    def from_config(cls, config: Config, *, on_rule_error: Callable[[ConfigError], None] | None = None) -> Auditor:
        """An auditor with the configuration's rule and registry folders, applying the configuration."""
        return cls(config.rules, registry_dirs=config.registry, config=config, on_rule_error=on_rule_error)

    def analyse_guarded(self, doc: Document, readability: bool = False) -> list[Claim] | Skipped:
        """`analyse`, or the document's Skipped entry if it fails: one document's failure must not cost
        the others."""
        try:
            return self.analyse(doc, readability)
        except Exception as exc:    # noqa: BLE001
            return _failed(doc, "analysing", exc)

    def analyse(self, doc: Document, readability: bool = False) -> list[Claim]:
        """Claims of one document with their claim-scope findings (no corpus-wide work). Raises a located
        AuditError when the document takes longer than the time limit (checked between sentences and stages)."""
        deadline = self.limits.deadline(doc)
        hide_comments(doc)
        claims = self.extractor.claims(doc, deadline)
        sided = self.frames.sided(doc.text) if claims else False
        for claim in claims:
            deadline.check(claim.start)
            self.frames.fill(claim, doc.published, sided)
        self.rules.apply(claims, doc, self.registry, "claim")
        if readability:
            from .readability import readability as measure_readability

            measure_readability(doc)
        return claims

    def run(self, paths: list[str], store=None, *, baseline: Baseline | None = None, corroboration: bool = True,
            readability: bool = False, progress: Progress | None = None, since: str | None = None,
            executor: Executor | None = None, claims: bool = True) -> AuditResult:
        """Audit the files. Findings that per-path configuration turns off are dropped; those suppressed in
        the documents or recorded in `baseline` stay, marked suppressed, and do not count for scores.
        `executor` runs the analyses of documents not in the store (default: in this process). With `claims`
        False the caller reads the claims through `render_json` only: a run that takes the latest stored run
        whole then leaves them as the store's JSON (`AuditResult.stored_claims`)."""
        progress = progress or no_progress
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        notices: list[Notice] = []
        files, skipped = discover(paths, notices)
        latest = store.latest() if store else None
        inputs = self.input_key(files, skipped, notices, baseline, [corroboration, readability]) if store else None
        whole = inputs is not None and latest is not None and latest.input_key == inputs   # taken whole
        latest, earlier = _latest_run(store, latest, claims and whole)
        story = _story(store, earlier)              # the stored runs this run may join and is compared with
        taken = _read_from_the_same_files(store, latest, earlier, story, inputs, claims)
        if taken is not None:
            same, key = taken[0], taken[0].content_key  # the files as that run read them: its documents
            result = self._as_new_run(taken[1] if not claims else codec.with_claims(taken[1]), started, baseline,
                                      same.summary)
        else:
            documents = read_files(files, skipped, self.registry, self.language,
                                   progress=lambda done, total: progress("reading", done, total),
                                   limits=self.limits, notices=notices)
            notices += unique_document_ids(documents)
            unread = len(skipped)
            joined = _joined(story, _read(documents)) if corroboration else []   # stored articles that join
            prior = story[-1].run.id if joined else None
            switches = (corroboration, readability, _digest(joined))
            key = self.content_key(documents, skipped, notices, baseline, switches) if store else None
            same = latest if latest is not None and latest.content_key == key else None
            if same is not None and earlier is not None:
                earlier = codec.with_claims(earlier)
                result = self._as_new_run(earlier, started, baseline, same.summary)
            else:
                result = self._computed(documents, skipped, notices, store, baseline, corroboration, readability,
                                        progress, started, executor, _context(story, joined, documents))
                if joined:
                    result.notices.append(Notice(store.url, None, f"corroborated with the claims of {len(joined)} "
                                                 f"earlier articles not among these files (stored by run {prior}"
                                                 f"{' and the run after it' if len(story) > 1 else ''}); to "
                                                 f"audit these files alone, use --no-store"))
            result.context_run = prior
            result.joined = sorted(_relative(_where(run, d)) for run, d in joined)
            if len(result.skipped) > unread:        # a time limit or a bug: the next run tries again
                key = None
            if prior is not None:                   # the files alone do not give the result
                inputs = None
        if store and result.documents:               # a run that read nothing is an error, not a run to keep
            progress("saving", 0, None)
            previous = store.load_run(since) if since else _told(story)
            if previous is not None:
                compare(result, previous)
            store.save_run(result, key, inputs if key else None, baselined=baseline.matched if baseline else None,
                           same_as=same.id if same else None,
                           counts=same.summary if same and result.stored_claims is not None else None)
            if self.config is not None and self.config.keep_runs:
                self._prune(store, self.config.keep_runs, result)
        return result

    def _computed(self, documents: list[Document], skipped: list[Skipped], notices: list[Notice], store,
                  baseline: Baseline | None, corroboration: bool, readability: bool, progress: Progress,
                  started: str, executor: Executor | None, context: AuditResult | None) -> AuditResult:
        """The run's result, worked out: analyses (reused from the store's cache where it has them),
        corroboration with the claims of the stored articles that join it (`context`), review, scores."""
        from .corroborate.features import vocabulary
        from .furniture import cut_digests, learn_furniture
        from .score import aggregate, score_claim

        learned = learn_furniture(documents, vocabulary(self.language).reports_event)
        claims, reused, features = self._analyse_all(documents, skipped, store, readability, progress,
                                                     cut_digests(learned), executor or InProcess(), corroboration)
        unique_claim_ids(claims)
        timelines: list[Timeline] = []
        if corroboration:
            progress("corroborating", 0, None)
            timelines = self._corroborate(documents, claims, _prior(context) if context else (), skipped, store,
                                          features, executor or InProcess())
        notices += self._review(documents, claims, baseline)
        for claim in claims:
            score_claim(claim)
        run = RunInfo(id=new_run_id(started), started=started, tool_version=__version__,
                      rules_hash=self.rules_hash, reused=reused,
                      inputs=[{"path": d.path, "sha256": d.sha256} for d in documents])
        result = AuditResult(run=run, documents=documents, claims=claims, rules=self.rules.infos, skipped=skipped,
                             notices=notices, learned_furniture=learned, timelines=timelines, folder=os.getcwd())
        result.by_document, result.by_outlet = aggregate(documents, claims)
        return result

    def _as_new_run(self, stored: AuditResult, started: str, baseline: Baseline | None, summary: dict) -> AuditResult:
        """A stored run with the same content key, as this run: only its id and start differ (and what it
        is compared with, filled later)."""
        if baseline is not None:
            baseline.matched = summary.get("baselined") or 0
        run = replace(stored.run, id=new_run_id(started), started=started, reused=len(stored.documents))
        return replace(stored, run=run, rules=self.rules.infos, previous_run=None, changes={})

    def content_key(self, documents: list[Document], skipped: list[Skipped], notices: list[Notice],
                    baseline: Baseline | None, switches: tuple) -> str:
        """A digest of everything a run's result depends on: the code and rules (the analysis key), the
        policy (configuration and baseline), the working folder (paths in the documents and the policy are
        relative to it), the documents as read, what reading them skipped or noted, and the `switches`
        (corroboration, readability, the earlier run whose claims join corroboration). Equal keys give equal
        results, so a run may take a stored run with its key instead of working (where the rule files are
        is not in it: a run taken whole lists the rules as this run loaded them)."""
        return self._run_digest(baseline, switches, skipped, notices, documents)

    def input_key(self, files: list[Path], skipped: list[Skipped], notices: list[Notice], baseline: Baseline | None,
                  switches: list) -> str | None:
        """`content_key` for a run whose documents are not read yet: the files found (`discover`), with
        their bytes and sidecars, in place of the documents as read. Equal input keys give equal documents,
        so equal content keys where no earlier run's claims join the run (None if a file cannot be read)."""
        read = input_digest(files)
        return None if read is None else self._run_digest(baseline, switches, skipped, notices, [read])

    def _run_digest(self, baseline: Baseline | None, switches: Iterable, skipped: list[Skipped],
                    notices: list[Notice], inputs: Iterable) -> str:
        """The digest both keys share: the analysis key, the policy, the working folder, the switches, what
        reading skipped or noted, then `inputs` (the documents, or the digest of the files)."""
        digest = hashlib.sha256()
        for part in (self.analysis_key, self._policy(baseline), os.getcwd(), list(switches), skipped, notices,
                     *inputs):
            digest.update(codec.to_json(part) + b"\n")
        return digest.hexdigest()

    def _policy(self, baseline: Baseline | None) -> list:
        """What decides which findings count, besides the rules: the configuration and the baseline."""
        policy: list = []
        if self.config is not None:
            cfg = self.config
            policy += [cfg.select, cfg.ignore, str(cfg.root), sorted(cfg.severity.items()), sorted(cfg.weight.items()),
                       [(o.paths, o.select, o.ignore) for o in cfg.overrides], repr(cfg.limits)]
        if baseline is not None:
            policy += [str(baseline.path.resolve().parent), sorted(baseline.counts.items())]
        return policy

    @staticmethod
    def _prune(store, keep: int, result: AuditResult) -> None:
        """Apply the retention setting once the run is saved; a failure costs only the pruning."""
        try:
            store.prune(keep, build_id())
        except AuditError as exc:
            result.notices.append(Notice(store.url, None, f"{exc.message} (keep-runs not applied)"))

    def _analyse_all(self, documents: list[Document], skipped: list[Skipped], store, readability: bool,
                     progress: Progress, cuts: dict[str, str], executor: Executor,
                     features: bool) -> tuple[list[Claim], int, Given]:
        """(every document's claims, how many documents' stored analysis was reused, the matching features
        records workers computed, by digest of their inputs: asked for if `features`). A reused or analysed
        document replaces its entry in `documents` (keeping its id); one whose analysis fails or runs over
        the time limit leaves it for `skipped`. `cuts` holds the digest of the learned furniture cut from a
        document: part of its cache key, since the cut changes its analysis. Documents not in the store go
        to `executor`, and come back in order."""
        keys = [f"{self.analysis_key}:{cuts[d.id]}" if d.id in cuts else self.analysis_key for d in documents]
        analyses: dict[int, tuple[Document, list[Claim]]] = {}
        found = store.cached_analyses(list(zip(documents, keys))) if store else ()
        for i, (doc, cached) in enumerate(zip(documents, found)):
            if cached and (cached[0].path, cached[0].meta) == (doc.path, doc.meta) \
                    and (cached[0].readability is not None or not readability):
                analyses[i] = _reused(doc.id, *cached)
        reused = done = len(analyses)
        progress("analysing", done, len(documents))
        todo = [i for i in range(len(documents)) if i not in analyses]
        if todo:
            _ = self.extractor, self.frames     # compiled before the documents: a failure fails the run once
        from .corroborate.stored import Given

        records = Given()       # decoded as they arrive, while the workers analyse the next documents
        for i, (doc, outcome, packed) in zip(todo, executor.analyse(self, [documents[i] for i in todo],
                                                                    readability, features)):
            done += 1
            progress("analysing", done, len(documents))
            if isinstance(outcome, Skipped):
                skipped.append(outcome)
                continue
            if store:
                store.cache_analysis(doc, outcome, keys[i], packed.analysis if packed else None)
            if packed and packed.features:
                records.add(*packed.features)
            analyses[i] = doc, outcome
        kept = sorted(analyses)
        documents[:] = [analyses[i][0] for i in kept]
        return [c for i in kept for c in analyses[i][1]], reused, records

    def _corroborate(self, documents: list[Document], claims: list[Claim], prior: Iterable[tuple[Claim, Document]],
                     skipped: list[Skipped], store, features: Given, executor: Executor) -> list[Timeline]:
        """Corroborate across the documents (and earlier runs' `prior` claims), apply corpus-scope rules; the
        run's figure timelines. The claims' matching features are read from the workers' records
        (`features`) or the store where they have them (and those not stored are saved with the run); the
        collector is paused meanwhile, as the corroboration of a large store holds millions of objects it
        would scan again and again. Its candidate pairs are scored where `executor` runs. If corroboration fails, every claim stays uncorroborated; if a
        document's corpus rules fail, that document goes to `skipped`: either way with an internal-error
        entry, and the rest is kept."""
        from .corroborate import corroborate
        from .corroborate.stored import StoredFeatures

        by_id = {d.id: d for d in documents}
        stored = StoredFeatures(store, self.analysis_key, features) if store or features else None
        sideless: frozenset[str] | None = None        # as corroboration decides it, for the timelines
        try:
            with gc_paused():
                sideless = corroborate(claims, by_id, self.registry, prior, lexicon=self.language, stored=stored,
                                       scorer=executor.score)
        except Exception as exc:    # noqa: BLE001 - a bug must not cost the run; it is reported
            for claim in claims:
                claim.corroboration = Corroboration()
            skipped.append(Skipped("(corroboration)", None, f"{internal_error('corroborating', exc)}; "
                                                            "every claim is shown uncorroborated"))
        by_document: dict[str, list[Claim]] = {}
        for c in claims:
            by_document.setdefault(c.document, []).append(c)
        failed: set[str] = set()
        for doc_id, group in by_document.items():
            try:
                self.rules.apply(group, by_id[doc_id], self.registry, "corpus")
            except Exception as exc:    # noqa: BLE001
                skipped.append(_failed(by_id[doc_id], "applying corpus rules", exc))
                failed.add(doc_id)
        if failed:
            documents[:] = [d for d in documents if d.id not in failed]
            claims[:] = [c for c in claims if c.document not in failed]
        return self._timelines(claims, by_id, skipped, sideless)

    def _timelines(self, claims: list[Claim], by_id: dict[str, Document], skipped: list[Skipped],
                   sideless: frozenset[str] | None) -> list[Timeline]:
        """The run's figure timelines (`sideless`: the measures corroboration follows without sides, None if it
        failed); none, with an internal-error entry, if building them fails."""
        from .corroborate.timelines import figure_timelines
        from .quantities import FigureReader

        try:
            return figure_timelines(claims, by_id, self.language.compiled(FigureReader), sideless)
        except Exception as exc:    # noqa: BLE001 - a bug must not cost the run; it is reported
            skipped.append(Skipped("(figure timelines)", None, internal_error("building figure timelines", exc)))
            return []

    def _review(self, documents: list[Document], claims: list[Claim], baseline: Baseline | None) -> list[Notice]:
        """Drop findings the configuration turns off per path, mark suppressed and baselined ones; return
        the notices about suppression directives."""
        if self.config is not None:
            self.config.drop_by_path(documents, claims)
        suppressor = Suppressor(self.rule_ids)
        suppressor(documents, claims)
        if baseline is not None:
            baseline.apply(documents, claims)
        return suppressor.notices


@lru_cache(maxsize=1)
def build_id() -> str:
    """The version and a digest of the package's own source, for the analysis cache: a stored analysis
    made by other code (a development checkout, a patched install of the same version) is not reused."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _prior(context: AuditResult) -> list[tuple[Claim, Document]]:
    """The claims of the stored articles that join a run, each with its document."""
    docs = {d.id: d for d in context.documents}
    return [(c, docs[c.document]) for c in context.claims]


def _latest_run(store, latest, claims: bool) -> tuple:
    """(Latest, AuditResult) of the newest stored run `latest`, its claims left as JSON unless `claims` (see
    Store.load_run), or (None, None) with no run, or when that run was pruned meanwhile."""
    if latest is None:
        return None, None
    try:
        return latest, store.load_run(latest.id, claims=claims)
    except AuditError:
        return None, None


def _story(store, earlier: AuditResult | None) -> list[AuditResult]:
    """The stored runs that tell the story so far, newest first, their claims left as they were read: the
    newest run, and when that one was itself checked against a run (`context_run`, always a run that was
    not), that run too, one step and no further (when it was pruned meanwhile, the newest alone)."""
    if earlier is None:
        return []
    base = _stored(store, earlier.context_run) if earlier.context_run else None
    return [earlier, base] if base else [earlier]


def _stored(store, run_id: str) -> AuditResult | None:
    """A stored run, its claims left as JSON, or None when it was pruned."""
    try:
        return store.load_run(run_id, claims=False)
    except AuditError:
        return None


def _told(story: list[AuditResult]) -> AuditResult | None:
    """The story as one run, to compare a new run with: the newest run's documents and, from the run it was
    checked against, those it did not read again (by path)."""
    if len(story) < 2:
        return story[0] if story else None
    newest, base = (codec.with_claims(run) for run in story)
    read = {_where(newest, d) for d in newest.documents}
    kept = {d.id for d in base.documents if _where(base, d) not in read}
    return replace(newest, documents=newest.documents + [d for d in base.documents if d.id in kept],
                   claims=newest.claims + [c for c in base.claims if c.document in kept])


def _joined(story: list[AuditResult], read: set[str]) -> list[tuple[AuditResult, Document]]:
    """The stored articles that join a run reading the files `read` (their absolute paths and contents,
    `_read`), each with the run it is read from: earlier articles of the story, documents not among those
    files whose files still exist (so `audit check FILE` is checked against the rest of its folder, and a
    deleted article stops counting), from the newest run first, then from the run it was checked against
    those not met yet (so one file checked after another is checked against the folder's run and the file
    checked before)."""
    known = set(read)
    joined = []
    for run in story:
        for d in run.documents:
            where = _where(run, d)
            if where not in known and d.sha256 not in known and os.path.exists(where):
                joined.append((run, d))
                known |= {where, d.sha256}
    return joined


def _relative(path: str) -> str:
    """A path as this run's documents' paths are written: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


def _read(documents: list[Document]) -> set[str]:
    """The files a run reads, as `_joined` knows them: absolute paths and contents."""
    return {_where(None, d) for d in documents} | {d.sha256 for d in documents}


def _where(run: AuditResult | None, d: Document) -> str:
    """A document's file as an absolute path: its path read from the folder the run that read it worked in
    (`run` None: this run), so a store shared by runs from other folders still knows each file."""
    return os.path.normpath(os.path.join((run.folder if run else None) or os.getcwd(), d.path))


def _digest(joined: list[tuple[AuditResult, Document]]) -> str | None:
    """What the stored articles that join a run stand for in its content key: their paths and contents (a
    stored document's claims follow from its content, under the same analysis key)."""
    if not joined:
        return None
    return hashlib.sha256(repr(sorted((d.path, d.sha256) for _, d in joined)).encode()).hexdigest()


def _context(story: list[AuditResult], joined: list[tuple[AuditResult, Document]],
             documents: list[Document]) -> AuditResult | None:
    """The joined articles as one run holding their documents and claims, or None. A joined document whose
    id is one this run gives another document (the same file name in another folder, a JSON Lines record
    number) is renamed apart, so that its claims are not taken for that document's."""
    if not joined:
        return None
    taken = {d.id for d in documents}
    docs: list[Document] = []
    claims: list[Claim] = []
    for run in story:
        named: dict[str, str] = {}              # a joined document's id -> its id in this run
        for r, d in joined:
            if r is run:
                named[d.id] = d.id if d.id not in taken else f"{d.id}@{d.sha256[:12]}"
                taken.add(named[d.id])
                docs.append(d if named[d.id] == d.id else replace(d, id=named[d.id]))
        if named:
            claims += [c if named[c.document] == c.document else replace(c, document=named[c.document])
                       for c in codec.with_claims(run).claims if c.document in named]
    return replace(story[0], documents=docs, claims=claims, stored_claims=None,
                   run=replace(story[0].run, inputs=[{"path": d.path, "sha256": d.sha256} for d in docs]))


def _read_from_the_same_files(store, latest, earlier: AuditResult | None, story: list[AuditResult],
                              inputs: str | None, claims: bool) -> tuple | None:
    """(Latest, AuditResult) of the newest stored run read from the files this run reads (the same input
    key), which this run may take whole: the latest run, or an earlier one when no stored article would
    join this run (`_joined`: the story's documents those files leave out, still on disk), as when a folder
    is audited again after `audit check FILE` of one of its files (its claims left as JSON unless
    `claims`). None when there is none, or it was pruned meanwhile."""
    if inputs is None or latest is None or earlier is None:
        return None
    if latest.input_key == inputs:
        return latest, earlier
    found = store.read_from(inputs)
    if found is None:
        return None
    read = {os.path.abspath(i["path"]) for i in found.inputs if i.get("path")} | {i.get("sha256") for i in found.inputs}
    if _joined(story, read):
        return None
    try:
        return found, store.load_run(found.id, claims=claims)
    except AuditError:
        return None


def claim_views(result: AuditResult) -> Sequence[Claim | codec.ClaimView]:
    """The result's claims, or what `compare` and a check's verdict read of them when the result holds
    them as JSON."""
    if result.stored_claims is None:
        return result.claims
    with gc_paused():
        return [view for data in result.stored_claims for view in codec.load_claim_views(data)]


def _reused(doc_id: str, doc: Document, claims: list[Claim]) -> tuple[Document, list[Claim]]:
    """A stored analysis under the id this run gives the document (a repeated record may share its content)."""
    doc.id = doc_id
    for claim in claims:
        claim.document = doc_id
    return doc, claims


def _failed(doc: Document, step: str, exc: Exception) -> Skipped:
    """The Skipped entry of a document whose `step` raised: located where the error says (the time limit
    names the line reached), else at its first line; an internal error (a bug, not the input's fault) said
    to be one."""
    if isinstance(exc, AuditError):
        return Skipped(exc.path or doc.path, exc.line or doc.line_numbers[0], exc.message)
    return Skipped(doc.path, doc.line_numbers[0], internal_error(step, exc))


_FIGURES = re.compile(r"\d[\d,.]*")       # written figures: a claim edited in these alone is the same claim revised


def new_run_id(started: str) -> str:
    return started[:19].replace("-", "").replace(":", "").replace("T", "-") + "-" + uuid.uuid4().hex[:6]


CHANGES = ("new", "removed", "status_changed", "newly_conflicting", "revised_figures")


def compare(result: AuditResult, previous: AuditResult) -> None:
    """Fill result.changes against an earlier run that read some of the same documents (not another corpus):
    new and dropped claims, status and figure changes. A claim is dropped when its document is one this run
    reads, or a file since deleted: not for a document this run left alone (the rest of the folder, after
    `audit check FILE`). A run taken whole from `previous` with the claims left as JSON (the same
    `stored_claims`) has none: a run taken by its input key had no earlier claims join it, so its links
    stay among its own claims."""
    paths = {_where(result, d) for d in result.documents}
    files = {d.id: _where(previous, d) for d in previous.documents}
    if paths.isdisjoint(files.values()):
        return
    result.previous_run = previous.run.id
    changes: dict[str, list[str]] = {kind: [] for kind in CHANGES}
    if result.stored_claims is not None and result.stored_claims is previous.stored_claims:
        result.changes = changes
        return
    before = {c.id: c for c in claim_views(previous)}
    now = {c.id: c for c in claim_views(result)}
    for cid, claim in now.items():
        old = before.get(cid)
        if old is None:
            changes["new"].append(cid)
            continue
        if old.corroboration.status != claim.corroboration.status:
            changes["status_changed"].append(cid)
        links = claim.corroboration.links
        if not links:
            continue
        conflicting = [link.claim for link in links if link.relation == LinkRelation.CONFLICTS]
        if conflicting and not {link.claim for link in old.corroboration.links
                                if link.relation == LinkRelation.CONFLICTS}.issuperset(conflicting):
            changes["newly_conflicting"].append(cid)
        if any(link.figure_relation in REVISIONS and link.claim not in before for link in links):
            changes["revised_figures"].append(cid)
    dropped = {doc for doc, where in files.items() if where in paths or not os.path.exists(where)}
    changes["removed"] = [cid for cid, c in before.items() if cid not in now and c.document in dropped]
    result.removed_claims = _removed_claims(previous, frozenset(changes["removed"]))
    _figures_edited(result, changes)
    result.changes = changes


def _figures_edited(result: AuditResult, changes: dict[str, list[str]]) -> None:
    """A sentence whose figures were edited in place ("21 students are still held", then "19") is a new
    claim and a removed one by id (the same file and line, the same words but the figures); counted instead
    as the new claim's revised figures."""
    paths = {d.id: d.path for d in result.documents}
    claims = {c.id: c for c in result.claims}
    was = {(r.path, r.line, _FIGURES.sub("#", r.text)): r.id for r in result.removed_claims if _FIGURES.search(r.text)}
    edited = {cid: was[key] for cid in changes["new"] if cid in claims
              and (key := (paths.get(claims[cid].document), claims[cid].line, _FIGURES.sub("#", claims[cid].text))) in was}
    if edited:
        gone = set(edited.values())
        changes["new"] = [cid for cid in changes["new"] if cid not in edited]
        changes["removed"] = [cid for cid in changes["removed"] if cid not in gone]
        result.removed_claims = [r for r in result.removed_claims if r.id not in gone]
        order = {cid: n for n, cid in enumerate(claims)}
        changes["revised_figures"] = sorted(set(changes["revised_figures"]) | set(edited), key=order.__getitem__)


def _removed_claims(previous: AuditResult, ids: frozenset[str]) -> list[RemovedClaim]:
    """Where the previous run's claims that this run no longer has were, and what they said (read from the
    stored JSON only when there are any)."""
    if not ids:
        return []
    paths = {d.id: d.path for d in previous.documents}
    places: Sequence[Claim | codec.ClaimPlace] = previous.claims if previous.stored_claims is None else \
        [c for data in previous.stored_claims for c in codec.load_claim_places(data)]
    return [RemovedClaim(c.id, paths.get(c.document, c.document), c.line, c.text) for c in places if c.id in ids]
