"""Names that the templates and scripts spell the same way as the Python code, with no
import between them. Each is defined once, here; Python code imports it, and
tests/test_theme_contract.py checks that the template and loader use the same string, so a
rename on one side fails a test instead of silently switching a feature off."""

from __future__ import annotations

# overrides/main.html turns each of the theme's <script src=...> into an inert placeholder
# carrying this attribute; docs/assets/javascripts/loader.js loads it after the first paint.
# The tests and bench read it to know when the theme has started and which scripts a page loads.
AFTER_PAINT = "data-after-paint"

# acp/inline_css.py puts the theme's "no transitions while colours switch" rule in a
# <style media="not all"> with this attribute; docs/assets/javascripts/loader.js turns it on before the
# first switch.
PALETTE_SWITCHING = "data-palette-switching"

# page.meta keys that hooks/pages.py sets and overrides/main.html shows.
REVIEW_OVERDUE_TEXT = "review_overdue_text"  # set only when the page is past its review date
REVIEWED_TEXT = "reviewed_text"
NEXT_REVIEW_TEXT = "next_review_text"

# config.extra key that mkdocs.yml names (acp/clinical_review.py's wording) and
# overrides/main.html shows as the credit line of a page no clinician has checked.
CLINICAL_REVIEW_TEXT = "clinical_review_text"
# acp/extensions/citations.py wraps a page's source list in <details class=...> and adds a
# "print with sources" button with this attribute; docs/assets/javascripts/site.js opens the list
# when a link leads into it, and answers the button.
SOURCE_LIST_CLASS = "source-list"
PRINT_WITH_SOURCES = "data-print-with-sources"
# The class site.js puts on <html> while the page prints with its sources (extra.css reads it).
PRINTING_SOURCES = "print-sources"
