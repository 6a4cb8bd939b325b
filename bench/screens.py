"""python -m bench.screens [--against REV]: how long each condition page is for a reader.

For every page under /conditions/ (the index included): its length in phone screens at
375 x 667 px (the whole document's height over the window's, as a reader scrolls it), and
the number of A4 and Letter pages Chromium prints it on (the page's own print styles, as
"Print" gives them). With `--against REV` the same figures for the site as it was at that
git revision (built from `git archive`, with this checkout's tools), side by side.

A benchmark figure, not a test: it prints, and exits 0.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from acp.shared_names import AFTER_PAINT
from bench.builds import ROOT, build
from toolbox.browser import LOOPBACK_ONLY, chromium
from toolbox.browser_pages import open_page
from toolbox.server import PagesServer

PHONE = {"width": 375, "height": 667}
PAPERS = ("A4", "Letter")
THEME_READY = f"typeof document$ !== 'undefined' && !document.querySelector('script[{AFTER_PAINT}]')"


def condition_pages(site: Path) -> list[str]:
    return sorted("/" + path.parent.relative_to(site).as_posix() + "/" for path in (site / "conditions").rglob("index.html"))


def measure(browser: Any, url: str) -> dict[str, float]:
    """Screens at 375 px, and printed pages per paper size, for one page."""
    with open_page(browser, **PHONE) as page:
        page.goto(url, wait_until="networkidle")
        page.wait_for_function(THEME_READY, timeout=15_000)
        screens = page.evaluate("document.documentElement.scrollHeight / window.innerHeight")
        figures = {"screens": round(screens, 1)}
        for paper in PAPERS:
            figures[paper] = len(PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True))).pages)
    return figures


def measure_site(site: Path) -> dict[str, dict[str, float]]:
    with PagesServer(site) as server, chromium(LOOPBACK_ONLY) as browser:
        return {path: measure(browser, server.url + path) for path in condition_pages(site)}


def site_at(revision: str, folder: Path) -> Path:
    """The site as built from `revision`'s files."""
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder / "source", filter="data")
    # Built in its own folder, so its own acp/ package and data are the ones used.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "site")]
    subprocess.run(command, cwd=folder / "source", check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return folder / "site"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screens", description=__doc__)
    parser.add_argument("--against", metavar="REV", help="also measure the site at this git revision (e.g. main)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="screens-") as temp:
        folder = Path(temp)
        (folder / "now").mkdir()
        build(ROOT / "mkdocs.yml", folder / "now/site", strict=True)
        now = measure_site(folder / "now/site")
        before: dict[str, dict[str, float]] = {}
        if args.against:
            (folder / "before").mkdir()
            before = measure_site(site_at(args.against, folder / "before"))
    columns = ["screens", *PAPERS]
    if before:
        print(f"| Page | {' | '.join(f'{c} {args.against} | {c} now' for c in columns)} |")
        print("|---|" + "---|" * (2 * len(columns)))
    else:
        print(f"| Page | {' | '.join(columns)} |")
        print("|---|" + "---|" * len(columns))
    for path in sorted(set(now) | set(before)):
        cells = []
        for column in columns:
            if before:
                cells.append(str(before.get(path, {}).get(column, "-")))
            cells.append(str(now.get(path, {}).get(column, "-")))
        print(f"| {path} | {' | '.join(cells)} |")
    pages = [path for path in now if path != "/conditions/"]
    total = sum(now[path]["screens"] for path in pages)
    line = f"Condition pages (not the index): {total:.1f} screens in all, {total / len(pages):.1f} a page"
    if before:
        was = sum(before[path]["screens"] for path in pages if path in before)
        line += f"; at {args.against}: {was:.1f} in all ({total / was:.0%} of that)"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
