"""The work every build needs on the built site, with any engine:

    python -m acp.postbuild site

in this order, on every page: the offline copy's link made absolute, the theme's stylesheets
trimmed to one shared file with each page's first-screen rules inline (acp/inline_css.py), the
template's indentation dropped (acp/compact_html.py); then robots.txt. Each step can run
twice on the same site with the same result, so MkDocs and ProperDocs run it as a hook (hooks/postbuild.py, which keeps
`mkdocs serve` whole) and `make build` runs it again after whichever engine built.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Collection
from pathlib import Path

from acp import compact_html, inline_css, site_config

# The downloadable offline copy, which `make build` puts in the published site (the Makefile's
# OFFLINE_ZIP names the same file). Every build links to that published file: a plain build,
# a preview and the offline copy itself do not hold it, and a link must not lead nowhere.
OFFLINE_ZIP = "acupuncture-chronic-pain-offline.zip"
OFFLINE_LINK = re.compile(rf'href="[^"]*{re.escape(OFFLINE_ZIP)}"')


class PostBuildError(Exception):
    """A setting the post-build steps cannot work with; the message names it."""


def offline_link(html: str, site_url: str) -> str:
    """Links to the offline copy's zip lead to the published one."""
    if OFFLINE_ZIP not in html:
        return html
    return OFFLINE_LINK.sub(f'href="{site_url.rstrip("/")}/{OFFLINE_ZIP}"', html)


def robots_txt(site_url: str) -> str:
    """Allow everything and point crawlers at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def run(site: Path, site_url: str | None, features: list[str], delivery: Collection[str] = site_config.DELIVERY_PARTS) -> None:
    """The steps on the built `site`; `delivery` (mkdocs.yml `extra.delivery`) says which parts
    of the delivery work run: without "styles" pages keep the theme's whole stylesheets,
    without "html" the template's indentation."""
    if not site_url:
        raise PostBuildError("mkdocs.yml: site_url is missing: robots.txt, the sitemap and the offline copy's link need the published address")
    if "styles" in delivery and "navigation.instant" in features:
        # Instant navigation swaps page bodies without reloading the head: the first
        # page's inline rules would then be applied to another page.
        raise PostBuildError("mkdocs.yml: per-page first-screen styles (acp/inline_css.py) cannot work with the navigation.instant feature")
    site = site.resolve()
    built = {page: page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))}
    pages = {page: offline_link(html, site_url) for page, html in built.items()}
    if "styles" in delivery:
        inline_css.inline(site, pages)
    if "html" in delivery:  # last: also where stylesheet links were taken out
        pages = {page: compact_html.compact(html) for page, html in pages.items()}
    for page, html in pages.items():
        if html != built[page]:
            page.write_text(html, encoding="utf-8")
    (site / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acp.postbuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--config", type=Path, default=Path(site_config.CONFIG_FILE), help="the site's configuration (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here (no index.html)", file=sys.stderr)
        return 1
    settings = site_config.load(args.config)
    try:
        run(args.site, settings.get("site_url"), site_config.theme_features(settings), site_config.delivery(settings))
    except PostBuildError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
