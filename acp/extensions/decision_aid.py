"""Decision aids: `[[decision-grid]]` on a condition page becomes its option grid, drawn from
data/decisions/ (one file per page, schema `DecisionFile` in acp/schema.py).

The grid answers the questions people ask (how many are better, how soon, how long it lasts,
side effects, visits, cost, how sure) for each option, always as people out of 100 with the
time it was measured. "How many are better" is also an icon array: 100 dots, one per person,
drawn in inline SVG and hidden from screen readers, because the same figure is written beside
it. A page whose file says `not_known` gets a short "we cannot give these numbers yet" instead.

Everything it writes is HTML, and every string from the data is HTML-escaped on its way in,
so data text is never read as Markdown or HTML. Citations are written as `[@key]` markers
(keys checked by the schema) for acp.extensions.citations to number.

Enable as `acp.extensions.decision_aid` under `markdown_extensions`, after
`acp.extensions.evidence` and before `acp.extensions.citations`.
"""

from __future__ import annotations

import functools
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from acp import data
from acp.extensions import page as current_page
from acp.extensions.evidence import LEVELS, OUR_JUDGEMENT
from acp.extensions.markers import count_outside_code, replace_outside_code
from acp.extensions.page import ContentError
from acp.markup import escape
from acp.schema import Certainty, DecisionFile, Fact, Option, Responders, SideEffects
from acp.yaml_source import DataError

MARKER = "[[decision-grid]]"
VALUES_PAGE = "tools/what-matters.md"  # the "what matters to me" exercise each grid links to
PRIORITY = 27  # after acp.extensions.evidence (28), before the glossary (26) and citations (25)
PER_ROW = 10  # dots per row of an icon array: 10 rows of 10


def load(root: Path) -> dict[str, DecisionFile]:
    """Every decision file by page, checked; read again only when a data file or the set of pages changes."""
    files = [root / data.REFERENCES_FILE, *sorted((root / data.DECISIONS_DIR).glob("*.yml"))]
    pages = frozenset(path.relative_to(root / "docs").as_posix() for path in (root / "docs").rglob("*.md"))
    return _decisions(root, tuple((path.name, path.stat().st_mtime_ns) for path in files), pages)


@functools.lru_cache(maxsize=1)
def _decisions(root: Path, versions: tuple[tuple[str, int], ...], pages: frozenset[str]) -> dict[str, DecisionFile]:
    try:
        return data.decisions(root, set(data.references(root)), set(pages))
    except DataError as error:
        raise ContentError(str(error)) from None


def cite(keys: list[str]) -> str:
    return "[" + "; ".join(f"@{key}" for key in keys) + "]"


def sentence(text: str) -> str:
    """Data text as a sentence: a capital first letter and a full stop."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def certainty_text(certainty: Certainty) -> str:
    """Whose rating, then the level, worded as the evidence boxes word it."""
    level = f"{LEVELS[certainty.level]} certainty"
    if certainty.rated_by:
        return f"{certainty.rated_by}: {level}"
    return f"{OUR_JUDGEMENT}: {level}, because {certainty.reason}"


def in_100(count: float) -> str:
    """A count out of 100 in words: whole people, "fewer than 1" below one."""
    return "fewer than 1 in 100" if count < 1 else f"{round(count)} in 100"


def icon_array(count: int) -> str:
    """100 dots in rows of 10, the first `count` filled. Hidden from screen readers: the figure
    is written beside it."""
    dots = [f'<circle cx="{5 + 10 * (n % PER_ROW)}" cy="{5 + 10 * (n // PER_ROW)}" r="3.6"/>' for n in range(100)]
    return (
        '<svg class="icon-array" viewBox="0 0 100 100" aria-hidden="true" focusable="false">'
        f'<g class="icon-array__better">{"".join(dots[:count])}</g>'
        f'<g class="icon-array__not">{"".join(dots[count:])}</g></svg>'
    )


def fact_cell(fact: Fact) -> str:
    if fact.text:
        return f"{escape(sentence(fact.text))} {cite(fact.sources)}"
    return f'<span class="option-grid__unknown">Not known:</span> {escape(sentence(fact.not_known or ""))}'


def side_effects_cell(effects: SideEffects) -> str:
    if effects.per_100 is None:
        return f'<span class="option-grid__unknown">Not known:</span> {escape(sentence(effects.not_known or ""))}'
    return (
        f"<strong>About {in_100(effects.per_100)}</strong> {escape(effects.counted or '')}, {escape(effects.follow_up or '')}. "
        f'<span class="option-grid__sure">{escape(sentence(certainty_text(effects.certainty)))}</span> {cite(effects.sources)}'  # type: ignore[arg-type]
    )


def responders_cell(figures: Responders, option: Option) -> str:
    if option.id not in figures.per_100:
        return '<span class="option-grid__unknown">Not in these trials.</span>'
    count = figures.per_100[option.id]
    return f'<p class="option-grid__count"><strong>{in_100(count)}</strong> were better</p>{icon_array(count)}'


def row(heading: str, cells: list[tuple[str, str]], row_id: str = "") -> str:
    """A table row: its question, then one cell per option. Each cell carries its option's name
    (`data-label`), shown above it when a phone stacks the cells, so each answer still says
    which option it is about (as text, to screen readers too)."""
    attribute = f' id="{row_id}"' if row_id else ""
    return (
        f'<tr{attribute}><th scope="row">{heading}</th>'
        + "".join(f'<td data-label="{escape(label)}">{cell}</td>' for label, cell in cells)
        + "</tr>"
    )


def summary_of(figures: Responders, options: list[Option]) -> str:
    """'48 in 100 with acupuncture against 17 in 100 with usual care alone', in column order."""
    parts = [f"{in_100(figures.per_100[option.id])} with {escape(option.label[:1].lower() + option.label[1:])}" for option in options if option.id in figures.per_100]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 2 else " against ".join(parts)


def grid(decision: DecisionFile) -> str:
    """The option grid as one HTML block: a table; on a phone its cells stack under each question."""
    options = decision.options

    def cells(content: list[str]) -> list[tuple[str, str]]:
        return [(option.label, cell) for option, cell in zip(options, content, strict=True)]

    rows = []
    for number, figures in enumerate(decision.responders, start=1):
        heading = (
            "How many are better?"
            f'<span class="option-grid__detail">Better means they {escape(figures.better)}. '
            f"Measured {escape(figures.follow_up)}, in {escape(figures.trials)}. {cite(figures.sources)}</span>"
        )
        rows.append(row(heading, cells([responders_cell(figures, option) for option in options]), f"option-grid-better-{number}"))
    rows.append(row("How soon does it help?", cells([fact_cell(option.how_soon) for option in options])))
    rows.append(row("How long does it last?", cells([fact_cell(option.how_long) for option in options])))
    rows.append(row("Side effects, out of 100 people", cells([side_effects_cell(option.side_effects) for option in options])))
    rows.append(row("How many visits?", cells([fact_cell(option.visits) for option in options])))
    rows.append(row("What does it cost?", cells([fact_cell(option.cost) for option in options])))
    sure = "".join(
        f"<li>{summary_of(figures, options)}, measured {escape(figures.follow_up)}. {escape(sentence(certainty_text(figures.certainty)))}</li>"
        for figures in decision.responders
    )
    rows.append(
        '<tr><th scope="row">How sure are these numbers?</th>'
        f'<td colspan="{len(options)}" class="option-grid__all"><ul>{sure}</ul></td></tr>'
    )
    columns = "".join(
        f'<th scope="col">{escape(option.label)}'
        + (f'<span class="option-grid__detail">{escape(sentence(option.what))}</span>' if option.what else "")
        + "</th>"
        for option in options
    )
    return (
        '<div class="option-grid">'
        '<table class="option-grid__table">'
        '<caption id="option-grid-caption">What happened to 100 people with each option</caption>'
        f'<thead><tr><th scope="col">Question</th>{columns}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def section(decision: DecisionFile, values: str) -> str:
    """What replaces the marker: HTML blocks only, so data text is never read as Markdown
    (a `[words](target)` in the data stays text, not a link). `values`: the URL of the values
    exercise, relative to the page."""
    to_values = f'<a href="{escape(values)}">what matters to me, and questions to ask</a>'
    if decision.not_known:
        return (
            f"<p>We cannot give these numbers yet, because {escape(decision.not_known)}. "
            "We never guess a number. We will add them here when a good source gives them.</p>\n\n"
            f"<p>You can still think through your choice with {to_values}.</p>\n"
        )
    missing = "".join(f"<li><strong>{escape(item.what)}:</strong> {escape(sentence(item.not_known))}</li>" for item in decision.missing)
    methods = " ".join(escape(sentence(figures.method)) for figures in decision.responders if figures.method)
    return (
        f"<p>These numbers come from {escape(decision.people or '')}. Every number is out of 100 people, "
        "so you can compare the options. In each picture, a filled dot is one person who was better. "
        f"Your own chances may be different. Before you choose, try {to_values}.</p>\n\n"
        f"{grid(decision)}\n\n"
        + (f"<p><strong>How we worked out the numbers:</strong> {methods}</p>\n\n" if methods else "")
        + (f"<p><strong>We cannot give numbers yet for:</strong></p>\n\n<ul>{missing}</ul>\n" if missing else "")
    )


def render(markdown: str, decisions: dict[str, DecisionFile], page: current_page.PageSource) -> str:
    """The page with its grid marker replaced by its option grid (a marker inside code stays as written)."""
    found = count_outside_code(markdown, MARKER)
    if not found:
        return markdown
    if found > 1:
        raise ContentError(f"{page.line_of(MARKER)}: {MARKER} appears {found} times; use it once per page")
    decision = decisions.get(page.path or "")
    if decision is None:
        raise ContentError(f"{page.line_of(MARKER)}: {MARKER} but no file in {data.DECISIONS_DIR}/ has page: {page.path}")
    values = page.relative_url(VALUES_PAGE) or "/" + VALUES_PAGE.removesuffix(".md") + "/"  # the site root, when the engine does not say
    return replace_outside_code(markdown, MARKER, lambda: section(decision, values))


class DecisionAid(Preprocessor):
    """[[decision-grid]] -> the page's option grid from data/decisions/ (HTML, every data text escaped)."""

    def __init__(self, md: Markdown, root: Path) -> None:
        super().__init__(md)
        self.root = root

    def run(self, lines: list[str]) -> list[str]:
        markdown = "\n".join(lines)
        if MARKER not in markdown:
            return lines
        return render(markdown, load(self.root), current_page.current(self.md, markdown)).split("\n")


class DecisionAidExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"root": [".", "The project folder, where data/ and docs/ are (default: the folder the build runs in)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(DecisionAid(md, Path(self.getConfig("root"))), "acp_decision_aid", PRIORITY)


def makeExtension(**kwargs: object) -> DecisionAidExtension:  # noqa: N802
    return DecisionAidExtension(**kwargs)
