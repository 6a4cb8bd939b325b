"""Snippets that cannot be included stop the build with the page's file and line.

pymdownx.snippets (with `check_paths: true`) refuses a file that is missing or outside its
`base_path` (includes/), but says so with an error that names neither the page nor the line,
and MkDocs then prints a traceback. This wraps the snippets extension's own preprocessor, so
its rules decide what may be included, and turns the refusal into a one-line message.

Enable as `acp.extensions.snippet_errors` under `markdown_extensions`, after `pymdownx.snippets`.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from pymdownx.snippets import SnippetMissingError

from acp.extensions import page as current_page
from acp.extensions.page import ContentError

SNIPPETS_DIR = "includes"
SNIPPET_PREPROCESSOR = "snippet"  # the name pymdownx.snippets registers
NEEDS = {"pymdownx.snippets": "it checks what pymdownx.snippets includes: list it after pymdownx.snippets"}


class NoSnippets(Preprocessor):
    """Stands in when pymdownx.snippets is not enabled: the first page stops the build, naming
    the setting (an error while extensions load would come with a traceback)."""

    def run(self, lines: list[str]) -> list[str]:
        current_page.require(self.md, "acp.extensions.snippet_errors", NEEDS)
        return lines


def refused(error: SnippetMissingError, page: current_page.PageSource) -> ContentError:
    """The snippets extension's refusal, with the page's file and the line that asked for the file."""
    name = re.search(r"'([^']+)'", str(error))
    needle = name[1].split("/")[-1] if name else "--8<--"
    return ContentError(f"{page.line_of(needle)}: {error} (snippets come from {SNIPPETS_DIR}/ only)")


class CheckedSnippets(Preprocessor):
    """pymdownx.snippets' own preprocessor; a refused file stops the build naming the page and line."""

    def __init__(self, md: Markdown, snippets: Preprocessor) -> None:
        super().__init__(md)
        self.snippets = snippets

    def __getattr__(self, name: str) -> object:
        # The snippets extension reaches its preprocessor by name (its reset() clears a cache).
        if name == "snippets":
            raise AttributeError(name)
        return getattr(self.snippets, name)

    def run(self, lines: list[str]) -> list[str]:
        try:
            return self.snippets.run(lines)
        except SnippetMissingError as error:
            raise refused(error, current_page.current(self.md, "\n".join(lines))) from None


class SnippetErrorsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        if SNIPPET_PREPROCESSOR not in md.preprocessors:
            md.preprocessors.register(NoSnippets(md), "acp_no_snippets", 32)
            return
        snippets = md.preprocessors[SNIPPET_PREPROCESSOR]
        priority = next(item.priority for item in md.preprocessors._priority if item.name == SNIPPET_PREPROCESSOR)
        md.preprocessors.register(CheckedSnippets(md, snippets), SNIPPET_PREPROCESSOR, priority)


def makeExtension(**kwargs: object) -> SnippetErrorsExtension:  # noqa: N802
    return SnippetErrorsExtension(**kwargs)
