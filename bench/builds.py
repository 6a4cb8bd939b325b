"""Timed builds: the site as configured (strict), and the stock baseline: the same site
without its own delivery work (not strict).

The baseline is mkdocs.yml with the hooks (one shared trimmed stylesheet, first-screen
rules inline, review dates) and the template overrides (scripts after the first paint, the
search index held until a search, sharing tags) taken out: Material serves the same pages,
with the same Markdown extensions, theme settings, stylesheet and script, in its own default
way. So the comparison is between two ways of delivering the same pages. (A build of docs/
alone leaves the site's markers as literal text and renders no evidence or sources: its
later pages are about a third of the size of the same pages with their content.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DELIVERY_KEYS = ("hooks", "strict", "validation", "watch")  # left out of the stock build's configuration


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml's tagged values (`!ENV`) as empty: the stock build needs none."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def stock_settings() -> dict[str, Any]:
    """The stock build's configuration: see the module docstring."""
    settings = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    for key in DELIVERY_KEYS:
        settings.pop(key, None)
    del settings["theme"]["custom_dir"]
    # The theme's search only: the offline copy is off in both, and no page has moved.
    settings["plugins"] = [plugin for plugin in settings["plugins"] if "search" in plugin]
    return settings | {"site_name": f"{settings['site_name']} (stock)", "docs_dir": str(ROOT / "docs")}


def stock_config(folder: Path) -> Path:
    """The stock build's mkdocs.yml, written to `folder`."""
    config = folder / "mkdocs.yml"
    config.write_text(yaml.safe_dump(stock_settings(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


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
