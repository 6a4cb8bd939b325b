"""Inline the stylesheets into each page.

On a slow phone connection, each render-blocking stylesheet costs a round trip before
the first words appear. Inlining them lets a page paint as soon as its HTML arrives.
The stylesheet files themselves are unchanged (the theme's and docs/stylesheets/extra.css).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+\.css)">')


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)

    @cache
    def css(path: Path) -> str:
        # "</style" cannot occur in these files; guard anyway so a page can never break.
        text = path.read_text(encoding="utf-8")
        return "" if "</style" in text.lower() else text

    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")

        def inline(match: re.Match[str]) -> str:
            target = (page.parent / match["href"]).resolve()
            if page.name == "404.html" and match["href"].startswith("/"):
                target = (site / match["href"].lstrip("/")).resolve()
            text = css(target) if target.is_file() and site.resolve() in target.parents else ""
            return f"<style>{text}</style>" if text else match[0]

        page.write_text(STYLESHEET.sub(inline, html), encoding="utf-8")
