"""In a real browser (headless Chromium driven by Playwright), on every page:
no accessibility violations (axe-core, WCAG 2.2 A/AA) in light and dark schemes at phone
and desktop widths, no sideways scrolling at 320 px (with and without JavaScript), no
request to another host, no console errors; section links scroll to their heading; the
search box finds pages; the theme's scripts start once, after the first paint; switching
colours stops transitions as the theme intends; and each page's trimmed inline styles
compute the same as the theme's whole stylesheets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_project, mkdocs_build, wait_for_theme
from tests.tools import AXE_JS
from toolbox import search
from toolbox.server import PagesServer
from toolbox.urls import source_urls

PAGES = source_urls(ROOT / "docs") + ["/404.html"]
WIDTHS = {"phone": (375, 740), "desktop": (1280, 800)}
SCHEMES = {"light": "default", "dark": "slate"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


class Visit:
    """One page load, recording every request to another host and every console error."""

    def __init__(self, browser: object, width: int, height: int, scheme: str = "light", javascript: bool = True) -> None:
        self.javascript = javascript
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme, java_script_enabled=javascript
        )
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self.only_local)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(f"{message.text} ({message.location['url']})"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def only_local(self, route: object) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, url: str) -> object:
        response = self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        if self.javascript:
            wait_for_theme(self.page)
        return response


@pytest.fixture
def visit(browser: object) -> Iterator[callable]:
    opened: list[Visit] = []

    def make(width: int, height: int, scheme: str = "light", javascript: bool = True) -> Visit:
        opened.append(Visit(browser, width, height, scheme, javascript))
        return opened[-1]

    yield make
    for item in opened:
        item.context.close()


def axe_violations(page: object) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{item['id']} ({item['impact']}): {item['help']} at {node['target']}"
        for item in result["violations"]
        for node in item["nodes"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_and_self_contained(visit: callable, server: str, path: str, scheme: str, width: str) -> None:
    view = visit(*WIDTHS[width], scheme="dark" if scheme == "dark" else "light")
    response = view.open(server + path)
    assert response.status == (404 if path == "/404.html" else 200)  # as GitHub Pages answers
    shown = view.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"expected the {scheme} scheme, page shows {shown}"
    violations = axe_violations(view.page)
    assert not violations, "axe found:\n" + "\n".join(violations)
    assert not view.outside, f"requests left 127.0.0.1: {view.outside}"
    # GitHub Pages serves the 404 page with status 404, which Chromium logs for the page itself.
    own_status = f"Failed to load resource: the server responded with a status of 404 (Not Found) ({server}{path})"
    errors = [error for error in view.errors if not (path == "/404.html" and error == own_status)]
    assert not errors, f"console errors: {errors}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_320px(visit: callable, server: str, path: str, javascript: bool) -> None:
    view = visit(320, 640, javascript=javascript)
    view.open(server + path)
    widths = view.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"


def test_theme_scripts_load_after_the_page_and_start_once(visit: callable, server: str) -> None:
    """The theme's scripts are placeholders in the HTML, loaded by overrides/main.html after
    the first paint; the theme must still start exactly once (a table wrapped twice, or
    two search workers, would show it starting again)."""
    view = visit(375, 740)
    view.open(server + "/research/")
    html = view.page.evaluate("fetch(location.href).then(response => response.text())")
    assert "<script src=" not in html and "<script defer src=" not in html, "a script still blocks the parser"
    loads, tables, wrapped, nested = view.page.evaluate("""() => [
        performance.getEntriesByType("resource").filter(entry => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(entry.name)).length,
        document.querySelectorAll("article table").length,
        document.querySelectorAll(".md-typeset__scrollwrap").length,
        document.querySelectorAll(".md-typeset__scrollwrap .md-typeset__scrollwrap").length]""")
    assert loads == 1, f"the theme's bundle loaded {loads} times"
    assert tables and wrapped == tables and not nested, f"{tables} tables, {wrapped} scroll wrappers, {nested} nested"
    workers = view.page.evaluate("performance.getEntriesByType('resource').filter(entry => entry.name.includes('/workers/search')).length")
    assert workers == 1, f"{workers} search workers started"


def test_switching_colours_still_stops_transitions(visit: callable, server: str) -> None:
    """The theme's "no transitions while colours switch" rule is held back until the reader
    first switches colours (hooks/inline_css.py, overrides/main.html). It must be on by the
    time the theme marks the page as switching, or links would fade from one colour to the other."""
    view = visit(1280, 800)
    view.open(server + "/")
    link = "getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration"
    held_back, duration = view.page.evaluate(f"[document.querySelector('style[data-palette-switching]').media, {link}]")
    assert held_back == "not all", "the switching rule applies before any switch"
    assert duration != "0s", "links have no transition to stop: the check below would prove nothing"
    while_switching = view.page.evaluate(f"""() => new Promise(resolve => {{
        new MutationObserver((records, observer) => {{
            if (!document.body.hasAttribute("data-md-color-switching")) return;
            observer.disconnect();
            resolve({link});
        }}).observe(document.body, {{ attributes: true, attributeFilter: ["data-md-color-switching"] }});
        setTimeout(() => resolve("never marked as switching"), 10000);  // fail, not hang
        document.querySelector("form[data-md-component=palette] label:not([hidden])").click();
    }})""")
    assert while_switching == "0s", f"links still fade ({while_switching}) while the colours switch"


def first_section(path: str) -> str:
    links = [line for line in (Path(__file__).parent / "published_anchors.txt").read_text().splitlines() if line.startswith(path + "#")]
    return links[len(links) // 2].partition("#")[2] if links else ""


@pytest.mark.parametrize("path", [path for path in source_urls(ROOT / "docs") if first_section(path)])
def test_section_link_scrolls_heading_into_view(visit: callable, server: str, path: str) -> None:
    view = visit(375, 740)
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


def test_search_finds_the_expected_page(visit: callable, server: str) -> None:
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


# Each page carries only the style rules it can use (hooks/inline_css.py). The reference is
# the same site with the theme's stylesheets linked whole, as Material ships them: every
# element must compute the same style in both, in each scheme, width and interactive state.
STYLE_CASES = [(path, "phone", "light") for path in PAGES] + [
    (path, width, scheme)
    for path in ["/", "/conditions/neck-pain/", "/research/", "/tools/before-you-book/"]
    for width, scheme in [("desktop", "light"), ("phone", "dark"), ("desktop", "dark")]
]
STYLE_STATES = {
    "search results": ("desktop", "input.md-search__input", "acupuncture needles", ".md-search-result__item"),
    "search on a phone": ("phone", "label[for=__search]", "back pain", ".md-search-result__item"),
    "menu open": ("phone", "label.md-header__button[for=__drawer]", None, None),
    "glossary tooltip": ("desktop", "article abbr", None, ".md-tooltip2--active"),
}
# One number per element and pseudo-element: a hash of every computed property (custom
# properties aside, as unused ones are meant to go). Then the detail, for the ones that differ.
COMPUTED_STYLES = """(detail) => {
  const hash = text => { let h = 0; for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0; return h; };
  const out = [];
  const elements = [document.documentElement, document.body, ...document.body.querySelectorAll("*")];
  for (const element of elements) {
    for (const pseudo of ["", "::before", "::after"]) {
      if (detail && !detail.includes(out.length)) { out.push(null); continue; }
      const style = getComputedStyle(element, pseudo || null);
      // A pseudo-element without content is not drawn: only its content matters.
      const drawn = !pseudo || !["none", "normal"].includes(style.content);
      const names = drawn ? Array.from(style).filter(name => !name.startsWith("--")) : ["content"];
      const values = names.map(name => name + ": " + style.getPropertyValue(name));
      const classes = typeof element.className === "string" ? element.className.trim().split(/\\s+/).filter(Boolean) : [];
      const name = [element.tagName.toLowerCase(), ...classes].join(".") + pseudo;
      out.push(detail ? [name, values] : hash(values.join(";")));
    }
  }
  return out;
}"""
# Wait until the page stops changing (search results arrive keystroke by keystroke) and
# every transition has ended.
SETTLED = """async () => {
  const transitions = () => Promise.all(document.getAnimations()
    .filter(animation => animation.effect && animation.effect.getTiming().iterations !== Infinity)
    .map(animation => animation.finished.catch(() => null)));
  let before = document.body.innerHTML;
  for (;;) {
    await new Promise(resolve => setTimeout(resolve, 250));
    if (document.body.innerHTML === before) break;
    before = document.body.innerHTML;
  }
  await transitions();
}"""


@pytest.fixture(scope="session")
def whole_stylesheets_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built without hooks/inline_css.py: the theme's stylesheets linked whole."""
    project = copy_project(tmp_path_factory.mktemp("whole-css") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hooks/inline_css.py\n" in text
    config.write_text(text.replace("  - hooks/inline_css.py\n", ""), encoding="utf-8")
    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.log
    with PagesServer(project / "site") as pages:
        yield pages.url


Action = Callable[[object], None] | None


def styles_after(browser: object, url: str, width: str, scheme: str, action: Action) -> tuple[object, list]:
    """Open a page, do `action`, wait for it to settle; the page and its computed styles."""
    size = dict(zip(("width", "height"), WIDTHS[width]))
    context = browser.new_context(viewport=size, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    wait_for_theme(page)
    # The search box changes its note once its index is ready; compare after that.
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent !== 'Initializing search'")
    if action:
        action(page)
    page.evaluate(SETTLED)
    return page, page.evaluate(COMPUTED_STYLES, None)


def assert_same_styles(browser: object, path: str, servers: tuple[str, str], width: str, scheme: str, action: Action = None) -> None:
    subset_page, subset = styles_after(browser, servers[0] + path, width, scheme, action)
    whole_page, whole = styles_after(browser, servers[1] + path, width, scheme, action)
    try:
        assert len(subset) == len(whole), f"different documents: {len(subset)} and {len(whole)} elements"
        differing = [index for index, (a, b) in enumerate(zip(subset, whole)) if a != b][:5]
        if differing:
            # A page still settling (the search index arriving, a late layout pass) can differ
            # for a moment; what counts is a difference that is still there once both settle.
            subset_page.evaluate(SETTLED)
            whole_page.evaluate(SETTLED)
            subset, whole = subset_page.evaluate(COMPUTED_STYLES, None), whole_page.evaluate(COMPUTED_STYLES, None)
            differing = [index for index, (a, b) in enumerate(zip(subset, whole)) if a != b][:5]
        if differing:
            ours, theirs = subset_page.evaluate(COMPUTED_STYLES, differing), whole_page.evaluate(COMPUTED_STYLES, differing)
            report = [
                f"{ours[i][0]}: {sorted(set(ours[i][1]) - set(theirs[i][1]))} instead of {sorted(set(theirs[i][1]) - set(ours[i][1]))}"
                for i in differing
            ]
            pytest.fail("computed styles differ from the whole stylesheets:\n" + "\n".join(report))
    finally:
        subset_page.context.close()
        whole_page.context.close()


@pytest.mark.parametrize(("path", "width", "scheme"), STYLE_CASES)
def test_page_looks_as_with_whole_stylesheets(
    browser: object, server: str, whole_stylesheets_server: str, path: str, width: str, scheme: str
) -> None:
    assert_same_styles(browser, path, (server, whole_stylesheets_server), width, "dark" if scheme == "dark" else "light")


@pytest.mark.parametrize("state", STYLE_STATES)
def test_interactive_states_look_as_with_whole_stylesheets(
    browser: object, server: str, whole_stylesheets_server: str, state: str
) -> None:
    width, target, typed, shown = STYLE_STATES[state]

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

    assert_same_styles(browser, "/conditions/low-back-pain/", (server, whole_stylesheets_server), width, "light", act)


def test_printed_page_looks_as_with_whole_stylesheets(browser: object, server: str, whole_stylesheets_server: str) -> None:
    def printing(page: object) -> None:
        page.emulate_media(media="print")

    assert_same_styles(browser, "/tools/before-you-book/", (server, whole_stylesheets_server), "desktop", "light", printing)
