"""Text from data files reaches pages as text: every text field of every schema model
(acp/schema.py) is fed script, event-handler, `javascript:` and `data:` payloads, rendered
the way the site renders it (acp/extensions/evidence.py, citations.py, glossary.py, through
the site's whole Markdown set-up), and the HTML is searched for any of them working. No
build: a few milliseconds per field; tests/test_build.py checks the same through one build."""

from __future__ import annotations

import html
import typing
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from pydantic import BaseModel, ValidationError

from acp import markup, schema
from acp.extensions import citations, evidence, glossary

ROOT = Path(__file__).parent.parent

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "image with handler": "<img src=x onerror=alert(1)>",
    "attribute break-out": '" onmouseover="alert(1)" x="',
    "attribute list": 'Text {: onclick="alert(1)" }',
    "javascript link": "[click](javascript:alert(1))",
    "disguised javascript link": "[click](JaVa&#09;ScRiPt:alert(1))",
    "encoded colon": "[click](javascript&#58;alert(1))",
    "data link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "autolink": "<javascript:alert(1)>",
    "image": "![x](https://example.org/track.gif)",
    "raw block": "\n\n<div onclick=alert(1)>x</div>\n\n",
    "admonition": "!!! danger\n\n    boo",
}


class Working(HTMLParser):
    """What in a page would run or lead to script: a script element, an on... attribute, a
    link or source to javascript: or data:, an image from another site."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            target = "".join((value or "").split()).lower()
            if name.startswith("on") or (name in ("href", "src", "action") and target.startswith(("javascript:", "data:", "vbscript:"))):
                self.found.append(f"<{tag} {name}={value!r}>")


def working(page_html: str) -> list[str]:
    parser = Working()
    parser.feed(page_html)
    return parser.found


def site_markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


REFERENCE = {
    "type": "review",
    "authors": ["Vickers AJ"],
    "year": 2012,
    "title": "Acupuncture for chronic pain",
    "journal": "Archives of Internal Medicine",
    "volume": "172",
    "issue": "19",
    "pages": "1444-53",
    "note": "A note.",
    "doi": "10.1001/archinternmed.2012.3654",
    "verified": "PubMed record",
}
EVIDENCE = {
    "condition": "Neck pain",
    "page": "conditions/neck-pain.md",
    "order": 1,
    "verdict": "May help a little.",
    "summary": "Acupuncture may ease long-term neck pain a little.",
    "comparisons": [
        {"against": "sham", "effect": "Small benefit.", "certainty": {"level": "low", "reason": "small trials"}, "effect_size": 0.2, "sources": ["vickers2012"]},
        {"against": "usual-care", "effect": "Some benefit.", "certainty": {"level": "moderate", "rated_by": "Cochrane review (GRADE)", "rating_source": "vickers2012"}, "sources": ["vickers2012"]},
    ],
    "guidelines": [{"body": "NICE (England)", "year": 2021, "position": "no-position", "detail": "Not covered.", "sources": ["vickers2012"]}],
}


def text_fields(model: type[BaseModel], sample: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place in `sample` (a valid instance's data) that holds text, found from the model:
    a field added to the schema is tried without editing this test."""
    found: list[tuple[str | int, ...]] = []
    for name, field in model.model_fields.items():
        if not isinstance(sample, dict) or name not in sample:
            continue
        value, annotation = sample[name], field.annotation
        if typing.get_origin(annotation) is typing.Literal:
            continue  # one of a few fixed words, not text
        optional = typing.get_origin(annotation) in (typing.Union, __import__("types").UnionType)
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)] if optional else [annotation]
        nested = next((arg for arg in inner if isinstance(arg, type) and issubclass(arg, BaseModel)), None)
        listed = next((typing.get_args(arg)[0] for arg in inner if typing.get_origin(arg) is list), None)
        if nested is not None:
            found += text_fields(nested, value, (*path, name))
        elif isinstance(listed, type) and issubclass(listed, BaseModel):
            for index, item in enumerate(value):
                found += text_fields(listed, item, (*path, name, index))
        elif isinstance(value, list) and value and isinstance(value[0], str):
            found.append((*path, name, 0))
        elif isinstance(value, str):
            found.append((*path, name))
    return found


def with_text(sample: dict, path: tuple[str | int, ...], text: str) -> dict:
    copy = __import__("copy").deepcopy(sample)
    place = copy
    for part in path[:-1]:
        place = place[part]
    place[path[-1]] = text
    return copy


def render_evidence(item: schema.EvidenceFile) -> str:
    names = defaultdict(lambda: "Example 2020")  # how a label names a rating's source
    source = "\n\n".join([evidence.box(item, names), evidence.table([item], "conditions/index.md", names), evidence.chart([item], names), evidence.cards([item], "conditions/index.md")])
    return site_markdown().convert(source)


def test_every_text_field_is_found() -> None:
    """Guard: the walk finds the fields that readers see (so the tests below try them)."""
    evidence_fields = {".".join(map(str, path)) for path in text_fields(schema.EvidenceFile, EVIDENCE)}
    assert {"summary", "verdict", "condition", "comparisons.0.effect", "comparisons.0.certainty.reason", "comparisons.1.certainty.rated_by", "guidelines.0.body", "guidelines.0.detail"} <= evidence_fields
    reference_fields = {".".join(map(str, path)) for path in text_fields(schema.Reference, REFERENCE)}
    assert {"title", "note", "journal", "authors.0", "volume", "issue", "pages"} <= reference_fields


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_evidence_text_reaches_a_page_as_markup(payload: str) -> None:
    """Each field either refuses the payload (HTML and unsafe links: the schema says so with
    file and line, test_data_schema.py) or shows it as text."""
    for path in text_fields(schema.EvidenceFile, EVIDENCE):
        data = with_text(EVIDENCE, path, PAYLOADS[payload])
        try:
            item = schema.EvidenceFile.model_validate(data)
        except ValidationError as refused:
            assert refused.errors()[0]["loc"][: len(path)] == path, refused
            continue
        out = render_evidence(item)
        assert not working(out), f"{'.'.join(map(str, path))}: {payload} works in the page: {working(out)}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_reference_text_reaches_a_page_as_markup(payload: str) -> None:
    for path in text_fields(schema.Reference, REFERENCE):
        try:
            entry = schema.Reference.model_validate(with_text(REFERENCE, path, PAYLOADS[payload]))
        except ValidationError:
            continue
        out = citations.full_list({"vickers2012": entry})
        assert not working(out), f"{'.'.join(map(str, path))}: {payload} works in the page: {working(out)}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_is_safe_even_where_the_schema_would_refuse(payload: str) -> None:
    """Defence in depth: model_construct skips the schema's checks, as a future caller might."""
    for path in text_fields(schema.EvidenceFile, EVIDENCE):
        if {"page", "sources", "rating_source"} & set(path):
            continue  # a path or citation key, never free text (schema: a pattern)
        data = with_text(EVIDENCE, path, PAYLOADS[payload])
        comparisons = [
            schema.Comparison.model_construct(**{**c, "certainty": schema.Certainty.model_construct(**{"rated_by": None, "rating_source": None, "reason": None, **c["certainty"]})})
            for c in data["comparisons"]
        ]
        guidelines = [schema.Guideline.model_construct(**g) for g in data["guidelines"]]
        item = schema.EvidenceFile.model_construct(**{**data, "comparisons": comparisons, "guidelines": guidelines})
        out = render_evidence(item)
        assert not working(out), f"{'.'.join(map(str, path))}: {payload} works in the page: {working(out)}"


def test_glossary_definitions_reach_the_page_as_text() -> None:
    terms = {"RCT": PAYLOADS["image with handler"] + " " + PAYLOADS["javascript link"]}
    assert not working(glossary.definition_list(terms))
    out = site_markdown().convert(f"An RCT.\n\n*[RCT]: {terms['RCT']}\n")
    assert not working(out), working(out)


# acp/markup.py -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("May help *a little* [@vickers2012].", "May help <em>a little</em>"),
        ("See [the safety page](../safety.md#risks).", '<a href="../safety.md#risks">the safety page</a>'),
        ("See [NICE](https://www.nice.org.uk/guidance/ng59).", '<a href="https://www.nice.org.uk/guidance/ng59">NICE</a>'),
        ("Less than 5 & more than <2 > 1", "Less than 5 &amp; more than &lt;2 &gt; 1"),
        ("# Not a heading", "# Not a heading"),
        ("- not a list", "- not a list"),
        ("1. not a list", "1. not a list"),
        ("!!! note not a box", "!!! note not a box"),
        ("Figures [1] and [^2] `x` | y {: z }", "Figures [1] and [^2] `x` | y {: z }"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("Two\n\nparagraphs", "Two paragraphs"),
    ],
)
def test_inline_markdown_allows_emphasis_links_and_citations_only(text: str, shown: str) -> None:
    out = markdown.Markdown(extensions=["attr_list", "tables", "admonition", "footnotes"]).convert(markup.inline_markdown(text))
    assert shown in out or shown in html.unescape(out), out
    assert out.count("<p>") == 1, f"the text left its line: {out}"


@pytest.mark.parametrize("target", ["javascript:alert(1)", "JAVASCRIPT:x", "java&#09;script:x", "javascript&#58;x", "&#106;avascript:x", "data:text/html,x", "vbscript:x", "//evil.example/", "mailto:a@b"])
def test_unsafe_link_targets_are_found(target: str) -> None:
    assert markup.unsafe_links(f"[x]({target})") == [target]


@pytest.mark.parametrize("target", ["https://example.org/a?b=1&c=2", "http://example.org", "../safety.md", "safety.md#risks", "#sources", "page/"])
def test_safe_link_targets_pass(target: str) -> None:
    assert markup.unsafe_links(f"[x]({target})") == []
