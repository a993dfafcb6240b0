"""User-facing errors: one line, naming the file and line, never a traceback."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .models import located

T = TypeVar("T")

# Exit codes (Ruff/Semgrep style): 0 clean, 1 findings, 2 usage or runtime error, 3 invalid rules or config.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_CONFIG = 0, 1, 2, 3


class AuditError(Exception):
    """A problem with the user's input, reported as `path:line: message`."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return f"{located(self.path, self.line)}: {self.message}" if self.path else self.message


class ConfigError(AuditError):
    """An invalid rule file, registry file or configuration."""

    exit_code = EXIT_CONFIG
    skipped = "rule"          # what a lenient run (no --strict) leaves out because of it


def unless_refused(read: Callable[[], T], on_error: Callable[[ConfigError], None] | None, what: str) -> T | None:
    """`read()`; or, when it raises a ConfigError and `on_error` is given, None after passing the error on,
    saying that a lenient run leaves out `what` ("lexicon file") because of it."""
    try:
        return read()
    except ConfigError as exc:
        if on_error is None:
            raise
        exc.skipped = what
        on_error(exc)
        return None


class ConfigErrors(ConfigError):
    """Several problems found in one pass over a file, each in `errors`, so that one run reports them all."""

    errors: list[ConfigError]

    def __init__(self, errors: list[ConfigError]):
        flat = [e for exc in errors for e in (exc.errors if isinstance(exc, ConfigErrors) else [exc])]
        super().__init__(flat[0].message, flat[0].path, flat[0].line)
        self.errors = flat

    def __str__(self) -> str:
        return "\n".join(map(str, self.errors))


class Problems:
    """Runs independent checks, keeping each one's ConfigError instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[ConfigError] = []

    def check(self, check, *args):
        """`check(*args)`, or None when it raised a ConfigError (kept)."""
        try:
            return check(*args)
        except ConfigError as exc:
            self.add(exc)
            return None

    def add(self, exc: ConfigError) -> None:
        self.errors += exc.errors if isinstance(exc, ConfigErrors) else [exc]

    def raise_any(self) -> None:
        """Raise the one error, or all of them as a ConfigErrors, if there are any."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ConfigErrors(self.errors)


def internal_error(step: str, exc: Exception) -> str:
    """The message for a bug met while `step` ("analysing"): what broke, and that it is ours to fix."""
    return f"internal error while {step}: {type(exc).__name__}: {exc}; please report"
