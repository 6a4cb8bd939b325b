"""Build: the comparison behind `make engines` (toolbox/engines.py) finds what it must. The
builds themselves run in CI's `engines` job; here, the comparison on small pages."""

from __future__ import annotations

from pathlib import Path

import yaml

from toolbox.engines import FEATURES, compare_exact, compare_features, features

ROOT = Path(__file__).parent.parent
PAGE = (
    '<h1 id="t">T</h1><p>A claim<sup class="cite">[<a href="#source-1">1</a>]</sup> about '
    '<abbr title="x">RCT</abbr>.</p><h2 data-search-exclude id="sources">Sources</h2><ol class="sources"><li id="source-1">x</li></ol>'
)


def test_identical_pages_pass_and_any_difference_is_named() -> None:
    assert compare_exact({"a.html": PAGE}, {"a.html": PAGE}) == []
    assert compare_exact({"a.html": PAGE, "b.html": PAGE}, {"a.html": PAGE + " "}) == ["b.html: missing", "a.html: article HTML differs"]


def test_features_count_what_the_content_rules_make() -> None:
    found = features(PAGE)
    assert found["citations"] == 1 and found["sources"] == 1 and found["tooltips"] == 1
    assert found["section ids"] == 2, "an id after another attribute still counts"
    assert found["literal markers"] == 0 and features("<p>[@vickers2012] [[evidence-box]]</p>")["literal markers"] == 2


def test_a_page_whose_content_rules_did_not_run_is_named() -> None:
    unrendered = '<h1 id="t">T</h1><p>A claim [@vickers2012] about RCT.</p>'
    problems = compare_features({"a.html": PAGE}, {"a.html": unrendered})
    assert "a.html: citations 1 -> 0" in problems and "a.html: literal markers 0 -> 1" in problems
    assert "a.html: sources 1 -> 0" in problems and len(FEATURES) > len(problems)


def test_ci_builds_the_site_with_the_other_engines() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/test.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["engines"]["steps"]]
    assert "make engines" in steps
    assert "engines" not in str(workflow["jobs"]["build"].get("needs", "")), "another engine's result must not block a deploy"
