"""The option grids ([[decision-grid]], acp/extensions/decision_aid.py) against their data
(data/decisions/): every figure a page shows is in the data, each icon array has as many
filled dots as its figure says, a changed figure changes the page, data text is escaped.

These render the grids with the extension's own functions, without a build (a second or so);
tests/test_browser.py (axe, 320 px) and tests/test_site_features.py (print) check them in a
browser."""

from __future__ import annotations

import copy
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from pydantic import ValidationError

from acp import data
from acp.extensions import decision_aid
from acp.extensions.page import ContentError, PageSource
from acp.schema import DecisionFile
from toolbox import readability

ROOT = Path(__file__).parent.parent
DECISIONS = decision_aid.load(ROOT)
WITH_GRID = sorted(page for page, decision in DECISIONS.items() if decision.responders)
FIGURE = re.compile(r"(fewer than 1|\d+) in 100")


class IconArrays(HTMLParser):
    """Each icon array's filled and empty dots, with the figure written just before it."""

    def __init__(self) -> None:
        super().__init__()
        self.arrays: list[dict[str, object]] = []
        self.text: list[str] = []
        self.group = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "svg" and "icon-array" in classes:
            figures = FIGURE.findall(" ".join(self.text))
            self.arrays.append({"said": figures[-1] if figures else None, "better": 0, "not": 0, "hidden": dict(attrs).get("aria-hidden")})
        elif tag == "g":
            self.group = "better" if "icon-array__better" in classes else "not" if "icon-array__not" in classes else ""
        elif tag == "circle" and self.group:
            self.arrays[-1][self.group] += 1  # type: ignore[operator]

    def handle_data(self, text: str) -> None:
        self.text.append(text)


def section_of(page: str, decisions: dict[str, DecisionFile] = DECISIONS) -> str:
    return decision_aid.render(decision_aid.MARKER, decisions, PageSource(page, decision_aid.MARKER))


def test_every_condition_page_has_a_grid_or_says_why_not() -> None:
    pages = {path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs/conditions").glob("*.md")} - {"conditions/index.md"}
    assert set(DECISIONS) == pages, f"condition pages without a data/decisions/ file: {sorted(pages - set(DECISIONS))}"
    for page in pages:
        assert (ROOT / "docs" / page).read_text(encoding="utf-8").count(decision_aid.MARKER) == 1, f"{page} has no {decision_aid.MARKER}"
    assert WITH_GRID, "no page has figures"


@pytest.mark.parametrize("page", sorted(DECISIONS))
def test_every_figure_shown_is_in_the_data(page: str) -> None:
    """Each 'N in 100' on the page is a responder figure or a rounded side-effect figure of
    that page's data file, and each data figure is shown."""
    decision = DECISIONS[page]
    shown = FIGURE.findall(section_of(page))
    responders = [str(count) for figures in decision.responders for count in figures.per_100.values()]
    effects = [decision_aid.in_100(option.side_effects.per_100).removesuffix(" in 100") for option in decision.options if option.side_effects.per_100 is not None]
    # Each responder figure appears twice (beside its dots, and under "How sure").
    assert sorted(shown) == sorted(responders * 2 + effects), f"{page}: page shows {shown}, data has {responders} and {effects}"
    if decision.not_known:
        assert "We cannot give these numbers yet, because" in section_of(page)


@pytest.mark.parametrize("page", WITH_GRID)
def test_icon_arrays_match_their_numbers(page: str) -> None:
    parser = IconArrays()
    parser.feed(section_of(page))
    expected = [count for figures in DECISIONS[page].responders for option in DECISIONS[page].options if (count := figures.per_100.get(option.id)) is not None]
    assert [array["better"] for array in parser.arrays] == expected
    for array in parser.arrays:
        assert array["better"] + array["not"] == 100, f"{page}: an icon array has {array['better']} + {array['not']} dots"  # type: ignore[operator]
        assert str(array["better"]) == array["said"], f"{page}: {array['better']} dots filled beside the figure '{array['said']} in 100'"
        assert array["hidden"] == "true", f"{page}: an icon array is not hidden from screen readers, whose text says the same"


def test_a_changed_figure_changes_the_page(tmp_path: Path) -> None:
    """Edit one figure in a copy of the data: the page shows the new figure and its dots."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    page = "conditions/low-back-pain.md"
    before = section_of(page, decision_aid.load(tmp_path))
    file = tmp_path / data.DECISIONS_DIR / "low-back-pain.yml"
    text = file.read_text(encoding="utf-8")
    assert "      acupuncture: 48\n" in text
    file.write_text(text.replace("      acupuncture: 48\n", "      acupuncture: 71\n"), encoding="utf-8")
    after = section_of(page, decision_aid.load(tmp_path))
    assert "<strong>48 in 100</strong>" in before and "<strong>48 in 100</strong>" not in after
    assert "<strong>71 in 100</strong>" in after
    parser = IconArrays()
    parser.feed(after)
    assert parser.arrays[0]["better"] == 71


def test_data_text_is_escaped() -> None:
    """Data text reaches readers as typed: no HTML, and no Markdown either (the grid is HTML)."""
    decision = DECISIONS["conditions/low-back-pain.md"]
    hostile = decision.model_copy(update={"people": 'people <script>alert("x")</script> & [more](javascript:alert(1))'})
    changed = hostile.model_copy(update={"options": [decision.options[0].model_copy(update={"label": "<b>Needles</b>"}), *decision.options[1:]]})
    html = section_of("conditions/low-back-pain.md", {"conditions/low-back-pain.md": changed})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in markdown.markdown(html), "a Markdown link in the data became a link"
    assert "<b>Needles</b>" not in html and "&lt;b&gt;Needles&lt;/b&gt;" in html
    assert 'data-label="&lt;b&gt;Needles&lt;/b&gt;"' in html


def test_every_grid_states_its_time_and_whose_certainty() -> None:
    for page in WITH_GRID:
        html = section_of(page)
        for figures in DECISIONS[page].responders:
            assert f"Measured {figures.follow_up}" in html.replace("&#x27;", "'"), f"{page}: follow-up time not shown"
            whose = "Our judgement" if figures.certainty.reason else figures.certainty.rated_by
            assert f"{whose}: {decision_aid.LEVELS[figures.certainty.level]} certainty" in html


def test_grid_links_to_the_values_exercise() -> None:
    for page in DECISIONS:
        assert '<a href="/tools/what-matters/">' in section_of(page), f"{page}: no link to the values exercise"
    assert (ROOT / "docs" / decision_aid.VALUES_PAGE).is_file()


def test_marker_without_data_names_the_page_and_line() -> None:
    with pytest.raises(ContentError) as error:
        decision_aid.render("# Title\n\n[[decision-grid]]\n", {}, PageSource("conditions/new.md", "---\n---\n# Title\n\n[[decision-grid]]\n"))
    assert str(error.value).startswith("docs/conditions/new.md:5: [[decision-grid]] but no file in data/decisions/ has page: conditions/new.md")


def test_marker_twice_is_refused() -> None:
    with pytest.raises(ContentError, match=r"appears 2 times"):
        decision_aid.render("[[decision-grid]]\n[[decision-grid]]\n", DECISIONS, PageSource("conditions/low-back-pain.md", "[[decision-grid]]\n"))


# Every text field of a decision file, fed payloads that would run as script or lead to it if
# they reached the page as HTML or Markdown, rendered through the site's whole Markdown set-up.
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "image with handler": "<img src=x onerror=alert(1)>",
    "attribute break-out": '" onmouseover="alert(1)" x="',
    "attribute list": 'Text {: onclick="alert(1)" }',
    "javascript link": "[click](javascript:alert(1))",
    "autolink": "<javascript:alert(1)>",
    "raw block": "\n\n<div onclick=alert(1)>x</div>\n\n",
}
NOT_FREE_TEXT = {"page", "id", "level", "sources", "rating_source"}  # patterns and fixed words, refused by the schema


class Working(HTMLParser):
    """What in a page would run, or lead to script: a script or image element, an on...
    attribute, a javascript: or data: link."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            target = "".join((value or "").split()).lower()
            if name.startswith("on") or (name in ("href", "src") and target.startswith(("javascript:", "data:"))):
                self.found.append(f"<{tag} {name}={value!r}>")


def text_paths(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in text_paths(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in text_paths(item, (*path, index))]
    return [path] if isinstance(value, str) and not NOT_FREE_TEXT & set(map(str, path)) else []


def site_markdown() -> markdown.Markdown:
    """The site's Markdown extensions that read syntax in text (not its own content rules,
    which the section has already been through)."""
    configured = {name if isinstance(name, str) else next(iter(name)) for name in load_config(str(ROOT / "mkdocs.yml"))["markdown_extensions"]}
    return markdown.Markdown(extensions=sorted(name for name in configured if not name.startswith(("acp.", "pymdownx.snippets"))))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_data_text_reaches_the_page_as_markup(payload: str) -> None:
    """Each text field either refuses the payload (the schema) or shows it as typed."""
    converter, tried = site_markdown(), set()
    for page in ("conditions/chronic-prostatitis.md", "conditions/neck-pain.md"):
        dumped = DECISIONS[page].model_dump(exclude_none=True)
        for path in text_paths(dumped):
            changed = copy.deepcopy(dumped)
            place = changed
            for part in path[:-1]:
                place = place[part]
            place[path[-1]] = PAYLOADS[payload]
            tried.add(".".join(map(str, path)))
            try:
                decision = DecisionFile.model_validate(changed)
            except ValidationError as refused:  # the schema refuses it, with file and line (test_data_schema.py)
                assert any(tuple(error["loc"][: len(path)]) == path for error in refused.errors()), f"{path}: refused elsewhere: {refused}"
                continue
            parser = Working()
            parser.feed(converter.reset().convert(decision_aid.section(decision, "/tools/what-matters/")))
            assert not parser.found, f"{page} {'.'.join(map(str, path))}: {payload} works in the page: {parser.found}"
    shown_to_readers = {"people", "not_known", "options.0.label", "options.1.what", "options.0.how_soon.text", "options.1.cost.not_known",
                        "options.0.side_effects.counted", "options.0.side_effects.follow_up", "options.0.side_effects.certainty.reason",
                        "responders.0.trials", "responders.0.better", "responders.0.follow_up", "responders.0.method",
                        "responders.0.certainty.reason", "missing.0.what", "missing.0.not_known"}
    assert shown_to_readers <= tried, f"fields not tried: {sorted(shown_to_readers - tried)}"


def grid_grade(section_html: str) -> float:
    """Reading grade of a grid's text: its cells, headings and notes (the page measure,
    toolbox/readability.py, leaves tables out)."""
    soup = BeautifulSoup(section_html, "lxml")
    for node in soup.select("svg"):
        node.decompose()
    blocks = [" ".join(node.get_text(" ").split()) for node in soup.select("caption, th, td, p, li")]
    words = sentences = syllable_count = 0
    for block in blocks:
        block = re.sub(r"\[@[\w;@ -]+\]", "", block)  # citation markers are not words
        sentences += max(1, len([part for part in readability.SENTENCE_END.split(block) if part and readability.WORD.search(part)]))
        for word in readability.WORD.findall(block):
            words += 1
            syllable_count += readability.syllables(word)
    return readability.Grade(words, max(1, sentences), syllable_count).grade


@pytest.mark.parametrize("page", sorted(DECISIONS))
def test_grid_text_reads_at_grade_8_or_lower(page: str) -> None:
    grade = grid_grade(section_of(page))
    assert grade <= 8, f"{page}: the option grid's text reads at grade {grade:.1f}"
