"""Trust and reader features: review dates, editorial pages, feedback links, metadata and
structured data, glossary tooltips, "Get help now" boxes, print, 404 page, offline copy."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from acp import data as acp_data
from acp import review_dates, site_config
from acp.clinical_review import PAGE_NOT_CHECKED, site_statement
from acp.shared_names import PRINTING_SOURCES
from tests.conftest import ROOT, Site, copy_project, mkdocs_build, wait_for_theme
from toolbox import search
from toolbox.urls import built_file_of_source

CONFIG_EXTRA = site_config.load(ROOT / "mkdocs.yml")["extra"]
SITE_URL = re.search(r"^site_url: (\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)
GLOSSARY_TERMS = ["NICE", "RCT", "GRADE", "sham", "qi", "meridian", "de qi", "electroacupuncture", "NSAID", "TCM", "NHS", "placebo"]


def front_matter(source: Path) -> dict:
    return yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])


def sources() -> list[tuple[Path, str]]:
    """(source file, built page path) for every Markdown page."""
    return [(source, built_file_of_source(ROOT / "docs", source)) for source in sorted((ROOT / "docs").rglob("*.md"))]


def soup(site: Site, built: str) -> BeautifulSoup:
    return BeautifulSoup((site.root / built).read_text(encoding="utf-8"), "lxml")


def structured_data(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# Review dates ------------------------------------------------------------------------


def test_review_dates_show_on_every_page_and_in_structured_data_and_sitemap(site: Site) -> None:
    sitemap = ElementTree.parse(site.root / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {url.find("s:loc", namespace).text: url.find("s:lastmod", namespace).text for url in sitemap}
    for source, built in sources():
        meta = front_matter(source)
        page = soup(site, built)
        shown = " ".join(page.select_one(".review-dates").get_text(" ").split())
        assert shown == f"Page last reviewed: {long_date(meta['reviewed'])} · Next review due: {long_date(meta['next_review'])}", built
        [medical] = [item for item in structured_data(page) if item["@type"] == "MedicalWebPage"]
        assert medical["lastReviewed"] == meta["reviewed"].isoformat()
        assert lastmod[SITE_URL + built.removesuffix("index.html")] == meta["reviewed"].isoformat()


def test_every_page_says_who_wrote_it_and_who_checked_it(site: Site) -> None:
    for source, built in sources():
        meta = front_matter(source)
        shown = " ".join(soup(site, built).select_one(".page-credits").get_text().split())
        assert shown.startswith("Written by the Acupuncture & Chronic Pain editorial team."), built
        reviewer = meta.get("clinical_reviewer")
        if reviewer:
            assert f"Checked by {reviewer['name']}, {reviewer['role']}, on {long_date(reviewer['date'])}." in shown, built
        else:
            assert PAGE_NOT_CHECKED in shown, built


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of an edited copy, shared by the tests that need one: a clinical reviewer
    named on docs/safety.md, and "sham" removed from the glossary. The two edits touch
    different pages, so neither test sees the other's."""
    project = copy_project(tmp_path_factory.mktemp("edited") / "project")
    page = project / "docs/safety.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", "\nclinical_reviewer:\n  name: Test Reviewer\n  role: GP (test entry)\n  date: 2026-11-20\n---\n", 1), encoding="utf-8")
    glossary = project / "includes/glossary.md"
    glossary.write_text(re.sub(r"^\*\[sham\]:.*\n", "", glossary.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.log
    return project / "site"


@pytest.mark.xdist_group("edited_site")
def test_a_named_clinical_reviewer_is_shown_and_in_structured_data(edited_site: Path) -> None:
    built = BeautifulSoup((edited_site / "safety/index.html").read_text(encoding="utf-8"), "lxml")
    shown = " ".join(built.select_one(".page-credits").get_text().split())
    assert "Checked by Test Reviewer, GP (test entry), on 20 November 2026." in shown
    assert "No clinician" not in shown
    [medical] = [item for item in structured_data(built) if item["@type"] == "MedicalWebPage"]
    assert medical["reviewedBy"] == {"@type": "Person", "name": "Test Reviewer", "jobTitle": "GP (test entry)"}
    # The site's own statement (/about/, /about/changes/) follows the front matter.
    for about in ("about/index.html", "about/changes/index.html"):
        text = " ".join(BeautifulSoup((edited_site / about).read_text(encoding="utf-8"), "lxml").select_one("article").get_text(" ").split())
        assert site_statement(["docs/safety.md"]) in text, about
        assert site_statement([]) not in text, about


def test_condition_pages_are_reviewed_at_least_yearly_and_others_every_three_years() -> None:
    """The rules are acp/review_dates.py's (the build applies the same): condition pages and pages
    with a "Get help now" box (warning signs) at least yearly, others every three years; a date
    breaking one raises."""
    assert (review_dates.max_years("docs/conditions/neck-pain.md"), review_dates.max_years("docs/safety.md")) == (1, 3)
    assert review_dates.max_years("docs/safety.md", '# Safety\n\n--8<-- "get-help/general.md"\n') == 1
    for source, _ in sources():
        path = source.relative_to(ROOT).as_posix()
        text = source.read_text(encoding="utf-8")
        meta = acp_data.front_matter(text, path)
        review_dates.check(path, meta.reviewed, meta.next_review, on=meta.reviewed, markdown=text)


# Editorial pages and feedback ------------------------------------------------------------

ABOUT = {
    "about/index.html": ["editorial-policy", "how-sure-we-are", "reviews", "clinical-review", "funding", "no-adverts", "feedback"],
    "about/accessibility/index.html": [],
    "about/privacy/index.html": [],
    "about/disclaimer/index.html": ["emergency-numbers"],
    "about/changes/index.html": ["guideline-history"],
}


@pytest.mark.parametrize("built", ABOUT)
def test_about_pages_exist_with_their_sections(site: Site, built: str) -> None:
    page = soup(site, built)
    for anchor in ABOUT[built]:
        assert page.find(id=anchor), f"{built}: no #{anchor}"


def test_disclaimer_gives_emergency_numbers_for_each_region(site: Site) -> None:
    text = soup(site, "about/disclaimer/index.html").get_text(" ")
    for number in ("999", "911", "112", "000"):
        assert re.search(rf"\b{number}\b", text), number


def test_every_page_ends_with_a_prefilled_report_a_problem_link(site: Site) -> None:
    for _, built in sources():
        link = soup(site, built).select_one(".feedback a")
        assert link and link.get_text(strip=True) == "Report a problem with this page", built
        url = urlsplit(link["href"])
        assert f"{url.scheme}://{url.netloc}{url.path}" == CONFIG_EXTRA["issues_url"]
        query = parse_qs(url.query)
        assert SITE_URL + built.removesuffix("index.html") in query["body"][0], built
        assert query["title"][0].startswith("Problem with page: ")


# Metadata ---------------------------------------------------------------------------------


def test_every_page_has_a_unique_description_of_50_to_160_characters(site: Site) -> None:
    seen: dict[str, str] = {}
    for _, built in sources():
        content = soup(site, built).select_one('meta[name="description"]')["content"]
        assert 50 <= len(content) <= 160, f"{built}: {len(content)} characters"
        assert content not in seen, f"{built} repeats the description of {seen.get(content)}"
        seen[content] = built


def test_sharing_tags_and_structured_data(site: Site) -> None:
    image = (site.root / CONFIG_EXTRA["social_image"]).read_bytes()
    assert image.startswith(b"\x89PNG") and int.from_bytes(image[16:20], "big") == 1200
    for source, built in sources():
        page = soup(site, built)
        tags = {tag.get("property") or tag.get("name"): tag["content"] for tag in page.select("meta[property], meta[name^='twitter:']")}
        meta = front_matter(source)
        assert tags["og:title"] == meta["title"] and tags["og:description"] == meta["description"], built
        assert tags["og:url"] == SITE_URL + built.removesuffix("index.html")
        assert tags["og:image"] == SITE_URL + CONFIG_EXTRA["social_image"] and tags["og:image:alt"]
        assert tags["twitter:card"] == "summary_large_image" and tags["twitter:image:alt"]
        data = {item["@type"]: item for item in structured_data(page)}
        medical = data["MedicalWebPage"]
        assert medical["@context"] == "https://schema.org" and medical["inLanguage"] == "en"
        assert medical["about"]["name"] and medical["audience"] and medical["url"] == tags["og:url"]
        assert ("WebSite" in data) == (built == "index.html"), built


def test_robots_txt_points_to_the_sitemap(site: Site) -> None:
    robots = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


# Glossary -----------------------------------------------------------------------------------


def undefined_terms(site_root: Path, terms: list[str]) -> list[str]:
    """Required terms the glossary page does not list or the guide pages do not explain."""
    glossary = BeautifulSoup((site_root / "glossary/index.html").read_text(encoding="utf-8"), "lxml")
    listed = {" ".join(node.get_text().split()) for node in glossary.select("dl.glossary dt")}
    tooltips = {
        abbr.get_text(): abbr.get("title")
        for page in site_root.rglob("index.html")
        for abbr in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("article abbr[title]")
    }
    variants = {term: (term, term + "s") for term in terms}  # "meridian" is used as "meridians"
    return [
        term
        for term in terms
        if not any(variant in listed for variant in variants[term]) or not any(tooltips.get(variant) for variant in variants[term])
    ]


def test_glossary_terms_are_listed_and_shown_as_tooltips(site: Site) -> None:
    assert not undefined_terms(site.root, GLOSSARY_TERMS)
    definitions = dict(re.findall(r"^\*\[(.+?)\]: (.+)$", (ROOT / "includes/glossary.md").read_text(encoding="utf-8"), re.MULTILINE))
    page = soup(site, "conditions/low-back-pain/index.html")
    # The tooltip and the glossary page carry the same words, from the one definition file.
    abbr = page.select_one("article abbr[title]")
    assert abbr["title"] == definitions[abbr.get_text()]


@pytest.mark.xdist_group("edited_site")
def test_a_term_removed_from_the_glossary_is_reported(edited_site: Path) -> None:
    assert undefined_terms(edited_site, GLOSSARY_TERMS) == ["sham"]


# "Get help now" boxes ----------------------------------------------------------------------

URGENT = "urgent-symptoms/index.html"  # every box is on this page too
HELP_BOXES = {
    "get-help/back-pain.md": ["conditions/low-back-pain/index.html", URGENT],
    "get-help/headache.md": ["conditions/headache-and-migraine/index.html", URGENT],
    "get-help/general.md": ["is-it-right-for-you/index.html", URGENT],
    "get-help/cancer.md": ["conditions/cancer-pain/index.html", URGENT],
    "get-help/neck.md": ["conditions/neck-pain/index.html", URGENT],
    "get-help/jaw.md": ["conditions/jaw-pain/index.html", URGENT],
    "get-help/shoulder.md": ["conditions/shoulder-pain/index.html", URGENT],
    "get-help/prostatitis.md": ["conditions/chronic-prostatitis/index.html", URGENT],
    "get-help/numb-feet.md": ["conditions/neuropathic-pain/index.html", URGENT],
    "get-help/after-a-session.md": ["safety/index.html", "sessions/index.html", URGENT],
    "get-help/crisis.md": ["conditions/neck-pain/index.html", "chronic-pain/index.html", "what-else-helps/index.html", URGENT],
}


def test_every_get_help_snippet_is_checked() -> None:
    """A new box in includes/get-help/ must be listed in HELP_BOXES with the pages that show it."""
    files = {f"get-help/{path.name}" for path in (ROOT / "includes/get-help").glob("*.md")}
    assert set(HELP_BOXES) == files, f"not listed: {sorted(files - set(HELP_BOXES))}; no such file: {sorted(set(HELP_BOXES) - files)}"


@pytest.mark.parametrize("snippet", HELP_BOXES)
def test_get_help_boxes_come_from_one_snippet(site: Site, snippet: str) -> None:
    title = re.search(r'!!! get-help "(.+)"', (ROOT / "includes" / snippet).read_text(encoding="utf-8")).group(1)
    texts, shown_on = set(), set()
    for _, built in sources():
        for box in soup(site, built).select(".admonition.get-help"):
            if box.select_one(".admonition-title").get_text(strip=True) == title:
                # Citation numbers differ per page; the words must not.
                texts.add(re.sub(r"\[\d+(, \d+)*\]", "", " ".join(box.get_text().split())))
                shown_on.add(built)
    missing = [page for page in HELP_BOXES[snippet] if page not in shown_on]  # the list itself is never changed
    assert not missing, f"pages missing the {snippet} box: {missing}"
    assert len(texts) == 1, "the same box is worded differently on different pages"


# 404 page -------------------------------------------------------------------------------------


def test_unknown_address_gets_the_404_page_with_search_hint_and_sections(site: Site, server: str) -> None:
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server + "/no/such/page/")
    assert error.value.code == 404
    page = BeautifulSoup(error.value.read().decode("utf-8"), "lxml")
    assert page.find("h1").get_text(strip=True) == "Page not found"
    assert "search" in page.select_one("article").get_text().lower()
    links = {link["href"] for link in page.select("article a")}
    assert {"/conditions/", "/safety/", "/sessions/", "/questions/"} <= links


# Print ------------------------------------------------------------------------------------------

NAVIGATION_TEXT = ["Skip to content", "Table of contents", "Report a problem", "Understanding", "Back to top"]


def print_to_pdf(new_page: Callable[..., object], url: str, paper: str, whole: bool = False) -> PdfReader:
    """The page printed; `whole`: as "Print the whole page with its sources" prints it (a condition
    page's plain Print is a two-sheet summary, tests/test_condition_pages.py)."""
    page = new_page()
    page.goto(url, wait_until="networkidle")
    wait_for_theme(page)
    if whole:
        page.evaluate(f"document.documentElement.classList.add('{PRINTING_SOURCES}')")
    return PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_checklist_prints_on_one_page_without_navigation(new_page: Callable[..., object], server: str, paper: str) -> None:
    pdf = print_to_pdf(new_page, server + "/tools/before-you-book/", paper)
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) == 1, f"the checklist prints on {len(pdf.pages)} {paper} pages"
    assert "Before you book" in text
    for furniture in NAVIGATION_TEXT:
        assert furniture not in text, f"{furniture!r} printed"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_values_sheet_prints_on_one_page_without_navigation(new_page: Callable[..., object], server: str, paper: str) -> None:
    """The 'what matters to me' sheet (docs/tools/what-matters.md), linked from every option grid."""
    pdf = print_to_pdf(new_page, server + "/tools/what-matters/", paper)
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) == 1, f"the sheet prints on {len(pdf.pages)} {paper} pages"
    assert "What matters most to me" in text and "Questions to ask" in text
    for furniture in NAVIGATION_TEXT:
        assert furniture not in text, f"{furniture!r} printed"


# Text from the first and the last row of every option grid (acp/extensions/decision_aid.py).
GRID_TOP, GRID_BOTTOM = "What happened to 100 people", "How sure"
DECISIONS_DIR = Path(__file__).parent.parent / "data/decisions"
GRID_PAGES = sorted(f"/conditions/{path.stem}/" for path in DECISIONS_DIR.glob("*.yml") if "responders:" in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("path", GRID_PAGES)
def test_option_grid_prints_on_one_sheet(new_page: Callable[..., object], server: str, path: str, paper: str) -> None:
    """A reader who prints the whole condition page takes its option grid, whole, on one sheet."""
    pdf = print_to_pdf(new_page, server + path, paper, whole=True)
    texts = [" ".join(page.extract_text().split()) for page in pdf.pages]
    top = [number for number, text in enumerate(texts, start=1) if GRID_TOP in text]
    bottom = [number for number, text in enumerate(texts, start=1) if GRID_BOTTOM + " are these numbers?" in text]
    assert len(top) == 1 and top == bottom, f"{path} on {paper}: the grid starts on sheet(s) {top} and ends on sheet(s) {bottom}"


def test_diary_prints_without_navigation(new_page: Callable[..., object], server: str) -> None:
    pdf = print_to_pdf(new_page, server + "/tools/session-diary/", "A4")
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Session diary" in text and "Review" in text
    for furniture in NAVIGATION_TEXT:
        assert furniture not in text, f"{furniture!r} printed"


def test_print_shows_link_addresses_and_opens_collapsed_sections(new_page: Callable[..., object], server: str) -> None:
    page = new_page()
    page.goto(server + "/references/", wait_until="networkidle")
    wait_for_theme(page)
    page.emulate_media(media="print")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<p><a id=t href=\"https://example.org/x\">x</a></p><details id=d><summary>s</summary><p>hidden text</p></details>')")
    after = page.evaluate("getComputedStyle(document.getElementById('t'), '::after').content")
    assert "https://example.org/x" in after
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.getElementById('d').open")


# Offline copy -------------------------------------------------------------------------------------

OFFLINE_ZIP = "acupuncture-chronic-pain-offline.zip"  # added to the site by `make build`


def test_offline_copy_opens_from_files_and_search_works(new_page: Callable[..., object], tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    build = mkdocs_build(ROOT, tmp_path / "offline", OFFLINE="true")
    assert build.returncode == 0, build.log
    # Zip and unzip it as a reader would (same command as `make offline`).
    subprocess.run([sys.executable, "-m", "zipfile", "-c", str(tmp_path / OFFLINE_ZIP), "."], cwd=tmp_path / "offline", check=True)
    with zipfile.ZipFile(tmp_path / OFFLINE_ZIP) as archive:
        archive.extractall(tmp_path / "unzipped")
    page = new_page(width=1280, height=800)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: request.url.startswith(("file:", "data:", "blob:")) or errors.append(request.url))
    page.goto((tmp_path / "unzipped/index.html").as_uri())
    assert "Acupuncture" in page.title()
    wait_for_theme(page)
    search.open_search(page)
    _, results = search.type_query(page, "migraine")
    assert results, "search found nothing in the offline copy"
    assert results[0][0].endswith("/conditions/headache-and-migraine.html"), results
    page.goto((tmp_path / "unzipped/conditions/low-back-pain.html").as_uri())
    assert page.locator(".admonition.evidence").count() == 1
    # The banner's link to the warning signs opens that page from files too.
    page.locator(".md-banner .urgent-banner a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/urgent-symptoms.html") and page.locator(".admonition.get-help").count() > 1, page.url
    assert not errors, errors


def test_site_offers_the_offline_copy(site: Site) -> None:
    link = soup(site, "about/index.html").select_one(f'a[href$="{OFFLINE_ZIP}"]')
    assert link is not None and link.has_attr("download")
    # `make build` ships the zip next to the site: tests/test_ci.py runs that recipe.
