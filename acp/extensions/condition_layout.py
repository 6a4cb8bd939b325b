"""Condition pages a tired reader can finish: on a page with an "Evidence at a glance" box,
the key points and the box give the answer, and each longer section below them is collapsed
under its heading, for those who want the details.

Each `##` section's content (what follows its heading, up to the next `##`) goes into a
`<details>` just below the heading. The heading stays outside, so its id, "On this page" and
the search index are as before; a link to a section, or to anything inside one, opens it
(docs/assets/javascripts/site.js). Sections that must stay in view are left open: any with a
"Get help now" box, the questions to ask, and those already collapsed (For clinicians, Sources).

Enable as `acp.extensions.condition_layout` under `markdown_extensions`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own name for it)

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from acp.extensions.reader_aids import HELP_BOX_CLASS, has_class, heading_text

EVIDENCE_BOX_CLASS = "evidence"
SECTION_CLASS = "section-details"
OPEN_SECTIONS = {"questions-to-ask", "for-clinicians", "sources"}
# After the toc extension (5) has set the heading ids; the section links (¶) are in by then.
PRIORITY = 4


def has_help_box(elements: list[etree.Element]) -> bool:
    return any(has_class(div, HELP_BOX_CLASS) for element in elements for div in element.iter("div"))


def has_country_tabs(elements: list[etree.Element]) -> bool:
    """The theme applies a reader's country choice (content.tabs.link) only to tabs shown when
    the page loads: tabs in a closed section kept the first country."""
    return any(has_class(div, "tabbed-set") for element in elements for div in element.iter("div"))


class ConditionLayout(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        if not any(div.tag == "div" and has_class(div, EVIDENCE_BOX_CLASS) for div in root):
            return
        children = list(root)
        # A section ends at the next ## heading, or at a block that holds its own (the questions
        # to ask, appended in a <div>), which stays open and uncollapsed.
        starts = [index for index, child in enumerate(children) if child.tag == "h2" or child.find(".//h2") is not None]
        for number, start in enumerate(starts):
            heading = children[start]
            end = starts[number + 1] if number + 1 < len(starts) else len(children)
            body = children[start + 1 : end]
            if heading.tag != "h2" or not body or heading.get("id") in OPEN_SECTIONS or has_help_box(body) or has_country_tabs(body):
                continue
            details = etree.Element("details", {"class": SECTION_CLASS})
            summary = etree.SubElement(details, "summary", {"data-search-exclude": ""})
            summary.text = "Show the details"
            hidden = etree.SubElement(summary, "span", {"class": "visually-hidden"})
            hidden.text = f": {heading_text(heading)}"
            for element in body:
                root.remove(element)
                details.append(element)
            root.insert(list(root).index(heading) + 1, details)


class ConditionLayoutExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(ConditionLayout(md), "acp_condition_layout", PRIORITY)


def makeExtension(**kwargs: object) -> ConditionLayoutExtension:  # noqa: N802
    return ConditionLayoutExtension(**kwargs)
