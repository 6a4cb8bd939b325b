"""Inline the stylesheets into each page, keeping only the rules that page can use.

On a slow phone connection, each render-blocking stylesheet costs a round trip before
the first words appear. Inlining lets a page paint as soon as its HTML arrives. The
theme's stylesheet also styles features this site does not use (code blocks, blog,
tags, versions, many admonition types), so each page keeps only:

- rules whose classes all occur in that page's HTML or are added by the site's scripts
  (search results, tooltips, the header shadow: found in the script files themselves);
- custom properties (`--name`) that some kept rule reads;
- colour-scheme rules for the schemes and colours the palette toggle can switch to.

Class names inside `:not()`, `:is()` and other brackets never remove a rule (`:not(.x)`
matches without `.x`).

The theme's rule that stops transitions while the colours switch (`[data-md-color-switching] *`)
goes into a second style element that stays off (`media="not all"`) until the reader first
switches colours (overrides/main.html turns it on). The theme sets and clears that attribute
on every page load; while the rule is on, each restyles the whole page (in traces, 10 to 25 %
of the main-thread work after the first paint).

tests/test_browser.py checks that pages look the same, computed style for computed style,
with and without this subsetting. The stylesheet files stay in the site unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

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


@dataclass(frozen=True)
class Selector:
    text: str
    classes: tuple[str, ...]  # outside :not(), :is() and other brackets
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


def on_post_build(config: MkDocsConfig) -> None:
    if "navigation.instant" in config.theme.get("features", []):
        # Instant navigation swaps page bodies without reloading styles: one page's
        # subset would then be applied to another page.
        raise PluginError("hooks/inline_css.py: per-page stylesheets cannot work with navigation.instant")
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    script_classes = classes_in_scripts(path.read_text(encoding="utf-8") for path in site.rglob("*.js"))
    colours: dict[str, set[str]] = {}
    for page in pages:
        for name, value in COLOUR_ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            colours.setdefault(name, set()).add(value)
    stylesheet = cache(parse)

    for page in pages:
        html = page.read_text(encoding="utf-8")
        on_page = {name for value in CLASS_ATTRIBUTE.findall(html) for name in value.split()}
        known = Known(script_classes.names | on_page, script_classes.prefixes)
        sheets: dict[str, list[Item]] = {}
        switching: list[Item] = []
        for link in STYLESHEET.finditer(html):
            target = (page.parent / link["href"]).resolve()
            if page.name == "404.html" and link["href"].startswith("/"):
                target = (site / link["href"].lstrip("/")).resolve()
            if target.is_file() and site.resolve() in target.parents:
                sheets[link[0]] = list(used_rules(stylesheet(target), known, colours, switching))
        texts = without_unread_properties(sheets, set(VARIABLE_USE.findall(html)))
        held_back = "".join(serialize(item, None) for item in switching)
        last_link = max(texts, key=html.index, default=None)

        # This iteration's values, bound now (ruff B023); STYLESHEET.sub calls it at once anyway.
        def inline(
            link: re.Match[str], texts: dict[str, str] = texts, last_link: str | None = last_link, held_back: str = held_back
        ) -> str:
            text = texts.get(link[0], "")
            # "</style" cannot occur in these files; guard anyway so a page can never break.
            if not text or "</style" in text.lower():
                return link[0]
            if link[0] == last_link and held_back:
                return f'<style>{text}</style><style media="not all" data-palette-switching>{held_back}</style>'
            return f"<style>{text}</style>"

        page.write_text(STYLESHEET.sub(inline, html), encoding="utf-8")


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
    return Selector(text, tuple(SELECTOR_CLASS.findall(outside_brackets)), tuple(SELECTOR_COLOUR.findall(text)))


def declaration(node: tinycss2.ast.Node) -> tuple[str | None, str]:
    if node.type != "declaration":
        return None, tinycss2.serialize([node])
    important = "!important" if node.important else ""
    custom = node.name if node.name.startswith("--") else None
    return custom, f"{node.name}:{tinycss2.serialize(node.value).strip()}{important}"


def used_rules(stylesheet: Iterable[Item], known: Known, colours: dict[str, set[str]], switching: list[Item]) -> Iterator[Item]:
    """The rules with at least one selector that can match on the page, trimmed to those.
    Rules that apply only while the colours switch go to `switching` instead."""
    for item in stylesheet:
        if isinstance(item, Rule) and all(s.text.startswith(PALETTE_SWITCHING) for s in item.selectors):
            switching.append(item)
        elif isinstance(item, Rule):
            matching = tuple(
                s for s in item.selectors
                if all(name in known for name in s.classes) and all(value in colours.get(name, ()) for name, value in s.colours)
            )
            if matching:
                yield Rule(matching, item.declarations)
        elif isinstance(item, Group):
            held_back: list[Item] = []
            if children := tuple(used_rules(item.children, known, colours, held_back)):
                yield Group(item.head, children)
            if held_back:
                switching.append(Group(item.head, tuple(held_back)))
        else:
            yield item


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
