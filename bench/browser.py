"""Measurements in headless Chromium (Playwright): bytes a page transfers on a first
and a repeat visit, requests to other hosts, and search rank and latency."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from bench.static import kind_of
from toolbox import search as search_box
from toolbox.browser import LOOPBACK_ONLY
from toolbox.browser import chromium as launch_chromium
from toolbox.browser_pages import open_page
from toolbox.page_scripts import page_script
from toolbox.server import PagesServer

KINDS = ["html", "css", "js", "search", "images", "other"]
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


def chromium() -> AbstractContextManager[Any]:
    """The toolbox's headless Chromium; nothing may leave the machine (other hosts fail to resolve)."""
    return launch_chromium(LOOPBACK_ONLY)


def transferred(server: PagesServer, requests: int) -> dict[str, Any]:
    """Bytes the server sent since the log was cleared: body gzip/raw per kind, headers, count.
    A 304 counts as its headers only; cache hits never reach the server, so count 0."""
    view: dict[str, Any] = {kind: {"gzip": 0, "raw": 0} for kind in [*KINDS, "total"]}
    for sent in server.log:
        kind = "html" if sent.status in (301, 404) else kind_of(sent.path)
        for key in (kind, "total"):
            view[key]["gzip"] += sent.body
            view[key]["raw"] += sent.raw
    view["headers"] = sum(sent.headers for sent in server.log)
    view["requests"] = requests  # every request the page made, cached or not
    view["network_requests"] = len(server.log)
    view["not_modified"] = sum(sent.status == 304 for sent in server.log)
    return view


def page_weight(browser: Any, server: PagesServer, path: str) -> dict[str, Any]:
    """First load (empty cache) and repeat view (same context, so a warm cache) of one page."""
    with open_page(browser, width=375, height=740) as page:
        seen: list[str] = []
        page.on("request", lambda request: seen.append(request.url))
        result: dict[str, Any] = {}
        for view in ("first", "repeat"):
            page.goto("about:blank")
            seen.clear()
            server.log.clear()
            page.goto(server.url + path, wait_until="load")
            page.wait_for_load_state("networkidle")  # the search worker fetches its index after load
            result[view] = transferred(server, len(seen))
            result[view]["other_hosts"] = [url for url in seen if not url.startswith(LOCAL)]
        result["lcp_element"] = page.evaluate(LCP_ELEMENT)
    return result


# The largest contentful paint element at phone width (Lighthouse 12 cannot name it with this Chromium).
LCP_ELEMENT = page_script("lcp_element")

def correct_part(typed: str, meant: str) -> str:
    """What a reader has typed before the first wrong letter. The stock build has no close-
    spelling search, so bench reads both builds' results for this part of a misspelling."""
    length = next((i for i, (a, b) in enumerate(zip(typed, meant)) if a != b), min(len(typed), len(meant)))
    return typed[:length]


def search(browser: Any, server: PagesServer, queries: list[dict[str, str]]) -> list[dict[str, Any]]:
    """For each query: the rank of the expected page (1-based, one entry per page, as in the
    browser test), the section that page's result leads with, and the milliseconds from the
    last keystroke to the result list settling. A misspelling that finds nothing once typed
    in full (`means:` in the query file) is ranked, as in the browser test, on what was typed
    before the wrong letter; `typed` records that."""
    results = []
    with open_page(browser, width=1280, height=800) as page:
        page.goto(server.url + "/", wait_until="load")
        search_box.open_search(page)  # and wait until the worker has loaded the index
        for case in queries:
            query, expected = case["query"], case["page"]
            ms, found = search_box.type_query(page, query)
            paths = [path for path, _ in found]
            typed = query
            if expected not in paths[:3] and case.get("means") and correct_part(query, case["means"]):
                typed = correct_part(query, case["means"])
                _, found = search_box.type_query(page, typed)
                paths = [path for path, _ in found]
            rank = paths.index(expected) + 1 if expected in paths else None
            results.append({"query": query, "typed": typed, "page": expected, "kind": case.get("kind"),
                            "section": case.get("section"), "leads_with": dict(found).get(expected),
                            "rank": rank, "ms": ms, "top": paths[:3]})
    return results
