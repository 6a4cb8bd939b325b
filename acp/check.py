"""The checks every build needs, run before it with any engine:

    python -m acp.check

- every page's front matter against the schema (acp/schema.py, `FrontMatter`): engines
  silently drop YAML they cannot parse, so a bad block would otherwise reach readers as text;
- every page's review dates (acp/review_dates.py); an overdue page is named, not refused;
- the references no page cites (they stay on the references page; the list tells an editor
  what may be unused).

Errors go to standard error as `file:line: message`, and the command exits 1; notes go to
standard output. MkDocs and ProperDocs run the same checks through hooks/pages.py, so a
plain `mkdocs build` or `mkdocs serve` checks too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from pymdownx.snippets import SnippetExtension, SnippetMissingError

from acp import data, review_dates
from acp.extensions import citations, decision_aid, evidence, snippet_errors
from acp.extensions.page import DOCS_DIR, ContentError, PageSource
from acp.yaml_source import DataError


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)  # each stops the build
    notes: list[str] = field(default_factory=list)  # for the log


@dataclass(frozen=True)
class PageDates:
    path: str  # docs/...
    reviewed: dt.date
    next_review: dt.date
    overdue: bool


def page_files(docs: Path) -> list[Path]:
    return sorted(docs.rglob("*.md"))


def check_page(path: str, text: str, on: dt.date) -> PageDates:
    """One page's front matter and review dates; DataError naming the file and line."""
    meta, source = data.front_matter_with_lines(text, path)
    overdue = review_dates.check(path, meta.reviewed, meta.next_review, on, lambda key: source.line_of((key,)), text)
    return PageDates(path, meta.reviewed, meta.next_review, overdue)


def check_pages(docs: Path, on: dt.date, report: Report) -> dict[str, PageDates]:
    """Every page checked, by path; a page with an error is left out and reported."""
    checked = {}
    for file in page_files(docs):
        path = f"{DOCS_DIR}/{file.relative_to(docs).as_posix()}"
        try:
            checked[path] = check_page(path, file.read_text(encoding="utf-8"), on)
        except DataError as error:
            report.errors.append(str(error))
            continue
        if checked[path].overdue:
            report.notes.append(review_dates.overdue_line(path, checked[path].next_review))
    return checked


def cited_keys(root: Path, docs: Path) -> set[str]:
    """Every citation key the pages cite once their snippets, evidence and option-grid markers
    are expanded, as the build expands them (the same snippets preprocessor and rendering code)."""
    snippets = markdown.Markdown(extensions=[SnippetExtension(base_path=[str(root / snippet_errors.SNIPPETS_DIR)], check_paths=True)])
    conditions = evidence.load(root)
    names = evidence.rating_names(root, conditions)
    decisions = decision_aid.load(root)
    keys: set[str] = set()
    for file in page_files(docs):
        text = file.read_text(encoding="utf-8")
        body = data.FRONT_MATTER.sub("", text, count=1)
        page = PageSource(file.relative_to(docs).as_posix(), text)
        try:
            expanded = "\n".join(snippets.preprocessors["snippet"].run(body.split("\n")))
        except SnippetMissingError as error:
            raise snippet_errors.refused(error, page) from None
        if any(marker in expanded for marker in evidence.MARKERS):
            expanded = evidence.render(expanded, conditions, page, names, root)
        expanded = decision_aid.render(expanded, decisions, page)  # the option grids cite sources too
        keys |= citations.keys_cited(expanded)
    return keys


def uncited_references(root: Path, docs: Path) -> list[str]:
    return sorted(set(citations.load_references(root)) - cited_keys(root, docs))


def run(root: Path, docs: Path | None = None, on: dt.date | None = None) -> Report:
    docs = docs or root / DOCS_DIR
    report = Report()
    check_pages(docs, on or review_dates.today(), report)
    try:
        unused = uncited_references(root, docs)
    except (ContentError, DataError) as error:
        report.errors.append(str(error))
    else:
        if unused:
            report.notes.append(f"References not cited on any page (listed on the references page only): {', '.join(unused)}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acp.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: the folder the command runs in)")
    args = parser.parse_args(argv)
    report = run(args.root)
    for note in report.notes:
        print(note)
    for error in report.errors:
        print(error, file=sys.stderr)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
