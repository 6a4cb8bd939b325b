"""Citations: `[@key]` or `[@key1; @key2]` in a page (or in a box it includes) becomes a
numbered link to the page's own source list, which this extension appends; `[[references]]`
becomes the full reference list.

Every source lives once in data/references.yml; DOI, PubMed and PMC links are formed here.
An unknown key or a malformed marker (`[@a, @b]`, `[ @a ]`, `[@a.b]`) stops the build naming
the file and line. Markers inside code spans and code blocks stay as written, so the syntax
can be shown.

Enable as `acp.extensions.citations` under `markdown_extensions`, after `pymdownx.snippets`
(included boxes are cited like the page's own text) and `acp.extensions.evidence` (its boxes
and tables cite their sources).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from acp import data
from acp.extensions import page as current_page
from acp.extensions.markers import CITATION, CITATION_LIKE, outside_code, replace_outside_code
from acp.extensions.page import ContentError
from acp.schema import Reference
from acp.shared_names import PRINT_WITH_SOURCES, SOURCE_LIST_CLASS
from acp.yaml_source import DataError

LIST_MARKER = "[[references]]"
PRINT_OPTION_CLASS = "print-option"
# After pymdownx.snippets (32), Python-Markdown's whitespace clean-up (30) and pymdownx.superfences
# (25), which has set fenced code blocks aside by then; before raw HTML is set aside (20). Not
# 25: a tie would leave the order to the list in mkdocs.yml (python -m acp.pipeline shows it).
PRIORITY = 24

NEEDS = {"attr_list": "the Sources heading's id, { #sources }", "toc": "the Sources heading's id"}

# Link text that says where a web address leads, not just "Website".
SITES = {
    "nice.org.uk": "NICE website",
    "nhs.uk": "NHS website",
    "nih.gov": "NIH website",
    "cms.gov": "Medicare (CMS) website",
    "sign.ac.uk": "SIGN website",
    "cochranelibrary.com": "Cochrane Library",
    "cochrane.org": "Cochrane summary",
    "mayoclinic.org": "Mayo Clinic website",
    "acupuncture.org.uk": "British Acupuncture Council website",
}


def load_references(root: Path) -> dict[str, Reference]:
    """data/references.yml, checked against acp/schema.py (read again only when it changes)."""
    try:
        return data.references(root)
    except DataError as error:
        raise ContentError(str(error)) from None


def keys_cited(markdown: str) -> set[str]:
    """The keys of the citation markers outside code (acp.check reports the references no page cites)."""
    keys: set[str] = set()

    def collect(text: str) -> str:
        keys.update(part.strip().lstrip("@") for found in CITATION.findall(text) for part in found.split(";"))
        return text

    outside_code(markdown, collect)
    return keys


def links(entry: Reference) -> list[tuple[str, str]]:
    """(label, address) pairs for a reference, built from its identifiers."""
    found = []
    if entry.doi:
        found.append((f"doi:{entry.doi}", f"https://doi.org/{entry.doi}"))
    if entry.pmid:
        found.append((f"PubMed {entry.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{entry.pmid}/"))
    if entry.pmcid:
        found.append(("Free full text", f"https://pmc.ncbi.nlm.nih.gov/articles/{entry.pmcid}/"))
    if entry.url:
        found.append((website_label(entry.url), entry.url))
    return found


def website_label(url: str) -> str:
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    for domain, label in SITES.items():
        if host == domain or host.endswith("." + domain):
            return label
    return f"Web page ({host})"


def format_reference(entry: Reference) -> str:
    """One reference as HTML: authors, title, journal, year;volume(issue):pages, then links."""
    authors = ", ".join(entry.authors)
    if authors and entry.et_al:
        authors += ", et al"
    where = html.escape(entry.journal or "")
    detail = str(entry.year or "")
    if entry.volume:
        detail += f";{entry.volume}"
        if entry.issue:
            detail += f"({entry.issue})"
    if entry.pages:
        detail += f":{entry.pages}"
    parts = [
        f"{html.escape(authors)}." if authors else "",
        f"{html.escape(entry.title)}.",
        f"<i>{where}</i>." if where else "",
        f"{html.escape(detail)}." if detail else "",
    ]
    text = " ".join(part for part in parts if part)
    if entry.note:
        text += f" {html.escape(entry.note)}"
    anchors = " · ".join(f'<a href="{html.escape(url)}">{html.escape(label)}</a>' for label, url in links(entry))
    return f"{text} {anchors}"


def back_links(number: int, times: int) -> str:
    """Footnote-style links from a source back to each place the page cites it."""
    if times == 1:
        return f'<a href="#cite-{number}-1" class="cite-back">Back to text</a>'
    links = " ".join(f'<a href="#cite-{number}-{use}" class="cite-back" aria-label="Back to citation {use}">{use}</a>' for use in range(1, times + 1))
    return f'<span class="cite-backs">Back to text: {links}</span>'


def full_list(references: dict[str, Reference]) -> str:
    """Every reference, alphabetical, each with a stable id equal to its key."""
    ordered = sorted(references.items(), key=lambda item: ((item[1].authors or [item[1].journal or ""])[0].lower(), str(item[1].year)))
    items = "\n".join(f'<li id="{key}">{format_reference(entry)}</li>' for key, entry in ordered)
    return f'<ol class="references">\n{items}\n</ol>'


def source_list(items: str, count: int) -> str:
    """The page's sources, collapsed on screen so they do not drown the page: site.js opens the
    list when a citation leads into it, and prints it only when the reader asks for it."""
    sources = "1 source" if count == 1 else f"{count} sources"
    return (
        f'<p class="{PRINT_OPTION_CLASS}">Print leaves this list out. '
        f'<button type="button" class="md-button" {PRINT_WITH_SOURCES}>Print the whole page with its sources</button></p>\n'
        f'<details class="{SOURCE_LIST_CLASS}">\n<summary>Show the {sources}</summary>\n'
        f'<ol class="sources">\n{items}\n</ol>\n</details>'
    )


def cite_page(markdown: str, references: dict[str, Reference], where: Callable[[str], str], to_references: str) -> tuple[str, list[str]]:
    """The page with its citations numbered and its source list appended, and the keys it cites.

    `where(text)` says where `text` sits in the source (`docs/page.md:LINE`); `to_references`
    is the URL of the full reference list relative to this page."""
    numbers: dict[str, int] = {}
    uses: dict[int, int] = {}  # source number -> times cited so far, for back links

    def cite(match: re.Match[str]) -> str:
        marks = []
        for key in (part.strip().lstrip("@") for part in match.group(1).split(";")):
            if key not in references:
                raise ContentError(f"{where('@' + key)}: unknown citation key '{key}' (not in {data.REFERENCES_FILE})")
            number = numbers.setdefault(key, len(numbers) + 1)
            uses[number] = uses.get(number, 0) + 1
            marks.append(f'<a href="#source-{number}" id="cite-{number}-{uses[number]}" aria-label="Source {number}">{number}</a>')
        return f'<sup class="cite">[{", ".join(marks)}]</sup>'

    def cite_all(text: str) -> str:
        for marker in CITATION_LIKE.findall(text):
            if not CITATION.fullmatch(marker):
                raise ContentError(
                    f"{where(marker)}: malformed citation {marker}: write [@key] or [@key1; @key2] "
                    "(keys are letters, digits and hyphens; no spaces inside the brackets, ';' between keys)"
                )
        return CITATION.sub(cite, text)

    markdown = outside_code(markdown, cite_all)
    markdown = replace_outside_code(markdown, LIST_MARKER, lambda: full_list(references))
    if numbers:
        items = "\n".join(
            f'<li id="source-{number}">{format_reference(references[key])} '
            f'<a href="{to_references}#{key}" class="cite-all">Entry in the full reference list</a> '
            f"{back_links(number, uses[number])}</li>"
            for key, number in numbers.items()
        )
        markdown += f"\n\n## Sources {{ #sources data-search-exclude }}\n\n{source_list(items, len(numbers))}\n"
    return markdown, list(numbers)


class Citations(Preprocessor):
    """[@key] -> numbered link; the page's source list appended; [[references]] -> the full list."""

    def __init__(self, md: Markdown, root: Path, references_page: str) -> None:
        super().__init__(md)
        self.root, self.references_page = root, references_page

    def run(self, lines: list[str]) -> list[str]:
        current_page.require(self.md, "acp.extensions.citations", NEEDS)
        markdown = "\n".join(lines)
        page = current_page.current(self.md, markdown)
        to_references = page.relative_url(self.references_page)
        if to_references is None:  # an engine that does not say where pages are: the site root
            to_references = "/" + self.references_page.removesuffix(".md") + "/"
        markdown, _ = cite_page(markdown, load_references(self.root), page.line_of, to_references)
        return markdown.split("\n")


class CitationsExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "root": [".", "The project folder, where data/references.yml is (default: the folder the build runs in)"],
            "references_page": ["references.md", "The page with the full reference list ([[references]])"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(Citations(md, Path(self.getConfig("root")), self.getConfig("references_page")), "acp_citations", PRIORITY)


def makeExtension(**kwargs: object) -> CitationsExtension:  # noqa: N802
    return CitationsExtension(**kwargs)
