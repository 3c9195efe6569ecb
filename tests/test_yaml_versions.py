"""The YAML reader's guards hold on every PyYAML this project allows, not only the locked one.

`make test` runs this file and `test_hostile_files.py` twice: on the locked PyYAML, and again
with the oldest tested release (requirements/pyyaml-compat.txt) put first on PYTHONPATH, which
sets BRIEFING_EXPECT_PYYAML. The weekly upstream job runs on the newest allowed releases and
sets BRIEFING_UNLOCKED.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from generator.data.load import parse_yaml

LOCK = Path(__file__).parent.parent / "requirements" / "dev.txt"
TOO_DEEP = "nesting is deeper than 32 levels."


def locked(package: str) -> str:
    found = re.search(rf"^{package}==(\S+)", LOCK.read_text(), re.MULTILINE | re.IGNORECASE)
    assert found, f"{package} is not pinned in {LOCK}"
    return found.group(1)


def test_the_pyyaml_under_test_is_the_one_intended() -> None:
    if os.environ.get("BRIEFING_UNLOCKED"):
        pytest.skip("running on the newest allowed releases, not on the lock")
    assert yaml.__version__ == (os.environ.get("BRIEFING_EXPECT_PYYAML") or locked("pyyaml"))
    assert yaml.__with_libyaml__, "the reader is tested with libyaml, as it runs in production"


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        # libyaml 0.2.6 stops these itself at 1,000 levels, and the message must still be ours.
        ("id: deep\nnotes: " + "[" * 5_000 + "]" * 5_000 + "\n", 2, 40),
        ("id: deep\nnotes: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n", 2, 136),
        ("id: deep\nnotes: [x, " + "[" * 5_000 + "]" * 5_000 + "]\n", 2, 43),
        # Below libyaml's own limit, and in block style, our count alone decides.
        ("id: deep\nnotes: " + "[" * 40 + "]" * 40 + "\n", 2, 40),
        ("id: deep\nnotes:\n" + "- " * 5_000 + "x\n", 3, 65),
    ],
    ids=["flow-list-past-libyaml", "flow-map-past-libyaml", "flow-after-item", "flow-list-short", "block"],
)
def test_too_deep_is_reported_where_it_goes_too_deep(text: str, line: int, col: int) -> None:
    doc, problems = parse_yaml(text, "data/claims/deep.yml")
    assert doc is None
    assert [(p.line, p.col, p.message) for p in problems] == [(line, col, TOO_DEEP)]


def test_deep_but_allowed_nesting_reads() -> None:
    doc, problems = parse_yaml("id: ok\nnotes: " + "[" * 31 + "]" * 31 + "\n", "data/claims/ok.yml")
    assert problems == [] and doc is not None
