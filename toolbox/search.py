"""The one driver of the theme's search box, for the browser tests and the benchmark.

`search` puts a whole query in at once and returns the results shown for it; `type_query`
types it letter by letter, as a reader does, and also times the last keystroke to the result
list settling. Both return each result page's path and the section it leads with, best first.
"""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urljoin, urlsplit

from toolbox.page_scripts import page_script

BOX = "input.md-search__input"
RESULT = ".md-search-result__item"
# Reading the theme's search results: for each result, the page's own link and the link
# with the best score, which the theme shows first with its text and which Enter opens.
SEARCH_RESULT_LINKS = page_script("search_result_links")
# The search box's note: "Initializing search" until the worker has loaded the index, then
# empty while the box is empty, and a count (or "No matching documents") once results for
# what was typed are shown.
NOTE = "document.querySelector('.md-search-result__meta').textContent.trim()"
READY = f"() => !/Initializing/.test({NOTE})"
CLEARED = f"() => !/Initializing/.test({NOTE}) && !document.querySelector('{RESULT}')"

Result = tuple[str, str]  # (page path, heading id the result leads with, "" for the page top)


def shown_results(page: Any) -> list[Result]:
    """The results on screen, one entry per page, best first; paths resolved against the page."""
    found: list[Result] = []
    for page_link, best in page.eval_on_selector_all(RESULT, SEARCH_RESULT_LINKS):
        path = urlsplit(urljoin(page.url, page_link)).path
        if path not in (known for known, _ in found):
            found.append((path, urlsplit(best).fragment))
    return found


def open_search(page: Any, timeout: int = 15_000) -> Any:
    """Focus the search box of the open page and wait until the index is loaded; the box."""
    box = page.locator(BOX)
    box.click()
    page.wait_for_function(READY, timeout=timeout)
    return box


def search(page: Any, query: str, misspelt: bool = False) -> list[Result]:
    """Search for a query in the open page's search box; the results shown for it.

    The box is cleared first, and the theme shows its "type to start" note. The query then
    goes in as one input, as when pasting or accepting a phone's suggestion, and one key is
    released: the theme searches once, so the first results shown are this query's.
    For a word misspelt in full, site.js asks again with close spellings once the first
    answer is empty: `misspelt` waits (up to 5 s) for that second answer."""
    box = page.locator(BOX)
    box.fill("")
    box.press("End")
    page.wait_for_function(CLEARED, timeout=10_000)
    empty = page.evaluate(f"() => {NOTE}")
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"empty => {NOTE} !== empty", arg=empty, timeout=10_000)
    if misspelt:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        with contextlib.suppress(PlaywrightTimeout):  # none found: the caller reports it
            page.wait_for_selector(RESULT, timeout=5_000)
    return shown_results(page)


QUIET_MS = 300  # results count as shown once the result list has not changed for this long
WATCH = page_script("watch_search_results")
SETTLED = f"() => window.__typed.last !== null && performance.now() - window.__typed.last > {QUIET_MS}"


def type_query(page: Any, query: str) -> tuple[float | None, list[Result]]:
    """Type a query letter by letter; the milliseconds from the last keystroke to the result
    list settling (None when the last letter changed nothing), and the results shown."""
    box = page.locator(BOX)
    box.fill("")
    page.evaluate(WATCH)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box.press_sequentially(query[:-1], delay=20)
    # When the first letters find nothing (often, on a stock build), the list never changes.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(SETTLED, timeout=3_000)
    page.evaluate(WATCH)
    box.press_sequentially(query[-1])
    try:
        page.wait_for_function(SETTLED, timeout=5_000)
        ms = page.evaluate("() => window.__typed.last - window.__typed.start")
    except PlaywrightTimeout:  # the list never changed: no latency to report
        ms = None
    return ms, shown_results(page)
