"""Scripts that the tests and the benchmark run in a page, kept as JavaScript files in
toolbox/page_scripts/ (one function expression, or one statement, per file) so that they read,
and can be checked, as JavaScript. `page_script(name)` is the text to hand to Playwright's
`evaluate` or `add_init_script`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent / "page_scripts"


@cache
def page_script(name: str) -> str:
    return (FOLDER / f"{name}.js").read_text(encoding="utf-8").strip()
