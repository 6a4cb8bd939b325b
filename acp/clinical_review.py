"""What the site says about clinical review, worded once, here.

Every page's credit line (overrides/main.html, through hooks/pages.py) and the site's
own statement on /about/ and /about/changes/ (the `[[clinical-review]]` marker,
acp/extensions/clinical_review.py) take their words from this module, so the statements
cannot drift apart. A page counts as checked by a clinician only when its front matter names
one (`clinical_reviewer`, see acp/schema.py); an editorial review or a fact-check is not one.
"""

from __future__ import annotations

from pathlib import Path

from acp import data

DOCS = "docs"
# The credit line of a page whose front matter names no clinician.
PAGE_NOT_CHECKED = "No registered clinician has checked this page yet."


def reviewed_pages(root: Path) -> list[str]:
    """The docs/ paths whose front matter names a clinical reviewer."""
    found = []
    for path in sorted((root / DOCS).rglob("*.md")):
        file = path.relative_to(root).as_posix()
        if data.front_matter(path.read_text(encoding="utf-8"), file).clinical_reviewer is not None:
            found.append(file)
    return found


def site_statement(reviewed: list[str]) -> str:
    """The site-wide statement, true for the pages as they stand."""
    if not reviewed:
        return (
            "No registered clinician, such as a doctor, nurse or physiotherapist, has checked any page on this site yet. "
            "Our own checks of sources and wording are not a clinician's check."
        )
    pages = "page" if len(reviewed) == 1 else "pages"
    return (
        f"A registered clinician has checked {len(reviewed)} {pages} on this site. "
        "Each such page names them at its foot, with the date. "
        "No registered clinician has checked the other pages yet."
    )
