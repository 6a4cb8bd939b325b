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
