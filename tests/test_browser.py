"""In a real browser (headless Chromium driven by Playwright), on every page:
no accessibility violations (axe-core, WCAG 2.2 A/AA) in light and dark schemes at phone
and desktop widths, no sideways scrolling at 320 px (with and without JavaScript), no
request to another host, no console errors; section links scroll to their heading; the
search box finds pages; the theme's scripts start once, after the first paint; switching
colours stops transitions as the theme intends; and each page's trimmed inline styles
compute the same as the theme's whole stylesheets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from acp.shared_names import PALETTE_SWITCHING
from tests.conftest import ROOT, copy_project, mkdocs_build, wait_for_theme
from tests.tools import AXE_JS
from toolbox import search
from toolbox.page_scripts import page_script
from toolbox.server import PagesServer
from toolbox.urls import source_urls

PAGES = source_urls(ROOT / "docs") + ["/404.html"]
WIDTHS = {"phone": (375, 740), "desktop": (1280, 800)}
SCHEMES = {"light": "default", "dark": "slate"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


SCHEME_SHOWN = "scheme => document.body.getAttribute('data-md-color-scheme') === scheme && !document.body.hasAttribute('data-md-color-switching')"
TRANSITIONS_ENDED = page_script("transitions_ended")


# Resolves once two frames are drawn, so transitions started by the last change are running.
FRAMES_DRAWN = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


class Visit:
    """A browser page for a group of visits with the same width, colour scheme and JavaScript
    setting: opening a new browser context for each visit cost about a second. Each visit
    loads its page afresh at the group's window size and records the requests to other
    hosts (the browser cannot resolve any: conftest's `browser`) and the console errors it
    caused. With `axe`, axe-core is in every page before the page's own scripts, so it is
    not injected (and compiled) again for each visit."""

    def __init__(
        self, new_page: Callable[..., object], width: int, height: int, scheme: str = "light", javascript: bool = True, axe: bool = False
    ) -> None:
        self.javascript = javascript
        self.size = {"width": width, "height": height}
        self.page = new_page(width=width, height=height, scheme=scheme, javascript=javascript, init_scripts=[AXE_JS] if axe else [])
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.context.on("request", lambda request: request.url.startswith(LOCAL) or self.outside.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(f"{message.text} ({message.location['url']})"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, url: str, scheme: str | None = None) -> object:
        """Load a page afresh (with the system's colour scheme set to `scheme`, if given);
        with JavaScript, wait until the theme's scripts have run and the transitions they
        started have ended (axe would see colours half-way). The search index is fetched only
        once a reader turns to search (assets/javascripts/loader.js)."""
        if scheme:
            self.page.emulate_media(color_scheme=scheme)
        if self.page.url.partition("#")[0] == url.partition("#")[0]:
            self.page.goto("about:blank")  # a full load even when only the #fragment differs
        if self.page.viewport_size != self.size:  # the phone visits end at 320 px
            self.page.set_viewport_size(self.size)
        self.outside.clear()
        self.errors.clear()
        response = self.page.goto(url, wait_until="load")
        if self.javascript:
            wait_for_theme(self.page)
            if scheme:
                # Wait for the scheme asked for, then two frames, so a colour change the theme
                # starts late is running before TRANSITIONS_ENDED collects it: under load, axe
                # once read a nav label's colour half-way (1 clean-clone run in about 10).
                self.page.wait_for_function(SCHEME_SHOWN, arg=SCHEMES[scheme], timeout=5_000)
            self.page.evaluate(FRAMES_DRAWN)
            self.page.evaluate(TRANSITIONS_ENDED)
        return response

    def switch_scheme(self, scheme: str) -> None:
        """Switch the system's colour scheme, as a reader's system does at dusk; wait until
        the theme has followed it and its transitions have ended."""
        self.page.emulate_media(color_scheme=scheme)
        try:
            self.page.wait_for_function(SCHEME_SHOWN, arg=SCHEMES[scheme], timeout=5_000)
        except PlaywrightTimeout:
            shown = self.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            pytest.fail(f"the page did not follow the system's switch to the {scheme} scheme: it shows {shown}")
        self.page.evaluate(TRANSITIONS_ENDED)


@pytest.fixture(scope="module")
def tab(new_shared_page: Callable[..., object]) -> Callable[..., Visit]:
    """The one Visit per group (width, height, scheme, JavaScript, axe), reused by its tests.
    Only for visits that leave nothing behind (no clicks, no stored settings)."""
    opened: dict[tuple[int, int, str, bool, bool], Visit] = {}

    def reuse(width: int, height: int, scheme: str = "light", javascript: bool = True, axe: bool = False) -> Visit:
        key = (width, height, scheme, javascript, axe)
        if key not in opened:
            opened[key] = Visit(new_shared_page, *key)
        return opened[key]

    return reuse


@pytest.fixture
def visit(new_page: Callable[..., object]) -> Callable[..., Visit]:
    """A Visit of its own, for a test that clicks or stores a setting."""

    def make(width: int, height: int, scheme: str = "light", javascript: bool = True) -> Visit:
        return Visit(new_page, width, height, scheme, javascript)

    return make


def axe_violations(page: object) -> list[str]:
    """Violations axe-core finds on the open page (a Visit made with axe=True)."""
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{item['id']} ({item['impact']}): {item['help']} at {node['target']}"
        for item in result["violations"]
        for node in item["nodes"]
    ]


# WCAG 1.4.10 (reflow): at 320 px, the width of a 1280 px screen zoomed to 400 %, nothing
# may need scrolling sideways.
REFLOW = {"width": 320, "height": 640}
WIDTHS_NOW = "[document.documentElement.scrollWidth, window.innerWidth]"


def sideways_overflow(page: object, after_resize: bool = False) -> str | None:
    """None when the page fits its window; else what overflows, for the failure message."""
    # After a resize, measured in the next frame: the theme's resize handlers have run by then.
    # (Only with JavaScript on: without it, a page's frame callbacks never run.)
    script = f"() => new Promise(done => requestAnimationFrame(() => done({WIDTHS_NOW})))" if after_resize else WIDTHS_NOW
    scroll, window = page.evaluate(script)
    return None if scroll <= window else f"page is {scroll} px wide in a {window} px window"


# Each page loads once per width, in one colour scheme, and then follows the system's switch
# to the other, as the theme does for a reader whose system switches. Pages alternate the
# scheme they load in, and each loads in light at one width and in dark at the other, so
# fresh loads in both schemes are still checked. When this replaced a fresh load per scheme,
# the switched page gave the same axe results as a fresh load in that scheme (every rule,
# node and measured contrast) and the same computed style on every element, on all 33 pages
# at both widths; it saves one page load in two.
AXE_VISITS = [
    (path, list(SCHEMES)[(index + 1 + (width == "desktop")) % 2], width) for index, path in enumerate(PAGES) for width in WIDTHS
]


def problems_in_view(view: Visit, server: str, path: str, scheme: str) -> list[str]:
    """What axe, the outside-request record and the console show since the last look."""
    problems = [f"axe found: {violation}" for violation in axe_violations(view.page)]
    if view.outside:
        problems.append(f"requests left 127.0.0.1: {view.outside}")
    # GitHub Pages serves the 404 page with status 404, which Chromium logs for the page itself.
    own_status = f"Failed to load resource: the server responded with a status of 404 (Not Found) ({server}{path})"
    errors = [error for error in view.errors if not (path == "/404.html" and error == own_status)]
    if errors:
        problems.append(f"console errors: {errors}")
    view.outside.clear()
    view.errors.clear()
    return [f"{scheme} scheme: {problem}" for problem in problems]


# WCAG 2.5.8 (target size): the site makes its navigation links at least 24 px tall
# (docs/stylesheets/extra.css). axe passes smaller targets that are spaced apart, so the
# visits measure them: (how many links are shown, those shorter than 24 px).
MIN_TARGET_PX = 24
SHORT_NAVIGATION_LINKS = page_script("short_navigation_links")


# On a phone the option grid (acp/extensions/decision_aid.py) stacks each question's answers
# under it: a cell that stays beside another, or reaches past the window, is cut off or squeezed.
GRID_CELLS_NOT_STACKED = page_script("grid_cells_not_stacked")


@pytest.mark.parametrize(("path", "loaded_in", "width"), AXE_VISITS)
def test_page_is_accessible_and_self_contained(tab: Callable[..., Visit], server: str, path: str, loaded_in: str, width: str) -> None:
    """In both colour schemes, the page loaded in `loaded_in` and then switched to the other:
    axe finds nothing, no request leaves the machine and the console stays clean; navigation
    links are at least 24 px tall. At phone width the same visit then narrows the window to
    320 px, as zooming to 400 % does, and nothing may scroll sideways, in either scheme (the
    check without JavaScript is below)."""
    view = tab(*WIDTHS[width], axe=True)
    response = view.open(server + path, scheme=loaded_in)
    assert response.status == (404 if path == "/404.html" else 200)  # as GitHub Pages answers
    shown = view.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[loaded_in], f"loaded in the {loaded_in} scheme, the page shows {shown}"
    switched_to = next(scheme for scheme in SCHEMES if scheme != loaded_in)
    problems = problems_in_view(view, server, path, loaded_in)
    links_shown, short = view.page.evaluate(SHORT_NAVIGATION_LINKS, MIN_TARGET_PX)
    assert links_shown, "no navigation links shown: the target-size check would prove nothing"
    problems += [f"navigation link {name!r} is {height:.0f} px tall, under {MIN_TARGET_PX} px" for name, height in short]
    view.switch_scheme(switched_to)
    problems += problems_in_view(view, server, path, switched_to)
    if width == "phone":
        view.page.set_viewport_size(REFLOW)
        for scheme in (switched_to, loaded_in):
            if scheme == loaded_in:
                view.switch_scheme(scheme)
            overflow = sideways_overflow(view.page, after_resize=True)
            if overflow:
                problems.append(f"{scheme} scheme: at 320 px with JavaScript: {overflow}")
            problems += [f"{scheme} scheme: at 320 px the option grid's cell {cell!r} is not stacked" for cell in view.page.evaluate(GRID_CELLS_NOT_STACKED)]
    assert not problems, f"{path} at {width} width:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_320px_without_javascript(tab: Callable[..., Visit], server: str, path: str) -> None:
    view = tab(REFLOW["width"], REFLOW["height"], javascript=False)
    view.open(server + path)
    overflow = sideways_overflow(view.page)
    assert not overflow, f"at 320 px without JavaScript: {overflow}"


def test_theme_scripts_load_after_the_page_and_start_once(visit: Callable[..., Visit], server: str) -> None:
    """The theme's scripts are placeholders in the HTML, loaded by assets/javascripts/loader.js after
    the first paint; the theme must still start exactly once (a table wrapped twice, or
    two search workers, would show it starting again)."""
    view = visit(375, 740)
    view.open(server + "/research/")
    html = view.page.evaluate("fetch(location.href).then(response => response.text())")
    blocking = [tag for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html) if not re.search(r"\s(?:defer|async)\b", tag)]
    assert not blocking, f"scripts that still block the parser: {blocking}"
    loads, tables, wrapped, nested = view.page.evaluate(page_script("theme_start_counts"))
    assert loads == 1, f"the theme's bundle loaded {loads} times"
    assert tables and wrapped == tables and not nested, f"{tables} tables, {wrapped} scroll wrappers, {nested} nested"
    # The search worker starts on the reader's first turn to search (assets/javascripts/loader.js).
    view.page.keyboard.press("s")  # the theme's shortcut: opens search, on a phone too
    view.page.wait_for_function(search.READY, timeout=15_000)
    workers = view.page.evaluate("performance.getEntriesByType('resource').filter(entry => entry.name.includes('/workers/search')).length")
    assert workers == 1, f"{workers} search workers started"


def test_switching_colours_still_stops_transitions(visit: Callable[..., Visit], server: str) -> None:
    """The theme's "no transitions while colours switch" rule is held back until the reader
    first switches colours (acp/inline_css.py, assets/javascripts/loader.js). It must be on by the
    time the theme marks the page as switching, or links would fade from one colour to the other."""
    view = visit(1280, 800)
    view.open(server + "/")
    link = "getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration"
    held_back, duration = view.page.evaluate(f"[document.querySelector('style[{PALETTE_SWITCHING}]').media, {link}]")
    assert held_back == "not all", "the switching rule applies before any switch"
    assert duration != "0s", "links have no transition to stop: the check below would prove nothing"
    view.page.evaluate(page_script("watch_colour_switch"))
    view.page.evaluate("document.querySelector('form[data-md-component=palette] label:not([hidden])').click()")
    while_switching = view.page.evaluate("window.linkTransitionWhileSwitching")
    assert while_switching == "0s", f"links still fade ({while_switching}) while the colours switch"


def first_section(path: str) -> str:
    links = [line for line in (Path(__file__).parent / "published_anchors.txt").read_text().splitlines() if line.startswith(path + "#")]
    return links[len(links) // 2].partition("#")[2] if links else ""


@pytest.mark.parametrize("path", [path for path in source_urls(ROOT / "docs") if first_section(path)])
def test_section_link_scrolls_heading_into_view(tab: Callable[..., Visit], server: str, path: str) -> None:
    view = tab(375, 740)
    anchor = first_section(path)
    view.open(f"{server}{path}#{anchor}")
    top, height, scrolled = view.page.evaluate(
        "id => [document.getElementById(id).getBoundingClientRect().top, window.innerHeight, window.scrollY]", anchor
    )
    assert scrolled > 0, f"#{anchor} did not scroll the page"
    assert 0 <= top < height / 2, f"#{anchor} is at {top:.0f} px in a {height} px window"


# Searches in readers' own words (tests/search_queries.yml): every expected page must be
# in the top 3, and first for at least this share of the queries.
SEARCH_TOP1 = 0.95


def test_search_finds_the_expected_page(visit: Callable[..., Visit], server: str) -> None:
    """Every query in tests/search_queries.yml, typed into the real search box of one open
    page. The expected page must be in the top 3 for each (and, where the file names a
    section, lead with that section); it must be first for at least SEARCH_TOP1 of them.

    The theme finds words that begin with what was typed, so a word misspelt in full finds
    nothing; site.js then asks again with close spellings. For a misspelling (`means:` in
    the file) the test waits for that second answer."""
    view = visit(1280, 800)
    view.open(server + "/")
    search.open_search(view.page)
    failures, first = [], 0
    for case in QUERIES:
        query, expected = case["query"], case["page"]
        results = search.search(view.page, query, misspelt="means" in case)
        paths = [path for path, _ in results]
        if expected not in paths[:3]:
            failures.append(f"{query!r}: expected {expected} in the top 3, got {paths[:3]}")
            continue
        first += paths[0] == expected
        section = dict(results)[expected]
        if "section" in case and section != case["section"]:
            failures.append(f"{query!r}: {expected} leads with #{section or '(page top)'}, expected #{case['section']}")
    rate = first / len(QUERIES)
    if rate < SEARCH_TOP1:
        failures.append(f"expected page first for {first} of {len(QUERIES)} queries ({rate:.0%}), below {SEARCH_TOP1:.0%}")
    assert not failures, "search:\n" + "\n".join(failures)


# Each page carries only the style rules it can use (acp/inline_css.py). The reference is
# the same site with the theme's stylesheets linked whole, as Material ships them: every
# element must compute the same style in both, in each scheme, width and interactive state.
STYLE_CASES = [(path, "phone", "light") for path in PAGES] + [
    (path, width, scheme)
    for path in ["/", "/conditions/neck-pain/", "/research/", "/tools/before-you-book/"]
    for width, scheme in [("desktop", "light"), ("phone", "dark"), ("desktop", "dark")]
]
# Each state: width, what is clicked (or hovered, when nothing is typed), what is typed, what
# must then show, and what is then pointed at afresh for its tooltip.
STYLE_STATES = {
    "search results": ("desktop", "input.md-search__input", "acupuncture needles", ".md-search-result__item", None),
    "search on a phone": ("phone", ".md-header__button[for=__search]", "back pain", ".md-search-result__item", "button.md-search__icon[type=reset]"),
    "menu open": ("phone", ".md-header__button[for=__drawer]", None, None, None),
    "glossary tooltip": ("desktop", "article abbr", None, ".md-tooltip2--active", None),
}
# In each page, once its scripts have started: notes each change to the document from then on,
# and holds what reads its computed styles (toolbox/page_scripts/style_comparison.js). A page has
# settled when its document has not changed for QUIET_MS and every transition has ended.
QUIET_MS = 250
WATCH_CHANGES = f"({page_script('style_comparison')})({TRANSITIONS_ENDED})"
# One number per element and pseudo-element, or with a list of indexes, the detail of those.
COMPUTED_STYLES = "detail => window.__styleComparison.computedStyles(detail)"


@pytest.fixture(scope="session")
def whole_stylesheets_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built without its first-screen styles (mkdocs.yml `extra.delivery` without `styles`): the theme's stylesheets linked whole."""
    project = copy_project(tmp_path_factory.mktemp("whole-css") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  delivery: true\n" in text
    config.write_text(text.replace("  delivery: true\n", "  delivery: [html, scripts]\n"), encoding="utf-8")
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.log
    with PagesServer(project / "site") as pages:
        yield pages.url


Action = Callable[[object], None] | None


def style_page_pair(new_page: Callable[..., object], width: str, scheme: str) -> tuple[object, object]:
    size = dict(zip(("width", "height"), WIDTHS[width]))
    return new_page(**size, scheme=scheme, reduced_motion="reduce"), new_page(**size, scheme=scheme, reduced_motion="reduce")


@pytest.fixture(scope="module")
def style_pages(new_shared_page: Callable[..., object]) -> Callable[[str, str], tuple[object, object]]:
    """One pair of pages (this site, whole stylesheets) per width and scheme, reused by the
    page-by-page comparisons, which leave nothing behind (no clicks, no stored settings)."""
    opened: dict[tuple[str, str], tuple[object, object]] = {}

    def reuse(width: str, scheme: str) -> tuple[object, object]:
        if (width, scheme) not in opened:
            opened[width, scheme] = style_page_pair(new_shared_page, width, scheme)
        return opened[width, scheme]

    return reuse


@pytest.fixture
def fresh_style_pages(new_page: Callable[..., object]) -> Callable[[str, str], tuple[object, object]]:
    """A pair of pages of their own, for a comparison after a click, a hover or print media."""

    def make(width: str, scheme: str) -> tuple[object, object]:
        return style_page_pair(new_page, width, scheme)

    return make


# Both pages of a comparison load, settle and are read at the same time: each is in its own
# browser context, so its own renderer process. In the page, without waiting for it: once
# the page has settled (and, with a wait, not changed for that long either, and laid out afresh:
# Chromium's computed style once kept a stale auto margin until the next full layout), its computed styles.
START_READING_STYLES = "([atLeast, relayout, quietMs]) => window.__styleComparison.startReading(atLeast, relayout, quietMs)"
STYLES_READ = "() => window.__styles"


def open_both(pages: tuple[object, object], urls: tuple[str, str], action: Action) -> None:
    """Open each page afresh at its URL, both at once, and do `action` on each."""
    for page, url in zip(pages, urls):
        page.goto(url, wait_until="commit")  # a new document, still loading
    for page in pages:
        page.wait_for_load_state("load")
        wait_for_theme(page)
        page.evaluate(WATCH_CHANGES)
    # And until the network is idle: read sooner, the stale margin above was more frequent.
    for page in pages:
        page.wait_for_load_state("networkidle")
    # The search index loads on a reader's first search (assets/javascripts/loader.js), so until an
    # action turns to search, both pages show the box's "Initializing search" note alike.
    if action:
        for page in pages:
            action(page)


def settled_styles(pages: tuple[object, object], again: bool = False) -> list[list]:
    """Each page's computed styles once it has settled; `again`: after another QUIET_MS and
    a fresh layout."""
    for page in pages:
        page.evaluate(START_READING_STYLES, [QUIET_MS if again else 0, again, QUIET_MS])
    return [page.evaluate(STYLES_READ) for page in pages]


def assert_same_styles(pages: tuple[object, object], path: str, servers: tuple[str, str], action: Action = None) -> None:
    subset_page, whole_page = pages
    open_both(pages, (servers[0] + path, servers[1] + path), action)
    subset, whole = settled_styles(pages)
    assert len(subset) == len(whole), f"different documents: {len(subset)} and {len(whole)} elements"
    differing = [index for index, (a, b) in enumerate(zip(subset, whole)) if a != b][:5]
    if differing:
        # A page still settling (the search index arriving, a late layout pass) can differ
        # for a moment; what counts is a difference that is still there once both settle.
        subset, whole = settled_styles(pages, again=True)
        differing = [index for index, (a, b) in enumerate(zip(subset, whole)) if a != b][:5]
    if differing:
        ours, theirs = subset_page.evaluate(COMPUTED_STYLES, differing), whole_page.evaluate(COMPUTED_STYLES, differing)
        report = [
            f"{ours[i][0]}: {sorted(set(ours[i][1]) - set(theirs[i][1]))} instead of {sorted(set(theirs[i][1]) - set(ours[i][1]))}"
            for i in differing
        ]
        pytest.fail(f"{path}: computed styles differ from the whole stylesheets:\n" + "\n".join(report))


# The style comparisons share one worker (pytest-xdist), so the copy with whole stylesheets
# is built once, not once per worker.
WHOLE_STYLESHEETS_GROUP = pytest.mark.xdist_group("whole_stylesheets")


@WHOLE_STYLESHEETS_GROUP
@pytest.mark.parametrize(("path", "width", "scheme"), STYLE_CASES)
def test_page_looks_as_with_whole_stylesheets(
    style_pages: Callable[[str, str], tuple[object, object]], server: str, whole_stylesheets_server: str, path: str, width: str, scheme: str
) -> None:
    pages = style_pages(width, "dark" if scheme == "dark" else "light")
    assert_same_styles(pages, path, (server, whole_stylesheets_server))


@WHOLE_STYLESHEETS_GROUP
@pytest.mark.parametrize("state", STYLE_STATES)
def test_interactive_states_look_as_with_whole_stylesheets(
    fresh_style_pages: Callable[[str, str], tuple[object, object]], server: str, whole_stylesheets_server: str, state: str
) -> None:
    width, target, typed, shown, pointed_at = STYLE_STATES[state]

    def act(page: object) -> None:
        element = page.locator(target).first
        if shown and not typed:
            element.hover()
        else:
            element.click()
        if typed:
            page.locator("input.md-search__input").press_sequentially(typed, delay=10)
        if shown:
            page.wait_for_selector(shown, timeout=10_000)
        if pointed_at:
            # The theme places a tooltip as it shows it. On a phone the search box's "Clear"
            # button appears under the pointer the click left there, and its tooltip was once
            # placed 302 px off on one of the two pages: point at it afresh once results show.
            page.mouse.move(0, 0)
            page.wait_for_function("() => !document.querySelector('.md-tooltip--active')", timeout=5_000)
            page.locator(pointed_at).hover()
            page.wait_for_selector(".md-tooltip--active", timeout=5_000)

    assert_same_styles(fresh_style_pages(width, "light"), "/conditions/low-back-pain/", (server, whole_stylesheets_server), act)


@WHOLE_STYLESHEETS_GROUP
def test_printed_page_looks_as_with_whole_stylesheets(
    fresh_style_pages: Callable[[str, str], tuple[object, object]], server: str, whole_stylesheets_server: str
) -> None:
    def printing(page: object) -> None:
        page.emulate_media(media="print")

    assert_same_styles(fresh_style_pages("desktop", "light"), "/tools/before-you-book/", (server, whole_stylesheets_server), printing)
