"""Drop the template's indentation from every page: about 10 KB of spaces and blank lines
a page (0.6-0.7 KB gzip), which every page of a visit downloads and parses.

Runs of spaces become one space and a line break with the indentation around it one line
break, so the page renders exactly as before: outside preformatted text, a browser shows
any run of white space as one space. Left as they are: `<pre>`, `<textarea>`, `<script>`
and `<style>` elements, and the page's text (`<article>`), which is the Markdown's own
output and stays byte for byte what tests/snapshots/articles/ holds."""

from __future__ import annotations

import re

KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>|<article\b.*?</article>", re.DOTALL | re.IGNORECASE)
SPACES = re.compile(r"[ \t]{2,}")
LINE_BREAK = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> str:
    """`html` with runs of white space shortened outside the KEPT elements."""
    parts, start = [], 0
    for kept in KEPT.finditer(html):
        parts += [squeeze(html[start:kept.start()]), kept.group(0)]
        start = kept.end()
    return "".join([*parts, squeeze(html[start:])])


def squeeze(text: str) -> str:
    return LINE_BREAK.sub("\n", SPACES.sub(" ", text))
