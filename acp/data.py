"""Loading the site's data: each file read once, checked against `acp.schema`, and handed to
the build as typed objects. Any mistake raises `DataError` naming the file and line."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path

from acp import yaml_source
from acp.schema import DecisionFile, EvidenceFile, FrontMatter, Reference, validate_document, validate_mapping
from acp.yaml_source import DataError

REFERENCES_FILE = "data/references.yml"
EVIDENCE_DIR = "data/evidence"
DECISIONS_DIR = "data/decisions"
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


MAX_FILE_BYTES = 1_000_000  # references.yml, the largest, is under 100 kB
MAX_FRONT_MATTER_CHARACTERS = 10_000  # the longest block is under 500 characters


def read(root: Path, name: str) -> yaml_source.Located:
    size = (root / name).stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError(name, None, f"is {size:,} bytes; a data file may be at most {MAX_FILE_BYTES:,} (split it, or look for text pasted by mistake)")
    return yaml_source.load((root / name).read_text(encoding="utf-8"), name)


def references(root: Path) -> dict[str, Reference]:
    """data/references.yml, checked. Every page's citations, the evidence tables and the
    report of uncited references all read it: it is parsed again only when it changes."""
    root = root.resolve()  # callers name the project folder differently
    version = (root / REFERENCES_FILE).stat()
    return _references(root, version.st_mtime_ns, version.st_size)


@functools.lru_cache(maxsize=2)
def _references(root: Path, mtime: int, size: int) -> dict[str, Reference]:
    return validate_mapping(Reference, read(root, REFERENCES_FILE), "reference")


COCHRANE_JOURNAL = "Cochrane Database of Systematic Reviews"


def evidence(root: Path, references: Mapping[str, Reference], pages: set[str]) -> list[EvidenceFile]:
    """Every evidence file, in table order. `references`: data/references.yml, checked;
    `pages`: the docs/ paths that exist."""
    found: list[EvidenceFile] = []
    claimed: dict[str, str] = {}
    for path in sorted((root / EVIDENCE_DIR).glob("*.yml")):
        source = read(root, f"{EVIDENCE_DIR}/{path.name}")
        data = validate_document(EvidenceFile, source)
        if data.page not in pages:
            raise source.error(("page",), f"page '{data.page}' does not exist under docs/")
        if data.page in claimed:
            raise source.error(("page",), f"page '{data.page}' already has its evidence in {claimed[data.page]}: one file per page")
        claimed[data.page] = source.file
        for group in ("comparisons", "guidelines"):
            for index, item in enumerate(getattr(data, group)):
                for number, key in enumerate(item.sources):
                    if key not in references:
                        raise source.error((group, index, "sources", number), f"unknown citation key '{key}' (not in {REFERENCES_FILE})")
        for index, comparison in enumerate(data.comparisons):
            _check_cochrane_rating(source, index, comparison.certainty.rated_by, comparison.certainty.rating_source, references)
        found.append(data)
    if not found:
        raise DataError(EVIDENCE_DIR, None, "no evidence files found")
    return sorted(found, key=lambda data: (data.order, data.condition))


def _check_cochrane_rating(
    source: yaml_source.Located, index: int, rated_by: str | None, rating_source: str | None, references: Mapping[str, Reference]
) -> None:
    """A label that says "Cochrane review" must come from a Cochrane review: readers take the
    word as the source's own GRADE rating, and the label names the review it cites."""
    if not rated_by or "cochrane" not in rated_by.lower() or not rating_source:
        return
    journal = references[rating_source].journal
    if journal != COCHRANE_JOURNAL:
        raise source.error(
            ("comparisons", index, "certainty", "rating_source"),
            f"rated_by says '{rated_by}', but rating_source '{rating_source}' is not a Cochrane review "
            f"(its journal is {journal!r}, not '{COCHRANE_JOURNAL}'); name the review that gave the rating, or say who did",
        )


def _cited_keys(decision: DecisionFile) -> list[tuple[tuple[str | int, ...], str]]:
    """(where in the file, key) for every citation key a decision file uses."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for index, option in enumerate(decision.options):
        for name in ("how_soon", "how_long", "side_effects", "visits", "cost"):
            cell = getattr(option, name)
            found += [(("options", index, name, "sources", number), key) for number, key in enumerate(cell.sources)]
    for index, figures in enumerate(decision.responders):
        found += [(("responders", index, "sources", number), key) for number, key in enumerate(figures.sources)]
    return found


def decisions(root: Path, reference_keys: set[str], pages: set[str]) -> dict[str, DecisionFile]:
    """Every option-grid file, by the docs/ page it belongs to. `pages`: the docs/ paths that exist."""
    found: dict[str, DecisionFile] = {}
    claimed: dict[str, str] = {}
    for path in sorted((root / DECISIONS_DIR).glob("*.yml")):
        source = read(root, f"{DECISIONS_DIR}/{path.name}")
        decision = validate_document(DecisionFile, source)
        if decision.page not in pages:
            raise source.error(("page",), f"page '{decision.page}' does not exist under docs/")
        if decision.page in claimed:
            raise source.error(("page",), f"page '{decision.page}' already has its option grid in {claimed[decision.page]}: one file per page")
        claimed[decision.page] = source.file
        for where, key in _cited_keys(decision):
            if key not in reference_keys:
                raise source.error(where, f"unknown citation key '{key}' (not in {REFERENCES_FILE})")
        found[decision.page] = decision
    return found


def front_matter_source(text: str, file: str) -> yaml_source.Located:
    """A page's front matter as parsed YAML with the line of every key; the block starts on
    line 2 of the file. The one front matter parser: the build, the checks and the review-date
    command all read pages through it."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise DataError(file, 1, "page has no front matter (a '---' block with title and description)")
    block = match.group(1) or ""
    if len(block) > MAX_FRONT_MATTER_CHARACTERS:
        raise DataError(file, 2, f"the front matter is {len(block):,} characters; at most {MAX_FRONT_MATTER_CHARACTERS:,} (is its closing '---' missing?)")
    return yaml_source.load(block, file, first_line=2)


def front_matter_with_lines(text: str, file: str) -> tuple[FrontMatter, yaml_source.Located]:
    """A page's front matter checked against the schema, and the parsed block (for the line of a key)."""
    source = front_matter_source(text, file)
    checked = validate_document(FrontMatter, source)
    match = FRONT_MATTER.match(text)
    if match and not text[match.end() :].strip():  # Markdown engines render nothing, not even a title
        raise DataError(file, text[: match.end()].count("\n") + 1, "the page has nothing after its front matter")
    return checked, source


def front_matter(text: str, file: str) -> FrontMatter:
    """A page's front matter, checked."""
    return front_matter_with_lines(text, file)[0]
