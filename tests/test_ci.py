"""CI and release: actions pinned by commit, least privilege per job, the deploy waits for the
tests, Dependabot covers every lock file with a cooldown, `make build` ships the offline
zip the site links to, and the licences are stated."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

from acp import postbuild, site_config
from tests.conftest import Site, copy_project

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github/workflows"


def workflows() -> dict[str, dict]:
    # PyYAML reads the key `on:` as True; nothing here needs the triggers by that name.
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOWS.glob("*.yml"))}


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


# Actions and permissions ----------------------------------------------------------------------


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    unpinned = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if match := re.search(r"\buses:\s*(\S+)(.*)$", line):
                action, comment = match.groups()
                if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action) or not re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment):
                    unpinned.append(f"{path.name}:{number}: {line.strip()}")
    assert not unpinned, "Pin each action as `owner/repo@<40-character commit> # vX.Y.Z`:\n" + "\n".join(unpinned)


def test_each_job_has_only_the_permissions_it_needs() -> None:
    problems = []
    for name, workflow in workflows().items():
        if workflow.get("permissions") not in ({}, {"contents": "read"}):
            problems.append(f"{name}: workflow-level permissions should be {{}} (each job asks for its own)")
        for job_id, job in workflow["jobs"].items():
            granted = job.get("permissions")
            if granted is None:
                problems.append(f"{name}: job {job_id} states no permissions")
                continue
            writes = {scope for scope, level in granted.items() if level == "write"}
            scripts = " ".join(step.get("run", "") for step in steps(job))
            uses = [step.get("uses", "") for step in steps(job)]
            if "issues" in writes and "gh issue" not in scripts:
                problems.append(f"{name}: job {job_id} may write issues but opens none")
            if writes - {"issues"} and not (writes == {"pages", "id-token"} and any(use.startswith("actions/deploy-pages@") for use in uses)):
                problems.append(f"{name}: job {job_id} may write {sorted(writes)}")
            if writes and (any(use.startswith("actions/checkout@") for use in uses) or "make " in scripts):
                problems.append(f"{name}: job {job_id} holds a write token and runs the repository's code")
            if any(use.startswith("actions/checkout@") for use in uses):
                for step in steps(job):
                    if step.get("uses", "").startswith("actions/checkout@") and step.get("with", {}).get("persist-credentials") is not False:
                        problems.append(f"{name}: job {job_id} keeps the checkout token (persist-credentials: false)")
    assert not problems, "\n".join(problems)


def needs(job: dict) -> list[str]:
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else value


def test_deploy_runs_only_after_the_tests_passed_on_the_same_commit() -> None:
    deploying = {
        (name, job_id)
        for name, workflow in workflows().items()
        for job_id, job in workflow["jobs"].items()
        if any(step.get("uses", "").startswith(("actions/deploy-pages@", "actions/upload-pages-artifact@")) for step in steps(job))
    }
    assert {name for name, _ in deploying} == {"test.yml"}, f"only the test workflow may deploy: {deploying}"
    jobs = workflows()["test.yml"]["jobs"]

    def upstream(job_id: str) -> set[str]:
        return {parent for direct in needs(jobs[job_id]) for parent in {direct} | upstream(direct)}

    test_jobs = {job_id for job_id, job in jobs.items() if any("make test" in step.get("run", "") for step in steps(job))}
    assert test_jobs == {"test"}
    for _, job_id in deploying:
        assert "test" in upstream(job_id), f"{job_id} must wait for the test job"
        assert "review-dates" not in upstream(job_id), "a review date must never block a deploy"
    assert jobs["build"]["if"] == "github.ref == 'refs/heads/main' && (github.event_name == 'push' || github.event_name == 'workflow_dispatch')"
    assert any(step.get("run") == "make build" for step in steps(jobs["build"])), "the deploy builds with `make build` (site and zip)"
    # The deploy gate runs the suite without the review-date check; the review-dates job runs only that check.
    assert """make test PYTEST_ARGS='-m "not review_due"'""" in [step.get("run") for step in steps(jobs["test"])]
    assert "-m review_due tests/test_review_dates.py" in " ".join(step.get("run", "") for step in steps(jobs["review-dates"]))
    assert "@pytest.mark.review_due" in (ROOT / "tests/test_review_dates.py").read_text(encoding="utf-8")


def test_review_reminder_runs_weekly_and_names_pages_due_within_30_days() -> None:
    workflow = workflows()["review-dates.yml"]
    assert workflow[True]["schedule"][0]["cron"].endswith("* * 1"), "weekly, on Mondays"
    scripts = " ".join(step.get("run", "") for job in workflow["jobs"].values() for step in steps(job))
    assert "python -m acp.review_dates --due-within 30" in scripts
    assert "gh issue edit" in scripts and "gh issue create" in scripts, "update the open issue rather than open another"


# Dependabot ---------------------------------------------------------------------------------


def test_dependabot_covers_every_lock_file_and_waits_a_week() -> None:
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    covered = {(update["package-ecosystem"], update["directory"]) for update in config["updates"]}
    lock_files = {("npm", "/" + path.parent.relative_to(ROOT).as_posix()) for path in ROOT.glob("*/package-lock.json")}
    expected = {("pip", "/"), ("github-actions", "/")} | lock_files
    assert ("npm", "/bench") in expected and ("npm", "/tests") in expected
    assert expected <= covered, f"not covered by Dependabot: {sorted(expected - covered)}"
    short = [update["directory"] for update in config["updates"] if update.get("cooldown", {}).get("default-days", 0) < 7]
    assert not short, f"give these a cooldown of at least 7 days: {short}"


# The offline copy ---------------------------------------------------------------------------


def makefile_zip() -> str:
    return re.search(r"^OFFLINE_ZIP := (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE).group(1)


FAKE_ENGINE = """#!/bin/sh
# Stands in for the engine: "builds" a site that says whether it is the offline copy.
dir=site
while [ $# -gt 0 ]; do
  case "$1" in --site-dir) dir="$2"; shift ;; esac
  shift
done
rm -rf "$dir" && mkdir -p "$dir" && echo "offline=${OFFLINE:-false}" > "$dir/index.html"
"""


def test_make_build_runs_the_checks_and_steps_around_the_engine_and_ships_the_zip(tmp_path: Path) -> None:
    """Runs the Makefile's real `build` recipe, with the real checks and post-build steps, and a
    stand-in for the engine (a few seconds)."""
    project = copy_project(tmp_path / "project")
    venv = project / "venv"
    (venv / "bin").mkdir(parents=True)
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        (project / name).write_bytes((ROOT / name).read_bytes())
        os.utime(project / name, (0, 0))  # older than the stamp: no install
    # A wrapper, not a link: a linked interpreter outside its venv would not see the venv's packages.
    (venv / "bin/python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    (venv / "bin/python").chmod(0o755)
    (venv / "bin/fake-engine").write_text(FAKE_ENGINE, encoding="utf-8")
    (venv / "bin/fake-engine").chmod(0o755)
    (venv / ".build-installed").touch()
    result = subprocess.run(["make", "--no-print-directory", "build", "VENV=venv", "ENGINE=fake-engine"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("-m acp.check") == 2 and result.stdout.count("-m acp.postbuild") == 2, "the checks and steps run around both builds"
    shipped = project / "site" / makefile_zip()
    assert shipped.is_file(), f"`make build` should leave site/{makefile_zip()}:\n{result.stdout}"
    assert (project / "site/index.html").read_text().strip() == "offline=false", "site/ should hold the online build"
    assert (project / "site/robots.txt").is_file() and (project / "site-offline/robots.txt").is_file(), "the post-build steps ran on both"
    with zipfile.ZipFile(shipped) as archive:
        assert archive.read("index.html").decode().strip() == "offline=true", "the zip should hold the offline build"
    # A mistake the check finds stops `make build` before any engine runs.
    page = project / "docs/safety.md"
    page.write_text(page.read_text(encoding="utf-8").replace("next_review:", "next_reviw:", 1), encoding="utf-8")
    broken = subprocess.run(["make", "--no-print-directory", "build", "VENV=venv", "ENGINE=fake-engine"], cwd=project, capture_output=True, text=True, check=False)
    assert broken.returncode != 0 and "docs/safety.md:" in broken.stderr, broken.stdout + broken.stderr
    assert "fake-engine" not in broken.stdout, "the engine ran after the check failed"


def test_a_fresh_machine_installs_the_test_tools_with_one_pip_run(tmp_path: Path) -> None:
    """`make test` on a fresh clone: the venv is made once and pip runs once, for both files
    (not the build's file first and then both again); `make serve` then installs nothing."""
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    plan = subprocess.run(["make", "--no-print-directory", "-n", ".venv/.test-installed"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    pip_runs = [line for line in plan.splitlines() if " install " in line]
    assert len(pip_runs) == 2 and "-r requirements.txt -r requirements-test.txt" in pip_runs[0], plan
    # The project's own package, from the folder: pip refuses it in --require-hashes mode, and
    # without build isolation the locked setuptools builds it, so nothing unhashed is fetched.
    assert pip_runs[1].endswith("install --no-deps --no-build-isolation --editable ."), plan
    assert plan.count("-m venv") == 1, plan
    assert ".venv/.build-installed" in plan.splitlines()[-1], f"the build's stamp should be set too:\n{plan}"


def test_the_site_links_to_the_published_zip_that_make_build_ships(site: Site) -> None:
    """A plain build holds no zip: its link leads to the published one, where `make build` puts it."""
    about = BeautifulSoup((site.root / "about/index.html").read_text(encoding="utf-8"), "lxml")
    links = [link["href"] for link in about.select("a[href$='.zip']")]
    assert links, "the about page offers the offline copy"
    site_url = site_config.load(ROOT / "mkdocs.yml")["site_url"]
    assert {urljoin(site_url, href) for href in links} == {site_url + makefile_zip()}, links
    assert all(urlsplit(href).netloc for href in links), "a relative link would lead to a file this build did not make"
    assert not (site.root / makefile_zip()).exists()
    assert postbuild.OFFLINE_ZIP == makefile_zip()


def test_links_to_the_zip_are_made_absolute_and_nothing_else() -> None:
    html = '<p><a href="../acupuncture-chronic-pain-offline.zip" download>Download</a> <a href="../other.zip">x</a></p>'
    assert postbuild.offline_link(html, "https://example.org/") == (
        '<p><a href="https://example.org/acupuncture-chronic-pain-offline.zip" download>Download</a> <a href="../other.zip">x</a></p>'
    )


# Licences -----------------------------------------------------------------------------------


def test_code_and_text_licences_are_stated(site: Site) -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n") and "Acupuncture & Chronic Pain contributors" in licence
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "MIT" in readme
    footer = BeautifulSoup((site.root / "index.html").read_text(encoding="utf-8"), "lxml").select_one(".md-copyright")
    link = footer.select_one('a[rel="license"]')
    assert link is not None and link["href"] == "https://creativecommons.org/licenses/by/4.0/" and link.get_text() == "CC BY 4.0"
