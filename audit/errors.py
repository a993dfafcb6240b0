"""User-facing errors: one line, naming the file and line, never a traceback."""
from __future__ import annotations

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
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class ConfigError(AuditError):
    """An invalid rule file, registry file or configuration."""

    exit_code = EXIT_CONFIG
