"""Measurements in headless Chromium (Playwright): bytes a page transfers on a first
and a repeat visit, requests to other hosts, and search rank and latency."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.static import kind_of
from toolbox.browser import CHROMIUM_ARGS, find_chromium
from toolbox.search import SEARCH_RESULT_LINKS
from toolbox.server import PagesServer

KINDS = ["html", "css", "js", "search", "images", "other"]
# Nothing may leave the machine: other hosts fail to resolve (and are recorded).
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")
QUIET_MS = 300  # results count as shown once the result list has not changed for this long


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=[*CHROMIUM_ARGS, OFFLINE], headless=True)
        try:
            yield browser
        finally:
            browser.close()


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
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
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
    context.close()
    return result


# The largest contentful paint element at phone width (Lighthouse 12 cannot name it with this Chromium).
LCP_ELEMENT = """() => new Promise(resolve => new PerformanceObserver(list => {
  const node = list.getEntries().at(-1)?.element;
  resolve(node ? `${node.tagName.toLowerCase()}${node.id ? '#' + node.id : ''}${node.className ? '.' + String(node.className).split(' ')[0] : ''}: `
    + node.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50) : null);
}).observe({type: 'largest-contentful-paint', buffered: true}))"""

WATCH = """() => {
  const root = document.querySelector('[data-md-component="search-result"]');
  const input = document.querySelector('input.md-search__input');
  window.__bench?.observer.disconnect();
  const state = window.__bench = {start: null, last: null, observer: new MutationObserver(() => {
    if (state.start !== null) state.last = performance.now();
  })};
  input.addEventListener('keydown', () => { state.start ??= performance.now(); }, {once: true});
  state.observer.observe(root, {childList: true, subtree: true, characterData: true});
}"""
SETTLED = f"() => window.__bench.last !== null && performance.now() - window.__bench.last > {QUIET_MS}"


def correct_part(typed: str, meant: str) -> str:
    """What a reader has typed before the first wrong letter. The stock build has no close-
    spelling search, so bench reads both builds' results for this part of a misspelling."""
    length = next((i for i, (a, b) in enumerate(zip(typed, meant)) if a != b), min(len(typed), len(meant)))
    return typed[:length]


def type_query(page: Any, box: Any, query: str) -> tuple[float | None, list[tuple[str, str]]]:
    """Type a query letter by letter; return the milliseconds from the last keystroke to the
    result list settling, and the results (page path, section it leads with), best first."""
    box.fill("")
    page.evaluate(WATCH)
    box.press_sequentially(query[:-1], delay=20)
    try:
        page.wait_for_function(SETTLED, timeout=3_000)
    except PlaywrightTimeout:  # nothing found for the first letters (often, on the stock build): the list never changed
        pass
    page.evaluate(WATCH)
    box.press_sequentially(query[-1])
    try:
        page.wait_for_function(SETTLED, timeout=5_000)
        ms = page.evaluate("() => window.__bench.last - window.__bench.start")
    except PlaywrightTimeout:  # the list never changed: no latency to report
        ms = None
    found: list[tuple[str, str]] = []
    for page_link, best in page.eval_on_selector_all(".md-search-result__item", SEARCH_RESULT_LINKS):
        path = urlsplit(urljoin(page.url, page_link)).path
        if path not in (known for known, _ in found):
            found.append((path, urlsplit(best).fragment))
    return ms, found


def search(browser: Any, server: PagesServer, queries: list[dict[str, str]]) -> list[dict[str, Any]]:
    """For each query: the rank of the expected page (1-based, one entry per page, as in the
    browser test), the section that page's result leads with, and the milliseconds from the
    last keystroke to the result list settling. A misspelling that finds nothing once typed
    in full (`means:` in the query file) is ranked, as in the browser test, on what was typed
    before the wrong letter; `typed` records that."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server.url + "/", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    # The worker has loaded the index once the "Initializing search" note is gone.
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')")
    results = []
    for case in queries:
        query, expected = case["query"], case["page"]
        ms, found = type_query(page, box, query)
        paths = [path for path, _ in found]
        typed = query
        if expected not in paths[:3] and case.get("means") and correct_part(query, case["means"]):
            typed = correct_part(query, case["means"])
            _, found = type_query(page, box, typed)
            paths = [path for path, _ in found]
        rank = paths.index(expected) + 1 if expected in paths else None
        results.append({"query": query, "typed": typed, "page": expected, "kind": case.get("kind"),
                        "section": case.get("section"), "leads_with": dict(found).get(expected),
                        "rank": rank, "ms": ms, "top": paths[:3]})
    context.close()
    return results
