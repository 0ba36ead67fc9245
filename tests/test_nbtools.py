"""Notebook hygiene: stripping, nbval references, and the committed notebooks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from bqw_research.config import NOTEBOOKS_DIR, PROJECT_ROOT
from bqw_research.nbtools import (
    CHECK_TAG,
    check_clean,
    list_notebooks,
    refresh_references,
    strip_outputs,
)

PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def _cell(source: str, *tags: str, outputs=(), count=None) -> nbformat.NotebookNode:
    cell = new_code_cell(source, execution_count=count)
    if tags:
        cell.metadata["tags"] = list(tags)
    cell.outputs = list(outputs)
    return cell


def _write(path: Path, cells, **metadata) -> Path:
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata.update(metadata)
    nbformat.write(nb, path)
    return path


def _dirty_notebook(path: Path) -> Path:
    params = _cell("CORPUS = None", "parameters", count=1)
    untagged = _cell(
        "x = 1\nx",
        count=2,
        outputs=[
            new_output("stream", name="stdout", text="hello\n"),
            new_output("execute_result", data={"text/plain": "1"}, execution_count=2),
        ],
    )
    untagged.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00Z"}
    untagged.metadata["ExecuteTime"] = {"end_time": "2026-01-01"}
    tagged = _cell(
        "show()",
        CHECK_TAG,
        count=3,
        outputs=[
            new_output("stream", name="stdout", text="共 2 篇\n"),
            new_output(
                "display_data",
                data={"image/png": PNG_B64, "text/plain": "<Figure size 640x480 with 1 Axes>"},
            ),
            new_output(
                "execute_result",
                data={"text/plain": "   n\n0  2", "text/html": "<table></table>"},
                execution_count=3,
            ),
            new_output("display_data", data={"image/png": PNG_B64}),
        ],
    )
    md = new_markdown_cell("# Title")
    return _write(
        path,
        [md, params, untagged, tagged],
        widgets={"application/vnd.jupyter.widget-state+json": {"state": {}}},
    )


# --------------------------------------------------------------------------- strip


def test_strip_outputs_keeps_only_text_of_tagged_cells(tmp_path):
    path = _dirty_notebook(tmp_path / "01_dirty.ipynb")

    assert strip_outputs(path) is True

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    _md, params, untagged, tagged = nb.cells
    assert params.outputs == [] and params.execution_count is None
    assert untagged.outputs == [] and untagged.execution_count is None
    assert "execution" not in untagged.metadata and "ExecuteTime" not in untagged.metadata
    assert "widgets" not in nb.metadata
    assert nb.metadata["kernelspec"]["name"] == "python3"  # useful metadata survives
    # tagged: stream kept, image-only output gone, images dropped from mixed outputs
    assert [o.output_type for o in tagged.outputs] == ["stream", "display_data", "execute_result"]
    assert tagged.outputs[0].text == "共 2 篇\n"
    assert dict(tagged.outputs[1].data) == {"text/plain": "<Figure size 640x480 with 1 Axes>"}
    assert set(tagged.outputs[2].data) == {"text/plain", "text/html"}
    # nbval skips a reference cell without execution count, so tagged cells keep it
    assert tagged.execution_count == 3
    assert check_clean(path) == []


def test_strip_outputs_is_idempotent_and_keeps_sources(tmp_path):
    path = _dirty_notebook(tmp_path / "01_dirty.ipynb")
    sources = [c.source for c in nbformat.read(path, as_version=4).cells]
    strip_outputs(path)
    first = path.read_bytes()

    assert strip_outputs(path) is False
    assert path.read_bytes() == first
    assert [c.source for c in nbformat.read(path, as_version=4).cells] == sources
    assert "共 2 篇" in first.decode("utf-8")  # written as UTF-8, not \\u escapes


def test_strip_outputs_custom_tag(tmp_path):
    path = _write(
        tmp_path / "nb.ipynb",
        [
            _cell("CORPUS = None", "parameters"),
            _cell("1", "keep-me", outputs=[new_output("stream", name="stdout", text="1\n")]),
            _cell("2", CHECK_TAG, outputs=[new_output("stream", name="stdout", text="2\n")]),
        ],
    )
    strip_outputs(path, keep_tag="keep-me")
    cells = nbformat.read(path, as_version=4).cells
    assert [o.text for o in cells[1].outputs] == ["1\n"]
    assert cells[2].outputs == []


# --------------------------------------------------------------------------- check


def test_check_clean_reports_each_problem(tmp_path):
    path = _dirty_notebook(tmp_path / "01_dirty.ipynb")
    problems = "\n".join(check_clean(path))
    assert "cell 3: has outputs but is not tagged" in problems
    assert "cell 2: has an execution count" in problems
    assert "cell 4: has an execution count" not in problems  # tagged: kept for nbval
    assert "cell 3: metadata holds 'execution'" in problems
    assert "notebook metadata holds 'widgets'" in problems
    assert "cell 4: stores non-text output image/png" in problems
    assert "parameters" not in problems  # the parameters cell is fine


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([_cell("x = 1")], "no cell tagged 'parameters'"),
        ([_cell("corpus = None", "parameters")], "does not define CORPUS"),
        ([_cell("CORPUS: str | None = None", "parameters")], None),
        ([_cell("CORPUS, OTHER = None, 3", "parameters")], None),
    ],
)
def test_check_clean_parameters_cell(tmp_path, cells, expected):
    path = _write(tmp_path / "nb.ipynb", cells)
    problems = check_clean(path)
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0]


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (
            new_output("stream", name="stdout", text="<object at 0x7f3a2b4c5d60>\n"),
            "memory address",
        ),
        (
            new_output("stream", name="stdout", text=f"read {PROJECT_ROOT}/data/raw\n"),
            "absolute path of this checkout",
        ),
        (new_output("stream", name="stdout", text="cache in /tmp/bqw/x.pkl\n"), "absolute path"),
        (new_output("stream", name="stderr", text="Loading model cost 0.5 seconds.\n"), "stderr"),
        (
            new_output("error", ename="ValueError", evalue="x", traceback=[]),
            "stores an error output",
        ),
        (new_output("stream", name="stdout", text="2 篇文章, 31 段\n"), None),
    ],
)
def test_check_clean_flags_unstable_references(tmp_path, output, expected):
    path = _write(
        tmp_path / "nb.ipynb",
        [
            _cell("CORPUS = None", "parameters"),
            _cell("report()", CHECK_TAG, outputs=[output], count=2),
        ],
    )
    problems = check_clean(path)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("outputs", [[], [new_output("stream", name="stdout", text="2\n")]])
def test_check_clean_tagged_cell_without_reference(tmp_path, outputs):
    # nbval compares nothing for a cell without execution count: refs were never stored
    path = _write(
        tmp_path / "nb.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("print(2)", CHECK_TAG, outputs=outputs)],
    )
    (problem,) = check_clean(path)
    assert "holds no stored reference" in problem and "make nb-refs" in problem


def test_check_clean_tagged_cell_with_empty_reference_is_fine(tmp_path):
    # refreshed, and the cell printed nothing: nbval checks that it stays silent
    path = _write(
        tmp_path / "nb.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("x = 2", CHECK_TAG, count=2)],
    )
    assert check_clean(path) == []


def test_check_clean_unreadable_file(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{not json", encoding="utf-8")
    (problem,) = check_clean(path)
    assert "cannot be read as a notebook" in problem


# --------------------------------------------------------------------------- refs + nbval


def _refs_notebook(folder: Path) -> Path:
    (folder / "data.txt").write_text("百千万工程\n", encoding="utf-8")
    return _write(
        folder / "01_refs.ipynb",
        [
            new_markdown_cell("# Reference test"),
            _cell("CORPUS = None", "parameters"),
            _cell("from pathlib import Path\ntext = Path('data.txt').read_text(encoding='utf-8')"),
            _cell("print('untagged output')"),
            _cell("print(CORPUS, text.strip(), len(text.strip()))", CHECK_TAG),
            _cell("{'n': 4}", CHECK_TAG),
            _cell(
                "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\n"
                "plt.show()",
                CHECK_TAG,
            ),
        ],
    )


def _nbval(path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-q",
            str(path.name),
        ],
        cwd=path.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_refresh_references_then_nbval_passes(tmp_path):
    path = _refs_notebook(tmp_path)

    problems = refresh_references(path)

    assert problems == []
    cells = nbformat.read(path, as_version=4).cells
    assert cells[3].outputs == []  # untagged: no output stored
    # ran in the notebook's folder (read data.txt) with the default CORPUS = None
    assert [o.text for o in cells[4].outputs] == ["None 百千万工程 5\n"]
    assert cells[5].outputs[0].data == {"text/plain": "{'n': 4}"}
    # the figure is stored as text only; the image is not a reference
    assert all("image/png" not in o.get("data", {}) for o in cells[6].outputs)
    assert check_clean(path) == []

    run = _nbval(path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "6 passed" in run.stdout  # one item per code cell


def test_nbval_fails_when_reference_is_wrong(tmp_path):
    path = _refs_notebook(tmp_path)
    refresh_references(path)
    nb = nbformat.read(path, as_version=4)
    nb.cells[4].outputs[0].text = "None 百千万工程 4\n"
    nbformat.write(nb, path)

    run = _nbval(path)

    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed" in run.stdout


def test_refresh_references_leaves_file_alone_on_error(tmp_path):
    from nbclient.exceptions import CellExecutionError

    path = _write(
        tmp_path / "nb.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("raise RuntimeError('boom')", CHECK_TAG)],
    )
    before = path.read_bytes()
    with pytest.raises(CellExecutionError, match="boom"):
        refresh_references(path)
    assert path.read_bytes() == before


def test_nbtools_command_line(tmp_path, capsys):
    from bqw_research.nbtools import main

    path = _dirty_notebook(tmp_path / "01_dirty.ipynb")
    assert main(["check", str(path)]) == 1
    assert "has outputs but is not tagged" in capsys.readouterr().err
    assert main(["strip", str(path)]) == 0
    assert main(["check", str(path)]) == 0
    assert main(["check", str(tmp_path / "missing.ipynb")]) == 2


# --------------------------------------------------------------------------- committed notebooks

COMMITTED = list_notebooks(NOTEBOOKS_DIR)


def test_project_has_numbered_notebooks():
    numbered = [p for p in COMMITTED if p.name[:2].isdigit() and p.name[2] == "_"]
    assert numbered, f"no NN_*.ipynb notebooks in {NOTEBOOKS_DIR}"


@pytest.mark.parametrize("path", COMMITTED, ids=[p.name for p in COMMITTED])
def test_committed_notebook_is_clean(path):
    problems = check_clean(path)
    assert problems == [], "run `make nb-strip` / `make nb-refs`:\n" + "\n".join(problems)
