"""`--help` in plain metavars, as Ruff's and Click's read: `audit check [OPTIONS] PATH...` and
`PATH...  Files, folders or globs` rather than Typer's `{paths}...` and `paths... <list[str]>`."""
from __future__ import annotations

from typing import Any

from typer.core import TyperCommand


def _shown(argument: Any) -> str:
    return argument.metavar or argument.name.upper()


class PlainHelpCommand(TyperCommand):
    """A command whose usage line and Arguments section name each argument by its metavar alone."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces += [_shown(param)] if param.param_type_name == "argument" else param.get_usage_pieces(ctx)
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = [p for p in self.get_params(ctx) if not getattr(p, "hidden", False)]
        arguments = [(_shown(p), getattr(p, "help", None) or "") for p in params if p.param_type_name == "argument"]
        options = [record for p in params if p.param_type_name == "option" and (record := p.get_help_record(ctx))]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
