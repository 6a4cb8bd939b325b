"""Evidence rendering: one YAML file per condition in data/evidence/ drives
the comparison table (`[[evidence-table]]`), each condition page's box (`[[evidence-box]]`)
and a chart drawn here as accessible SVG with a table equivalent (`[[evidence-chart]]`).

Every certainty word says whose it is: the source's own rating ("Cochrane review (GRADE):
low certainty") or ours ("Our judgement: low certainty, because ..."), as the data file
records it (acp/schema.py, `Certainty`). A number or a judgement is written in one place only.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from acp import data
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
MARKERS = ("[[evidence-box]]", "[[evidence-table]]", "[[evidence-chart]]")

conditions: list[EvidenceFile] = []


def on_config(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    pages = {path.relative_to(root / "docs").as_posix() for path in (root / "docs").rglob("*.md")}
    try:
        found = data.evidence(root, set(data.references(root)), pages)
    except DataError as error:
        raise PluginError(str(error)) from None
    conditions[:] = found


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


def box(evidence: EvidenceFile) -> str:
    """The 'Evidence at a glance' box on a condition page (Markdown, rendered by the page)."""
    lines = ['!!! evidence "Evidence at a glance"', "", f"    {evidence.summary}", ""]
    for item in evidence.comparisons:
        lines.append(f"    - **{COMPARISONS[item.against]}:** {item.effect} *({certainty_label(item)}.)* {cite(item)}")
    lines.append("")
    lines.append("    **What guidelines say**")
    lines.append("")
    for guideline in evidence.guidelines:
        lines.append(f"    - **{guideline.body}{dated(guideline)}:** {POSITIONS[guideline.position]}. {guideline.detail} {cite(guideline)}")
    return "\n".join(lines) + "\n"


def table(page: Page) -> str:
    """All conditions side by side, each row linking to its page."""
    head = "| Condition | " + " | ".join(COMPARISONS.values()) + " | What guidelines say |"
    rows = [head, "|" + "---|" * (len(COMPARISONS) + 2)]
    for evidence in conditions:
        link = get_relative_url(evidence.page, page.file.src_uri)
        cells = [f"[{evidence.condition}]({link})"]
        for against in COMPARISONS:
            found = [item for item in evidence.comparisons if item.against == against]
            cells.append("<br>".join(f"{item.effect} *({certainty_label(item)})* {cite(item)}" for item in found) or "Not covered by our sources")
        cells.append("<br>".join(f"{item.body}{dated(item)}: {POSITIONS[item.position].lower()} {cite(item)}" for item in evidence.guidelines))
        rows.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def chart() -> str:
    """Horizontal bar chart of effect sizes (standardised mean differences) as inline SVG."""
    bars = [(evidence.condition, item) for evidence in conditions for item in evidence.comparisons if item.effect_size is not None]
    if not bars:
        raise PluginError(f"{data.EVIDENCE_DIR}: no comparison has an effect_size to chart")
    label_width, bar_width, row, top = 260, 300, 30, 30
    height = top + row * len(bars) + 40
    scale = bar_width / 0.6  # 0.6 standard deviations fills the plot
    parts = [
        f'<svg class="evidence-chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {label_width + bar_width + 190} {height}" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Size of the benefit of acupuncture, by condition and comparison</title>',
        '<desc id="chart-desc">Bar lengths show the average difference in pain in standard deviations. '
        "Bigger bars mean a bigger difference. Each bar says how sure the evidence is and whose rating that is. "
        "The same figures are in the table below the chart.</desc>",
    ]
    for tick in (0, 0.2, 0.4, 0.6):
        x = label_width + tick * scale
        parts.append(f'<line class="grid" x1="{x:.0f}" y1="{top - 10}" x2="{x:.0f}" y2="{height - 35}"/>')
        parts.append(f'<text class="tick" x="{x:.0f}" y="{height - 18}" text-anchor="middle">{tick:.1f}</text>')
    for index, (condition, item) in enumerate(bars):
        y = top + index * row
        size = float(item.effect_size or 0)
        versus = {"sham": "sham", "usual-care": "usual care", "drugs": "medicines"}[item.against]
        parts.append(f'<text class="label" x="{label_width - 8}" y="{y + 15}" text-anchor="end">{html.escape(condition)}: vs {versus}</text>')
        parts.append(f'<rect class="bar bar-{item.against}" x="{label_width}" y="{y + 3}" width="{size * scale:.0f}" height="{row - 10}"/>')
        parts.append(f'<text class="value" x="{label_width + size * scale + 6:.0f}" y="{y + 15}">{size:.2f} · {html.escape(short_label(item))}</text>')
    parts.append("</svg>")
    rows = "\n".join(
        f"| {condition} | {COMPARISONS[item.against].replace('Compared with ', '')} | {float(item.effect_size or 0):.2f} | {certainty_label(item)} | {cite(item)} |"
        for condition, item in bars
    )
    figure = "\n".join(parts)
    return (
        f'<figure class="evidence-figure">\n{figure}\n'
        "<figcaption>Average extra pain relief with acupuncture, in standard deviations (0.2 is small, 0.5 is moderate).</figcaption>\n"
        "</figure>\n\n"
        "| Condition | Compared with | Difference (standard deviations) | Certainty, and whose rating | Source |\n"
        "|---|---|---|---|---|\n"
        f"{rows}\n"
    )


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    for marker in MARKERS:
        if markdown.count(marker) > 1:
            raise PluginError(f"docs/{page.file.src_uri}: {marker} appears {markdown.count(marker)} times; use it once per page")
    if "[[evidence-box]]" in markdown:
        matching = [evidence for evidence in conditions if evidence.page == page.file.src_uri]
        if not matching:
            raise PluginError(f"docs/{page.file.src_uri}: [[evidence-box]] but no file in {data.EVIDENCE_DIR}/ has page: {page.file.src_uri}")
        markdown = markdown.replace("[[evidence-box]]", box(matching[0]))
    if "[[evidence-table]]" in markdown:
        markdown = markdown.replace("[[evidence-table]]", table(page))
    if "[[evidence-chart]]" in markdown:
        markdown = markdown.replace("[[evidence-chart]]", chart())
    return markdown
