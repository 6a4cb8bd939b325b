"""Evidence rendering: one YAML file per condition in data/evidence/ drives the comparison
table (`[[evidence-table]]`), each condition page's box (`[[evidence-box]]`), the condition
cards (`[[condition-cards]]`) and a chart drawn in HTML, with a table equivalent
(`[[evidence-chart]]`).

Every certainty word says whose it is: the source's own rating, naming the source that gives
it ("Cochrane review (GRADE), Mu 2020: low certainty"), or ours ("Our judgement: low
certainty, because ..."), as the data file records it (acp/schema.py, `Certainty`). A number
or a judgement is written in one place only.

Enable as `acp.extensions.evidence` under `markdown_extensions`. It writes Markdown with
citations in it, so it runs before `acp.extensions.citations`.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from acp import data
from acp.extensions import page as current_page
from acp.extensions.markers import count_outside_code, replace_outside_code
from acp.extensions.page import ContentError
from acp.markup import escape, inline_markdown
from acp.schema import Comparison, EvidenceFile, Guideline, Reference
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
    # Every guideline filed as not-recommended says "do not offer" (NICE NG59, NG226): the
    # label keeps its force instead of softening it to "does not recommend".
    "not-recommended": "Says do not offer it",
    "no-position": "No recommendation",
}
OUR_JUDGEMENT = "Our judgement"
NO_GUIDELINE = "We found no guideline position on acupuncture for this condition that we could check."
QUESTIONS_FILE = "includes/questions-to-ask.md"  # after the page's text on every page with a box
CLINICIANS_ID = "for-clinicians"  # a published section id
CLINICIANS_CLASS = "clinicians"
MARKERS = ("[[evidence-box]]", "[[evidence-table]]", "[[evidence-chart]]", "[[condition-cards]]")
CHART_FULL_SCALE = 0.6  # standard deviations that fill a bar's track
PRIORITY = 28  # after pymdownx.snippets (32), before acp.extensions.citations (24), as it writes citations
NEEDS = {
    "admonition": "the evidence box is an admonition",
    "tables": "the evidence table and the chart's table",
    "md_in_html": "the condition cards are Markdown inside a <div>",
}


Names = Mapping[str, str]  # citation key -> how a label names that source: "Mu 2020"


def load(root: Path) -> list[EvidenceFile]:
    """Every evidence file, checked (acp/schema.py); read again only when a data file or the
    set of pages changes."""
    files = [root / data.REFERENCES_FILE, *sorted((root / data.EVIDENCE_DIR).glob("*.yml"))]
    pages = frozenset(path.relative_to(root / "docs").as_posix() for path in (root / "docs").rglob("*.md"))
    return _evidence(root, tuple((path.name, path.stat().st_mtime_ns) for path in files), pages)


@functools.lru_cache(maxsize=1)
def _evidence(root: Path, versions: tuple[tuple[str, int], ...], pages: frozenset[str]) -> list[EvidenceFile]:
    try:
        return data.evidence(root, data.references(root), set(pages))
    except DataError as error:
        raise ContentError(str(error)) from None


def rating_names(root: Path, conditions: list[EvidenceFile]) -> Names:
    """How each label names the source of a rating it quotes (data.references is cached)."""
    references = data.references(root)
    keys = {item.certainty.rating_source for evidence in conditions for item in evidence.comparisons if item.certainty.rating_source}
    return {key: source_name(references[key]) for key in keys}


def source_name(reference: Reference) -> str:
    """'Franco 2018': the first author's surname and the year, as readers search for a paper."""
    if not reference.authors:
        return f"{reference.title} ({reference.year})" if reference.year else reference.title
    surname = " ".join(reference.authors[0].split()[:-1]) or reference.authors[0]  # drop the initials
    return f"{surname} {reference.year}" if reference.year else surname


def cite(item: Comparison | Guideline) -> str:
    return "[" + "; ".join(f"@{key}" for key in item.sources) + "]"


def dated(item: Guideline) -> str:
    """' (2016)' for a dated guideline; nothing for an undated web page."""
    return f" ({item.year})" if item.year else ""


def certainty_label(item: Comparison, names: Names) -> str:
    """Whose rating, then the level: the source's own, naming the source (a comparison may
    cite several), or ours with its reason."""
    certainty = item.certainty
    level = f"{LEVELS[certainty.level]} certainty"
    if certainty.rated_by and certainty.rating_source:
        return f"{inline_markdown(certainty.rated_by)}, {inline_markdown(names[certainty.rating_source])}: {level}"
    return f"{OUR_JUDGEMENT}: {level}, because {inline_markdown(certainty.reason or '')}"


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


def plain_label(item: Comparison, names: Names) -> str:
    """How sure, and whose rating, in the box's few words: 'Low certainty (our judgement)',
    'Low certainty (Cochrane review, GRADE, Mu 2020)'."""
    certainty = item.certainty
    whose = "our judgement"
    if certainty.rated_by and certainty.rating_source:
        whose = f"{certainty.rated_by.replace(' (', ', ').removesuffix(')')}, {names[certainty.rating_source]}"
    return f"{LEVELS[certainty.level].capitalize()} certainty ({inline_markdown(whose)})"


def box(evidence: EvidenceFile, names: Names) -> str:
    """The 'Evidence at a glance' box on a condition page (Markdown, rendered by the page; every
    text from the data file through acp.markup.inline_markdown): the answer in the plain figures
    of the key points. Statistics and the reasons behind each certainty rating are in the page's
    "For clinicians" section (`clinicians`)."""
    lines = ['!!! evidence "Evidence at a glance"', "", f"    {inline_markdown(evidence.summary)}", ""]
    for item in evidence.comparisons:
        lines.append(f"    - **{COMPARISONS[item.against]}:** {inline_markdown(item.plain or item.effect)} *{plain_label(item, names)}.* {cite(item)}")
    lines.append("")
    lines.append("    **What guidelines say**")
    lines.append("")
    for guideline in evidence.guidelines:
        lines.append(
            f"    - **{inline_markdown(guideline.body)}{dated(guideline)}:** {POSITIONS[guideline.position]}. {inline_markdown(guideline.detail)} {cite(guideline)}"
        )
    if not evidence.guidelines:
        lines.append(f"    {NO_GUIDELINE}")
    lines.append("")
    lines.append(f"    [Effect sizes and how sure each finding is](#{CLINICIANS_ID}) are under *For clinicians*.")
    lines.append("    { .screen-only }")
    return "\n".join(lines) + "\n"


def clinicians(evidence: EvidenceFile, names: Names) -> str:
    """The 'For clinicians' section at the end of a condition page: each comparison as its
    source reports it, with its standardised mean difference and the full certainty rating,
    collapsed (a <details>, open on paper when printed with sources, and in the search index)."""
    items = []
    for item in evidence.comparisons:
        parts = [f"**{COMPARISONS[item.against]}:**"]
        if item.plain:
            parts.append(inline_markdown(item.effect))
        if item.effect_size is not None:
            parts.append(f"Standardised mean difference: {item.effect_size:.2f}.")
        parts.append(f"*{certainty_label(item, names)}.*")
        items.append(f"- {' '.join(parts)} {cite(item)}")
    return (
        f"## For clinicians {{ #{CLINICIANS_ID} }}\n\n"
        f'<details class="{CLINICIANS_CLASS}" markdown>\n<summary>Effect sizes and certainty ratings, with reasons</summary>\n\n'
        + "\n".join(items)
        + "\n\nA standardised mean difference compares results across pain scales: 0.2 is small, 0.5 moderate. "
        "See [what these figures mean](" + "{research}" + ").\n\n</details>\n"
    )


def table(conditions: list[EvidenceFile], page: str | None, names: Names) -> str:
    """All conditions side by side, each row linking to its page."""
    head = "| Condition | " + " | ".join(COMPARISONS.values()) + " | What guidelines say |"
    rows = [head, "|" + "---|" * (len(COMPARISONS) + 2)]
    for evidence in conditions:
        cells = [f"[{inline_markdown(evidence.condition)}]({link_to(evidence.page, page)})"]
        for against in COMPARISONS:
            found = [item for item in evidence.comparisons if item.against == against]
            cells.append("<br>".join(f"{inline_markdown(item.effect)} *({certainty_label(item, names)})* {cite(item)}" for item in found) or "Not covered by our sources")
        cells.append("<br>".join(f"{inline_markdown(item.body)}{dated(item)}: {POSITIONS[item.position].lower()} {cite(item)}" for item in evidence.guidelines))
        rows.append("| " + " | ".join(cells) + " |")  # a | in data text is escaped: it stays in its cell
    return "\n".join(rows) + "\n"


def chart(conditions: list[EvidenceFile], names: Names) -> str:
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
            f'<span class="evidence-chart__label">{escape(condition)}: vs {versus}</span>'
            f'<span class="evidence-chart__track"><span class="evidence-chart__bar bar-{item.against}" style="width: {size / CHART_FULL_SCALE:.1%}"></span></span>'
            f'<span class="evidence-chart__value">{size:.2f} · {escape(short_label(item))}</span>'
            "</li>"
        )
    table_rows = "\n".join(
        f"| {inline_markdown(condition)} | {COMPARISONS[item.against].replace('Compared with ', '')} | {float(item.effect_size or 0):.2f} | {certainty_label(item, names)} | {cite(item)} |"
        for condition, item in bars
    )
    return (
        '<figure class="evidence-figure">\n'
        '<figcaption id="chart-title">Average extra pain relief with acupuncture, in standard deviations '
        f"(0.2 is small, 0.5 is moderate). A full bar is {CHART_FULL_SCALE:g}. Each bar says how sure the evidence is and whose rating that is. "
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
            f"- **[{inline_markdown(evidence.condition)}]({link_to(evidence.page, page)})**  \n  {inline_markdown(evidence.verdict)}  \n  *How sure:* {sure} certainty ({inline_markdown(' and '.join(whose))})"
        )
    return '<div class="condition-cards" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"


def render(markdown: str, conditions: list[EvidenceFile], page: current_page.PageSource, names: Names, root: Path) -> str:
    """The page with each evidence marker replaced by what it stands for."""
    for marker in MARKERS:
        if (times := count_outside_code(markdown, marker)) > 1:
            raise ContentError(f"{page.name}: {marker} appears {times} times; use it once per page")

    def own_box() -> str:
        matching = [evidence for evidence in conditions if evidence.page == page.path]
        if not matching:
            raise ContentError(f"{page.name}: [[evidence-box]] but no file in {data.EVIDENCE_DIR}/ has page: {page.path}")
        return box(matching[0], names)

    has_box = count_outside_code(markdown, "[[evidence-box]]") > 0
    markdown = replace_outside_code(markdown, "[[evidence-box]]", own_box)
    if has_box:
        # At the end of the page's own text, before the source list the citations add: the
        # questions to take to an appointment (printed with the summary), then the statistics.
        matching = [evidence for evidence in conditions if evidence.page == page.path]
        research = link_to("research.md", page.path) + "#what-sd-means"
        questions = (root / QUESTIONS_FILE).read_text(encoding="utf-8").strip()
        markdown = markdown.rstrip("\n") + "\n\n" + questions + "\n\n" + clinicians(matching[0], names).replace("{research}", research)
    markdown = replace_outside_code(markdown, "[[evidence-table]]", lambda: table(conditions, page.path, names))
    markdown = replace_outside_code(markdown, "[[condition-cards]]", lambda: cards(conditions, page.path))
    return replace_outside_code(markdown, "[[evidence-chart]]", lambda: chart(conditions, names))


class Evidence(Preprocessor):
    """[[evidence-box]], [[evidence-table]], [[evidence-chart]], [[condition-cards]] -> Markdown from data/evidence/."""

    def __init__(self, md: Markdown, root: Path) -> None:
        super().__init__(md)
        self.root = root

    def run(self, lines: list[str]) -> list[str]:
        current_page.require(self.md, "acp.extensions.evidence", NEEDS)
        markdown = "\n".join(lines)
        page = current_page.current(self.md, markdown)
        conditions = load(self.root)
        if "[[evidence-box]]" not in markdown and any(evidence.page == page.path for evidence in conditions):
            # Without the marker the page would build without its evidence, and nobody would notice.
            raise ContentError(f"{page.name}: {data.EVIDENCE_DIR}/ has this page's evidence, but the page has no [[evidence-box]]; put it after Key points")
        if not any(marker in markdown for marker in MARKERS):
            return lines
        return render(markdown, conditions, page, rating_names(self.root, conditions), self.root).split("\n")


class EvidenceExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"root": [".", "The project folder, where data/ and docs/ are (default: the folder the build runs in)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(Evidence(md, Path(self.getConfig("root"))), "acp_evidence", PRIORITY)


def makeExtension(**kwargs: object) -> EvidenceExtension:  # noqa: N802
    return EvidenceExtension(**kwargs)
