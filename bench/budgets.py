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
        tbt = run["metrics"]["tbt"]
        checks.append((f"{path}: mobile total blocking time {tbt:.0f} ms (at most {budgets['tbt_mobile_ms']} ms)", tbt <= budgets["tbt_mobile_ms"]))
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
    if "visit" in site:
        checks += visit_checks(site["visit"], stock["visit"], budgets["visit"])
    hosts = other_hosts(site)
    checks.append((f"requests to other hosts: {len(hosts)} {hosts[:5]} (at most {budgets['other_host_requests']})",
                   len(hosts) <= budgets["other_host_requests"]))
    for key, least in budgets["search"].items():
        rate = site["search"][key]
        checks.append((f"search {key} hit rate {rate:.0%} (at least {least:.0%})", rate >= least))
    return checks


def visit_checks(site: dict[str, Any], stock: dict[str, Any], limits: dict[str, float]) -> list[tuple[str, bool]]:
    """The reading-session budgets: the whole visit, each step, and the first page."""
    total, stock_total = site["total"]["bytes"], stock["total"]["bytes"]
    limit = limits["total_bytes_vs_stock"] * stock_total
    checks = [(f"visit: {len(site['steps'])} pages {total:.0f} B (at most {limits['total_bytes_vs_stock']}x stock's {stock_total:.0f} B = {limit:.0f} B)",
               total <= limit)]
    tbt, stock_tbt = site["total"]["tbt"], stock["total"]["tbt"]
    checks.append((f"visit: total blocking time {tbt:.0f} ms (at most {limits['tbt_vs_stock']}x stock's {stock_tbt:.0f} ms, same run)",
                   tbt <= limits["tbt_vs_stock"] * stock_tbt))
    for number, (ours, base) in enumerate(zip(site["steps"], stock["steps"])):
        step = f"visit step {number + 1} {ours['path']}"
        lcp, stock_lcp = ours["lcp"], base["lcp"]
        checks.append((f"{step}: LCP {lcp:.0f} ms (under {limits['lcp_ms']} ms)", lcp < limits["lcp_ms"]))
        share = limits["first_lcp_vs_stock"] if number == 0 else limits["lcp_vs_stock"]
        checks.append((f"{step}: LCP {lcp:.0f} ms (at most {share}x stock's {stock_lcp:.0f} ms)", lcp <= share * stock_lcp))
        share = limits["first_bytes_vs_stock"] if number == 0 else limits["later_bytes_vs_stock"]
        checks.append((f"{step}: {ours['bytes']:.0f} B (at most {share}x stock's {base['bytes']:.0f} B)", ours["bytes"] <= share * base["bytes"]))
    return checks


def wire(view: dict[str, Any]) -> int:
    """Bytes on the wire for one page view: gzip bodies plus response headers."""
    return view["total"]["gzip"] + view["headers"]


def other_hosts(build: dict[str, Any]) -> list[str]:
    """Every other-host request seen by the browser or by Lighthouse."""
    urls = [url for weight in build["weight"].values() for view in ("first", "repeat") for url in weight[view]["other_hosts"]]
    urls += [host for runs in build["lighthouse"].values() for run in runs.values() for host in run["hosts"] if host.split(":")[0] != "127.0.0.1"]
    return sorted(set(urls))
