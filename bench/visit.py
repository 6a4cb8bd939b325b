"""A reading session: several pages in a row, in one browser with one cache, on Lighthouse's
mobile throttling. `make bench` measures one page at a time; readers read several, and a
page's cost after the first depends on what the first left in the cache.

Each visit opens a fresh browser context (an empty cache) at 375 px, throttles it through
the DevTools protocol as Lighthouse's mobile preset does ("slow 4G": 150 ms round trip,
1.6 Mbit/s down, 750 kbit/s up; CPU 4x slower), loads the first page and then follows a
link to each next page, as a reader would (a click on the page's own link to it, so a
theme that handles clicks itself, such as instant navigation, is measured as readers get
it; a `goto` when the page has no such link).

Per step:
- bytes: what the server sent (gzip bodies plus response headers, from the server's log),
  so a cache hit counts zero and a 304 counts its headers only;
- requests: responses the server sent (cache hits never reach it); `browser_requests` also
  counts the ones the cache answered;
- LCP: the last `largest-contentful-paint` entry, from the step's start (navigation start;
  for a page the theme swaps in without a navigation, from the click);
- TBT: total blocking time, the sum of max(0, duration - 50 ms) over the `longtask` entries
  that start after the step's first contentful paint and before the step settles. A step
  settles once the network has been idle and no long task has run for SETTLE_MS. Unlike
  Lighthouse's TBT, which stops at "time to interactive", this counts every long task until
  the page is quiet, so work deferred past the load (the theme's scripts) is counted.

The same visit runs on both builds, interleaved run by run so drift on a shared machine
hits both alike; figures are medians over the runs, and the number of runs is reported.
"""

from __future__ import annotations

import statistics
import time
from typing import Any, Protocol

from bench.tables import kib, ratio, table
from toolbox.browser_pages import open_page
from toolbox.page_scripts import page_script

VISIT = ["/", "/conditions/", "/conditions/low-back-pain/", "/safety/", "/sessions/"]
VIEWPORT = {"width": 375, "height": 740}
# Lighthouse's mobile preset (its constants.js: throttling.mobileSlow4G, CPU multiplier 4).
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1638.4 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8, "connectionType": "cellular4g"}
CPU_SLOWDOWN = 4
SETTLE_MS = 1000  # quiet (no request, no long task) for this long: the step is over
STEP_TIMEOUT_MS = 30_000

# Installed before any page script: records paints and long tasks with their start times.
OBSERVE = page_script("observe_visit")

# A soft step (the theme swapped the page in): paints and long tasks since the click.
MARK_CLICK = "() => { const v = window.__visit; v.click = performance.now(); v.lcp = []; v.fcp = null; v.longtasks = []; }"
FIGURES = page_script("visit_figures")
MARK_LINK_TO = page_script("mark_link_to")


class Served(Protocol):
    """What a visit needs from the local Pages-like server (toolbox/server.py)."""

    url: str
    log: list[Any]


def visit(browser: Any, server: Served, pages: list[str] = VISIT) -> list[dict[str, Any]]:
    """One reading session; a dict of figures per step (see the module docstring)."""
    steps = []
    with open_page(browser, **VIEWPORT, init_scripts=[OBSERVE]) as page:
        # Throttled through the DevTools protocol, which only this benchmark needs.
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        seen: list[str] = []
        page.on("request", lambda request: seen.append(request.url))
        for number, path in enumerate(pages):
            seen.clear()
            server.log.clear()
            if number and follow_link(page, path):
                pass
            else:
                page.goto(server.url + path, wait_until="load", timeout=STEP_TIMEOUT_MS)
            settle(page, server)
            figures = page.evaluate(FIGURES, 50)
            if figures["path"] != path:
                raise RuntimeError(f"visit step {number + 1}: expected {path}, the browser is on {figures['path']}")
            if figures["error"] or figures["lcp"] is None:
                raise RuntimeError(f"visit step {number + 1} ({path}): no LCP recorded ({figures['error']})")
            steps.append({
                "path": path, "bytes": sum(sent.body + sent.headers for sent in server.log),
                "requests": len(server.log), "browser_requests": len(seen),
                "lcp": figures["lcp"], "tbt": figures["tbt"], "fcp": figures["fcp"], "soft": figures["soft"],
                "sent": sorted({sent.path for sent in server.log}),
            })
    return steps


def follow_link(page: Any, path: str) -> bool:
    """Click the page's own link to `path`, as a reader would; False if it has none. The click
    goes to the element itself, so a hidden menu link works too (a reader opens the menu first)."""
    link = page.evaluate(MARK_LINK_TO, path)
    if not link:
        return False
    before = page.evaluate("() => performance.timeOrigin")
    page.evaluate(MARK_CLICK)
    page.evaluate("() => document.querySelector('a[data-visit-next]').click()")
    # A full navigation gives a new document (new time origin); a soft one only a new URL.
    page.wait_for_function(
        "([path, origin]) => location.pathname === path && (performance.timeOrigin !== origin || document.readyState === 'complete')",
        arg=[path, before], timeout=STEP_TIMEOUT_MS)
    page.wait_for_load_state("load", timeout=STEP_TIMEOUT_MS)
    return True


def settle(page: Any, server: Served) -> None:
    """Wait until no request has reached the server and no long task has run for SETTLE_MS."""
    deadline = time.monotonic() + STEP_TIMEOUT_MS / 1000
    last_count, quiet_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        count = len(server.log)
        busy = page.evaluate(f"() => performance.now() - (window.__visit?.lastTask ?? 0) < {SETTLE_MS}")
        if count != last_count or busy:
            last_count, quiet_since = count, time.monotonic()
        elif time.monotonic() - quiet_since >= SETTLE_MS / 1000:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{page.url} did not settle within {STEP_TIMEOUT_MS} ms")


def median_visit(runs: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Per step, the median of each figure over the runs; and the whole visit's totals
    (the median of each run's total, not the sum of medians)."""
    steps = []
    for number, first in enumerate(runs[0]):
        same = [run[number] for run in runs]
        steps.append({"path": first["path"], "soft": first["soft"], "sent": first["sent"],
                      **{key: statistics.median(step[key] for step in same) for key in ("bytes", "requests", "browser_requests", "lcp", "tbt")},
                      "lcp_runs": [round(step["lcp"]) for step in same], "tbt_runs": [round(step["tbt"]) for step in same]})
    totals = {key: statistics.median(sum(step[key] for step in run) for run in runs) for key in ("bytes", "requests", "lcp", "tbt")}
    return {"runs": len(runs), "steps": steps, "total": totals}


def measure(browser: Any, servers: dict[str, Served], runs: int, say: Any = print) -> dict[str, dict[str, Any]]:
    """The visit on each build, `runs` times, interleaved; medians per build."""
    found: dict[str, list[list[dict[str, Any]]]] = {name: [] for name in servers}
    for run in range(runs):
        for name, server in servers.items():
            say(f"visit {run + 1}/{runs}: {name}")
            found[name].append(visit(browser, server))
    return {name: median_visit(visits) for name, visits in found.items()}


def render(visits: dict[str, dict[str, Any]]) -> str:
    """The visit table: per step, bytes, requests, LCP and TBT for this site and stock."""
    site, stock = visits["site"], visits["stock"]
    rows = []
    for ours, base in zip(site["steps"], stock["steps"]):
        rows.append([ours["path"] + (" (swapped in)" if ours["soft"] else ""),
                     kib(ours["bytes"]), kib(base["bytes"]), ratio(ours["bytes"], base["bytes"]),
                     f"{ours['requests']:g}", f"{base['requests']:g}",
                     f"{ours['lcp']:.0f}", f"{base['lcp']:.0f}", ratio(ours["lcp"], base["lcp"]),
                     f"{ours['tbt']:.0f}", f"{base['tbt']:.0f}"])
    ours, base = site["total"], stock["total"]
    rows.append([f"{len(site['steps'])} pages", kib(ours["bytes"]), kib(base["bytes"]), ratio(ours["bytes"], base["bytes"]),
                 f"{ours['requests']:g}", f"{base['requests']:g}", f"{ours['lcp']:.0f}", f"{base['lcp']:.0f}",
                 ratio(ours["lcp"], base["lcp"]), f"{ours['tbt']:.0f}", f"{base['tbt']:.0f}"])
    title = (f"Reading session at 375 px, slow 4G and 4x CPU, one cache (median of {site['runs']} run"
             f"{'s' * (site['runs'] > 1)}; KB = gzip KiB sent incl. headers; LCP, TBT in ms)")
    return table(title, ["step", "KB", "stock", "ratio", "req", "stock", "LCP", "stock", "ratio", "TBT", "stock"], rows, left=1)


def main() -> None:
    """python -m bench.visit [RUNS [SITE STOCK]]: only the reading session, on both builds
    (built here, or the two built sites given)."""
    import argparse
    import tempfile
    from pathlib import Path

    from bench.browser import chromium
    from bench.builds import ROOT, build, stock_config
    from toolbox.server import PagesServer

    parser = argparse.ArgumentParser(prog="python -m bench.visit", description=main.__doc__)
    parser.add_argument("runs", nargs="?", type=int, default=3, help="reading sessions per build (default 3)")
    parser.add_argument("sites", nargs="*", type=Path, metavar="SITE STOCK", help="two built sites to measure instead of building them")
    args = parser.parse_args()
    if args.sites and len(args.sites) != 2:
        parser.error("give both SITE and STOCK, or neither")
    runs = args.runs
    with tempfile.TemporaryDirectory(prefix="visit-") as temp:
        folder = Path(temp)
        roots = args.sites or [folder / "site", folder / "stock"]
        if not args.sites:
            build(ROOT / "mkdocs.yml", roots[0], True)
            build(stock_config(folder), roots[1], False)
        with PagesServer(roots[0]) as ours, PagesServer(roots[1]) as theirs, chromium() as browser:
            visits = measure(browser, {"site": ours, "stock": theirs}, runs)
    print(render(visits))
    for name, data in visits.items():
        for step in data["steps"]:
            print(name, step["path"], "LCP runs", step["lcp_runs"], "TBT runs", step["tbt_runs"], "sent", step["sent"])


if __name__ == "__main__":
    main()
