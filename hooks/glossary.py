"""Glossary: terms are defined once, in includes/glossary.md (`*[TERM]: definition`).

pymdownx.snippets appends that file to every page, so each term shows as a tooltip
(on its first use in a page only: repeats add bytes and underline clutter, not meaning);
this hook checks the file and renders the same definitions as the /glossary/ list
(`[[glossary]]`), so a definition is written in one place only.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

GLOSSARY_FILE = "includes/glossary.md"
ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>\S.*)$")
MARKER = "[[glossary]]"

terms: dict[str, str] = {}


def slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def is_variant(term: str) -> bool:
    """A form of another term, listed once on the glossary page: the same word in another case,
    defined later in the file ("Sham" after "sham"), or a plural with a lower-case s ("NSAIDs"
    of "NSAID"; "GPS" is not a plural of "GP")."""
    order = list(terms)
    return any(
        other != term and ((other.lower() == term.lower() and order.index(other) < order.index(term)) or term == other + "s")
        for other in terms
    )


def on_config(config: MkDocsConfig) -> None:
    path = Path(config.config_file_path).parent / GLOSSARY_FILE
    terms.clear()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if not match:
            raise PluginError(f"{GLOSSARY_FILE}:{number}: expected '*[TERM]: definition', found {line!r}")
        term = match["term"].strip()
        if term in terms:
            raise PluginError(f"{GLOSSARY_FILE}:{number}: '{term}' is defined twice")
        terms[term] = match["definition"].strip()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    shown = {term: definition for term, definition in sorted(terms.items(), key=lambda item: item[0].lower()) if not is_variant(term)}
    items = "\n".join(
        f'<dt id="{slug(term)}">{html.escape(term)}</dt>\n<dd>{html.escape(definition)}</dd>' for term, definition in shown.items()
    )
    return markdown.replace(MARKER, f'<dl class="glossary">\n{items}\n</dl>')


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    seen: set[str] = set()

    def first_use_only(match: re.Match[str]) -> str:
        term = match[1]
        if term in seen:
            return term
        seen.add(term)
        return match[0]

    return ABBR.sub(first_use_only, html)
