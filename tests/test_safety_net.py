"""The safety net: the "Get help now" boxes (includes/get-help/) that say where to go and how
fast when a symptom may be serious.

- every condition page carries its own box and the crisis box;
- every warning sign in every box names a route (999, A&E, eye casualty, 111, a GP, a
  helpline...), itself or in the line that leads its list;
- /urgent-symptoms/ includes every box (each snippet once, never a copy), and every page
  links to it from the banner above the header;
- on a phone, each condition page's box starts within the first two screens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, Site, wait_for_theme
from toolbox.urls import url_of_source

SNIPPETS = ROOT / "includes" / "get-help"
URGENT_PAGE = ROOT / "docs" / "urgent-symptoms.md"
CONDITIONS = sorted(path for path in (ROOT / "docs" / "conditions").glob("*.md") if path.name != "index.md")

# The box each condition page must carry first (the one for its symptoms); every condition
# page also carries crisis.md.
CONDITION_BOX = {
    "cancer-pain.md": "cancer.md",
    "chronic-primary-pain.md": "general.md",
    "chronic-prostatitis.md": "prostatitis.md",
    "fibromyalgia.md": "general.md",
    "headache-and-migraine.md": "headache.md",
    "jaw-pain.md": "jaw.md",
    "low-back-pain.md": "back-pain.md",
    "neck-pain.md": "neck.md",
    "neuropathic-pain.md": "numb-feet.md",
    "osteoarthritis.md": "general.md",
    "shoulder-pain.md": "shoulder.md",
}
CRISIS_BOX = "crisis.md"

# Words that name where to go: emergency numbers, services and the people to call. A
# crisis line's phone number counts as its route.
ROUTE = re.compile(
    r"\b(?:999|911|112|000|111|A&E|GP|eye casualty|emergency room|helpline|urgent care|midwife|maternity unit"
    r"|dentist|foot protection team|cancer team)\b"
    r"|\b\d{2,4}(?:[ -]\d{1,4})+\b|\b\d{3,}\b",
)
INCLUDE = re.compile(r'^--8<--\s+"get-help/([^"]+)"', re.MULTILINE)

# On a phone, each condition page's first box starts within two screens, with room for its
# title and first line before the end of the second. iPhone SE (2nd and 3rd generation)
# size: a smaller screen than the other phone tests use.
SMALL_PHONE = {"width": 375, "height": 667}
SCREENS = 2
TITLE_ROOM = 96  # px: the box's title bar and its first line of text


def box_title(snippet: str) -> str:
    return re.search(r'^!!! get-help "(.+)"', (SNIPPETS / snippet).read_text(encoding="utf-8"), re.MULTILINE).group(1)


def unrouted_signs(snippet_text: str) -> list[str]:
    """Every list item in a box that names no route, itself or in the paragraph that leads
    its list; and every bold lead paragraph that names none."""
    body = "\n".join(line.removeprefix("    ") for line in snippet_text.splitlines()[1:])
    blocks = [block.strip() for block in re.split(r"\n\s*\n", body) if block.strip()]
    problems, lead = [], ""
    for block in blocks:
        lines = block.splitlines()
        if all(line.startswith("- ") for line in lines):
            problems += [line for line in lines if not ROUTE.search(line) and not ROUTE.search(lead)]
        else:
            lead = block
            if block.startswith("**") and not ROUTE.search(block):
                problems.append(block)
    return problems


def missing_from_page(page_text: str, snippets: list[str]) -> list[str]:
    """Snippets the page does not include."""
    included = INCLUDE.findall(page_text)
    return [name for name in snippets if name not in included]


def article(site: Site, source: Path) -> BeautifulSoup:
    built = site.root / url_of_source(ROOT / "docs", source).lstrip("/") / "index.html"
    return BeautifulSoup(built.read_text(encoding="utf-8"), "lxml").select_one("article")


def snippet_names() -> list[str]:
    return sorted(path.name for path in SNIPPETS.glob("*.md"))


# Every box names a route ---------------------------------------------------------------------


@pytest.mark.parametrize("snippet", snippet_names())
def test_every_warning_sign_names_where_to_go(snippet: str) -> None:
    problems = unrouted_signs((SNIPPETS / snippet).read_text(encoding="utf-8"))
    assert not problems, f"includes/get-help/{snippet}: warning signs with no route (999, A&E, 111, GP, helpline...):\n" + "\n".join(problems)


def test_route_check_finds_a_sign_without_a_route() -> None:
    """The check itself: a list led by a line that names no route is reported item by item,
    a bold lead without a route too; an item that names its own route is not."""
    box = (
        '!!! get-help "Get help now: test"\n\n'
        "    **Get help** if you have:\n\n"
        "    - a sore toe\n"
        "    - a sore toe and you cannot walk: go to A&E\n\n"
        "    **Call 999 now** if:\n\n"
        "    - your foot turns blue\n"
    )
    assert unrouted_signs(box) == ["**Get help** if you have:", "- a sore toe"]


# Every condition page carries its box, high up ----------------------------------------------


def test_every_condition_page_has_an_expected_box() -> None:
    """A new condition page must be given its box here (and on the page)."""
    assert sorted(path.name for path in CONDITIONS) == sorted(CONDITION_BOX)


@pytest.mark.parametrize("source", CONDITIONS, ids=lambda path: path.stem)
def test_every_condition_page_carries_its_get_help_box_and_the_crisis_box(site: Site, source: Path) -> None:
    titles = [box.select_one(".admonition-title").get_text(strip=True) for box in article(site, source).select(".admonition.get-help")]
    expected = box_title(CONDITION_BOX[source.name])
    assert titles, f"{source.name}: no 'Get help now' box"
    assert titles[0] == expected, f"{source.name}: the first box is {titles[0]!r}, expected {expected!r}"
    assert box_title(CRISIS_BOX) in titles, f"{source.name}: no crisis box"


# One page gathers every box ------------------------------------------------------------------


def test_urgent_symptoms_page_includes_every_get_help_box() -> None:
    missing = missing_from_page(URGENT_PAGE.read_text(encoding="utf-8"), snippet_names())
    assert not missing, f"docs/urgent-symptoms.md does not include: {missing}"


def test_urgent_symptoms_page_shows_every_box_once(site: Site) -> None:
    titles = [box.select_one(".admonition-title").get_text(strip=True) for box in article(site, URGENT_PAGE).select(".admonition.get-help")]
    assert sorted(titles) == sorted(box_title(name) for name in snippet_names())


def test_include_check_finds_a_snippet_left_out() -> None:
    page = '# Urgent\n\n--8<-- "get-help/general.md"\n'
    assert missing_from_page(page, ["general.md", "new-box.md"]) == ["new-box.md"]


def test_every_page_links_to_the_urgent_symptoms_page(site: Site) -> None:
    """The banner above the header, on every page and the 404 page (shown at any depth, so
    its link starts from the site root)."""
    target = (site.root / "urgent-symptoms").resolve()
    wrong = []
    for page in site.pages():
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("aside.md-banner .urgent-banner a[href]")
        href = link["href"] if link else None
        resolved = (site.root / href.lstrip("/")) if href and href.startswith("/") else (page.parent / href if href else None)
        if resolved is None or resolved.resolve() != target:
            wrong.append(f"{site.url_of(page)}: {href}")
    assert not wrong, "pages without a working link to /urgent-symptoms/:\n" + "\n".join(wrong)


# The crisis lines are written once, in the crisis box -----------------------------------------

# Numbers that belong to the crisis lines only: a page that gives one outside the crisis box
# holds a copy that the box's next correction would miss.
CRISIS_NUMBERS = re.compile(r"116 123|85258|0808 808 8000|0800 83 85 87|13 11 14")


def crisis_lines_outside_the_box(page: BeautifulSoup, box: str) -> list[str]:
    copies = []
    for text in page.find_all(string=CRISIS_NUMBERS):
        holder = next((parent for parent in text.parents if "get-help" in (parent.get("class") or [])), None)
        title = holder.select_one(".admonition-title").get_text(strip=True) if holder else None
        if title != box:
            copies.append(" ".join(text.parent.get_text(" ").split())[:120])
    return copies


def test_crisis_check_finds_a_copied_crisis_line() -> None:
    box = box_title(CRISIS_BOX)
    page = BeautifulSoup(
        f'<article><div class="admonition get-help"><p class="admonition-title">{box}</p><p>Samaritans, 116 123</p></div>'
        "<ul><li>UK: call Samaritans free on 116 123</li></ul></article>",
        "lxml",
    )
    assert crisis_lines_outside_the_box(page, box) == ["UK: call Samaritans free on 116 123"]


def test_crisis_lines_appear_only_in_the_crisis_box(site: Site) -> None:
    box = box_title(CRISIS_BOX)
    copies = []
    for page in site.pages():
        content = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article")
        if content is None:
            continue
        for source_list in content.select("ol.sources, ol.references"):  # titles of cited pages
            source_list.decompose()
        copies += [f"{site.url_of(page)}: {copy}" for copy in crisis_lines_outside_the_box(content, box)]
    assert not copies, f"crisis lines written outside includes/get-help/{CRISIS_BOX} (include the box instead):\n" + "\n".join(copies)


# On a phone, the box is within the first two screens ----------------------------------------

FIRST_BOX_TOP = "() => document.querySelector('article .admonition.get-help').getBoundingClientRect().top + scrollY"


@pytest.fixture(scope="module")
def small_phone(new_shared_page: Callable[..., object]) -> object:
    return new_shared_page(**SMALL_PHONE)


@pytest.mark.parametrize("source", CONDITIONS, ids=lambda path: path.stem)
def test_get_help_box_starts_within_two_phone_screens(small_phone: object, server: str, source: Path) -> None:
    small_phone.goto(server + url_of_source(ROOT / "docs", source), wait_until="load")
    wait_for_theme(small_phone)
    top = small_phone.evaluate(FIRST_BOX_TOP)
    limit = SCREENS * SMALL_PHONE["height"] - TITLE_ROOM
    assert top <= limit, f"{source.name}: the 'Get help now' box starts at {top:.0f} px, below {limit} px (two screens of 375 x 667 less its title)"
