"""Offline copy (`make offline`; `make build` makes it too and puts the zip in site/).

Material's offline plugin loads a worker shim from unpkg.com, which a copy opened from
file:// without internet cannot reach: point it at the copy shipped with the site
(docs/assets/javascripts/vendor/, from the iframe-worker npm package).

Inside the offline copy, the about page's download link would point at a zip the copy
does not contain: there it links to the zip on the published site instead."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

LOCAL_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
ZIP = "acupuncture-chronic-pain-offline.zip"  # same name as in the Makefile


def building_offline_copy(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_config(config: MkDocsConfig) -> None:
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [LOCAL_SHIM if "iframe-worker" in url else url for url in polyfills]


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not building_offline_copy(config) or not config.site_url or ZIP not in html:
        return html
    published = config.site_url.rstrip("/") + "/" + ZIP
    return re.sub(rf'href="[^"]*{re.escape(ZIP)}"', f'href="{published}"', html)
