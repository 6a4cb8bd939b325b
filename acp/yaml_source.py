"""YAML with positions: parse a data file or a front matter block, keep the line of every key
and list item, and refuse what PyYAML would let through silently (a key written twice, where
the last one wins) or report with a traceback (a date that does not exist, a tab), and what
could hang the build: an alias (`*name`, `<<: *name`), which repeats another part of the file
(nested, a few lines of them expand to billions of values: "billion laughs"). No data file
needs one; each value is written out where it is used.

Errors are `DataError`s whose text is `file:line: what is wrong`, ready for the build log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]  # where a value sits: ("mu2020", "authors", 0)

TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"


class DataError(Exception):
    """A mistake in a data file or front matter, located for the person who made it."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")
        self.file, self.line, self.message = file, line, message


@dataclass
class Located:
    """Parsed YAML plus the 1-based line of every key (and list item) in it."""

    data: Any
    file: str
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest enclosing key when it is missing."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def error(self, path: Path, message: str) -> DataError:
        return DataError(self.file, self.line_of(path), message)


# libyaml parses about ten times faster than PyYAML's own parser, which took about a sixth of a
# build's time; where PyYAML was installed without it, its own parser does the same work.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str, file: str, first_line: int = 1) -> Located:
    """Parse `text` (which starts on `first_line` of `file`), or raise DataError."""
    try:
        return _load(text, file, first_line, FAST_LOADER)
    except (DataError, yaml.YAMLError):
        if FAST_LOADER is yaml.SafeLoader:
            raise
    # Said again by PyYAML's own parser, whose messages name the problem (libyaml's do not
    # name a tab, for one); a file with a mistake is rare, so the slower parse costs little.
    return _load(text, file, first_line, yaml.SafeLoader)


def _load(text: str, file: str, first_line: int, loader_class: type[yaml.SafeLoader]) -> Located:
    offset = first_line  # PyYAML counts lines from 0
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError(file, first_line, "is empty: expected a mapping of keys to values")
        located = Located(None, file)
        _walk(loader, node, (), located, offset, set())
        located.data = loader.construct_document(node)
        return located
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if "\t" in problem or "'\\t'" in problem:
            problem += " (use spaces, not tabs, to indent)"
        raise DataError(file, mark.line + offset if mark else first_line, f"not valid YAML: {problem}") from None
    finally:
        loader.dispose()


def _walk(loader: yaml.SafeLoader, node: yaml.Node, path: Path, located: Located, offset: int, visited: set[int]) -> None:
    line = node.start_mark.line + offset
    if id(node) in visited:  # the composer hands an alias over as the very node it names
        raise DataError(
            located.file,
            located.line_of(path),
            f"a YAML alias (*name) repeats the value from line {line}; "
            "write the value out in full (aliases are refused: nested, they can expand to billions of values)",
        )
    visited.add(id(node))
    located.lines.setdefault(path, line)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                raise DataError(located.file, key_node.start_mark.line + offset, "a YAML merge key (<<) copies another mapping; write its fields out in full")
            key = loader.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + offset
            if key in seen:
                raise DataError(
                    located.file,
                    key_line,
                    f"'{key}' is written twice (first on line {seen[key]}); YAML would silently keep only the last one",
                )
            seen[key] = key_line
            located.lines[path + (key,)] = key_line
            _walk(loader, value_node, path + (key,), located, offset, visited)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(loader, item, path + (index,), located, offset, visited)
    elif isinstance(node, yaml.ScalarNode) and node.tag == TIMESTAMP:
        try:
            loader.construct_yaml_timestamp(node)
        except ValueError as error:
            raise DataError(located.file, line, f"'{node.value}' is not a real date ({error})") from None
