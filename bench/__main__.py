"""python -m bench [--quick] [--runs N]: build the site and its stock build (bench/builds.py:
the same pages without the site's own delivery work), serve both like GitHub Pages, measure,
print tables, write bench/results/*.json and exit 1 when a budget in bench/budgets.yml is missed."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench import browser, budgets, lighthouse, report, static, visit
from bench.builds import ROOT, build, stock_config
from toolbox.server import PagesServer

PAGES = ["/", "/conditions/low-back-pain/", "LONGEST", "/tools/before-you-book/", "/404.html"]
QUICK_PAGES = ["/", "/conditions/low-back-pain/"]
FORMS = ["mobile", "desktop"]
QUERIES = yaml.safe_load((ROOT / "tests/search_queries.yml").read_text(encoding="utf-8"))


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1 Lighthouse run, 2 pages, 1 build: for development")
    parser.add_argument("--runs", type=int, help="Lighthouse runs per page and form factor (default 3; 1 with --quick)")
    parser.add_argument("--visit-runs", type=int, help="reading sessions per build (default 5; 1 with --quick)")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 3)
    visit_runs = args.visit_runs or (1 if args.quick else 5)
    build_runs = 1 if args.quick else 5
    if not lighthouse.CLI.exists():
        sys.exit("Lighthouse is missing: run `make bench` (or npm ci --prefix bench)")

    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        folder = Path(temp)
        configs = {"site": (ROOT / "mkdocs.yml", True), "stock": (stock_config(folder), False)}
        sites = {name: folder / name for name in configs}
        results: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "quick": args.quick,
                                   "lighthouse_runs": runs, "builds": {name: {} for name in configs}}
        for name, (config, strict) in configs.items():
            times = []
            for run in range(build_runs):  # the last build is the one served
                say(f"build {name} {run + 1}/{build_runs}")
                times.append(build(config, sites[name], strict))
            results["builds"][name] |= {"build_seconds": times, "build_median": statistics.median(times)}

        pages = [static.longest_page(sites["site"]) if page == "LONGEST" else page for page in (QUICK_PAGES if args.quick else PAGES)]
        results["pages"] = pages = list(dict.fromkeys(pages))
        with PagesServer(sites["site"]) as ours, PagesServer(sites["stock"]) as theirs, browser.chromium() as chromium:
            servers = {"site": ours, "stock": theirs}
            for name, server in servers.items():
                data = results["builds"][name]
                root = sites[name]
                raw, gz = static.search_index_size(root)
                data["search_index"] = {"raw": raw, "gzip": gz}
                data["static"] = {path: static.page_weight(root, file_of(root, path)) for path in pages}
                say(f"page weight, {name}")
                data["weight"] = {path: browser.page_weight(chromium, server, path) for path in pages}
                say(f"search, {name}: {len(QUERIES)} queries")
                data["search"] = report.summarize_search(browser.search(chromium, server, QUERIES))
            for name, session in visit.measure(chromium, servers, visit_runs, say).items():
                results["builds"][name]["visit"] = session

            total, done = len(pages) * len(FORMS) * runs * len(servers), 0
            raw_runs: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
            for run in range(runs):
                for path in pages:
                    for form in FORMS:
                        for name, server in servers.items():  # interleaved, so drift hits both builds alike
                            done += 1
                            say(f"lighthouse {done}/{total}: {name} {form} {path}")
                            out = folder / f"lh-{done}.json"
                            raw_runs.setdefault((name, form, path), []).append(
                                lighthouse.run(server.url + path, form, out, not_found=path == "/404.html"))
            for (name, form, path), found in raw_runs.items():
                results["builds"][name].setdefault("lighthouse", {}).setdefault(form, {})[path] = lighthouse.median(found)

    print()
    print(report.render(results))
    checks = budgets.check(results, budgets.load())
    results["budgets"] = [{"budget": text, "met": met} for text, met in checks]
    missed = [text for text, met in checks if not met]
    print(f"Budgets (bench/budgets.yml): {len(checks) - len(missed)} of {len(checks)} met"
          + (" [quick run: fewer pages, 1 Lighthouse run]" if args.quick else ""))
    for text in missed:
        print(f"MISSED  {text}")
    path = report.save(results, ROOT / "bench/results")
    print(f"\nResults: {path.relative_to(ROOT)}")
    return 1 if missed else 0


def file_of(root: Path, path: str) -> Path:
    """The built file behind a site URL."""
    return root / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))


if __name__ == "__main__":
    sys.exit(main())
