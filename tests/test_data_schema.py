"""Bad input in data files and front matter: each mistake a maintainer can make is refused
with `file:line: what is wrong`, never a traceback and never a silently wrong site.

These run the schema (acp/) directly, without a build, so each case costs milliseconds;
tests/test_build.py checks that the build shows the same messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from acp import data
from acp.yaml_source import DataError

REFERENCE = """\
vickers2012:
  evidence: [R19]
  type: review
  authors: [Vickers AJ, Cronin AM]
  year: 2012
  title: "Acupuncture for chronic pain"
  journal: Archives of Internal Medicine
  doi: "10.1001/archinternmed.2012.3654"
  verified: "PubMed record"
"""
EVIDENCE = """\
condition: Neck pain
page: conditions/neck-pain.md
order: 2
verdict: "May help a little."
summary: Acupuncture may ease long-term neck pain a little.
comparisons:
  - against: sham
    effect: "Small extra benefit on average."
    certainty:
      level: low
      reason: the figure pools back and neck trials
    effect_size: 0.2
    sources: [vickers2012]
guidelines:
  - body: NICE (England)
    year: 2021
    position: no-position
    detail: "Not covered."
    sources: [vickers2012]
"""
PAGE = """\
---
title: Neck pain
description: What the research says about acupuncture for neck pain that lasts three months or more.
reviewed: 2026-11-25
next_review: 2027-11-25
---

# Neck pain
"""


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture text {old!r} not found"
    return text.replace(old, new, 1)


def load_references(tmp_path: Path, text: str) -> None:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data/references.yml").write_text(text, encoding="utf-8")
    data.references(tmp_path)


def load_evidence(tmp_path: Path, *texts: str) -> None:
    folder = tmp_path / "data/evidence"
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts, start=1):
        (folder / f"condition-{number}.yml").write_text(text, encoding="utf-8")
    data.evidence(tmp_path, {"vickers2012"}, {"conditions/neck-pain.md"})


REFERENCE_FAULTS = {
    "bad indentation": (edit(REFERENCE, "  type: review", "   type: review"), "data/references.yml:3: not valid YAML: "),
    "a tab": (edit(REFERENCE, "  type: review", "\ttype: review"), "data/references.yml:3: not valid YAML: found character '\\t' that cannot start any token (use spaces, not tabs, to indent)"),
    "empty file": ("", "data/references.yml:1: is empty: expected a mapping of keys to values"),
    "reference written as text": ("vickers2012: Vickers 2012, Archives\n", "data/references.yml:1: 'vickers2012' must be a mapping of fields (title, year, ...), found str"),
    "no title": (edit(REFERENCE, '  title: "Acupuncture for chronic pain"\n', ""), "data/references.yml:1: missing field 'title'"),
    "title as a number": (edit(REFERENCE, '"Acupuncture for chronic pain"', "2012"), "data/references.yml:6: title: 2012 is the wrong kind of value: input should be a valid string (put it in quotes)"),
    "duplicate reference key": (REFERENCE + REFERENCE.replace("2012:", "2012:", 1), "data/references.yml:10: 'vickers2012' is written twice (first on line 1); YAML would silently keep only the last one"),
    "duplicate field": (edit(REFERENCE, "  year: 2012\n", "  year: 2012\n  year: 2021\n"), "data/references.yml:6: 'year' is written twice (first on line 5); YAML would silently keep only the last one"),
    "misspelt field": (edit(REFERENCE, "  journal:", "  jounral:"), "data/references.yml:7: unknown field 'jounral' (did you mean 'journal'?)"),
    "another misspelt field": (edit(REFERENCE, "  year:", "  yaer:"), "data/references.yml:5: unknown field 'yaer' (did you mean 'year'?)"),
    "authors as text": (edit(REFERENCE, "[Vickers AJ, Cronin AM]", "Vickers AJ"), "data/references.yml:4: authors: 'Vickers AJ' is the wrong kind of value: input should be a valid list"),
    "DOI with a space": (edit(REFERENCE, "10.1001/archinternmed", "10.1001/ archinternmed"), "data/references.yml:8: doi: '10.1001/ archinternmed.2012.3654' is not a bare DOI"),
    "DOI as a link": (edit(REFERENCE, '"10.1001/', '"https://doi.org/10.1001/'), "data/references.yml:8: doi: 'https://doi.org/10.1001/archinternmed.2012.3654' is not a bare DOI"),
    "PubMed ID with letters": (edit(REFERENCE, "  doi:", '  pmid: "PMID 22965186"\n  doi:'), "data/references.yml:8: pmid: 'PMID 22965186' is not a PubMed ID"),
    "PMC ID without PMC": (edit(REFERENCE, "  doi:", '  pmcid: "3658605"\n  doi:'), "data/references.yml:8: pmcid: '3658605' is not a PubMed Central ID"),
    "script address": (edit(REFERENCE, '  doi: "10.1001/archinternmed.2012.3654"', '  url: "javascript:alert(1)"'), "data/references.yml:8: url: 'javascript:alert(1)' is not a web address starting with https:// or http://"),
    "no link at all": (edit(REFERENCE, '  doi: "10.1001/archinternmed.2012.3654"\n', ""), "data/references.yml:1: needs a doi, pmid, pmcid or url, so readers can find it"),
    "unknown type": (edit(REFERENCE, "type: review", "type: blog"), "data/references.yml:3: type: 'blog' is not allowed: input should be "),
    "key with a dot": ("vickers.2012:\n" + REFERENCE.split("\n", 1)[1], "data/references.yml:1: 'vickers.2012' is not a valid key"),
}


@pytest.mark.parametrize("fault", REFERENCE_FAULTS)
def test_bad_reference_is_refused_with_file_and_line(fault: str, tmp_path: Path) -> None:
    text, message = REFERENCE_FAULTS[fault]
    with pytest.raises(DataError) as error:
        load_references(tmp_path, text)
    assert str(error.value).startswith(message), f"{fault}: got {error.value}"


EVIDENCE_FAULTS = {
    "no effect": (edit(EVIDENCE, '    effect: "Small extra benefit on average."\n', ""), "data/evidence/condition-1.yml:7: comparisons.0: missing field 'effect'"),
    "effect size in words": (edit(EVIDENCE, "effect_size: 0.2", "effect_size: about 0.23"), "data/evidence/condition-1.yml:12: comparisons.0.effect_size: 'about 0.23' is the wrong kind of value"),
    "comparisons as text": (EVIDENCE.split("comparisons:")[0] + "comparisons: sham is better\n", "data/evidence/condition-1.yml:6: comparisons: 'sham is better' is the wrong kind of value: input should be a valid list"),
    "order in words": (edit(EVIDENCE, "order: 2", "order: second"), "data/evidence/condition-1.yml:3: order: 'second' is the wrong kind of value"),
    "empty file": ("", "data/evidence/condition-1.yml:1: is empty"),
    "certainty written twice": (edit(EVIDENCE, "      level: low\n", "      level: low\n      level: high\n"), "data/evidence/condition-1.yml:11: 'level' is written twice (first on line 10)"),
    "certainty with no provenance": (edit(EVIDENCE, "      reason: the figure pools back and neck trials\n", ""), "data/evidence/condition-1.yml:9: comparisons.0.certainty: say whose rating this is"),
    "certainty as a bare word": (edit(EVIDENCE, "    certainty:\n      level: low\n      reason: the figure pools back and neck trials\n", "    certainty: low\n"), "data/evidence/condition-1.yml:9: comparisons.0.certainty: 'low' is the wrong kind of value: expected a mapping with the fields level, rated_by, rating_source, reason"),
    "both provenances": (edit(EVIDENCE, "      level: low\n", "      level: low\n      rated_by: Cochrane review (GRADE)\n      rating_source: vickers2012\n"), "data/evidence/condition-1.yml:9: comparisons.0.certainty: say whose rating this is"),
    "source rating without its source": (edit(EVIDENCE, "      reason: the figure pools back and neck trials\n", "      rated_by: Cochrane review (GRADE)\n"), "data/evidence/condition-1.yml:9: comparisons.0.certainty: 'rated_by' needs 'rating_source'"),
    "rating source not cited": (edit(EVIDENCE, "      reason: the figure pools back and neck trials\n", "      rated_by: Cochrane review (GRADE)\n      rating_source: mu2020\n"), "data/evidence/condition-1.yml:7: comparisons.0: certainty.rating_source 'mu2020' must also be in this comparison's sources"),
    "unknown certainty level": (edit(EVIDENCE, "level: low", "level: certain"), "data/evidence/condition-1.yml:10: comparisons.0.certainty.level: 'certain' is not allowed"),
    "misspelt field": (edit(EVIDENCE, "    effect_size:", "    efect_size:"), "data/evidence/condition-1.yml:12: comparisons.0: unknown field 'efect_size' (did you mean 'effect_size'?)"),
    "unknown citation key": (edit(EVIDENCE, "    sources: [vickers2012]\nguidelines", "    sources: [vickers2012, nobody1999]\nguidelines"), "data/evidence/condition-1.yml:13: unknown citation key 'nobody1999' (not in data/references.yml)"),
    "statistic with no plain words": (edit(EVIDENCE, "Small extra benefit on average.", "Small extra benefit (about 0.2 standard deviations)."), "data/evidence/condition-1.yml:7: comparisons.0: effect gives a statistic ('standard deviations'): add a `plain:` sentence"),
    "page that does not exist": (edit(EVIDENCE, "conditions/neck-pain.md", "conditions/nek-pain.md"), "data/evidence/condition-1.yml:2: page 'conditions/nek-pain.md' does not exist under docs/"),
}


@pytest.mark.parametrize("fault", EVIDENCE_FAULTS)
def test_bad_evidence_is_refused_with_file_and_line(fault: str, tmp_path: Path) -> None:
    text, message = EVIDENCE_FAULTS[fault]
    with pytest.raises(DataError) as error:
        load_evidence(tmp_path, text)
    assert str(error.value).startswith(message), f"{fault}: got {error.value}"


def test_two_evidence_files_for_one_page_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        load_evidence(tmp_path, EVIDENCE, EVIDENCE)
    assert str(error.value) == (
        "data/evidence/condition-2.yml:2: page 'conditions/neck-pain.md' already has its evidence in "
        "data/evidence/condition-1.yml: one file per page"
    )


def test_good_data_loads(tmp_path: Path) -> None:
    """The fixtures above are valid until edited, so each fault is the only mistake."""
    load_references(tmp_path, REFERENCE)
    load_evidence(tmp_path, EVIDENCE)
    assert data.front_matter(PAGE, "docs/x.md").title == "Neck pain"


FRONT_MATTER_FAULTS = {
    "a date that does not exist": (edit(PAGE, "reviewed: 2026-11-25", "reviewed: 2026-02-30"), "docs/x.md:4: '2026-02-30' is not a real date (day is out of range for month)"),
    "a key written twice": (edit(PAGE, "title: Neck pain\n", "title: Neck pain\ntitle: Back pain\n"), "docs/x.md:3: 'title' is written twice (first on line 2)"),
    "misspelt key": (edit(PAGE, "next_review:", "next_reveiw:"), "docs/x.md:5: unknown field 'next_reveiw' (did you mean 'next_review'?)"),
    "no description": (edit(PAGE, PAGE.splitlines()[2] + "\n", ""), "docs/x.md:2: missing field 'description'"),
    "short description": (edit(PAGE, PAGE.splitlines()[2], "description: Neck pain."), "docs/x.md:3: description: is 10 characters; keep it between 50 and 160"),
    "quote in the title": (edit(PAGE, "title: Neck pain", 'title: The "neck"'), "docs/x.md:2: title: 'The \"neck\"' is not free of \" < > and &"),
    "date and time": (edit(PAGE, "reviewed: 2026-11-25", "reviewed: 2026-11-25 10:00:00"), "docs/x.md:4: reviewed: must be a date (YYYY-MM-DD), not a date and time"),
    "date in words": (edit(PAGE, "next_review: 2027-11-25", "next_review: soon"), "docs/x.md:5: next_review: 'soon' is not a date in the form YYYY-MM-DD"),
    "reviewer without a role": (edit(PAGE, "---\n\n", "clinical_reviewer:\n  name: A Person\n  date: 2026-11-25\n---\n\n"), "docs/x.md:6: clinical_reviewer: missing field 'role'"),
    "not a mapping": ("---\n- title\n---\n", "docs/x.md:2: expected a mapping of fields, found list"),
    "no front matter": ("# Neck pain\n", "docs/x.md:1: page has no front matter"),
    "malformed YAML": (edit(PAGE, "title: Neck pain", "title: [unclosed"), "docs/x.md:3: not valid YAML: "),
}


@pytest.mark.parametrize("fault", FRONT_MATTER_FAULTS)
def test_bad_front_matter_is_refused_with_file_and_line(fault: str) -> None:
    text, message = FRONT_MATTER_FAULTS[fault]
    with pytest.raises(DataError) as error:
        data.front_matter(text, "docs/x.md")
    assert str(error.value).startswith(message), f"{fault}: got {error.value}"


def test_the_site_data_passes_the_schema() -> None:
    """Guard: the real files load (so the faults above are measured against a working schema)."""
    root = Path(__file__).parent.parent
    references = data.references(root)
    pages = {path.relative_to(root / "docs").as_posix() for path in (root / "docs").rglob("*.md")}
    evidence = data.evidence(root, set(references), pages)
    assert len(references) > 50 and len(evidence) >= 7
    for path in sorted((root / "docs").rglob("*.md")):
        data.front_matter(path.read_text(encoding="utf-8"), str(path.relative_to(root)))


def test_libyaml_and_pyyaml_read_every_data_file_alike() -> None:
    """acp/yaml_source.py parses with libyaml for speed and says a mistake with PyYAML's own
    parser: both must give the same values and lines for every file the build reads."""
    import yaml

    from acp import yaml_source

    root = Path(__file__).parent.parent
    files = [root / data.REFERENCES_FILE, *sorted((root / data.EVIDENCE_DIR).glob("*.yml"))]
    assert yaml_source.FAST_LOADER is yaml.CSafeLoader, "PyYAML without libyaml: the fast parser is not being tested"
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yaml_source._load(text, path.name, 1, yaml.CSafeLoader)
        pure = yaml_source._load(text, path.name, 1, yaml.SafeLoader)
        assert (fast.data, fast.lines) == (pure.data, pure.lines), path.name
    pages = sorted((root / "docs").rglob("*.md"))
    blocks = [data.FRONT_MATTER.match(page.read_text(encoding="utf-8")) for page in pages]
    assert len(files) > 5 and all(blocks), "no data files or pages without front matter: nothing compared"
    for page, block in zip(pages, blocks):
        fast = yaml_source._load(block.group(1), page.name, 2, yaml.CSafeLoader)
        pure = yaml_source._load(block.group(1), page.name, 2, yaml.SafeLoader)
        assert (fast.data, fast.lines) == (pure.data, pure.lines), page.name
