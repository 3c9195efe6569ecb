"""Reference pages generated from the code, so that they cannot drift from it.

- ``_generated/fields.md``: every field of every kind, from the JSON Schemas in
  ``generator/schemas/`` (the validator reads the same files).
- ``_generated/commands.md``: every command and option of the ``briefing`` command
  line, from its click definitions (the same text ``--help`` prints).

Both are fragments, included into the hand-written "How to edit" and "Command line"
pages by pymdownx.snippets.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import click

from generator import model
from generator.data.schema import schema_of
from generator.site.format import md
from generator.site.paths import FRAGMENTS

FIELDS_PAGE = f"{FRAGMENTS}/fields.md"
COMMANDS_PAGE = f"{FRAGMENTS}/commands.md"

_TYPES = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true or false",
    "object": "fields below",
    "array": "list",
    "null": "null",
}


def pages(main: click.Group) -> dict[str, str | bytes]:
    """The reference pages, for the command line ``main`` (passed in: the CLI imports the pipeline)."""
    return {FIELDS_PAGE: fields_reference(), COMMANDS_PAGE: commands_reference(main)}


# --- fields -------------------------------------------------------------------------------------


def schema_fields(schema: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, Any], bool]]:
    """``(dotted name, field schema, required)`` for each field, nested fields after their parent."""
    required = set(schema.get("required", ()))
    for name, field in schema.get("properties", {}).items():
        dotted = f"{prefix}{name}"
        yield dotted, field, name in required
        if "properties" in field:
            yield from schema_fields(field, f"{dotted}.")
        items = field.get("items", {})
        if isinstance(items, dict) and "properties" in items:
            yield from schema_fields(items, f"{dotted}[].")


def _allowed(field: dict[str, Any]) -> str:
    if "enum" in field:
        return " or ".join(f"`{value}`" for value in field["enum"])
    declared = field.get("type", [])
    kinds: list[str] = declared if isinstance(declared, list) else [declared]
    if "array" in kinds:
        items = field.get("items", {})
        inner = (
            "entries with the fields below" if "properties" in items else (_TYPES.get(items.get("type", ""), "values") if isinstance(items, dict) else "values")
        )
        return f"list of {inner}"
    return ", or ".join(_TYPES.get(k, k) for k in kinds) or "see meaning"


def fields_reference() -> str:
    lines = []
    for kind in model.KINDS.values():
        schema = schema_of(kind)
        lines += [
            f"### {kind.capitalize()} fields",
            "",
            f"{md(schema['description'])} Schema: `generator/schemas/{kind}.schema.json`.",
            "",
            "| Field | Required | Allowed values | Meaning |",
            "| --- | --- | --- | --- |",
        ]
        for name, field, required in schema_fields(schema):
            lines.append(f"| `{name}` | {'yes' if required else 'no'} | {_allowed(field)} | {md(field.get('description', ''))} |")
        lines.append("")
    return "\n".join(lines)


# --- commands -----------------------------------------------------------------------------------


def commands(group: click.Group, prefix: str = "briefing") -> Iterator[tuple[str, click.Command]]:
    """``(full name, command)`` for every command, depth first, in definition order."""
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        yield full, command
        if isinstance(command, click.Group):
            yield from commands(command, full)


def _option_names(param: click.Parameter) -> str:
    names = ", ".join(f"`{name}`" for name in [*param.opts, *param.secondary_opts] if name)
    if isinstance(param, click.Option) and not param.is_flag and param.metavar:
        names += f" `{param.metavar}`"
    return names


def _option_help(param: click.Option) -> str:
    text = md(param.help or "")
    if isinstance(param.type, click.Choice):
        text += " One of: " + ", ".join(f"`{c}`" for c in param.type.choices) + "."
    if param.show_default and param.default not in (None, False, ()):
        text += f" Default: `{param.default}`."
    return text


def commands_reference(main: click.Group) -> str:
    lines = []
    for full, command in commands(main):
        context = click.Context(command, info_name=full)
        lines += [f"### `{full}`", "", "```text", command.get_usage(context).replace("Usage: ", ""), "```", ""]
        lines += [md(paragraph.replace("\n", " ")) + "\n" for paragraph in inspect.cleandoc(command.help or "").split("\n\n")]
        options = [p for p in command.params if isinstance(p, click.Option)]
        if options:
            lines += ["| Option | Meaning |", "| --- | --- |"]
            lines += [f"| {_option_names(p)} | {_option_help(p)} |" for p in options]
            lines.append("")
    return "\n".join(lines)
