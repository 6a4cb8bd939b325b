"""Timed builds: the site as configured (strict), and the stock baseline: the same build with
its delivery work switched off (mkdocs.yml `extra.delivery: false`).

Switched off, the same pages (the same Markdown extensions, evidence tables, sources, glossary,
templates, metadata and review dates) are delivered the theme's own way: its whole stylesheets
linked, its scripts in the page, the search index and worker loaded as it starts, the
template's indentation kept. So the comparison is between two configurations of one build.
(A build of docs/ alone leaves the site's markers as literal text and renders no evidence or
sources: its later pages are about a third of the size of the same pages with their content.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from acp import site_config

ROOT = Path(__file__).resolve().parent.parent


def delivery_settings(parts: Collection[str], name_suffix: str = "") -> dict[str, Any]:
    """The site's configuration with only the delivery `parts` kept (mkdocs.yml `extra.delivery`)."""
    settings = site_config.load(ROOT / "mkdocs.yml")
    settings["extra"] = {**settings.get("extra", {}), "delivery": sorted(parts)}
    # Where this configuration lives (a temporary folder), not where the project is.
    return settings | {"site_name": settings["site_name"] + name_suffix, "docs_dir": str(ROOT / "docs"),
                       "theme": {**settings["theme"], "custom_dir": str(ROOT / "overrides")},
                       "hooks": [str(ROOT / hook) for hook in settings.get("hooks", [])],
                       "watch": [str(ROOT / path) for path in settings.get("watch", [])]}


def stock_settings() -> dict[str, Any]:
    """The stock build's configuration: see the module docstring."""
    return delivery_settings((), " (stock)")


def write_config(folder: Path, settings: dict[str, Any], name: str = "mkdocs.yml") -> Path:
    """`settings` written to `folder`/`name`, for `build`."""
    config = folder / name
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def stock_config(folder: Path) -> Path:
    """The stock build's mkdocs.yml, written to `folder`."""
    return write_config(folder, stock_settings())


def build(config: Path, site_dir: Path, strict: bool) -> float:
    """Build once; return wall-clock seconds (a whole `mkdocs build`, start-up included)."""
    # No --quiet: it drops warnings before --strict counts them, and the build would pass.
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site_dir)]
    start = time.perf_counter()
    done = subprocess.run([*command, *(["--strict"] if strict else [])], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"build of {config} failed:\n{done.stdout}{done.stderr}")
    return seconds
