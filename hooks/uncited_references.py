"""After the whole site is built: which references no page cites. They stay on the
references page, but the list tells an editor what may be unused. Only a build of the
whole site can say this, so it is a hook; the citing itself is a Markdown extension
(acp/extensions/citations.py), which records each key it numbers."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from acp.extensions import citations

log = logging.getLogger("mkdocs.hooks.uncited_references")


def on_config(config: MkDocsConfig) -> None:
    citations.CITED.clear()  # `make serve` rebuilds in the same process


def on_post_build(config: MkDocsConfig) -> None:
    references = citations.load_references(Path(config.config_file_path).parent)
    unused = sorted(set(references) - citations.CITED)
    if unused:
        log.info("References not cited on any page (listed on the references page only): %s", ", ".join(unused))
