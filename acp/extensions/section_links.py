"""Section links: the ¶ beside each heading is named for screen readers, without a title.

With the theme's tooltips on (`content.tooltips`), every element in the page content that
has a `title` gets a tooltip of its own as the page starts: on a long page, a dozen section
links, each costing main-thread time just after the first paint, all with the same three
words. As `aria-label` (the words of the toc extension's `permalink_title`), screen readers
say "Link to this section" instead of the sign's name; sighted readers see the ¶ as before.
It is also out of the Tab order (`tabindex="-1"`): a keyboard reader met a ¶ before every
section, and one as the second stop of every page. A mouse or a long press still copies it.

Enable as `acp.extensions.section_links` under `markdown_extensions`, with `toc` and its
`permalink` option. It renames the attribute in the finished HTML, where it keeps its place
in the tag (Python-Markdown writes attributes in alphabetical order).
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from acp.extensions.page import ContentError

SECTION_LINK_TITLE = re.compile(r'(<a class="headerlink" href="#[^"]*") title="([^"]*)"')
PRIORITY = 5  # on the finished HTML, after raw HTML is put back (30)


def name_section_links(html: str) -> str:
    return SECTION_LINK_TITLE.sub(r'\1 aria-label="\2" tabindex="-1"', html)


class SectionLinks(Postprocessor):
    """The ¶ beside a heading: aria-label, not a title."""

    def run(self, text: str) -> str:
        # MkDocs enables toc by itself, without permalinks: with the setting gone the site
        # would build without a single section link, and readers could not link to a section.
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None  # noqa: SIM401 (a Registry has no get)
        if not getattr(toc, "use_permalinks", False):
            raise ContentError(
                "mkdocs.yml: markdown_extensions has no 'toc' with 'permalink: true', which acp.extensions.section_links needs "
                "(the link beside each heading that readers copy to link to a section); add it above acp.extensions.section_links"
            )
        return name_section_links(text)


class SectionLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(SectionLinks(md), "acp_section_links", PRIORITY)


def makeExtension(**kwargs: object) -> SectionLinksExtension:  # noqa: N802
    return SectionLinksExtension(**kwargs)
