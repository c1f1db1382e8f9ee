"""The walls between layers, read from the source: no import cycle, a store that knows no domain, a thin CLI.

Every `import` and `from … import` in `newsint/` counts, those inside functions too (a lazy import is still a
dependency). A module's package `__init__` is not counted as imported along with it, as Python's own
import machinery would: the walls are about what a module names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsint"

#: What `store/` may import from newsint: the model, the error tree, and itself.
STORE_MAY_IMPORT = ("newsint.model", "newsint.errors", "newsint.store")
#: Libraries that run models or do language processing: none of them belongs in the store.
MODEL_RUNTIMES = ("spacy", "onnxruntime", "tokenizers", "torch", "transformers", "thinc")
#: Domain packages and the pipeline: the CLI and the web read through the query layer instead.
CLI_MAY_NOT_IMPORT = (
    "newsint.text",
    "newsint.entities",
    "newsint.geo",
    "newsint.temporal",
    "newsint.claims",
    "newsint.events",
    "newsint.stories",
    "newsint.nlp",
    "newsint.stages",
    "newsint.store",
    "newsint.pipeline",
)
COMMAND_MAX_LINES = 30
DOMAINS = ("text", "entities", "geo", "temporal", "claims", "events", "stories", "nlp")
#: The layers above the domain packages: a domain module reaching one of them would make the layers a circle.
ABOVE_DOMAINS = (
    "newsint.stages",
    "newsint.pipeline",
    "newsint.batch",
    "newsint.ingest",
    "newsint.store",
    "newsint.query",
    "newsint.cli",
    "newsint.export",
    "newsint.evaluation",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """Every module `name` imports: newsint modules as module names, other libraries as their top name."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            for alias in node.names:
                # `from newsint import query` imports the module newsint.query, not the package.
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m if m.startswith("newsint") else m.split(".")[0] for m in found}


GRAPH = {name: {m for m in _imports(name) if m in MODULES} for name in MODULES}


def _cycle() -> list[str] | None:
    """One import cycle among newsint's modules, as the list of modules around it; None when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[name] = 2
        return None

    for name in sorted(GRAPH):
        if name not in state and (found := visit(name)):
            return found
    return None


def test_the_import_graph_is_read_from_every_module() -> None:
    assert {"newsint.stage", "newsint.pipeline", "newsint.store.sqlite", "newsint.query"} <= set(MODULES)
    assert "newsint.stage" in GRAPH["newsint.pipeline"]
    assert "newsint.stages" in GRAPH["newsint.pipeline"]  # the pipeline registers the built-in stages


def test_no_import_cycle_in_the_package() -> None:
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    GRAPH["newsint.model"].add("newsint.pipeline")
    try:
        assert _cycle() is not None
    finally:
        GRAPH["newsint.model"].discard("newsint.pipeline")


def test_the_stage_contract_imports_no_stage() -> None:
    assert not {m for m in _imports("newsint.stage") if m.startswith(("newsint.stages", "newsint.pipeline"))}


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.startswith("newsint.store")))
def test_the_store_imports_only_the_model(name: str) -> None:
    imported = _imports(name)
    own = {m for m in imported if m.startswith("newsint")}
    assert all(m.startswith(STORE_MAY_IMPORT) for m in own), f"{name} imports {sorted(own)}"
    assert not imported & set(MODEL_RUNTIMES), f"{name} imports {sorted(imported & set(MODEL_RUNTIMES))}"


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.startswith("newsint.stages.")))
def test_no_domain_module_imports_a_stage(name: str) -> None:
    importers = [m for m, targets in GRAPH.items() if name in targets and m not in ("newsint.stages", name)]
    assert not importers, f"{name} is imported by {importers}: move what they need into its domain package"


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.split(".")[1:2] and m.split(".")[1] in DOMAINS))
def test_domain_packages_import_no_layer_above_them(name: str) -> None:
    reached = sorted(m for m in _imports(name) if m.startswith(ABOVE_DOMAINS))
    assert not reached, f"{name} imports {reached}"


CLI_MODULES = sorted(m for m in MODULES if m.startswith(("newsint.cli", "newsint.web")))


@pytest.mark.parametrize("name", CLI_MODULES)
def test_the_faces_read_through_the_query_layer(name: str) -> None:
    source = MODULES[name].read_text(encoding="utf-8")
    reached = sorted(m for m in _imports(name) if m.startswith(CLI_MAY_NOT_IMPORT))
    assert not reached, f"{name} imports {reached}"
    assert "SELECT " not in source and "sqlite3" not in source


@pytest.mark.parametrize("name", CLI_MODULES)
def test_every_command_is_a_few_lines(name: str) -> None:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any("command" in ast.unparse(d) for d in node.decorator_list)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > COMMAND_MAX_LINES
    ]
    assert not long, f"{name}: commands over {COMMAND_MAX_LINES} lines: {long}"
