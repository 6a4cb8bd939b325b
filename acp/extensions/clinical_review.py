"""`[[clinical-review]]`: the site's statement about clinical review (acp/clinical_review.py),
worded in one place and true for the pages as they stand (it reads every page's front matter).

Enable as `acp.extensions.clinical_review` under `markdown_extensions`, before the citations.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from acp import clinical_review
from acp.extensions.markers import replace_outside_code

MARKER = "[[clinical-review]]"
PRIORITY = 29  # after pymdownx.snippets (32), so a snippet may hold the marker; before the evidence (28)


class ClinicalReview(Preprocessor):
    """[[clinical-review]] -> the site's statement about clinical review, true for the pages as they stand."""

    def __init__(self, md: Markdown, root: Path) -> None:
        super().__init__(md)
        self.root = root

    def run(self, lines: list[str]) -> list[str]:
        if not any(MARKER in line for line in lines):
            return lines
        statement = lambda: clinical_review.site_statement(clinical_review.reviewed_pages(self.root))
        return replace_outside_code("\n".join(lines), MARKER, statement).split("\n")


class ClinicalReviewExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"root": [".", "The project folder, where docs/ is (default: the folder the build runs in)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(ClinicalReview(md, Path(self.getConfig("root"))), "acp_clinical_review", PRIORITY)


def makeExtension(**kwargs: object) -> ClinicalReviewExtension:  # noqa: N802
    return ClinicalReviewExtension(**kwargs)
