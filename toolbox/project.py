"""The parts of the repository a build needs, and a copy of them (for fault builds and the
other engines' builds): everything else in the repository is tooling."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["mkdocs.yml", "acp", "docs", "data", "includes", "hooks", "overrides"]


def copy_project(target: Path) -> Path:
    """A copy of the site's sources, for tests that inject a fault."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    return target
