"""The shared toolbox (toolbox/): no import cycle between tests, bench and toolbox; the
file-to-URL mapping; and the GitHub Pages-like server's answers (gzip, 304, 301, 404)."""

from __future__ import annotations

import ast
import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from toolbox.server import PagesServer
from toolbox.urls import built_file_of_source, file_of, source_urls, url_of, url_of_source

# Who may import whom: toolbox imports neither tests nor bench; bench does not import tests.
FORBIDDEN = {"toolbox": ("tests", "bench"), "bench": ("tests",)}


def imported_modules(source: str) -> list[str]:
    """Every module an `import` or `from ... import` names, wherever it stands in the file."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
    return found


def forbidden_imports(package: str, files: dict[str, str]) -> list[str]:
    """`file: module` for each import from a package `package` must not use."""
    return [
        f"{name}: imports {module}"
        for name, source in files.items()
        for module in imported_modules(source)
        if module.split(".")[0] in FORBIDDEN[package]
    ]


@pytest.mark.parametrize("package", FORBIDDEN)
def test_no_import_cycle_between_tests_bench_and_toolbox(package: str) -> None:
    files = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in sorted((ROOT / package).glob("*.py"))}
    assert len(files) >= 3, f"only {len(files)} modules found in {package}/: the check would prove nothing"
    assert not forbidden_imports(package, files), f"{package}/ must not import {FORBIDDEN[package]}: {forbidden_imports(package, files)}"


def test_import_check_reports_an_import_inside_a_function() -> None:
    source = "from toolbox.server import PagesServer\n\ndef f():\n    from tests.tools import AXE_JS\n    import bench.static\n"
    assert forbidden_imports("toolbox", {"toolbox/x.py": source}) == ["toolbox/x.py: imports tests.tools", "toolbox/x.py: imports bench.static"]


PACKAGES = ("acp", "hooks", "toolbox", "bench", "tests")


def project_modules() -> dict[str, str]:
    """Every module of the project's own code: dotted name -> source."""
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path.read_text(encoding="utf-8")
        for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py")) if "node_modules" not in path.parts
    }


def import_edges(modules: dict[str, str]) -> dict[str, set[str]]:
    """module -> the project modules it imports (anywhere in the file, functions included)."""
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, source in modules.items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules else node.module for alias in node.names]
            else:
                continue
            edges[name].update(target for target in targets if target in modules and target != name)
    return edges


def import_cycles(modules: dict[str, str]) -> list[list[str]]:
    """Each group of modules that import one another in a circle (Tarjan's strongly connected components)."""
    edges, index, low, stack, on_stack, cycles = import_edges(modules), {}, {}, [], set(), []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(edges[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycle_anywhere() -> None:
    modules = project_modules()
    assert len(modules) > 60 and {"acp.check", "bench.report", "bench.visit", "hooks.pages"} <= set(modules)
    assert import_cycles(modules) == []


def test_cycle_check_finds_a_cycle_through_a_function_level_import() -> None:
    """The cycle the benchmark had: report imported visit, and visit's render() imported report."""
    modules = {
        "bench.report": "from bench.visit import render\n",
        "bench.visit": "def render():\n    from bench.report import kib\n",
        "bench.other": "import bench.report\n",
    }
    assert import_cycles(modules) == [["bench.report", "bench.visit"]]


MUTATORS = {"update", "append", "add", "extend", "setdefault", "clear", "pop", "remove", "discard", "insert"}


def writes_to_other_modules(source: str) -> list[str]:
    """Each place a module changes a value that lives in another module it imported (`other.SET.add(x)`,
    `other.TABLE[key] = x`, `other.NAME = x`): state shared that way is wrong once a build runs twice
    in one process (`mkdocs serve`) and is read by whoever imports last."""
    tree = ast.parse(source)
    modules = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    modules |= {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}

    def in_other_module(node: ast.AST) -> bool:
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
            if isinstance(node, ast.Name) and node.id in modules:
                return True
        return False

    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        found += [ast.unparse(target) for target in targets if isinstance(target, (ast.Attribute, ast.Subscript)) and in_other_module(target)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS and in_other_module(node.func):
            found.append(ast.unparse(node.func))
    return found


def test_no_module_changes_state_kept_in_another() -> None:
    found = {name: writes for name, source in project_modules().items() if name.split(".")[0] in ("acp", "hooks")
             if (writes := writes_to_other_modules(source))}
    assert not found, found


def test_cross_module_writes_are_found() -> None:
    """The two this project had: the citations' set of cited keys, filled by the extension and read
    by a hook, and the table of needed extensions, filled by each extension in another module."""
    assert writes_to_other_modules("from acp.extensions import citations\n\ndef run(keys):\n    citations.CITED.update(keys)\n") == ["citations.CITED.update"]
    assert writes_to_other_modules("from acp.extensions import page as current_page\ncurrent_page.NEEDS['x'] = {}\n") == ["current_page.NEEDS['x']"]
    assert writes_to_other_modules("import os\nNEEDS = {}\nNEEDS['x'] = os.sep\n") == []


def test_urls_map_sources_built_files_and_addresses(tmp_path: Path) -> None:
    docs = ROOT / "docs"
    assert url_of_source(docs, docs / "index.md") == "/"
    assert url_of_source(docs, docs / "conditions/index.md") == "/conditions/"
    assert url_of_source(docs, docs / "conditions/neck-pain.md") == "/conditions/neck-pain/"
    assert url_of_source(docs, docs / "appendix.md") == "/appendix/"  # ends in "index" but is not one
    assert built_file_of_source(docs, docs / "safety.md") == "safety/index.html"
    assert built_file_of_source(docs, docs / "index.md") == "index.html"
    urls = source_urls(docs)
    assert "/" in urls and "/conditions/low-back-pain/" in urls and len(urls) == len(set(urls)) == len(list(docs.rglob("*.md")))
    (tmp_path / "a b").mkdir()
    (tmp_path / "a b/index.html").write_text("x")
    (tmp_path / "404.html").write_text("x")
    assert url_of(tmp_path, tmp_path / "a b/index.html") == "/a b/"
    assert url_of(tmp_path, tmp_path / "404.html") == "/404.html"
    assert file_of(tmp_path, "/a%20b/?q=1#top") == tmp_path / "a b/index.html"
    assert file_of(tmp_path, "/404.html") == tmp_path / "404.html"
    assert file_of(tmp_path, "/missing/") is None


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_server_answers_as_github_pages(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide/index.html").write_text("<p>guide</p>" * 50, encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Page not found</h1>", encoding="utf-8")
    with PagesServer(tmp_path) as pages:
        status, headers, body = fetch(pages.url + "/guide/", **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "max-age=600"
        assert gzip.decompress(body) == (tmp_path / "guide/index.html").read_bytes()
        status, _, body = fetch(pages.url + "/guide/", **{"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]})
        assert (status, body) == (304, b"")
        with pytest.raises(urllib.error.HTTPError) as redirect:  # a redirect not followed is an error to urllib
            urllib.request.build_opener(NoRedirect).open(pages.url + "/guide")
        assert redirect.value.code == 301 and redirect.value.headers["Location"] == "/guide/"
        for missing in ("/nowhere/", "/404.html", "/../secret"):
            status, _, body = fetch(pages.url + missing)
            assert (status, body) == (404, b"<h1>Page not found</h1>"), missing
        sent = [(entry.path, entry.status) for entry in pages.log]
    assert sent[:2] == [("/guide/", 200), ("/guide/", 304)]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


# Browser pages ---------------------------------------------------------------------------------
# The tests, the benchmark and the toolbox open browser pages only through toolbox/browser_pages.py,
# hand a page only scripts kept in toolbox/page_scripts/ (or one line long), and wait on conditions,
# never for a fixed time.

BROWSER_CODE = ("tests", "toolbox", "bench")
PAGE_FACTORY = "toolbox/browser_pages.py"
OPENERS = {"new_context", "new_page"}
# Playwright calls that run a script in the page; the script is the first argument or this keyword.
SCRIPT_RUNNERS = {"evaluate", "evaluate_all", "evaluate_handle", "eval_on_selector", "eval_on_selector_all", "wait_for_function", "add_init_script"}
SCRIPT_KEYWORDS = {"expression", "script"}
# Fixed waits allowed, by file and function, with the reason.
ALLOWED_SLEEPS = {
    ("bench/visit.py", "settle"): "it polls the local server's request log, which only Python sees: no page event marks the quiet",
}


def browser_code() -> dict[str, str]:
    """Every Python file of tests/, toolbox/ and bench/: repository path -> source."""
    return {
        path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
        for package in BROWSER_CODE for path in sorted((ROOT / package).rglob("*.py")) if "node_modules" not in path.parts
    }


def calls(source: str) -> list[tuple[str, ast.Call]]:
    """Every call in the source, with the name of the function it stands in ("" at module level)."""
    found = []

    def walk(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call):
                found.append((function, child))
            walk(child, child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function)

    walk(ast.parse(source), "")
    return found


def method_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def pages_opened_outside_the_factory(files: dict[str, str]) -> list[str]:
    return [
        f"{name}:{call.lineno}: {ast.unparse(call.func)}"
        for name, source in files.items() if name != PAGE_FACTORY
        for _, call in calls(source) if method_name(call) in OPENERS
    ]


def written_over_lines(node: ast.AST) -> bool:
    """A string literal (an f-string, or literals joined with +) that takes more than one line of Python."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return written_over_lines(node.left) or written_over_lines(node.right) or (
            node.end_lineno > node.lineno and any(isinstance(side, (ast.Constant, ast.JoinedStr)) for side in (node.left, node.right))
        )
    is_text = isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))
    return is_text and node.end_lineno > node.lineno


def multi_line_scripts(files: dict[str, str]) -> list[str]:
    """Each script handed to a page that is written in Python over more than one line: as a
    literal, or as a name (a variable, or a module's attribute) that any of the files assigns one."""
    long_names = {
        target.id
        for source in files.values() for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and written_over_lines(node.value)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(target, ast.Name)
    }
    found = []
    for name, source in files.items():
        for _, call in calls(source):
            if method_name(call) not in SCRIPT_RUNNERS:
                continue
            scripts = call.args[:1] + [keyword.value for keyword in call.keywords if keyword.arg in SCRIPT_KEYWORDS]
            for script in scripts:
                named = script.id if isinstance(script, ast.Name) else script.attr if isinstance(script, ast.Attribute) else None
                if written_over_lines(script) or named in long_names:
                    found.append(f"{name}:{call.lineno}: {method_name(call)}({named or 'a literal'})")
    return found


def fixed_sleeps(files: dict[str, str]) -> list[str]:
    """Each wait for a fixed time (Playwright's wait_for_timeout, time.sleep, asyncio.sleep) outside ALLOWED_SLEEPS."""
    found = []
    for name, source in files.items():
        sleep_imported = any(
            isinstance(node, ast.ImportFrom) and node.module in ("time", "asyncio") and any(alias.name == "sleep" for alias in node.names)
            for node in ast.walk(ast.parse(source))
        )
        for function, call in calls(source):
            func = call.func
            sleeps = (
                method_name(call) == "wait_for_timeout"
                or (method_name(call) == "sleep" and isinstance(func.value, ast.Name) and func.value.id in ("time", "asyncio"))
                or (isinstance(func, ast.Name) and func.id == "sleep" and sleep_imported)
            )
            if sleeps and (name, function) not in ALLOWED_SLEEPS:
                found.append(f"{name}:{call.lineno} in {function or 'the module'}: {ast.unparse(call)}")
    return found


def test_only_the_page_factory_opens_browser_pages() -> None:
    """One place sets a page's window, colour scheme and JavaScript, and closes its context."""
    files = browser_code()
    assert PAGE_FACTORY in files and len(files) >= 40, f"only {len(files)} files read: the check would prove nothing"
    found = pages_opened_outside_the_factory(files)
    assert not found, "open pages with toolbox/browser_pages.py (in tests: the `new_page` fixtures):\n" + "\n".join(found)


def test_scripts_handed_to_pages_are_kept_in_javascript_files() -> None:
    """A script longer than a line is a file in toolbox/page_scripts/, read with page_script()."""
    found = multi_line_scripts(browser_code())
    assert not found, "move these scripts into toolbox/page_scripts/*.js:\n" + "\n".join(found)


def test_browser_code_waits_on_conditions_not_for_fixed_times() -> None:
    files = browser_code()
    assert all(name in files and f"def {function}(" in files[name] for name, function in ALLOWED_SLEEPS), "a listed exception no longer exists"
    found = fixed_sleeps(files)
    assert not found, "wait for a condition (wait_for_function, wait_for_selector, expect) instead of a fixed time:\n" + "\n".join(found)


def test_browser_code_checks_find_what_they_look_for() -> None:
    """Each check above, on a file with the fault it looks for and with its allowed form."""
    opened = "def test(browser):\n    context = browser.new_context()\n    return context.new_page()\n"
    assert pages_opened_outside_the_factory({"tests/x.py": opened}) == ["tests/x.py:2: browser.new_context", "tests/x.py:3: context.new_page"]
    assert pages_opened_outside_the_factory({PAGE_FACTORY: opened, "tests/y.py": "page = new_page(width=320)\n"}) == []
    scripts = (
        'LONG = """() => [\n  1]"""\nSHORT = "() => 1"\n'
        "def test(page, other):\n"
        "    page.evaluate(LONG)\n    page.evaluate(other.LONG, 1)\n    page.evaluate(SHORT)\n"
        '    page.wait_for_function(f"""() =>\n  {SHORT}""")\n'
        '    page.context.add_init_script(script="a;"\n        "b;")\n'
        '    page.evaluate(page_script("long"))\n'
    )
    assert multi_line_scripts({"tests/x.py": scripts}) == [
        "tests/x.py:5: evaluate(LONG)", "tests/x.py:6: evaluate(LONG)", "tests/x.py:8: wait_for_function(a literal)",
        "tests/x.py:10: add_init_script(a literal)",
    ]
    sleeps = (
        "import time\nfrom asyncio import sleep\n"
        "def wait(page):\n    page.wait_for_timeout(500)\n    time.sleep(1)\n    sleep(1)\n"
        "def settle(page):\n    time.sleep(0.1)\n"
    )
    assert fixed_sleeps({"bench/visit.py": sleeps}) == [
        "bench/visit.py:4 in wait: page.wait_for_timeout(500)", "bench/visit.py:5 in wait: time.sleep(1)", "bench/visit.py:6 in wait: sleep(1)",
    ]
