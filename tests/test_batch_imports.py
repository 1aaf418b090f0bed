"""The batch package's shape: no import circle among its modules, each module a readable size.

Function-level imports count too: a circle hidden inside a function still ties two modules
together. Read with the standard library's ``ast`` only: nothing here imports the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ita_report" / "batch"
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = ("ita_report", "batch", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, known: set[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n for n in names if n in known)
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(files)
    return {name: _imports(path, known) - {name} for name, path in files.items()}


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle among ``graph``'s modules (the package's own ``__init__`` aside), or []."""
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str]:
        if name in path:
            return [*path[path.index(name):], name]
        if name in done:
            return []
        for target in sorted(graph[name]):
            found = visit(target, [*path, name])
            if found:
                return found
        done.add(name)
        return []

    for name in sorted(graph):
        found = visit(name, [])
        if found:
            return found
    return []


def test_no_module_of_the_batch_imports_in_a_circle() -> None:
    graph = _graph()
    assert "ita_report.batch.records" in graph and "ita_report.batch.index" in graph
    # __init__ only re-exports: it imports every module and none imports it.
    assert not any("ita_report.batch" in targets for targets in graph.values())
    inner = {name: targets - {"ita_report.batch"} for name, targets in graph.items()}
    assert _circle(inner) == []


def test_the_circle_finder_finds_one() -> None:
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_records_import_nothing_of_the_batch() -> None:
    assert _graph()["ita_report.batch.records"] == set()


def test_every_module_of_the_batch_is_under_600_lines() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py")}
    assert {name: n for name, n in sizes.items() if n >= MAX_LINES} == {}
