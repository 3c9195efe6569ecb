"""The editors' documentation is complete, current and true.

- Every command and option of the command line has help text, is in the README's table
  and on the built "Command line" page.
- Every schema field has a description and is on the built "How to edit" page.
- Every message the validator can print has an explained example on "How to edit".
- The YAML examples on "How to edit" are valid records.
- Following the walkthrough on "How to edit", command by command, ends with a site that
  shows the new claim.
"""

from __future__ import annotations

import ast
import html
import os
import re
import shlex
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import click
import pytest
from conftest import REPO, copy_site_files

from generator import model
from generator.cli import main
from generator.data.load import parse_yaml
from generator.data.schema import schema_of, schema_problems
from generator.docs import commands, schema_fields

HOW_TO = REPO / "briefings" / "how-to-edit.md"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.code: list[str] = []
        self._in_code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_code += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self._in_code -= tag == "code"

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._in_code:
            self.code.append(data)


def page_text(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


ALL_COMMANDS = list(commands(main))


def test_every_command_and_option_has_help_text() -> None:
    assert [name for name, _ in ALL_COMMANDS] == [
        "briefing validate",
        "briefing generate",
        "briefing build",
        "briefing serve",
        "briefing ingest",
        "briefing new",
        "briefing new claim",
        "briefing new actor",
        "briefing new figure",
        "briefing diff",
        "briefing suggest",
        "briefing synth",
        "briefing drafts",
        "briefing drafts list",
        "briefing drafts accept",
        "briefing drafts reject",
        "briefing drafts rename",
        "briefing drafts merge",
    ]
    for name, command in ALL_COMMANDS:
        assert command.help, f"{name} has no help text"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts[0]} has no help text"


def test_readme_lists_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in ALL_COMMANDS:
        if not isinstance(command, click.Group):
            assert f"`{name}" in readme, f"README does not mention {name}"


def test_command_line_page_shows_every_command_and_option(corpus_site: Path) -> None:
    text = page_text(corpus_site / "site" / "commands.html")
    code = set(text.code)
    for name, command in ALL_COMMANDS:
        assert name in code, f"{name} is not on the Command line page"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.opts[0] in code, f"{name} {param.opts[0]} is not on the Command line page"


def test_every_schema_field_is_described_on_how_to_edit(corpus_site: Path) -> None:
    code = set(page_text(corpus_site / "site" / "how-to-edit.html").code)
    for kind in model.KINDS.values():
        for name, field, _ in schema_fields(schema_of(kind)):
            assert field.get("description"), f"{kind}.{name} has no description in its schema"
            assert name in code, f"{kind} field {name} is not on How to edit"


def _message_templates() -> list[tuple[str, int, str]]:
    """Every message the reader and validator can print, as (file, line, regex)."""
    found = []
    for rel in sorted(p.relative_to(REPO).as_posix() for p in (REPO / "generator" / "data").glob("*.py")):
        for node in ast.walk(ast.parse((REPO / rel).read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
            starred = any(isinstance(arg, ast.Starred) for arg in node.args)
            index = {"Problem": 2 if starred else 3, "add": 2}.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                pattern = re.escape(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+?" for v in arg.values)
            else:
                continue
            found.append((rel, node.lineno, pattern))
    return found


def test_every_validator_message_is_explained_on_how_to_edit() -> None:
    table = HOW_TO.read_text(encoding="utf-8").split("## What the messages mean", 1)[1].split("\n## ", 1)[0]
    examples = re.findall(r"^\| `(.+?)` \|", table, flags=re.M)
    templates = _message_templates()
    assert len(templates) > 40
    for rel, line, pattern in templates:
        assert any(re.fullmatch(pattern, example) for example in examples), f"{rel}:{line}: message /{pattern}/ has no example on How to edit"


def test_yaml_examples_on_how_to_edit_are_valid_records() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", HOW_TO.read_text(encoding="utf-8"), flags=re.S)
    records = [block for block in blocks if block.startswith("# yaml-language-server")]
    assert records
    for block in records:
        kind = re.search(r"schemas/(\w+)\.schema\.json", block)
        assert kind
        doc, problems = parse_yaml(block, "how-to-edit.md")
        assert doc is not None and not problems
        assert list(schema_problems(doc, kind.group(1))) == []


def walkthrough() -> tuple[str, list[str]]:
    """The article text and the commands the walkthrough tells a reader to run, in order."""
    text = HOW_TO.read_text(encoding="utf-8")
    section = text.split("## Walkthrough", 1)[1].split("\n## ", 1)[0]
    article = re.search(r"save the following as `article.txt`:\n\n```text\n(.*?)```", section, flags=re.S)
    assert article
    commands = []
    for block in re.findall(r"```console\n(.*?)```", section, flags=re.S):
        # A command starts with "$ " and continues over lines ending in a backslash, as in a shell.
        for command in re.findall(r"^\$ ((?:.*\\\n)*.*)$", block, flags=re.M):
            commands.append(command)
    return article.group(1), commands


def test_following_how_to_edit_ends_with_a_site_that_shows_the_claim(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    copy_site_files(root)
    article, steps = walkthrough()
    assert [shlex.split(step)[:2] for step in steps] == [
        ["briefing", "ingest"],
        ["briefing", "new"],
        ["briefing", "new"],
        ["briefing", "new"],
        ["briefing", "validate"],
        ["briefing", "build"],
    ]
    (root / "article.txt").write_text(article, encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for step in steps:
        done = subprocess.run(step, shell=True, cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"$ {step}\n{done.stdout}{done.stderr}"
    site = root / "site"
    source = "2024-11-19-valdoria-to-call-up-reservists-ministry-says"
    actor_page = html.unescape((site / "actors" / "valdorian-ministry-of-defence.html").read_text(encoding="utf-8"))
    assert "Valdoria's defence ministry said as many as 4,000 reservists would report for training." in actor_page
    figure_page = html.unescape((site / "figures" / "valdorian-reservists-called-up.html").read_text(encoding="utf-8"))
    assert "as many as 4,000" in figure_page
    figures = html.unescape((site / "figures" / "index.html").read_text(encoding="utf-8"))
    deployment = figures.split(">Deployment<", 1)[1].split("<h2", 1)[0]
    assert "Valdorian reservists called up" in deployment
    source_page = html.unescape((site / "sources" / f"{source}.html").read_text(encoding="utf-8"))
    assert re.search(r"<mark[^>]*>Valdoria's defence ministry said on Monday that as many as 4,000 reservists would report for training</mark>", source_page)
    assert (site / "dates" / "2024-11-18.html").is_file()


@pytest.mark.parametrize("page", ["how-to-edit.html", "commands.html"])
def test_editing_pages_are_in_the_navigation(corpus_site: Path, page: str) -> None:
    index = (corpus_site / "site" / "index.html").read_text(encoding="utf-8")
    assert f'href="{page}"' in index
