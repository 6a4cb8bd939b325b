"""Reader aids at the top of a page, where a tired reader on a phone starts:

- a page with a red-flag box ("Get help now") gets a one-line warning right after its Key
  points (or its title) that links to the box, so urgent advice is one tap away;
- a long page (at least LONG_PAGE_WORDS words and three sections) gets an "On this page" list
  after it, shown on screens too narrow for the theme's own contents sidebar. When the page's
  first section holds its red-flag boxes (condition pages), the list goes after those boxes,
  so the warning signs start within a phone's first two screens (tests/test_safety_net.py).

Enable as `acp.extensions.reader_aids` under `markdown_extensions`. It reads the explicit
heading ids (`{ #id }`, set by attr_list) and the boxes made by `admonition`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own name for it)

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

HELP_BOX_CLASS = "get-help"  # the admonition type of includes/get-help/*.md
HELP_BOX_ID = "get-help-now"
KEY_POINTS_CLASS = "key-points"
LONG_PAGE_WORDS = 700  # about three phone screens of text
MIN_SECTIONS = 3
# After attr_list (8), which sets the explicit heading ids, and abbr (7); before toc (5) and
# MkDocs' collection of the anchors a link may point to, so the red-flag box's id counts as one.
PRIORITY = 6


def has_class(element: etree.Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def heading_text(heading: etree.Element) -> str:
    """A heading's words, without the theme's ¶ section link or any raw HTML inside it."""
    parts = [heading.text or ""]
    for child in heading:
        if not has_class(child, "headerlink"):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    # Inline raw HTML (`<span id="old-id"></span>`) is only a placeholder here: copied into
    # the list, it would come back as a second element with that id.
    return " ".join(HTML_PLACEHOLDER_RE.sub("", "".join(parts)).split())


class ReaderAids(Treeprocessor):
    """The red-flag link and the "On this page" list after Key points."""

    def run(self, root: etree.Element) -> None:
        children = list(root)
        anchor = next((child for child in children if child.tag == "div" and has_class(child, KEY_POINTS_CLASS)), None)
        if anchor is None:
            anchor = next((child for child in children if child.tag == "h1"), None)
        if anchor is None:
            return
        aids: list[etree.Element] = []
        help_box = next((div for div in root.iter("div") if has_class(div, HELP_BOX_CLASS)), None)
        if help_box is not None:
            box_id = help_box.get("id") or HELP_BOX_ID
            help_box.set("id", box_id)
            warning = etree.Element("p", {"class": "urgent-link"})
            strong = etree.SubElement(warning, "strong")
            strong.text = "Some symptoms need a doctor first."
            strong.tail = " "
            link = etree.SubElement(warning, "a", {"href": f"#{box_id}"})
            link.text = "See when to get help now"
            link.tail = "."
            aids.append(warning)
        sections = [child for child in children if child.tag == "h2" and child.get("id")]
        words = len(" ".join(root.itertext()).split())
        if len(sections) >= MIN_SECTIONS and words >= LONG_PAGE_WORDS:
            nav = etree.Element("nav", {"class": "on-this-page", "aria-label": "On this page"})
            title = etree.SubElement(nav, "p", {"class": "on-this-page__title"})
            title.text = "On this page"
            items = etree.SubElement(nav, "ul")
            for heading in sections:
                link = etree.SubElement(etree.SubElement(items, "li"), "a", {"href": f"#{heading.get('id')}"})
                link.text = heading_text(heading)
            aids.append(nav)
        position = children.index(anchor) + 1
        # The later place first, so that the earlier index still holds; at one place, the
        # red-flag link comes before the list.
        for aid in reversed(aids):
            root.insert(after_first_help_section(children, position) if aid.tag == "nav" else position, aid)


def after_first_help_section(children: list[etree.Element], position: int) -> int:
    """Where the "On this page" list goes: at `position`, unless the first block after it is a
    section heading followed (after any short text) by red-flag boxes; then after the last of
    those boxes."""
    if position >= len(children) or children[position].tag != "h2":
        return position
    end = position
    for index in range(position + 1, len(children)):
        child = children[index]
        if child.tag in ("h2", "h3"):
            break
        if child.tag == "div" and has_class(child, HELP_BOX_CLASS):
            end = index + 1
        elif end > position:  # the first block after the boxes
            break
    return end


class ReaderAidsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(ReaderAids(md), "reader_aids", PRIORITY)


def makeExtension(**kwargs: object) -> ReaderAidsExtension:  # noqa: N802
    return ReaderAidsExtension(**kwargs)
