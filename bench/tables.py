"""Plain-text tables and the figures in them, for the report and the reading session alike."""

from __future__ import annotations


def ratio(ours: float | None, stock: float | None) -> str:
    return f"{ours / stock:.2f}x" if ours is not None and stock else "-"


def kib(size: float) -> str:
    return f"{size / 1024:.1f}"


def table(title: str, header: list[str], rows: list[list[str]], left: int = 2) -> str:
    """Left-aligned label columns (the first `left`), right-aligned numbers, widths from the content."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [title, "=" * len(title)]
    for row in [header, *rows]:
        cells = [str(cell).ljust(width) if i < left else str(cell).rjust(width) for i, (cell, width) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if row is header:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"
