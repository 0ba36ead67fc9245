"""The notebook report runner, on tiny notebooks written into tmp_path."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from bqw_research.report import find_notebooks, run_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def write_article(folder: Path) -> Path:
    """One short Chinese article in *folder* (the runner refuses a corpus without articles)."""
    path = folder / "茂名.md"
    path.write_text("# 茂名推进百千万工程\n\n镇村面貌焕然一新。\n", encoding="utf-8")
    return path


def _params(source: str = "CORPUS = None") -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    return cell


def _write(path: Path, cells) -> Path:
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def _log_run(name: str) -> nbformat.NotebookNode:
    """A cell that appends the notebook's name and CORPUS to run.log in the cwd."""
    return new_code_cell(
        "import json\n"
        "with open('run.log', 'a', encoding='utf-8') as fh:\n"
        f"    fh.write(json.dumps([{name!r}, CORPUS]) + '\\n')"
    )


def make_notebooks(folder: Path) -> Path:
    """Three numbered notebooks (the second fails) plus two that must be ignored.

    Written in reverse order so that file-system order is not name order.
    """
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder / "03_last.ipynb",
        [
            new_markdown_cell("# Last notebook"),
            _params(),
            _log_run("03_last"),
            new_code_cell(
                "import os, pathlib\n"
                "pages = pathlib.Path(os.environ['BQW_OUT_DIR']) / 'explorers'\n"
                "pages.mkdir(exist_ok=True)\n"
                "name = os.environ['BQW_NOTEBOOK'] + '_city_茂名_vs_湛江.html'\n"
                "(pages / name).write_text('<html>茂名</html>', encoding='utf-8')"
            ),
            new_code_cell("print('done')"),
        ],
    )
    _write(
        folder / "02_fails.ipynb",
        [
            _params(),
            _log_run("02_fails"),
            new_code_cell("raise ValueError('bad <script>alert(2)</script> data')"),
            new_code_cell("print('never reached')"),
        ],
    )
    _write(
        folder / "01_first.ipynb",
        [
            new_markdown_cell("Intro text.\n\n## 概览 <script>alert(1)</script>\n"),
            _params('CORPUS = "default"'),
            _log_run("01_first"),
            new_code_cell("import sys\nprint(sys.executable)"),
            new_code_cell("print('<script>alert(3)</script>')"),
            new_code_cell(
                "import matplotlib.pyplot as plt\n"
                "fig, ax = plt.subplots(figsize=(4, 3))\nax.plot([1, 3, 2])\nplt.show()\n"
                "fig, ax = plt.subplots(figsize=(4, 3))\nax.bar([1, 2], [2, 1])\nplt.show()"
            ),
        ],
    )
    _write(folder / "notes.ipynb", [_params(), new_code_cell("raise SystemExit('not run')")])
    _write(folder / "1_short.ipynb", [_params(), new_code_cell("raise SystemExit('not run')")])
    return folder


def _cell_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") or json.dumps(out.get("data", {})))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    notebooks = make_notebooks(base / "notebooks")
    corpus = base / "my corpus"
    corpus.mkdir()
    write_article(corpus)
    out = base / "out"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "01_first_7.png").write_bytes(b"stale")  # from an earlier run
    (out / "figures" / "01_first_extra_1.png").write_bytes(b"other")  # not this notebook's
    (out / "03_last.html").write_text("stale", encoding="utf-8")
    (out / "explorers").mkdir()
    (out / "explorers" / "03_last_region_粤西_vs_rest.html").write_text("stale", encoding="utf-8")
    (out / "explorers" / "region_粤西_vs_rest.html").write_text("kept", encoding="utf-8")
    result = run_report(corpus, out=out, notebooks_dir=notebooks, progress=False, jobs=1)
    return result, base, corpus.resolve(), out.resolve()


def test_find_notebooks_in_name_order(tmp_path):
    folder = make_notebooks(tmp_path / "nbs")
    assert [p.name for p in find_notebooks(folder)] == [
        "01_first.ipynb",
        "02_fails.ipynb",
        "03_last.ipynb",
    ]


def test_runs_in_order_in_notebooks_dir_with_corpus(report):
    result, base, corpus, _ = report
    assert [nb.name for nb in result.notebooks] == ["01_first", "02_fails", "03_last"]
    log = (base / "notebooks" / "run.log").read_text(encoding="utf-8").splitlines()
    # cwd was the notebooks folder; CORPUS was injected as an absolute path string
    assert [json.loads(line) for line in log] == [
        ["01_first", str(corpus)],
        ["02_fails", str(corpus)],
        ["03_last", str(corpus)],
    ]
    assert result.corpus == str(corpus)


@pytest.mark.parametrize("locks", [True, False])
def test_notebooks_run_side_by_side(tmp_path, monkeypatch, locks):
    """Side by side from the start where loads are built under a lock; without build
    locks (Windows) the first notebook runs alone and fills the cache first."""
    import bqw_research.report.runner as runner

    monkeypatch.setattr(runner, "BUILD_LOCKS", locks)
    notebooks = make_notebooks(tmp_path / "notebooks")
    result = run_report(None, out=tmp_path / "out", notebooks_dir=notebooks, progress=False, jobs=2)
    assert [nb.name for nb in result.notebooks] == ["01_first", "02_fails", "03_last"]
    log = [json.loads(line)[0] for line in (notebooks / "run.log").read_text().splitlines()]
    assert sorted(log) == ["01_first", "02_fails", "03_last"]
    if not locks:
        assert log[0] == "01_first"
    assert [nb.status for nb in result.notebooks] == ["ok", "failed", "ok"]


def test_side_by_side_kernels_start_in_notebooks_dir_and_leave_cwd_alone(tmp_path, monkeypatch):
    """Each kernel starts in the notebooks folder, whichever thread starts it, and the
    report leaves this process's working directory as it found it (papermill's cwd=
    would chdir the whole process from each thread: a race between notebooks)."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for i in range(1, 7):
        _write(
            notebooks / f"0{i}_where.ipynb",
            [_params(), new_code_cell(f"import os\nopen('0{i}.cwd', 'w').write(os.getcwd())")],
        )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    result = run_report(None, out=tmp_path / "out", notebooks_dir=notebooks, progress=False, jobs=3)

    assert [nb.status for nb in result.notebooks] == ["ok"] * 6
    seen = {p.name: p.read_text() for p in sorted(notebooks.glob("*.cwd"))}
    assert seen == {f"0{i}.cwd": str(notebooks) for i in range(1, 7)}
    assert not list(elsewhere.iterdir())
    assert Path.cwd() == elsewhere


def test_failure_is_recorded_and_others_still_run(report):
    result, *_ = report
    statuses = {nb.name: nb.status for nb in result.notebooks}
    assert statuses == {"01_first": "ok", "02_fails": "failed", "03_last": "ok"}
    assert not result.ok
    assert [nb.name for nb in result.failed] == ["02_fails"]
    failed = result.failed[0]
    assert failed.error.startswith("ValueError: bad <script>alert(2)</script> data")
    executed = nbformat.read(failed.ipynb, as_version=4)
    assert "never reached" not in _cell_text(executed)
    assert all(nb.duration > 0 for nb in result.notebooks)


def test_executed_notebooks_use_current_interpreter(report):
    result, *_ = report
    first = nbformat.read(result.notebooks[0].ipynb, as_version=4)
    assert sys.executable in _cell_text(first)
    injected = [c for c in first.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "CORPUS = " in injected[0].source


def test_outputs_written(report):
    result, _, _, out = report
    for nb in result.notebooks:
        assert nb.ipynb == out / f"{nb.name}.ipynb" and nb.ipynb.is_file()
        assert nb.html == out / f"{nb.name}.html" and nb.html.is_file()
    page = (out / "01_first.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "ax.bar([1, 2], [2, 1])" in text  # inputs are shown (syntax-highlighted)
    assert "stale" not in (out / "03_last.html").read_text(encoding="utf-8")
    assert (out / "index.html").is_file()


def test_figures_extracted_and_stale_ones_removed(report):
    result, _, _, out = report
    first = result.notebooks[0]
    assert [p.name for p in first.figures] == ["01_first_1.png", "01_first_2.png"]
    for fig in first.figures:
        assert fig.parent == out / "figures"
        assert fig.read_bytes().startswith(PNG_MAGIC)
    assert not (out / "figures" / "01_first_7.png").exists()
    assert (out / "figures" / "01_first_extra_1.png").exists()
    assert [nb.figures for nb in result.notebooks[1:]] == [[], []]
    for thumb in first.thumbnails:
        assert thumb.is_file() and thumb.read_bytes().startswith(PNG_MAGIC)


def test_explorer_pages_linked_from_their_notebook_and_stale_ones_removed(report):
    result, _, _, out = report
    last = result.notebooks[2]
    assert [p.name for p in last.explorers] == ["03_last_city_茂名_vs_湛江.html"]
    assert [nb.explorers for nb in result.notebooks[:2]] == [[], []]
    assert not (out / "explorers" / "03_last_region_粤西_vs_rest.html").exists()
    assert (out / "explorers" / "region_粤西_vs_rest.html").exists()  # not a notebook's page
    page = (out / "index.html").read_text(encoding="utf-8")
    href = quote("explorers/03_last_city_茂名_vs_湛江.html")
    assert f'<a href="{href}">explorer: city_茂名_vs_湛江</a>' in page


def test_index_lists_notebooks_escaped_with_thumbnails(report):
    result, _, corpus, out = report
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page  # every title, error and output text is escaped
    assert "概览 &lt;script&gt;alert(1)&lt;/script&gt;" in page  # title: first heading
    assert "ValueError: bad &lt;script&gt;alert(2)&lt;/script&gt; data" in page
    assert "Last notebook" in page
    for name in ("01_first", "02_fails", "03_last"):
        assert f'href="{name}.html"' in page and f'href="{name}.ipynb"' in page
    assert page.count('class="ok"') == 2 and page.count('class="failed"') == 1
    assert f"<dd>{html.escape(str(corpus))}</dd>" in page  # the corpus used
    assert '<a href="figures/01_first_1.png"><img src="figures/thumbs/01_first_1.png"' in page
    assert '<a href="figures/01_first_2.png">' in page
    assert "notes" not in page and "1_short" not in page
    assert result.version in page
    assert result.started.isoformat(timespec="seconds") in page


def test_shipped_corpus_passes_none(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _write(folder / "01_only.ipynb", [_params('CORPUS = "x"'), _log_run("01_only")])
    result = run_report(None, out=tmp_path / "out", notebooks_dir=folder, progress=False)
    assert result.ok and result.corpus is None
    assert json.loads((folder / "run.log").read_text(encoding="utf-8")) == ["01_only", None]
    assert "shipped corpus" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_progress_lines_when_not_a_tty(tmp_path, capsys):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _write(folder / "01_only.ipynb", [_params(), new_code_cell("1 + 1")])
    run_report(None, out=tmp_path / "out", notebooks_dir=folder, progress=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ok     01_only (")


def test_missing_corpus_and_empty_notebooks_dir(tmp_path):
    make_notebooks(tmp_path / "nbs")
    with pytest.raises(FileNotFoundError, match="corpus not found"):
        run_report(tmp_path / "nope", out=tmp_path / "out", notebooks_dir=tmp_path / "nbs")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no notebooks"):
        run_report(None, out=tmp_path / "out", notebooks_dir=tmp_path / "empty")


def test_notebook_without_parameters_cell_warns_but_runs(tmp_path, capsys):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _write(
        folder / "01_noparams.ipynb",
        [new_code_cell("print(CORPUS)")],  # papermill injects CORPUS at the top
    )
    corpus = tmp_path / "c"
    corpus.mkdir()
    write_article(corpus)
    result = run_report(corpus, out=tmp_path / "out", notebooks_dir=folder, progress=True)
    (nb,) = result.notebooks
    assert nb.ok
    assert nb.warning == "no 'parameters' cell defining CORPUS: the corpus was injected at the top"
    assert str(corpus) in _cell_text(nbformat.read(nb.ipynb, as_version=4))
    assert "warning: no &#x27;parameters&#x27; cell" in (tmp_path / "out" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "(warning: no 'parameters' cell" in capsys.readouterr().out
