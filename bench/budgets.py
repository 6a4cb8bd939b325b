"""The budgets in bench/budgets.yml, checked against a benchmark's results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

BUDGETS_FILE = Path(__file__).parent / "budgets.yml"


def load() -> dict[str, Any]:
    return yaml.safe_load(BUDGETS_FILE.read_text(encoding="utf-8"))


def check(results: dict[str, Any], budgets: dict[str, Any]) -> list[tuple[str, bool]]:
    """Every budget as (what was checked, met?)."""
    site, stock = results["builds"]["site"], results["builds"]["stock"]
    checks: list[tuple[str, bool]] = []
    for path, run in site["lighthouse"]["mobile"].items():
        for category, least in budgets["lighthouse_mobile"].items():
            if category in budgets.get("lighthouse_exempt", {}).get(path, []):
                continue
            score = run["scores"][category]
            checks.append((f"{path}: Lighthouse mobile {category} {score:g} (at least {least})", score >= least))
        lcp, stock_lcp = run["metrics"]["lcp"], stock["lighthouse"]["mobile"][path]["metrics"]["lcp"]
        checks.append((f"{path}: mobile LCP {lcp:.0f} ms (at most {budgets['lcp_mobile_ms']} ms)", lcp <= budgets["lcp_mobile_ms"]))
        if budgets["lcp_below_stock"]:
            checks.append((f"{path}: mobile LCP {lcp:.0f} ms (below stock {stock_lcp:.0f} ms)", lcp < stock_lcp))
    for path, weight in site["weight"].items():
        first, stock_first = wire(weight["first"]), wire(stock["weight"][path]["first"])
        limit = budgets["first_load_vs_stock"] * stock_first
        checks.append((f"{path}: first load {first} B (at most stock's {limit:.0f} B)", first <= limit))
        repeat = wire(weight["repeat"])
        checks.append((f"{path}: repeat view {repeat} B (at most {budgets['repeat_view_bytes']} B)", repeat <= budgets["repeat_view_bytes"]))
    hosts = other_hosts(site)
    checks.append((f"requests to other hosts: {len(hosts)} {hosts[:5]} (at most {budgets['other_host_requests']})",
                   len(hosts) <= budgets["other_host_requests"]))
    for key, least in budgets["search"].items():
        rate = site["search"][key]
        checks.append((f"search {key} hit rate {rate:.0%} (at least {least:.0%})", rate >= least))
    return checks


def wire(view: dict[str, Any]) -> int:
    """Bytes on the wire for one page view: gzip bodies plus response headers."""
    return view["total"]["gzip"] + view["headers"]


def other_hosts(build: dict[str, Any]) -> list[str]:
    """Every other-host request seen by the browser or by Lighthouse."""
    urls = [url for weight in build["weight"].values() for view in ("first", "repeat") for url in weight[view]["other_hosts"]]
    urls += [host for runs in build["lighthouse"].values() for run in runs.values() for host in run["hosts"] if host.split(":")[0] != "127.0.0.1"]
    return sorted(set(urls))
