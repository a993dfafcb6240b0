"""Where the built-in data lives, in a checkout and in an installed wheel, and how its paths are shown."""
from __future__ import annotations

from pathlib import Path


def builtin_rules_dir() -> Path:
    """The built-in rules/ folder: the checkout's, else the copy installed as audit.builtin_rules."""
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    import audit.builtin_rules  # type: ignore[import-not-found,import-untyped,unused-ignore]  # only in an installed wheel

    return Path(audit.builtin_rules.__file__).resolve().parent


RULES_DIR = builtin_rules_dir()
LEXICONS_DIR = RULES_DIR / "lexicons"
REGISTRY_DIR = RULES_DIR / "registry"


def display_path(path: str | Path, rules_dir: Path = RULES_DIR) -> str:
    """A rule or data file as users should see it: `rules/...` for a built-in file whether it is read
    from a checkout or from an installed wheel (where the folder is audit/builtin_rules), else relative
    to the working folder when inside it, else as given. POSIX slashes, so reports do not depend on
    how the tool was installed."""
    resolved = Path(path).resolve()
    for base, shown in ((rules_dir.resolve(), Path("rules")), (Path.cwd().resolve(), Path())):
        try:
            return (shown / resolved.relative_to(base)).as_posix()
        except ValueError:
            continue
    return Path(path).as_posix()
