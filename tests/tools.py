"""Find (and, with --install, install) the programs the browser and HTML tests drive:
a Chromium and a Java runtime for the Nu Html Checker.

Chromium is looked up in $CHROMIUM, then /usr/bin/chromium, then Playwright's own download.
When none exists and apt-get is available as root, Debian's `chromium` is installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent
VNU_JAR = TESTS / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = TESTS / "node_modules/axe-core/axe.min.js"
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


# Reading the theme's search results (tests/test_browser.py and bench/): for each result,
# the page's own link and the link with the best score, which the theme shows first with
# its text and which Enter opens.
SEARCH_RESULT_LINKS = """items => items.map(item => {
  const links = [...item.querySelectorAll('a.md-search-result__link')];
  const score = link => parseFloat(link.firstElementChild.getAttribute('data-md-score'));
  const best = links.reduce((top, link) => score(link) > score(top) ? link : top);
  return [links[0].getAttribute('href'), best.getAttribute('href')];
})"""


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", shutil.which("chromium") or ""]
    candidates += sorted(glob.glob(str(Path.home() / ".cache/ms-playwright/chromium-*/chrome-linux*/chrome")), reverse=True)
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def find_java() -> str | None:
    return shutil.which("java")


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
