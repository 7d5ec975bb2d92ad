"""The import graph of the program's own modules has no cycle (built with grimp, the
library import-linter itself uses), and the window is built by its composition roots
alone."""

from __future__ import annotations

import grimp

PACKAGES = ("workbench", "exports", "ui")


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
