"""The `audit` command line. Heavy modules are imported inside commands so `--help` stays instant."""
from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import EXIT_ERROR, AuditError

app = typer.Typer(
    name="audit",
    help="Audit how news claims are sourced: who each claim is attributed to, the chain of outlets it came "
         "through, provenance findings from YAML rules, and corroboration across sources.\n\n"
         "Start with:  audit report seeds/   (writes reports/seeds.md)",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)

Paths = Annotated[list[str], typer.Argument(help="Files, folders or globs: .txt, .md, .html, .jsonl.")]
RulesOpt = Annotated[Optional[list[Path]], typer.Option(
    "--rules", help="Extra rule folder (YAML rules; lexicons/ and registry/ inside extend the built-ins). "
                    "Repeatable.")]
DbOpt = Annotated[Optional[str], typer.Option(
    "--db", help="Store URL (any SQLAlchemy URL). Default: sqlite:///.audit/audit.db")]
NoStoreOpt = Annotated[bool, typer.Option("--no-store", help="Do not read or write the store.")]


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def main() -> None:
    """Entry point: one-line errors and exit codes instead of tracebacks for the user's mistakes."""
    try:
        app(standalone_mode=False)
    except AuditError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("interrupted: the store was left as it was", err=True)
        sys.exit(130)
    except Exception as exc:  # a usage error from click, or a bug: one line, no traceback
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code if exc.exit_code else EXIT_ERROR)
        if os.environ.get("AUDIT_DEBUG"):
            raise
        typer.echo(f"internal error: {type(exc).__name__}: {exc} (set AUDIT_DEBUG=1 for a traceback)", err=True)
        sys.exit(EXIT_ERROR)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"provenance-audit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    pass


def _audit(paths: list[str], rules: list[Path] | None, db: str | None, no_store: bool, *,
           readability: bool = False, since: str | None = None, corroboration: bool = True):
    from .pipeline import Auditor
    from .store import Store

    auditor = Auditor(rules or [])
    store = None if no_store else Store(db)
    try:
        with _progress() as progress:
            result = auditor.run(paths, store, readability=readability, since=since,
                                 corroboration=corroboration, progress=progress)
    finally:
        if store:
            store.close()
    if not result.documents:
        raise AuditError("nothing to audit: " + ("; ".join(s.error for s in result.skipped) or "no supported files"))
    for s in result.skipped:
        where = f"{s.path}:{s.line}" if s.line else s.path
        typer.echo(f"skipped {where}: {s.error}", err=True)
    return result


class _progress:
    """A progress bar on a terminal; nothing in pipes and CI."""

    def __enter__(self):
        if not sys.stderr.isatty() or os.environ.get("CI"):
            self.bar = None
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.start()
        self.task = self.bar.add_task("auditing", total=None)
        return lambda done, total: self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()


def write_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _render(result, fmt: Format) -> str:
    if fmt is Format.json:
        from .render.json_contract import dumps

        return dumps(result)
    if fmt is Format.markdown:
        from .render.markdown import render_markdown

        return render_markdown(result)
    from .render.text import render_text

    return render_text(result)


@app.command()
def scan(paths: Paths, fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
         output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
         rules: RulesOpt = None, db: DbOpt = None, no_store: NoStoreOpt = False,
         no_corroborate: Annotated[bool, typer.Option("--no-corroborate", help="Skip cross-source corroboration.")]
         = False,
         readability: Annotated[bool, typer.Option("--readability", help="Compute Flesch reading ease per article.")]
         = False) -> None:
    """Audit articles and print every claim with its attribution, findings and score.

    Example: audit scan seeds/ --format json > audit.json
    """
    result = _audit(paths, rules, db, no_store, readability=readability, corroboration=not no_corroborate)
    text = _render(result, fmt)
    if output:
        write_atomic(output, text)
    else:
        typer.echo(text, nl=not text.endswith("\n"))


@app.command()
def report(paths: Paths,
           out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Report path. Default: reports/NAME.md "
                                                       "after the first input folder or file.")] = None,
           since: Annotated[Optional[str], typer.Option("--since", help="Compare with this earlier run id "
                                                        "(see `audit runs`). Default: the previous run.")] = None,
           rules: RulesOpt = None, db: DbOpt = None, no_store: NoStoreOpt = False) -> None:
    """Write the Markdown audit report and print a short summary.

    Example: audit report seeds/   (writes reports/seeds.md)
    """
    from .render.markdown import render_markdown
    from .render.text import render_summary

    result = _audit(paths, rules, db, no_store, readability=True, since=since)
    target = out or Path("reports") / f"{_stem(paths[0])}.md"
    write_atomic(target, render_markdown(result))
    typer.echo(render_summary(result))
    typer.echo(f"report: {target}")


def _stem(path: str) -> str:
    name = Path(path.rstrip("/\\*")).name or "audit"
    return Path(name).stem or "audit"


@app.command()
def show(claim_id: Annotated[str, typer.Argument(help="A claim id or a unique prefix (from scan or the report).")],
         db: DbOpt = None,
         run: Annotated[Optional[str], typer.Option("--run", help="Run id. Default: the latest run.")] = None) -> None:
    """Show one claim: text, attribution chain, findings with evidence, score ledger, corroboration links."""
    from .render.text import render_claim
    from .store import Store

    with Store(db) as store:
        claim, doc = store.find_claim(claim_id, run)
        result = store.load_run(run)
    typer.echo(render_claim(claim, doc, {c.id: c for c in result.claims}, {d.id: d for d in result.documents}))


@app.command()
def runs(db: DbOpt = None) -> None:
    """List stored runs, newest first (ids for `audit report --since` and `audit show --run`)."""
    from .store import Store

    with Store(db) as store:
        rows = store.runs()
    if not rows:
        typer.echo("no runs yet: run `audit scan PATH` or `audit report PATH` first")
    for r in rows:
        typer.echo(f"{r.id}  {r.started}  {len(r.inputs)} documents  ({r.reused} reused)  rules {r.rules_hash[:12]}")


if __name__ == "__main__":
    main()
