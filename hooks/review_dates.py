"""Review dates: every page states when it was last reviewed and when it is next due.

The build fails, naming the file, when a date is missing or malformed, in the wrong
order, too far apart, or in the future. A page past its due date still builds (so an
urgent safety fix can always be published): the log names it, and the page shows readers
a notice (page.meta["review_overdue_text"], rendered by overrides/main.html). The dates
also feed the page footer, the page's structured data and the sitemap's <lastmod>.

Also a command, run weekly by .github/workflows/review-dates.yml:

    python -m hooks.review_dates --due-within 30

prints, as Markdown for a GitHub issue, every page due within 30 days or already overdue
(nothing when none is). SOURCE_DATE_EPOCH fixes "today" for the build and the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from acp.shared_names import NEXT_REVIEW_TEXT, REVIEW_OVERDUE_TEXT, REVIEWED_TEXT

MAX_YEARS = 3  # any page
MAX_YEARS_EVIDENCE = 1  # condition pages carry trial results that change faster
EVIDENCE_FOLDER = "conditions/"
# A page that shows a "Get help now" box (includes/get-help/) is reviewed at least yearly too:
# warning signs and the routes they give are safety advice. Every box is on
# docs/urgent-symptoms.md, so reviewing that page reviews every box.
WARNING_SIGNS = re.compile(r'^--8<--\s+"get-help/', re.MULTILINE)
OVERDUE_KEY = REVIEW_OVERDUE_TEXT  # page.meta key the template shows as a notice
LOG_PREFIX = "Review overdue:"

log = logging.getLogger("mkdocs.hooks.review_dates")


def today() -> dt.date:
    # SOURCE_DATE_EPOCH (reproducible builds) fixes "today" when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


def is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def read_date(meta: dict[str, Any], key: str, path: str) -> dt.date:
    value = meta.get(key)
    if value is None:
        raise PluginError(f"{path}: front matter needs '{key}' (a date, YYYY-MM-DD)")
    if not is_date(value):
        raise PluginError(f"{path}: '{key}: {value}' is not a date in the form YYYY-MM-DD")
    return value


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


def max_years(src_uri: str, markdown: str) -> int:
    """The longest a page may go between reviews: 1 year for condition pages and for pages
    with a "Get help now" box, 3 years for the rest."""
    if src_uri.startswith(EVIDENCE_FOLDER) or WARNING_SIGNS.search(markdown):
        return MAX_YEARS_EVIDENCE
    return MAX_YEARS


# Build hook -------------------------------------------------------------------------------


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = f"docs/{page.file.src_uri}"
    reviewed, due = read_date(page.meta, "reviewed", path), read_date(page.meta, "next_review", path)
    years = max_years(page.file.src_uri, markdown)
    if due <= reviewed:
        raise PluginError(f"{path}: next_review ({due}) must come after reviewed ({reviewed})")
    if reviewed > today():
        raise PluginError(f"{path}: reviewed ({reviewed}) is in the future")
    if due > add_years(reviewed, years):
        why = " (a page with a 'Get help now' box is reviewed at least yearly)" if WARNING_SIGNS.search(markdown) else ""
        raise PluginError(f"{path}: next_review ({due}) is more than {years} year(s) after reviewed ({reviewed}){why}")
    if due < today():
        # Not a warning: `mkdocs build --strict` fails on warnings, and a review date must
        # never block a fix. The tests fail instead (tests/test_review_dates.py).
        log.info("%s %s was due %s: review the page, then update 'reviewed' and 'next_review'", LOG_PREFIX, path, due)
        page.meta[OVERDUE_KEY] = overdue_text(due)
    page.meta[REVIEWED_TEXT] = long_date(reviewed)
    page.meta[NEXT_REVIEW_TEXT] = long_date(due)
    page.update_date = reviewed.isoformat()  # the sitemap's <lastmod>
    return markdown


# Command: pages due soon ---------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    path: str  # relative to the repository, e.g. docs/conditions/neck-pain.md
    due: dt.date | None  # None: the date is missing or unreadable


def front_matter(text: str) -> dict[str, Any]:
    from mkdocs.utils.meta import get_data  # the parser MkDocs itself uses

    return get_data(text)[1]


def due_dates(docs: Path) -> list[Due]:
    """Every page's next_review date, in path order."""
    pages = []
    for source in sorted(docs.rglob("*.md")):
        value = front_matter(source.read_text(encoding="utf-8")).get("next_review")
        path = f"{docs.name}/{source.relative_to(docs).as_posix()}"
        pages.append(Due(path, value if is_date(value) else None))
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
            "and `next_review` to the next due date (at most 1 year later for `docs/conditions/` and pages with a "
            "'Get help now' box, 3 years elsewhere)."
        ),
        "An overdue page still builds and deploys, with a notice to readers; the test suite fails until it is reviewed.",
        "",
        "_This issue is opened and updated by the weekly review-dates workflow._",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.review_dates", description=__doc__.split("\n\n")[0])
    parser.add_argument("--due-within", type=int, default=30, metavar="DAYS", help="look this many days ahead (default 30)")
    parser.add_argument("--docs", type=Path, default=Path(__file__).resolve().parent.parent / "docs", help="the docs folder")
    args = parser.parse_args(argv)
    on = today()
    sys.stdout.write(issue_body(due_within(due_dates(args.docs), args.due_within, on), args.due_within, on))
    return 0


if __name__ == "__main__":
    sys.exit(main())
