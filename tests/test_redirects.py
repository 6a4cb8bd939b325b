"""Published addresses survive a move. A page that moves keeps its old address
(mkdocs-redirects, `redirect_maps` in mkdocs.yml), which sends readers on to the new one
with the section they asked for; a section whose id changes keeps the old id as an alias
(README, "Writing a page"). No page or section has moved yet, so the tests move one in a
copy of the project."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests import test_links  # its checks, run here on a copy of the site
from tests.conftest import Site, copy_project, mkdocs_build, wait_for_theme
from toolbox.server import PagesServer

OLD, NEW = "what-else-helps.md", "other-treatments.md"
SECTION = "by-condition"  # a published section of the page (tests/published_anchors.txt)
EMPTY_MAP = "      redirect_maps: {}\n"


def with_redirects(project: Path, *lines: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(EMPTY_MAP) == 1, "mkdocs.yml no longer has the redirects plugin with an empty redirect_maps"
    config.write_text(text.replace(EMPTY_MAP, "      redirect_maps:\n" + "".join(f"        {line}\n" for line in lines)), encoding="utf-8")


def move_page(project: Path, old: str, new: str) -> None:
    """Rename a page and update every link and the nav to its new name, as an editor would."""
    (project / "docs" / old).rename(project / "docs" / new)
    for path in [project / "mkdocs.yml", *(project / "docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_moved_page_sends_readers_on_with_their_section(new_page: Callable[..., object], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    move_page(project, OLD, NEW)
    with_redirects(project, f"{OLD}: {NEW}")
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.log
    assert (site / "what-else-helps/index.html").is_file(), "no page left at the old address"
    page = new_page()
    with PagesServer(site) as pages:
        page.goto(f"{pages.url}/what-else-helps/#{SECTION}", wait_until="commit")
        page.wait_for_url(f"{pages.url}/other-treatments/#{SECTION}", timeout=10_000)
        wait_for_theme(page)
        assert page.locator(f"#{SECTION}").count() == 1, f"the new page has no #{SECTION}"


def test_a_redirect_to_a_page_that_does_not_exist_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with_redirects(project, f"old-page.md: {NEW}")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0, "a redirect to a missing page built"
    assert f"Redirect target '{NEW}' does not exist!" in build.log, build.log[-2000:]


def test_a_renamed_section_keeps_its_old_id_as_an_alias(tmp_path: Path) -> None:
    """The way README gives: the heading takes its new id, and an empty element just above it
    keeps the old one. The build stays strict and tests/test_links.py's published-section check passes on the old
    id; on the same pages without the alias element, it fails."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / OLD
    text = page.read_text(encoding="utf-8")
    heading = f"## What is advised for each condition {{ #{SECTION} }}"
    assert text.count(heading) == 1, f"docs/{OLD} no longer has the heading {heading!r}"
    alias = f'<div id="{SECTION}"></div>'
    text = text.replace(f"](#{SECTION})", "](#by-health-problem)")
    page.write_text(text.replace(heading, f"{alias}\n\n## What is advised for each condition {{ #by-health-problem }}"), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "with alias")
    assert build.returncode == 0, build.log
    site = Site(tmp_path / "with alias", build.log)
    test_links.test_every_internal_link_and_fragment_resolves(site)
    test_links.test_published_pages_and_section_links_still_exist(site)
    # The same site with the alias element taken out again (a copy: test_links reads each page once).
    without = Site(Path(shutil.copytree(site.root, tmp_path / "without alias")), build.log)
    built_page = without.root / OLD.removesuffix(".md") / "index.html"
    html = built_page.read_text(encoding="utf-8")
    assert html.count(alias) == 1, f"the alias element is not in the built page as written: {alias}"
    built_page.write_text(html.replace(alias, ""), encoding="utf-8")
    try:
        test_links.test_published_pages_and_section_links_still_exist(without)
    except AssertionError as error:
        assert f"/what-else-helps/#{SECTION} (section gone)" in str(error)
    else:
        raise AssertionError("the published-section check passed without the alias: it cannot see an alias either")
