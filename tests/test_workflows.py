"""Workflows: actionlint finds no problem in .github/workflows/, and zizmor (run offline)
finds no security problem of medium or high severity in .github/ (workflows and Dependabot)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is missing: it is installed from requirements-test.txt"
    return found


def test_workflows_pass_actionlint() -> None:
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert len(workflows) >= 3, workflows
    result = subprocess.run([tool("actionlint"), "-no-color", *map(str, workflows)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor() -> None:
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--min-severity", "medium", "--format", "plain", ".github"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "completed .github/dependabot.yml" in result.stderr, "zizmor should audit the Dependabot file too"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make serve" in readme
    assert (ROOT / ".ci/run").read_text().strip().endswith("make test")
    test_workflow = (ROOT / ".github/workflows/test.yml").read_text(encoding="utf-8")
    assert "make test" in test_workflow
