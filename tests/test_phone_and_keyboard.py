"""Phone and keyboard, in headless Chromium at 375 px: every Tab stop is on screen, visible
and not covered (WCAG 2.4.7, 2.4.11), the menu and search buttons work from the keyboard,
closed panels take no focus, and the text that matters most is at a readable size."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import ROOT, wait_for_theme
from toolbox.page_scripts import page_script
from toolbox.urls import source_urls

PHONE = {"width": 375, "height": 740}
MAX_STOPS = 400  # the longest page (references) has fewer; a cap stops a focus trap hanging the test

@pytest.fixture
def phone(new_page: Callable[..., object]) -> object:
    return new_page(**PHONE)


def open_page(page: object, url: str) -> None:
    page.goto(url, wait_until="load")
    wait_for_theme(page)


# Every page on a phone, and two at 320 px: the width of a 1280 px screen at 400 % zoom.
WALKS = [(path, 375) for path in source_urls(ROOT / "docs")] + [("/", 320), ("/conditions/low-back-pain/", 320)]


# The state of each Tab stop, recorded in the page when Tab is pressed again, before the key
# moves focus on: as late as reading it after each press, once the focus has scrolled into
# view. A walk still presses the real key for every stop, but reads the records once per
# batch of presses instead of once per stop (about a third of a walk's time went on reads).
RECORD_TAB_STOPS = page_script("record_tab_stops")
TAB_STOPS_SO_FAR = "() => window.__tabStops.splice(0)"
PRESSES_PER_READ = 8  # a walk ends up to this many presses after its last stop


def tab_walk(page: object) -> tuple[int, list[str]]:
    """Press Tab until focus leaves the page or comes back to a stop already visited; the
    number of stops and a line for each stop that cannot be seen."""
    page.evaluate(RECORD_TAB_STOPS)
    stops, problems, seen, recorded = 0, [], set(), []
    for _ in range(MAX_STOPS):
        if not recorded:
            for _ in range(PRESSES_PER_READ):
                page.keyboard.press("Tab")
            recorded = page.evaluate(TAB_STOPS_SO_FAR)[::-1]
        state = recorded.pop()
        if state is None:  # focus left the document: the walk is complete
            break
        if state["key"] in seen:  # back at a stop already visited
            break
        seen.add(state["key"])
        stops += 1
        if state["problems"]:
            problems.append(f"stop {stops} {state['tag']} {state['name']!r}: {', '.join(state['problems'])}")
    return stops, problems


@pytest.fixture(scope="module")
def walker(new_shared_page: Callable[..., object]) -> object:
    """One phone page for every Tab walk: a walk only presses Tab, so it leaves nothing
    behind, and a new browser context per walk cost about a second."""
    return new_shared_page(**PHONE)


@pytest.mark.parametrize(("path", "width"), WALKS)
def test_every_tab_stop_is_on_screen_and_visible(walker: object, server: str, path: str, width: int) -> None:
    phone = walker
    phone.goto("about:blank")  # focus and scroll start afresh
    phone.set_viewport_size({"width": width, "height": PHONE["height"]})
    open_page(phone, server + path)
    stops, problems = tab_walk(phone)
    assert stops >= 5, f"{path}: only {stops} Tab stops: the walk did not run"
    assert not problems, f"{path}: {len(problems)} of {stops} Tab stops cannot be seen:\n" + "\n".join(problems)


def test_hidden_back_to_top_button_takes_no_focus(new_page: Callable[..., object], server: str) -> None:
    """The theme's back-to-top button is drawn see-through while hidden; it must not take focus
    then (without JavaScript it is always hidden), and it must once the theme shows it."""
    takes_focus = "() => { const button = document.querySelector('.md-top'); button.focus(); return [button.hidden, document.activeElement === button]; }"
    for javascript in (False, True):
        page = new_page(**PHONE, javascript=javascript)
        page.goto(server + "/references/", wait_until="load")
        assert page.evaluate(takes_focus) == [True, False], f"the hidden button took focus (JavaScript {'on' if javascript else 'off'})"
        if javascript:  # scrolled down and then a little up, the theme shows it: it takes focus
            wait_for_theme(page)
            page.mouse.wheel(0, 3000)
            page.wait_for_function("() => scrollY > 1000", timeout=5_000)
            page.mouse.wheel(0, -300)
            page.wait_for_function("() => !document.querySelector('.md-top').hidden", timeout=5_000)
            assert page.evaluate(takes_focus) == [False, True], "the shown back-to-top button took no focus"


def test_menu_button_works_from_the_keyboard(phone: object, server: str) -> None:
    open_page(phone, server + "/conditions/low-back-pain/")
    drawer_link = phone.locator(".md-sidebar--primary a").first
    assert phone.evaluate("() => document.querySelector('.md-sidebar--primary').inert"), "the closed menu should be inert"
    for key in ("Enter", " "):
        open_page(phone, server + "/conditions/low-back-pain/")  # Tab starts from the top again
        phone.keyboard.press("Tab")  # skip link
        phone.keyboard.press("Tab")  # the banner's link to /urgent-symptoms/ (overrides/main.html)
        assert phone.evaluate("() => document.activeElement.closest('.md-banner') !== null"), "second Tab stop is not the urgent-symptoms banner"
        phone.keyboard.press("Tab")  # menu button
        label = phone.evaluate("() => document.activeElement.getAttribute('aria-label')")
        assert label == "Menu", f"third Tab stop is {label!r}, not the menu button"
        # A real button: a <label> may carry no role (Lighthouse's aria-allowed-role), so none is given one.
        assert phone.evaluate("() => [document.activeElement.tagName, document.activeElement.getAttribute('role')]") == ["BUTTON", None]
        assert phone.evaluate("() => document.querySelectorAll('label[role]').length") == 0
        phone.keyboard.press(key)
        assert phone.evaluate("() => document.getElementById('__drawer').checked"), f"{key!r} did not open the menu"
        drawer_link.wait_for(state="visible", timeout=5_000)  # the drawer slides in
        assert phone.evaluate("() => document.querySelector('.md-header__button[for=__drawer]').getAttribute('aria-expanded')") == "true"
        phone.keyboard.press("Escape")
        assert not phone.evaluate("() => document.getElementById('__drawer').checked"), "Escape did not close the menu"
        assert phone.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Menu", "focus did not return to the menu button"


def test_search_button_works_from_the_keyboard(phone: object, server: str) -> None:
    open_page(phone, server + "/")
    button = phone.locator('button.md-header__button[for="__search"]')
    button.focus()
    phone.keyboard.press("Enter")
    assert phone.evaluate("() => document.getElementById('__search').checked"), "Enter did not open search"
    assert phone.evaluate("() => document.activeElement.matches('input.md-search__input')"), "focus did not move to the search box"


def test_colour_switch_answers_space(phone: object, server: str) -> None:
    open_page(phone, server + "/")
    chosen = "() => document.querySelector('input[name=__palette]:checked')?.id ?? null"
    before = phone.evaluate(chosen)
    # The switch shown is the label after the current scheme's radio (the first, until one is chosen).
    phone.evaluate("() => (document.querySelector('input[name=__palette]:checked') || document.querySelector('input[name=__palette]')).focus()")
    phone.keyboard.press(" ")
    phone.wait_for_function(f"(before) => ({chosen})() !== before", arg=before, timeout=5_000)
    after = phone.evaluate(chosen)
    assert after is not None and after != before, f"Space left the colour setting at {before!r}"
    assert phone.evaluate("() => scrollY") == 0, "Space also scrolled the page"


SIZES = page_script("text_sizes")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_important_text_is_readable_on_a_phone(new_page: Callable[..., object], server: str, scheme: str) -> None:
    page = new_page(**PHONE, scheme=scheme)
    for path in ("/conditions/", "/conditions/low-back-pain/"):
        open_page(page, server + path)
        sizes = page.evaluate(SIZES)
        assert sizes["boxes"] and min(sizes["boxes"]) >= sizes["body"], f"{path}: box text {min(sizes['boxes'])} px < body {sizes['body']} px"
        assert sizes["citations"] and min(sizes["citations"]) >= 14, f"{path}: citation numbers at {min(sizes['citations'])} px"
        _, weight, colour = sizes["h1"]
        channels = [float(part) for part in colour.removeprefix("rgba(").removeprefix("rgb(").rstrip(")").split(",")]
        alpha = channels[3] if len(channels) == 4 else 1
        assert weight >= 600 and alpha >= 0.8, f"{path}: H1 weight {weight}, colour {colour}"
    open_page(page, server + "/conditions/")
    chart = page.evaluate(SIZES)["chart"]
    assert chart and min(chart) >= 14, f"chart text at {min(chart) if chart else None} px"
    # A glossary tooltip, opened by hovering its term.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("article abbr").first.hover()
    page.wait_for_selector(".md-tooltip2--active .md-tooltip2__inner", timeout=5_000)
    tooltip = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-tooltip2--active .md-tooltip2__inner')).fontSize)")
    assert tooltip >= 14, f"glossary tooltip at {tooltip} px"


def test_urgent_advice_is_linked_right_after_key_points(phone: object, server: str) -> None:
    for path in ("/conditions/low-back-pain/", "/safety/", "/conditions/headache-and-migraine/"):
        open_page(phone, server + path)
        link = phone.locator(".admonition.key-points + .urgent-link a, .admonition.key-points + * + .urgent-link a").first
        assert link.count() == 1, f"{path}: no red-flag link after Key points"
        link.click()
        box_top = "() => document.querySelector('.admonition.get-help').getBoundingClientRect().top"
        try:  # the page scrolls to the box (smoothly, where the theme asks for it)
            phone.wait_for_function(f"() => {{ const top = ({box_top})(); return top >= 0 && top < innerHeight / 2; }}", timeout=5_000)
        except PlaywrightTimeoutError:
            pass  # the assertion below says where the box is
        top = phone.evaluate("() => document.querySelector('.admonition.get-help').getBoundingClientRect().top")
        assert 0 <= top < PHONE["height"] / 2, f"{path}: the link left the box at {top:.0f} px"


def test_home_page_shows_urgent_advice_before_the_disclaimer(site: object) -> None:
    from bs4 import BeautifulSoup

    article = BeautifulSoup((site.root / "index.html").read_text(encoding="utf-8"), "lxml").select_one("article")
    blocks = article.select(".admonition.get-help, #not-advice")
    assert [("get-help" in block.get("class", [])) for block in blocks][:2] == [True, False], "the red-flag box should come before 'Is this medical advice?'"


def test_on_this_page_list_shows_on_phones_only(new_page: Callable[..., object], server: str) -> None:
    page = new_page(**PHONE)
    open_page(page, server + "/conditions/low-back-pain/")
    nav = page.locator("nav.on-this-page")
    assert nav.is_visible(), "no 'On this page' list on a phone"
    hrefs = nav.locator("a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    headings = page.evaluate("() => [...document.querySelectorAll('article h2[id]')].map(h => '#' + h.id)")
    assert hrefs == headings
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not nav.is_visible(), "the list should give way to the theme's contents sidebar on a wide screen"


def test_country_tabs_follow_one_order_and_carry_across_pages(new_page: Callable[..., object], server: str, site: object) -> None:
    from bs4 import BeautifulSoup

    order = ["England", "Scotland", "Wales", "Northern Ireland", "United Kingdom", "United States", "Canada", "Australia", "Other countries"]
    found = []
    for page_file in site.pages():
        soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "lxml")
        for tabs in soup.select(".tabbed-set"):
            labels = [label.get_text(strip=True) for label in tabs.select(".tabbed-labels > label")]
            found.append(labels)
            assert all(label in order for label in labels), f"{site.url_of(page_file)}: tab labels {labels} outside {order}"
            assert labels == sorted(labels, key=order.index), f"{site.url_of(page_file)}: tabs {labels} out of order"
    assert found, "no tabs found: the check did not run"
    page = new_page(**PHONE)
    open_page(page, server + "/sessions/")
    page.locator(".tabbed-labels > label", has_text="United States").first.click()
    open_page(page, server + "/conditions/low-back-pain/")
    selected = page.evaluate(page_script("selected_tab_label"))
    assert selected == "United States", f"the reader's choice did not carry over: {selected!r} selected"
