"""Text from a data file, made safe for a page: the one place that decides what markup data
text may carry.

- `escape(text)`: plain text for HTML (element content or a quoted attribute).
- `inline_markdown(text)`: Markdown source for a page, with only the inline Markdown the site
  uses: emphasis (`*a*`, `**a**`, `_a_`), links to https/http or relative targets
  (`[words](https://...)`, `[words](../safety.md#x)`) and citations (`[@key]`). Everything
  else is escaped, so it reaches readers as the characters typed: raw HTML, entities, images,
  reference links, code spans, attribute lists (`{: onclick=...}`), and anything at the start
  of the text that would begin a block (a heading, list, quote, admonition). Line breaks
  become spaces: the text stays in the line the page puts it on.
- `unsafe_links(text)`: the link targets that `inline_markdown` would not make links, so the
  schema can refuse them with file and line (acp/schema.py).

Every text field of acp/schema.py that reaches a page goes through one of the first two.
"""

from __future__ import annotations

import html
import re

# What the site allows, found in the raw text before anything is escaped.
CITATION = re.compile(r"\[@[\w-]+(?:\s*;\s*@[\w-]+)*\]")
LINK = re.compile(r"\[(?P<words>[^\[\]\n]+)\]\((?P<target>(?:[^()\s]|\([^()\s]*\))+)\)")  # one level of ( ) in a target
ALLOWED = re.compile(f"{CITATION.pattern}|{LINK.pattern}")
# Escaped with a backslash wherever they are: code spans, attribute lists (`{: onclick=x}`),
# brackets of reference links and footnotes, table cells. Python-Markdown renders `\\x` as x.
ESCAPED = set("\\`{}[]|")
# HTML's own characters, as entities: Markdown passes them through as text, so no raw HTML.
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# At the very start of the text these would begin a block (list, heading, quote, admonition,
# details, definition, rule, fence); the first character is then written as an entity.
BLOCK_START = re.compile(r"#|[-+*_=:~?!|](?=\s|$|[-+*_=:~?!|])")
NUMBERED_LIST = re.compile(r"(\d+)\.(?=\s)")
# Characters browsers drop from a URL before reading its scheme.
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")
SCHEME = re.compile(r"^([^/?#]*?):")


def escape(text: str) -> str:
    """Plain text for HTML: `<`, `>`, `&` and both quotes as entities."""
    return html.escape(text, quote=True)


def is_safe_target(target: str) -> bool:
    """An https/http address, or a path on this site (`page.md`, `../x/`, `#section`).
    Not `javascript:`, `data:` or any other scheme, however it is disguised (entities, case,
    spaces), and not `//host/` (another site, without saying so)."""
    plain = IGNORED_IN_URL.sub("", html.unescape(target))
    if plain.startswith(("//", "\\")):
        return False
    scheme = SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in ("http", "https")


def unsafe_links(text: str) -> list[str]:
    """The targets of `[words](target)` links in `text` that the site would not link to."""
    return [match["target"] for match in LINK.finditer(text) if not is_safe_target(match["target"])]


def _escape_plain(text: str) -> str:
    out = "".join(ENTITIES.get(char) or (f"\\{char}" if char in ESCAPED else char) for char in text)
    return out.replace("!\\[", "&#33;\\[")  # not an image


def _escape_inline(text: str) -> str:
    """`text` with its citations and safe links kept and everything else escaped."""
    parts, start = [], 0
    for match in ALLOWED.finditer(text):
        before = _escape_plain(text[start : match.start()])
        parts.append(before[:-1] + "&#33;" if before.endswith("!") else before)  # a link, not an image
        if match["target"] is None:  # a citation: the citations extension numbers it
            parts.append(match.group(0))
        elif is_safe_target(match["target"]):
            parts.append(f"[{_escape_plain(match['words'])}]({_escape_target(match['target'])})")
        else:  # shown as typed, not a link (the schema refuses it first: unsafe_links)
            parts.append(_escape_plain(match.group(0)))
        start = match.end()
    parts.append(_escape_plain(text[start:]))
    return "".join(parts)


def _escape_target(target: str) -> str:
    return target.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace('"', "%22")


def inline_markdown(text: str) -> str:
    """`text` as Markdown source that renders only emphasis, safe links and citations
    (see the module's docstring); everything else shows as the characters typed."""
    text = " ".join(text.split())
    if BLOCK_START.match(text):
        return f"&#{ord(text[0])};" + _escape_inline(text[1:])
    numbered = NUMBERED_LIST.match(text)
    if numbered:  # "1. " would start a numbered list; "1\. " is the same text
        return numbered[1] + "\\." + _escape_inline(text[numbered.end() :])
    return _escape_inline(text)
