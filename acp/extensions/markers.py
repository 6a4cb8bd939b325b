"""The markers authors write in pages, defined once, and the one rule every marker follows:
inside a code span or a code block it stays as written, so that the syntax can be shown.

- a citation, `[@key]` or `[@key1; @key2]` (acp/extensions/citations.py);
- a block marker, `[[name]]` on its own (evidence, glossary and the other content rules);
- a snippet line, `--8<--` (pymdownx.snippets).

acp/extensions/page_checks.py refuses any of them left in a finished page outside code.
"""

from __future__ import annotations

import re
from collections.abc import Callable

CITATION = re.compile(r"\[@([\w-]+(?:\s*;\s*@[\w-]+)*)\]")
# Anything that looks like a citation marker; each must also match CITATION.
CITATION_LIKE = re.compile(r"\[\s*@[^\]\n]*\]")
BLOCK_MARKER = re.compile(r"\[\[[\w-]+\]\]")
SNIPPET_LINE = "--8<--"
# In the finished HTML (where `<` of a snippet line written as text is escaped).
LEFTOVER = re.compile("|".join([CITATION_LIKE.pattern, BLOCK_MARKER.pattern, re.escape(SNIPPET_LINE.replace("<", "&lt;")), re.escape(SNIPPET_LINE)]))

# In Markdown: fenced code blocks (at any indent), then inline code spans.
CODE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=fence)[ \t]*$|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)",
    re.MULTILINE | re.DOTALL,
)
# In HTML: what the engine made of code.
HTML_CODE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.DOTALL | re.IGNORECASE)


def outside_code(markdown: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the text between code blocks and code spans."""
    parts, start = [], 0
    for match in CODE.finditer(markdown):
        parts += [change(markdown[start : match.start()]), match.group(0)]
        start = match.end()
    return "".join(parts + [change(markdown[start:])])


def replace_outside_code(markdown: str, marker: str, replacement: Callable[[], str]) -> str:
    """`markdown` with each `marker` outside code replaced (the replacement made once, if needed)."""
    made: list[str] = []

    def change(text: str) -> str:
        if marker not in text:
            return text
        if not made:
            made.append(replacement())
        return text.replace(marker, made[0])

    return outside_code(markdown, change)


def count_outside_code(markdown: str, marker: str) -> int:
    found = 0

    def count(text: str) -> str:
        nonlocal found
        found += text.count(marker)
        return text

    outside_code(markdown, count)
    return found
