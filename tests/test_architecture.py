"""The package layout keeps its arrows pointing down (issue #11; see ``docs/ARCHITECTURE.md``).

The module import graph of ``casus`` is read from the source with :mod:`pkgutil` and
:mod:`ast`, nothing is imported. Every ``import`` counts: relative ones, those inside functions
(the lazy imports of heavy modules) and those under ``if TYPE_CHECKING:`` too, so a cycle
cannot hide behind a type annotation. ``from pkg import name`` is an edge to ``pkg.name`` when
that is a module, else to ``pkg``. Importing ``a.b.c`` also runs ``a/__init__`` and
``a/b/__init__``, but those implicit parent edges are left out: a package's ``__init__``
re-exports its modules, so counting them would make every package a cycle with itself.
"""

from __future__ import annotations

import ast
import pkgutil
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

import casus

STAGES = ("ingest", "actors", "events", "when", "where", "store", "analysis", "evaluate")
"""Library packages: none of them may import the front ends (``cli``, ``api``) or ``batch``."""
FRONT_ENDS = ("casus.cli", "casus.api", "casus.batch")
HEAVY = {
    "spacy": ("casus.nlp",),
    "duckdb": ("casus.store",),
    "dask": ("casus.batch",),
    "distributed": ("casus.batch",),
    "fastapi": ("casus.api",),
    "uvicorn": ("casus.api",),
}
"""Third-party packages that only these modules (or packages) may import."""


def _modules(root: Path, prefix: str) -> dict[str, tuple[Path, bool]]:
    """Every module under ``root``: dotted name → (source file, is a package)."""
    found = {prefix: (root / "__init__.py", True)}
    for info in pkgutil.iter_modules([str(root)]):
        name = f"{prefix}.{info.name}"
        if info.ispkg:
            found.update(_modules(root / info.name, name))
        else:
            found[name] = (root / f"{info.name}.py", False)
    return found


def _within(name: str, parents: Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in parents)


def _imports(tree: ast.AST, module: str, is_package: bool, known: Iterable[str]) -> set[str]:
    """What ``tree`` imports: modules of ``known``, or top-level names of other packages."""
    known = set(known)
    package = module if is_package else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            for alias in node.names:  # ``from pkg import mod`` imports the module pkg.mod
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in known else target)
    return {name if name in known else name.split(".")[0] for name in out}


def import_graph(root: Path, prefix: str) -> dict[str, set[str]]:
    """Module → the modules of the same tree it imports, plus third-party top-level names."""
    modules = _modules(root, prefix)
    return {
        name: _imports(ast.parse(path.read_text("utf-8")), name, is_package, modules) - {name}
        for name, (path, is_package) in modules.items()
    }


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(Path(casus.__file__).parent, "casus")


def test_architecture_find_cycles_detects_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert find_cycles(graph) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_architecture_graph_sees_relative_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .low import x\n")
    (pkg / "sub" / "low.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..top import T\nx = 1\n"
    )
    (pkg / "top.py").write_text("def f():\n    from .sub import low\n    import duckdb\n")
    graph = import_graph(pkg, "pkg")
    assert graph["pkg.sub"] == {"pkg.sub.low"}
    assert graph["pkg.sub.low"] == {"pkg.top", "typing"}
    assert graph["pkg.top"] == {"pkg.sub.low", "duckdb"}
    assert find_cycles(graph) == [["pkg.sub.low", "pkg.top"]]


def test_architecture_walks_every_module(graph: dict[str, set[str]]) -> None:
    assert {"casus.actors.index", "casus.actors.rules", "casus.cli.core", "casus.model"} <= set(
        graph
    )
    assert "casus.actors.index" in graph["casus.actors.rules"]


def test_architecture_has_no_import_cycle(graph: dict[str, set[str]]) -> None:
    assert find_cycles(graph) == []


@pytest.mark.parametrize("stage", STAGES)
def test_architecture_stage_never_imports_a_front_end(
    graph: dict[str, set[str]], stage: str
) -> None:
    bad = {
        f"{module} → {target}"
        for module, targets in graph.items()
        if _within(module, [f"casus.{stage}"])
        for target in targets
        if _within(target, FRONT_ENDS)
    }
    assert not bad


@pytest.mark.parametrize("dependency", sorted(HEAVY))
def test_architecture_heavy_dependency_enters_in_one_place(
    graph: dict[str, set[str]], dependency: str
) -> None:
    importers = {module for module, targets in graph.items() if dependency in targets}
    assert importers
    assert {m for m in importers if not _within(m, HEAVY[dependency])} == set()
