"""Evidence rendering: one YAML file per condition in data/evidence/ drives the comparison
table (`[[evidence-table]]`), each condition page's box (`[[evidence-box]]`), the condition
cards (`[[condition-cards]]`) and a chart drawn in HTML, with a table equivalent
(`[[evidence-chart]]`).

Every certainty word says whose it is: the source's own rating ("Cochrane review (GRADE):
low certainty") or ours ("Our judgement: low certainty, because ..."), as the data file
records it (acp/schema.py, `Certainty`). A number or a judgement is written in one place only.

Enable as `acp.extensions.evidence` under `markdown_extensions`. It writes Markdown with
citations in it, so it runs before `acp.extensions.citations`.
"""

from __future__ import annotations

import functools
import html
import posixpath
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from acp import data
from acp.extensions import page as current_page
from acp.extensions.page import ContentError
from acp.schema import Comparison, EvidenceFile, Guideline
from acp.yaml_source import DataError

COMPARISONS = {
    "sham": "Compared with sham (pretend) acupuncture",
    "usual-care": "Compared with usual care or no acupuncture",
    "drugs": "Compared with medicines",
}
LEVELS = {"high": "high", "moderate": "moderate", "low": "low", "very-low": "very low"}
POSITIONS = {
    "recommended": "Recommends it",
    "conditional": "Suggests it may be considered",
    "not-recommended": "Does not recommend it",
    "no-position": "No recommendation",
}
OUR_JUDGEMENT = "Our judgement"
NO_GUIDELINE = "We found no guideline that takes a position on acupuncture for this condition."
QUESTIONS_FILE = "includes/questions-to-ask.md"  # after the page's text on every page with a box
CLINICIANS_ID = "for-clinicians"  # a published section id
CLINICIANS_CLASS = "clinicians"
MARKERS = ("[[evidence-box]]", "[[evidence-table]]", "[[evidence-chart]]", "[[condition-cards]]")
CHART_FULL_SCALE = 0.6  # standard deviations that fill a bar's track
PRIORITY = 28  # after pymdownx.snippets (32), before acp.extensions.citations (25)


def load(root: Path) -> list[EvidenceFile]:
    """Every evidence file, checked (acp/schema.py); read again only when a data file or the
    set of pages changes."""
    files = [root / data.REFERENCES_FILE, *sorted((root / data.EVIDENCE_DIR).glob("*.yml"))]
    pages = frozenset(path.relative_to(root / "docs").as_posix() for path in (root / "docs").rglob("*.md"))
    return _evidence(root, tuple((path.name, path.stat().st_mtime_ns) for path in files), pages)


@functools.lru_cache(maxsize=1)
def _evidence(root: Path, versions: tuple[tuple[str, int], ...], pages: frozenset[str]) -> list[EvidenceFile]:
    try:
        return data.evidence(root, set(data.references(root)), set(pages))
    except DataError as error:
        raise ContentError(str(error)) from None


def cite(item: Comparison | Guideline) -> str:
    return "[" + "; ".join(f"@{key}" for key in item.sources) + "]"


def dated(item: Guideline) -> str:
    """' (2016)' for a dated guideline; nothing for an undated web page."""
    return f" ({item.year})" if item.year else ""


def certainty_label(item: Comparison) -> str:
    """Whose rating, then the level: the source's own, or ours with its reason."""
    certainty = item.certainty
    level = f"{LEVELS[certainty.level]} certainty"
    if certainty.rated_by:
        return f"{certainty.rated_by}: {level}"
    return f"{OUR_JUDGEMENT}: {level}, because {certainty.reason}"


def short_label(item: Comparison) -> str:
    """For the chart's bars, where space is short: the level and whose it is."""
    whose = "our judgement" if item.certainty.reason else (item.certainty.rated_by or "").split(" (")[0]
    return f"{LEVELS[item.certainty.level]} ({whose})"


def link_to(target: str, page: str | None) -> str:
    """A Markdown link target for docs path `target`, relative to the page (the engine turns it
    into a URL and checks it); from the docs root when the engine does not say which page."""
    if page is None:
        return "/" + target
    return posixpath.relpath("/" + target, "/" + posixpath.dirname(page))


def plain_label(item: Comparison) -> str:
    """How sure, and whose rating, in the box's few words: 'Low certainty (our judgement)',
    'Low certainty (Cochrane review, GRADE)'."""
    whose = item.certainty.rated_by or "our judgement"
    return f"{LEVELS[item.certainty.level].capitalize()} certainty ({whose.replace(' (', ', ').removesuffix(')')})"


def box(evidence: EvidenceFile) -> str:
    """The 'Evidence at a glance' box on a condition page (Markdown, rendered by the page): the
    answer in the plain figures of the key points. Statistics and the reasons behind each
    certainty rating are in the page's "For clinicians" section (`clinicians`)."""
    lines = ['!!! evidence "Evidence at a glance"', "", f"    {evidence.summary}", ""]
    for item in evidence.comparisons:
        lines.append(f"    - **{COMPARISONS[item.against]}:** {item.plain or item.effect} *{plain_label(item)}.* {cite(item)}")
    lines.append("")
    lines.append("    **What guidelines say**")
    lines.append("")
    for guideline in evidence.guidelines:
        lines.append(f"    - **{guideline.body}{dated(guideline)}:** {POSITIONS[guideline.position]}. {guideline.detail} {cite(guideline)}")
    if not evidence.guidelines:
        lines.append(f"    {NO_GUIDELINE}")
    lines.append("")
    lines.append(f"    [Effect sizes and how sure each finding is](#{CLINICIANS_ID}) are under *For clinicians*.")
    lines.append("    { .screen-only }")
    return "\n".join(lines) + "\n"


def clinicians(evidence: EvidenceFile) -> str:
    """The 'For clinicians' section at the end of a condition page: each comparison as its
    source reports it, with its standardised mean difference and the full certainty rating,
    collapsed (a <details>, open on paper when printed with sources, and in the search index)."""
    items = []
    for item in evidence.comparisons:
        parts = [f"**{COMPARISONS[item.against]}:**"]
        if item.plain:
            parts.append(item.effect)
        if item.effect_size is not None:
            parts.append(f"Standardised mean difference: {item.effect_size:.2f}.")
        parts.append(f"*{certainty_label(item)}.*")
        items.append(f"- {' '.join(parts)} {cite(item)}")
    return (
        f"## For clinicians {{ #{CLINICIANS_ID} }}\n\n"
        f'<details class="{CLINICIANS_CLASS}" markdown>\n<summary>Effect sizes and certainty ratings, with reasons</summary>\n\n'
        + "\n".join(items)
        + "\n\nA standardised mean difference compares results across pain scales: 0.2 is small, 0.5 moderate. "
        "See [what these figures mean](" + "{research}" + ").\n\n</details>\n"
    )


def table(conditions: list[EvidenceFile], page: str | None) -> str:
    """All conditions side by side, each row linking to its page."""
    head = "| Condition | " + " | ".join(COMPARISONS.values()) + " | What guidelines say |"
    rows = [head, "|" + "---|" * (len(COMPARISONS) + 2)]
    for evidence in conditions:
        cells = [f"[{evidence.condition}]({link_to(evidence.page, page)})"]
        for against in COMPARISONS:
            found = [item for item in evidence.comparisons if item.against == against]
            cells.append("<br>".join(f"{item.effect} *({certainty_label(item)})* {cite(item)}" for item in found) or "Not covered by our sources")
        cells.append("<br>".join(f"{item.body}{dated(item)}: {POSITIONS[item.position].lower()} {cite(item)}" for item in evidence.guidelines))
        rows.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def chart(conditions: list[EvidenceFile]) -> str:
    """Bar chart of effect sizes (standardised mean differences) in HTML: real text that wraps
    and stays at body size on a phone, bars drawn to scale by their width, and the same figures
    in the table after it."""
    bars = [(evidence.condition, item) for evidence in conditions for item in evidence.comparisons if item.effect_size is not None]
    if not bars:
        raise ContentError(f"{data.EVIDENCE_DIR}: no comparison has an effect_size to chart")
    rows = []
    for condition, item in bars:
        size = float(item.effect_size or 0)
        versus = {"sham": "sham", "usual-care": "usual care", "drugs": "medicines"}[item.against]
        rows.append(
            '<li class="evidence-chart__row">'
            f'<span class="evidence-chart__label">{html.escape(condition)}: vs {versus}</span>'
            f'<span class="evidence-chart__track"><span class="evidence-chart__bar bar-{item.against}" style="width: {size / CHART_FULL_SCALE:.1%}"></span></span>'
            f'<span class="evidence-chart__value">{size:.2f} · {html.escape(short_label(item))}</span>'
            "</li>"
        )
    table_rows = "\n".join(
        f"| {condition} | {COMPARISONS[item.against].replace('Compared with ', '')} | {float(item.effect_size or 0):.2f} | {certainty_label(item)} | {cite(item)} |"
        for condition, item in bars
    )
    return (
        '<figure class="evidence-figure">\n'
        '<figcaption id="chart-title">Average extra pain relief with acupuncture, in standard deviations '
        "(0.2 is small, 0.5 is moderate). A full bar is 0.6. Each bar says how sure the evidence is and whose rating that is. "
        "The same figures are in the table below.</figcaption>\n"
        f'<ul class="evidence-chart" aria-labelledby="chart-title">\n{chr(10).join(rows)}\n</ul>\n'
        "</figure>\n\n"
        "| Condition | Compared with | Difference (standard deviations) | Certainty, and whose rating | Source |\n"
        "|---|---|---|---|---|\n"
        f"{table_rows}\n"
    )


def cards(conditions: list[EvidenceFile], page: str | None) -> str:
    """One card per condition for /conditions/: its name (a link), the one-line verdict, and
    how sure the evidence is and whose rating that is. Above the full table, for phones."""
    items = []
    for evidence in conditions:
        levels = sorted({item.certainty.level for item in evidence.comparisons}, key=list(LEVELS).index)
        whose = sorted({"our judgement" if item.certainty.reason else (item.certainty.rated_by or "").split(" (")[0] for item in evidence.comparisons})
        sure = " to ".join(LEVELS[level] for level in (levels[-1], levels[0]) if level) if len(levels) > 1 else LEVELS[levels[0]]
        items.append(
            f"- **[{evidence.condition}]({link_to(evidence.page, page)})**  \n  {evidence.verdict}  \n  *How sure:* {sure} certainty ({' and '.join(whose)})"
        )
    return '<div class="condition-cards" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"


def render(markdown: str, conditions: list[EvidenceFile], page: current_page.PageSource, root: Path) -> str:
    """The page with each evidence marker replaced by what it stands for."""
    for marker in MARKERS:
        if markdown.count(marker) > 1:
            raise ContentError(f"{page.name}: {marker} appears {markdown.count(marker)} times; use it once per page")
    if "[[evidence-box]]" in markdown:
        matching = [evidence for evidence in conditions if evidence.page == page.path]
        if not matching:
            raise ContentError(f"{page.name}: [[evidence-box]] but no file in {data.EVIDENCE_DIR}/ has page: {page.path}")
        markdown = markdown.replace("[[evidence-box]]", box(matching[0]))
        # At the end of the page's own text, before the source list the citations add: the
        # questions to take to an appointment (printed with the summary), then the statistics.
        research = link_to("research.md", page.path) + "#what-sd-means"
        questions = (root / QUESTIONS_FILE).read_text(encoding="utf-8").strip()
        markdown = markdown.rstrip("\n") + "\n\n" + questions + "\n\n" + clinicians(matching[0]).replace("{research}", research)
    if "[[evidence-table]]" in markdown:
        markdown = markdown.replace("[[evidence-table]]", table(conditions, page.path))
    if "[[condition-cards]]" in markdown:
        markdown = markdown.replace("[[condition-cards]]", cards(conditions, page.path))
    if "[[evidence-chart]]" in markdown:
        markdown = markdown.replace("[[evidence-chart]]", chart(conditions))
    return markdown


class Evidence(Preprocessor):
    def __init__(self, md: Markdown, root: Path) -> None:
        super().__init__(md)
        self.root = root

    def run(self, lines: list[str]) -> list[str]:
        markdown = "\n".join(lines)
        if not any(marker in markdown for marker in MARKERS):
            return lines
        return render(markdown, load(self.root), current_page.current(self.md, markdown), self.root).split("\n")


class EvidenceExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"root": [".", "The project folder, where data/ and docs/ are (default: the folder the build runs in)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(Evidence(md, Path(self.getConfig("root"))), "acp_evidence", PRIORITY)


def makeExtension(**kwargs: object) -> EvidenceExtension:  # noqa: N802
    return EvidenceExtension(**kwargs)
