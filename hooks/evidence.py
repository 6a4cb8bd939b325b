"""Evidence rendering: one YAML file per condition in data/evidence/ drives
the comparison table (`[[evidence-table]]`), each condition page's box (`[[evidence-box]]`)
and a chart drawn here as accessible SVG with a table equivalent (`[[evidence-chart]]`).

Certainty uses GRADE words, so a number or a judgement is written in one place only.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

EVIDENCE_DIR = "data/evidence"
COMPARISONS = {
    "sham": "Compared with sham (pretend) acupuncture",
    "usual-care": "Compared with usual care or no acupuncture",
    "drugs": "Compared with medicines",
}
# GRADE certainty: the label a reader sees and the verb that goes with it.
CERTAINTY = {
    "high": ("High certainty", "reduces"),
    "moderate": ("Moderate certainty", "probably"),
    "low": ("Low certainty", "may"),
    "very-low": ("Very low certainty", "very uncertain"),
}
POSITIONS = {
    "recommended": "Recommends it",
    "conditional": "Suggests it may be considered",
    "not-recommended": "Does not recommend it",
    "no-position": "No recommendation",
}

conditions: list[dict[str, Any]] = []


def on_config(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    keys = set(yaml.safe_load((root / "data/references.yml").read_text(encoding="utf-8")))
    conditions.clear()
    for path in sorted((root / EVIDENCE_DIR).glob("*.yml")):
        name = f"{EVIDENCE_DIR}/{path.name}"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # A guideline's year is optional: undated web pages have none.
        for field in ("condition", "page", "order", "summary", "comparisons", "guidelines"):
            if field not in data:
                raise PluginError(f"{name}: missing field '{field}'")
        for item in data["comparisons"]:
            if item.get("against") not in COMPARISONS:
                raise PluginError(f"{name}: comparison 'against' must be one of {sorted(COMPARISONS)}")
            if item.get("certainty") not in CERTAINTY:
                raise PluginError(f"{name}: certainty must be one of {sorted(CERTAINTY)}")
        for item in data["guidelines"]:
            if item.get("position") not in POSITIONS:
                raise PluginError(f"{name}: guideline position must be one of {sorted(POSITIONS)}")
        for item in data["comparisons"] + data["guidelines"]:
            for key in item.get("sources", []):
                if key not in keys:
                    raise PluginError(f"{name}: unknown citation key '{key}' (not in data/references.yml)")
        data["file"] = name
        conditions.append(data)
    conditions.sort(key=lambda item: item["order"])


def cite(item: dict[str, Any]) -> str:
    return "[" + "; ".join(f"@{key}" for key in item.get("sources", [])) + "]" if item.get("sources") else ""


def dated(item: dict[str, Any]) -> str:
    """' (2016)' for a dated guideline; nothing for an undated web page."""
    return f" ({item['year']})" if isinstance(item.get("year"), int) else ""


def certainty_label(item: dict[str, Any]) -> str:
    return CERTAINTY[item["certainty"]][0]


def box(data: dict[str, Any]) -> str:
    """The 'Evidence at a glance' box on a condition page (Markdown, rendered by the page)."""
    lines = ['!!! evidence "Evidence at a glance"', "", f"    {data['summary']}", ""]
    for item in data["comparisons"]:
        lines.append(f"    - **{COMPARISONS[item['against']]}:** {item['effect']} *({certainty_label(item)}.)* {cite(item)}")
    lines.append("")
    lines.append("    **What guidelines say**")
    lines.append("")
    for item in data["guidelines"]:
        lines.append(f"    - **{item['body']}{dated(item)}:** {POSITIONS[item['position']]}. {item['detail']} {cite(item)}")
    return "\n".join(lines) + "\n"


def table(page: Page, files: Files) -> str:
    """All conditions side by side, each row linking to its page."""
    head = "| Condition | " + " | ".join(COMPARISONS.values()) + " | What guidelines say |"
    rows = [head, "|" + "---|" * (len(COMPARISONS) + 2)]
    for data in conditions:
        link = get_relative_url(data["page"], page.file.src_uri)
        cells = [f"[{data['condition']}]({link})"]
        for against in COMPARISONS:
            found = [item for item in data["comparisons"] if item["against"] == against]
            cells.append("<br>".join(f"{item['effect']} *({certainty_label(item)})* {cite(item)}" for item in found) or "Not covered by our sources")
        cells.append("<br>".join(f"{item['body']}{dated(item)}: {POSITIONS[item['position']].lower()} {cite(item)}" for item in data["guidelines"]))
        rows.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def chart() -> str:
    """Horizontal bar chart of effect sizes (standardised mean differences) as inline SVG."""
    bars = [
        (data["condition"], item)
        for data in conditions
        for item in data["comparisons"]
        if item.get("effect_size") is not None
    ]
    if not bars:
        raise PluginError(f"{EVIDENCE_DIR}: no comparison has an effect_size to chart")
    label_width, bar_width, row, top = 260, 300, 30, 30
    height = top + row * len(bars) + 40
    scale = bar_width / 0.6  # 0.6 standard deviations fills the plot
    parts = [
        f'<svg class="evidence-chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {label_width + bar_width + 70} {height}" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Size of the benefit of acupuncture, by condition and comparison</title>',
        '<desc id="chart-desc">Bar lengths show the average difference in pain in standard deviations. '
        "Bigger bars mean a bigger difference. The same figures are in the table below the chart.</desc>",
    ]
    for tick in (0, 0.2, 0.4, 0.6):
        x = label_width + tick * scale
        parts.append(f'<line class="grid" x1="{x:.0f}" y1="{top - 10}" x2="{x:.0f}" y2="{height - 35}"/>')
        parts.append(f'<text class="tick" x="{x:.0f}" y="{height - 18}" text-anchor="middle">{tick:.1f}</text>')
    for index, (condition, item) in enumerate(bars):
        y = top + index * row
        size = float(item["effect_size"])
        versus = "sham" if item["against"] == "sham" else "usual care" if item["against"] == "usual-care" else "medicines"
        parts.append(f'<text class="label" x="{label_width - 8}" y="{y + 15}" text-anchor="end">{html.escape(condition)}: vs {versus}</text>')
        parts.append(f'<rect class="bar bar-{item["against"]}" x="{label_width}" y="{y + 3}" width="{size * scale:.0f}" height="{row - 10}"/>')
        parts.append(f'<text class="value" x="{label_width + size * scale + 6:.0f}" y="{y + 15}">{size:.2f}</text>')
    parts.append("</svg>")
    rows = "\n".join(
        f"| {condition} | {COMPARISONS[item['against']].replace('Compared with ', '')} | {float(item['effect_size']):.2f} | {certainty_label(item)} | {cite(item)} |"
        for condition, item in bars
    )
    figure = "\n".join(parts)
    return (
        f'<figure class="evidence-figure">\n{figure}\n'
        "<figcaption>Average extra pain relief with acupuncture, in standard deviations (0.2 is small, 0.5 is moderate).</figcaption>\n"
        "</figure>\n\n"
        "| Condition | Compared with | Difference (standard deviations) | Certainty | Source |\n"
        "|---|---|---|---|---|\n"
        f"{rows}\n"
    )


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "[[evidence-box]]" in markdown:
        matching = [data for data in conditions if data["page"] == page.file.src_uri]
        if not matching:
            raise PluginError(f"docs/{page.file.src_uri}: [[evidence-box]] but no file in {EVIDENCE_DIR}/ has page: {page.file.src_uri}")
        markdown = markdown.replace("[[evidence-box]]", box(matching[0]))
    if "[[evidence-table]]" in markdown:
        markdown = markdown.replace("[[evidence-table]]", table(page, files))
    if "[[evidence-chart]]" in markdown:
        markdown = markdown.replace("[[evidence-chart]]", chart())
    return markdown
