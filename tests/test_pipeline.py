"""The content pipeline: README's table is the real processing order, no processor of the site's
ties with another, and every marker rule leaves code alone. And the steps around a build
(acp.check, acp.postbuild) run with any engine: after a hook already ran them, running them
again changes nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from acp import pipeline, postbuild, site_config
from acp.shared_names import AFTER_PAINT
from tests.conftest import ROOT, Site, copy_project, mkdocs_build

CONFIG = ROOT / "mkdocs.yml"


def test_readme_shows_the_real_processing_order() -> None:
    table = pipeline.table(pipeline.steps(pipeline.converter(CONFIG)))
    assert table in (ROOT / "README.md").read_text(encoding="utf-8"), f"paste `python -m acp.pipeline` into README:\n{table}"


def test_every_site_extension_is_in_the_table() -> None:
    steps = pipeline.steps(pipeline.converter(CONFIG))
    names, _ = pipeline.extensions(site_config.load(CONFIG))
    own = [name for name in names if name.startswith(pipeline.OWN)]
    assert len(own) >= 7
    assert {name for name in own} <= {step.module for step in steps if step.own}, "an acp extension registers no processor in the table"


def test_no_processor_of_the_sites_shares_a_priority_in_its_stage() -> None:
    assert pipeline.ties(pipeline.steps(pipeline.converter(CONFIG))) == []
    # The check itself: superfences' fenced blocks and a processor of the site's at the same priority.
    md = pipeline.converter(CONFIG)
    md.preprocessors.register(md.preprocessors["acp_citations"], "acp_citations", 25)
    assert pipeline.ties(pipeline.steps(md)) == [
        "acp.extensions.citations (acp_citations) and pymdownx.superfences (fenced_code_block): both preprocessors at 25"
    ]


# Each marker rule, with its marker in a code span and in fenced blocks (top level and indented
# in a box), and once outside code so the test can tell the rule ran.
MARKERS = {
    "evidence table": ("[[evidence-table]]", '<thead>'),
    "evidence chart": ("[[evidence-chart]]", 'class="evidence-chart"'),
    "condition cards": ("[[condition-cards]]", 'class="condition-cards"'),
    "glossary list": ("[[glossary]]", '<dl class="glossary">'),
    "citation": ("[@vickers2018]", '<sup class="cite">'),
    "reference list": ("[[references]]", '<ol class="references">'),
    "clinical review": ("[[clinical-review]]", "clinician"),
}


def render(text: str) -> str:
    md = pipeline.converter(CONFIG)
    return md.convert(text)


@pytest.mark.parametrize("rule", MARKERS)
def test_marker_rules_leave_code_alone(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the extensions read data/ and includes/ from the project folder
    marker, rendered = MARKERS[rule]
    in_code = f"# Page\n\nWrite `{marker}` to show it.\n\n```text\n{marker}\n```\n\n!!! note\n\n    ~~~\n    {marker}\n    ~~~\n"
    html = render(in_code)
    assert rendered not in html, f"{rule}: the marker was expanded inside code"
    assert html.count(re.sub(r"&", "&amp;", marker)) == 3, f"{rule}: each marker in code should stay as written:\n{html}"
    assert rendered in render(in_code + f"\n{marker}\n"), f"{rule}: outside code the marker should be expanded"


def test_decision_grid_marker_in_code_stays_as_written() -> None:
    """[[decision-grid]] needs its page's data file outside code; inside code it is text, and
    the page needs no data file."""
    html = render("# Page\n\nWrite `[[decision-grid]]` to show it.\n\n```text\n[[decision-grid]]\n```\n")
    assert html.count("[[decision-grid]]") == 2 and "option-grid" not in html, html


def test_evidence_box_marker_in_code_needs_no_data() -> None:
    """[[evidence-box]] outside code on a page without evidence is refused; inside code it is text."""
    assert "[[evidence-box]]" in render("# Page\n\n`[[evidence-box]]`\n")


# The steps around a build -------------------------------------------------------------------


def test_post_build_steps_change_nothing_after_the_hook(site: Site, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    settings = site_config.load(CONFIG)
    postbuild.run(copy, settings["site_url"], site_config.theme_features(settings))
    before = {path.relative_to(site.root): path.read_bytes() for path in site.root.rglob("*") if path.is_file()}
    after = {path.relative_to(copy): path.read_bytes() for path in copy.rglob("*") if path.is_file()}
    assert before.keys() == after.keys(), sorted(set(before) ^ set(after))
    changed = sorted(str(path) for path in before if before[path] != after[path])
    assert not changed, f"running acp.postbuild after the hook changed: {changed[:5]}"


def test_post_build_steps_do_the_whole_work_on_an_engines_raw_output(site: Site, tmp_path: Path) -> None:
    """What an engine without hooks leaves (the theme's stylesheets linked whole, the template's
    indentation, a relative link to the zip, no robots.txt) is what the step fixes."""
    raw = tmp_path / "site"
    shutil.copytree(site.root, raw)
    (raw / "robots.txt").unlink()
    about = raw / "about/index.html"
    about.write_text(about.read_text(encoding="utf-8").replace(f"{site_config.load(CONFIG)['site_url']}{postbuild.OFFLINE_ZIP}", f"../{postbuild.OFFLINE_ZIP}"), encoding="utf-8")
    assert f'href="../{postbuild.OFFLINE_ZIP}"' in about.read_text(encoding="utf-8")
    settings = site_config.load(CONFIG)
    postbuild.run(raw, settings["site_url"], site_config.theme_features(settings))
    assert (raw / "robots.txt").read_text(encoding="utf-8") == (site.root / "robots.txt").read_text(encoding="utf-8")
    assert about.read_bytes() == (site.root / "about/index.html").read_bytes()



# The delivery switch ---------------------------------------------------------------------------


def test_the_delivery_setting_names_its_parts() -> None:
    assert site_config.delivery({"extra": {}}) == set(site_config.DELIVERY_PARTS)
    assert site_config.delivery({"extra": {"delivery": False}}) == set()
    assert site_config.delivery({"extra": {"delivery": ["html", "scripts"]}}) == {"html", "scripts"}
    with pytest.raises(ValueError, match=r"unknown part\(s\) \['css'\]"):
        site_config.delivery({"extra": {"delivery": ["css"]}})


def test_one_setting_switches_the_delivery_work_off(site: Site, tmp_path: Path) -> None:
    """extra.delivery: false builds the same pages the theme's own way (the benchmark's stock
    build); the work every build needs (robots.txt, the offline link, review dates) stays."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  delivery: true\n", "  delivery: false\n"), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "stock")
    assert build.returncode == 0, build.log
    stock, ours = (tmp_path / "stock/index.html").read_text(encoding="utf-8"), (site.root / "index.html").read_text(encoding="utf-8")
    for part, mark in {"styles": "<style>", "scripts": AFTER_PAINT, "search held": "loader.js"}.items():
        assert mark in ours and mark not in stock, f"{part}: {mark!r} should be in the site and not in the stock build"
    assert "\n    " in stock and "\n    " not in re.sub(r"<(pre|script|style)\b.*?</\1>|<article\b.*?</article>", "", ours, flags=re.DOTALL), "compact HTML"
    assert (tmp_path / "stock/robots.txt").is_file() and "Page last reviewed:" in stock
    assert (tmp_path / "stock/about/index.html").read_text(encoding="utf-8").count(f'href="https://acupuncture-chronic-pain.github.io/{postbuild.OFFLINE_ZIP}"') == 1
