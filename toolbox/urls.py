"""Where a page lives: its source in docs/, its built file and its site URL. MkDocs'
directory URLs serve docs/x.md as x/index.html at /x/ and docs/x/index.md at /x/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit


def url_of_source(docs: Path, source: Path) -> str:
    """Site URL of a Markdown page: docs/conditions/neck-pain.md -> /conditions/neck-pain/."""
    parts = source.relative_to(docs).with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return "/" + "".join(part + "/" for part in parts)


def source_urls(docs: Path) -> list[str]:
    """Site URL of every page in docs/, known before the build (for test parameters)."""
    return [url_of_source(docs, source) for source in sorted(docs.rglob("*.md"))]


def built_file_of_source(docs: Path, source: Path) -> str:
    """Built file of a Markdown page, relative to the site: docs/safety.md -> safety/index.html."""
    return url_of_source(docs, source).lstrip("/") + "index.html"


def url_of(root: Path, file: Path) -> str:
    """Site URL of a built file: x/index.html -> /x/, 404.html -> /404.html."""
    return "/" + file.relative_to(root).as_posix().removesuffix("index.html")


def file_of(root: Path, url: str) -> Path | None:
    """The built file a site URL (or path, query and fragment ignored) is served from, as
    GitHub Pages maps it (a folder serves its index.html); None when there is none."""
    path = unquote(urlsplit(url).path)
    candidate = root / path.lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None
