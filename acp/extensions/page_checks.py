"""Last checks on each rendered page, once every other extension has had its turn: no
element id is used twice (people link to them, and a repeated id sends the link to the
first one), and no marker was left unrendered (`[@key]`, `[[evidence-...]]`, `--8<--`
outside code: a typo there would otherwise reach readers as literal text). Nor any Markdown
an editor meant but the engine did not render: a footnote or reference link with no
definition (`[^1]`, `[text][ref]`), a box left as `!!!` text or with nothing in it, a list
indented into a code block, a code block, bold text or comment never closed, a table with no
line of dashes, a link with no address; and no page without any text.

Enable as `acp.extensions.page_checks`, last under `markdown_extensions`.
"""

from __future__ import annotations

import html as html_module
import re
import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own name for it)
from collections import Counter

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from acp.extensions import page as current_page
from acp.extensions.markers import HTML_CODE, LEFTOVER
from acp.extensions.page import ContentError, PageSource

ELEMENT_WITH_ID = re.compile(r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*?\sid=\"(?P<id>[^\"]+)\"[^>]*>", re.IGNORECASE)
PRIORITY = 0  # the last postprocessor: the page as it will be published
# Markdown syntax that reaches the HTML as typed when its other half is missing.
UNRENDERED = (
    (re.compile(r"\[\^[^\]\n]*\]"), "a footnote with no definition: add '[^1]: the note' on its own line, or remove the marker"),
    (re.compile(r"\[[^\[\]\n]+\]\[[^\[\]\n]*\]"), "a reference link with no definition: write [words](address) or add '[ref]: address'"),
    (re.compile(r"(?:^|<p>)(?:!!!|\?\?\?\+?) ?[\w-]*", re.MULTILINE), "a box written as !!! type \"Title\" that was not rendered (is 'admonition' enabled in mkdocs.yml?)"),
    (re.compile(r"(?:`{3,}|~{3,})[^\n<]*"), "a code block with no closing line: end it with the same ``` on a line of its own"),
    (re.compile(r"(?:^|<p>)\|[^\n<]*\|", re.MULTILINE), "a table with no line of dashes under its first row: add |---|---| as its second line"),
    (re.compile(r"\*\*[^*\n<]{0,40}"), "bold text with no closing **: end it with ** in the same paragraph"),
    (re.compile(r"&lt;!--[^\n<]{0,40}"), "a comment with no closing -->: end it with --> or remove it"),
)
EMPTY_LINK = re.compile(r'<a href="">(?P<words>(?:(?!</a>).)*)</a>')
EMPTY_BOX = re.compile(r'<(?:div|details) class="admonition[^"]*"[^>]*>\s*<(?:p|summary) class="admonition-title">(?P<title>(?:(?!</p>|</summary>)[^\n])*)</(?:p|summary)>\s*</(?:div|details)>')
# An indented code block (not fenced: a fence adds a class) that holds a list or a box.
LIST_IN_CODE = re.compile(r"<pre><code>(?P<first>(?:[-*+]|\d+\.|!!!) [^\n]*)")
TEXT_ELEMENTS = ("p", "li", "td", "dd", "pre")


def describe(html: str, match: re.Match[str]) -> str:
    """A short, readable picture of an element: its tag and the start of its text."""
    end = html.find(f"</{match['tag']}", match.end())
    after = re.sub(r"<[^>]+>", " ", html[match.end() : end if end != -1 else match.end() + 200])
    return f"<{match['tag']} id=\"{match['id']}\"> {' '.join(after.split())[:40]!r}"


def check_page(html: str, page: PageSource) -> str:
    """The page unchanged, or a ContentError naming the file (and line) of the first problem."""
    matches = list(ELEMENT_WITH_ID.finditer(html))
    for element_id, count in Counter(match["id"] for match in matches).items():
        if count > 1:
            where = [describe(html, match) for match in matches if match["id"] == element_id]
            raise ContentError(f"{page.name}: the id '{element_id}' is used {count} times on the page: {' and '.join(where)}; give each its own id")
    outside_code = HTML_CODE.sub("", html)
    found = LEFTOVER.search(outside_code)
    if found:
        text = found.group(0).replace("&lt;", "<")
        where = page.line_of(text, elsewhere="")
        raise ContentError(f"{where}: '{text}' was left as literal text; a citation is [@key], a snippet line is --8<-- \"file.md\" on a line of its own")
    for pattern, meaning in UNRENDERED:
        found = pattern.search(outside_code)
        if found:
            text = as_written(found.group(0).removeprefix("<p>"))
            raise ContentError(f"{page.line_of(text)}: '{text}' was left as literal text: {meaning}")
    empty_link = EMPTY_LINK.search(outside_code)
    if empty_link:
        text = f"[{as_written(empty_link['words'])}]()"
        raise ContentError(f"{page.line_of(text)}: '{text}' is a link with no address: write [words](address)")
    box = EMPTY_BOX.search(html)
    if box:
        title = as_written(box["title"])
        where = page.line_of(f'"{title}"', elsewhere="") if f'"{title}"' in page.text else page.line_of(f"!!! {title.lower()}")
        raise ContentError(f"{where}: the box '{title}' is empty: indent its text by four spaces, after a blank line")
    listed = LIST_IN_CODE.search(html)
    if listed:
        first = as_written(listed["first"])
        raise ContentError(
            f"{page.line_of(first.strip())}: '{first[:40]}' became a code block (it is indented four spaces more than the text around it); "
            "indent a box's list by four spaces, a page's list not at all"
        )
    return html


def as_written(fragment: str) -> str:
    """HTML text as the editor typed it, to find its line: no tags (a glossary term's tooltip), no entities."""
    return html_module.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def has_text(root: etree.Element) -> bool:
    return any("".join(element.itertext()).strip() for element in root.iter() if element.tag in TEXT_ELEMENTS)


class PageChecks(Postprocessor):
    """No id used twice; no marker or unrendered Markdown left as literal text outside code."""

    def run(self, text: str) -> str:
        return check_page(text, current_page.current(self.md))


class PageHasText(Treeprocessor):
    """On the whole page once (the postprocessors also see headings and the table of contents
    alone): a page with a title and nothing else was an editor's slip, not a page."""

    def run(self, root: etree.Element) -> None:
        if not has_text(root):
            raise ContentError(f"{current_page.current(self.md).name}: the page has no text (only a title, or nothing after its front matter)")


class PageChecksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(PageChecks(md), "acp_page_checks", PRIORITY)
        md.treeprocessors.register(PageHasText(md), "acp_page_has_text", 1)


def makeExtension(**kwargs: object) -> PageChecksExtension:  # noqa: N802
    return PageChecksExtension(**kwargs)
