"""Find (and, with --install, install) the programs the browser tests and the benchmark
drive: a Chromium and a Java runtime (for the Nu Html Checker); launch Chromium headless.

Chromium is looked up in $CHROMIUM, then /usr/bin/chromium, then Playwright's own download.
When none exists and apt-get is available as root, Debian's `chromium` is installed.
The tests prefer Chromium's headless shell (the same engine without the browser around it;
Debian's `chromium-headless-shell`, also installed then, or Playwright's own): it takes about
half the CPU time per key press and a fifth less per page checked with axe. The benchmark
measures the full browser. Without a shell, the tests use the full browser too.
Run as `python -m toolbox.browser [--install]`.
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


def find_headless_shell() -> str | None:
    candidates = ["/usr/bin/chromium-headless-shell", shutil.which("chromium-headless-shell") or ""]
    candidates += sorted(glob.glob(str(Path.home() / ".cache/ms-playwright/chromium_headless_shell-*/chrome-linux*/headless_shell")), reverse=True)
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def find_java() -> str | None:
    return shutil.which("java")


@contextmanager
def chromium(*extra_args: str, shell: bool = False) -> Iterator[Any]:
    """A headless Chromium (Playwright Browser) for the length of the `with` block; with
    `shell`, the headless shell if there is one and $CHROMIUM does not name a browser."""
    from playwright.sync_api import sync_playwright

    executable = (shell and not os.environ.get("CHROMIUM") and find_headless_shell()) or find_chromium()
    if not executable:
        raise RuntimeError(f"no Chromium found: {INSTALL_HINT}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[*CHROMIUM_ARGS, *extra_args], headless=True)
        try:
            yield browser
        finally:
            browser.close()


def can_apt_install() -> bool:
    return os.geteuid() == 0 and bool(shutil.which("apt-get"))


def apt_install(*packages: str, required: bool = True) -> None:
    """Install Debian packages; a package that is not `required` may fail to install."""
    if not can_apt_install():
        sys.exit(f"Missing {', '.join(packages)}: install it, or set CHROMIUM to a Chromium binary.")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=required, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=required, env=env, stdout=subprocess.DEVNULL)


def main() -> None:
    if "--install" in sys.argv:
        missing = []
        if not find_chromium():
            missing.append("chromium")
        if not find_java():
            missing.append("default-jre-headless")
        if missing:
            apt_install(*missing)
        if not find_headless_shell() and can_apt_install():  # a saving, not a need: never stops the tests
            apt_install("chromium-headless-shell", required=False)
    print(f"chromium: {find_chromium()}\nheadless shell (tests): {find_headless_shell()}\njava: {find_java()}")


if __name__ == "__main__":
    main()
