"""The checks before a build (acp/check.py: front matter, review dates, uncited references),
run by MkDocs and ProperDocs on every build and every `mkdocs serve` rebuild; and each page's
review dates handed to the template (overrides/main.html) and the sitemap. Other engines run
`python -m acp.check` before they build."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from acp import check, review_dates
from acp.shared_names import NEXT_REVIEW_TEXT, REVIEW_OVERDUE_TEXT, REVIEWED_TEXT
from acp.yaml_source import DataError

log = logging.getLogger("mkdocs.hooks.pages")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    report = check.run(Path(config.docs_dir).parent, Path(config.docs_dir))
    for note in report.notes:
        # Not a warning: `--strict` fails on warnings, and an overdue review must never block a fix.
        log.info(note)
    if report.errors:
        raise PluginError("\n".join(report.errors))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        dates = check.check_page(f"docs/{page.file.src_uri}", page.file.content_string, review_dates.today())
    except DataError as error:
        raise PluginError(str(error)) from None
    if dates.overdue:
        page.meta[REVIEW_OVERDUE_TEXT] = review_dates.overdue_text(dates.next_review)
    page.meta[REVIEWED_TEXT] = review_dates.long_date(dates.reviewed)
    page.meta[NEXT_REVIEW_TEXT] = review_dates.long_date(dates.next_review)
    page.update_date = dates.reviewed.isoformat()  # the sitemap's <lastmod>
    return markdown
