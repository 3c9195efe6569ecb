"""The shape of generator/: no import cycles (imports inside functions included), no module over 600 lines."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of generator/ that ``name`` imports anywhere in its file; a package's own __init__ is not an edge."""
    out = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        out |= {t for t in targets if t in modules and t != name}
    return out


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    # Importing generator.x.y runs the package faces generator/__init__ and generator/x/__init__ first;
    # they are the top of the graph, so nothing inside may import a face.
    faces = {name for name, path in modules.items() if path.name == "__init__.py"}
    leaks = sorted((name, face) for name, deps in graph.items() for face in deps & faces if name not in faces)
    assert leaks == [], f"modules import a package face: {leaks}"
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append(" -> ".join([*stack[stack.index(dep) :], dep]))
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == []


def test_the_cycle_check_sees_a_cycle(tmp_path: Path) -> None:
    # The walk above reads imports inside functions too: a lazy import that closes a loop is still a loop.
    source = "def f():\n    from generator.pipeline import build\n"
    imports = _imports("generator.site.pages", _write(tmp_path / "pages.py", source), _modules())
    assert imports == {"generator.pipeline"}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_no_module_over_600_lines() -> None:
    long = {name: n for name, path in _modules().items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_library_face() -> None:
    from generator import Problem, Project, errors, generate, validate

    assert callable(generate) and callable(validate) and Project and Problem and errors.BriefingError
    assert not issubclass(errors.BriefingError, __import__("click").ClickException)
