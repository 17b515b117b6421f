"""The package's shape: no import cycles inside keneng_audit/, and the layers import one way only."""

from __future__ import annotations

import ast
from pathlib import Path

import keneng_audit

PACKAGE = Path(keneng_audit.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("keneng_audit", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the keneng_audit modules it imports anywhere in its code (function-level imports too). Importing
    `a.b.c` also runs the package `a.b`, so that counts as an import of it (unless the importer lives in it)."""
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for target in targets:
                while target and target not in modules and "." in target:
                    target = target.rpartition(".")[0]
                while target in modules and target != "keneng_audit":
                    if target != name and not name.startswith(target + "."):
                        edges[name].add(target)
                    target = target.rpartition(".")[0]
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(edges):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_cycles():
    cycle = _cycle(_imports(_modules()))
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_facts_layer_imports_neither_the_engine_nor_the_claims_nor_the_kinds():
    edges = _imports(_modules())
    below = {m for m in edges if m == "keneng_audit.facts" or m.startswith("keneng_audit.facts.")}
    reached, todo = set(), list(below)
    while todo:
        for target in edges[todo.pop()]:
            if target not in reached:
                reached.add(target)
                todo.append(target)
    assert not {m for m in reached if m.startswith(("keneng_audit.engine", "keneng_audit.claims",
                                                    "keneng_audit.rules.kinds", "keneng_audit.audit"))}


def test_engine_and_claims_do_not_import_each_other():
    edges = _imports(_modules())
    claims = {m for m in edges if m.startswith("keneng_audit.claims")}
    assert "keneng_audit.engine" not in set().union(*(edges[m] for m in claims))
    assert not edges["keneng_audit.engine"] & claims


def test_no_stand_ins_for_rules():
    """Every rule is a rules.model.Rule: no SimpleNamespace shaped like one."""
    users = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if "SimpleNamespace" in p.read_text("utf-8")]
    assert users == []
