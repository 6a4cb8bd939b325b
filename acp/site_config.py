"""mkdocs.yml as plain data, for the steps that run outside an engine (acp.check,
acp.postbuild, the benchmark's stock build). Tagged values (`!ENV [NAME, default]`) are read
as their default, as an engine reads them when the variable is unset."""

from __future__ import annotations

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


_Tagged.add_multi_constructor("!", _tagged)


def load(config: Path) -> dict[str, Any]:
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_Tagged)


def theme_features(settings: dict[str, Any]) -> list[str]:
    return list((settings.get("theme") or {}).get("features") or [])


def delivery(settings: dict[str, Any]) -> bool:
    """mkdocs.yml `extra.delivery`: the site's own delivery work on (the default) or off."""
    return bool((settings.get("extra") or {}).get("delivery", True))
