"""The package's shape: no import circle between ita_report's modules, no module over 600 lines.

The graph is read from the source with the standard library's ``ast``, so it holds every import
wherever it is written (module level or inside a function, absolute or relative): a circle hidden
in a function body still makes two modules impossible to understand or change one at a time.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ita_report"
MAX_LINES = 600

#: Circles and long modules other steps of issue 15 remove, named so the test passes meanwhile;
#: each entry says which step does. Empty it as the steps are merged: nothing may be added.
#: Circles and long modules still being removed (issue 15 emptied both lists; a new entry
#: needs the step that removes it named beside it).
PENDING_CYCLES: frozenset[frozenset[str]] = frozenset()
PENDING_LONG: frozenset[str] = frozenset()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The ita_report modules ``name`` (at ``path``) imports anywhere in its source.

    ``from P import x`` imports the module ``P.x`` when there is one, else ``P`` itself (its
    ``__init__`` when ``P`` is a package); the parents Python also runs on the way are not
    counted, or every package that re-exports its modules would be a circle.
    """
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # A relative import counts up from the package the module is in.
                base = name.split(".")
                drop = node.level - 1 if is_package else node.level
                base = base[: len(base) - drop]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.add(submodule if submodule in known else source)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imported(name, path, known) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    # The reader itself, on the forms the package uses: a test that sees nothing passes always.
    edges = graph()
    assert "ita_report.scores" in edges["ita_report.cli"]  # inside a function
    assert "ita_report.scores.template" in edges["ita_report.scores"]  # from P import module
    assert "ita_report.scores.cells" in edges["ita_report.scores.table"]  # module level
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_a_relative_import_is_resolved_from_its_package(tmp_path: Path) -> None:
    package = tmp_path / "ita_report" / "pkg"
    package.mkdir(parents=True)
    init = package / "__init__.py"
    init.write_text("from .a import x\nfrom . import b\n")
    known = {"ita_report", "ita_report.pkg", "ita_report.pkg.a", "ita_report.pkg.b"}
    assert imported("ita_report.pkg", init, known) == {"ita_report.pkg.a", "ita_report.pkg.b"}
    module = package / "a.py"
    module.write_text("from ..pkg import b\nfrom .. import pkg\n")
    assert imported("ita_report.pkg.a", module, known) == {"ita_report.pkg.b", "ita_report.pkg"}


def test_no_import_circle_inside_the_package() -> None:
    found = cycles(graph())
    new = [c for c in found if frozenset(c) not in PENDING_CYCLES]
    assert not new, "import circles:\n" + "\n".join(" -> ".join(c) for c in new)
    gone = PENDING_CYCLES - {frozenset(c) for c in found}
    assert not gone, f"remove from PENDING_CYCLES, they are gone: {sorted(map(sorted, gone))}"


def test_no_module_is_over_600_lines() -> None:
    lengths = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()
    }
    long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    new = {name: n for name, n in long.items() if name not in PENDING_LONG}
    assert not new, "modules over 600 lines: " + ", ".join(f"{m} ({n})" for m, n in new.items())
    gone = sorted(PENDING_LONG - set(long))
    assert not gone, f"remove from PENDING_LONG, they are short now: {gone}"
