"""Markers in page text: citations, snippets, element ids and the glossary. Each malformed or
misplaced marker either renders as intended or stops the build with file:line; none reaches
readers as literal text. The Markdown extensions (acp/extensions/) and the page-checks hook
run here directly, without a build (milliseconds each); tests/test_build.py checks the same
messages through a real build."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from acp.extensions import citations, glossary, page_checks, section_links
from acp.extensions.page import ContentError, PageSource
from acp.schema import Reference

ROOT = Path(__file__).parent.parent


class NoFiles:
    def get_file_from_path(self, path: str) -> None:
        return None


# acp/extensions/citations.py and snippet_errors.py ------------------------------------------


@pytest.fixture(scope="module")
def references() -> dict[str, Reference]:
    return citations.load_references(ROOT)


def render(references: dict[str, Reference], text: str) -> str:
    """The citations step alone, on a page called docs/example.md."""
    return citations.cite_page(text, references, PageSource("example.md", text).line_of, "../references/")[0]


class StandInPage(Treeprocessor):
    """What MkDocs registers on each page's converter, and the extensions read (acp/extensions/page.py)."""

    def __init__(self, md: markdown.Markdown, text: str) -> None:
        super().__init__(md)
        self.file, self.files = SimpleNamespace(src_uri="example.md", url="example/", content_string=text), NoFiles()

    def run(self, root: object) -> None:
        return None


def convert(text: str) -> str:
    """The page through the site's whole Markdown set-up (mkdocs.yml), as docs/example.md."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    md.treeprocessors.register(StandInPage(md, text), "relpath", 0)
    return md.convert(text)


def test_citations_become_numbered_links(references: dict[str, Reference]) -> None:
    out = render(references, "A claim [@vickers2012; @mu2020]. Another [@vickers2012].\n")
    assert '<a href="#source-1" id="cite-1-1" aria-label="Source 1">1</a>' in out
    assert '<a href="#source-1" id="cite-1-2" aria-label="Source 1">1</a>' in out
    assert '<a href="#source-2" id="cite-2-1" aria-label="Source 2">2</a>' in out
    assert '<li id="source-1">' in out and '<li id="source-2">' in out
    # Each source links back to every place it is cited (footnote style).
    assert 'href="#cite-1-1"' in out.split('<li id="source-1">')[1] and 'href="#cite-1-2"' in out.split('<li id="source-1">')[1]
    assert '<a href="#cite-2-1" class="cite-back">Back to text</a>' in out
    assert '<a href="../references/#vickers2012" class="cite-all">' in out


@pytest.mark.parametrize(
    "marker",
    ["[@vickers2012, @mu2020]", "[ @vickers2012 ]", "[@vickers.2012]", "[@vickers2012 ]", "[@vickers2012;mu2020]"],
)
def test_malformed_citation_fails_with_file_and_line(references: dict[str, Reference], marker: str) -> None:
    text = f"# Title\n\nA claim {marker}.\n"
    with pytest.raises(PluginError) as error:
        render(references, text)
    assert str(error.value).startswith(f"docs/example.md:3: malformed citation {marker}: write [@key] or [@key1; @key2]")


def test_citations_in_code_stay_as_written(references: dict[str, Reference]) -> None:
    text = "Cite with `[@key]` or:\n\n```markdown\nA claim [@vickers2012].\n```\n\n~~~\n[@bad, @syntax]\n~~~\n"
    out = render(references, text)
    assert "`[@key]`" in out and "A claim [@vickers2012]." in out and "[@bad, @syntax]" in out
    assert "source-1" not in out, "a citation shown as code must not add a source"


def test_unknown_key_fails_with_file_and_line(references: dict[str, Reference]) -> None:
    with pytest.raises(ContentError) as error:
        render(references, "# Title\n\nA claim [@nobody1999].\n")
    assert str(error.value) == "docs/example.md:3: unknown citation key 'nobody1999' (not in data/references.yml)"


def test_content_errors_stop_mkdocs_without_a_traceback() -> None:
    """MkDocs prints a PluginError's message alone and stops; any other error gets a traceback."""
    assert issubclass(ContentError, PluginError)


def test_snippets_are_included_by_the_snippets_extension_rules() -> None:
    out = convert('# Title\n\n--8<-- "get-help/general.md"\n')
    assert 'class="admonition get-help"' in out and "--8<--" not in out
    assert '<li id="source-1">' in out, "the box's citations join the page's source list"


@pytest.mark.parametrize("path", ["../../../../etc/hostname", "../mkdocs.yml", "/etc/hostname"])
def test_snippet_outside_includes_is_refused(path: str) -> None:
    text = f'# Title\n\n!!! note\n\n    --8<-- "{path}"\n'
    with pytest.raises(PluginError) as error:
        convert(text)
    assert re.match(r"docs/example\.md:5: Snippet at path '.*' could not be found \(snippets come from includes/ only\)", str(error.value)), error.value


def test_missing_snippet_is_refused() -> None:
    with pytest.raises(PluginError) as error:
        convert('# Title\n\n--8<-- "get-help/no-such-box.md"\n')
    assert str(error.value).startswith("docs/example.md:3: Snippet at path")


# acp/extensions/page_checks.py --------------------------------------------------------------


def check(html: str, source: str = "# Title\n") -> str:
    return page_checks.check_page(html, PageSource("example.md", source))


def test_repeated_id_names_both_elements() -> None:
    html = '<h2 id="sources">Where to get help</h2><p>x</p><h2 id="sources">Sources</h2>'
    with pytest.raises(PluginError) as error:
        check(html)
    assert str(error.value) == (
        "docs/example.md: the id 'sources' is used 2 times on the page: "
        "<h2 id=\"sources\"> 'Where to get help' and <h2 id=\"sources\"> 'Sources'; give each its own id"
    )


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<p>A claim [@vickers2012].</p>", "[@vickers2012]"),
        ("<p>Text --8&lt;-- \"get-help/general.md\"</p>", "--8<--"),
        ("<p>[[evidence-chart]]</p>", "[[evidence-chart]]"),
    ],
)
def test_unrendered_marker_fails_with_file_and_line(html: str, shown: str) -> None:
    source = f"# Title\n\n{html.removeprefix('<p>').removesuffix('</p>').replace('&lt;', '<')}\n"
    with pytest.raises(PluginError) as error:
        check(html, source)
    assert str(error.value).startswith(f"docs/example.md:3: '{shown}' was left as literal text")


def test_markers_in_code_are_allowed() -> None:
    html = "<p>Cite with <code>[@key]</code>.</p><pre><code>--8&lt;-- \"x.md\"\n[[evidence-box]]</code></pre>"
    assert check(html) == html


def test_section_links_are_named_without_a_tooltip_title() -> None:
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="Link to this section">&para;</a></h2>'
    assert section_links.name_section_links(html) == '<h2 id="a">A<a class="headerlink" href="#a" aria-label="Link to this section" tabindex="-1">&para;</a></h2>'


# acp/extensions/glossary.py -----------------------------------------------------------------


def test_glossary_lists_plural_and_case_variants_once_but_keeps_other_terms() -> None:
    terms = {"GP": "a family doctor", "GPS": "a made-up term", "NSAID": "a medicine", "NSAIDs": "medicines", "sham": "pretend", "Sham": "pretend"}
    html = glossary.definition_list(terms)
    assert re.findall(r"<dt id=\"[^\"]+\">([^<]+)</dt>", html) == ["GP", "GPS", "NSAID", "sham"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("*[RCT]: a trial\n*[RCT] a trial\n", "includes/glossary.md:2: expected '*[TERM]: definition', found '*[RCT] a trial'"),
        ("*[RCT]: a trial\n\n*[RCT]: a study\n", "includes/glossary.md:3: 'RCT' is defined twice"),
    ],
)
def test_malformed_glossary_names_the_line(text: str, message: str) -> None:
    with pytest.raises(ContentError) as error:
        glossary.read_terms(text)
    assert str(error.value) == message


def test_a_term_keeps_its_tooltip_on_first_use_only() -> None:
    html = '<p><abbr title="a trial">RCT</abbr> and <abbr title="a trial">RCT</abbr>, <abbr title="a doctor">GP</abbr></p>'
    assert glossary.first_use_only(html) == '<p><abbr title="a trial">RCT</abbr> and RCT, <abbr title="a doctor">GP</abbr></p>'


# acp/extensions/reader_aids.py --------------------------------------------------------------


def test_on_this_page_copies_heading_words_but_not_raw_html_ids() -> None:
    """A renamed section keeps its old id as raw HTML in the heading (README, Writing a page);
    the "On this page" list must not copy that element, or the id would be on the page twice."""
    words = " ".join(["word"] * 800)
    sections = "\n\n".join(f'## Part {n} <span id="old-{n}"></span> {{ #part-{n} }}\n\n{words}' for n in range(3))
    html = convert(f"# Title\n\n!!! key-points \"Key points\"\n\n    Short.\n\n{sections}\n")
    assert 'class="on-this-page"' in html, "the page is long enough for the list"
    assert html.count('id="old-1"') == 1 and '<a href="#part-1">Part 1</a>' in html
