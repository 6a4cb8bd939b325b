"""What a content extension needs to know about the page being rendered, and how it stops
the build.

Python-Markdown does not tell an extension which file it renders. MkDocs (and ProperDocs,
its fork) register a link checker on each page's converter, the `relpath` treeprocessor,
that holds the page's `File`: its path (`src_uri`) and its whole source (`content_string`,
front matter included, so line numbers are the file's own). An engine without it (Zensical)
still renders everything that does not depend on the page's place in the site; messages
then name the text instead of the file. This is the one place that relies on that detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown import Markdown

try:  # MkDocs and ProperDocs print a PluginError's message alone and stop the build.
    from mkdocs.exceptions import PluginError as EngineError
except ImportError:  # another engine: a plain error, still with the file and line
    EngineError = ValueError  # type: ignore[assignment,misc]

DOCS_DIR = "docs"


class ContentError(EngineError):  # type: ignore[misc,valid-type]
    """A mistake in a page or its data: the message starts with the file (and line)."""


@dataclass(frozen=True)
class PageSource:
    path: str | None  # the page's path inside docs/, e.g. "conditions/neck-pain.md"
    text: str  # the page's source as written, for line numbers

    @property
    def name(self) -> str:
        return f"{DOCS_DIR}/{self.path}" if self.path else "this page"

    def line_of(self, needle: str, elsewhere: str = "in text included from includes/ or data/evidence/") -> str:
        """`docs/page.md:LINE` where `needle` first appears, or where it came from instead."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                return f"{self.name}:{number}"
        return f"{self.name} ({elsewhere})"


def current(md: Markdown, body: str = "") -> PageSource:
    """The page `md` is rendering; `body` stands in for its source when the engine does not say."""
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    file = getattr(relpath, "file", None)
    if file is None:
        return PageSource(None, body)
    return PageSource(file.src_uri, file.content_string)


def relative_url(md: Markdown, target: str) -> str | None:
    """The URL of the page at docs path `target`, relative to the page being rendered, as the
    engine writes its own links (directory URLs online, `.html` files in the offline copy);
    None when the engine does not say."""
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    file, files = getattr(relpath, "file", None), getattr(relpath, "files", None)
    found = files.get_file_from_path(target) if files is not None else None
    if file is None or found is None:
        return None
    from mkdocs.utils import get_relative_url  # only reached under MkDocs or ProperDocs

    return get_relative_url(found.url, file.url)
