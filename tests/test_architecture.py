"""The layout holds: the import graph of the program's own modules has no cycle (built
with grimp, the library import-linter itself uses), the window is built by its
composition roots alone, and SQL is written in the store (and the file layer) only."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

PACKAGES = ("workbench", "exports", "ui")
ROOT = Path(__file__).resolve().parent.parent


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
    return found


def _graph() -> dict[str, set[str]]:
    graph = grimp.build_graph(*PACKAGES)
    modules = graph.modules
    return {m: {i for i in graph.find_modules_directly_imported_by(m) if i in modules}
            for m in modules}


def test_the_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_the_program_imports_itself_round_a_loop() -> None:
    edges = _graph()
    assert len(edges) > 150  # every module was seen
    assert _cycles(edges) == []


def test_only_the_composition_roots_import_the_main_window() -> None:
    graph = grimp.build_graph(*PACKAGES)
    assert graph.find_modules_that_directly_import("ui.main_window") == {"ui.app",
                                                                         "ui.screenshots"}
    assert not graph.find_modules_that_directly_import("workbench.cli") - {
        "workbench.__main__", *{m for m in graph.modules if m.startswith("workbench.cli")}}


SQL_HOMES = ("workbench/store/", "workbench/file/", "workbench/project/")
"""Where SQL may be written: the store's managers, the file layer under them, and the
project-file operations that read other SQLite files (backups, others' projects)."""


def _database_touches(path: Path) -> list[str]:
    """Where a module reaches a database object: ``.db``, ``.conn``, ``.execute...``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and node.attr in {"db", "conn", "execute", "executemany", "executescript"}]


def test_sql_lives_in_the_store_and_the_window_never_touches_the_database() -> None:
    touches = [t for folder in ("workbench", "exports", "ui")
               for path in sorted((ROOT / folder).rglob("*.py"))
               if not str(path.relative_to(ROOT)).startswith(SQL_HOMES)
               for t in _database_touches(path)]
    assert touches == []
    assert _database_touches(ROOT / "workbench/store/queue.py")  # the finder finds them
