"""Last checks on each rendered page, where every hook and extension has had its turn:
no element id is used twice (people link to them, and a repeated id sends the link to the
first one), and no marker was left unrendered (`[@key]`, `[[evidence-...]]`, `--8<--`
outside code: a typo there would otherwise reach readers as literal text)."""

from __future__ import annotations

import re
from collections import Counter

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ELEMENT_WITH_ID = re.compile(r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*?\sid=\"(?P<id>[^\"]+)\"[^>]*>", re.IGNORECASE)
CODE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.DOTALL | re.IGNORECASE)
LEFTOVERS = re.compile(r"\[\s*@[^\]\n]*\]|\[\[[\w-]+\]\]|--8&lt;--|--8<--")


def describe(html: str, match: re.Match[str]) -> str:
    """A short, readable picture of an element: its tag and the start of its text."""
    end = html.find(f"</{match['tag']}", match.end())
    after = re.sub(r"<[^>]+>", " ", html[match.end() : end if end != -1 else match.end() + 200])
    return f"<{match['tag']} id=\"{match['id']}\"> {' '.join(after.split())[:40]!r}"


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = f"docs/{page.file.src_uri}"
    matches = list(ELEMENT_WITH_ID.finditer(html))
    for element_id, count in Counter(match["id"] for match in matches).items():
        if count > 1:
            where = [describe(html, match) for match in matches if match["id"] == element_id]
            raise PluginError(f"{path}: the id '{element_id}' is used {count} times on the page: {' and '.join(where)}; give each its own id")
    prose = CODE.sub("", html)
    found = LEFTOVERS.search(prose)
    if found:
        text = found.group(0).replace("&lt;", "<")
        line = next((number for number, source in enumerate(page.file.content_string.splitlines(), 1) if text in source), None)
        where = f"{path}:{line}" if line else path
        raise PluginError(f"{where}: '{text}' was left as literal text; a citation is [@key], a snippet line is --8<-- \"file.md\" on a line of its own")
    return html
