"""The test suite's own files: axe-core and the Nu Html Checker, installed by npm into
tests/node_modules (`make tests/node_modules/.installed`). Chromium and Java are found or
installed by `python -m toolbox.browser --install`."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent
VNU_JAR = TESTS / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = TESTS / "node_modules/axe-core/axe.min.js"
