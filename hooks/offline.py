"""Offline copy: Material's offline plugin loads a worker shim from unpkg.com, which a copy
opened from file:// without internet cannot reach. Point it at the copy shipped with the site
(docs/assets/javascripts/vendor/, from the iframe-worker npm package)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

LOCAL_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


def on_config(config: MkDocsConfig) -> None:
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [LOCAL_SHIM if "iframe-worker" in url else url for url in polyfills]
