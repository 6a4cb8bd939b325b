"""Front matter checks: every page's front matter is checked against the schema
(acp/schema.py, `FrontMatter`): title, description, review dates, optional search settings
and clinical reviewer; unknown keys, duplicate keys and impossible dates included.

MkDocs silently ignores YAML it cannot parse (the block then shows up as page text), so
this hook re-reads the source and fails the build naming the file and line. It runs on
every page before any is rendered, so the first message is about the first bad file.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from acp import clinical_review, data
from acp.shared_names import CLINICAL_REVIEW_TEXT
from acp.yaml_source import DataError


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in files.documentation_pages():
        try:
            data.front_matter(file.content_string, f"docs/{file.src_uri}")
        except DataError as error:
            raise PluginError(str(error)) from None
    # The credit line of a page that names no clinician (overrides/main.html): worded once,
    # in acp/clinical_review.py.
    config.extra[CLINICAL_REVIEW_TEXT] = clinical_review.PAGE_NOT_CHECKED
    return files
