"""A condition page a tired reader can finish, in headless Chromium: it prints as a short
summary on at most two sheets; its sources stay collapsed until a citation leads into them;
tables are cards no wider than a 320 px screen. (Focus ring, skip link, citation targets and
the phone header: tests/test_focus_and_targets.py.) (Each page's length in phone screens is a
benchmark figure: `python -m bench.screens`.)"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
import yaml
from pypdf import PdfReader

from acp.shared_names import PRINT_WITH_SOURCES, SOURCE_LIST_CLASS
from tests.conftest import ROOT, wait_for_theme
from toolbox.page_scripts import page_script

CONDITION_PAGES = sorted(
    "/" + yaml.safe_load(path.read_text(encoding="utf-8"))["page"].removesuffix(".md") + "/" for path in (ROOT / "data/evidence").glob("*.yml")
)
MAX_SHEETS = 2
CITATION_NUMBERS = re.compile(r"\[\s*\d+(?:\s*,\s*\d+)*\s*\]")  # as a citation prints: [ 1 ] or [1, 26, 2]
# Pages with a table of their own (Markdown tables, or the evidence table and chart).
TABLE_PAGES = sorted(
    "/" + str(path.relative_to(ROOT / "docs").with_suffix("")).removesuffix("index") + ("" if path.stem == "index" else "/")
    for path in (ROOT / "docs").rglob("*.md")
    if any(line.startswith(("|---", "| ---")) for line in path.read_text(encoding="utf-8").splitlines())
    or "[[evidence-table]]" in path.read_text(encoding="utf-8")
)


@pytest.fixture
def open_page(new_page: Callable[..., object]) -> Callable[..., object]:
    """`open_page(url, width=375, scheme="light")`: a fresh page, loaded and started."""

    def opened(url: str, width: int = 375, scheme: str = "light") -> object:
        page = new_page(width=width, height=667, scheme=scheme)
        page.goto(url, wait_until="networkidle")
        wait_for_theme(page)
        return page

    return opened


def pdf_text(page: object, paper: str) -> tuple[int, list[str]]:
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    return len(pdf.pages), [" ".join((sheet.extract_text() or "").split()) for sheet in pdf.pages]


# Print ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONDITION_PAGES)
def test_condition_page_prints_as_a_short_summary(open_page: object, server: str, path: str) -> None:
    page = open_page(server + path, width=1280)
    has_help_box = page.evaluate("!!document.querySelector('article .get-help')")
    for paper in ("A4", "Letter"):
        sheets, text = pdf_text(page, paper)
        assert sheets <= MAX_SHEETS, f"{path} prints on {sheets} {paper} sheets"
        # No blank first page: the key points start on it, and the warning signs, which come
        # right after them on the page.
        assert "Key points" in text[0], f"{path}: first {paper} sheet: {text[0][:300]}"
        assert not has_help_box or "Get help now" in text[0], f"{path}: warning signs not on the first {paper} sheet"
        whole = " ".join(text)
        assert "Evidence at a glance" in whole, f"{path}: the answer not printed"
        assert "Questions to ask" in whole and "Page last reviewed" in whole
        assert "acupuncture-chronic-pain.github.io" + path in whole.replace(" ", ""), "no page address printed"
        assert not has_help_box or "Get help now" in whole, f"{path}: warning signs not printed"
        for left_out in ("Show the", "For clinicians", "Entry in the full reference list", "Print the whole page"):
            assert left_out not in whole, f"{path}: {left_out!r} printed in the summary"
        cited = CITATION_NUMBERS.search(whole)
        assert not cited, f"{path}: citation number {cited.group(0)!r} printed without the sources it points to"


def test_print_with_sources_prints_the_whole_page_and_its_sources(open_page: object, server: str) -> None:
    page = open_page(server + "/conditions/low-back-pain/", width=1280)
    page.evaluate("window.print = () => { window.printed = true; }")  # headless Chromium has no dialog
    page.click(f"[{PRINT_WITH_SOURCES}]")
    assert page.evaluate("window.printed"), "the button did not print"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    sheets, text = pdf_text(page, "A4")
    whole = " ".join(text)
    assert sheets > MAX_SHEETS and "Sources" in whole and "doi:10.1002/14651858.CD013814" in whole.replace(" ", ""), whole[-500:]
    assert "What the research found" in whole
    assert CITATION_NUMBERS.search(whole), "the citation numbers were left out with the sources printed"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    sheets, _ = pdf_text(page, "A4")
    assert sheets <= MAX_SHEETS, "after printing with sources, Print still printed them"


# Sources ----------------------------------------------------------------------------------------


IN_VIEW = "id => { const box = document.getElementById(id).getBoundingClientRect(); return box.height > 0 && box.top >= 0 && box.top < innerHeight; }"


def test_sources_are_collapsed_and_open_when_a_citation_is_followed(open_page: object, server: str) -> None:
    page = open_page(server + "/conditions/low-back-pain/")
    sources = f"details.{SOURCE_LIST_CLASS}"
    assert page.evaluate(f"!document.querySelector('{sources}').open"), "the source list is open on screen"
    assert not page.is_visible("#source-1")
    # The theme draws its details with an icon before the summary (--md-details-icon and summary::before).
    assert "svg" in page.evaluate(f"getComputedStyle(document.querySelector('{sources} > summary'), '::before').maskImage")
    page.click("sup.cite a[href='#source-1']")
    assert page.evaluate(f"document.querySelector('{sources}').open")
    page.wait_for_function(IN_VIEW, arg="source-1")
    # The source's back link leads to the citation again.
    page.click("#source-1 .cite-back >> nth=0")
    page.wait_for_function(IN_VIEW, arg="cite-1-1")
    # An address with a source's #fragment opens the list at it.
    # Chromium opens a closed section for a fragment by itself; site.js does it for browsers that
    # do not, shown here with a #fragment change the browser does not act on.
    page = open_page(server + "/conditions/low-back-pain/")
    page.evaluate("history.replaceState(null, '', '#source-4'); window.dispatchEvent(new HashChangeEvent('hashchange'))")
    page.wait_for_function(IN_VIEW, arg="source-4")
    page = open_page(server + "/conditions/low-back-pain/#source-3")
    page.wait_for_function(IN_VIEW, arg="source-3")
    # So does an address of a section inside a collapsed part of the page.
    page = open_page(server + "/conditions/low-back-pain/#vs-sham")
    page.wait_for_function(IN_VIEW, arg="vs-sham")


def test_a_link_to_a_section_heading_opens_the_section(open_page: object, server: str) -> None:
    """A section's heading stays in view with its body collapsed under it: a reader who follows
    a link to the heading (an address, 'On this page') must see the section, not a closed box."""
    section = "#option-grid + details.section-details"
    page = open_page(server + "/conditions/low-back-pain/")
    assert page.evaluate(f"!document.querySelector('{section}').open"), "the section is open before any link is followed"
    page.click(".on-this-page a[href='#option-grid']")
    assert page.evaluate(f"document.querySelector('{section}').open"), "'On this page' left the section closed"
    page = open_page(server + "/conditions/low-back-pain/#option-grid")
    assert page.evaluate(f"document.querySelector('{section}').open"), "the address left the section closed"
    page.wait_for_selector(f"{section} .option-grid", state="visible")


def test_evidence_box_speaks_plainly_and_clinicians_get_the_figures(open_page: object, server: str) -> None:
    page = open_page(server + "/conditions/osteoarthritis/")
    box = page.inner_text(".admonition.evidence")
    assert "standard deviation" not in box and "0.16" not in box
    assert "out of 100" in box
    assert not page.is_visible("#for-clinicians ~ details.clinicians li"), "the clinicians' figures are not collapsed"
    page.click("#for-clinicians ~ details.clinicians > summary")
    assert "Standardised mean difference: 0.16" in page.inner_text("details.clinicians")


# Small screens ------------------------------------------------------------------------------------------------

# Every table, row and cell, and whether it is wider than the window or pokes out of it.
TABLE_BOXES = page_script("table_boxes")


def test_tables_are_cards_no_wider_than_a_320px_screen(open_page: object, server: str) -> None:
    assert "/conditions/" in TABLE_PAGES and len(TABLE_PAGES) >= 3, TABLE_PAGES
    for path in TABLE_PAGES:
        page = open_page(server + path, width=320)
        boxes = page.evaluate(TABLE_BOXES)
        width = page.evaluate("document.documentElement.clientWidth")
        assert boxes, f"{path}: no table"
        wide = [box for box in boxes if box["right"] > width + 0.5 or box["left"] < -0.5]
        assert not wide, f"{path}: wider than {width} px: {wide[:3]}"
        assert all(box["display"] == "block" for box in boxes), f"{path}: not shown as cards: {[box['display'] for box in boxes][:5]}"
        assert all(box["label"] for box in boxes), f"{path}: a cell without its column's heading"
    page = open_page(server + "/conditions/", width=1280)
    assert page.evaluate("getComputedStyle(document.querySelector('article table')).display") != "block", "cards at 1280 px"
