"""The wheel ships every package of the source tree (pyproject lists them by name)."""
from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_package_folder_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "audit").rglob("__init__.py")}
    assert found | {"audit.builtin_rules"} == set(config["packages"])
