"""Shared fixtures: one strict build of the site per test worker, a local server that
behaves like GitHub Pages (404 page, directory indexes), and a headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.tools import CHROMIUM_ARGS, find_chromium

ROOT = Path(__file__).resolve().parent.parent
# What a build needs: everything else in the repository is tooling.
PROJECT_PARTS = ["mkdocs.yml", "acp", "docs", "data", "includes", "hooks", "overrides"]


@dataclass
class Build:
    returncode: int
    log: str


@dataclass
class Site:
    root: Path
    log: str

    def pages(self) -> list[Path]:
        """Every HTML page of the site, the 404 page included."""
        return sorted(self.root.rglob("*.html"))

    def url_of(self, page: Path) -> str:
        """Site-relative URL of a built file: docs/x.md is served as /x/."""
        relative = page.relative_to(self.root).as_posix()
        return "/" + relative.removesuffix("index.html")


def mkdocs_build(project: Path, site_dir: Path, **env: str) -> Build:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    return Build(result.returncode, result.stdout + result.stderr)


def copy_project(target: Path) -> Path:
    """A copy of the site's sources, for tests that inject a fault."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("site")
    build = mkdocs_build(ROOT, out)
    assert build.returncode == 0, f"strict build failed:\n{build.log}"
    return Site(out, build.log)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; unknown paths get the site's 404 page, as on GitHub Pages."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site: Site) -> Iterator[str]:
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    assert executable, "no Chromium found: run `python -m tests.tools --install` or set CHROMIUM"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


# The theme's scripts load after the first paint (overrides/main.html); they have all run
# when none of their placeholders is left.
THEME_READY = "typeof document$ !== 'undefined' && !document.querySelector('script[data-after-paint]')"


def wait_for_theme(page: object) -> None:
    page.wait_for_function(THEME_READY, timeout=15_000)


def source_urls() -> list[str]:
    """Site URL of every page in docs/, known before the build (for test parameters)."""
    urls = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        relative = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        relative = relative.removesuffix("index").removesuffix("/")
        urls.append("/" + (relative + "/" if relative else ""))
    return urls
