"""The house a maintainer can live in (issue 14): the package reads as the flow, small modules and functions, no
import cycles (imports inside functions counted), at most eight modules at the top."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "scrtool"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
"""Counted from its ``def`` to its last line, as ``ruff format`` lays it out (a command's options are declared as
module-level ``Annotated`` aliases, as click would declare them in decorators)."""
MAX_TOP_MODULES = 8
"""Beside ``__init__`` and ``__main__``: model, errors, clock, config, names, rag, reviews, launch."""


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        package = path.name == "__init__.py"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


def _imports(name: str, path: Path, package: bool, known: dict[str, tuple[Path, bool]]) -> set[str]:
    """The modules of scrtool that ``name`` imports, anywhere in it (functions too); ``from . import clock`` is an
    import of ``scrtool.clock``, not of the package."""
    edges: set[str] = set()
    base = name.split(".") if package else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            here = base[: len(base) - node.level + 1] if node.level else []
            target = ".".join(here + ([node.module] if node.module else [])) if node.level else node.module or ""
            subs = {f"{target}.{alias.name}" for alias in node.names} & known.keys()
            edges |= subs if len(subs) == len(node.names) else subs | ({target} & known.keys())
        elif isinstance(node, ast.Import):
            edges |= {alias.name for alias in node.names} & known.keys()
    return edges - {name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while (popped := stack.pop()) != node:
                component.append(popped)
            if component:
                found.append(sorted([node, *component]))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, package, modules) for name, (path, package) in modules.items()}
    assert _cycles(graph) == []


def test_no_module_over_400_lines_and_no_function_over_60() -> None:
    long_modules, long_functions = [], []
    for name, (path, _) in _modules().items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            long_modules.append(name)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    long_functions.append(f"{name}.{node.name}")
    assert (long_modules, long_functions) == ([], [])


def test_at_most_eight_modules_at_the_top_of_the_package() -> None:
    top = [path.stem for path in PACKAGE.glob("*.py") if path.stem not in ("__init__", "__main__")]
    assert len(top) <= MAX_TOP_MODULES, sorted(top)


SQL_WORDS = ("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "WITH", "DROP", "ALTER", "PRAGMA", "REPLACE")
SQL_OUTSIDE_STORE_ALLOWED: frozenset[str] = frozenset()
"""Modules outside store/ allowed to hold SQL: none."""


def _holds_sql(node: ast.AST) -> bool:
    """An ``.execute(``/``.executemany(``/``.executescript(`` call, or a string that starts as a statement does."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("execute", "executemany", "executescript")
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        first = node.value.lstrip().split(maxsplit=1)
        return bool(first) and first[0] in SQL_WORDS and len(first) > 1
    return False


def test_sql_lives_in_store_only() -> None:
    """SQL lives in store/ (issue 14 item 1): a module elsewhere asks the store's functions, which return records."""
    holding = []
    for name, (path, _) in _modules().items():
        if name == "scrtool.store" or name.startswith("scrtool.store.") or name in SQL_OUTSIDE_STORE_ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        holding += [
            f"{name}:{node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.expr) and _holds_sql(node)
        ]
    assert holding == []
