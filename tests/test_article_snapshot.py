"""Build: every page's article HTML is byte for byte the stored snapshot
(tests/snapshots/articles/, written by `make snapshot`). Build logic can move (hooks into
Markdown extensions, one engine to another) without any page changing unnoticed."""

from __future__ import annotations

import difflib

from tests.conftest import Site
from toolbox.article_html import SNAPSHOT, articles


def stored() -> dict[str, str]:
    return {path.relative_to(SNAPSHOT).as_posix(): path.read_text(encoding="utf-8") for path in sorted(SNAPSHOT.rglob("*.html"))}


def first_difference(name: str, old: str, new: str, lines: int = 30) -> str:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), f"snapshot/{name}", f"build/{name}", lineterm="", n=1)
    return "\n".join(list(diff)[:lines])


def test_every_page_matches_the_article_snapshot(site: Site) -> None:
    snapshot, built = stored(), articles(site.root)
    # Guard: a snapshot of empty or citation-free pages would let anything through.
    assert len(snapshot) >= 30 and any('<sup class="cite">' in html for html in snapshot.values()), "the snapshot is missing or empty"
    assert sorted(built) == sorted(snapshot), (
        f"pages added {sorted(set(built) - set(snapshot))} or gone {sorted(set(snapshot) - set(built))}: run `make snapshot` if that was meant"
    )
    changed = [name for name in built if built[name] != snapshot[name]]
    assert not changed, (
        f"{len(changed)} page(s) render differently from the snapshot: {changed}. If the change was meant, "
        f"run `make snapshot` and read the diff before committing. First difference:\n"
        + first_difference(changed[0], snapshot[changed[0]], built[changed[0]])
    )
