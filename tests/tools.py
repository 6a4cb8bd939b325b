"""The test suite's own files (axe-core and the Nu Html Checker, installed by npm into
tests/node_modules). `python -m tests.tools --install` (used by the Makefile) finds or
installs Chromium and Java: it is toolbox.browser's command under its older name."""

from __future__ import annotations

from pathlib import Path

from toolbox.browser import main

TESTS = Path(__file__).parent
VNU_JAR = TESTS / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = TESTS / "node_modules/axe-core/axe.min.js"

if __name__ == "__main__":
    main()
