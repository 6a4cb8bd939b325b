"""Build: the site builds strictly with no warnings, bad input fails the build with a
message that names the file (and line where there is one), and the hook that trims
styles changes what it should and nothing else."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from acp.shared_names import PALETTE_SWITCHING
from tests.conftest import Site, copy_project, mkdocs_build


def test_strict_build_has_no_warnings(site: Site) -> None:
    assert not re.search(r"^(WARNING|ERROR)", site.log, re.MULTILINE), site.log
    assert (site.root / "index.html").exists()
    assert (site.root / "404.html").exists()
    assert (site.root / "sitemap.xml").exists()


def append(path: str, text: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        with open(project / path, "a", encoding="utf-8") as handle:
            handle.write(text)

    return inject


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert re.search(old, text, re.MULTILINE), f"fixture text {old!r} not found in {path}"
        file.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE), encoding="utf-8")

    return inject


def line_count(path: str) -> int:
    return len((Path(__file__).parent.parent / path).read_text(encoding="utf-8").splitlines())


# One real build per case: each shows that a kind of mistake reaches the build log. The many
# variants of each kind run without a build in test_data_schema.py, test_page_rules.py and
# test_review_dates.py.
FAULTS = {
    "broken page link": (append("docs/safety.md", "\n[gone](no-such-page.md)\n"), r"safety\.md.*no-such-page\.md"),
    "broken anchor": (append("docs/sessions.md", "\n[gone](safety.md#no-such-anchor)\n"), r"sessions\.md.*no-such-anchor"),
    "missing nav target": (replace("mkdocs.yml", r"^  - References: references.md$", "  - References: references.md\n  - Gone: gone.md"), r"gone\.md"),
    "unknown citation key": (
        append("docs/benefits.md", "\nA claim with no real source [@nobody1999].\n"),
        rf"docs/benefits\.md:{line_count('docs/benefits.md') + 2}: unknown citation key 'nobody1999'",
    ),
    "impossible date in front matter": (
        replace("docs/safety.md", r"^reviewed: .*$", "reviewed: 2026-02-30"),
        r"docs/safety\.md:\d+: '2026-02-30' is not a real date",
    ),
    "certainty without provenance": (
        replace("data/evidence/neuropathic-pain.yml", r"^      rated_by: .*\n      rating_source: .*\n", ""),
        r"data/evidence/neuropathic-pain\.yml:\d+: comparisons\.0\.certainty: say whose rating this is",
    ),
    "Cochrane label on another source's rating": (
        replace("data/evidence/cancer-pain.yml", r"rated_by: Review of cancer pain trials \(GRADE\)", "rated_by: Cochrane review (GRADE)"),
        r"data/evidence/cancer-pain\.yml:\d+: rated_by says 'Cochrane review \(GRADE\)', but rating_source 'he2020' is not a Cochrane review",
    ),
    "option-grid figure without a follow-up time": (
        replace("data/decisions/low-back-pain.yml", r"^    follow_up: .*\n", ""),
        r"data/decisions/low-back-pain\.yml:\d+: responders\.0: missing field 'follow_up'",
    ),
    "duplicate reference key": (
        append("data/references.yml", "\nvickers2012:\n  evidence: [R1]\n  type: web\n  title: Copy\n  url: https://example.org/\n  verified: x\n"),
        r"data/references\.yml:\d+: 'vickers2012' is written twice \(first on line \d+\)",
    ),
    "evidence marker twice": (append("docs/conditions/index.md", "\n[[evidence-chart]]\n"), r"docs/conditions/index\.md: \[\[evidence-chart\]\] appears 2 times"),
    "malformed glossary line": (append("includes/glossary.md", "\n*[RCT] a trial\n"), r"includes/glossary\.md:\d+: expected"),
    "snippet outside includes": (
        append("docs/safety.md", '\n--8<-- "../mkdocs.yml"\n'),
        r"docs/safety\.md:\d+: Snippet at path '.*mkdocs\.yml' could not be found \(snippets come from includes/ only\)",
    ),
    "malformed citation": (append("docs/benefits.md", "\nA claim [@vickers2012, @mu2020].\n"), r"docs/benefits\.md:\d+: malformed citation \[@vickers2012, @mu2020\]"),
    "page not in nav": (replace("mkdocs.yml", r"^  - Questions: questions.md\n", ""), r"not included in the \"nav\" configuration:\s*\n\s*- questions\.md"),
    "missing image": (append("docs/sessions.md", "\n![A picture](assets/images/none.png)\n"), r"sessions\.md.*none\.png"),
    "site_url removed": (replace("mkdocs.yml", r"^site_url: .*\n", ""), r"^ERROR +- +mkdocs\.yml: site_url is not set"),
    "admonition removed": (replace("mkdocs.yml", r"^  - admonition\n", ""), r"mkdocs\.yml: markdown_extensions has no 'admonition'"),
    "alias bomb in front matter": (
        replace("docs/safety.md", r"^reviewed: ", "lol: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"l{n}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8)) + "reviewed: "),
        r"docs/safety\.md:\d+: a YAML alias \(\*name\) repeats the value from line",
    ),
    "data mistake named first": (replace("data/evidence/neck-pain.yml", r"^summary:", "sumary:"), r"^ERROR +- +data/evidence/neck-pain\.yml:\d+: unknown field 'sumary'"),
    "condition page without its evidence": (replace("docs/conditions/neck-pain.md", r"^\[\[evidence-box\]\]\n", ""), r"docs/conditions/neck-pain\.md: data/evidence/ has this page's evidence"),
    "pymdownx.snippets removed": (
        replace("mkdocs.yml", r"^  - pymdownx\.snippets:\n(?:      .*\n)+", ""),
        r"mkdocs\.yml: markdown_extensions has no 'pymdownx\.snippets', which acp\.extensions\.snippet_errors needs",
    ),
    "toc settings removed": (
        replace("mkdocs.yml", r"^  - toc:\n(?:      .*\n)+", ""),
        r"mkdocs\.yml: markdown_extensions has no 'toc' with 'permalink: true', which acp\.extensions\.section_links needs",
    ),
    "bold never closed": (append("docs/safety.md", "\nThis is **very important.\n"), r"docs/safety\.md:\d+: '\*\*very important\.' was left as literal text: bold text with no closing"),
    "repeated element id": (
        append("docs/safety.md", "\n## More sources { #sources }\n"),
        r"docs/safety\.md: the id 'sources' is used 2 times on the page",
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_bad_input_fails_the_build_with_a_clear_message(fault: str, tmp_path: Path) -> None:
    inject, message = FAULTS[fault]
    project = copy_project(tmp_path / "project")
    inject(project)
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0, f"{fault}: the build passed but should have failed"
    assert re.search(message, build.log, re.MULTILINE), f"{fault}: expected a message matching {message!r} in:\n{build.log}"
    if message.startswith("^ERROR"):  # the file at fault is the first thing the log names
        first_error = next((line for line in build.log.splitlines() if line.startswith("ERROR")), "")
        assert re.match(message, first_error), f"{fault}: the first error should name the file at fault, not: {first_error}"
    # MkDocs prints some failures as bare frames, with no "Traceback" line above them.
    assert "Traceback" not in build.log and not re.search(r'^\s*File "', build.log, re.MULTILINE), f"{fault}: the build stopped with a traceback, not a message:\n{build.log}"


def test_references_nobody_cites_are_reported(site: Site) -> None:
    root = Path(__file__).parent.parent
    keys = set(yaml.safe_load((root / "data/references.yml").read_text(encoding="utf-8")))
    text = "\n".join(path.read_text(encoding="utf-8") for folder in ("docs", "includes", "data/evidence", "data/decisions") for path in (root / folder).rglob("*") if path.suffix in (".md", ".yml"))
    cited = set(re.findall(r"@([\w-]+)", text)) | {key for key in keys if re.search(rf"\b{re.escape(key)}\b", " ".join(re.findall(r"sources: \[(.*?)\]", text)))}
    report = re.search(r"References not cited on any page.*?: (.*)", site.log)
    uncited = sorted(keys - cited)
    if uncited:
        assert report, f"the build did not report the uncited references {uncited}"
        assert sorted(report.group(1).split(", ")) == uncited
    else:
        assert report is None


def test_pages_keep_only_the_style_rules_they_can_use(tmp_path: Path) -> None:
    """acp/inline_css.py, on probe rules added to the site's stylesheet. (The browser
    tests check that no page looks different; this checks that rules do go.)"""
    project = copy_project(tmp_path / "project")
    probes = {
        ".probe-absent{color:red}": False,  # no element has the class
        "@media print{.probe-absent{color:red}}": False,  # nor does an emptied @media stay
        ".md-typeset p:not(.probe-absent){color:blue}": True,  # :not() of an absent class matches
        ".md-typeset :is(.probe-absent,p){color:green}": True,  # inside :is(), kept to be safe
        ".tabbed-control--probe{color:teal}": True,  # a class the theme's script completes at run time
        ":root{--probe-read:1px;--probe-unread:2px}": None,  # checked below
        ".md-typeset{margin-top:var(--probe-read)}": True,
        "[data-md-color-primary=probe-colour]{color:red}": False,  # no palette uses this colour
        "[data-md-color-scheme=slate] .md-typeset{color:white}": True,
    }
    with (project / "docs/stylesheets/extra.css").open("a", encoding="utf-8") as stylesheet:
        stylesheet.write("\n" + "\n".join(probes) + "\n")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.log
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    shared = re.findall(r'<link rel="stylesheet" href="([^"]+)" media="print"', html)  # the site's one stylesheet
    assert len(shared) == 1, shared
    styles = re.sub(r"\s+", "", (tmp_path / "site" / shared[0]).read_text(encoding="utf-8"))
    for rule, kept in probes.items():
        if kept is not None:
            assert (re.sub(r"\s+", "", rule) in styles) == kept, f"{rule} should {'stay' if kept else 'go'}"
    assert "--probe-read:1px" in styles and "--probe-unread" not in styles


def test_colour_switching_rule_is_held_back(site: Site) -> None:
    """acp/inline_css.py: the rule for the moment colours switch is in its own style
    element, off until the first switch (tests/test_browser.py checks it turns on)."""
    html = (site.root / "index.html").read_text(encoding="utf-8")
    held_back = re.findall(rf'<style media="not all" {PALETTE_SWITCHING}>(.*?)</style>', html, re.DOTALL)
    applied = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
    assert len(held_back) == 1 and "[data-md-color-switching]" in held_back[0]
    assert "data-md-color-switching" not in applied


def test_section_links_are_named_without_a_title(site: Site) -> None:
    """acp/extensions/section_links.py: each heading's ¶ link carries the configured words as its
    accessible name, and no title (which would give each its own tooltip at page start)."""
    title = load_config(str(Path(__file__).parent.parent / "mkdocs.yml")).mdx_configs["toc"]["permalink_title"]
    links = [link for page in site.pages() for link in re.findall(r'<a class="headerlink"[^>]*>', page.read_text(encoding="utf-8"))]
    assert links, "no section links found"
    assert all(f'aria-label="{title}"' in link and " title=" not in link for link in links), links[:3]


def test_template_indentation_is_dropped_and_nothing_else(site: Site) -> None:
    """acp/compact_html.py: white space is shortened only where a browser shows any run of
    it as one space; preformatted text, scripts, styles and the page's text stay as built."""
    from acp.compact_html import compact

    sample = ('<nav>\n    <a  href="/">Home</a>\n\n    <span>a</span>   <span>b</span>\n</nav>'
              '<pre>  keep\n    this</pre><script>\n  var  x;\n</script>'
              '<article class="md-content__inner">\n    <p>kept  as\n   written</p></article>\n\n  <footer>  end</footer>')
    assert compact(sample) == ('<nav>\n<a href="/">Home</a>\n<span>a</span> <span>b</span>\n</nav>'
                               '<pre>  keep\n    this</pre><script>\n  var  x;\n</script>'
                               '<article class="md-content__inner">\n    <p>kept  as\n   written</p></article>\n<footer> end</footer>')
    home = (site.root / "index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>|<article\b.*?</article>", "", home, flags=re.DOTALL)
    assert "<article" in home and "\n  " not in outside and "   " not in outside, "template indentation left in the built page"


QUIET = re.compile(r"(?<![\w-])(?:-q|--quiet)(?![\w-])")


def test_no_build_command_is_quiet() -> None:
    """`mkdocs build --strict -q` passes with warnings (a page missing from nav, a broken
    anchor, a missing image): -q drops them before --strict counts them. The cases above
    show each warning failing the build the project runs; this keeps -q out of it."""
    root = Path(__file__).parent.parent
    files = [root / "Makefile", root / ".ci/run", *(root / ".github/workflows").glob("*.yml"), *(root / "bench").rglob("*.py"), *(root / "tests").rglob("*.py"), *(root / "toolbox").rglob("*.py")]
    builds = [
        f"{path.relative_to(root)}:{number}"
        for path in files
        if path.is_file() and "node_modules" not in path.parts and path != Path(__file__)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bbuild\b", line) and re.search(r"mkdocs|MKDOCS|properdocs|zensical|engine", line) and QUIET.search(line)
    ]
    assert not builds, f"a build command with -q or --quiet (warnings would not fail it): {builds}"


def footer_line(html: str, name: str) -> str | None:
    """The text of the page-footer paragraph `<p class=name>` (overrides/main.html)."""
    found = re.search(rf'<p class="{name}">(.*?)</p>', html, re.DOTALL)
    return " ".join(found.group(1).split()) if found else None


def test_page_footer_is_the_same_with_an_engine_that_ignores_hooks(site: Site, tmp_path: Path) -> None:
    """Zensical ignores `hooks:`. The template words the review dates from the front matter
    itself when no hook has, and mkdocs.yml names the credit line's wording, so every page shows
    the same dates and the same statement about clinical review with or without hooks."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^hooks:\n(?:  - .*\n)+", "", config.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.log
    assert "References not cited" not in build.log, "the hooks still ran"
    differ = []
    for page in (page for page in site.pages() if page.name == "index.html"):
        with_hooks = page.read_text(encoding="utf-8")
        without = (tmp_path / "site" / page.relative_to(site.root)).read_text(encoding="utf-8")
        for name in ("review-dates", "page-credits"):
            assert footer_line(with_hooks, name), f"{site.url_of(page)}: no {name} line"
            if footer_line(with_hooks, name) != footer_line(without, name):
                differ.append(f"{site.url_of(page)} {name}: {footer_line(with_hooks, name)!r} with hooks, {footer_line(without, name)!r} without")
    assert not differ, "\n".join(differ)
