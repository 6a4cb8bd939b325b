"""Build the site with the second engine and with the next one, and compare every page with
the production build (ProperDocs, as `make build` makes it).

    python -m toolbox.engines mkdocs       every page's article HTML identical, and equal to the stored snapshot
    python -m toolbox.engines zensical     the same content on every page; the whole-site work done by the steps

MkDocs 1.6.1 (ProperDocs' origin, kept as the second engine) renders with the same templates,
so its pages must match byte for byte, and both must match tests/snapshots/articles/.
Zensical renders with its own templates, so its article HTML always differs; there the check
is that the site's content rules ran (acp/extensions/): the same citations, source lists,
evidence boxes, tables and chart, glossary, urgent links and section ids on every page, no
marker left as literal text; and, as Zensical ignores `hooks:`, that `python -m acp.check`
before it and `python -m acp.postbuild` after it did the whole-site work. What still differs
is printed. `make engines` installs both (requirements-engines.txt) and runs both; CI runs it
as its own job.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from acp.clinical_review import PAGE_NOT_CHECKED
from acp.extensions.markers import LEFTOVER
from acp.postbuild import OFFLINE_ZIP
from toolbox.article_html import SNAPSHOT, articles
from toolbox.project import copy_project

# What the content rules put on a page, counted per page: these must agree across engines.
FEATURES = {
    "citations": r'<sup class="cite">',
    "sources": r'<li id="source-\d+">',
    "full reference list": r'<li id="[\w-]+">(?=[^<]*<i>|[^<]*\.)',
    "evidence box": r'class="admonition evidence"',
    "evidence chart bars": r'class="evidence-chart__row"',
    "condition cards": r'class="condition-cards"',
    "glossary list": r'<dl class="glossary">',
    "tooltips": r"<abbr ",
    "urgent link": r'class="urgent-link"',
    "on this page": r'class="on-this-page"',
    "section ids": r'<h[1-6]\b[^>]*\sid="[^"]+"',
    "literal markers": LEFTOVER.pattern,
}


def run(command: list[str], project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)


def build(engine: str, project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Build `project` with `engine` into `out`; the engines run from the project folder. An
    engine that ignores hooks gets the checks before it and the post-build steps after it."""
    if engine in ("mkdocs", "properdocs"):
        return run([sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)], project)
    if engine != "zensical":
        raise SystemExit(f"unknown engine {engine!r}: mkdocs, properdocs or zensical")
    checked = run([sys.executable, "-m", "acp.check"], project)
    if checked.returncode != 0:
        return checked
    result = run([str(Path(sys.executable).with_name("zensical")), "build", "-f", "mkdocs.yml", "--clean"], project)
    if (project / "site").is_dir():  # it writes to site_dir, from mkdocs.yml
        shutil.move(project / "site", out)
        steps = run([sys.executable, "-m", "acp.postbuild", str(out)], project)
        if steps.returncode != 0:
            return steps
    return result


# The whole-site work, as the production build leaves it in every page or in the site.
WHOLE_SITE = {
    "robots.txt": lambda site, pages: (site / "robots.txt").is_file(),
    "one shared trimmed stylesheet": lambda site, pages: any((site / "assets/stylesheets").glob("site.*.css")),
    "first-screen styles inline on every page": lambda site, pages: all("<style>" in html for html in pages.values()),
    "offline link to the published zip": lambda site, pages: all("../" + OFFLINE_ZIP not in html for html in pages.values()),
    "review dates shown on every page (overrides/main.html)": lambda site, pages: all("Page last reviewed:" in html for html in pages.values()),
    "the clinical-review statement on every page (mkdocs.yml, from acp/clinical_review.py)": lambda site, pages: all(
        "Checked by" in html or PAGE_NOT_CHECKED in html for html in pages.values()
    ),
}


def whole_site(site: Path) -> dict[str, bool]:
    pages = {page: page.read_text(encoding="utf-8") for page in site.rglob("*.html") if page.name != "404.html"}
    return {name: bool(pages) and done(site, pages) for name, done in WHOLE_SITE.items()}


def stored_articles() -> dict[str, str]:
    return {path.relative_to(SNAPSHOT).as_posix(): path.read_text(encoding="utf-8") for path in sorted(SNAPSHOT.rglob("*.html"))}


def features(html: str) -> dict[str, int]:
    return {name: len(re.findall(pattern, html)) for name, pattern in FEATURES.items()}


def compare_exact(reference: dict[str, str], other: dict[str, str]) -> list[str]:
    """One line per page missing from `other` or not byte-identical to `reference`."""
    problems = [f"{name}: missing" for name in sorted(set(reference) - set(other))]
    problems += [f"{name}: article HTML differs" for name in sorted(set(reference) & set(other)) if reference[name] != other[name]]
    return problems


def compare_features(reference: dict[str, str], other: dict[str, str]) -> list[str]:
    """One line per page and feature where `other` differs from `reference`."""
    problems = [f"{name}: missing" for name in sorted(set(reference) - set(other))]
    for name in sorted(set(reference) & set(other)):
        ours, theirs = features(reference[name]), features(other[name])
        problems += [f"{name}: {feature} {ours[feature]} -> {theirs[feature]}" for feature in FEATURES if ours[feature] != theirs[feature]]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", choices=["mkdocs", "zensical"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        project = copy_project(Path(temp) / "project")
        production = build("properdocs", project, Path(temp) / "properdocs")
        if production.returncode != 0:
            print(production.stdout + production.stderr)
            return 1
        other = build(args.engine, project, Path(temp) / args.engine)
        reference, theirs = articles(Path(temp) / "properdocs"), articles(Path(temp) / args.engine) if (Path(temp) / args.engine).is_dir() else {}
        if not reference:
            print("the ProperDocs build has no pages: nothing to compare")
            return 1
        exact = compare_exact(reference, theirs)
        print(f"{args.engine}: build exit code {other.returncode}; pages with article HTML identical to ProperDocs': {len(reference) - len(exact)}/{len(reference)}")
        if args.engine == "mkdocs":
            problems = exact if other.returncode == 0 else [f"the build failed:\n{other.stdout}{other.stderr}"]
            stale = compare_exact(stored_articles(), reference)
            print(f"pages equal to the stored snapshot (tests/snapshots/articles/): {len(reference) - len(stale)}/{len(reference)}")
            problems += [f"snapshot: {line}" for line in stale]
        else:
            problems = compare_features(reference, theirs)
            print(f"pages with the same content features ({', '.join(FEATURES)}): {len(reference) - len({p.split(':')[0] for p in problems})}/{len(reference)}")
            if other.returncode != 0:
                last = (other.stderr or other.stdout).strip().splitlines()[-1:]
                problems.append(f"the {args.engine} build or its steps stopped with: {last[0] if last else '(no message)'}")
            ours, done = whole_site(Path(temp) / "properdocs"), whole_site(Path(temp) / args.engine) if theirs else {}
            for name in WHOLE_SITE:
                print(f"  {'same' if done.get(name) == ours[name] else 'DIFFERS'}: {name} (ProperDocs {ours[name]}, {args.engine} {done.get(name)})")
        for problem in problems:
            print(f"  {problem}")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
