"""python -m bench.suite [GROUP ...]: where the test suite's time goes. Each group of tests
runs alone (pytest -n 0, one group after the other) and the table gives its wall time and
the CPU time of every process it started: pytest, the builds, the browsers, the Nu checker.
Each group pays pytest's start and, if its tests read the built site, one build: the first
row. Without GROUP, a last row runs the whole suite as `make test` does (two workers).

The suite is CPU-bound: on two cores, `make test` can take no less than its CPU time over
two. Chromium's processes are not children that report their time to pytest, so CPU is read
from a cgroup that holds just the run (Linux, as root, cgroup v1 `cpuacct` or v2); where
none can be made, from the whole machine's counters, which also count any other work on the
machine (the table says which)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from bench.builds import ROOT

# Each group: a pytest -k expression. "everything else" is what none of them selects.
GROUPS = {
    "pytest start and the site build": "test_strict_build_has_no_warnings",
    "axe visits": "test_page_is_accessible_and_self_contained",
    "style comparisons": "whole_stylesheets",
    "Tab walks": "test_every_tab_stop_is_on_screen_and_visible",
    "fault builds": "test_bad_input_fails_the_build_with_a_clear_message",
    "search queries": "test_search_finds_the_expected_page",
    "section links": "test_section_link_scrolls_heading_into_view",
}
REST = "everything else"
WHOLE = "the whole suite, as make test"
CGROUP_ROOTS = (Path("/sys/fs/cgroup/cpuacct"), Path("/sys/fs/cgroup"))


def cpu_meter() -> tuple[str, Callable[[], None], Callable[[], float], Callable[[], None]]:
    """What is counted, a function the child runs to be counted, the CPU seconds so far, and
    one that removes the cgroup once the runs are over."""
    name = f"acp-suite-{uuid.uuid4().hex[:8]}"
    for root in CGROUP_ROOTS:
        v1 = (root / "cpuacct.usage").exists()
        v2 = (root / "cgroup.controllers").exists()
        if not (v1 or v2):
            continue
        group = root / name
        try:
            group.mkdir()
        except OSError:
            continue

        def join(group: Path = group) -> None:
            (group / "cgroup.procs").write_text(str(os.getpid()))

        def used(group: Path = group, v1: bool = v1) -> float:
            if v1:
                return int((group / "cpuacct.usage").read_text()) / 1e9
            usage = next(line for line in (group / "cpu.stat").read_text().splitlines() if line.startswith("usage_usec"))
            return int(usage.split()[1]) / 1e6

        return "the run's own processes (a cgroup)", join, used, group.rmdir

    tick = os.sysconf("SC_CLK_TCK")

    def machine() -> float:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        return (sum(fields) - fields[3] - fields[4]) / tick  # all but idle and iowait

    return "the whole machine (no cgroup could be made: other work counts too)", lambda: None, machine, lambda: None


def run(selection: list[str], join: Callable[[], None], used: Callable[[], float]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and pytest's last line for one run of pytest."""
    command = [sys.executable, "-m", "pytest", "-q", *selection]
    cpu, start = used(), time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, preexec_fn=join,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    wall = time.perf_counter() - start
    lines = result.stdout.strip().splitlines()
    return wall, used() - cpu, lines[-1] if lines else result.stderr.strip()[-200:]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite", description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=f"any of: {', '.join([*GROUPS, REST])} (default: all)")
    asked = parser.parse_args().groups
    chosen = asked or [*GROUPS, REST]
    if unknown := [group for group in chosen if group not in [*GROUPS, REST]]:
        parser.error(f"no group {unknown[0]!r}")
    counted, join, used, close = cpu_meter()
    print(f"CPU time of {counted}; {os.cpu_count()} cores\n\n| group | wall s | CPU s | pytest |\n|---|---:|---:|---|")
    runs = {group: ["-n", "0", "-k", GROUPS.get(group) or "not (" + " or ".join(GROUPS.values()) + ")"] for group in chosen}
    if not asked:
        runs[WHOLE] = []  # pyproject.toml's own options: two workers
    figures: dict[str, tuple[float, float]] = {}
    try:
        for group, selection in runs.items():
            wall, cpu, outcome = run(selection, join, used)
            figures[group] = wall, cpu
            print(f"| {group} | {wall:.1f} | {cpu:.1f} | {outcome} |", flush=True)
    finally:
        close()
    if WHOLE in figures:
        wall, cpu = figures[WHOLE]
        print(f"\nThe whole suite used {cpu / wall:.2f} cores on average; on 2 cores it takes at least {cpu / 2:.0f} s before installs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
