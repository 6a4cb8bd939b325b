"""Tables that read as cards on a phone: each cell carries its column's heading as
`data-label`, so below 600 px (docs/stylesheets/extra.css) each row becomes a card of
"heading: value" lines instead of a table wider than the screen.

The cells carry no ARIA roles: the HTML checker refuses them inside a table. Enable as `acp.extensions.table_cards` under `markdown_extensions`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own name for it)

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

CARD_LABEL = "data-label"
CARDS = "data-cards"  # on the table: not a class, which would drop the theme's table:not([class]) rules
PRIORITY = 3  # any time after the tables extension has built the table; after condition_layout (4), not tied with it


def label_cells(table: etree.Element) -> None:
    headings = [" ".join("".join(th.itertext()).split()) for th in table.iter("th")]
    table.set(CARDS, "")
    for row in table.iter("tr"):
        for column, cell in enumerate(cell for cell in row if cell.tag in ("td", "th")):
            if cell.tag == "td" and column < len(headings) and headings[column]:
                cell.set(CARD_LABEL, headings[column])


class TableCards(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            label_cells(table)


class TableCardsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(TableCards(md), "acp_table_cards", PRIORITY)


def makeExtension(**kwargs: object) -> TableCardsExtension:  # noqa: N802
    return TableCardsExtension(**kwargs)
