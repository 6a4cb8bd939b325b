"""The one place that opens browser pages, for the tests and the benchmark: each page in a
browser context of its own (its own cache, storage and settings), with the window size,
colour scheme, JavaScript and motion settings asked for, and the context closed with it.

`new_page` opens one; `open_page` opens one for a `with` block; `BrowserPages` opens any
number and closes them all at once (tests/conftest.py's `new_page` fixtures use it)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Self

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Playwright's own window size when none is given.
WIDTH, HEIGHT = 1280, 720
Scheme = Literal["light", "dark"]


def new_page(
    browser: Browser,
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    scheme: Scheme = "light",
    javascript: bool = True,
    reduced_motion: Literal["reduce", "no-preference"] | None = None,
    init_scripts: Sequence[str | Path] = (),
) -> Page:
    """A blank page in a new browser context; close it with `page.context.close()`.
    `init_scripts` run in every document before its own scripts: a Path names a file, a
    string is the script itself."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        java_script_enabled=javascript,
        reduced_motion=reduced_motion,
    )
    for script in init_scripts:
        if isinstance(script, Path):
            context.add_init_script(path=str(script))
        else:
            context.add_init_script(script)
    return context.new_page()


@contextmanager
def open_page(browser: Browser, **options: object) -> Iterator[Page]:
    """`new_page(browser, **options)` for the length of a `with` block."""
    page = new_page(browser, **options)
    try:
        yield page
    finally:
        page.context.close()


class BrowserPages:
    """Pages opened by `open` (the options of `new_page`), all closed by `close` or at the end
    of a `with` block."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.opened: list[Page] = []

    def open(self, **options: object) -> Page:
        self.opened.append(new_page(self.browser, **options))
        return self.opened[-1]

    def close(self) -> None:
        for page in self.opened:
            page.context.close()
        self.opened.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()
