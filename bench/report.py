"""The printed tables (plain text, fixed-width columns) and the JSON file."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from bench.browser import KINDS
from bench.budgets import wire
from bench.lighthouse import CATEGORIES, METRICS
from bench.tables import kib, ratio, table
from bench.visit import render as render_visit


def trio(ours: float | None, stock: float | None, show: Any = str) -> list[str]:
    """ours, stock, ours/stock (no ratio to a stock figure that shows as zero, such as a CLS of 0.000)."""
    shown_zero = stock is not None and show(stock) == show(0.0)
    return [show(ours) if ours is not None else "-", show(stock) if stock is not None else "-",
            "-" if shown_zero else ratio(ours, stock)]


def render(results: dict[str, Any]) -> str:
    site, stock = results["builds"]["site"], results["builds"]["stock"]
    out = ["Figures for this site, for its stock build (the same pages, Material's default delivery), and their ratio.\n"]
    both = ["site", "stock", "ratio"]

    rows = []
    show = {"fcp": lambda v: f"{v:.0f} ms", "lcp": lambda v: f"{v:.0f} ms", "tbt": lambda v: f"{v:.0f} ms", "cls": lambda v: f"{v:.3f}"}
    for path in site["lighthouse"]["mobile"]:
        for key in [*CATEGORIES, *METRICS]:
            row = [path, key]
            for form in ("mobile", "desktop"):
                ours, base = site["lighthouse"][form].get(path), stock["lighthouse"][form].get(path)
                group = "scores" if key in CATEGORIES else "metrics"
                row += trio(ours and ours[group][key], base and base[group][key], show.get(key, lambda v: f"{v:g}"))
            rows.append(row)
    runs = results["lighthouse_runs"]
    out.append(table(f"Lighthouse, median of {runs} run{'s' * (runs > 1)}", ["page", "figure", "mobile", "stock", "ratio", "desktop", "stock", "ratio"], rows))

    rows = []
    for path, weight in site["weight"].items():
        base = stock["weight"][path]
        for kind in [*KINDS, "total"]:
            row = [path, kind]
            for view in ("first", "repeat"):
                for form in ("gzip", "raw"):
                    row += trio(weight[view][kind][form], base[view][kind][form], kib)
            rows.append(row)
        for label, key in (("headers", "headers"), ("requests", "requests"), ("from network", "network_requests"), ("304s", "not_modified")):
            row = [path, label]
            for view in ("first", "repeat"):
                row += trio(weight[view][key], base[view][key], kib if key == "headers" else str) + ["", "", ""]
            rows.append(row)
        row = [path, "on the wire"]
        for view in ("first", "repeat"):
            row += trio(wire(weight[view]), wire(base[view]), kib) + ["", "", ""]
        rows.append(row)
    header = ["page", "KiB", *[f"{v} {f} {c}".replace(" site", "") if c == "site" else c
                               for v in ("first", "repeat") for f in ("gz", "raw") for c in both]]
    out.append(table("Bytes per page (Chromium, phone width; gz = as transferred, raw = decoded)", header, rows))
    rows = [[path, site["weight"][path]["lcp_element"] or "-", stock["weight"][path]["lcp_element"] or "-"] for path in site["weight"]]
    out.append(table("Largest contentful paint element (phone width)", ["page", "site", "stock"], rows, left=3))
    if "visit" in site:
        out.append(render_visit({"site": site["visit"], "stock": stock["visit"]}))

    rows = [[shown_query(case), case["page"], *trio(case["rank"], other["rank"]), *trio(case["ms"], other["ms"], lambda v: f"{v:.0f}")]
            for case, other in zip(site["search"]["queries"], stock["search"]["queries"])]
    for group in site["search"]["groups"]:
        for key in ("top1", "top3"):
            ours, base = site["search"]["groups"][group], stock["search"]["groups"][group]
            rows.append([f"{key[:3]}-{key[3:]} hit rate, {group} ({ours['count']})", "",
                         *trio(ours[key], base[key], lambda v: f"{v:.0%}"), "", "", ""])
    for key, label in (("top1", "top-1 hit rate, all"), ("top3", "top-3 hit rate, all"), ("sections", "leads with the section")):
        rows.append([label, "", *trio(site["search"][key], stock["search"][key], lambda v: f"{v:.0%}"), "", "", ""])
    for key, label in (("median_ms", "median ms"), ("max_ms", "slowest ms")):
        rows.append([label, "", "", "", "", *trio(site["search"][key], stock["search"][key], lambda v: f"{v:.0f}")])
    out.append(table("Search (rank of the expected page; ms from last keystroke to results settled)",
                     ["query", "expected page", "rank", "stock", "ratio", "ms", "stock", "ratio"], rows))

    rows = [["build time (median s)", "", *trio(site["build_median"], stock["build_median"], lambda v: f"{v:.2f}")]]
    for form in ("raw", "gzip"):
        rows.append(["search index", form, *trio(site["search_index"][form], stock["search_index"][form], kib)])
    for path, sizes in site["static"].items():
        rows.append(["linked files, gzip (KiB)", path, *trio(sizes["total"], stock["static"][path]["total"], kib)])
    out.append(table(f"Build ({len(site['build_seconds'])} runs) and files", ["figure", "", *both], rows))
    return "\n".join(out)


def shown_query(case: dict[str, Any]) -> str:
    """The query, and what was typed when a misspelling was ranked before its wrong letter."""
    typed = case.get("typed", case["query"])
    return case["query"] if typed == case["query"] else f"{case['query']} (as {typed!r})"


def hit_rates(queries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "count": len(queries),
        "top1": sum(case["rank"] == 1 for case in queries) / len(queries) if queries else None,
        "top3": sum(case["rank"] is not None and case["rank"] <= 3 for case in queries) / len(queries) if queries else None,
    }


def summarize_search(queries: list[dict[str, Any]]) -> dict[str, Any]:
    """Hit rates over all queries, over those with no `kind:` in the query file and those
    with one (words the pages did not use when the list was written), and how often the
    expected page's result leads with the expected section."""
    times = [case["ms"] for case in queries if case["ms"] is not None]
    with_section = [case for case in queries if case.get("section") and case["rank"] is not None]
    return {
        "queries": queries,
        **hit_rates(queries),
        "groups": {
            "without kind": hit_rates([case for case in queries if not case.get("kind")]),
            "with kind (readers' words)": hit_rates([case for case in queries if case.get("kind")]),
        },
        "sections": sum(case["leads_with"] == case["section"] for case in with_section) / len(with_section) if with_section else None,
        "median_ms": statistics.median(times) if times else None,
        "max_ms": max(times) if times else None,
    }


def save(results: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-{results['started'].replace(':', '').replace('-', '')}.json"
    path.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return path
