"""The package's modules import one another without cycles (issue 10: the stages stack).

Every import of a ``bqw_research`` module is read from the source (``ast``), those inside
functions too: a lazy import still ties two modules together. A module that imports a
package (``from bqw_research.textplot import x``) depends on that package's ``__init__``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import bqw_research

PACKAGE = Path(bqw_research.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports (the longest existing module of each name)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("bqw_research"):
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    out = {}
    for name, path in files.items():
        deps = imports_of(path, modules) - {name}
        # a package's __init__ re-exporting its own modules is not a dependency back up
        out[name] = (
            {d for d in deps if not d.startswith(name + ".")}
            if path.name == "__init__.py"
            else deps
        )
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles_between_the_package_modules():
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_analysis_stages_never_import_the_report_or_the_command_line():
    upper = ("bqw_research.report", "bqw_research.cli", "bqw_research.evaluation")
    stages = ("bqw_research.corpus", "bqw_research.tokens", "bqw_research.textstat")
    stages += ("bqw_research.textplot", "bqw_research.scale")
    back = {
        (module, dep)
        for module, deps in graph().items()
        if module.startswith(stages)
        for dep in deps
        if dep.startswith(upper)
    }
    assert back == set()


def test_loading_the_compiled_segmenter_does_not_import_jieba_posseg():
    """jieba.posseg reads jieba's dictionary on import (~0.4 s a process): only to build the engine."""
    import subprocess
    import sys

    code = (
        "import sys; import bqw_research.tokens.compiled.segmenter, bqw_research.corpus; "
        "print('jieba.posseg' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("statement", "absent"),
    [
        # the report runner's page helpers need the web font, not the figures
        ("import bqw_research.report.pages", ["matplotlib", "sklearn", "bqw_research.textstat"]),
        ("from bqw_research.textplot import save_figure", ["wordcloud", "sklearn", "bokeh"]),
        ("import bqw_research", ["pandas", "matplotlib"]),
        # every command builds the whole parser: it must not load a stage
        ("import bqw_research.cli as c; c.build_parser()", ["pandas", "bqw_research.tokens"]),
    ],
)
def test_re_exports_import_only_what_is_asked_for(statement, absent):
    import subprocess

    code = f"import sys; {statement}; print([m for m in {absent!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_textplot_re_export_resolves():
    import bqw_research.textplot as textplot

    assert "textplot_wordcloud" in dir(textplot)
    for name in textplot.__all__:
        value = getattr(textplot, name)
        if callable(value):
            assert value.__module__.startswith("bqw_research.textplot."), name
    with pytest.raises(AttributeError, match="no attribute 'textplot_nothing'"):
        textplot.textplot_nothing  # noqa: B018
