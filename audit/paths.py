"""Where the built-in data lives, in a checkout and in an installed wheel."""
from __future__ import annotations

from pathlib import Path


def builtin_rules_dir() -> Path:
    """The built-in rules/ folder: the checkout's, else the copy installed as audit.builtin_rules."""
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    import audit.builtin_rules  # installed wheel

    return Path(audit.builtin_rules.__file__).resolve().parent


RULES_DIR = builtin_rules_dir()
LEXICONS_DIR = RULES_DIR / "lexicons"
REGISTRY_DIR = RULES_DIR / "registry"
