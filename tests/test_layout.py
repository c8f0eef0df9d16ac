"""The package reads as the data flow: imports point downward only, with no cycle and no
lazy import dodging one, no module reaches into another's private names, the store depends on
nothing above it, settings are read in one place, and no file grows past ~400 lines unless it
says why at its top."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsdesk"

# Lowest first: a module may import only from its own layer or the layers before it.
LAYERS = [
    ["errors", "settings"],
    ["model"],
    ["urls", "sources"],
    ["fetch"],
    ["ingest"],
    ["enrich"],
    ["embeddings"],
    ["dedupe"],
    ["stories"],
    ["store"],
    ["vectors", "search"],
    ["pipeline"],
    ["live", "accounts", "desk", "comments", "ai", "ledger"],
    ["views"],
    ["http", "access"],
    ["api", "web"],
    ["app"],
    ["cli", "__main__"],
]
STORE_MAY_IMPORT = {"model", "errors", "store"}
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("newsdesk", *parts))] = path
    return found


def imports(path: Path, name: str) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import, at any depth (lazy ones too)."""
    found = []
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            found.append((base, [alias.name for alias in node.names]))
    return [(m, names) for m, names in found if m == "newsdesk" or m.startswith("newsdesk.")]


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        targets = set()
        for module, names in imports(path, name):
            # `from newsdesk import search` imports the module newsdesk.search.
            subs = [f"{module}.{n}" for n in names if f"{module}.{n}" in known]
            targets |= set(subs) or {module}
        edges[name] = {t for t in targets if t != name and t in known}
    return edges


def top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(module: str) -> int:
    for rank, names in enumerate(LAYERS):
        if top(module) in names:
            return rank
    raise AssertionError(f"{module} is in no layer of tests/test_layout.py: place it")


def test_every_module_has_a_layer() -> None:
    for module in modules():
        if module != "newsdesk" and "migrations" not in module:
            layer_of(module)


def test_imports_point_downward_only() -> None:
    upward = [
        f"{source} -> {target}"
        for source, targets in graph().items()
        if source != "newsdesk" and "migrations" not in source
        for target in targets
        if target != "newsdesk" and layer_of(target) > layer_of(source)
    ]
    assert upward == []


def test_there_is_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            # A package's __init__ importing its own modules is how a package is assembled.
            if node == target.rsplit(".", 1)[0]:
                continue
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_no_module_imports_another_modules_private_names() -> None:
    private = [
        f"{name}: {module}.{taken}"
        for name, path in modules().items()
        for module, names in imports(path, name)
        for taken in names
        if taken.startswith("_") and module != name
    ]
    assert private == []


def test_the_store_imports_only_the_model_errors_and_itself() -> None:
    wrong = [
        f"{source} -> {target}"
        for source, targets in graph().items()
        if top(source) == "store"
        for target in targets
        if top(target) not in STORE_MAY_IMPORT
    ]
    assert wrong == []


def test_settings_are_read_from_the_environment_in_one_place() -> None:
    readers = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "os.environ" in path.read_text(encoding="utf-8") or "getenv(" in path.read_text()
    ]
    assert readers == ["settings.py"]


def test_long_files_say_why_at_their_top() -> None:
    unexplained = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        head = text[:1500].lower()
        if text.count("\n") > MAX_LINES and "long because" not in head:
            unexplained.append(f"{path.relative_to(PACKAGE)}: {text.count(chr(10))} lines")
    assert unexplained == []
