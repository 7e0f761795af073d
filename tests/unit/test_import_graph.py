"""The shape of the code, computed from the source (docs/architecture.md).

- No import cycle among the modules of `participation`, counting imports written inside
  functions (a lazy import hides a cycle from Python, not from the next reader).
- An import inside a function only where a comment on its line, or the line above, says
  why (e.g. "at init: importing the package must not load its routes").
- No file in `participation/` over 300 lines.
The layers themselves are import-linter contracts (.importlinter, `lint-imports`).
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "participation"
MAX_LINES = 300

# Modules left out of the source checks, each with its reason (none today; package
# __init__ modules that only wire init_app need no exemption: their imports say why).
EXEMPT: dict[str, str] = {}


def modules(package: Path) -> dict[str, Path]:
    found = {}
    for path in package.rglob("*.py"):
        name = ".".join(path.with_suffix("").relative_to(package.parent).parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _target(module: str, is_package: bool, node: ast.ImportFrom, alias: str, known) -> str:
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - node.level + 1]
        full = ".".join(base + ([node.module] if node.module else []))
    else:
        full = node.module or ""
    candidate = f"{full}.{alias}"
    return candidate if candidate in known else full


def _function_imports(tree) -> set[int]:
    inner = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner.update(id(n) for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return inner


def import_graph(package: Path):
    """{module: {imported modules of the package}} and the function-level imports as
    (module, line number, has a comment)."""
    known = modules(package)
    root = package.name
    graph, inner = {name: set() for name in known}, []
    for name, path in known.items():
        source = path.read_text()
        lines = source.splitlines()
        tree = ast.parse(source)
        in_function = _function_imports(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = [_target(name, path.name == "__init__.py", node, alias.name, known)
                           for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name and target.split(".")[0] == root:
                    graph[name].add(target)
            if id(node) in in_function:
                here = lines[node.lineno - 1]
                above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
                inner.append((name, node.lineno, "#" in here or above.startswith("#")))
    return graph, inner


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _without_exempt(graph):
    return {m: {t for t in targets if t not in EXEMPT} for m, targets in graph.items()
            if m not in EXEMPT}


# Parsed when the module is collected, before any test starts an app's threads: in CPython
# 3.11, ast.parse can fail with "AST constructor recursion depth mismatch" while another
# thread formats a traceback (which parses source too).
GRAPH, INNER = import_graph(PACKAGE)


def test_no_import_cycle_among_participation_modules():
    assert cycles(_without_exempt(GRAPH)) == []


def test_every_import_inside_a_function_says_why():
    inner = INNER
    silent = [f"{module}:{line}" for module, line, commented in inner
              if not commented and module not in EXEMPT]
    assert silent == []


def test_no_file_over_300_lines():
    long = {name: n for name, path in modules(PACKAGE).items()
            if (n := len(path.read_text().splitlines())) > MAX_LINES and name not in EXEMPT}
    assert long == {}


def test_the_checks_find_a_cycle_through_a_function_import_and_a_silent_import(tmp_path):
    """The checker itself: a lazy import that closes a cycle, and one without a reason."""
    pkg = tmp_path / "demo"
    (pkg / "low").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "low" / "__init__.py").write_text("")
    (pkg / "low" / "base.py").write_text("def f():\n    from ..up import top\n    return top\n")
    (pkg / "up.py").write_text("from .low import base\n\n\ndef g():\n"
                               "    # a reason\n    from .low import base as b\n    return b\n")
    graph, inner = import_graph(pkg)
    assert cycles(graph) == [["demo.low.base", "demo.up"]]
    assert sorted(inner) == [("demo.low.base", 2, False), ("demo.up", 6, True)]
