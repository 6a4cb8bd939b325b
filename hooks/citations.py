"""Citations: `[@key]` or `[@key1; @key2]` in a page (or in a box it includes) becomes a numbered link to the page's
own source list, which this hook appends; `[[references]]` becomes the full reference list.

Every source lives once in data/references.yml; DOI, PubMed and PMC links are formed here.
An unknown key or a malformed marker (`[@a, @b]`, `[ @a ]`, `[@a.b]`) fails the build naming the
file and line. Markers inside code spans and code blocks stay as written, so the syntax can be shown.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import markdown as python_markdown
from pymdownx.snippets import SnippetMissingError

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from acp import data
from acp.schema import Reference
from acp.yaml_source import DataError

log = logging.getLogger("mkdocs.hooks.citations")

REFERENCES_FILE = data.REFERENCES_FILE
REFERENCES_PAGE = "references.md"
SNIPPETS_DIR = "includes"
CITATION = re.compile(r"\[@([\w-]+(?:\s*;\s*@[\w-]+)*)\]")
# Anything that looks like a citation marker; each must also match CITATION.
CITATION_LIKE = re.compile(r"\[\s*@[^\]\n]*\]")
# Fenced code blocks, then inline code spans: citations inside them are left alone.
CODE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=fence)[ \t]*$|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.MULTILINE | re.DOTALL)
LIST_MARKER = "[[references]]"

# Filled in on_config, once per build.
root = Path(".")
references: dict[str, Reference] = {}
cited: set[str] = set()
snippets: python_markdown.Markdown | None = None


def on_config(config: MkDocsConfig) -> None:
    global root
    root = Path(config.config_file_path).parent
    try:
        found = data.references(root)  # checked against acp/schema.py, Reference
    except DataError as error:
        raise PluginError(str(error)) from None
    references.clear()
    references.update(found)
    cited.clear()
    # The snippets extension's own preprocessor, with the site's settings (base path,
    # check_paths, restrict_base_path), so an include can reach nothing the page could not.
    global snippets
    options = dict(config.mdx_configs.get("pymdownx.snippets", {}))
    options["base_path"] = [str(root / path) for path in options.get("base_path", ["."])]
    options["auto_append"] = []  # the glossary is appended once, by the page's own pass
    snippets = python_markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})


def source_line(page: Page, needle: str) -> str:
    """Where a citation sits in the page's source file, for error messages."""
    for number, line in enumerate(page.file.content_string.splitlines(), start=1):
        if needle in line:
            return f"docs/{page.file.src_uri}:{number}"
    return f"docs/{page.file.src_uri} (in text included from {SNIPPETS_DIR}/ or data/evidence/)"


def expand_snippets(markdown: str, page: Page) -> str:
    """Inline `--8<-- "name.md"` boxes before numbering, so their sources join the page's list.

    (pymdownx.snippets would include them only after this hook has run.)
    """
    assert snippets is not None, "on_config has not run"
    try:
        return "\n".join(snippets.preprocessors["snippet"].run(markdown.split("\n")))
    except SnippetMissingError as error:
        name = re.search(r"'([^']+)'", str(error))
        needle = name[1].split("/")[-1] if name else "--8<--"
        raise PluginError(f"{source_line(page, needle)}: {error} (snippets come from {SNIPPETS_DIR}/ only)") from None


def outside_code(markdown: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the text between code blocks and code spans."""
    parts, start = [], 0
    for match in CODE.finditer(markdown):
        parts += [change(markdown[start : match.start()]), match.group(0)]
        start = match.end()
    return "".join(parts + [change(markdown[start:])])


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


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    numbers: dict[str, int] = {}
    uses: dict[int, int] = {}  # source number -> times cited so far, for back links
    reference_page = files.get_file_from_path(REFERENCES_PAGE)
    to_references = get_relative_url(reference_page.url, page.url) if reference_page else ""

    def cite(match: re.Match[str]) -> str:
        marks = []
        for key in (part.strip().lstrip("@") for part in match.group(1).split(";")):
            if key not in references:
                raise PluginError(f"{source_line(page, '@' + key)}: unknown citation key '{key}' (not in {REFERENCES_FILE})")
            number = numbers.setdefault(key, len(numbers) + 1)
            cited.add(key)
            uses[number] = uses.get(number, 0) + 1
            marks.append(f'<a href="#source-{number}" id="cite-{number}-{uses[number]}" aria-label="Source {number}">{number}</a>')
        return f'<sup class="cite">[{", ".join(marks)}]</sup>'

    def cite_all(text: str) -> str:
        for marker in CITATION_LIKE.findall(text):
            if not CITATION.fullmatch(marker):
                raise PluginError(
                    f"{source_line(page, marker)}: malformed citation {marker}: write [@key] or [@key1; @key2] "
                    "(keys are letters, digits and hyphens; no spaces inside the brackets, ';' between keys)"
                )
        return CITATION.sub(cite, text)

    markdown = outside_code(expand_snippets(markdown, page), cite_all)
    if LIST_MARKER in markdown:
        markdown = markdown.replace(LIST_MARKER, full_list())
    if numbers:
        items = "\n".join(
            f'<li id="source-{number}">{format_reference(references[key])} '
            f'<a href="{to_references}#{key}" class="cite-all">Entry in the full reference list</a> '
            f"{back_links(number, uses[number])}</li>"
            for key, number in numbers.items()
        )
        markdown += f'\n\n## Sources {{ #sources data-search-exclude }}\n\n<ol class="sources">\n{items}\n</ol>\n'
    return markdown


def back_links(number: int, times: int) -> str:
    """Footnote-style links from a source back to each place the page cites it."""
    if times == 1:
        return f'<a href="#cite-{number}-1" class="cite-back">Back to text</a>'
    links = " ".join(f'<a href="#cite-{number}-{use}" class="cite-back" aria-label="Back to citation {use}">{use}</a>' for use in range(1, times + 1))
    return f'<span class="cite-backs">Back to text: {links}</span>'


def full_list() -> str:
    """Every reference, alphabetical, each with a stable id equal to its key."""
    ordered = sorted(references.items(), key=lambda item: ((item[1].authors or [item[1].journal or ""])[0].lower(), str(item[1].year)))
    items = "\n".join(f'<li id="{key}">{format_reference(entry)}</li>' for key, entry in ordered)
    return f'<ol class="references">\n{items}\n</ol>'


def on_post_build(config: MkDocsConfig) -> None:
    unused = sorted(set(references) - cited)
    if unused:
        log.info("References not cited on any page (listed on the references page only): %s", ", ".join(unused))
