"""Keyboard and finger, in headless Chromium: the focus ring is at least 2 px wide with 3:1
contrast against what is behind it in both schemes (WCAG 2.4.13), the ¶ section links are out
of the Tab order, Tab from the skip link reaches the article first, citation numbers are
targets of at least 24 x 24 px (WCAG 2.5.8), and the phone header's site name fits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Site, wait_for_theme
from toolbox.page_scripts import page_script


@pytest.fixture
def open_page(new_page: Callable[..., object]) -> Callable[..., object]:
    """`open_page(url, width=375, scheme="light")`: a fresh page, loaded and started."""

    def opened(url: str, width: int = 375, scheme: str = "light") -> object:
        page = new_page(width=width, height=667, scheme=scheme)
        page.goto(url, wait_until="networkidle")
        wait_for_theme(page)
        return page

    return opened


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


def test_contrast_arithmetic() -> None:
    """Guards the ring test's own measure: black on white is 21:1, and a see-through layer counts."""
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert composite(["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"]) == "rgb(255, 255, 255)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_focus_ring_is_at_least_2px_with_3_to_1_contrast(open_page: object, server: str, scheme: str, width: int) -> None:
    page = open_page(server + "/conditions/low-back-pain/", width=width, scheme=scheme)
    problems, stops = [], 0
    for _ in range(40):
        page.keyboard.press("Tab")
        # The theme reacts to focus in its own time (focus on the search box opens the search,
        # which changes what is behind the ring): measure once two frames have been drawn.
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        ring = page.evaluate(page_script("focus_ring"))
        if ring["tag"] == "BODY":
            break
        stops += 1
        if ring["header"]:
            problems.append(f"{ring['name']!r}: a section link ¶ takes focus")
        if ring["outline"] == "none" or ring["width"] < 2:
            problems.append(f"{ring['name']!r}: ring {ring['width']} px {ring['outline']}")
        elif contrast(ring["colour"], behind := composite(ring["behind"])) < 3:
            problems.append(f"{ring['name']!r}: ring {ring['colour']} on {behind}: {contrast(ring['colour'], behind):.2f}:1")
    assert stops >= 20, f"only {stops} Tab stops"  # a walk that stopped early would pass vacuously
    assert not problems, "\n".join(problems)


def test_tab_from_the_skip_link_reaches_the_article_first(open_page: object, server: str) -> None:
    page = open_page(server + "/safety/", width=1280)
    for _ in range(3):  # the skip link comes first, after at most the banner's link to urgent symptoms
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-skip')"):
            break
    assert page.evaluate("document.activeElement.matches('.md-skip')"), "no skip link in the first Tab stops"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    where = page.evaluate("[!!document.activeElement.closest('article'), document.activeElement.outerHTML.slice(0, 120)]")
    assert where[0], f"after the skip link, Tab went to {where[1]}"


def test_citation_numbers_are_at_least_24px_targets(open_page: object, server: str) -> None:
    page = open_page(server + "/conditions/low-back-pain/")
    sizes = page.evaluate("[...document.querySelectorAll('sup.cite a')].map(a => { const box = a.getBoundingClientRect(); return [a.id, box.width, box.height]; })")
    shown = [(name, width, height) for name, width, height in sizes if width or height]
    assert len(shown) >= 10, f"only {len(shown)} citations shown"
    small = [f"{name}: {width:.1f} x {height:.1f}" for name, width, height in shown if width < 24 or height < 24]
    assert not small, "citation targets under 24 x 24 px: " + ", ".join(small[:10])


def test_phone_header_shows_a_short_site_name_that_fits(open_page: object, server: str) -> None:
    page = open_page(server + "/conditions/", width=320)
    topic = ".md-header__topic:first-child .md-ellipsis"
    shown = page.evaluate(f"getComputedStyle(document.querySelector('{topic}'), '::before').content")
    assert "Acupuncture & Pain" in shown
    box = page.evaluate(f"(() => {{ const e = document.querySelector('{topic}'); return [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]; }})()")
    assert box[0] <= box[1] and box[2] <= box[3], f"site name cut: {box}"
    # Screen readers still hear the full name.
    assert page.evaluate(f"document.querySelector('{topic}').textContent.trim()") == "Acupuncture & Chronic Pain"


def test_section_links_are_out_of_the_tab_order(site: Site) -> None:
    pages = [page for page in Path(site.root).rglob("*.html") if 'class="headerlink"' in page.read_text(encoding="utf-8")]
    assert len(pages) >= 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('class="headerlink"') == html.count('tabindex="-1">&para;</a>'), page
