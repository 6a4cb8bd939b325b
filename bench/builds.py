"""Timed builds: the site as configured (strict), and a stock Material build of the same
docs/ as the baseline (no hooks, overrides or extensions, so not strict)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOCK_CONFIG = "site_name: {name}\ndocs_dir: {docs}\ntheme:\n  name: material\n"


def stock_config(folder: Path) -> Path:
    """A mkdocs.yml with only a site name, our docs/ and the Material theme."""
    config = folder / "mkdocs.yml"
    config.write_text(STOCK_CONFIG.format(name="Acupuncture & Chronic Pain (stock)", docs=ROOT / "docs"), encoding="utf-8")
    return config


def build(config: Path, site_dir: Path, strict: bool) -> float:
    """Build once; return wall-clock seconds (a whole `mkdocs build`, start-up included)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site_dir)]
    start = time.perf_counter()
    done = subprocess.run([*command, *(["--strict"] if strict else [])], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"build of {config} failed:\n{done.stdout}{done.stderr}")
    return seconds
