"""Review dates: every page states when it was last reviewed and when it is next due.

The rules live here and nowhere else; the check before a build (`python -m acp.check`), the
MkDocs hook (hooks/pages.py) and the weekly command below all ask this module. A page's
dates must be in order, not in the future, and at most MAX_YEARS apart (MAX_YEARS_EVIDENCE
under docs/conditions/). A page past its due date still builds (so an urgent safety fix can
always be published): the check names it, and the page shows readers a notice
(overdue_text, drawn by overrides/main.html). SOURCE_DATE_EPOCH fixes "today".

The weekly command, run by .github/workflows/review-dates.yml:

    python -m acp.review_dates --due-within 30

prints, as Markdown for a GitHub issue, every page due within 30 days or already overdue
(nothing when none is).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from acp import data
from acp.yaml_source import DataError

MAX_YEARS = 3  # any page
MAX_YEARS_EVIDENCE = 1  # condition pages carry trial results that change faster
EVIDENCE_FOLDER = "docs/conditions/"
# A page that shows a "Get help now" box (includes/get-help/) is reviewed at least yearly too:
# warning signs and the routes they give are safety advice. Every box is on
# docs/urgent-symptoms.md, so reviewing that page reviews every box.
WARNING_SIGNS = re.compile(r'^--8<--\s+"get-help/', re.MULTILINE)
LOG_PREFIX = "Review overdue:"


def today() -> dt.date:
    # SOURCE_DATE_EPOCH (reproducible builds) fixes "today" when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def overdue_text(due: dt.date) -> str:
    """The notice readers see on a page past its review date."""
    return f"This page is overdue for review (due {long_date(due)})."


def max_years(path: str, markdown: str = "") -> int:
    """The longest the page at `path` (`docs/...`, source `markdown`) may go between reviews:
    1 year for condition pages and for pages with a "Get help now" box, 3 years for the rest."""
    if path.startswith(EVIDENCE_FOLDER) or WARNING_SIGNS.search(markdown):
        return MAX_YEARS_EVIDENCE
    return MAX_YEARS


def check(path: str, reviewed: dt.date, due: dt.date, on: dt.date, line_of: Callable[[str], int | None] = lambda key: None,
          markdown: str = "") -> bool:
    """Whether the page is overdue on `on`; DataError naming `path` and the line of the date
    at fault (`line_of(key)`) when its dates break a rule."""
    years = max_years(path, markdown)
    if due <= reviewed:
        raise DataError(path, line_of("next_review"), f"next_review ({due}) must come after reviewed ({reviewed})")
    if reviewed > on:
        raise DataError(path, line_of("reviewed"), f"reviewed ({reviewed}) is in the future")
    if due > add_years(reviewed, years):
        why = " (a page with a 'Get help now' box is reviewed at least yearly)" if WARNING_SIGNS.search(markdown) else ""
        raise DataError(path, line_of("next_review"), f"next_review ({due}) is more than {years} year(s) after reviewed ({reviewed}){why}")
    return due < on


def overdue_line(path: str, due: dt.date) -> str:
    """What the check and the build log say about an overdue page."""
    return f"{LOG_PREFIX} {path} was due {due}: review the page, then update 'reviewed' and 'next_review'"


# Command: pages due soon ---------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    path: str  # relative to the repository, e.g. docs/conditions/neck-pain.md
    due: dt.date | None  # None: the date is missing or unreadable


def due_dates(docs: Path) -> list[Due]:
    """Every page's next_review date, in path order (read as the build reads it)."""
    pages = []
    for source in sorted(docs.rglob("*.md")):
        path = f"{docs.name}/{source.relative_to(docs).as_posix()}"
        try:
            value = data.front_matter_source(source.read_text(encoding="utf-8"), path).data.get("next_review")
        except (DataError, AttributeError):
            value = None
        pages.append(Due(path, value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None))
    return pages


def due_within(pages: list[Due], days: int, on: dt.date) -> list[Due]:
    """Pages due on or before `on` + `days` (overdue ones too), soonest first."""
    limit = on + dt.timedelta(days=days)
    return sorted((page for page in pages if page.due is None or page.due <= limit), key=lambda page: (page.due or dt.date.min, page.path))


def days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def issue_body(pages: list[Due], within: int, on: dt.date) -> str:
    """Markdown for the weekly issue: every page due within `within` days, with its date."""
    if not pages:
        return ""
    lines = [f"These pages fall due for review within {days(within)} of {on.isoformat()}, or are overdue:", ""]
    for page in pages:
        if page.due is None:
            lines.append(f"- [ ] `{page.path}`: `next_review` is missing or not a date")
        elif page.due < on:
            lines.append(f"- [ ] `{page.path}`: due {page.due.isoformat()} (**overdue** by {days((on - page.due).days)})")
        else:
            lines.append(f"- [ ] `{page.path}`: due {page.due.isoformat()} (in {days((page.due - on).days)})")
    lines += [
        "",
        (
            "Check each page against the current evidence, then set `reviewed` to the day of the review "
            f"and `next_review` to the next due date (at most {MAX_YEARS_EVIDENCE} year later for `{EVIDENCE_FOLDER}` and pages "
            f"with a 'Get help now' box, {MAX_YEARS} years elsewhere)."
        ),
        "An overdue page still builds and deploys, with a notice to readers; the test suite fails until it is reviewed.",
        "",
        "_This issue is opened and updated by the weekly review-dates workflow._",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acp.review_dates", description=__doc__.split("\n\n")[0])
    parser.add_argument("--due-within", type=int, default=30, metavar="DAYS", help="look this many days ahead (default 30)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder (default: docs, in the folder the command runs in)")
    args = parser.parse_args(argv)
    on = today()
    sys.stdout.write(issue_body(due_within(due_dates(args.docs), args.due_within, on), args.due_within, on))
    return 0


if __name__ == "__main__":
    sys.exit(main())
