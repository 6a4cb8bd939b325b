"""The schema of every data file and of page front matter: the one place that says what each
field means and what it may hold. Pydantic checks it; `validate` turns its findings into
`file:line: what is wrong, what was expected` messages.

- data/references.yml: `Reference`, one per citation key.
- data/evidence/*.yml: `EvidenceFile`, one per condition page, each comparison with the
  provenance of its certainty rating (`Certainty`).
- front matter of docs/**/*.md: `FrontMatter`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from acp.yaml_source import DataError, Located

KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a citation key: lower case, digits, hyphens


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _pattern(regex: str, expected: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"'{value}' is not {expected}")
        return value

    return AfterValidator(check)


Text = Annotated[str, AfterValidator(_text)]
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
    authors: list[Text] = []  # "Surname Initials"; the first three, then et_al: true
    et_al: bool = False
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: Text
    journal: Text | None = None  # or the publisher, for guidelines and web pages
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None
    doi: Doi | None = None
    pmid: Pmid | None = None
    pmcid: Pmcid | None = None
    url: WebAddress | None = None
    note: Text | None = None  # one plain sentence shown to readers
    verified: Text  # where the details were checked (maintainers only)

    @model_validator(mode="after")
    def has_a_link(self) -> Reference:
        if not (self.doi or self.pmid or self.pmcid or self.url):
            raise PydanticCustomError("no_link", "needs a doi, pmid, pmcid or url, so readers can find it")
        return self


# --- data/evidence/*.yml ----------------------------------------------------------------

Level = Literal["high", "moderate", "low", "very-low"]


class Certainty(Strict):
    """How sure the evidence is, and whose rating that is: the source's own (`rated_by`, with
    the key of the source that gives it) or the site's judgement (`reason`). Exactly one."""

    level: Level
    rated_by: Text | None = None  # who rated it, as readers see it: "Cochrane review (GRADE)"
    rating_source: CitationKey | None = None  # the source that states the rating
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
    effect_size: float | None = Field(default=None, gt=0, le=2)  # standardised mean difference, for the chart
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
    year: int | None = Field(default=None, ge=1900, le=2100)  # undated web pages have none
    position: Literal["recommended", "conditional", "not-recommended", "no-position"]
    detail: Text
    sources: list[CitationKey] = Field(min_length=1)


class EvidenceFile(Strict):
    """One condition: the box on its page, its row in the table, its bars in the chart."""

    condition: Text
    page: Annotated[str, _pattern(r"[a-z0-9/-]+\.md", "a page path under docs/, such as conditions/neck-pain.md")]
    order: int = Field(ge=1)  # position in the table and chart
    verdict: Annotated[Text, Field(max_length=100)]  # one plain line for the condition's card on /conditions/
    summary: Text
    comparisons: list[Comparison] = Field(min_length=1)
    guidelines: list[Guideline] = []


# --- front matter -------------------------------------------------------------------------


class Search(Strict):
    boost: float | None = Field(default=None, gt=0, le=10)
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
    elif kind == "literal_error":
        text = f"{error['input']!r} is not allowed: {text.lower()}"
    elif kind in ("string_type", "int_type", "int_parsing", "float_parsing", "float_type", "list_type", "bool_type", "bool_parsing"):
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
    "EvidenceFile",
    "FrontMatter",
    "Guideline",
    "Reference",
    "validate",
    "validate_document",
    "validate_mapping",
]
