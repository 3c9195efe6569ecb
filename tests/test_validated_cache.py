"""The cache of validated files (.briefing-cache/validated.pickle): unchanged files are not read or checked again, and nothing else changes."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from conftest import Project

from generator.data import validate as validate_module
from generator.data.validate import validate

CLAIM = "data/claims/zelenskyy-10000.yml"
SOURCE = "data/sources/2024-10-18-sample.yml"


def counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the files parsed and the quotes located from here on."""
    calls = {"parsed": 0, "located": 0}
    load_yaml, locate = validate_module.load_yaml, validate_module.locate

    def parsed(*args: object, **kwargs: object) -> object:
        calls["parsed"] += 1
        return load_yaml(*args, **kwargs)  # type: ignore[arg-type]

    def located(*args: object, **kwargs: object) -> object:
        calls["located"] += 1
        return locate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate_module, "load_yaml", parsed)
    monkeypatch.setattr(validate_module, "locate", located)
    return calls


def messages(project: Project, *args: str) -> list[str]:
    result = project.run("validate", *args)
    assert result.exit_code == 1
    return result.output.splitlines()


def test_a_second_validate_parses_and_checks_no_unchanged_file_and_gives_the_same_corpus(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = validate(project.root)
    calls = counting(monkeypatch)
    first = validate(project.root, keep=True)
    assert calls == {"parsed": 9, "located": 2}
    assert project.path(".briefing-cache/validated.pickle").is_file()
    second = validate(project.root, keep=True)
    assert calls == {"parsed": 9, "located": 2}, "an unchanged file was parsed, or a claim checked, again"
    assert first == second == cold
    # One claim edited: that file alone is parsed again, and that claim alone checked.
    project.edit(CLAIM, "statement: Pyongyang is preparing", "statement: Pyongyang prepares")
    third = validate(project.root, keep=True)
    assert calls == {"parsed": 10, "located": 3}
    assert third.claims["zelenskyy-10000"].statement == "Pyongyang prepares to send 10,000 troops."
    # reuse=False reads and checks everything, and refreshes the cache.
    assert validate(project.root, keep=True, reuse=False) == third
    assert calls == {"parsed": 19, "located": 5}
    assert validate(project.root) == third


def test_messages_with_the_cache_are_those_without_it(project: Project) -> None:
    assert project.run("validate").exit_code == 0  # fills the cache
    # A source's date moved before the claim: the unchanged claim is checked again, and its
    # message keeps its line and column, read from the file the cache kept it for.
    project.edit(SOURCE, '"2024-10-18"', '"2024-10-16"')
    assert messages(project) == messages(project, "--no-cache")
    assert any(line.startswith(f"{CLAIM}:11:9: claimed_on 2024-10-17 is after source") for line in messages(project))
    project.edit(SOURCE, '"2024-10-16"', '"2024-10-18"')
    assert project.run("validate").exit_code == 0
    # An actor the unchanged claim names is gone: the kept result does not stand.
    project.path("data/actors/volodymyr-zelenskyy.yml").unlink()
    cached = messages(project)
    assert cached == messages(project, "--no-cache")
    assert f'{CLAIM}:3:8: unknown actor "volodymyr-zelenskyy".' in "\n".join(cached)
    # The archived text changed under an unchanged record.
    text = project.path("data/sources/2024-10-18-sample.txt")
    text.write_text(text.read_text(encoding="utf-8").replace("troops", "soldiers"), encoding="utf-8")
    cached = messages(project)
    assert cached == messages(project, "--no-cache")
    assert any("sha256 does not match data/sources/2024-10-18-sample.txt" in line for line in cached)
    assert any(line.startswith(f"{CLAIM}:17:12: quote not found in data/sources/2024-10-18-sample.txt.") for line in cached)


def test_a_cache_file_that_arrives_with_a_pull_request_is_never_unpickled(project: Project, tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps(Payload())
    cache = project.path(".briefing-cache")
    cache.mkdir()
    for blob in (payload, b"\0" * 32 + payload, os.urandom(32) + payload):
        (cache / "validated.pickle").write_bytes(blob)
        result = project.run("validate")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[-1] == "2 claims, 5 actors, 1 figure, 1 source: OK"
        assert not marker.exists(), "a cache file the project did not sign was unpickled"
    # The run replaced it with one signed by this machine's key, outside the project.
    assert (cache / "validated.pickle").read_bytes() != os.urandom(32) + payload
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_signed_cache_file_put_in_place_of_another_is_not_loaded(tmp_path: Path) -> None:
    """The signature covers the file's purpose: this machine's render cache copied over its validated records is refused."""
    from generator import signed

    render, validated = tmp_path / ".briefing-cache" / "render.pickle", tmp_path / ".briefing-cache" / "validated.pickle"
    signed.save(render, {"pages": ["index.md"]})
    assert signed.load(render) == {"pages": ["index.md"]}
    validated.write_bytes(render.read_bytes())
    assert signed.load(validated) is None


def _settled() -> None:
    """Wait until every file written so far is older than the two seconds within which a write is not trusted by its stat."""
    import time

    time.sleep(2.1)


def test_validate_with_nothing_changed_gives_the_last_report_and_sees_every_change(tmp_path: Path) -> None:
    """The last report is given again only while data/, Git's HEAD and index are as they were; each change is seen at once."""
    from test_follow import commit, git, make_repo

    from generator.data import rerun

    repo = make_repo(tmp_path)
    _settled()
    first, again = rerun.run(repo.root), rerun.run(repo.root)
    assert (first.recalled, again.recalled) == (False, True)
    assert again.summary == first.summary == "2 claims, 5 actors, 1 figure, 1 source: OK"

    # An edit is seen at once (a file written in the last two seconds is never trusted by its stat) and later alike.
    repo.edit(CLAIM, "high: 10000", "high: 9000")
    broken = repo.run("validate")
    assert broken.exit_code == 1 and f"{CLAIM}:7:8: value.low (10000) is greater than value.high (9000)." in broken.stderr, broken.stderr
    _settled()
    recalled = repo.run("validate")
    assert (recalled.exit_code, recalled.stderr) == (1, broken.stderr)
    assert rerun.run(repo.root).recalled

    # A commit moves HEAD: the correction it makes is reported, though no file of data/ changed since.
    repo.edit(CLAIM, "high: 9000", "high: 10000")
    repo.edit(CLAIM, 'text: "10,000"', 'text: "10,000 troops"')
    _settled()
    assert repo.run("validate").exit_code == 0
    commit(repo.root, "Correct the value", "2025-01-12T00:00:00Z")
    _settled()
    corrected = repo.run("validate")
    assert "corrected on 2025-01-12 (value was '10,000') with no reason given" in corrected.stderr, corrected.stderr

    # Git's index is read too: a cache added to it is refused on the next run.
    git(repo.root, "add", "-f", ".briefing-cache/validated.pickle")
    _settled()
    refused = repo.run("validate")
    assert refused.exit_code == 1 and ".briefing-cache/validated.pickle:1:1: .briefing-cache/ is committed" in refused.stderr, refused.stderr
