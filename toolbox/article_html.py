"""The article HTML of each built page (what the Markdown and the build logic make, inside the
theme's `<article>`), stored under tests/snapshots/articles/ so a change to the build logic
that alters any page shows up as a diff, and compared across engines (toolbox/engines.py).

    python -m toolbox.article_html SITE_DIR    rewrite the snapshot from a built site
    make snapshot                            build the site and rewrite the snapshot

Rewrite it only after a change meant to alter pages (new text, a new feature), and read the
diff before committing it."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from toolbox.urls import url_of

SNAPSHOT = Path(__file__).resolve().parent.parent / "tests" / "snapshots" / "articles"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


def article(html: str) -> str | None:
    """The inner HTML of the page's article element, or None for a page without one."""
    match = ARTICLE.search(html)
    return match.group(1) if match else None


def articles(site: Path) -> dict[str, str]:
    """Snapshot name (docs path with .html) -> article HTML, for every page of a built site."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        inner = article(page.read_text(encoding="utf-8"))
        if inner is None:
            continue
        url = url_of(site, page)  # "/", "/conditions/", "/404.html"
        found[(url.strip("/") or "index").removesuffix(".html") + ".html"] = inner
    return found


def write(site: Path, target: Path = SNAPSHOT) -> int:
    found = articles(site)
    if not found:
        sys.exit(f"{site}: no page with an article element: is it a built site?")
    shutil.rmtree(target, ignore_errors=True)
    for name, inner in found.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(inner, encoding="utf-8")
    return len(found)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"{write(Path(sys.argv[1]))} pages written to {SNAPSHOT.relative_to(Path.cwd()) if SNAPSHOT.is_relative_to(Path.cwd()) else SNAPSHOT}")
