"""A condition page a tired reader can finish, in headless Chromium: it prints as a short
summary on at most two sheets; its sources stay collapsed until a citation leads into them;
the focus ring is wide and stands out in both schemes; Tab from the skip link reaches the
article; citation numbers are big enough to tap; tables are cards no wider than a 320 px
screen; the phone header's site name fits. (Each page's length in phone screens is a
benchmark figure: `python -m bench.screens`.)"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from acp.shared_names import PRINT_WITH_SOURCES, SOURCE_LIST_CLASS
from tests.conftest import ROOT, wait_for_theme

CONDITION_PAGES = sorted(
    "/" + yaml.safe_load(path.read_text(encoding="utf-8"))["page"].removesuffix(".md") + "/" for path in (ROOT / "data/evidence").glob("*.yml")
)
MAX_SHEETS = 2
# Pages with a table of their own (Markdown tables, or the evidence table and chart).
TABLE_PAGES = sorted(
    "/" + str(path.relative_to(ROOT / "docs").with_suffix("")).removesuffix("index") + ("" if path.stem == "index" else "/")
    for path in (ROOT / "docs").rglob("*.md")
    if any(line.startswith(("|---", "| ---")) for line in path.read_text(encoding="utf-8").splitlines())
    or "[[evidence-table]]" in path.read_text(encoding="utf-8")
)


@pytest.fixture
def open_page(browser: object) -> Iterator[object]:
    """`open_page(url, width=375, scheme="light")`: a fresh page, loaded and started."""
    contexts = []

    def opened(url: str, width: int = 375, scheme: str = "light") -> object:
        context = browser.new_context(viewport={"width": width, "height": 667}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        wait_for_theme(page)
        return page

    yield opened
    for context in contexts:
        context.close()


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
        # No blank first page: the answer starts on it.
        assert "Key points" in text[0] and "Evidence at a glance" in text[0], f"{path}: first {paper} sheet: {text[0][:300]}"
        whole = " ".join(text)
        assert "Questions to ask" in whole and "Page last reviewed" in whole
        assert "acupuncture-chronic-pain.github.io" + path in whole.replace(" ", ""), "no page address printed"
        assert not has_help_box or "Get help now" in whole, f"{path}: warning signs not printed"
        for left_out in ("Show the", "For clinicians", "Entry in the full reference list", "Print the whole page"):
            assert left_out not in whole, f"{path}: {left_out!r} printed in the summary"


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


def test_evidence_box_speaks_plainly_and_clinicians_get_the_figures(open_page: object, server: str) -> None:
    page = open_page(server + "/conditions/osteoarthritis/")
    box = page.inner_text(".admonition.evidence")
    assert "standard deviation" not in box and "0.16" not in box
    assert "out of 100" in box
    assert not page.is_visible("#for-clinicians ~ details.clinicians li"), "the clinicians' figures are not collapsed"
    page.click("#for-clinicians ~ details.clinicians > summary")
    assert "Standardised mean difference: 0.16" in page.inner_text("details.clinicians")


# Keyboard and focus ----------------------------------------------------------------------------------------

# The focused element's ring, and the colour behind it (the nearest background that is not see-through).
FOCUS_RING = """() => {
  const element = document.activeElement;
  document.getAnimations().forEach(animation => animation.finish());
  const style = getComputedStyle(element);
  const layers = [];  // backgrounds from the parent outwards, up to the first opaque one
  for (let behind = element.parentElement; behind; behind = behind.parentElement) {
    const colour = getComputedStyle(behind).backgroundColor;
    layers.push(colour);
    if (colour.startsWith('rgb(')) break;
  }
  return {html: element.outerHTML.slice(0, 100), parents: layers.length, name: (element.getAttribute('aria-label') || element.textContent).trim().slice(0, 40), tag: element.tagName,
          header: element.classList.contains('headerlink'), width: parseFloat(style.outlineWidth),
          outline: style.outlineStyle, colour: style.outlineColor, behind: layers};
}"""


def channels(css: str) -> list[float]:
    """rgb()/rgba() as [red, green, blue, alpha], each 0 to 1."""
    parts = [float(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")]
    return [part / 255 for part in parts[:3]] + [parts[3] if len(parts) > 3 else 1.0]


def composite(layers: list[str]) -> str:
    """The colour seen through see-through backgrounds (innermost first), over white at the end."""
    seen = [1.0, 1.0, 1.0]
    for layer in reversed(layers):
        *colour, alpha = channels(layer)
        seen = [alpha * top + (1 - alpha) * under for top, under in zip(colour, seen)]
    return "rgb(" + ", ".join(str(round(value * 255)) for value in seen) + ")"


def luminance(css: str) -> float:
    red, green, blue, _ = channels(css)
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_focus_ring_is_at_least_2px_with_3_to_1_contrast(open_page: object, server: str, scheme: str, width: int) -> None:
    page = open_page(server + "/conditions/low-back-pain/", width=width, scheme=scheme)
    problems, stops = [], 0
    for _ in range(40):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["tag"] == "BODY":
            break
        stops += 1
        if ring["header"]:
            problems.append(f"{ring['name']!r}: a section link ¶ takes focus")
        if ring["outline"] == "none" or ring["width"] < 2:
            problems.append(f"{ring['name']!r}: ring {ring['width']} px {ring['outline']}")
        elif contrast(ring["colour"], behind := composite(ring["behind"])) < 3:
            problems.append(f"{ring['name']!r}: ring {ring['colour']} on {behind}: {contrast(ring['colour'], behind):.2f}:1")
    assert stops >= 20, f"only {stops} Tab stops"
    assert not problems, "\n".join(problems)


def test_tab_from_the_skip_link_reaches_the_article_first(open_page: object, server: str) -> None:
    page = open_page(server + "/safety/", width=1280)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.md-skip')"), "the first Tab stop is not the skip link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    where = page.evaluate("[!!document.activeElement.closest('article'), document.activeElement.matches('.headerlink'), document.activeElement.outerHTML.slice(0, 120)]")
    assert where[0] and not where[1], f"after the skip link, Tab went to {where[2]}"


def test_citation_numbers_are_at_least_24px_targets(open_page: object, server: str) -> None:
    page = open_page(server + "/conditions/low-back-pain/")
    sizes = page.evaluate("[...document.querySelectorAll('sup.cite a')].map(a => { const box = a.getBoundingClientRect(); return [a.id, box.width, box.height]; })")
    assert sizes, "no citations found"
    shown = [(name, width, height) for name, width, height in sizes if width or height]  # not in a closed section
    assert len(shown) >= 10, f"only {len(shown)} citations shown"
    small = [f"{name}: {width:.1f} x {height:.1f}" for name, width, height in shown if width < 24 or height < 24]
    assert not small, "citation targets under 24 x 24 px: " + ", ".join(small[:10])


# Small screens ------------------------------------------------------------------------------------------------

# Every table, row and cell, and whether it is wider than the window or pokes out of it.
TABLE_BOXES = """() => [...document.querySelectorAll('article table')].flatMap((table, index) =>
  [table, ...table.querySelectorAll('tr, td')].map(node => {
    const box = node.getBoundingClientRect();
    return {table: index + 1, tag: node.tagName, right: box.right, left: box.left, display: getComputedStyle(node).display,
            label: node.tagName !== 'TD' || !!node.dataset.label};
  }))"""


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


def test_phone_header_shows_a_short_site_name_that_fits(open_page: object, server: str) -> None:
    page = open_page(server + "/conditions/", width=320)
    topic = ".md-header__topic:first-child .md-ellipsis"
    shown = page.evaluate(f"getComputedStyle(document.querySelector('{topic}'), '::before').content")
    assert "Acupuncture & Pain" in shown
    box = page.evaluate(f"(() => {{ const e = document.querySelector('{topic}'); return [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]; }})()")
    assert box[0] <= box[1] and box[2] <= box[3], f"site name cut: {box}"
    # Screen readers still hear the full name.
    assert page.evaluate(f"document.querySelector('{topic}').textContent.trim()") == "Acupuncture & Chronic Pain"


def test_section_links_are_out_of_the_tab_order(site: object) -> None:
    pages = [page for page in Path(site.root).rglob("*.html") if 'class="headerlink"' in page.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('class="headerlink"') == html.count('tabindex="-1">&para;</a>'), page
