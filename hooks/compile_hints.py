"""Ask the browser to compile the theme's script bundle as it downloads.

Every function in Material's bundle runs while the page starts up, but a JavaScript engine
compiles most functions only when first called, on the main thread, where that work delays
the reader's first tap or scroll. The comment `//# allFunctionsCalledOnLoad` at the top of
a file tells V8 (Chrome 136 and later, and other Chromium browsers) to compile the whole
file on a background thread while it streams in; other browsers read it as a comment.

The theme's own file is left as the theme wrote it: the comment is added to the copy in
the built site, and the source map is moved down one line to match.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

HINT = "//# allFunctionsCalledOnLoad\n"
BUNDLES = "assets/javascripts/bundle.*.min.js"


def on_post_build(config: MkDocsConfig) -> None:
    for bundle in Path(config.site_dir).glob(BUNDLES):
        script = bundle.read_text(encoding="utf-8")
        if script.startswith(HINT):
            continue
        bundle.write_text(HINT + script, encoding="utf-8")
        source_map = bundle.with_name(bundle.name + ".map")
        if source_map.is_file():
            data = json.loads(source_map.read_text(encoding="utf-8"))
            data["mappings"] = ";" + data["mappings"]  # an empty first line: the hint
            source_map.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
