"""Glossary: terms are defined once, in includes/glossary.md (`*[TERM]: definition`).

pymdownx.snippets appends that file to every page (`auto_append`), so each term shows as a
tooltip, on its first use in a page only (repeats add bytes and underline clutter, not
meaning). This extension checks the file, naming the line of a mistake, and renders the same
definitions as the /glossary/ list (`[[glossary]]`), so a definition is written in one place.

Enable as `acp.extensions.glossary` under `markdown_extensions`, with `abbr`.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from acp.extensions import page as current_page
from acp.extensions.markers import replace_outside_code
from acp.extensions.page import ContentError

GLOSSARY_FILE = "includes/glossary.md"
ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>\S.*)$")
MARKER = "[[glossary]]"
PRIORITY = 26  # a preprocessor after pymdownx.snippets (32), before raw HTML is set aside (20)
LAST = 1  # a postprocessor after the others, on the finished HTML
NEEDS = {
    "abbr": "a term's tooltip is an abbreviation",
    "pymdownx.snippets": f"it appends {GLOSSARY_FILE} to every page (auto_append)",
}


def read_terms(text: str, file: str = GLOSSARY_FILE) -> dict[str, str]:
    """Term -> definition, in the file's order; a malformed or repeated line stops the build."""
    terms: dict[str, str] = {}
    slugs: dict[str, tuple[str, int]] = {}  # the glossary page's id -> the term and line that has it
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if not match:
            raise ContentError(f"{file}:{number}: expected '*[TERM]: definition', found {line!r}")
        term = match["term"].strip()
        if term in terms:
            raise ContentError(f"{file}:{number}: '{term}' is defined twice")
        other, first = slugs.setdefault(slug(term), (term, number))
        if other.lower() != term.lower():  # "Sham" after "sham" is listed once; these would both be
            raise ContentError(f"{file}:{number}: '{term}' and '{other}' (line {first}) would share the link #{slug(term)} on the glossary page; merge them or reword one")
        terms[term] = match["definition"].strip()
    return terms


def load(path: Path) -> dict[str, str]:
    """The glossary file's terms, read again only when it changes."""
    return _terms(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=1)
def _terms(path: Path, mtime: int) -> dict[str, str]:
    return read_terms(path.read_text(encoding="utf-8"))


def slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def is_variant(term: str, terms: dict[str, str]) -> bool:
    """A form of another term, listed once on the glossary page: the same word in another case,
    defined later in the file ("Sham" after "sham"), or a plural with a lower-case s ("NSAIDs"
    of "NSAID"; "GPS" is not a plural of "GP")."""
    order = list(terms)
    return any(
        other != term and ((other.lower() == term.lower() and order.index(other) < order.index(term)) or term == other + "s")
        for other in terms
    )


def definition_list(terms: dict[str, str]) -> str:
    """The /glossary/ list: every term once, alphabetical, each with an id to link to."""
    shown = {term: definition for term, definition in sorted(terms.items(), key=lambda item: item[0].lower()) if not is_variant(term, terms)}
    items = "\n".join(f'<dt id="{slug(term)}">{html.escape(term)}</dt>\n<dd>{html.escape(definition)}</dd>' for term, definition in shown.items())
    return f'<dl class="glossary">\n{items}\n</dl>'


def first_use_only(page_html: str) -> str:
    """Keep the tooltip on a term's first use in the page; later uses are plain text."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        if match[1] in seen:
            return match[1]
        seen.add(match[1])
        return match[0]

    return ABBR.sub(keep_first, page_html)


class GlossaryList(Preprocessor):
    """Checks includes/glossary.md; [[glossary]] -> the list of every term."""

    def __init__(self, md: Markdown, path: Path) -> None:
        super().__init__(md)
        self.path = path

    def run(self, lines: list[str]) -> list[str]:
        current_page.require(self.md, "acp.extensions.glossary", NEEDS)
        terms = load(self.path)  # checked on every page, so a mistake stops any build
        if not any(MARKER in line for line in lines):
            return lines
        return replace_outside_code("\n".join(lines), MARKER, lambda: definition_list(terms)).split("\n")


class FirstUseOnly(Postprocessor):
    """A term's tooltip on its first use in the page only."""

    def run(self, text: str) -> str:
        return first_use_only(text)


class GlossaryExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"file": [GLOSSARY_FILE, "The glossary, one '*[TERM]: definition' per line"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(GlossaryList(md, Path(self.getConfig("file"))), "acp_glossary", PRIORITY)
        md.postprocessors.register(FirstUseOnly(md), "acp_glossary_first_use", LAST)


def makeExtension(**kwargs: object) -> GlossaryExtension:  # noqa: N802
    return GlossaryExtension(**kwargs)
