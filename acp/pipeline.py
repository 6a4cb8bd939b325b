"""The order in which every page's Markdown is processed, read from the real converter:

    python -m acp.pipeline

prints the table in README ("The content pipeline"), built from mkdocs.yml's
`markdown_extensions` as any engine that runs Python-Markdown builds it; a test fails when the
two differ. Python-Markdown runs preprocessors on the text (highest priority first), parses
blocks, runs treeprocessors on the element tree (its inline patterns are the `inline` one),
then postprocessors on the HTML. Processors with the same priority run in the order their
extensions are listed, so none of the site's own shares a priority with another in its stage.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown

from acp import site_config

STAGES = {"preprocessors": "text", "treeprocessors": "element tree", "postprocessors": "HTML"}
OWN = "acp."


@dataclass(frozen=True)
class Step:
    stage: str
    priority: float
    name: str
    module: str
    does: str  # the site's own processors: the first paragraph of the class docstring

    @property
    def own(self) -> bool:
        return self.module.startswith(OWN)


def extensions(settings: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """mkdocs.yml's `markdown_extensions` as Python-Markdown takes them."""
    names, configs = [], {}
    for entry in settings.get("markdown_extensions") or []:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if config:
            configs[name] = config
    return names, configs


def converter(config: Path) -> markdown.Markdown:
    names, configs = extensions(site_config.load(config))
    return markdown.Markdown(extensions=names, extension_configs=configs)


def steps(md: markdown.Markdown) -> list[Step]:
    """Every processor of the three stages, in the order they run."""
    found = []
    for stage in STAGES:
        registry = getattr(md, stage)
        seen = set()
        for item in sorted(registry._priority, key=lambda item: item.priority, reverse=True):  # the registry's own order
            if item.name in seen:
                continue
            seen.add(item.name)
            processor = registry[item.name]
            module = type(processor).__module__
            does = " ".join((type(processor).__doc__ or "").strip().split("\n\n")[0].split()) if module.startswith(OWN) else ""
            found.append(Step(stage, item.priority, item.name, module, does))
    return found


def ties(found: list[Step]) -> list[str]:
    """The site's processors that share a stage and priority with another processor."""
    return [
        f"{step.module} ({step.name}) and {other.module} ({other.name}): both {step.stage} at {step.priority:g}"
        for step in found if step.own
        for other in found if other is not step and other.stage == step.stage and other.priority == step.priority
    ]


def table(found: list[Step]) -> str:
    rows = ["| Stage | Priority | Processor | From | What it does |", "|---|---|---|---|---|"]
    for step in found:
        name = f"**{step.name}**" if step.own else step.name
        rows.append(f"| {step.stage} ({STAGES[step.stage]}) | {step.priority:g} | {name} | `{step.module}` | {step.does} |")
    return "\n".join(rows)


def main() -> int:
    found = steps(converter(Path(site_config.CONFIG_FILE)))
    print(table(found))
    for tie in ties(found):
        print(f"tie: {tie}", file=sys.stderr)
    return 1 if ties(found) else 0


if __name__ == "__main__":
    sys.exit(main())
