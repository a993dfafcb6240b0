"""The `audit` command line. Heavy modules are imported inside commands so `--help` stays instant.

Exit codes (audit.errors): 0 clean, 1 findings at or above --fail-level (or a claim under --fail-under,
or a failing rule test), 2 usage or runtime error, 3 invalid rules or configuration.
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .errors import EXIT_ERROR, EXIT_FINDINGS, AuditError, ConfigError
from .escape.terminal import escape_line
from .progress import Progress
from .models import Severity
from .plainhelp import PlainHelpCommand
from .render.formats import FORMATS, LISTED_FORMATS, OutputFormat, Rendered, RenderOptions, chunks

app = typer.Typer(
    name="audit",
    help="Audit how news claims are sourced: who each claim is attributed to, the chain of outlets it came "
         "through, provenance findings from YAML rules, and corroboration across sources.\n\n"
         "\b\nStart with:  audit report seeds/        (writes reports/seeds.md)\n"
         "In CI:       audit check articles/ --fail-level warning --output sarif=audit.sarif\n"
         "A claim:     audit show CLAIM_ID          (ids from scan, check and the report)",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
rules_app = typer.Typer(help="List, explain, validate and test rules; write a new rule; generate rule docs.",
                        no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rules_app, name="rules")

from .evaluation.cli import eval_app  # noqa: E402  (light: typer only)

app.add_typer(eval_app, name="eval")

Paths = Annotated[list[str], typer.Argument(metavar="PATH...", show_default=False,
                                            help="Files, folders or globs: .txt, .md, .html, .jsonl.")]
RulesOpt = Annotated[Optional[list[Path]], typer.Option(
    "--rules", metavar="DIR", help="Extra rule folder (YAML rules; lexicons/ and registry/ inside extend the built-ins). "
                    "Repeatable. Replaces `rules` from the configuration.")]
DbOpt = Annotated[Optional[str], typer.Option(
    "--db", metavar="URL", help="Store URL (any SQLAlchemy URL). Default: `db` from the configuration, else "
                 "sqlite:///.audit/audit.db")]
NoStoreOpt = Annotated[bool, typer.Option("--no-store", help="Do not read or write the store (no analysis cache).")]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", metavar="FILE", help="Configuration file (audit.toml, .audit.toml or a pyproject.toml with [tool.audit]). "
                     "Default: the nearest one from the working folder up.")]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")]
SelectOpt = Annotated[Optional[list[str]], typer.Option(
    "--select", metavar="RULES", help="Only these rule ids or id prefixes (comma-separated, repeatable).")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option(
    "--ignore", metavar="RULES", help="Leave out these rule ids or id prefixes (comma-separated, repeatable).")]
OutputOpt = Annotated[Optional[list[str]], typer.Option(
    "--output", "-o", metavar="FORMAT=PATH", help="Also write FORMAT=PATH (e.g. sarif=audit.sarif), repeatable; a bare PATH takes "
                           "the --format output instead of stdout. Files are written whole or not at all.")]
BaselineOpt = Annotated[Optional[Path], typer.Option(
    "--baseline", metavar="FILE", help="Findings recorded in this baseline file do not count (marked suppressed).")]
StrictOpt = Annotated[bool, typer.Option(
    "--strict/--no-strict", help="An invalid rule or rule file is an error, exit 3 (--strict), or a warning "
                                 "naming file:line with the rule skipped (--no-strict).")]
JobsOpt = Annotated[int, typer.Option(
    "--jobs", "-j", metavar="N", min=1, help="Analyse documents on N local processes (the output is the same).")]


class ExecutorName(str, Enum):
    local = "local"
    dask = "dask"


ExecutorOpt = Annotated[ExecutorName, typer.Option(
    "--executor", metavar="NAME",
    help="Where documents are analysed: local (this machine, --jobs N) or dask (a dask.distributed cluster: "
         "--scheduler, else a local cluster; pip install \"provenance-audit[dask]\").")]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", metavar="ADDRESS", help="The Dask scheduler for --executor dask (e.g. tcp://10.0.0.5:8786). "
                                           "The store is written by this process only.")]
NoCorroborateOpt = Annotated[bool, typer.Option("--no-corroborate", help="Skip cross-source corroboration "
                                                                         "(and the rules that need it).")]


def _known_format(name: str) -> str:
    """--format's check, against the format table at parse time (so a registered format is a choice)."""
    if name not in FORMATS:
        raise typer.BadParameter(f"'{name}' is not one of {', '.join(map(repr, LISTED_FORMATS))}.")
    return name


def _severity(name: str) -> Severity:
    """--fail-level's check: one plain sentence, not the validator's "Value error, ..." wording."""
    try:
        return Severity(name.lower())
    except ValueError:
        raise typer.BadParameter(f"'{name}' is not one of {', '.join(s.value for s in Severity)}.") from None


def _format_option(help: str) -> Any:
    """--format, offering the formats of the table (an alias such as `text` is accepted, not listed)."""
    return typer.Option("--format", "-f", help=f"{help}: {', '.join(LISTED_FORMATS)}.", callback=_known_format,
                        metavar="FORMAT")


def main() -> None:
    """Entry point: one-line errors and exit codes instead of tracebacks for the user's mistakes."""
    try:
        code = app(standalone_mode=False)       # click returns typer.Exit's code instead of raising it
    except AuditError as exc:
        for problem in getattr(exc, "errors", [exc]):      # ConfigErrors: one line per problem
            _say(f"error: {problem}")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _say("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        _say("interrupted: the store was left as it was")
        sys.exit(130)
    except Exception as exc:  # a usage error (Click's, or the copy Typer >= 0.29 ships), or a bug
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            sys.exit(exit_code or EXIT_ERROR)
        if os.environ.get("AUDIT_DEBUG"):
            raise
        _say(f"internal error: {type(exc).__name__}: {exc} (set AUDIT_DEBUG=1 for a traceback)")
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else 0)


def _say(message: str) -> None:
    """One line on stderr, escaped: it may name the user's files and quote their text."""
    typer.echo(escape_line(message), err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"provenance-audit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    pass


# -- shared plumbing -----------------------------------------------------------------------------------

def _config(config_file: Path | None, isolated: bool, **flags):
    """The configuration file's settings with the command-line flags that were given on top."""
    from .config import load_config

    cfg = load_config(config_file, isolated=isolated)
    names = {"rules": "--rules", "db": "--db", "select": "--select", "ignore": "--ignore",
             "fail-level": "--fail-level", "fail-under": "--fail-under"}
    for key, value in flags.items():
        key = key.replace("_", "-")
        cfg.override(key, value, names[key])
    return cfg


def _auditor(cfg, strict: bool, configured: bool = True):
    """An Auditor with the configuration's rule folders, applying the configuration unless `configured`
    is False. Invalid rules are reported and skipped, or are errors with --strict."""
    from .pipeline import Auditor

    errors: list[ConfigError] = []
    if configured:
        auditor = Auditor.from_config(cfg, on_rule_error=errors.append)
    else:
        auditor = Auditor(cfg.rules, registry_dirs=cfg.registry, on_rule_error=errors.append)
    if errors and strict:
        for exc in errors:
            _say(f"error: {exc}")
        raise ConfigError(f"{len(errors)} invalid rule(s): fix them (`audit rules validate` lists every "
                          "error), or pass --no-strict to skip them")
    for exc in errors:
        _say(f"warning: {exc} ({exc.skipped} skipped)")
    return auditor


def _audit(paths: list[str], cfg, no_store: bool, *, strict: bool = False, readability: bool = False,
           since: str | None = None, corroboration: bool = True, baseline: Path | None = None,
           workers: tuple[int, str, str | None] = (1, "local", None), claims: bool = True):
    """Audit with the configuration and an optional baseline file on the (jobs, executor, scheduler) asked
    for; print what was skipped and the notices. `claims` False: only `json` outputs read the result (see
    Auditor.run)."""
    from .executors import executor_for
    from .store import Store

    auditor = _auditor(cfg, strict)
    accepted = None
    if baseline is not None:
        from .baseline import Baseline

        accepted = Baseline(baseline)
    store = None if no_store else Store(cfg.db)
    executor = executor_for(*workers)
    try:
        with Progress() as progress:
            result = auditor.run(paths, store, baseline=accepted, readability=readability, since=since,
                                 corroboration=corroboration, progress=progress, executor=executor, claims=claims)
    finally:
        executor.close()
        if store:
            store.close()
    if not result.documents:
        raise AuditError("nothing to audit: " + ("; ".join(f"{s.where}: {s.error}" for s in result.skipped)
                                                 or "no supported files"))
    for s in result.skipped:
        _say(f"skipped {s.where}: {s.error}")
    for notice in result.notices:
        _say(str(notice))
    if accepted:
        _say(f"baseline {baseline}: {accepted.matched} known finding(s) not counted")
    return result


def _unread(result) -> None:
    """Exit 2 once the outputs are written if some inputs could not be audited (listed above)."""
    if result.skipped:
        raise typer.Exit(EXIT_ERROR)


def write_atomic(path: Path, text: Rendered) -> None:
    """Write a file whole or not at all (see `write_all`)."""
    write_all([(path, text)])


def write_all(files: list[tuple[Path, Rendered]]) -> None:
    """Write several files all or none: each goes to a temporary file beside it first, and only when every
    one is written are they moved into place, so a failure leaves no output changed. A file gets the
    permissions `open` would give it: an existing file keeps its mode, a new one gets 0666 less the umask
    (mkstemp alone would leave it 0600)."""
    for path, _ in files:
        if path.is_dir():
            raise AuditError("is a folder; give a file path", str(path))
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            staged.append((_stage(path, text), path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise AuditError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def _stage(path: Path, text: Rendered) -> str:
    """`text` written to a new temporary file in `path`'s folder, with the mode `path` should get."""
    blocking = next((p for p in (path.parent, *path.parent.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise AuditError(f"cannot write: {blocking} is a file, not a folder", str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise AuditError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(chunks(text))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _mode_for(path: Path) -> int:
    """The permission bits a plain `open(path, "w")` would leave: the file's own, else 0666 & ~umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)             # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask


def _outputs(fmt: str, outputs: list[str] | None) -> tuple[bool, list[tuple[OutputFormat, Path]]]:
    """(print the main format on stdout?, [(format, path)]) from the --output values."""
    targets, stdout = [], True
    for value in outputs or []:
        name, sep, path = value.partition("=")
        if sep and name.isalpha():
            if name not in FORMATS:
                raise typer.BadParameter(f"unknown format '{name}' (choose from {', '.join(LISTED_FORMATS)})",
                                         param_hint="--output")
            if not path:
                raise typer.BadParameter(f"'{value}': give a path after '='", param_hint="--output")
            targets.append((FORMATS[name], Path(path)))
        else:
            targets.append((FORMATS[fmt], Path(value)))
            stdout = False
    return stdout, targets


def _stored_ok(fmt: str, outputs: list[str] | None) -> bool:
    """Whether every output asked for writes a stored run's claims as their stored JSON, so that a run
    taken whole from the store need not decode them."""
    stdout, targets = _outputs(fmt, outputs)
    return all(f.stored_claims for f in [*([FORMATS[fmt]] if stdout else []), *(f for f, _ in targets)])


def _colour_stdout() -> bool:
    """ANSI colour on stdout: only on a terminal, and not when NO_COLOR is set (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _print(rendered: Rendered) -> None:
    """Print an output on stdout, ending its last line; UTF-8 chunks go to the byte stream as they come."""
    if isinstance(rendered, str):
        typer.echo(rendered, nl=not rendered.endswith("\n"))
        return
    sys.stdout.flush()
    last = b"\n"
    try:
        for chunk in rendered:
            sys.stdout.buffer.write(chunk)
            last = chunk or last
        if not last.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        sys.stdout.buffer.flush()
    except BrokenPipeError:             # the reader stopped early (`| head`): stop quietly, as echo does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _emit(result, fmt: str, outputs: list[str] | None, options: RenderOptions = RenderOptions()) -> None:
    """Render every requested output, write the files and print stdout. Text is rendered whole before
    anything is written; the JSON formats are encoded a claim at a time while they are written."""
    stdout, targets = _outputs(fmt, outputs)
    main_format = FORMATS[fmt]
    colour = main_format.terminal and _colour_stdout()
    with Progress() as progress:
        progress("rendering")
        rendered = [(path, f.render(result, options)) for f, path in targets]
        main = main_format.render(result, replace(options, colour=colour)) if stdout else None
    write_all(rendered)
    if main is not None:
        _print(main)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and "github" in (fmt, *(f.name for f, _ in targets)):
        from .render.github import step_summary

        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(step_summary(result))


# -- audit commands --------------------------------------------------------------------------------

@app.command(cls=PlainHelpCommand)
def scan(paths: Paths,
         fmt: Annotated[str, _format_option("Output format")] = "concise",
         output: OutputOpt = None, rules: RulesOpt = None, db: DbOpt = None, no_store: NoStoreOpt = False,
         no_corroborate: NoCorroborateOpt = False,
         readability: Annotated[bool, typer.Option("--readability", help="Compute Flesch reading ease per article.")]
         = False,
         select: SelectOpt = None, ignore: IgnoreOpt = None, baseline: BaselineOpt = None,
         config: ConfigOpt = None, isolated: IsolatedOpt = False, strict: StrictOpt = False,
         jobs: JobsOpt = 1, executor: ExecutorOpt = ExecutorName.local, scheduler: SchedulerOpt = None) -> None:
    """Audit articles and print every finding; exits 0 whatever it finds (use `audit check` in CI).

    Example: audit scan seeds/ --format json > audit.json
    """
    cfg = _config(config, isolated, rules=rules, db=db, select=select, ignore=ignore)
    result = _audit(paths, cfg, no_store, strict=strict, readability=readability,
                    corroboration=not no_corroborate, baseline=baseline, workers=(jobs, executor.value, scheduler),
                    claims=not _stored_ok(fmt, output))
    _emit(result, fmt, output)
    _unread(result)


@app.command(cls=PlainHelpCommand)
def check(paths: Paths,
          fmt: Annotated[str, _format_option("Output format on stdout")] = "concise",
          output: OutputOpt = None,
          fail_level: Annotated[Optional[Severity], typer.Option(
              "--fail-level", metavar="LEVEL", parser=_severity, help="Fail on findings at or above this severity: info, warning "
                                                    "or error. Default: `fail-level` from the configuration, "
                                                    "else error.")] = None,
          fail_under: Annotated[Optional[float], typer.Option(
              "--fail-under", metavar="SCORE", min=0, max=100,
              help="Also fail when a claim scores under this (0-100).")] = None,
          exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the check "
                                                                      "(errors still exit 2 or 3).")] = False,
          baseline: BaselineOpt = None,
          write_baseline: Annotated[Optional[Path], typer.Option(
              "--write-baseline", metavar="FILE", help="Record the current findings in this file and exit 0; later runs with "
                                       "--baseline fail only on new findings.")] = None,
          rules: RulesOpt = None, db: DbOpt = None, no_store: NoStoreOpt = False,
          no_corroborate: NoCorroborateOpt = False,
          select: SelectOpt = None, ignore: IgnoreOpt = None,
          config: ConfigOpt = None, isolated: IsolatedOpt = False, strict: StrictOpt = True,
          jobs: JobsOpt = 1, executor: ExecutorOpt = ExecutorName.local, scheduler: SchedulerOpt = None) -> None:
    """Audit articles for CI and pre-commit: exit 1 when a finding is at or above --fail-level.

    Unchanged files (the same content, path and metadata) are read from the store's analysis cache, so
    a re-run after editing one file re-audits only that file.

    \b
    Examples:
      audit check articles/ --fail-level warning
      audit check articles/ --format github --output sarif=audit.sarif --output junit=audit.xml
      audit check articles/ --write-baseline .audit-baseline.json   (then: --baseline .audit-baseline.json)
    """
    if baseline and write_baseline:
        raise typer.BadParameter("give --baseline or --write-baseline, not both", param_hint="--write-baseline")
    cfg = _config(config, isolated, rules=rules, db=db, select=select, ignore=ignore,
                  fail_level=fail_level, fail_under=fail_under)
    result = _audit(paths, cfg, no_store, strict=strict, corroboration=not no_corroborate, baseline=baseline,
                    workers=(jobs, executor.value, scheduler),
                    claims=write_baseline is not None or not _stored_ok(fmt, output))
    _emit(result, fmt, output, RenderOptions(fail_level=cfg.fail_level, fail_under=cfg.fail_under))
    if write_baseline:
        from .baseline import write_baseline as baseline_text

        text = baseline_text(write_baseline, result.documents, result.claims)
        write_atomic(write_baseline, text)
        count = text.count('"fingerprint"')
        _say(f"baseline written: {write_baseline} ({count} findings); check with --baseline {write_baseline}")
        _unread(result)
        return
    failing, low, below = _verdict(result, cfg.fail_level, cfg.fail_under)
    if result.skipped:
        files, inputs = len({s.path for s in result.skipped}), len(result.skipped)
        what = f"{files} file(s)" if files == inputs else f"{inputs} input(s) in {files} file(s)"   # JSONL records
        _say(f"audit check failed: {what} could not be audited")
        _unread(result)
    if failing or low:
        reasons = ([f"{failing} finding(s) at or above {cfg.fail_level}"] if failing else []) \
            + ([f"{low} claim(s) scoring under {cfg.fail_under:g}"] if low else [])
        _say(f"audit check failed: {'; '.join(reasons)}" + (" (--exit-zero)" if exit_zero else ""))
        if not exit_zero:
            raise typer.Exit(EXIT_FINDINGS)
    else:
        lower = list(Severity)[Severity(cfg.fail_level).rank - 1] if below else None
        _say(f"audit check passed: no finding at or above {cfg.fail_level}"
             + (f", no claim under {cfg.fail_under:g}" if cfg.fail_under is not None else "")
             + (f" ({below} {lower} finding(s); --fail-level {lower} fails on them)" if lower else ""))


def _verdict(result, fail_level: Severity, fail_under: float | None) -> tuple[int, int, int]:
    """(unsuppressed findings at or above fail_level, claims scoring under fail_under, unsuppressed
    findings of the level just below fail_level: 0 at info)."""
    from .pipeline import claim_views

    claims = claim_views(result)
    rank = Severity(fail_level).rank
    failing = sum(f.fails_at(fail_level) for c in claims for f in c.findings)
    below = sum(f.fails_at(list(Severity)[rank - 1]) for c in claims for f in c.findings) - failing if rank else 0
    low = sum(1 for c in claims if fail_under is not None and c.score < fail_under)
    return failing, low, below


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


REPORT_OUT_FORMATS = {"md": ReportFormat.markdown, "markdown": ReportFormat.markdown, "html": ReportFormat.html}


def _report_out(out: Path | None, fmt: ReportFormat) -> tuple[Path | None, ReportFormat]:
    """`-o PATH`, or `-o FORMAT=PATH` as `scan -o` takes it: markdown or html; another format of scan's is
    refused with where it comes from, instead of becoming a folder named "json=" (a path of no format's
    name with "=" in it is a path)."""
    name, eq, path = str(out).partition("=") if out is not None else ("", "", "")
    if not eq or "/" in name or (name.lower() not in REPORT_OUT_FORMATS and name not in FORMATS):
        return out, fmt
    if name.lower() not in REPORT_OUT_FORMATS:
        raise typer.BadParameter(f"the report is markdown or html; for {name} use `audit scan DIR -o {name}=PATH`",
                                 param_hint="--out")
    if not path:
        raise typer.BadParameter(f"'{out}': give a path after '='", param_hint="--out")
    return Path(path), REPORT_OUT_FORMATS[name.lower()]


@app.command(cls=PlainHelpCommand)
def report(paths: Paths,
           out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="Report path (or md=PATH, "
                                                       "html=PATH). Default: reports/NAME.md (or .html) after the first "
                                                       "input folder or file.")] = None,
           fmt: Annotated[ReportFormat, typer.Option("--format", "-f", metavar="FORMAT", help="markdown (the default) or "
                                                     "html: one self-contained page that works offline.")] = ReportFormat.markdown,
           since: Annotated[Optional[str], typer.Option("--since", metavar="RUN", help="Compare with this earlier run id "
                                                        "(see `audit runs`). Default: the previous run.")] = None,
           rules: RulesOpt = None, db: DbOpt = None, no_store: NoStoreOpt = False,
           config: ConfigOpt = None, isolated: IsolatedOpt = False,
           jobs: JobsOpt = 1, executor: ExecutorOpt = ExecutorName.local, scheduler: SchedulerOpt = None) -> None:
    """Write the audit report, its manifest beside it, and print a short summary.

    Example: audit report seeds/   (writes reports/seeds.md and reports/seeds.manifest.json)
    """
    from .render.formats import FORMATS
    from .render.manifest import render_manifest
    from .render.text import render_summary

    out, fmt = _report_out(out, fmt)
    cfg = _config(config, isolated, rules=rules, db=db)
    result = _audit(paths, cfg, no_store, since=since, workers=(jobs, executor.value, scheduler))
    suffix = ".md" if fmt is ReportFormat.markdown else ".html"
    target = out or Path("reports") / f"{_stem(paths[0])}{suffix}"
    with Progress() as progress:
        progress("rendering")
        report_text = FORMATS[fmt.value].render(result)
    write_all([(target, report_text), (target.with_name(f"{target.stem}.manifest.json"), render_manifest(result))])
    typer.echo(render_summary(result))
    typer.echo(f"report: {target}")
    _unread(result)


def _stem(path: str) -> str:
    name = Path(path.rstrip("/\\*")).name or "audit"
    return Path(name).stem or "audit"


@app.command(cls=PlainHelpCommand)
def show(claim_id: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="A claim id or a unique prefix (from scan or the report).")],
         db: DbOpt = None,
         run: Annotated[Optional[str], typer.Option(
             "--run", metavar="RUN", help="Look in this run only (id or prefix, see `audit runs`). Default: the newest run "
                           "holding the claim.")] = None,
         config: ConfigOpt = None) -> None:
    """Show one claim: text, attribution chain, findings (most severe first) with evidence, score
    ledger, corroboration links."""
    import shutil

    from .render.text import render_claim
    from .store import Store

    with Store(_config(config, False, db=db).db, create=False) as store:
        claim, doc, run_id = _find_claim(store, claim_id, run)
        result = store.load_run(run_id)
    width = min(shutil.get_terminal_size((100, 24)).columns, 120)
    colour = _colour_stdout()
    typer.echo(render_claim(claim, doc, {c.id: c for c in result.claims}, {d.id: d for d in result.documents},
                            run=result.run.id, width=width, colour=colour), color=colour)


def _find_claim(store, claim_id: str, run: str | None):
    """(claim, document, run id): in `run`, else in the newest stored run holding the claim."""
    runs = store.runs()
    if run is not None or not runs:             # the store's own errors: unknown run, no runs yet
        return (*store.find_claim(claim_id, run), run)
    for info in runs:
        try:
            return (*store.find_claim(claim_id, info.id), info.id)
        except AuditError as exc:
            if "ambiguous" in exc.message:      # a prefix shared by several claims of this run
                raise
    raise AuditError(f"no claim id starts with '{claim_id}' in any of the {len(runs)} run(s) stored in "
                     f"{store.url}; `audit scan PATH --format json` lists claim ids")


@app.command(cls=PlainHelpCommand)
def runs(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """List stored runs, newest first (ids for `audit report --since` and `audit show --run`)."""
    from .store import Store

    url = _config(config, False, db=db).db
    if not Store.exists(url):
        typer.echo("no runs yet: run `audit scan PATH` or `audit report PATH` first")
        return
    with Store(url, create=False) as store:
        rows = store.runs()
    if not rows:
        typer.echo("no runs yet: run `audit scan PATH` or `audit report PATH` first")
    for r in rows:
        typer.echo(f"{r.id}  {r.started}  {len(r.inputs)} documents  ({r.reused} reused)  rules {r.rules_hash[:12]}")


@app.command(cls=PlainHelpCommand)
def gc(keep: Annotated[Optional[int], typer.Option(
           "--keep", metavar="N", min=1, help="Keep the newest N runs and delete the older ones. Default: "
                                               "`keep-runs` from the configuration, else every run.")] = None,
       db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Prune the store: delete old runs (see --keep), then every cached analysis no kept run can reuse
    (documents no longer audited, analyses made by another build or other rules), and give the space
    back (SQLite).
    With `keep-runs` in the configuration, scans prune after each save; gc also compacts."""
    from .pipeline import build_id
    from .store import Store

    cfg = _config(config, False, db=db)
    if not Store.exists(cfg.db):
        typer.echo("no store yet: nothing to prune")
        return
    with Store(cfg.db, create=False) as store:
        before = store.size()
        pruned = store.prune(keep or cfg.keep_runs, build_id())
        store.compact()
        after = store.size()
    sizes = f"; {_megabytes(before)} -> {_megabytes(after)}" if before is not None and after is not None else ""
    typer.echo(f"deleted {pruned.runs} run(s) and {pruned.cached} cached analyses, kept {pruned.kept} run(s){sizes}")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


@app.command("config", cls=PlainHelpCommand)
def show_config(config: ConfigOpt = None, isolated: IsolatedOpt = False) -> None:
    """Print the effective configuration as TOML, with where each value came from.

    Looks for audit.toml, .audit.toml or pyproject.toml [tool.audit] from the working folder up.
    """
    cfg = _config(config, isolated)
    ruleset = _rule_set(cfg)
    cfg.check_rule_ids([r.id for r in ruleset.rules])
    typer.echo(cfg.describe([r.id for r in ruleset.rules]))


# -- rules ----------------------------------------------------------------------------------------

def _rule_set(cfg):
    """Every rule: built-in and the configured folders, before select/ignore; invalid ones reported."""
    from .language import LanguagePack
    from .rules import RuleSet

    errors: list[ConfigError] = []
    loaded = RuleSet.load(LanguagePack.load(cfg.rules, on_error=errors.append), cfg.rules, on_error=errors.append)
    for exc in errors:
        _say(f"warning: {exc} ({exc.skipped} skipped)")
    return loaded


@rules_app.command("list", cls=PlainHelpCommand)
def rules_list(rules: RulesOpt = None, config: ConfigOpt = None) -> None:
    """List every rule: id, signal, severity (after configuration), where it is defined, and whether the
    configuration turns it off."""
    cfg = _config(config, False, rules=rules)
    loaded = _rule_set(cfg)
    active = {r.id: r for r in cfg.apply_rules(loaded).rules}
    rows = [(r.id, r.info.signal, (active[r.id].info.severity if r.id in active else r.info.severity),
             f"{r.info.path}:{r.info.line}" + ("" if r.id in active else "  (off in configuration)"))
            for r in loaded.rules]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(("ID", "SIGNAL", "SEVERITY"))]
    typer.echo(f"{'ID':<{widths[0]}}  {'SIGNAL':<{widths[1]}}  {'SEVERITY':<{widths[2]}}  SOURCE")
    for row in rows:
        typer.echo(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")


@rules_app.command("show", cls=PlainHelpCommand)
def rules_show(rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="A rule id (see `audit rules list`).")],
               rules: RulesOpt = None, config: ConfigOpt = None) -> None:
    """Explain one rule: what it flags, why, the standard it applies, its condition and examples."""
    import difflib

    from .render.text import render_rule

    by_id = {r.id: r for r in _rule_set(_config(config, False, rules=rules)).rules}
    if rule_id not in by_id:
        close = difflib.get_close_matches(rule_id, list(by_id), n=3)
        raise AuditError(f"no rule '{rule_id}'" + (f"; did you mean {', '.join(close)}?" if close else
                                                   "; see `audit rules list`"))
    typer.echo(render_rule(by_id[rule_id]))


@rules_app.command("validate", cls=PlainHelpCommand)
def rules_validate(paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", show_default=False, help="Rule files or folders of rule files.")]) -> None:
    """Check rule files against the schema and the engine: unknown keys, bad values, patterns RE2
    cannot run, duplicate ids. Prints every error as file:line:col; exits 3 if there is any."""
    from .ruletest import validate

    count, errors = validate(paths)
    for exc in errors:
        _say(str(exc))
    if errors:
        raise ConfigError(f"{len(errors)} error(s) in {len(paths)} path(s)")
    typer.echo(f"ok: {count} rule(s) valid")


@rules_app.command("test", cls=PlainHelpCommand)
def rules_test(paths: Annotated[Optional[list[Path]], typer.Argument(
                   metavar="[DIR]...", show_default=False, help="Rule folders to test (default: the built-in rules and configured folders).")] = None,
               fixtures: Annotated[Optional[list[Path]], typer.Option(
                   "--fixtures", metavar="PATH", help="Fixture documents (files or folders of .md/.txt) with "
                                      "<!-- expect: RULE --> and <!-- expect-not: RULE --> markers. Default: "
                                      "tests/fixtures/rules here, and fixtures/ inside each rule folder.")] = None,
               config: ConfigOpt = None) -> None:
    """Run every rule's inline examples and the fixture documents; print true/false positives and
    negatives per rule. Fails (exit 1) on a wrong result or a rule without a positive and a negative case."""
    from .ruletest import default_fixtures, render_report, run_tests

    cfg = _config(config, False, rules=paths)
    auditor = _auditor(cfg, strict=True, configured=False)
    folders = [p.resolve() for p in paths] if paths else None
    report = run_tests(auditor, fixtures if fixtures is not None else default_fixtures(paths or []), folders)
    typer.echo(render_report(report))
    if not report.ok:
        raise typer.Exit(EXIT_FINDINGS)


@rules_app.command("new", cls=PlainHelpCommand)
def rules_new(rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="The new rule's id: lowercase letters, digits, _ . -")],
              folder: Annotated[Path, typer.Option("--dir", metavar="DIR", help="Folder to write RULE_ID.yaml in.")] = Path("."),
              ) -> None:
    """Write a commented template rule that passes `audit rules validate` and `audit rules test`."""
    import re

    from .paths import RULES_DIR

    if not re.fullmatch(r"[a-z][a-z0-9_.-]*", rule_id):
        raise typer.BadParameter("use lowercase letters, digits, '_', '.' or '-', starting with a letter",
                                 param_hint="RULE_ID")
    target = folder / f"{rule_id}.yaml"
    if target.exists():
        raise AuditError("already exists; choose another id or folder", str(target))
    template = (RULES_DIR / "templates" / "rule.yaml").read_text(encoding="utf-8")
    write_atomic(target, template.replace("RULE_ID", rule_id))
    typer.echo(f"wrote {target}\nnext: edit it, then  audit rules validate {target}  and  audit rules test {folder}")
    if rule_id in {rule.id for rule in _rule_set(_config(None, True)).rules}:
        _say(f"warning: '{rule_id}' is a built-in rule's id: with --rules {folder} this rule replaces the "
             f"built-in one; choose another id to add a rule beside it")


@rules_app.command("docs", cls=PlainHelpCommand)
def rules_docs(output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="Where to write the docs.")]
               = Path("docs/rules.md"),
               check_only: Annotated[bool, typer.Option("--check", help="Exit 1 if the file is out of date "
                                                                        "instead of writing it.")] = False,
               rules: RulesOpt = None) -> None:
    """Generate the rule reference (docs/rules.md) from the rules themselves."""
    from .render.text import render_rule_docs

    ruleset = _rule_set(_config(None, True, rules=rules))
    text = render_rule_docs(ruleset.rules)
    if check_only:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != text:
            _say(f"{output} is out of date: run `audit rules docs`")
            raise typer.Exit(EXIT_FINDINGS)
        typer.echo(f"{output} is up to date")
        return
    write_atomic(output, text)
    typer.echo(f"wrote {output} ({len(ruleset.rules)} rules)")


if __name__ == "__main__":
    main()
