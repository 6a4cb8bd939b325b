"""Markers in page text: citations, snippets, element ids and the glossary. Each malformed or
misplaced marker either renders as intended or stops the build with file:line; none reaches
readers as literal text. The Markdown extensions (acp/extensions/) and the page-checks hook
run here directly, without a build (milliseconds each); tests/test_build.py checks the same
messages through a real build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
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


def test_content_errors_stop_mkdocs_without_a_traceback(tmp_path: Path) -> None:
    """A real `mkdocs build` of a one-page site citing a key that does not exist: MkDocs prints
    the content rule's message, naming the file and line, and stops without a traceback."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data/references.yml").write_bytes((ROOT / "data/references.yml").read_bytes())
    (tmp_path / "docs/index.md").write_text("# Home\n\nA claim [@no-such-key].\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nmarkdown_extensions:\n  - attr_list\n  - toc\n  - acp.extensions.citations\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "docs/index.md:3: unknown citation key 'no-such-key'" in log, log
    assert "Traceback" not in log, log


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


def test_section_links_are_named_without_a_tooltip_title_and_out_of_the_tab_order() -> None:
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
        ("*[dry needling]: x\n*[dry-needling]: y\n", "includes/glossary.md:2: 'dry-needling' and 'dry needling' (line 1) would share the link #dry-needling on the glossary page; merge them or reword one"),
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


# Markdown an editor meant but the engine did not render (acp/extensions/page_checks.py) -----


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Title\n\nA claim.[^1]\n", "docs/example.md:3: '[^1]' was left as literal text: a footnote with no definition"),
        ("# Title\n\nSee [the NHS][nhs].\n", "docs/example.md:3: '[the NHS][nhs]' was left as literal text: a reference link with no definition"),
        ("# Title\n\nText.\n\n!!! note\n", "docs/example.md:5: the box 'Note' is empty: indent its text by four spaces"),
        ('# Title\n\n!!! key-points "Key points"\n\n- One.\n', "docs/example.md:3: the box 'Key points' is empty"),
        ("# Title\n\nText:\n\n    - item one\n    - item two\n", "docs/example.md:5: '- item one' became a code block"),
        ("# Title\n", "docs/example.md: the page has no text"),
        ("# Title\n\nText.\n\n```python\nprint(1)\n", "docs/example.md:5: '```python' was left as literal text: a code block with no closing line"),
        ("# Title\n\n| Risk | How often |\n| Bruising | Common |\n", "docs/example.md:3: '| Risk | How often |' was left as literal text: a table with no line of dashes"),
        ("# Title\n\nThis is **very important.\n", "docs/example.md:3: '**very important.' was left as literal text: bold text with no closing **"),
        ("# Title\n\nText.\n\n<!-- note to self\n\nMore text.\n", "docs/example.md:5: '<!-- note to self' was left as literal text: a comment with no closing -->"),
        ("# Title\n\nAsk [the NHS]() first.\n", "docs/example.md:3: '[the NHS]()' is a link with no address"),
    ],
)
def test_unrendered_markdown_fails_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(PluginError) as error:
        convert(text)
    assert str(error.value).startswith(message), error.value


def test_a_box_left_as_text_is_refused() -> None:
    """With `admonition` missing the box reaches readers as '!!! key-points'; the check after
    rendering says so even where the extension's own settings check (below) did not run."""
    with pytest.raises(PluginError) as error:
        check('<p>!!! key-points "Key points"</p>', '# Title\n\n!!! key-points "Key points"\n')
    assert str(error.value).startswith("docs/example.md:3: '!!! key-points' was left as literal text: a box written as !!! type"), error.value


def test_fenced_code_may_hold_list_markdown() -> None:
    out = convert("# Title\n\nWrite a list:\n\n```markdown\n- item\n```\n")
    assert "item" in out and "<code>" in out


@pytest.mark.parametrize(
    ("removed", "message"),
    [
        ("admonition", "mkdocs.yml: markdown_extensions has no 'admonition', which acp.extensions.evidence needs (the evidence box is an admonition)"),
        ("abbr", "mkdocs.yml: markdown_extensions has no 'abbr', which acp.extensions.glossary needs"),
        ("tables", "mkdocs.yml: markdown_extensions has no 'tables', which acp.extensions.evidence needs"),
        ("pymdownx.snippets", "mkdocs.yml: markdown_extensions has no 'pymdownx.snippets', which acp.extensions.snippet_errors needs"),
        ("attr_list", "mkdocs.yml: markdown_extensions has no 'attr_list', which acp.extensions.citations needs"),
        ("md_in_html", "mkdocs.yml: markdown_extensions has no 'md_in_html', which acp.extensions.evidence needs"),
    ],
)
def test_a_missing_extension_is_named(removed: str, message: str) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions = [name for name in config["markdown_extensions"] if name != removed]
    md = markdown.Markdown(extensions=extensions, extension_configs={k: v for k, v in config["mdx_configs"].items() if k != removed})
    md.treeprocessors.register(StandInPage(md, "# Title\n\nText.\n"), "relpath", 0)
    with pytest.raises(PluginError) as error:
        md.convert("# Title\n\nText.\n")
    assert str(error.value).startswith(message), error.value


def test_section_links_need_the_toc_permalink_setting() -> None:
    """MkDocs enables toc by itself when mkdocs.yml leaves it out, without permalinks: the
    site would build with no section link at all."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs={k: v for k, v in config["mdx_configs"].items() if k != "toc"})
    md.treeprocessors.register(StandInPage(md, "# Title\n\nText.\n"), "relpath", 0)
    with pytest.raises(PluginError) as error:
        md.convert("# Title\n\nText.\n")
    assert str(error.value).startswith("mkdocs.yml: markdown_extensions has no 'toc' with 'permalink: true', which acp.extensions.section_links needs"), error.value


def test_a_condition_page_without_its_evidence_box_is_refused() -> None:
    class ConditionPage(StandInPage):
        def __init__(self, md: markdown.Markdown, text: str) -> None:
            super().__init__(md, text)
            self.file.src_uri = "conditions/neck-pain.md"

    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    md.treeprocessors.register(ConditionPage(md, "# Neck pain\n\nText.\n"), "relpath", 0)
    with pytest.raises(PluginError) as error:
        md.convert("# Neck pain\n\nText.\n")
    assert str(error.value) == "docs/conditions/neck-pain.md: data/evidence/ has this page's evidence, but the page has no [[evidence-box]]; put it after Key points"


def test_on_this_page_follows_the_red_flag_boxes_when_they_come_first() -> None:
    """Condition pages open with their warning signs: the list goes after those boxes (so the
    boxes start high on a phone), the red-flag link stays right after Key points; a page whose
    first section has no box keeps the list right after Key points."""
    words = " ".join(["word"] * 800)
    rest = "\n\n".join(f"## Part {n} {{ #part-{n} }}\n\n{words}" for n in range(3))
    help_first = (
        '# Title\n\n!!! key-points "Key points"\n\n    Short.\n\n## Get help first { #get-help }\n\nIntro.\n\n'
        '!!! get-help "Get help now: one"\n\n    Call 999.\n\n!!! get-help "Get help now: two"\n\n    Call 111.\n\n'
        f"Evidence.\n\n{rest}\n"
    )
    order = re.findall(r'class="(admonition key-points|urgent-link|admonition get-help|on-this-page)"|<p>(Evidence)\.</p>', convert(help_first))
    assert [first or second for first, second in order] == [
        "admonition key-points", "urgent-link", "admonition get-help", "admonition get-help", "on-this-page", "Evidence",
    ]
    help_last = f'# Title\n\n!!! key-points "Key points"\n\n    Short.\n\n{rest}\n\n## Get help {{ #get-help }}\n\n!!! get-help "Get help now: one"\n\n    Call 999.\n'
    order = re.findall(r'class="(admonition key-points|urgent-link|admonition get-help|on-this-page)"', convert(help_last))
    assert order == ["admonition key-points", "urgent-link", "on-this-page", "admonition get-help"]
