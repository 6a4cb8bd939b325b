"""The post-build steps (acp/postbuild.py: the offline copy's link, compact HTML, inline
first-screen styles, robots.txt), run by MkDocs and ProperDocs after every build, so a plain
`mkdocs build` or `mkdocs serve` makes the whole site. Other engines are followed by
`python -m acp.postbuild site`; running it again after this hook changes nothing."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from acp import postbuild, site_config


def on_post_build(config: MkDocsConfig) -> None:
    try:
        postbuild.run(Path(config.site_dir), config.site_url, config.theme.get("features", []), site_config.delivery({"extra": config.extra}))
    except (postbuild.PostBuildError, ValueError) as error:
        raise PluginError(str(error)) from None
