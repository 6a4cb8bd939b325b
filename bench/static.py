"""Deterministic sizes read from the built files (no browser, no timing): what each page
makes a first-time visitor download, gzipped as the server sends it. Used by the
benchmark's report and by tests/test_budgets.py."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from acp.shared_names import AFTER_PAINT
from toolbox.server import gzip_size

SEARCH_INDEX = "search/search_index.json"


def kind_of(path: str) -> str:
    """The byte category a site path falls into."""
    if path.endswith("search_index.json"):
        return "search"
    suffix = Path(path).suffix
    if path.endswith("/") or suffix == ".html":
        return "html"
    return {".css": "css", ".js": "js", ".png": "images", ".svg": "images", ".jpg": "images",
            ".jpeg": "images", ".webp": "images", ".avif": "images", ".gif": "images", ".ico": "images"}.get(suffix, "other")


def linked_files(root: Path, page: Path) -> list[Path]:
    """The page itself and the local stylesheets, scripts, icons and images it links."""
    url = "/" + page.relative_to(root).as_posix()
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refs = [tag["href"] for tag in soup.select("link[rel~=stylesheet][href], link[rel~=icon][href]")]
    refs += [tag["src"] for tag in soup.select("script[src], img[src]")]
    # Scripts the page loads after its first paint (placeholders; assets/javascripts/loader.js).
    refs += [tag[AFTER_PAINT] for tag in soup.select(f"script[{AFTER_PAINT}]")]
    files = [page]
    for ref in refs:
        parts = urlsplit(urljoin(url, ref))
        if not parts.netloc and (root / parts.path.lstrip("/")).is_file():
            files.append(root / parts.path.lstrip("/"))
    return list(dict.fromkeys(files))


def page_weight(root: Path, page: Path) -> dict[str, int]:
    """Gzip bytes per category (html, css, js, images) for a first visit to the page."""
    weight: dict[str, int] = {}
    for file in linked_files(root, page):
        kind = kind_of(file.relative_to(root).as_posix())
        weight[kind] = weight.get(kind, 0) + gzip_size(file.read_bytes())
    weight["total"] = sum(weight.values())
    return weight


def search_index_size(root: Path) -> tuple[int, int]:
    """Raw and gzip bytes of the search index."""
    data = (root / SEARCH_INDEX).read_bytes()
    return len(data), gzip_size(data)


def longest_page(root: Path) -> str:
    """Site URL of the page with the most markup (the 404 page aside). Inlined styles are
    left out of the count: they differ from page to page with what each page uses."""

    def markup(page: Path) -> int:
        return len(re.sub(r"<style>.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.DOTALL))

    page = max(root.rglob("index.html"), key=markup)
    return "/" + page.relative_to(root).as_posix().removesuffix("index.html")
