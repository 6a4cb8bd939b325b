"""Style each page from one shared, trimmed stylesheet, with what its first screen needs inline.

On a slow phone connection, each render-blocking stylesheet costs a round trip before the
first words appear, and readers read several pages in a row. So the build writes:

- one stylesheet for the whole site (`assets/stylesheets/site.<hash>.css`), cached across
  pages: the theme's stylesheets and the site's own, in their order, keeping only the rules
  some page can use. It loads without holding up the first paint (`media="print"`, switched
  to all media once loaded; a `<noscript>` link for readers without JavaScript);
- in each page, inline, the rules its first screen can use: those whose classes and element
  names all occur in the page's header, sidebars and the start of its text (FIRST_SCREEN_CHARS
  of markup). The page paints from these at once; the shared file, a superset placed after
  them, then decides the cascade exactly as it would alone.

A rule can be used when its classes all occur in a page's HTML or are added by the site's
scripts (search results, tooltips, the header shadow: found in the script files themselves);
custom properties (`--name`) stay while some kept rule reads them; colour-scheme rules stay
for the schemes and colours the palette toggle can switch to. Class names inside `:not()`,
`:is()` and other brackets never remove a rule (`:not(.x)` matches without `.x`).

The theme's rule that stops transitions while the colours switch (`[data-md-color-switching] *`)
goes into a style element of its own that stays off (`media="not all"`) until the reader first
switches colours (assets/javascripts/loader.js turns it on). The theme sets and clears that attribute
on every page load; while the rule is on, each restyles the whole page (in traces, 10 to 25 %
of the main-thread work after the first paint).

tests/test_browser.py checks that pages look the same, computed style for computed style,
as with the theme's whole stylesheets. The theme's stylesheet files stay in the site unchanged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tinycss2

from acp import shared_names

STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+\.css)">')
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
COLOUR_ATTRIBUTE = re.compile(r'(data-md-color-(?:scheme|primary|accent))="([^"]*)"')
# In selectors: a class, and an attribute test on a palette colour.
SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
SELECTOR_COLOUR = re.compile(r"\[(data-md-color-(?:scheme|primary|accent))=[\"']?([\w-]+)[\"']?\]")
# In scripts: class names the theme's and the site's scripts put on elements.
SCRIPT_CLASS = re.compile(r"(?<![\w.-])((?:md|tabbed)-[\w-]+)")
SCRIPT_CLASS_LIST = re.compile(r'(?:class:|className=|classList\.\w+\()\s*(["`\'])(.*?)\1')
VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
NESTING_AT_RULES = {"media", "supports", "layer", "container"}
PALETTE_SWITCHING = "[data-md-color-switching]"  # selectors starting so apply only while colours switch
SHARED_STYLESHEET = "assets/stylesheets/site.{hash}.css"
SHARED_STYLESHEET_NAME = re.compile(re.escape(SHARED_STYLESHEET).replace(re.escape("{hash}"), "[0-9a-f]{8}"))
# Where a page's text starts (Material's content area), and how much of it counts as the
# first screen: more than a 375 x 740 phone or a 1280 x 800 desktop shows of any page.
ARTICLE = '<article class="md-content__inner'
FIRST_SCREEN_CHARS = 6000
# Left out of the inline rules, as the first paint cannot use them: print styles, and what
# shows only once a reader acts (search results, tooltips, the back-to-top button, the
# "copied" note), by which time the shared stylesheet has loaded. About 0.8 KB gzip a page.
PRINT_MEDIA = re.compile(r"@media\s+print\b", re.IGNORECASE)
SHOWN_AFTER_ACTING = ("md-search-result", "md-tooltip", "md-top", "md-dialog")
# Element names in markup, and type selectors in a selector (outside brackets).
TAG = re.compile(r"<([A-Za-z][\w-]*)")
SELECTOR_TAG = re.compile(r"(?:^|[\s>+~])([A-Za-z][\w-]*)")


@dataclass(frozen=True)
class Selector:
    text: str
    classes: tuple[str, ...]  # outside :not(), :is() and other brackets
    tags: tuple[str, ...]  # element names, likewise
    colours: tuple[tuple[str, str], ...]  # palette attribute tests: (attribute, value)


@dataclass(frozen=True)
class Rule:
    selectors: tuple[Selector, ...]
    declarations: tuple[tuple[str | None, str], ...]  # (custom property name or None, "name:value")


@dataclass(frozen=True)
class Group:
    """An at-rule holding rules (@media, @supports)."""

    head: str
    children: tuple[Rule | Group | str, ...]


Item = Rule | Group | str  # str: an at-rule kept as it is (@font-face, @keyframes, @page)


@dataclass
class Known:
    """Class names a page can have: whole names, and prefixes that scripts complete
    at run time (`tabbed-control--${direction}`)."""

    names: set[str]
    prefixes: tuple[str, ...] = ()

    def __contains__(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


def inline(site: Path, pages: dict[Path, str]) -> None:
    """Rewrite `pages` (file -> HTML, every page of the built `site`) in place, and write the
    shared stylesheet. A page already styled from a shared stylesheet is left as it is, so the
    step can run twice (as the MkDocs hook and as `python -m acp.postbuild`)."""
    script_classes = classes_in_scripts(path.read_text(encoding="utf-8") for path in site.rglob("*.js"))
    colours: dict[str, set[str]] = {}
    for html in pages.values():
        for name, value in COLOUR_ATTRIBUTE.findall(html):
            colours.setdefault(name, set()).add(value)
    stylesheet = cache(parse)
    linked = {page: list(linked_stylesheets(site, page, html)) for page, html in pages.items()}
    targets = list(dict.fromkeys(target for links in linked.values() for _, target in links))
    if not targets:
        return

    on_any_page = {name for html in pages.values() for value in CLASS_ATTRIBUTE.findall(html) for name in value.split()}
    everywhere = Known(script_classes.names | on_any_page, script_classes.prefixes)
    switching: list[Item] = []
    shared_rules = {target: list(used_rules(stylesheet(target), everywhere, colours, switching)) for target in targets}
    read_anywhere = set(VARIABLE_USE.findall("".join(pages.values())))
    shared_text = "".join(without_unread_properties(shared_rules, read_anywhere).values())
    shared = site / SHARED_STYLESHEET.format(hash=hashlib.sha256(shared_text.encode()).hexdigest()[:8])
    shared.write_text(shared_text, encoding="utf-8")
    held_back = "".join(dict.fromkeys(serialize(item, None) for item in switching))

    for page, html in pages.items():
        links = linked[page]
        if not links:
            continue
        screen = first_screen(html)
        known = Known({name for value in CLASS_ATTRIBUTE.findall(screen) for name in value.split()})
        tags = {tag.lower() for tag in TAG.findall(screen)}
        critical_rules = {target: list(used_rules(stylesheet(target), known, colours, [], tags)) for target in dict.fromkeys(t for _, t in links)}
        critical = "".join(without_unread_properties(critical_rules, set(VARIABLE_USE.findall(html))).values())
        first_link, first_target = links[0]
        prefix = first_link["href"][: -len(first_target.relative_to(site).as_posix())]
        href = prefix + shared.relative_to(site).as_posix()
        if "</style" in critical.lower():
            continue  # cannot occur in these files; guard anyway so a page can never break
        replacement = (
            f"<style>{critical}</style>"
            f'<link rel="stylesheet" href="{href}" media="print" onload="this.media=\'all\'">'
            f'<noscript><link rel="stylesheet" href="{href}"></noscript>'
            + (f'<style media="not all" {shared_names.PALETTE_SWITCHING}>{held_back}</style>' if held_back else "")
        )
        for link, _ in reversed(links):  # from the end, so earlier offsets stay valid
            html = html[: link.start()] + (replacement if link is first_link else "") + html[link.end():]
        pages[page] = html


def linked_stylesheets(site: Path, page: Path, html: str) -> Iterator[tuple[re.Match[str], Path]]:
    """The page's links to stylesheets in the built site, with the files they name."""
    for link in STYLESHEET.finditer(html):
        target = (page.parent / link["href"]).resolve()
        if page.name == "404.html" and link["href"].startswith("/"):
            target = (site / link["href"].lstrip("/")).resolve()
        if target.is_file() and site in target.parents and not SHARED_STYLESHEET_NAME.fullmatch(target.relative_to(site).as_posix()):
            yield link, target


def first_screen(html: str) -> str:
    """The markup a reader can see before scrolling, generously: everything before the
    page's text (head, header, sidebars) and the text's first FIRST_SCREEN_CHARS."""
    start = html.find(ARTICLE)
    return html if start < 0 else html[: start + FIRST_SCREEN_CHARS]


def classes_in_scripts(scripts: Iterable[str]) -> Known:
    """Class names that scripts may add to the page at run time."""
    names: set[str] = set()
    for text in scripts:
        names.update(SCRIPT_CLASS.findall(text))
        for _, listed in SCRIPT_CLASS_LIST.findall(text):
            names.update(re.findall(r"-?[A-Za-z_][\w-]*", listed))
    return Known({name for name in names if not name.endswith("-")}, tuple(sorted(name for name in names if name.endswith("-"))))


def parse(path: Path) -> tuple[Item, ...]:
    """A stylesheet, parsed once for all pages."""
    return tuple(items(tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)))


def items(nodes: Iterable[tinycss2.ast.Node]) -> Iterator[Item]:
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = tuple(selector(text.strip()) for text in split_top_level(tinycss2.serialize(node.prelude)))
            declarations = tinycss2.parse_blocks_contents(node.content, skip_whitespace=True, skip_comments=True)
            yield Rule(selectors, tuple(declaration(item) for item in declarations))
        elif node.type == "at-rule" and node.lower_at_keyword in NESTING_AT_RULES and node.content is not None:
            inner = tinycss2.parse_blocks_contents(node.content, skip_whitespace=True, skip_comments=True)
            yield Group(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}", tuple(items(inner)))
        elif node.type != "error":
            yield tinycss2.serialize([node])


def selector(text: str) -> Selector:
    outside_brackets = "".join(split_top_level(text, keep_nested=False))
    return Selector(text, tuple(SELECTOR_CLASS.findall(outside_brackets)),
                    tuple(tag.lower() for tag in SELECTOR_TAG.findall(outside_brackets)), tuple(SELECTOR_COLOUR.findall(text)))


def declaration(node: tinycss2.ast.Node) -> tuple[str | None, str]:
    if node.type != "declaration":
        return None, tinycss2.serialize([node])
    important = "!important" if node.important else ""
    custom = node.name if node.name.startswith("--") else None
    return custom, f"{node.name}:{tinycss2.serialize(node.value).strip()}{important}"


def used_rules(stylesheet: Iterable[Item], known: Known, colours: dict[str, set[str]], switching: list[Item],
               tags: set[str] | None = None) -> Iterator[Item]:
    """The rules with at least one selector that can match, trimmed to those: its classes
    are known and, when `tags` is given (a first screen's rules), its element names are
    among them, and neither print styles nor SHOWN_AFTER_ACTING are kept (nor other
    at-rules, @keyframes, @font-face). Rules that apply only while the colours switch go
    to `switching` instead."""
    for item in stylesheet:
        if isinstance(item, Rule) and all(s.text.startswith(PALETTE_SWITCHING) for s in item.selectors):
            switching.append(item)
        elif isinstance(item, Rule):
            matching = tuple(
                s for s in item.selectors
                if all(name in known for name in s.classes) and all(value in colours.get(name, ()) for name, value in s.colours)
                and (tags is None or (all(tag in tags for tag in s.tags) and not shown_after_acting(s)))
            )
            if matching:
                yield Rule(matching, item.declarations)
        elif isinstance(item, Group):
            if tags is not None and PRINT_MEDIA.match(item.head):
                continue
            held_back: list[Item] = []
            if children := tuple(used_rules(item.children, known, colours, held_back, tags)):
                yield Group(item.head, children)
            if held_back:
                switching.append(Group(item.head, tuple(held_back)))
        elif tags is None:
            yield item


def shown_after_acting(selector: Selector) -> bool:
    """Whether the selector names an element that only shows once a reader acts."""
    return any(name.startswith(SHOWN_AFTER_ACTING) for name in selector.classes)


def without_unread_properties(sheets: dict[str, list[Item]], read_by_page: set[str]) -> dict[str, str]:
    """Each stylesheet as text, without the custom properties that neither a kept rule
    (in any of the page's stylesheets) nor the page itself reads."""
    read: set[str] | None = None  # first pass: every custom property
    texts: dict[str, str] = {}
    # A custom property is kept while a kept declaration reads it; repeat, as one may read another.
    while (trimmed := {key: "".join(serialize(item, read) for item in items) for key, items in sheets.items()}) != texts:
        texts = trimmed
        read = read_by_page | set(VARIABLE_USE.findall("".join(texts.values())))
    return texts


def serialize(item: Item, read: set[str] | None) -> str:
    """CSS text; custom properties not in `read` are left out (all kept when it is None)."""
    if isinstance(item, str):
        return item
    if isinstance(item, Group):
        inner = "".join(serialize(child, read) for child in item.children)
        return f"{item.head}{{{inner}}}" if inner else ""
    body = ";".join(text for custom, text in item.declarations if read is None or custom is None or custom in read)
    return f"{','.join(s.text for s in item.selectors)}{{{body}}}" if body else ""


def split_top_level(text: str, keep_nested: bool = True) -> list[str]:
    """Split a selector list at its top-level commas; or, with keep_nested=False,
    return the selector's text with everything inside (), [] left out."""
    parts, current, depth = [], [], 0
    for char in text:
        if char in "([":
            depth += 1
        if keep_nested and char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        elif keep_nested or depth == 0:
            current.append(char)
        if char in ")]":
            depth -= 1
    return [*parts, "".join(current)]
