"""The schema of every data file and of page front matter: the one place that says what each
field means and what it may hold. Pydantic checks it; `validate` turns its findings into
`file:line: what is wrong, what was expected` messages.

- data/references.yml: `Reference`, one per citation key.
- data/evidence/*.yml: `EvidenceFile`, one per condition page, each comparison with the
  provenance of its certainty rating (`Certainty`).
- data/decisions/*.yml: `DecisionFile`, one per condition page: the option grid's figures per
  100 people (`Responders`, `SideEffects`), each with its source, follow-up time and whose
  certainty it is, and the other cells (`Fact`); or why there are no figures yet.
- front matter of docs/**/*.md: `FrontMatter`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from acp.markup import unsafe_links
from acp.yaml_source import DataError, Located

KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a citation key: lower case, digits, hyphens
MAX_TEXT = 2000  # characters in one text field; the longest today is under 900
# An HTML tag or comment: data text is shown as typed (acp/markup.py), so a tag would reach
# readers as "<b>". "p < 0.05" and "<2" are not tags.
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--")
CITATION_MARKER = re.compile(r"\[\s*@")


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is {len(value):,} characters long; at most {MAX_TEXT:,}")
    tag = HTML_TAG.search(value)
    if tag:
        raise ValueError(f"holds HTML ({tag.group(0)[:40]!r}), which readers would see as typed; write plain text, with *emphasis* or [words](https://...) links")
    for target in unsafe_links(value):
        raise ValueError(f"links to '{target}': a link goes to https://, http:// or a page of this site")
    return value


def _no_citation(value: str) -> str:
    if CITATION_MARKER.search(value):
        raise ValueError("holds a citation marker ([@key]); sources are cited in pages and in data/evidence/ sources lists, not in a reference")
    return value


def _this_year() -> int:
    # SOURCE_DATE_EPOCH (reproducible builds) fixes "today", as for the review dates.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()).year


def _year(value: int) -> int:
    if value > _this_year() + 1:
        raise ValueError(f"{value} is in the future: at most {_this_year() + 1} (next year, for a paper already in press)")
    return value


def _verdict_length(value: str) -> str:
    if len(value) > MAX_VERDICT:
        raise ValueError(f"is {len(value)} characters long; at most {MAX_VERDICT}, to fit on one line of a phone's condition card")
    return value


def _pattern(regex: str, expected: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"'{value}' is not {expected}")
        return value

    return AfterValidator(check)


Text = Annotated[str, AfterValidator(_text)]
ReferenceText = Annotated[Text, AfterValidator(_no_citation)]
Year = Annotated[int, Field(ge=1900), AfterValidator(_year)]
MAX_VERDICT = 100
CitationKey = Annotated[str, _pattern(KEY.pattern, "a citation key (lower-case letters, digits and single hyphens)")]
Doi = Annotated[str, _pattern(r"10\.\d{4,9}/\S+", "a bare DOI such as 10.1136/bmj.a3115 (no 'https://doi.org/', no 'doi:', no spaces)")]
Pmid = Annotated[str, _pattern(r"[1-9]\d{0,8}", "a PubMed ID (digits only, in quotes)")]
Pmcid = Annotated[str, _pattern(r"PMC\d+", "a PubMed Central ID such as PMC4450869")]
WebAddress = Annotated[str, _pattern(r"https?://[^\s\"'<>]+", "a web address starting with https:// or http://")]
# The theme writes titles and descriptions into HTML attributes without escaping them.
AttributeText = Annotated[str, _pattern(r"[^\"<>&]+", "free of \" < > and & (use curly quotes “ ” and 'and')")]


class Strict(BaseModel):
    """Every model: unknown fields are mistakes (a misspelt field would otherwise vanish)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- data/references.yml ---------------------------------------------------------------


class Reference(Strict):
    """One source. Pages cite it as [@key]; links are built from doi, pmid, pmcid and url."""

    evidence: list[str] = []  # row id(s) in the research brief it was checked against; none when checked in the source itself
    type: Literal["review", "trial", "study", "guideline", "policy", "web", "book", "news"]
    authors: list[ReferenceText] = []  # "Surname Initials"; the first three, then et_al: true
    et_al: bool = False
    year: Year | None = None
    title: ReferenceText
    journal: ReferenceText | None = None  # or the publisher, for guidelines and web pages
    volume: ReferenceText | None = None
    issue: ReferenceText | None = None
    pages: ReferenceText | None = None
    doi: Doi | None = None
    pmid: Pmid | None = None
    pmcid: Pmcid | None = None
    url: WebAddress | None = None
    note: ReferenceText | None = None  # one plain sentence shown to readers
    verified: Text  # where the details were checked (maintainers only)

    @model_validator(mode="after")
    def has_a_link(self) -> Reference:
        if not (self.doi or self.pmid or self.pmcid or self.url):
            raise PydanticCustomError("no_link", "needs a doi, pmid, pmcid or url, so readers can find it")
        if self.et_al and not self.authors:
            raise PydanticCustomError("et_al", "'et_al: true' needs the first authors in 'authors' (readers would see no author at all)")
        return self


# --- data/evidence/*.yml ----------------------------------------------------------------

Level = Literal["high", "moderate", "low", "very-low"]


class Certainty(Strict):
    """How sure the evidence is, and whose rating that is: the source's own (`rated_by`, with
    the key of the source that gives it) or the site's judgement (`reason`). Exactly one."""

    level: Level
    rated_by: Text | None = None  # who rated it, as readers see it: "Cochrane review (GRADE)"
    rating_source: CitationKey | None = None  # the source that states the rating; the label names it ("Mu 2020"), and a Cochrane label needs a Cochrane review (acp/data.py)
    reason: Text | None = None  # our judgement: one line on why, shown to readers after "because"

    @model_validator(mode="after")
    def whose(self) -> Certainty:
        if bool(self.rated_by) == bool(self.reason):
            raise PydanticCustomError(
                "provenance",
                "say whose rating this is: either 'rated_by' and 'rating_source' (the source's own rating) "
                "or 'reason' (our judgement), not both and not neither",
            )
        if self.rated_by and not self.rating_source:
            raise PydanticCustomError("provenance", "'rated_by' needs 'rating_source': the citation key of the source that gives the rating")
        if self.reason and self.rating_source:
            raise PydanticCustomError("provenance", "'rating_source' is only for a source's own rating, not for our judgement")
        return self


# Statistics a tired reader cannot use: standardised mean differences, in words or as a bare size.
STATISTICS = re.compile(r"standard deviations?|\bSMD\b|\bsize \d|\bSD\b")


class Comparison(Strict):
    """What acupuncture did against one comparison, in plain words, with its certainty."""

    against: Literal["sham", "usual-care", "drugs"]
    effect: Text  # as the source reports it; shown in the page's "For clinicians" section when `plain` is set
    # The same finding for a reader in plain figures (people per 100, points on a scale), for the
    # evidence box. Required when `effect` speaks in statistics (STATISTICS below).
    plain: Text | None = None
    certainty: Certainty
    effect_size: float | None = Field(default=None, gt=0, le=2, allow_inf_nan=False)  # standardised mean difference, for the chart
    sources: list[CitationKey] = Field(min_length=1)

    @model_validator(mode="after")
    def statistics_have_plain_words(self) -> Comparison:
        found = STATISTICS.search(self.effect)
        if found and not self.plain:
            raise PydanticCustomError(
                "plain_words",
                f"effect gives a statistic ('{found.group(0)}'): add a `plain:` sentence in people per 100 or points on a scale, for the evidence box",
            )
        return self

    @model_validator(mode="after")
    def rating_is_cited(self) -> Comparison:
        source = self.certainty.rating_source
        if source and source not in self.sources:
            raise PydanticCustomError("provenance", f"certainty.rating_source '{source}' must also be in this comparison's sources")
        return self


class Guideline(Strict):
    body: Text  # "NICE (England)"
    year: Year | None = None  # undated web pages have none
    position: Literal["recommended", "conditional", "not-recommended", "no-position"]
    detail: Text
    sources: list[CitationKey] = Field(min_length=1)


class EvidenceFile(Strict):
    """One condition: the box on its page, its row in the table, its bars in the chart."""

    condition: Text
    page: Annotated[str, _pattern(r"[a-z0-9/-]+\.md", "a page path under docs/, such as conditions/neck-pain.md")]
    order: int = Field(ge=1)  # position in the table and chart
    verdict: Annotated[Text, AfterValidator(_verdict_length)]  # one plain line for the condition's card on /conditions/
    summary: Text
    comparisons: list[Comparison] = Field(min_length=1)
    guidelines: list[Guideline] = []


# --- data/decisions/*.yml ---------------------------------------------------------------
# Every figure is "people out of 100" (the page says "about 48 in 100"): one denominator on
# every page, so readers can compare options and conditions.

OptionId = Literal["acupuncture", "sham", "usual-care", "exercise", "talking-therapy", "medicines"]


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise PydanticCustomError("decision", message)


class Fact(Strict):
    """One cell of the option grid that is not a count (how soon, how long, visits, cost): a
    plain sentence with its sources, or `not_known` with the reason no source gives it."""

    text: Text | None = None  # shown in the cell, with its citations after it
    sources: list[CitationKey] = []
    not_known: Text | None = None  # why we cannot say; shown to readers after "Not known:"

    @model_validator(mode="after")
    def known_or_not(self) -> Fact:
        _need(bool(self.text) != bool(self.not_known), "give either 'text' with 'sources', or 'not_known' with the reason, not both and not neither")
        _need(not self.text or bool(self.sources), "'text' needs 'sources': the citation keys of the sources that say it")
        _need(not self.not_known or not self.sources, "'not_known' takes no 'sources'; give the reason only")
        return self


class SideEffects(Strict):
    """Side effects per 100 people with one option: a figure with what was counted, over what
    time, its sources and whose certainty it is; or `not_known` with the reason."""

    per_100: float | None = Field(default=None, ge=0, le=100)  # as the source gives it (9.31); the page rounds to whole people
    counted: Text | None = None  # what counted: "had at least one side effect, mostly mild"
    follow_up: Text | None = None  # over what time: "over a course of treatment"
    certainty: Certainty | None = None
    sources: list[CitationKey] = []
    not_known: Text | None = None

    @model_validator(mode="after")
    def figure_has_provenance(self) -> SideEffects:
        if self.per_100 is None:
            _need(bool(self.not_known), "give 'per_100' (with counted, follow_up, certainty and sources) or 'not_known' with the reason")
            _need(not (self.counted or self.follow_up or self.certainty or self.sources), "'not_known' takes no figure details; give the reason only")
            return self
        _need(not self.not_known, "a figure ('per_100') and 'not_known' cannot both be given")
        _need(bool(self.sources), "a figure needs 'sources': the citation keys of the sources that give it")
        _need(bool(self.follow_up), "a figure needs 'follow_up': over what time it was counted")
        _need(bool(self.counted), "a figure needs 'counted': what counted as a side effect")
        _need(self.certainty is not None, "a figure needs 'certainty': how sure, and whose rating that is")
        source = self.certainty.rating_source if self.certainty else None
        _need(not source or source in self.sources, f"certainty.rating_source '{source}' must also be in 'sources'")
        return self


class Option(Strict):
    """One column of the option grid: a treatment or a comparison, and what is known about it."""

    id: OptionId
    label: Text  # the column heading: "Acupuncture", "Usual care from a doctor"
    what: Text | None = None  # what it was in the trials, in one line
    how_soon: Fact  # how soon people noticed a change
    how_long: Fact  # how long the change lasted
    side_effects: SideEffects
    visits: Fact  # how many visits, how long each, over what time
    cost: Fact


class Responders(Strict):
    """How many of 100 people were better with each option in one set of trials: the icon
    arrays. The source's own definition of "better", when it was measured, and whose certainty."""

    trials: Text  # which trials, as readers see it: "2 trials that added acupuncture to usual care"
    better: Text  # the source's own definition, in plain words: "had at least half as many headache days"
    follow_up: Text  # when it was measured: "3 to 4 months after starting"
    per_100: dict[OptionId, Annotated[int, Field(ge=0, le=100)]] = Field(min_length=2)  # whole people out of 100
    method: Text | None = None  # how the figures per 100 were worked out, when the source gives something else (percentages, counts)
    certainty: Certainty
    sources: list[CitationKey] = Field(min_length=1)

    @model_validator(mode="after")
    def rating_is_cited(self) -> Responders:
        source = self.certainty.rating_source
        _need(not source or source in self.sources, f"certainty.rating_source '{source}' must also be in this figure's sources")
        return self


class Missing(Strict):
    """An option or a condition the grid cannot show, and why: listed under the grid."""

    what: Text  # "Exercise programmes and talking therapies on their own"
    not_known: Text  # why we cannot give figures for it


class DecisionFile(Strict):
    """One condition page's option grid (`[[decision-grid]]`): its columns (`options`) and its
    figures per 100 (`responders`); or, where no source gives the figures, `not_known` (why)."""

    page: Annotated[str, _pattern(r"[a-z0-9/-]+\.md", "a page path under docs/, such as conditions/neck-pain.md")]
    people: Text | None = None  # who was in the trials: "adults who had had low back pain for years"
    options: list[Option] = []
    responders: list[Responders] = []
    missing: list[Missing] = []  # options or conditions without figures on this page, each with why
    not_known: Text | None = None  # no figures at all: why we cannot give them yet

    @model_validator(mode="after")
    def grid_or_reason(self) -> DecisionFile:
        if self.not_known:
            _need(not (self.options or self.responders or self.people), "'not_known' means no grid: leave out people, options and responders")
            return self
        _need(bool(self.options and self.responders and self.people), "give 'people', 'options' and 'responders' (a grid), or 'not_known' with the reason there are no figures yet")
        ids = [option.id for option in self.options]
        _need(len(ids) == len(set(ids)), f"each option once: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))} appears twice")
        for number, figures in enumerate(self.responders):
            unknown = sorted(set(figures.per_100) - set(ids))
            _need(not unknown, f"responders.{number}.per_100: {', '.join(unknown)} is not one of this file's options ({', '.join(ids)})")
        _need(any("acupuncture" in figures.per_100 for figures in self.responders), "at least one set of responders must include acupuncture")
        return self


# --- front matter -------------------------------------------------------------------------


class Search(Strict):
    boost: float | None = Field(default=None, gt=0, le=10, allow_inf_nan=False)
    exclude: bool | None = None


class ClinicalReviewer(Strict):
    """A named clinician who checked the page: shown to readers next to the review dates."""

    name: Text
    role: Text  # their profession and registration, as they wish it shown
    date: dt.date


def _description_length(value: str) -> str:
    if not 50 <= len(value) <= 160:
        raise ValueError(f"is {len(value)} characters; keep it between 50 and 160 (search engines show about 160)")
    return value


class FrontMatter(Strict):
    title: AttributeText
    description: Annotated[AttributeText, AfterValidator(_description_length)]  # shown in search results
    reviewed: dt.date
    next_review: dt.date
    search: Search | None = None
    clinical_reviewer: ClinicalReviewer | None = None

    @field_validator("reviewed", "next_review", mode="before")
    @classmethod
    def date_not_time(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            raise PydanticCustomError("datetime_not_date", "must be a date (YYYY-MM-DD), not a date and time")
        return value


# --- turning pydantic's findings into file:line messages --------------------------------

Model = TypeVar("Model", bound=BaseModel)


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The field names allowed where `loc` points (for 'did you mean' hints)."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            current = current.model_fields[part].annotation if part in current.model_fields else None
        for _ in range(3):  # unwrap list[X], dict[str, X], X | None
            args = [arg for arg in getattr(current, "__args__", ()) if arg is not type(None)]
            if args and not (isinstance(current, type) and issubclass(current, BaseModel)):
                current = args[-1]
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _message(error: dict[str, Any], model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    kind, field_name = error["type"], str(loc[-1]) if loc else ""
    parent = ".".join(str(part) for part in loc[:-1])
    if kind == "missing":
        return f"{parent + ': ' if parent else ''}missing field '{field_name}'"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(field_name, allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(allowed)})"
        return f"{parent + ': ' if parent else ''}unknown field '{field_name}'{hint}"
    text = error["msg"].removeprefix("Value error, ")
    if kind == "model_type":
        allowed = _fields_at(model, loc)
        text = f"{error['input']!r} is the wrong kind of value: expected a mapping with the fields {', '.join(allowed)}"
    elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        text = f"{error['input']!r} is not a date in the form YYYY-MM-DD"
    elif kind == "finite_number" or (kind in ("greater_than", "less_than_equal") and error["input"] != error["input"]):
        text = f"{error['input']!r} is not a number: write a figure such as 0.25"
    elif kind == "literal_error":
        text = f"{error['input']!r} is not allowed: {text.lower()}"
    elif kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        text = f"{error['input']!r} is out of range: {text.lower()}"
    elif kind == "too_short":
        text = f"{error['input']!r} is too short: {text.lower()}"
    elif kind in ("string_type", "int_type", "int_parsing", "int_from_float", "float_parsing", "float_type", "list_type", "bool_type", "bool_parsing"):
        text = f"{error['input']!r} is the wrong kind of value: {text.lower()}"
        if kind == "string_type" and isinstance(error["input"], int | float):
            text += " (put it in quotes)"
    where = ".".join(str(part) for part in loc)
    return f"{where}: {text}" if where else text


def validate(model: type[Model], source: Located, at: tuple[str | int, ...] = ()) -> Model:
    """Check `source.data` (or the part of it at `at`) against `model`; raise DataError on the first mistake."""
    data = source.data
    for part in at:
        data = data[part]
    try:
        return model.model_validate(data)
    except ValidationError as found:
        # The first error in file order is the one to fix first.
        # A misspelt field also shows up as a missing one: report the misspelling.
        errors = sorted(found.errors(), key=lambda error: (error["type"] == "missing", source.line_of(at + tuple(error["loc"]))))
        error = errors[0]
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        raise source.error(at + loc, _message(error, model, loc)) from None


def validate_mapping(model: type[Model], source: Located, what: str) -> dict[str, Model]:
    """A file that maps keys to entries (references.yml): check each entry, in file order."""
    if not isinstance(source.data, dict):
        raise DataError(source.file, 1, f"expected a mapping of {what} keys to entries, found {type(source.data).__name__}")
    checked: dict[str, Model] = {}
    for key in source.data:
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise source.error((key,), f"'{key}' is not a valid key (lower-case letters, digits and single hyphens)")
        if not isinstance(source.data[key], dict):
            raise source.error((key,), f"'{key}' must be a mapping of fields (title, year, ...), found {type(source.data[key]).__name__}")
        checked[key] = validate(model, source, (key,))
    return checked


def validate_document(model: type[Model], source: Located) -> Model:
    if not isinstance(source.data, dict):
        raise DataError(source.file, source.line_of(()), f"expected a mapping of fields, found {type(source.data).__name__}")
    return validate(model, source)


__all__ = [
    "Certainty",
    "ClinicalReviewer",
    "Comparison",
    "DataError",
    "DecisionFile",
    "EvidenceFile",
    "Fact",
    "FrontMatter",
    "Guideline",
    "Missing",
    "Option",
    "Reference",
    "Responders",
    "SideEffects",
    "validate",
    "validate_document",
    "validate_mapping",
]
