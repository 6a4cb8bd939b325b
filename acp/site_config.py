"""mkdocs.yml as plain data, for the steps that run outside an engine (acp.check,
acp.postbuild, the benchmark's stock build). Tagged values (`!ENV [NAME, default]`) are read
as their default, as an engine reads them when the variable is unset; `!!python/name:` as the
object it names."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"


class _Tagged(yaml.SafeLoader):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if suffix == "ENV" and values else None
    return None


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """`!!python/name:module.NAME`, as MkDocs and Zensical read it: the object itself."""
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


_Tagged.add_multi_constructor("!", _tagged)
_Tagged.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def load(config: Path) -> dict[str, Any]:
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_Tagged)


def theme_features(settings: dict[str, Any]) -> list[str]:
    return list((settings.get("theme") or {}).get("features") or [])


# The parts of the site's delivery work: first-screen styles inline with one trimmed shared
# stylesheet, compact HTML (acp/postbuild.py), the theme's scripts after the first paint with
# the search index held until a search (overrides/main.html).
DELIVERY_PARTS = ("styles", "html", "scripts")


def delivery(settings: dict[str, Any]) -> frozenset[str]:
    """mkdocs.yml `extra.delivery`: true (the default) for every part, false for none, or a list of parts."""
    value = (settings.get("extra") or {}).get("delivery", True)
    if value is True or value is False:
        return frozenset(DELIVERY_PARTS if value else ())
    unknown = set(value) - set(DELIVERY_PARTS)
    if unknown:
        raise ValueError(f"mkdocs.yml: extra.delivery: unknown part(s) {sorted(unknown)}; true, false or a list of {', '.join(DELIVERY_PARTS)}")
    return frozenset(value)
