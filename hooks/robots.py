"""robots.txt: allow everything and point crawlers at the sitemap, from site_url."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def on_post_build(config: MkDocsConfig) -> None:
    if not config.site_url:  # hooks/checks.py says so first; this hook may run without it
        raise PluginError("mkdocs.yml: site_url is not set; robots.txt points crawlers to the sitemap at site_url")
    sitemap = config.site_url.rstrip("/") + "/sitemap.xml"
    Path(config.site_dir, "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8")
