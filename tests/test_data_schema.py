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
DECISION = """\
page: conditions/neck-pain.md
people: adults with neck pain
options:
  - id: acupuncture
    label: Acupuncture
    how_soon:
      text: After 4 weeks.
      sources: [vickers2012]
    how_long:
      not_known: no later figures
    side_effects:
      per_100: 9.31
      counted: had a side effect
      follow_up: over a course
      certainty:
        level: moderate
        reason: many studies
      sources: [vickers2012]
    visits:
      not_known: trials differed
    cost:
      not_known: prices vary
  - id: sham
    label: Sham
    how_soon:
      not_known: not measured
    how_long:
      not_known: not measured
    side_effects:
      not_known: not reported
    visits:
      not_known: trials differed
    cost:
      not_known: research only
responders:
  - trials: one trial
    better: had half the pain
    follow_up: 3 months after starting
    per_100:
      acupuncture: 48
      sham: 44
    certainty:
      level: low
      reason: one trial
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


# A Cochrane review beside the fixture's other source, for the rule on Cochrane ratings.
COCHRANE_REFERENCE = """\
mu2020:
  type: review
  authors: [Mu J, Furlan AD]
  year: 2020
  title: "Acupuncture for chronic nonspecific low back pain"
  journal: Cochrane Database of Systematic Reviews
  doi: "10.1002/14651858.CD013814"
  verified: "Cochrane Library page"
"""


def load_evidence(tmp_path: Path, *texts: str) -> None:
    folder = tmp_path / "data/evidence"
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts, start=1):
        (folder / f"condition-{number}.yml").write_text(text, encoding="utf-8")
    load_references(tmp_path, REFERENCE + COCHRANE_REFERENCE)
    data.evidence(tmp_path, data.references(tmp_path), {"conditions/neck-pain.md"})


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
    "year far ahead": (edit(REFERENCE, "year: 2012", "year: 2099"), "data/references.yml:5: year: 2099 is in the future: at most "),
    "et_al with no authors": (edit(REFERENCE, "[Vickers AJ, Cronin AM]", "[]\n  et_al: true"), "data/references.yml:1: 'et_al: true' needs the first authors in 'authors'"),
    "citation in a title": (edit(REFERENCE, '"Acupuncture for', '"See [@mu2020]. Acupuncture for'), "data/references.yml:6: title: holds a citation marker ([@key])"),
    "HTML in a note": (edit(REFERENCE, "  doi:", '  note: "A <b>big</b> review."\n  doi:'), "data/references.yml:8: note: holds HTML ('<b>'), which readers would see as typed"),
    "text pasted many times": (edit(REFERENCE, "Acupuncture for chronic pain", "Acupuncture " * 200), "data/references.yml:6: title: is 2,400 characters long; at most 2,000"),
    "YAML alias": (edit(REFERENCE, "vickers2012:", "vickers2012: &v") + "mu2020: *v\n", "data/references.yml:10: a YAML alias (*name) repeats the value from line 1"),
    "YAML merge key": (REFERENCE + "mu2020:\n  <<: {type: web}\n", "data/references.yml:11: a YAML merge key (<<) copies another mapping"),
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
    "Cochrane label on a rating from another source": (
        edit(EVIDENCE, "      reason: the figure pools back and neck trials\n", "      rated_by: Cochrane review (GRADE)\n      rating_source: vickers2012\n"),
        (
            "data/evidence/condition-1.yml:12: rated_by says 'Cochrane review (GRADE)', but rating_source 'vickers2012' is not a Cochrane review "
            "(its journal is 'Archives of Internal Medicine', not 'Cochrane Database of Systematic Reviews')"
        ),
    ),
    "unknown certainty level": (edit(EVIDENCE, "level: low", "level: certain"), "data/evidence/condition-1.yml:10: comparisons.0.certainty.level: 'certain' is not allowed"),
    "misspelt field": (edit(EVIDENCE, "    effect_size:", "    efect_size:"), "data/evidence/condition-1.yml:12: comparisons.0: unknown field 'efect_size' (did you mean 'effect_size'?)"),
    "unknown citation key": (edit(EVIDENCE, "    sources: [vickers2012]\nguidelines", "    sources: [vickers2012, nobody1999]\nguidelines"), "data/evidence/condition-1.yml:13: unknown citation key 'nobody1999' (not in data/references.yml)"),
    "statistic with no plain words": (edit(EVIDENCE, "Small extra benefit on average.", "Small extra benefit (about 0.2 standard deviations)."), "data/evidence/condition-1.yml:7: comparisons.0: effect gives a statistic ('standard deviations'): add a `plain:` sentence"),
    "page that does not exist": (edit(EVIDENCE, "conditions/neck-pain.md", "conditions/nek-pain.md"), "data/evidence/condition-1.yml:2: page 'conditions/nek-pain.md' does not exist under docs/"),
    "effect size not a number": (edit(EVIDENCE, "effect_size: 0.2", "effect_size: .nan"), "data/evidence/condition-1.yml:12: comparisons.0.effect_size: nan is not a number"),
    "verdict too long": (edit(EVIDENCE, '"May help a little."', '"' + "May help. " * 11 + '"'), "data/evidence/condition-1.yml:4: verdict: is 110 characters long; at most 100"),
    "guideline year far ahead": (edit(EVIDENCE, "year: 2021", "year: 2099"), "data/evidence/condition-1.yml:16: guidelines.0.year: 2099 is in the future"),
    "script in a summary": (edit(EVIDENCE, "summary: Acupuncture", "summary: <script>alert(1)</script> Acupuncture"), "data/evidence/condition-1.yml:5: summary: holds HTML ('<script>')"),
    "javascript link in an effect": (edit(EVIDENCE, '"Small extra benefit on average."', '"[Small](javascript:alert(1)) benefit."'), "data/evidence/condition-1.yml:8: comparisons.0.effect: links to 'javascript:alert(1)': a link goes to https://, http:// or a page of this site"),
    "data link in a detail": (edit(EVIDENCE, '"Not covered."', '"[See](data:text/html;base64,PHNjcmlwdD4=)"'), "data/evidence/condition-1.yml:18: guidelines.0.detail: links to 'data:text/html;base64,PHNjcmlwdD4='"),
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


def load_decisions(tmp_path: Path, *texts: str) -> None:
    folder = tmp_path / "data/decisions"
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts, start=1):
        (folder / f"condition-{number}.yml").write_text(text, encoding="utf-8")
    data.decisions(tmp_path, {"vickers2012"}, {"conditions/neck-pain.md"})


RESPONDERS_FOLLOW_UP = "    follow_up: 3 months after starting\n"
RESPONDERS_SOURCES = "    sources: [vickers2012]\n"
DECISION_FAULTS = {
    # The two refusals the option grid rests on: no figure without its source or its follow-up time.
    "figure without a follow-up time": (edit(DECISION, RESPONDERS_FOLLOW_UP, ""), "data/decisions/condition-1.yml:36: responders.0: missing field 'follow_up'"),
    "figure without a source": (DECISION.removesuffix(RESPONDERS_SOURCES), "data/decisions/condition-1.yml:36: responders.0: missing field 'sources'"),
    "figure with an empty source list": (DECISION.removesuffix(RESPONDERS_SOURCES) + "    sources: []\n", "data/decisions/condition-1.yml:45: responders.0.sources: [] is too short: list should have at least 1 item"),
    "side-effect figure without a source": (edit(DECISION, "      sources: [vickers2012]\n    visits:", "    visits:"), "data/decisions/condition-1.yml:11: options.0.side_effects: a figure needs 'sources'"),
    "side-effect figure without a follow-up time": (edit(DECISION, "      follow_up: over a course\n", ""), "data/decisions/condition-1.yml:11: options.0.side_effects: a figure needs 'follow_up'"),
    "side-effect figure without whose certainty": (edit(DECISION, "      certainty:\n        level: moderate\n        reason: many studies\n", ""), "data/decisions/condition-1.yml:11: options.0.side_effects: a figure needs 'certainty'"),
    "certainty with no provenance": (edit(DECISION, "      reason: one trial\n", ""), "data/decisions/condition-1.yml:42: responders.0.certainty: say whose rating this is"),
    "neither a figure nor a reason": (edit(DECISION, "      not_known: not reported\n", "      counted: nothing\n"), "data/decisions/condition-1.yml:29: options.1.side_effects: give 'per_100'"),
    "a sentence without its source": (edit(DECISION, "      text: After 4 weeks.\n      sources: [vickers2012]\n", "      text: After 4 weeks.\n"), "data/decisions/condition-1.yml:6: options.0.how_soon: 'text' needs 'sources'"),
    "not known with a source": (edit(DECISION, "      not_known: no later figures\n", "      not_known: no later figures\n      sources: [vickers2012]\n"), "data/decisions/condition-1.yml:9: options.0.how_long: 'not_known' takes no 'sources'"),
    "more than 100 people": (edit(DECISION, "acupuncture: 48", "acupuncture: 148"), "data/decisions/condition-1.yml:40: responders.0.per_100.acupuncture: 148 is out of range: input should be less than or equal to 100"),
    "a percentage with a decimal": (edit(DECISION, "acupuncture: 48", "acupuncture: 47.6"), "data/decisions/condition-1.yml:40: responders.0.per_100.acupuncture: 47.6 is the wrong kind of value"),
    "a figure for an option with no column": (edit(DECISION, "      sham: 44\n", "      sham: 44\n      usual-care: 27\n"), "data/decisions/condition-1.yml:1: responders.0.per_100: usual-care is not one of this file's options"),
    "unknown option": (edit(DECISION, "  - id: sham", "  - id: shame"), "data/decisions/condition-1.yml:23: options.1.id: 'shame' is not allowed"),
    "grid and no-figures reason together": (DECISION + "not_known: no trials\n", "data/decisions/condition-1.yml:1: 'not_known' means no grid"),
    "no grid and no reason": ("page: conditions/neck-pain.md\n", "data/decisions/condition-1.yml:1: give 'people', 'options' and 'responders'"),
    "misspelt field": (edit(DECISION, "    follow_up: 3 months", "    folow_up: 3 months"), "data/decisions/condition-1.yml:38: responders.0: unknown field 'folow_up' (did you mean 'follow_up'?)"),
    "page that does not exist": (edit(DECISION, "conditions/neck-pain.md", "conditions/nek-pain.md"), "data/decisions/condition-1.yml:1: page 'conditions/nek-pain.md' does not exist under docs/"),
}
DECISION_FAULTS["unknown citation key"] = (DECISION.removesuffix(RESPONDERS_SOURCES) + "    sources: [nobody1999]\n", "data/decisions/condition-1.yml:45: unknown citation key 'nobody1999' (not in data/references.yml)")


@pytest.mark.parametrize("fault", DECISION_FAULTS)
def test_bad_decision_data_is_refused_with_file_and_line(fault: str, tmp_path: Path) -> None:
    text, message = DECISION_FAULTS[fault]
    with pytest.raises(DataError) as error:
        load_decisions(tmp_path, text)
    assert str(error.value).startswith(message), f"{fault}: got {error.value}"


def test_two_decision_files_for_one_page_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        load_decisions(tmp_path, DECISION, DECISION)
    assert str(error.value) == (
        "data/decisions/condition-2.yml:1: page 'conditions/neck-pain.md' already has its option grid in "
        "data/decisions/condition-1.yml: one file per page"
    )


def test_good_data_loads(tmp_path: Path) -> None:
    """The fixtures above are valid until edited, so each fault is the only mistake."""
    load_references(tmp_path, REFERENCE)
    load_evidence(tmp_path, EVIDENCE)
    load_decisions(tmp_path, DECISION)
    assert data.front_matter(PAGE, "docs/x.md").title == "Neck pain"


def test_a_cochrane_label_on_a_cochrane_review_loads(tmp_path: Path) -> None:
    """The other side of the rule above: the same label is accepted when its source is one."""
    cochrane = edit(EVIDENCE, "      reason: the figure pools back and neck trials\n", "      rated_by: Cochrane review (GRADE)\n      rating_source: mu2020\n")
    load_evidence(tmp_path, edit(cochrane, "    sources: [vickers2012]\nguidelines", "    sources: [vickers2012, mu2020]\nguidelines"))


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
    "reviewer name with HTML": (edit(PAGE, "---\n\n", "clinical_reviewer:\n  name: <script>x</script>\n  role: GP\n  date: 2026-11-25\n---\n\n"), "docs/x.md:7: clinical_reviewer.name: holds HTML ('<script>')"),
    "search boost not a number": (edit(PAGE, "---\n\n", "search:\n  boost: .nan\n---\n\n"), "docs/x.md:7: search.boost: nan is not a number"),
    "nothing after the front matter": (PAGE.split("# Neck pain")[0], "docs/x.md:7: the page has nothing after its front matter"),
    "no closing line": (PAGE.replace("---\n\n#", "\n#") + ("Text.\n" * 3000) + "---\n", "docs/x.md:2: the front matter is "),
}


@pytest.mark.parametrize("fault", FRONT_MATTER_FAULTS)
def test_bad_front_matter_is_refused_with_file_and_line(fault: str) -> None:
    text, message = FRONT_MATTER_FAULTS[fault]
    with pytest.raises(DataError) as error:
        data.front_matter(text, "docs/x.md")
    assert str(error.value).startswith(message), f"{fault}: got {error.value}"


BILLION_LAUGHS = "lol: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"l{level}: &{chr(98 + level)} [{', '.join([f'*{chr(97 + level)}'] * 9)}]\n" for level in range(8)
)


@pytest.mark.parametrize("where", ["data", "front matter"])
def test_an_alias_bomb_fails_at_once(where: str, tmp_path: Path) -> None:
    """Nine levels of nine aliases: 387 million values if followed (before: over 60 s and 7.6 GB)."""
    import time

    start = time.perf_counter()
    with pytest.raises(DataError) as error:
        if where == "data":
            load_references(tmp_path, BILLION_LAUGHS)
        else:
            data.front_matter(PAGE.replace("---\n\n", BILLION_LAUGHS + "---\n\n"), "docs/x.md")
    took = time.perf_counter() - start
    assert "a YAML alias (*name) repeats the value from line" in str(error.value), error.value
    assert str(error.value).startswith("data/references.yml:2:" if where == "data" else "docs/x.md:7:"), error.value
    assert took < 0.5, f"took {took:.2f} s"


def test_a_huge_data_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        load_references(tmp_path, REFERENCE + "# " + "x" * data.MAX_FILE_BYTES + "\n")
    assert str(error.value).startswith("data/references.yml: is 1,000,2"), error.value


def test_the_site_data_passes_the_schema() -> None:
    """Guard: the real files load (so the faults above are measured against a working schema)."""
    root = Path(__file__).parent.parent
    references = data.references(root)
    pages = {path.relative_to(root / "docs").as_posix() for path in (root / "docs").rglob("*.md")}
    evidence = data.evidence(root, references, pages)
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
