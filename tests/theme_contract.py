"""Every assumption this site makes about Material for MkDocs' internals, in one table:
what is assumed (the theme's selectors, attributes, events, file names, copied partials),
the files that rely on it, and the tests that fail when a theme upgrade breaks it.

README.md's table "What the site assumes about the theme" is printed from this one
(`python -m tests.theme_contract`); tests/test_theme_contract.py fails when they differ,
when a name listed here is no longer in the files said to rely on it, or when a guarding
test no longer exists. tests/conftest.py marks the guarding tests `theme`, so after an
upgrade `pytest -m theme` runs just those.

A guard is a test's node id. Without brackets it covers every parameter of the test;
with them, that one case (a representative page, where running every page would take
far longer than the two minutes `pytest -m theme` aims for)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Assumption:
    what: str  # Markdown, for README's table
    names: tuple[str, ...]  # the theme's names, each found verbatim in at least one file of relied_on_in
    relied_on_in: tuple[str, ...]  # repository paths
    guarded_by: tuple[str, ...]  # pytest node ids


BROWSER = "tests/test_browser.py::"
PHONE = "tests/test_phone_and_keyboard.py::"
FEATURES = "tests/test_site_features.py::"
CONTRACT = "tests/test_theme_contract.py::"
FOCUS = "tests/test_focus_and_targets.py::"
CONDITION = "tests/test_condition_pages.py::"

ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption(
        "The base template has blocks `extrahead`, `content` and `scripts`; the `scripts` block writes each script"
        " as `<script src=...>`; the theme starts on `DOMContentLoaded`; `document$` is its page observable",
        ('{% extends "base.html" %}', "{% block scripts %}", "<script src=", "DOMContentLoaded", "document$"),
        ("overrides/main.html", "docs/assets/javascripts/loader.js", "docs/assets/javascripts/site.js", "tests/conftest.py"),
        (BROWSER + "test_theme_scripts_load_after_the_page_and_start_once", FEATURES + "test_sharing_tags_and_structured_data"),
    ),
    Assumption(
        "A non-empty `announce` block is drawn on every page, the 404 page too, as a banner"
        " (`<aside class=\"md-banner\">`) above the header",
        ("{% block announce %}", "md-banner"),
        ("overrides/main.html", "tests/test_safety_net.py"),
        ("tests/test_safety_net.py::test_every_page_links_to_the_urgent_symptoms_page",),
    ),
    Assumption(
        "An `extra_javascript` entry with `type: module` is a `<script src=... type=\"module\">` the loader must"
        " run as a module",
        ("<script src=", "data-type"),
        ("overrides/main.html", "docs/assets/javascripts/loader.js"),
        (CONTRACT + "test_a_module_script_still_runs_as_a_module",),
    ),
    Assumption(
        "The theme marks `<html>` `no-js` until its scripts run",
        ("no-js",),
        ("overrides/main.html", "docs/stylesheets/extra.css"),
        (BROWSER + "test_no_sideways_scrolling_at_320px_without_javascript[/]",),
    ),
    Assumption(
        "Stylesheets are `<link rel=\"stylesheet\" href=...css>` tags; the theme's own rules include"
        " `.md-grid`, `.md-typeset h1` and the `slate` scheme",
        ('<link rel="stylesheet" href=',),
        ("acp/inline_css.py",),
        ("tests/test_budgets.py::test_pages_carry_the_theme_assets", "tests/test_build.py::test_pages_keep_only_the_style_rules_they_can_use"),
    ),
    Assumption(
        "A page's text is `<article class=\"md-content__inner md-typeset\">`, after the header and sidebars"
        " (where the inlined first-screen rules stop, and the text compact_html leaves as built)",
        ('<article class="md-content__inner',),
        ("acp/inline_css.py", "acp/compact_html.py", "toolbox/article_html.py"),
        ("tests/test_budgets.py::test_pages_carry_the_theme_assets",),
    ),
    Assumption(
        "The theme asks for `search/search_index.json` with `XMLHttpRequest` as it starts; search is opened"
        " from `.md-search`, the header's `[for=__search]` label (a button once the site's script runs) or the `#__search` checkbox",
        ("XMLHttpRequest.prototype.open", "search_index\\.json", ".md-search, [for=__search]", '"__search"'),
        ("docs/assets/javascripts/loader.js",),
        (
            BROWSER + "test_search_finds_the_expected_page",
            BROWSER + "test_interactive_states_look_as_with_whole_stylesheets[search results]",
            CONTRACT + "test_search_index_and_worker_load_on_the_first_turn_to_search",
        ),
    ),
    Assumption(
        "The theme starts its search worker with `new Worker(url)` (`workers/search.*.min.js`) as it starts, and"
        " only posts messages to it and listens for its `message` events",
        ("window.Worker", "workers\\/search", "postMessage", '"message"'),
        ("docs/assets/javascripts/loader.js",),
        (CONTRACT + "test_search_index_and_worker_load_on_the_first_turn_to_search", BROWSER + "test_search_finds_the_expected_page"),
    ),
    Assumption(
        "Class names the theme's scripts add at run time start `md-` or `tabbed-`; colours are"
        " `data-md-color-scheme`, `-primary`, `-accent` attributes",
        ("(?:md|tabbed)-", "data-md-color-(?:scheme|primary|accent)"),
        ("acp/inline_css.py",),
        (
            BROWSER + "test_page_looks_as_with_whole_stylesheets[/-phone-light]",
            BROWSER + "test_page_looks_as_with_whole_stylesheets[/conditions/neck-pain/-desktop-dark]",
            BROWSER + "test_interactive_states_look_as_with_whole_stylesheets[search results]",
            BROWSER + "test_interactive_states_look_as_with_whole_stylesheets[menu open]",
            BROWSER + "test_interactive_states_look_as_with_whole_stylesheets[glossary tooltip]",
        ),
    ),
    Assumption(
        "While colours switch the theme sets `data-md-color-switching` on `<body>`, and its"
        " `[data-md-color-switching]` rule stops transitions; the palette is radios `input[name=__palette]`"
        " in `form[data-md-component=palette]`, each followed by the label that switches to the next",
        ("[data-md-color-switching]", "__palette", "data-md-color-switching", "nextElementSibling"),
        ("acp/inline_css.py", "docs/assets/javascripts/loader.js", "docs/assets/javascripts/site.js", "tests/test_browser.py"),
        (BROWSER + "test_switching_colours_still_stops_transitions", PHONE + "test_colour_switch_answers_space"),
    ),
    Assumption(
        "With the palette on the system's setting (`media: \"(prefers-color-scheme)\"`), the theme follows a change"
        " of `prefers-color-scheme`, reported by `matchMedia`",
        ('matchMedia("(prefers-color-scheme: light)")', '"(prefers-color-scheme)"'),
        ("docs/assets/javascripts/loader.js", "mkdocs.yml"),
        (CONTRACT + "test_a_change_of_system_colour_scheme_is_followed_without_transitions",),
    ),
    Assumption(
        "Menu and search are checkboxes `#__drawer`, `#__search`, opened by `.md-header__button[for=...]` labels,"
        " which the theme's stylesheet shows and hides by their `for` attribute (the site's script makes each a `<button>`"
        " with the same attributes); panels `.md-sidebar--primary`, `.md-search` with `input.md-search__input`; they slide in below 76.25em"
        " and 60em",
        ("__drawer", "__search", ".md-header__button", ".md-sidebar--primary", ".md-search", "76.234375em", "59.984375em"),
        ("docs/assets/javascripts/site.js",),
        (
            PHONE + "test_menu_button_works_from_the_keyboard",
            PHONE + "test_search_button_works_from_the_keyboard",
            PHONE + "test_every_tab_stop_is_on_screen_and_visible[/conditions/low-back-pain/-375]",
        ),
    ),
    Assumption(
        "Tooltip text in `.md-tooltip2__inner`; admonitions `.md-typeset .admonition`; page title `.md-typeset h1`",
        (".md-tooltip2__inner", ".md-typeset .admonition", ".md-typeset h1"),
        ("docs/stylesheets/extra.css",),
        (PHONE + "test_important_text_is_readable_on_a_phone",),
    ),
    Assumption(
        "Tables are wrapped in `.md-typeset__scrollwrap` when the page mounts",
        (".md-typeset__scrollwrap",),
        ("docs/assets/javascripts/site.js", "docs/stylesheets/extra.css"),
        (BROWSER + "test_theme_scripts_load_after_the_page_and_start_once", BROWSER + "test_page_is_accessible_and_self_contained[/conditions/-light-phone]"),
    ),
    Assumption(
        "The theme styles and wraps only tables without a class (`table:not([class])`): the option grid's table"
        " has a class and its own rules; the site's print padding for tables filled in by hand outbids the"
        " theme's by coming later with the same weight",
        ("table:not([class])",),
        ("docs/stylesheets/extra.css",),
        (BROWSER + "test_page_is_accessible_and_self_contained[/conditions/low-back-pain/-light-phone]", FEATURES + "test_values_sheet_prints_on_one_page_without_navigation"),
    ),
    Assumption(
        "The search worker takes queries as messages `{type: 2, data}` and answers with type 3; results are"
        " `.md-search-result__item` in `[data-md-component=search-result]`",
        ("QUERY = 2", "RESULT = 3", ".md-search-result__item"),
        ("docs/assets/javascripts/site.js", "toolbox/search.py"),
        (BROWSER + "test_search_finds_the_expected_page",),
    ),
    Assumption(
        "`overrides/partials/search.html` is the theme's `partials/search.html` with one attribute added",
        ('role="dialog" aria-label=',),
        ("overrides/partials/search.html",),
        (CONTRACT + "test_copied_search_partial_differs_from_the_themes_only_as_intended", "tests/test_html.py::test_no_html_errors"),
    ),
    Assumption(
        "The theme's own markup has three HTML errors the site keeps (`autocomplete` on its toggles, `tabindex=\"\"`"
        " on section labels, a table-of-contents label without its checkbox), each matched by its message",
        ("KEPT_THEME_ERRORS", "autocomplete", "tabindex", "“for” attribute"),
        ("tests/test_html.py",),
        ("tests/test_html.py::test_no_html_errors",),
    ),
    Assumption(
        "Linked content tabs (`content.tabs.link`) match tabs by label",
        ("content.tabs.link",),
        ("mkdocs.yml",),
        (PHONE + "test_country_tabs_follow_one_order_and_carry_across_pages",),
    ),
    Assumption(
        "The offline plugin's worker shim is an `iframe-worker` URL in `extra.polyfills`",
        ("polyfills", "iframe-worker"),
        ("hooks/offline.py",),
        (FEATURES + "test_offline_copy_opens_from_files_and_search_works",),
    ),
    Assumption(
        "Navigation links are `.md-nav__link` (both sidebars) and the footer's previous and next links"
        " `.md-footer__link`",
        (".md-nav__link,", ".md-footer__link"),
        ("docs/stylesheets/extra.css", "tests/test_browser.py"),
        (BROWSER + "test_page_is_accessible_and_self_contained[/conditions/-light-phone]", BROWSER + "test_page_is_accessible_and_self_contained[/about/-dark-desktop]"),
    ),
    Assumption(
        "The back-to-top button `.md-top` is in every page with the `hidden` attribute, which the theme's own"
        " rules override (`display: block`); its script takes the attribute off to show it",
        (".md-top[hidden]",),
        ("docs/stylesheets/extra.css",),
        (PHONE + "test_hidden_back_to_top_button_takes_no_focus", PHONE + "test_every_tab_stop_is_on_screen_and_visible[/about/accessibility/-375]"),
    ),
    Assumption(
        "The phone header's site name is the text of `.md-header__topic:first-child .md-ellipsis` inside"
        " `.md-header__title` (the stylesheet shows a short name in its place below 600 px); the skip link is `.md-skip`,"
        " the first Tab stop after the banner",
        ("md-header__title", "md-header__topic", "md-ellipsis", "md-skip"),
        ("docs/stylesheets/extra.css", "tests/test_focus_and_targets.py"),
        (FOCUS + "test_phone_header_shows_a_short_site_name_that_fits", FOCUS + "test_tab_from_the_skip_link_reaches_the_article_first"),
    ),
    Assumption(
        "The theme's layout and chrome classes the site's stylesheet styles: `.md-banner`, `.md-container`, `.md-main`,"
        " `.md-main__inner`, `.md-content`, `.md-tabs`, `.md-header__ellipsis`, `.md-copyright`, `.md-copyright__highlight`,"
        " `.md-source-file`, `.md-button`, `.md-dialog`",
        ("md-banner", "md-container", "md-main", "md-main__inner", "md-content", "md-tabs", "md-header__ellipsis", "md-copyright",
         "md-copyright__highlight", "md-source-file", "md-button", "md-dialog"),
        ("docs/stylesheets/extra.css",),
        (CONTRACT + "test_every_theme_class_the_site_names_is_listed_and_still_the_themes", BROWSER + "test_page_looks_as_with_whole_stylesheets[/-phone-light]"),
    ),
    Assumption(
        "Tooltips are `.md-tooltip` and `.md-tooltip2` elements, shown with the `--active` modifier; search results"
        " (`.md-search-result`), tooltips, `.md-top` and `.md-dialog` show only once a reader acts",
        ("md-tooltip", "md-tooltip2", "md-tooltip--active", "md-tooltip2--active", "md-search-result"),
        ("acp/inline_css.py", "docs/stylesheets/extra.css", "tests/test_browser.py", "tests/test_phone_and_keyboard.py"),
        (BROWSER + "test_interactive_states_look_as_with_whole_stylesheets[glossary tooltip]", PHONE + "test_important_text_is_readable_on_a_phone"),
    ),
    Assumption(
        "A search result's link is `.md-search-result__link`, its text `.md-search-result__meta`; the clear button is"
        " `.md-search__icon[type=reset]`; the palette's radios are `.md-option`",
        ("md-search-result__link", "md-search-result__meta", "md-search__icon", "md-option"),
        ("toolbox/search.py", "toolbox/page_scripts/search_result_links.js", "toolbox/page_scripts/record_tab_stops.js", "tests/test_browser.py"),
        (BROWSER + "test_search_finds_the_expected_page", PHONE + "test_colour_switch_answers_space"),
    ),
    Assumption(
        "Print: the theme's chrome is `.md-header`, `.md-sidebar`, `.md-footer`, `.md-search`, `.md-top`",
        (".md-header,", ".md-sidebar,", ".md-footer,", ".md-search,", ".md-top,"),
        ("docs/stylesheets/extra.css",),
        (FEATURES + "test_checklist_prints_on_one_page_without_navigation", BROWSER + "test_printed_page_looks_as_with_whole_stylesheets"),
    ),
    Assumption(
        "Print: the theme keeps each admonition and `details` whole on a sheet (`break-inside: avoid`) and sets"
        " `@page` margins of 25 mm; the site lets boxes break and sets 10 mm, so a condition page's summary fits two sheets",
        ("@page", ".md-typeset .admonition,", "break-inside: auto !important"),
        ("docs/stylesheets/extra.css",),
        (CONDITION + "test_condition_page_prints_as_a_short_summary",),
    ),
    Assumption(
        "Each table is wrapped in `.md-typeset__scrollwrap` > `.md-typeset__table`, and the theme's rules for"
        " `.md-typeset table:not([class])` lay it out as a table; below 600 px the site makes its rows cards",
        (".md-typeset__scrollwrap", ".md-typeset__table", "table[data-cards]"),
        ("docs/stylesheets/extra.css", "docs/assets/javascripts/site.js"),
        (CONDITION + "test_tables_are_cards_no_wider_than_a_320px_screen",),
    ),
    Assumption(
        "The skip link `.md-skip` is the page's first Tab stop and leads to the article's title; the theme draws focus"
        " with `outline`, and focusing `.md-search__input` opens search on the page's background",
        (".md-skip", ":focus-visible", ".md-search__input"),
        ("docs/stylesheets/extra.css", "tests/test_focus_and_targets.py"),
        (FOCUS + "test_tab_from_the_skip_link_reaches_the_article_first", FOCUS + "test_focus_ring_is_at_least_2px_with_3_to_1_contrast"),
    ),
    Assumption(
        "A `<details>` in `.md-typeset` is drawn as a box, its `summary::before` an icon masked with"
        " `--md-details-icon`; the site restyles the collapsed sections, the sources and the clinicians' figures",
        ("--md-details-icon", "summary::before"),
        ("docs/stylesheets/extra.css",),
        (CONDITION + "test_sources_are_collapsed_and_open_when_a_citation_is_followed", CONDITION + "test_evidence_box_speaks_plainly_and_clinicians_get_the_figures"),
    ),
)


def guard_ids() -> set[str]:
    return {guard for assumption in ASSUMPTIONS for guard in assumption.guarded_by}


def guards(node_id: str) -> bool:
    """Whether a collected test is one of the guards: named exactly, or a parameter of a
    test named without brackets."""
    listed = guard_ids()
    return node_id in listed or node_id.partition("[")[0] in listed


def code(text: str) -> str:
    return f"`{text}`"


def guard_label(node_id: str) -> str:
    """`test_name` (and its parameter) as README shows it; the file is in the module."""
    return code(node_id.partition("::")[2])


def readme_table() -> str:
    lines = ["| Assumption | Relied on in | Guarded by |", "|---|---|---|"]
    for assumption in ASSUMPTIONS:
        files = ", ".join(code(path) for path in assumption.relied_on_in)
        tests = ", ".join(guard_label(node_id) for node_id in assumption.guarded_by)
        lines.append(f"| {assumption.what} | {files} | {tests} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(readme_table(), end="")
