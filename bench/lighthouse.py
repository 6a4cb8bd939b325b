"""Lighthouse 12 (bench/node_modules), run as its CLI against the local server."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path
from typing import Any

from toolbox.browser import CHROMIUM_ARGS, find_chromium

CLI = Path(__file__).parent / "node_modules/lighthouse/cli/index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint", "tbt": "total-blocking-time", "cls": "cumulative-layout-shift"}


def run(url: str, form_factor: str, out: Path, not_found: bool = False) -> dict[str, Any]:
    """One Lighthouse run: category scores (0-100), metrics (ms; CLS unitless), hosts contacted."""
    command = [
        "node", str(CLI), url, "--output=json", f"--output-path={out}", "--quiet",
        f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    if not_found:
        command.append("--ignore-status-code")  # the 404 page is served with status 404, as on GitHub Pages
    done = subprocess.run(command, check=False, env={**os.environ, "CHROME_PATH": find_chromium() or ""}, capture_output=True, text=True)
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse error on {url}: {report['runtimeError']}")
    audits = report["audits"]
    requests = audits["network-requests"].get("details", {}).get("items", [])
    return {
        "scores": {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES},
        "metrics": {key: audits[audit]["numericValue"] for key, audit in METRICS.items()},
        "hosts": sorted({item["url"].split("/")[2] for item in requests if item["url"].startswith("http")}),
        "failed": sorted(f"{ref['id']} {audits[ref['id']].get('displayValue', '')}".strip()
                         for category in report["categories"].values() for ref in category["auditRefs"]
                         if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
                         and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric")),
        # What Lighthouse says would speed up paint, for the diagnosis in the report.
        "opportunities": {key: audit.get("displayValue") or audit["metricSavings"] for key, audit in audits.items()
                          if any(audit.get("metricSavings", {}).get(m, 0) for m in ("FCP", "LCP"))},
        "warnings": report.get("runWarnings", []),
    }


def median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of each score and metric over repeated runs; other fields from the first run."""
    return {
        **runs[0],
        "scores": {name: statistics.median(run["scores"][name] for run in runs) for name in CATEGORIES},
        "metrics": {key: statistics.median(run["metrics"][key] for run in runs) for key in METRICS},
        "hosts": sorted({host for run in runs for host in run["hosts"]}),
        "runs": len(runs),
    }


def accessibility(site: Path, docs: Path, out: Path) -> dict[str, dict[str, Any]]:
    """Lighthouse's accessibility score (mobile) and its failed audits for every page of a built site."""
    from toolbox.server import PagesServer
    from toolbox.urls import source_urls

    out.mkdir(parents=True, exist_ok=True)
    found = {}
    with PagesServer(site) as pages:
        for number, path in enumerate(source_urls(docs)):
            command = [
                "node", str(CLI), pages.url + path, "--output=json", f"--output-path={out / f'a11y-{number}.json'}", "--quiet",
                f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}", "--only-categories=accessibility",
            ]
            subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": find_chromium() or ""}, capture_output=True, text=True)
            report = json.loads((out / f"a11y-{number}.json").read_text(encoding="utf-8"))
            category = report["categories"]["accessibility"]
            failed = sorted(ref["id"] for ref in category["auditRefs"] if ref["weight"] and report["audits"][ref["id"]]["score"] == 0)
            found[path] = {"score": round(100 * (category["score"] or 0)), "failed": failed}
    return found


def main() -> int:
    """python -m bench.lighthouse SITE_DIR: Lighthouse accessibility (mobile) for every page."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=main.__doc__)
    parser.add_argument("site", type=Path, help="a built site folder, such as site/")
    site = parser.parse_args().site
    if not (site / "index.html").is_file():
        parser.error(f"{site} holds no built site (no index.html): run make build first")
    with tempfile.TemporaryDirectory() as temp:
        found = accessibility(site, Path(__file__).parent.parent / "docs", Path(temp))
    for path, result in found.items():
        print(f"{result['score']:>3}  {path}  {' '.join(result['failed'])}")
    below = [path for path, result in found.items() if result["score"] < 100]
    print(f"{len(found) - len(below)} of {len(found)} pages score 100")
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
