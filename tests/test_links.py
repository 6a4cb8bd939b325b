"""Links: every internal href and src in the built HTML resolves to a file, every
#fragment to an element id, and no published section link ever disappears."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.conftest import Site
from toolbox.urls import file_of

CONTRACT = Path(__file__).parent / "published_anchors.txt"
BASE = "http://site.invalid"


@cache
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@cache
def ids(path: Path) -> frozenset[str]:
    """The element ids of a built page; asked once per link, so found once per page."""
    return frozenset(node["id"] for node in parse(path).find_all(id=True))


def internal_links(site: Site, page: Path) -> list[tuple[str, str]]:
    """(attribute value, absolute URL) for every same-site href and src on a page."""
    # The 404 page is served at any depth, so Material writes it with absolute links.
    base = BASE + ("/" if page.name == "404.html" else site.url_of(page))
    found = []
    for node in parse(page).find_all(href=True) + parse(page).find_all(src=True):
        value = node.get("href") or node.get("src")
        absolute = urljoin(base, value)
        if absolute.startswith(BASE):
            found.append((value, absolute))
    return found


def test_every_internal_link_and_fragment_resolves(site: Site) -> None:
    broken = []
    for page in site.pages():
        for value, absolute in internal_links(site, page):
            parts = urlsplit(absolute)
            target = file_of(site.root, parts.path)
            if target is None:
                broken.append(f"{site.url_of(page)}: {value} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids(target):
                broken.append(f"{site.url_of(page)}: {value} (no element with id '{parts.fragment}')")
    assert not broken, "Broken links:\n" + "\n".join(broken)


def published_anchors() -> list[str]:
    lines = CONTRACT.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_published_pages_and_section_links_still_exist(site: Site) -> None:
    missing = []
    for link in published_anchors():
        path, _, fragment = link.partition("#")
        target = file_of(site.root, path)
        if target is None:
            missing.append(f"{link} (page gone)")
        elif fragment and fragment not in ids(target):
            missing.append(f"{link} (section gone)")
    assert not missing, (
        "Published links that no longer resolve. Keep the id, or add a redirect, "
        "before renaming:\n" + "\n".join(missing)
    )


def current_anchors(site: Site) -> set[str]:
    """Every page URL, and every h2/h3 id, of the built site."""
    found = set()
    for page in site.pages():
        if page.name == "404.html":
            continue
        url = site.url_of(page)
        found.add(url)
        for heading in parse(page).select("article h2[id], article h3[id]"):
            found.add(f"{url}#{heading['id']}")
    return found


def test_every_new_section_is_added_to_the_published_list(site: Site) -> None:
    unlisted = sorted(current_anchors(site) - set(published_anchors()))
    assert not unlisted, (
        "Sections not yet in tests/published_anchors.txt (run `python -m tests.test_links site` "
        "after a build to print the list):\n" + "\n".join(unlisted)
    )


def test_every_section_heading_has_an_explicit_id() -> None:
    """Ids typed in the source, so editing a heading's words never changes its link."""
    missing = []
    for source in sorted((Path(__file__).parent.parent / "docs").rglob("*.md")):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(r"#{2,3} ", line) and not re.search(r"\{\s*#[a-z0-9-]+\s*\}\s*$", line):
                missing.append(f"{source.relative_to(source.parents[1])}:{number}: {line}")
    assert not missing, "Headings without an explicit { #id }:\n" + "\n".join(missing)


if __name__ == "__main__":
    import sys

    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    for link in sorted(current_anchors(Site(site_dir, "")) | set(published_anchors() if CONTRACT.exists() else [])):
        print(link)
