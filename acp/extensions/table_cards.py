"""Tables that read as cards on a phone: each cell carries its column's heading as
`data-label`, so below 600 px (docs/stylesheets/extra.css) each row becomes a card of
"heading: value" lines instead of a table wider than the screen.

The table keeps its roles (`table`, `row`, `columnheader`, `cell`) when the stylesheet
changes its display, as browsers drop a table's semantics once it is no longer laid out as
one. Enable as `acp.extensions.table_cards` under `markdown_extensions`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown's own name for it)

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

CARD_LABEL = "data-label"
PRIORITY = 4  # any time after the tables extension has built the table


def label_cells(table: etree.Element) -> None:
    headings = [" ".join("".join(th.itertext()).split()) for th in table.iter("th")]
    table.set("role", "table")
    for row in table.iter("tr"):
        row.set("role", "row")
        for column, cell in enumerate(cell for cell in row if cell.tag in ("td", "th")):
            if cell.tag == "th":
                cell.set("role", "columnheader")
            else:
                cell.set("role", "cell")
                if column < len(headings) and headings[column]:
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
