"""The theme contract (tests/theme_contract.py) stays true: README's table is printed from
it, every name it lists is still in the files said to rely on it, every guarding test
exists and `pytest -m theme` selects them. Also the guards that had none: the copied
search partial against the theme's own, a change of the system's colour scheme, and a
module script under the script loader; and the names the templates share with Python."""

from __future__ import annotations

import ast
import difflib
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import material

from acp.extensions.condition_layout import SECTION_CLASS
from acp.shared_names import (
    AFTER_PAINT,
    CLINICAL_REVIEW_TEXT,
    NEXT_REVIEW_TEXT,
    PALETTE_SWITCHING,
    PRINT_WITH_SOURCES,
    PRINTING_SOURCES,
    REVIEW_OVERDUE_TEXT,
    REVIEWED_TEXT,
    SOURCE_LIST_CLASS,
)
from tests.conftest import ROOT, Site, copy_project, mkdocs_build, wait_for_theme
from tests.theme_contract import ASSUMPTIONS, guard_ids, readme_table
from toolbox.page_scripts import page_script
from toolbox.search import open_search, search
from toolbox.server import PagesServer

README_SECTION = "## What the site assumes about the theme"
THEME_TEMPLATES = Path(material.__file__).parent / "templates"
PYTHON_FOLDERS = ("acp", "hooks", "tests", "bench", "toolbox")
SHARED_NAMES = (AFTER_PAINT, PALETTE_SWITCHING, REVIEW_OVERDUE_TEXT, REVIEWED_TEXT, NEXT_REVIEW_TEXT, CLINICAL_REVIEW_TEXT, SOURCE_LIST_CLASS, PRINT_WITH_SOURCES)


# The contract itself --------------------------------------------------------------------


def readme_theme_table() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").partition(README_SECTION)[2].partition("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return "\n".join(rows) + "\n" if rows else ""


def test_readme_table_is_printed_from_the_contract() -> None:
    table = readme_theme_table()
    assert table, f"README.md has no table under {README_SECTION!r}"
    diff = "\n".join(difflib.unified_diff(table.splitlines(), readme_table().splitlines(), "README.md", "tests/theme_contract.py", lineterm=""))
    assert not diff, "README's theme table differs from tests/theme_contract.py; paste `python -m tests.theme_contract`:\n" + diff


def test_every_listed_name_is_in_a_file_that_relies_on_it() -> None:
    stale = []
    for assumption in ASSUMPTIONS:
        texts = []
        for path in assumption.relied_on_in:
            file = ROOT / path
            assert file.is_file(), f"{path} (listed as relying on: {assumption.what[:60]}...) does not exist"
            texts.append(file.read_text(encoding="utf-8"))
        stale += [f"{name!r} is in none of {', '.join(assumption.relied_on_in)}" for name in assumption.names if not any(name in text for text in texts)]
    assert not stale, "tests/theme_contract.py lists names the code no longer uses:\n" + "\n".join(stale)


# Where the site names the theme's classes. The copied search partial is the theme's own markup
# (its own assumption, and test_copied_search_partial_differs_from_the_themes_only_as_intended).
NAMING_FILES = ("docs/stylesheets/extra.css", "docs/assets/javascripts/*.js", "toolbox/page_scripts/*.js", "overrides/main.html", "overrides/404.html",
                "acp/**/*.py", "hooks/*.py", "toolbox/*.py", "bench/*.py", "tests/*.py")
THEME_CLASS = re.compile(r"(?<![\w-])(md-[a-z][\w-]*)")


def theme_classes_named(root: Path) -> dict[str, set[str]]:
    """Each md- class the site's own files name -> the files."""
    found: dict[str, set[str]] = {}
    for pattern in NAMING_FILES:
        for path in sorted(root.glob(pattern)):
            if path.name in ("theme_contract.py", "test_theme_contract.py"):  # the contract itself
                continue
            for name in set(THEME_CLASS.findall(path.read_text(encoding="utf-8"))):
                found.setdefault(name, set()).add(path.relative_to(root).as_posix())
    return found


def test_every_theme_class_the_site_names_is_listed_and_still_the_themes() -> None:
    """Every md- class in the site's stylesheet, scripts, templates and tests is in the contract,
    and is still in the theme's own stylesheet or scripts (a class the theme renamed fails here)."""
    named = theme_classes_named(ROOT)
    assert {"md-header__ellipsis", "md-nav__link", "md-search-result__meta"} <= set(named), "the search for class names finds nothing"
    listed = " ".join(" ".join(assumption.names) + " " + assumption.what for assumption in ASSUMPTIONS)
    unlisted = {name: sorted(files) for name, files in named.items() if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", listed)}
    assert not unlisted, f"theme classes the site names that tests/theme_contract.py does not list: {unlisted}"
    theme = Path(material.__file__).parent / "templates/assets"
    shipped = "".join(path.read_text(encoding="utf-8") for pattern in ("stylesheets/*.css", "javascripts/*.js") for path in theme.glob(pattern))
    gone = sorted(name for name in named if name not in shipped and not name.endswith("-"))
    assert not gone, f"classes the site names that the theme no longer has: {gone}"


def test_every_guard_exists_and_the_theme_marker_selects_exactly_them() -> None:
    """Collects the whole suite with `-m theme` (no test runs): a guard renamed or removed
    leaves its node id unmatched, and the marker must select something."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-m", "theme"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    selected = [line for line in result.stdout.splitlines() if "::" in line]
    assert selected, "`pytest -m theme` selects no test:\n" + result.stdout[-2000:]
    missing = [guard for guard in sorted(guard_ids()) if not any(node == guard or node.startswith(guard + "[") for node in selected)]
    assert not missing, "guards named in tests/theme_contract.py that no longer exist:\n" + "\n".join(missing)
    unlisted = [node for node in selected if node not in guard_ids() and node.partition("[")[0] not in guard_ids()]
    assert not unlisted, f"marked `theme` without being a listed guard: {unlisted}"


# Names shared by the templates and Python ------------------------------------------------


def test_the_template_spells_the_shared_names_as_python_does(site: Site) -> None:
    expected = {
        "overrides/main.html": [
            f"<script type=\"text/plain\" {AFTER_PAINT}=",
            f"page.meta.{REVIEW_OVERDUE_TEXT}",
            f"page.meta.{REVIEWED_TEXT}",
            f"page.meta.{NEXT_REVIEW_TEXT}",
            f"config.extra.{CLINICAL_REVIEW_TEXT}",
        ],
        "docs/assets/javascripts/loader.js": [
            f'document.querySelector("script[{AFTER_PAINT}]")',
            f'placeholder.getAttribute("{AFTER_PAINT}")',
            f'document.querySelector("style[{PALETTE_SWITCHING}]")',
        ],
        "docs/assets/javascripts/site.js": [
            f'const SOURCE_LIST = "details.{SOURCE_LIST_CLASS}"',
            f'const SECTION = "details.{SECTION_CLASS}"',  # acp/extensions/condition_layout.py
            f'const PRINT_WITH_SOURCES = "[{PRINT_WITH_SOURCES}]"',
            f'const PRINTING_SOURCES = "{PRINTING_SOURCES}"',
        ],
        "docs/stylesheets/extra.css": [f"html:not(.{PRINTING_SOURCES})", f".{SOURCE_LIST_CLASS}"],
    }
    for file, texts in expected.items():
        source = (ROOT / file).read_text(encoding="utf-8")
        assert not (absent := [text for text in texts if text not in source]), f"{file} lacks {absent}"
    # And what the hooks write is what the template reads, in the built pages.
    home = (site.root / "index.html").read_text(encoding="utf-8")
    assert f'<style media="not all" {PALETTE_SWITCHING}>' in home
    assert f'<script type="text/plain" {AFTER_PAINT}="' in home
    assert re.search(r'Page last reviewed: <time datetime="\d{4}-\d\d-\d\d">\d{1,2} \w+ \d{4}</time>', home), "no review date shown"


def string_literals(tree: ast.AST) -> list[ast.Constant]:
    """Every string constant that is not a docstring."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_each_shared_name_is_spelt_once_in_python() -> None:
    """Python code imports these from acp/shared_names.py rather than typing them again."""
    definition = ROOT / "acp/shared_names.py"
    typed_again = []
    for folder in PYTHON_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == definition or "node_modules" in path.parts:
                continue
            for node in string_literals(ast.parse(path.read_text(encoding="utf-8"))):
                typed_again += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in SHARED_NAMES if name in node.value]
    assert not typed_again, "import these from acp/shared_names.py instead:\n" + "\n".join(typed_again)


# Guards that had none ---------------------------------------------------------------------

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def test_copied_search_partial_differs_from_the_themes_only_as_intended() -> None:
    """overrides/partials/search.html replaces the theme's whole partial to name the search
    dialog (axe: aria-dialog-name). After an upgrade that changes the theme's partial, this
    fails: copy the new one and add the name again."""
    theme = LEADING_COMMENT.sub("", (THEME_TEMPLATES / "partials/search.html").read_text(encoding="utf-8"))
    ours = LEADING_COMMENT.sub("", (ROOT / "overrides/partials/search.html").read_text(encoding="utf-8"))
    assert theme.count(SEARCH_DIALOG) == 1, f"the theme's partial no longer opens with {SEARCH_DIALOG}"
    expected = theme.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG)
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), ours.splitlines(), "theme partial + the dialog's name", "overrides/partials/search.html", lineterm=""))
    assert not diff, "overrides/partials/search.html is no longer the theme's partial with one change:\n" + diff


LINK_TRANSITION = "getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration"
WATCH_SWITCH = page_script("watch_colour_switch")


def follows_system_colour_scheme(new_page: Callable[..., object], base_url: str) -> None:
    """The palette on "system preference"; the system switches from light to dark. The
    theme must follow, and the loader (assets/javascripts/loader.js, its matchMedia line) must turn
    the held-back "no transitions while switching" rule on first, or links fade."""
    page = new_page(width=1280, height=800, scheme="light")
    page.goto(base_url + "/", wait_until="load")
    wait_for_theme(page)
    chosen = page.evaluate("document.body.getAttribute('data-md-color-media')")
    assert chosen == "(prefers-color-scheme)", f"the palette should start on the system's setting, not {chosen!r}"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    held_back = page.evaluate(f"document.querySelector('style[{PALETTE_SWITCHING}]').media")
    assert held_back == "not all", "the switching rule applies before any switch"
    assert page.evaluate(LINK_TRANSITION) != "0s", "links have no transition to stop: the check below would prove nothing"
    page.evaluate(WATCH_SWITCH)
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=10_000)
    while_switching = page.evaluate("window.linkTransitionWhileSwitching")
    assert while_switching == "0s", f"links still fade ({while_switching}) while the colours follow the system"


def test_a_change_of_system_colour_scheme_is_followed_without_transitions(new_page: Callable[..., object], server: str) -> None:
    follows_system_colour_scheme(new_page, server)


MODULE_SCRIPT = "assets/javascripts/module-check.js"
# `import.meta` is a syntax error outside a module: run as a classic script, this sets nothing.
MODULE_SOURCE = "document.documentElement.dataset.ranAs = import.meta.url ? 'module' : 'module without url';\n"


def with_module_script(project: Path) -> None:
    (project / "docs" / MODULE_SCRIPT).write_text(MODULE_SOURCE, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    listed = "extra_javascript:\n"
    assert text.count(listed) == 1, "mkdocs.yml has no extra_javascript list to add to"
    config.write_text(text.replace(listed, f"{listed}  - path: {MODULE_SCRIPT}\n    type: module\n"), encoding="utf-8")


def test_a_module_script_still_runs_as_a_module(new_page: Callable[..., object], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with_module_script(project)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.log
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert MODULE_SCRIPT in home, "the module script is not on the page"
    page = new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with PagesServer(tmp_path / "site") as pages:
        page.goto(pages.url + "/", wait_until="load")
        wait_for_theme(page)
        ran_as = page.evaluate("document.documentElement.dataset.ranAs ?? null")
    assert ran_as == "module", f"the module script ran as {ran_as!r} (errors: {errors})"


SEARCH_FILES = "performance.getEntriesByType('resource').map(entry => new URL(entry.name).pathname).filter(path => /search_index\\.json$|workers\\/search/.test(path))"


def test_search_index_and_worker_load_on_the_first_turn_to_search(new_page: Callable[..., object], server: str) -> None:
    """The theme asks for the search index and starts its search worker as it starts; the
    loader (assets/javascripts/loader.js) holds both until a reader turns to search, then
    the theme's own search must work with them (here: a query, and the close-spelling retry
    site.js sends through the worker)."""
    page = new_page(width=1280, height=800)
    page.goto(server + "/conditions/", wait_until="load")
    wait_for_theme(page)
    page.wait_for_load_state("networkidle")  # no request for 500 ms: any the theme makes as it starts has been made
    assert page.evaluate(SEARCH_FILES) == [], "the search index or worker loaded before any search"
    assert page.evaluate("document.querySelector('.md-search-result__meta').textContent").strip(), "no search box"
    open_search(page)
    loaded = sorted(re.sub(r"\.[0-9a-f]{8}\.", ".*.", path) for path in page.evaluate(SEARCH_FILES))
    assert loaded == ["/assets/javascripts/workers/search.*.min.js", "/search/search_index.json"], loaded
    assert search(page, "neck")[0][0] == "/conditions/neck-pain/"
    assert search(page, "fibromialgia", misspelt=True)[0][0] == "/conditions/fibromyalgia/", "no close spelling through the worker"
