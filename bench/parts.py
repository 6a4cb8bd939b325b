"""python -m bench.parts [RUNS]: what each part of the delivery work gains on its own.

`make bench` compares the site with every part on against stock (every part off). This
measures the parts one by one, by leaving each out in turn: for each part (mkdocs.yml
`extra.delivery`: styles, html, scripts) a build with every other part on, so a part's gain
is what the whole site loses without it. Each build runs the reading session of
bench/visit.py, the builds interleaved run by run; figures are medians over the runs.

Bytes (what the server sent) do not move from run to run; LCP and total blocking time move
by 30 % or more on a shared two-core machine, so a timing gain smaller than the spread of
its runs (printed beside it) is no gain shown.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from acp.site_config import DELIVERY_PARTS
from bench.browser import chromium
from bench.builds import build, delivery_settings, write_config
from bench.tables import kib, table
from bench.visit import measure
from toolbox.server import PagesServer


def configurations() -> dict[str, tuple[str, ...]]:
    """Name -> the delivery parts kept: the site, the site without each part, and stock."""
    named = {"site": DELIVERY_PARTS}
    named |= {f"without {part}": tuple(kept for kept in DELIVERY_PARTS if kept != part) for part in DELIVERY_PARTS}
    return named | {"stock": ()}


def spread(values: list[float]) -> str:
    return f"{min(values):.0f}-{max(values):.0f}"


def render(visits: dict[str, dict[str, Any]]) -> str:
    """One row per build: the visit's totals and first page, and what the site gains over it."""
    site = visits["site"]
    rows = []
    for name, data in visits.items():
        total, first = data["total"], data["steps"][0]
        lcp_runs = first["lcp_runs"]
        rows.append([name, kib(total["bytes"]), kib(total["bytes"] - site["total"]["bytes"]),
                     kib(first["bytes"]), f"{first['lcp']:.0f}", spread(lcp_runs),
                     f"{first['lcp'] - site['steps'][0]['lcp']:+.0f}",
                     f"{total['tbt']:.0f}", f"{total['tbt'] - site['total']['tbt']:+.0f}",
                     f"{total['lcp']:.0f}"])
    title = (f"Each delivery part left out in turn: the reading session (median of {site['runs']} run"
             f"{'s' * (site['runs'] > 1)}; KB = gzip KiB sent; 'vs site' = this build minus the site, "
             "so a positive figure is what the part saves)")
    return table(title, ["build", "visit KB", "vs site", "first KB", "first LCP", "LCP runs", "vs site",
                         "visit TBT", "vs site", "LCP sum"], rows, left=1)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.parts", description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=5, help="reading sessions per build (default 5)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="parts-") as temp:
        folder = Path(temp)
        roots = {}
        for number, (name, parts) in enumerate(configurations().items()):
            roots[name] = folder / f"site-{number}"
            print(f"[{time.strftime('%H:%M:%S')}] build {name}: delivery {list(parts)}", flush=True)
            build(write_config(folder, delivery_settings(parts), f"mkdocs-{number}.yml"), roots[name], strict=True)
        with ExitStack() as running:
            servers = {name: running.enter_context(PagesServer(root)) for name, root in roots.items()}
            browser = running.enter_context(chromium())
            visits = measure(browser, servers, runs, lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True))
    print(render(visits))


if __name__ == "__main__":
    main()
