"""In a real browser (headless Chromium driven by Playwright), on every page:
no accessibility violations (axe-core, WCAG 2.2 A/AA) in light and dark schemes at phone
and desktop widths, no sideways scrolling at 320 px, no request to another host, no
console errors; section links scroll to their heading; the search box finds pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from tests.conftest import source_urls
from tests.tools import AXE_JS

PAGES = source_urls() + ["/404.html"]
WIDTHS = {"phone": (375, 740), "desktop": (1280, 800)}
SCHEMES = {"light": "default", "dark": "slate"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


class Visit:
    """One page load, recording every request to another host and every console error."""

    def __init__(self, browser: object, width: int, height: int, scheme: str = "light") -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self.only_local)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def only_local(self, route: object) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, url: str) -> object:
        response = self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return response


@pytest.fixture
def visit(browser: object) -> Iterator[callable]:
    opened: list[Visit] = []

    def make(width: int, height: int, scheme: str = "light") -> Visit:
        opened.append(Visit(browser, width, height, scheme))
        return opened[-1]

    yield make
    for item in opened:
        item.context.close()


def axe_violations(page: object) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{item['id']} ({item['impact']}): {item['help']} at {node['target']}"
        for item in result["violations"]
        for node in item["nodes"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_and_self_contained(visit: callable, server: str, path: str, scheme: str, width: str) -> None:
    view = visit(*WIDTHS[width], scheme="dark" if scheme == "dark" else "light")
    response = view.open(server + path)
    assert response.status == 200
    shown = view.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"expected the {scheme} scheme, page shows {shown}"
    violations = axe_violations(view.page)
    assert not violations, "axe found:\n" + "\n".join(violations)
    assert not view.outside, f"requests left 127.0.0.1: {view.outside}"
    assert not view.errors, f"console errors: {view.errors}"


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_320px(visit: callable, server: str, path: str) -> None:
    view = visit(320, 640)
    view.open(server + path)
    widths = view.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"


def first_section(path: str) -> str:
    links = [line for line in (Path(__file__).parent / "published_anchors.txt").read_text().splitlines() if line.startswith(path + "#")]
    return links[len(links) // 2].partition("#")[2] if links else ""


@pytest.mark.parametrize("path", [path for path in source_urls() if first_section(path)])
def test_section_link_scrolls_heading_into_view(visit: callable, server: str, path: str) -> None:
    view = visit(375, 740)
    anchor = first_section(path)
    view.open(f"{server}{path}#{anchor}")
    top, height, scrolled = view.page.evaluate(
        "id => [document.getElementById(id).getBoundingClientRect().top, window.innerHeight, window.scrollY]", anchor
    )
    assert scrolled > 0, f"#{anchor} did not scroll the page"
    assert 0 <= top < height / 2, f"#{anchor} is at {top:.0f} px in a {height} px window"


def search_results(view: Visit, server: str, query: str) -> list[str]:
    """Type a query into the site's search box; return result page paths, best first."""
    view.open(server + "/")
    box = view.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    view.page.wait_for_selector(".md-search-result__item", timeout=10_000)
    hrefs = view.page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(link => link.getAttribute('href'))"
    )
    paths = [urlsplit(urljoin(server + "/", href)).path for href in hrefs]
    return list(dict.fromkeys(paths))  # one entry per page, best first


@pytest.mark.parametrize("case", QUERIES, ids=[case["query"] for case in QUERIES])
def test_search_finds_the_expected_page(visit: callable, server: str, case: dict[str, str]) -> None:
    view = visit(1280, 800)
    results = search_results(view, server, case["query"])
    assert case["page"] in results[:3], f"{case['query']!r}: expected {case['page']} in the top 3, got {results[:5]}"
