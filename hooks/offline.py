"""Offline copy (`make offline`; `make build` makes it too and ships the zip in the site).

Material's offline plugin loads a worker shim from unpkg.com, which a copy opened from
file:// without internet cannot reach: point it at the copy shipped with the site
(docs/assets/javascripts/vendor/, from the iframe-worker npm package). The copy's link to
the zip is the post-build step's (acp/postbuild.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

LOCAL_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


def on_config(config: MkDocsConfig) -> None:
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [LOCAL_SHIM if "iframe-worker" in url else url for url in polyfills]
