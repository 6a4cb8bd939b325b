"""Review dates: every page states when it was last reviewed and when it is next due.

The build fails, naming the file, when a date is missing or malformed, in the wrong
order, too far apart, or past due. The dates also feed the page footer, the page's
structured data and the sitemap's <lastmod>.
"""

from __future__ import annotations

import datetime as dt
import os
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MAX_YEARS = 3  # any page
MAX_YEARS_EVIDENCE = 1  # condition pages carry trial results that change faster
EVIDENCE_FOLDER = "conditions/"


def today() -> dt.date:
    # SOURCE_DATE_EPOCH (reproducible builds) fixes "today" when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


def read_date(page: Page, key: str) -> dt.date:
    value = page.meta.get(key)
    if value is None:
        raise PluginError(f"docs/{page.file.src_uri}: front matter needs '{key}' (a date, YYYY-MM-DD)")
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise PluginError(f"docs/{page.file.src_uri}: '{key}: {value}' is not a date in the form YYYY-MM-DD")
    return value


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = f"docs/{page.file.src_uri}"
    reviewed, due = read_date(page, "reviewed"), read_date(page, "next_review")
    years = MAX_YEARS_EVIDENCE if page.file.src_uri.startswith(EVIDENCE_FOLDER) else MAX_YEARS
    if due <= reviewed:
        raise PluginError(f"{path}: next_review ({due}) must come after reviewed ({reviewed})")
    if reviewed > today():
        raise PluginError(f"{path}: reviewed ({reviewed}) is in the future")
    if due > add_years(reviewed, years):
        raise PluginError(f"{path}: next_review ({due}) is more than {years} year(s) after reviewed ({reviewed})")
    if due < today():
        raise PluginError(f"{path}: review overdue since {due}: review the page, then update 'reviewed' and 'next_review'")
    page.meta["reviewed_text"] = long_date(reviewed)
    page.meta["next_review_text"] = long_date(due)
    page.update_date = reviewed.isoformat()  # the sitemap's <lastmod>
    return markdown
