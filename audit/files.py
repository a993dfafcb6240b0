"""Reading the user's data files (rules, lexicons, registry): a path that is no readable file is a
ConfigError naming it, never an internal error."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import ConfigError


def read_data_file(path: Path) -> bytes:
    """The bytes of a data file. A folder, a broken link, a link loop, a device or an unreadable file
    raises a ConfigError at the file's first line (as linters report files they cannot read)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ConfigError("is a folder, not a file", str(path), 1)
        if not stat.S_ISREG(mode):
            raise ConfigError("is not a regular file", str(path), 1)
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(_unreadable(exc, path), str(path), 1) from None


def _unreadable(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop"
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return f"is a broken symbolic link (to '{os.readlink(path)}')"
    return f"cannot be read: {exc.strerror or exc}"
