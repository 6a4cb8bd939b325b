"""Shared fixtures: one strict build of the site for the whole run, a local server that
behaves like GitHub Pages (toolbox/server.py), a headless Chromium, and its pages
(toolbox/browser_pages.py)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from acp.shared_names import AFTER_PAINT
from tests.theme_contract import guards
from toolbox.browser import LOOPBACK_ONLY, chromium
from toolbox.browser_pages import BrowserPages
from toolbox.project import copy_project  # noqa: F401 (the tests import it from here)
from toolbox.server import PagesServer
from toolbox.urls import url_of

ROOT = Path(__file__).resolve().parent.parent


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
        return url_of(self.root, page)


def mkdocs_build(project: Path, site_dir: Path, **env: str) -> Build:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,  # the caller asserts on returncode, with the log
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    return Build(result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Site:
    """One strict build of the site for the whole run: the first worker to ask builds it, the
    others wait for it and share it (the tests only read it)."""
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    out, outcome = shared / "site", shared / "site-build.log"
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not outcome.exists():
            build = mkdocs_build(ROOT, out)
            outcome.write_text(f"{build.returncode}\n{build.log}", encoding="utf-8")
        returncode, log = outcome.read_text(encoding="utf-8").split("\n", 1)
    assert returncode == "0", f"strict build failed:\n{log}"
    return Site(out, log)


@pytest.fixture(scope="session")
def server(site: Site) -> Iterator[str]:
    """The built site served as GitHub Pages serves it (toolbox/server.py); its base URL."""
    with PagesServer(site.root) as pages:
        yield pages.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium that can reach 127.0.0.1 only: a request to any other host fails
    (and the browser tests record it). Its headless shell where installed (toolbox/browser.py)."""
    with chromium(LOOPBACK_ONLY, shell=True) as launched:
        yield launched


@pytest.fixture
def new_page(browser: object) -> Iterator[Callable[..., object]]:
    """`new_page(width=, height=, scheme=, javascript=, reduced_motion=, init_scripts=)`: a blank
    page in a browser context of its own (toolbox/browser_pages.py); every one is closed after the test."""
    with BrowserPages(browser) as pages:
        yield pages.open


@pytest.fixture(scope="module")
def new_shared_page(browser: object) -> Iterator[Callable[..., object]]:
    """As `new_page`, but the pages stay open for the whole test module: for pages that tests
    reuse because what they do leaves nothing behind (no clicks, no stored settings)."""
    with BrowserPages(browser) as pages:
        yield pages.open


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `theme` the tests that guard an assumption about the theme's internals
    (tests/theme_contract.py), so that after an upgrade `pytest -m theme` runs just those."""
    for item in items:
        if guards(item.nodeid):
            item.add_marker(pytest.mark.theme)


# The theme's scripts load after the first paint (assets/javascripts/loader.js); they have all run
# when none of their placeholders is left.
THEME_READY = f"typeof document$ !== 'undefined' && !document.querySelector('script[{AFTER_PAINT}]')"


def wait_for_theme(page: object) -> None:
    page.wait_for_function(THEME_READY, timeout=15_000)
