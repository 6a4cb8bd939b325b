"""Before any page is read: the settings the content rules need, and every data file.

The content rules (acp/extensions/) check the same things as they run, in every engine; run
there, MkDocs would first say "Error reading page 'index.md'", naming whichever page happened
to load a data file first. Checked here, the first line of the log is the file at fault:
`mkdocs.yml` for a missing setting, `data/...:LINE` or `includes/glossary.md:LINE` for a mistake
in one of them.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from acp.extensions import citations, evidence, glossary
from acp.extensions import page as current_page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is not set; robots.txt, the sitemap and each page's canonical address need it (site_url: https://...)")
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    for owner in config.markdown_extensions:
        if needs := current_page.needs_of(owner):
            current_page.require(md, owner, needs)
    root = Path(config.docs_dir).parent  # the project folder: where docs/ is (a benchmark config may live elsewhere)
    citations.load_references(root)
    evidence.load(root)
    glossary.load(root / glossary.GLOSSARY_FILE)
    return config
