"""Review dates without a cliff (acp/review_dates.py, run by acp/check.py and hooks/pages.py), tested with a fixed clock.

An overdue page still builds (an urgent fix can always be published), is named in the
build log and shows readers a notice; the weekly command lists every page due within 30
days; the condition pages do not all fall due on the same day. The one test that reads
today's real date is marked `review_due`: `make test` runs it, and CI runs it in its own
job, which the deploy does not wait for.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from acp import check, review_dates
from acp.shared_names import NEXT_REVIEW_TEXT, REVIEW_OVERDUE_TEXT
from acp.yaml_source import DataError
from hooks import pages as pages_hook
from tests.conftest import copy_project, mkdocs_build
from toolbox.urls import built_file_of_source

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TODAY = dt.date(2027, 3, 10)  # the fixed clock of the unit tests


def epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH for midnight UTC of a day: the hook's "today" becomes that day."""
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))


def write_page(docs: Path, relative: str, reviewed: dt.date | None, due: dt.date | str | None) -> None:
    lines = ["---", "title: A page", "description: A page about one thing, described in one sentence for search results."]
    if reviewed:
        lines.append(f"reviewed: {reviewed.isoformat()}")
    if due:
        lines.append(f"next_review: {due if isinstance(due, str) else due.isoformat()}")
    path = docs / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([*lines, "---", "", "# A page", ""]), encoding="utf-8")


def run_command(docs: Path, on: dt.date, days: int = 30) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "acp.review_dates", "--due-within", str(days), "--docs", str(docs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch(on)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# The weekly command ------------------------------------------------------------------------


def test_command_lists_every_page_due_within_30_days_with_its_date(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    reviewed = TODAY - dt.timedelta(days=300)
    write_page(docs, "soon.md", reviewed, TODAY + dt.timedelta(days=20))
    write_page(docs, "conditions/edge.md", reviewed, TODAY + dt.timedelta(days=30))
    write_page(docs, "conditions/late.md", reviewed, TODAY - dt.timedelta(days=5))
    write_page(docs, "later.md", reviewed, TODAY + dt.timedelta(days=31))
    write_page(docs, "undated.md", reviewed, None)
    body = run_command(docs, TODAY)
    assert "- [ ] `docs/soon.md`: due 2027-03-30 (in 20 days)" in body
    assert "- [ ] `docs/conditions/edge.md`: due 2027-04-09 (in 30 days)" in body
    assert "- [ ] `docs/conditions/late.md`: due 2027-03-05 (**overdue** by 5 days)" in body
    assert "- [ ] `docs/undated.md`: `next_review` is missing or not a date" in body
    assert "later.md" not in body
    listed = re.findall(r"^- \[ \] `([^`]+)`", body, re.MULTILINE)
    assert listed == ["docs/undated.md", "docs/conditions/late.md", "docs/soon.md", "docs/conditions/edge.md"], "soonest first"


def test_command_prints_nothing_when_no_page_is_due(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_page(docs, "index.md", TODAY - dt.timedelta(days=10), TODAY + dt.timedelta(days=31))
    assert run_command(docs, TODAY) == ""


def test_command_reads_the_real_pages() -> None:
    """Every page in docs/ has a readable next_review date for the command to use."""
    pages = review_dates.due_dates(DOCS)
    assert len(pages) == len(list(DOCS.rglob("*.md")))
    assert all(page.due for page in pages), [page.path for page in pages if not page.due]


# The build hook, one page at a time (no build needed) ---------------------------------------


def fake_page(src_uri: str, **meta: object) -> SimpleNamespace:
    """A page as the hook sees it: its source, front matter first, as the author wrote it."""
    lines = ["---", "title: A page", "description: A page about one thing, described in one sentence for search results."]
    lines += [f"{key}: {value.isoformat() if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else value}" for key, value in meta.items()]
    source = "\n".join([*lines, "---", "", "# A page", ""])
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, content_string=source), meta={}, update_date=None)


def run_hook(page: SimpleNamespace, monkeypatch: pytest.MonkeyPatch, on: dt.date = TODAY, markdown: str = "# A page") -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(on))
    page.file.content_string = page.file.content_string.replace("\n# A page\n", "\n" + markdown + "\n")  # the hook reads the file
    pages_hook.on_page_markdown(markdown, page=page, config=None, files=None)


def test_overdue_page_builds_with_a_notice_and_a_log_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    page = fake_page("conditions/neck-pain.md", reviewed=dt.date(2026, 3, 1), next_review=dt.date(2027, 3, 1))
    run_hook(page, monkeypatch)
    assert page.meta[REVIEW_OVERDUE_TEXT] == "This page is overdue for review (due 1 March 2027)."
    # The check before the build names the page; the build logs the note at INFO, which --strict lets through.
    write_page(tmp_path / "docs", "conditions/neck-pain.md", dt.date(2026, 3, 1), dt.date(2027, 3, 1))
    report = check.Report()
    check.check_pages(tmp_path / "docs", TODAY, report)
    assert report.errors == []
    assert report.notes == [
        "Review overdue: docs/conditions/neck-pain.md was due 2027-03-01: review the page, then update 'reviewed' and 'next_review'"
    ]


def test_page_not_yet_due_has_no_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    page = fake_page("safety.md", reviewed=dt.date(2026, 3, 1), next_review=TODAY)  # due today: not yet overdue
    run_hook(page, monkeypatch)
    assert REVIEW_OVERDUE_TEXT not in page.meta
    assert page.meta[NEXT_REVIEW_TEXT] == "10 March 2027"
    assert page.update_date == "2026-03-01"


FAULTS = {
    "missing reviewed": (fake_page("sessions.md", next_review=TODAY), r"^docs/sessions\.md:2: missing field 'reviewed'"),
    "missing next_review": (fake_page("sessions.md", reviewed=TODAY), r"^docs/sessions\.md:2: missing field 'next_review'"),
    "malformed date": (fake_page("safety.md", reviewed=TODAY, next_review="soon"), r"^docs/safety\.md:5: next_review: 'soon' is not a date in the form YYYY-MM-DD"),
    "date with a time": (
        fake_page("safety.md", reviewed=dt.datetime(2027, 1, 1, 9, 0), next_review=dt.date(2028, 1, 1)),
        r"^docs/safety\.md:4: reviewed: must be a date \(YYYY-MM-DD\), not a date and time",
    ),
    "wrong order": (
        fake_page("acupuncture.md", reviewed=dt.date(2027, 1, 1), next_review=dt.date(2026, 1, 1)),
        r"^docs/acupuncture\.md:5: next_review \(2026-01-01\) must come after reviewed \(2027-01-01\)",
    ),
    "reviewed in the future": (
        fake_page("acupuncture.md", reviewed=TODAY + dt.timedelta(days=1), next_review=dt.date(2028, 1, 1)),
        r"^docs/acupuncture\.md:4: reviewed \(2027-03-11\) is in the future",
    ),
    "condition more than a year ahead": (
        fake_page("conditions/neck-pain.md", reviewed=dt.date(2027, 1, 1), next_review=dt.date(2028, 1, 2)),
        r"^docs/conditions/neck-pain\.md:5: next_review \(2028-01-02\) is more than 1 year\(s\) after reviewed",
    ),
    "other page more than three years ahead": (
        fake_page("safety.md", reviewed=dt.date(2027, 1, 1), next_review=dt.date(2030, 1, 2)),
        r"^docs/safety\.md:5: next_review \(2030-01-02\) is more than 3 year\(s\) after reviewed",
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_bad_review_dates_fail_with_the_file_named(fault: str, monkeypatch: pytest.MonkeyPatch) -> None:
    page, message = FAULTS[fault]
    with pytest.raises(PluginError) as error:
        run_hook(page, monkeypatch)
    assert re.search(message, str(error.value)), str(error.value)


def test_a_page_reviewed_on_29_february_may_be_due_a_year_later() -> None:
    """A year after 29 February 2028 is 28 February 2029 (date.replace(year=...) raises there)."""
    assert review_dates.add_years(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)
    assert review_dates.check("docs/conditions/neck-pain.md", dt.date(2028, 2, 29), dt.date(2029, 2, 28), on=dt.date(2028, 3, 1)) is False
    with pytest.raises(DataError, match="more than 1 year"):
        review_dates.check("docs/conditions/neck-pain.md", dt.date(2028, 2, 29), dt.date(2029, 3, 1), on=dt.date(2028, 3, 1))


# The whole mechanism: one real build with the clock moved past the first due date -----------


def built_html(site: Path, path: str) -> Path:
    """The built file of a page named as in the log (`docs/x.md`)."""
    return site / built_file_of_source(Path("docs"), Path(path))


def visible_text(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
    for node in soup(["script", "style", "template", "head"]):
        node.decompose()
    return " ".join(soup.get_text(" ").split())


def test_overdue_pages_build_are_named_in_the_log_and_show_the_notice(tmp_path: Path) -> None:
    pages = review_dates.due_dates(DOCS)
    clock = max(dt.date.today(), min(page.due for page in pages) + dt.timedelta(days=1))
    overdue = {page.path: page.due for page in pages if page.due < clock}
    on_time = sorted(page.path for page in pages if page.due >= clock)
    assert overdue and on_time, "the clock should make some pages overdue and leave others on time"
    project = copy_project(tmp_path / "project")
    build = mkdocs_build(project, tmp_path / "site", SOURCE_DATE_EPOCH=epoch(clock))
    assert build.returncode == 0, f"an overdue page must not stop the build:\n{build.log}"
    assert not re.search(r"^(WARNING|ERROR)", build.log, re.MULTILINE), build.log
    named = set(re.findall(r"Review overdue: (\S+) was due", build.log))
    assert named == set(overdue), f"the log should name every overdue page, and only those:\n{build.log}"
    # The notice is set by the hook as page.meta["review_overdue_text"] and drawn by overrides/main.html.
    missing = [path for path, due in overdue.items() if review_dates.overdue_text(due) not in visible_text(built_html(tmp_path / "site", path))]
    assert not missing, f"pages without the notice {review_dates.overdue_text(min(overdue.values()))!r}:\n" + "\n".join(sorted(missing))
    assert "overdue for review" not in visible_text(built_html(tmp_path / "site", on_time[0]))


# No cliff ----------------------------------------------------------------------------------


def test_condition_pages_fall_due_on_different_days() -> None:
    """Eight pages due on one day would be eight reviews at once: spread them out."""
    pages = [page for page in review_dates.due_dates(DOCS) if page.path.startswith("docs/conditions/")]
    by_day: dict[dt.date, list[str]] = {}
    for page in pages:
        by_day.setdefault(page.due, []).append(page.path)
    shared = {day: paths for day, paths in by_day.items() if len(paths) > 1}
    assert not shared, f"condition pages due on the same day: {shared}"


# Today's real date: fails when a page is overdue; CI runs it apart from the deploy gate ------


@pytest.mark.review_due
def test_no_page_is_past_its_review_date() -> None:
    today = review_dates.today()
    overdue = [f"{page.path}: due {page.due}" for page in review_dates.due_dates(DOCS) if page.due and page.due < today]
    assert not overdue, (
        f"Pages past their review date on {today} (the site still builds and shows readers a notice). "
        "Review each, then update 'reviewed' and 'next_review':\n" + "\n".join(overdue)
    )


WITH_A_HELP_BOX = '# A page\n\n--8<-- "get-help/after-a-session.md"\n'


def test_a_page_with_a_get_help_box_is_reviewed_at_least_yearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Warning signs are safety advice: a page showing a "Get help now" box, wherever it is,
    falls due within a year; the same page without one may wait three."""
    reviewed, due = dt.date(2027, 1, 1), dt.date(2028, 1, 2)
    with pytest.raises(PluginError) as error:
        run_hook(fake_page("safety.md", reviewed=reviewed, next_review=due), monkeypatch, markdown=WITH_A_HELP_BOX)
    assert re.search(r"^docs/safety\.md:\d+: next_review \(2028-01-02\) is more than 1 year\(s\) after reviewed .*'Get help now' box", str(error.value)), str(error.value)
    run_hook(fake_page("safety.md", reviewed=reviewed, next_review=due), monkeypatch)  # no box: 3 years allowed
    run_hook(fake_page("safety.md", reviewed=reviewed, next_review=dt.date(2028, 1, 1)), monkeypatch, markdown=WITH_A_HELP_BOX)
