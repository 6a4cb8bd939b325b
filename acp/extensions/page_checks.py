"""Last checks on each rendered page, once every other extension has had its turn: no
element id is used twice (people link to them, and a repeated id sends the link to the
first one), and no marker was left unrendered (`[@key]`, `[[evidence-...]]`, `--8<--`
outside code: a typo there would otherwise reach readers as literal text).

Enable as `acp.extensions.page_checks`, last under `markdown_extensions`.
"""

from __future__ import annotations

import re
from collections import Counter

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from acp.extensions import page as current_page
from acp.extensions.page import ContentError, PageSource

ELEMENT_WITH_ID = re.compile(r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*?\sid=\"(?P<id>[^\"]+)\"[^>]*>", re.IGNORECASE)
CODE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.DOTALL | re.IGNORECASE)
LEFTOVERS = re.compile(r"\[\s*@[^\]\n]*\]|\[\[[\w-]+\]\]|--8&lt;--|--8<--")
PRIORITY = 0  # the last postprocessor: the page as it will be published


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
    found = LEFTOVERS.search(CODE.sub("", html))
    if found:
        text = found.group(0).replace("&lt;", "<")
        where = page.line_of(text, elsewhere="")
        raise ContentError(f"{where}: '{text}' was left as literal text; a citation is [@key], a snippet line is --8<-- \"file.md\" on a line of its own")
    return html


class PageChecks(Postprocessor):
    def run(self, text: str) -> str:
        return check_page(text, current_page.current(self.md))


class PageChecksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(PageChecks(md), "acp_page_checks", PRIORITY)


def makeExtension(**kwargs: object) -> PageChecksExtension:  # noqa: N802
    return PageChecksExtension(**kwargs)
