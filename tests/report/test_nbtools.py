"""Notebook hygiene: stripping, reference sidecars, assembling for nbval, the committed notebooks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from bqw_research.config import NOTEBOOKS_DIR, PROJECT_ROOT
from bqw_research.report.nbtools import (
    CHECK_TAG,
    NBVAL_DIR,
    _assemble_command,
    assemble_for_nbval,
    check_clean,
    list_notebooks,
    main,
    merge_references,
    read_references,
    references_path,
    refresh_references,
    strip_outputs,
    write_references,
)

PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def _cell(source: str, *tags: str, outputs=(), count=None, id=None) -> nbformat.NotebookNode:
    cell = new_code_cell(source, execution_count=count)
    if id is not None:
        cell.id = id
    if tags:
        cell.metadata["tags"] = list(tags)
    cell.outputs = list(outputs)
    return cell


def _write(path: Path, cells, refs=None, **metadata) -> Path:
    """Write a notebook and, when *refs* is given, its sidecar (raw JSON, not via nbtools)."""
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata.update(metadata)
    nbformat.write(nb, path)
    if refs is not None:
        sidecar = path.parent / "references" / f"{path.stem}.json"
        sidecar.parent.mkdir(exist_ok=True)
        sidecar.write_text(json.dumps(refs, ensure_ascii=False), encoding="utf-8")
    return path


def _ref(*outputs, count=2) -> dict:
    return {"execution_count": count, "outputs": [dict(out) for out in outputs]}


def _stdout(text: str) -> nbformat.NotebookNode:
    return new_output("stream", name="stdout", text=text)


def _dirty_notebook(path: Path, refs=None) -> Path:
    """A notebook as JupyterLab leaves it: outputs, counts, timing and widget metadata."""
    params = _cell("CORPUS = None", "parameters", count=1)
    untagged = _cell(
        "x = 1\nx",
        count=2,
        id="u1",
        outputs=[
            _stdout("hello\n"),
            new_output("execute_result", data={"text/plain": "1"}, execution_count=2),
        ],
    )
    untagged.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00Z"}
    untagged.metadata["ExecuteTime"] = {"end_time": "2026-01-01"}
    tagged = _cell(
        "show()",
        CHECK_TAG,
        count=3,
        id="t1",
        outputs=[
            _stdout("共 2 篇\n"),
            new_output(
                "display_data",
                data={"image/png": PNG_B64, "text/plain": "<Figure size 640x480 with 1 Axes>"},
            ),
        ],
    )
    md = new_markdown_cell("# 百千万工程 概览")
    return _write(
        path,
        [md, params, untagged, tagged],
        refs=refs,
        widgets={"application/vnd.jupyter.widget-state+json": {"state": {}}},
    )


def _code_cells(path: Path) -> list:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


# --------------------------------------------------------------------------- strip


def test_strip_outputs_removes_every_output_and_count(tmp_path):
    path = _dirty_notebook(tmp_path / "01_dirty.ipynb", refs={"t1": _ref(_stdout("共 2 篇\n"))})
    sidecar = references_path(path)
    sidecar_before = sidecar.read_bytes()

    assert strip_outputs(path) is True

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    _md, params, untagged, tagged = nb.cells
    for cell in (params, untagged, tagged):  # tagged cells too: their references are elsewhere
        assert cell.outputs == [] and cell.execution_count is None
    assert "execution" not in untagged.metadata and "ExecuteTime" not in untagged.metadata
    assert "widgets" not in nb.metadata
    assert nb.metadata["kernelspec"]["name"] == "python3"  # useful metadata survives
    assert (untagged.id, tagged.id) == ("u1", "t1")  # the ids the sidecar refers to
    assert tagged.metadata["tags"] == [CHECK_TAG]
    text = path.read_text(encoding="utf-8")
    assert '"output_type"' not in text
    assert '"execution_count": null' in text and '"execution_count": 1' not in text
    assert sidecar.read_bytes() == sidecar_before  # stripping never touches the references
    assert check_clean(path) == []


def test_strip_outputs_is_idempotent_and_keeps_sources(tmp_path):
    path = _dirty_notebook(tmp_path / "01_dirty.ipynb")
    sources = [c.source for c in nbformat.read(path, as_version=4).cells]
    strip_outputs(path)
    first = path.read_bytes()

    assert strip_outputs(path) is False
    assert path.read_bytes() == first
    assert [c.source for c in nbformat.read(path, as_version=4).cells] == sources
    assert "# 百千万工程 概览" in first.decode("utf-8")  # written as UTF-8, not \\u escapes


# --------------------------------------------------------------------------- sidecar


def test_references_path_is_beside_the_notebook():
    assert references_path(Path("/x/nb/02_regions.ipynb")) == Path(
        "/x/nb/references/02_regions.json"
    )
    assert references_path(NOTEBOOKS_DIR / "01_corpus_overview.ipynb") == (
        NOTEBOOKS_DIR / "references" / "01_corpus_overview.json"
    )


def test_write_references_is_deterministic(tmp_path):
    notebook = tmp_path / "01_x.ipynb"
    # insertion order is not sorted, and the text is Chinese
    refs = {
        "b2": {"outputs": [], "execution_count": 2},
        "a1": {"outputs": [dict(_stdout("共 2 篇\n"))], "execution_count": 3},
    }
    expected = (
        "{\n"
        ' "a1": {\n'
        '  "execution_count": 3,\n'
        '  "outputs": [\n'
        "   {\n"
        '    "name": "stdout",\n'
        '    "output_type": "stream",\n'
        '    "text": "共 2 篇\\n"\n'
        "   }\n"
        "  ]\n"
        " },\n"
        ' "b2": {\n'
        '  "execution_count": 2,\n'
        '  "outputs": []\n'
        " }\n"
        "}\n"
    )

    assert write_references(notebook, refs) is True
    sidecar = tmp_path / "references" / "01_x.json"
    assert sidecar.read_text(encoding="utf-8") == expected
    assert write_references(notebook, dict(reversed(refs.items()))) is False  # same bytes
    assert read_references(notebook) == refs


def test_read_references(tmp_path):
    notebook = tmp_path / "01_x.ipynb"
    assert read_references(notebook) == {}  # no sidecar: nothing stored
    (tmp_path / "references").mkdir()
    references_path(notebook).write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="not a JSON object"):
        read_references(notebook)


# --------------------------------------------------------------------------- merge + assemble


def test_merge_references_fills_tagged_cells_only():
    nb = new_notebook(
        cells=[
            _cell("CORPUS = None", "parameters", id="p1"),
            _cell("print(1)", id="u1"),
            _cell("print(2)", CHECK_TAG, id="t1"),
            _cell("print(3)", CHECK_TAG, id="t2"),
        ]
    )
    refs = {
        "t1": _ref(_stdout("2\n"), count=3),
        "u1": _ref(_stdout("1\n"), count=2),  # untagged: never merged
    }

    merged = merge_references(nb, refs)

    nbformat.validate(merged)
    p1, u1, t1, t2 = merged.cells
    assert [o.text for o in t1.outputs] == ["2\n"] and t1.execution_count == 3
    assert t1.outputs[0].output_type == "stream"  # a NotebookNode, attribute access works
    assert u1.outputs == [] and u1.execution_count is None
    assert t2.outputs == [] and t2.execution_count is None  # no reference: stays unrun
    assert p1.execution_count is None
    assert all(c.outputs == [] for c in nb.cells)  # the input is not modified


def test_assemble_for_nbval(tmp_path):
    src = tmp_path / "notebooks"
    src.mkdir()
    # 01: left with outputs from a Lab session, references in its sidecar
    first = _dirty_notebook(src / "01_a.ipynb", refs={"t1": _ref(_stdout("共 2 篇\n"), count=7)})
    second = _write(src / "02_b.ipynb", [_cell("CORPUS = None", "parameters")])  # no sidecar
    _write(src / "scratch.ipynb", [_cell("CORPUS = None", "parameters")])  # not numbered
    before = {p: p.read_bytes() for p in (first, second, references_path(first))}
    out = tmp_path / "build" / "nbval"
    out.mkdir(parents=True)
    _write(out / "09_gone.ipynb", [_cell("CORPUS = None", "parameters")])  # source removed
    (out / "keep.txt").write_text("not a notebook", encoding="utf-8")

    written = assemble_for_nbval(src, out)

    assert written == [out / "01_a.ipynb", out / "02_b.ipynb"]
    assert sorted(p.name for p in out.iterdir()) == ["01_a.ipynb", "02_b.ipynb", "keep.txt"]
    nb = nbformat.read(out / "01_a.ipynb", as_version=4)
    nbformat.validate(nb)
    _md, params, untagged, tagged = nb.cells
    assert [o.text for o in tagged.outputs] == ["共 2 篇\n"]  # the sidecar's, not Lab's
    assert tagged.execution_count == 7
    assert untagged.outputs == [] and untagged.execution_count is None  # Lab's leftovers
    assert params.execution_count is None
    assert "widgets" not in nb.metadata
    assert all(p.read_bytes() == data for p, data in before.items())  # sources untouched


def test_assemble_committed_notebooks(tmp_path):
    numbered = [p for p in list_notebooks(NOTEBOOKS_DIR) if p.name[:2].isdigit()]

    written = assemble_for_nbval(out_dir=tmp_path)

    assert [p.name for p in written] == [p.name for p in numbered]
    for src, copy in zip(numbered, written, strict=True):
        refs = read_references(src)
        tagged = [c for c in _code_cells(copy) if CHECK_TAG in c.metadata.get("tags", [])]
        assert tagged, f"{src.name} has no cell tagged {CHECK_TAG}"
        for cell in tagged:
            assert cell.execution_count == refs[cell.id]["execution_count"]
            assert [dict(o) for o in cell.outputs] == refs[cell.id]["outputs"]


def test_nbval_dir_is_git_ignored():
    assert NBVAL_DIR == PROJECT_ROOT / "build" / "nbval"
    ignored = (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "build/" in ignored


# --------------------------------------------------------------------------- check


def test_check_clean_reports_each_problem(tmp_path):
    path = _dirty_notebook(tmp_path / "01_dirty.ipynb")  # no sidecar
    problems = "\n".join(check_clean(path))
    assert "cell 2: has an execution count" in problems  # the parameters cell
    assert "cell 3: has outputs" in problems
    assert "cell 3: has an execution count" in problems
    assert "cell 4: has outputs" in problems  # tagged cells are committed stripped too
    assert "cell 4: has an execution count" in problems
    assert "cell 4: tagged 'nbval-check-output' but references/01_dirty.json holds no" in problems
    assert "cell 3: metadata holds 'execution'" in problems
    assert "notebook metadata holds 'widgets'" in problems
    assert "'parameters'" not in problems  # the parameters cell is fine


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
        (_stdout("<object at 0x7f3a2b4c5d60>\n"), "memory address"),
        (_stdout(f"read {PROJECT_ROOT}/data/raw\n"), "absolute path of this checkout"),
        (_stdout("cache in /tmp/bqw/x.pkl\n"), "absolute path"),
        (new_output("stream", name="stderr", text="Loading model cost 0.5 seconds.\n"), "stderr"),
        (
            new_output("error", ename="ValueError", evalue="x", traceback=[]),
            "stores an error output",
        ),
        (new_output("display_data", data={"image/png": PNG_B64}), "non-text output image/png"),
        (_stdout("2 篇文章, 31 段\n"), None),
        (new_output("execute_result", data={"text/plain": "   n\n0  2"}, execution_count=2), None),
    ],
)
def test_check_clean_flags_unstable_references(tmp_path, output, expected):
    path = _write(
        tmp_path / "nb.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("report()", CHECK_TAG, id="t1")],
        refs={"t1": _ref(output)},
    )
    problems = check_clean(path)
    if expected is None:
        assert problems == []
    else:
        assert any(
            expected in p and "cell 2 (reference in references/nb.json)" in p for p in problems
        ), problems


@pytest.mark.parametrize(
    ("refs", "expected"),
    [
        (None, "holds no reference for it (cell id t1)"),  # no sidecar at all
        ({}, "holds no reference for it (cell id t1)"),
        ({"t1": _ref(count=None)}, "has no execution count"),  # nbval would treat it as unrun
        ({"t1": _ref(_stdout("2\n"), count=None)}, "has no execution count"),
    ],
)
def test_check_clean_tagged_cell_without_reference(tmp_path, refs, expected):
    path = _write(
        tmp_path / "nb.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("print(2)", CHECK_TAG, id="t1")],
        refs=refs,
    )
    (problem,) = check_clean(path)
    assert expected in problem and "make nb-refs" in problem


def test_check_clean_tagged_cell_with_empty_reference_is_fine(tmp_path):
    # refreshed, and the cell printed nothing: nbval checks that it stays silent
    path = _write(
        tmp_path / "nb.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("x = 2", CHECK_TAG, id="t1")],
        refs={"t1": _ref(count=2)},
    )
    assert check_clean(path) == []


def test_check_clean_reports_references_of_untagged_or_missing_cells(tmp_path):
    path = _write(
        tmp_path / "nb.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("print(1)", id="u1")],
        refs={"u1": _ref(_stdout("1\n")), "gone": _ref(_stdout("0\n"))},
    )
    problems = check_clean(path)
    assert len(problems) == 2, problems
    assert "references/nb.json: holds a reference for cell id gone, which is not" in problems[0]
    assert "references/nb.json: holds a reference for cell id u1, which is not" in problems[1]


def test_check_clean_custom_tag(tmp_path):
    path = _write(
        tmp_path / "nb.ipynb",
        [
            _cell("CORPUS = None", "parameters"),
            _cell("1", "keep-me", id="k1"),
            _cell("2", CHECK_TAG, id="t1"),
        ],
        refs={"k1": _ref(_stdout("1\n"))},
    )
    assert check_clean(path, keep_tag="keep-me") == []
    # with the default tag, t1 needs a reference and k1's is stale
    missing, stale = check_clean(path)
    assert "cell 3: tagged 'nbval-check-output' but" in missing and "cell id t1" in missing
    assert "cell id k1, which is not a cell tagged 'nbval-check-output'" in stale


@pytest.mark.parametrize(
    ("sidecar", "expected"),
    [
        ("{not json", "references/nb.json: cannot be read"),
        ("[1, 2]", "references/nb.json: cannot be read"),
        ('{"t1": "2"}', "malformed reference"),
        ('{"t1": {"execution_count": 2, "outputs": 5}}', "malformed reference"),
        (
            '{"t1": {"execution_count": 2, "outputs": [{"output_type": "stream"}]}}',
            "references do not form valid outputs",
        ),
    ],
)
def test_check_clean_broken_sidecar(tmp_path, sidecar, expected):
    path = _write(
        tmp_path / "nb.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("print(2)", CHECK_TAG, id="t1")],
    )
    references_path(path).parent.mkdir()
    references_path(path).write_text(sidecar, encoding="utf-8")
    problems = check_clean(path)
    assert any(expected in p for p in problems), problems


def test_check_clean_unreadable_file(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{not json", encoding="utf-8")
    (problem,) = check_clean(path)
    assert "cannot be read as a notebook" in problem


# --------------------------------------------------------------------------- refs + nbval


def _refs_notebook(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return _write(
        folder / "01_refs.ipynb",
        [
            new_markdown_cell("# Reference test"),
            _cell("CORPUS = None", "parameters", id="params"),
            _cell("print('untagged output')", id="untagged"),
            _cell("print(CORPUS, '百千万工程', len('百千万工程'))", CHECK_TAG, id="printed"),
            _cell("{'n': 4}", CHECK_TAG, id="value"),
            _cell(
                "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\n"
                "plt.show()",
                CHECK_TAG,
                id="figure",
            ),
        ],
    )


def _nbval(folder: Path) -> subprocess.CompletedProcess:
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
            str(folder),
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_refresh_references_runs_in_the_notebook_folder(tmp_path):
    (tmp_path / "marker.txt").write_text("百千万工程\n", encoding="utf-8")
    path = _write(
        tmp_path / "nb.ipynb",
        [
            _cell("CORPUS = None", "parameters"),
            _cell(
                "from pathlib import Path\nprint(CORPUS, Path('marker.txt').read_text(encoding='utf-8'))",
                CHECK_TAG,
                id="t1",
            ),
        ],
    )

    assert refresh_references(path) == []

    # ran in the notebook's folder (read marker.txt) with the default CORPUS = None
    assert read_references(path) == {"t1": _ref(_stdout("None 百千万工程\n\n"), count=2)}


def test_refresh_references_without_tagged_cells_writes_no_sidecar(tmp_path):
    path = _write(tmp_path / "scratch.ipynb", [_cell("CORPUS = None", "parameters"), _cell("1")])
    assert refresh_references(path) == []
    assert not (tmp_path / "references").exists()
    assert all(c.outputs == [] and c.execution_count is None for c in _code_cells(path))


def test_refresh_references_then_nbval_passes(tmp_path):
    path = _refs_notebook(tmp_path / "notebooks")
    # an outdated reference and one of a cell that no longer exists
    write_references(path, {"printed": _ref(_stdout("old\n")), "deleted": _ref(_stdout("x\n"))})

    problems = refresh_references(path)

    assert problems == []
    refs = read_references(path)
    assert sorted(refs) == ["figure", "printed", "value"]  # tagged cells only; stale dropped
    assert refs["printed"] == _ref(_stdout("None 百千万工程 5\n"), count=3)
    (value,) = refs["value"]["outputs"]
    assert value["output_type"] == "execute_result" and value["data"] == {"text/plain": "{'n': 4}"}
    # the figure is stored as text only; the image is not a reference
    assert refs["figure"]["outputs"], "the figure's text form is the reference"
    assert all("image/png" not in o.get("data", {}) for o in refs["figure"]["outputs"])
    # the notebook itself is written fully stripped
    assert '"output_type"' not in path.read_text(encoding="utf-8")
    assert all(c.outputs == [] and c.execution_count is None for c in _code_cells(path))

    build = tmp_path / "build" / "nbval"
    assemble_for_nbval(path.parent, build)
    run = _nbval(build)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "5 passed" in run.stdout  # one item per code cell


def test_nbval_fails_when_reference_is_wrong(tmp_path):
    path = _refs_notebook(tmp_path / "notebooks")
    refresh_references(path)
    refs = read_references(path)
    refs["printed"]["outputs"][0]["text"] = "None 百千万工程 4\n"
    write_references(path, refs)

    build = tmp_path / "build" / "nbval"
    assemble_for_nbval(path.parent, build)
    run = _nbval(build)

    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed" in run.stdout
    assert "None 百千万工程 4" in run.stdout  # the stored reference nbval compared against


def test_refresh_references_leaves_files_alone_on_error(tmp_path):
    from nbclient.exceptions import CellExecutionError

    path = _write(
        tmp_path / "nb.ipynb",
        [
            _cell("CORPUS = None", "parameters"),
            _cell("raise RuntimeError('boom')", CHECK_TAG, id="t1"),
        ],
        refs={"t1": _ref(_stdout("kept\n"))},
    )
    before = path.read_bytes(), references_path(path).read_bytes()
    with pytest.raises(CellExecutionError, match="boom"):
        refresh_references(path)
    assert (path.read_bytes(), references_path(path).read_bytes()) == before


def test_refresh_references_needs_cell_ids(tmp_path):
    # nbformat 4.4 and older have no cell ids, so the sidecar has nothing to key on
    path = tmp_path / "old.ipynb"
    old = {
        "nbformat": 4,
        "nbformat_minor": 4,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {"tags": [CHECK_TAG]},
                "outputs": [],
                "source": "print(1)",
            }
        ],
    }
    path.write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(ValueError, match="no cell id"):
        refresh_references(path)
    assert any("has no cell id" in p for p in check_clean(path))


def test_nbtools_command_line(tmp_path, capsys):
    path = _dirty_notebook(tmp_path / "01_dirty.ipynb")
    assert main(["check", str(path)]) == 1
    assert "has outputs" in capsys.readouterr().err
    assert main(["strip", str(path)]) == 1  # stripped, but the tagged cell has no reference
    assert "make nb-refs" in capsys.readouterr().err
    write_references(path, {"t1": _ref(_stdout("共 2 篇\n"))})
    assert main(["check", str(path)]) == 0
    assert main(["check", str(tmp_path / "missing.ipynb")]) == 2
    capsys.readouterr()

    out = tmp_path / "nbval"
    assert main(["assemble", "--out", str(out)]) == 0  # the committed notebooks
    printed = capsys.readouterr().out
    numbered = [p.name for p in list_notebooks(NOTEBOOKS_DIR) if p.name[:2].isdigit()]
    assert sorted(p.name for p in out.glob("*.ipynb")) == numbered
    assert all(f"assembled {out / name}" in printed for name in numbered)

    with pytest.raises(SystemExit):  # assemble writes every numbered notebook, takes none
        main(["assemble", str(path)])
    with pytest.raises(SystemExit):
        main(["check", "--out", str(out), str(path)])


def test_assemble_command_fails_on_a_tagged_cell_without_reference(tmp_path, capsys):
    src = tmp_path / "notebooks"
    src.mkdir()
    _write(
        src / "01_x.ipynb",
        [_cell("CORPUS = None", "parameters"), _cell("print(2)", CHECK_TAG, id="t1")],
    )
    # nbval would run that cell without comparing anything: refuse
    assert _assemble_command(tmp_path / "out", notebooks_dir=src) == 1
    assert "01_x.ipynb: cell 2 is tagged" in capsys.readouterr().err
    write_references(src / "01_x.ipynb", {"t1": _ref(_stdout("2\n"))})
    assert _assemble_command(tmp_path / "out", notebooks_dir=src) == 0
    assert _assemble_command(tmp_path / "out", notebooks_dir=tmp_path / "empty") == 2


# --------------------------------------------------------------------------- committed notebooks

COMMITTED = list_notebooks(NOTEBOOKS_DIR)


def test_project_has_numbered_notebooks():
    numbered = [p for p in COMMITTED if p.name[:2].isdigit() and p.name[2] == "_"]
    assert numbered, f"no NN_*.ipynb notebooks in {NOTEBOOKS_DIR}"


@pytest.mark.parametrize("path", COMMITTED, ids=[p.name for p in COMMITTED])
def test_committed_notebook_is_clean(path):
    problems = check_clean(path)
    assert problems == [], "run `make nb-strip` / `make nb-refs`:\n" + "\n".join(problems)
    assert '"output_type"' not in path.read_text(encoding="utf-8")
