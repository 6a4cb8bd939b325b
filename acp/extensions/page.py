"""What a content extension needs to know about the page being rendered, and how it stops
the build.

Python-Markdown does not tell an extension which file it renders; each engine says so in its
own way, on the page's converter:
- MkDocs (and ProperDocs, its fork) register a link checker, the `relpath` treeprocessor,
  holding the page's `File` (`src_uri`, `url`, the whole source with its front matter, so
  line numbers are the file's own) and the site's `Files`;
- Zensical registers a `rendering_context` preprocessor holding a `Page` (`path`, `url`),
  and resolves links to Markdown files itself, in raw HTML too.
Anything else still renders what does not depend on the page's place in the site; messages
then name the text instead of the file. This is the one module that relies on those details.
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from markdown.util import Registry

try:  # MkDocs and ProperDocs print a PluginError's message alone and stop the build.
    from mkdocs.exceptions import PluginError as EngineError
except ImportError:  # another engine: a plain error, still with the file and line
    EngineError = ValueError  # type: ignore[assignment,misc]

DOCS_DIR = "docs"


class ContentError(EngineError):  # type: ignore[misc,valid-type]
    """A mistake in a page or its data: the message starts with the file (and line)."""


def relative(url: str, base: str) -> str:
    """`url` relative to the page at `base`, both site URLs (as MkDocs' own get_relative_url)."""
    head, tail = posixpath.split(base)
    base = head if "." in tail else base
    found = posixpath.relpath("/" + url, "/" + base)
    return found + "/" if url.endswith("/") else found


@dataclass(frozen=True)
class PageSource:
    path: str | None  # the page's path inside docs/, e.g. "conditions/neck-pain.md"
    text: str  # the page's source as written, for line numbers
    url: str | None = None  # the page's site URL, e.g. "conditions/neck-pain/"
    url_of: Callable[[str], str | None] = field(default=lambda path: None, compare=False)  # docs path -> site URL

    @property
    def name(self) -> str:
        return f"{DOCS_DIR}/{self.path}" if self.path else "this page"

    def line_of(self, needle: str, elsewhere: str = "in text included from includes/ or data/evidence/") -> str:
        """`docs/page.md:LINE` where `needle` first appears, or where it came from instead."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                return f"{self.name}:{number}"
        return f"{self.name} ({elsewhere})" if elsewhere else self.name

    def relative_url(self, target: str) -> str | None:
        """The URL of the page at docs path `target`, relative to this page, as the engine
        writes its own links (directory URLs online, `.html` files in the offline copy)."""
        found = self.url_of(target)
        return None if found is None or self.url is None else relative(found, self.url)


def registered(registry: Registry, name: str) -> object | None:
    """The processor registered under `name`, if any (Python-Markdown's registry has no get())."""
    return registry[name] if name in registry else None  # noqa: SIM401


def current(md: Markdown, body: str = "") -> PageSource:
    """The page `md` is rendering; `body` stands in for its source when the engine does not say."""
    relpath = registered(md.treeprocessors, "relpath")
    file, files = getattr(relpath, "file", None), getattr(relpath, "files", None)
    if file is not None:  # MkDocs, ProperDocs

        def url_of(path: str) -> str | None:
            target = files.get_file_from_path(path) if files is not None else None
            return target.url if target is not None else None

        return PageSource(file.src_uri, file.content_string, file.url, url_of)
    context = registered(md.preprocessors, "rendering_context")
    page = getattr(context, "page", None)
    if page is not None:  # Zensical
        source = Path(getattr(context, "config", {}).get("docs_dir", DOCS_DIR)) / page.path
        text = source.read_text(encoding="utf-8") if source.is_file() else body
        # Zensical rewrites every link in the page's HTML as an author writes it: relative to
        # the Markdown file, to the other Markdown file. So "URLs" here are docs paths.
        return PageSource(page.path, text, page.path, lambda path: path)
    return PageSource(None, body)


# The processor each Markdown extension the content rules rely on registers under this name.
PROCESSOR_OF = {
    "abbr": "abbr",
    "admonition": "admonition",
    "attr_list": "attr_list",
    "md_in_html": "markdown_block",
    "pymdownx.snippets": "snippet",
    "tables": "table",
    "toc": "toc",
}
def missing(md: Markdown, needs: dict[str, str]) -> list[str]:
    """The extensions in `needs` that are not enabled on `md`."""
    registries = (md.preprocessors, md.parser.blockprocessors, md.treeprocessors, md.inlinePatterns, md.postprocessors)
    return [name for name in needs if not any(PROCESSOR_OF[name] in registry for registry in registries)]


def needs_of(owner: str) -> dict[str, str]:
    """What the site's extension `owner` (a module name) needs enabled before it: its module's
    own NEEDS (needed extension -> what for); nothing for any other extension."""
    if not owner.startswith("acp.extensions."):
        return {}
    return dict(getattr(importlib.import_module(owner), "NEEDS", {}))


def require(md: Markdown, owner: str, needs: dict[str, str]) -> None:
    """Stop, naming the setting, when an extension `owner` relies on is not enabled: without it
    the page would build with its boxes, tables or tooltips as literal Markdown."""
    absent = missing(md, needs)
    if absent:
        name = absent[0]
        raise ContentError(
            f"mkdocs.yml: markdown_extensions has no '{name}', which {owner} needs ({needs[name]}); "
            f"add '- {name}' under markdown_extensions, above {owner}"
        )
