"""Section links: the ¶ beside each heading is named for screen readers, without a title.

With the theme's tooltips on (`content.tooltips`), every element in the page content that
has a `title` gets a tooltip of its own as the page starts: on a long page, a dozen section
links, each costing main-thread time just after the first paint, all with the same three
words. As `aria-label` (the words of `permalink_title` in mkdocs.yml), screen readers say
"Link to this section" instead of the sign's name; sighted readers see the ¶ as before.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

SECTION_LINK_TITLE = re.compile(r'(<a class="headerlink" href="#[^"]*") title="([^"]*)"')


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    return SECTION_LINK_TITLE.sub(r'\1 aria-label="\2"', html)
