"""Find (and, with --install, install) the programs the browser tests and the benchmark
drive: a Chromium and a Java runtime (for the Nu Html Checker); launch Chromium headless.

Chromium is looked up in $CHROMIUM, then /usr/bin/chromium, then Playwright's own download.
When none exists and apt-get is available as root, Debian's `chromium` is installed.
Run as `python -m toolbox.browser [--install]` (or `python -m tests.tools`, the same).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Flags for a headless Chromium on a machine with no network but loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Nothing may leave the machine: every host but 127.0.0.1 fails to resolve.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
INSTALL_HINT = "run `python -m toolbox.browser --install` or set CHROMIUM to a Chromium binary"


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", shutil.which("chromium") or ""]
    candidates += sorted(glob.glob(str(Path.home() / ".cache/ms-playwright/chromium-*/chrome-linux*/chrome")), reverse=True)
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def find_java() -> str | None:
    return shutil.which("java")


@contextmanager
def chromium(*extra_args: str) -> Iterator[Any]:
    """A headless Chromium (Playwright Browser) for the length of the `with` block."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if not executable:
        raise RuntimeError(f"no Chromium found: {INSTALL_HINT}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[*CHROMIUM_ARGS, *extra_args], headless=True)
        try:
            yield browser
        finally:
            browser.close()


def apt_install(*packages: str) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"Missing {', '.join(packages)}: install it, or set CHROMIUM to a Chromium binary.")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env, stdout=subprocess.DEVNULL)


def main() -> None:
    if "--install" in sys.argv:
        missing = []
        if not find_chromium():
            missing.append("chromium")
        if not find_java():
            missing.append("default-jre-headless")
        if missing:
            apt_install(*missing)
    print(f"chromium: {find_chromium()}\njava: {find_java()}")


if __name__ == "__main__":
    main()
