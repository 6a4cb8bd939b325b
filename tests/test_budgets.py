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
    Stylesheets are inlined into each page (hooks/inline_css.py); scripts are loaded after
    the first paint from placeholders (overrides/main.html), which count here as linked."""
    assert all(weight.get("js") for weight in weights.values())
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
        assert '<link rel="stylesheet"' not in html, f"{site.url_of(page)}: a stylesheet is still linked"
        # Layout, content and palette rules of the theme, and the site's own stylesheet.
        for rule in (".md-grid{", ".md-typeset h1{", "[data-md-color-scheme=slate]{", ".md-typeset a,.md-footer a"):
            assert rule in styles, f"{site.url_of(page)}: inlined styles lack {rule!r}"
