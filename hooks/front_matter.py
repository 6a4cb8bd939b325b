"""Front matter checks: every page needs well-formed YAML with a title and a description.

MkDocs silently ignores YAML it cannot parse (the block then shows up as page text),
so this hook re-reads the source and fails the build naming the file and line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
DESCRIPTION_LENGTH = range(50, 161)  # search engines show about 160 characters


def parse_front_matter(source: str, path: str) -> dict[str, Any]:
    """Return the front matter of a page, or raise PluginError naming file and line."""
    match = FRONT_MATTER.match(source)
    if not match:
        raise PluginError(f"{path}:1: page has no front matter (a '---' block with title and description)")
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based lines
        problem = getattr(error, "problem", None) or str(error)
        raise PluginError(f"{path}:{line}: malformed front matter: {problem}") from None
    if not isinstance(data, dict):
        raise PluginError(f"{path}:2: front matter must be a mapping of keys to values")
    return data


def on_page_markdown(markdown: str, *, page: Page, config: Any, files: Files) -> str:
    path = page.file.src_uri
    data = parse_front_matter(page.file.content_string, f"docs/{path}")
    for key in ("title", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PluginError(f"docs/{path}: front matter needs a '{key}' (text)")
        if re.search(r'["<>&]', data[key]):
            # The theme writes these into HTML attributes without escaping them.
            raise PluginError(f"docs/{path}: the {key} must not contain \" < > or & (use curly quotes “ ” and 'and')")
    length = len(data["description"])
    if length not in DESCRIPTION_LENGTH:
        raise PluginError(
            f"docs/{path}: description is {length} characters; keep it between "
            f"{DESCRIPTION_LENGTH.start} and {DESCRIPTION_LENGTH.stop - 1}"
        )
    return markdown
