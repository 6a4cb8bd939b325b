"""Build the site with another engine and compare every page with the MkDocs build.

    python -m tests.engines properdocs   every page's article HTML must be identical
    python -m tests.engines zensical     every page must carry the same content features

ProperDocs is a drop-in fork of MkDocs 1.x with the same templates, so its pages must match
byte for byte. Zensical renders with its own templates, so its article HTML always differs;
there the check is that the site's content rules ran (acp/extensions/): the same citations,
source lists, evidence boxes, tables and chart, glossary, urgent links and section ids on
every page, and no marker left as literal text. `make engines` installs both
(requirements-engines.txt) and runs both; CI runs it as its own job.
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

from acp.extensions.markers import LEFTOVER
from tests.article_html import articles
from tests.conftest import copy_project

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


def build(engine: str, project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Build `project` with `engine` into `out`; the engines run from the project folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    if engine in ("mkdocs", "properdocs"):
        command = [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)]
    elif engine == "zensical":
        command = [str(Path(sys.executable).with_name("zensical")), "build", "-f", "mkdocs.yml", "--clean"]
    else:
        raise SystemExit(f"unknown engine {engine!r}: properdocs or zensical")
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)
    if engine == "zensical" and (project / "site").is_dir():  # it writes to site_dir, from mkdocs.yml
        shutil.move(project / "site", out)
    return result


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
    parser.add_argument("engine", choices=["properdocs", "zensical"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        project = copy_project(Path(temp) / "project")
        mkdocs = build("mkdocs", project, Path(temp) / "mkdocs")
        if mkdocs.returncode != 0:
            print(mkdocs.stdout + mkdocs.stderr)
            return 1
        other = build(args.engine, project, Path(temp) / args.engine)
        reference, theirs = articles(Path(temp) / "mkdocs"), articles(Path(temp) / args.engine) if (Path(temp) / args.engine).is_dir() else {}
        if not reference:
            print("the MkDocs build has no pages: nothing to compare")
            return 1
        exact = compare_exact(reference, theirs)
        same = len(reference) - len(exact)
        print(f"{args.engine}: build exit code {other.returncode}; pages with identical article HTML: {same}/{len(reference)}")
        if args.engine == "properdocs":
            problems = exact if other.returncode == 0 else [f"the build failed:\n{other.stdout}{other.stderr}"]
        else:
            problems = compare_features(reference, theirs)
            print(f"pages with the same content features ({', '.join(FEATURES)}): {len(reference) - len({p.split(':')[0] for p in problems})}/{len(reference)}")
            if other.returncode != 0:
                last = (other.stderr or other.stdout).strip().splitlines()[-1:]
                print(f"note: the {args.engine} build stopped with: {last[0] if last else '(no message)'}")
        for problem in problems:
            print(f"  {problem}")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
