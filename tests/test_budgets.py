"""Byte budgets from bench/budgets.yml (`static`), checked on the built files: gzip size of
each page with the stylesheets, scripts, icons and images it links, of its HTML alone, and
of the search index. Deterministic and fast; `make bench` measures the rest in a browser."""

from __future__ import annotations

import re

import pytest

from bench.budgets import load
from bench.static import page_weight, search_index_size
from tests.conftest import Site

BUDGETS = load()["static"]


@pytest.fixture(scope="module")
def weights(site: Site) -> dict[str, dict[str, int]]:
    return {site.url_of(page): page_weight(site.root, page) for page in site.pages()}


def test_every_page_with_what_it_links_is_within_budget(weights: dict[str, dict[str, int]]) -> None:
    over = {url: weight["total"] for url, weight in weights.items() if weight["total"] > BUDGETS["page_bytes"]}
    assert not over, f"gzip bytes over the {BUDGETS['page_bytes']} B page budget: {over}"


def test_every_page_html_is_within_budget(weights: dict[str, dict[str, int]]) -> None:
    over = {url: weight["html"] for url, weight in weights.items() if weight["html"] > BUDGETS["html_bytes"]}
    assert not over, f"gzip bytes of HTML over the {BUDGETS['html_bytes']} B budget: {over}"


def test_search_index_is_within_budget(site: Site) -> None:
    size = search_index_size(site.root)[1]
    assert size <= BUDGETS["search_index_bytes"], f"search index is {size} B gzip, budget {BUDGETS['search_index_bytes']} B"


def test_pages_carry_the_theme_assets(site: Site, weights: dict[str, dict[str, int]]) -> None:
    """Guards the budget itself: a page without its CSS or JS would pass it vacuously.
    Each page carries its first screen's rules inline and links one shared stylesheet, the
    same file on every page, which holds the rest (acp/inline_css.py); scripts load after
    the first paint from placeholders (overrides/main.html, assets/javascripts/loader.js), which count here as linked."""
    assert all(weight.get("js") for weight in weights.values())
    shared: set[str] = set()
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        url = site.url_of(page)
        inline = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)" media="print"', html)
        assert len(links) == 1, f"{url}: links {links}, not the one shared stylesheet"
        shared.add(links[0].rsplit("/", 1)[-1])
        # The first screen: layout, header, page title and both colour schemes.
        for rule in (".md-grid{", ".md-header{", ".md-typeset h1{", "[data-md-color-scheme=slate]{"):
            assert rule in inline, f"{url}: inlined styles lack {rule!r}"
    assert len(shared) == 1, f"pages link different stylesheets: {sorted(shared)}"
    # The first screen only: the home page's footer is further down, styled by the shared file.
    home = "".join(re.findall(r"<style>(.*?)</style>", (site.root / "index.html").read_text(encoding="utf-8"), re.DOTALL))
    assert ".md-footer{" not in home, "the home page inlines the footer's rules: the first-screen cut was not found"
    text = next((site.root / "assets/stylesheets").glob(shared.pop())).read_text(encoding="utf-8")
    # The theme's layout, content, palette and script-made rules, and the site's own stylesheet.
    for rule in (".md-grid{", ".md-typeset h1{", "[data-md-color-scheme=slate]{", ".md-search-result__item{",
                 ".md-tooltip2__inner{", ".md-typeset a,.md-footer a"):
        assert rule in text, f"the shared stylesheet lacks {rule!r}"
