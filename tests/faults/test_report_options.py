"""bqw report and bqw ingest refuse bad options with one clear line, before any notebook runs."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from bqw_research import cli
from bqw_research.report import runner


def _notebook(path: Path, params: str) -> None:
    cell = new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    log = new_code_cell("open('ran.txt', 'a').write('ran\\n')")
    nb = new_notebook(cells=[cell, log])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """Two notebooks that record a run in ran.txt, a corpus with one article, a file."""
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs / "01_overview.ipynb", "CORPUS = None\nMANIFEST = None")
    _notebook(nbs / "02_regions.ipynb", "CORPUS = None\nCITY = None\nTOP_KEYWORDS = 10")
    real = runner.run_report

    def run_report(*args, **kwargs):
        return real(*args, notebooks_dir=nbs, **kwargs)

    import bqw_research.report as report

    monkeypatch.setattr(report, "run_report", run_report)
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "maoming.txt").write_text(
        "茂名推进百千万工程，镇村面貌焕然一新。\n", encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("不是文件夹", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path, nbs


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["-p", "CTIY", "茂名"],
            "-p CTIY: no such parameter in 01_overview, 02_regions "
            "(their parameters: CITY, TOP_KEYWORDS)",
        ),
        (
            ["--notebooks", "02", "-p", "MANIFEST", "x.csv"],
            "-p MANIFEST: set it with --manifest",
        ),
        (["-p", "CORPUS", "elsewhere"], "-p CORPUS: set it with --corpus"),
        (
            ["--notebooks", "01", "-p", "CITY", "茂名"],
            "-p CITY: no such parameter in 01_overview (their parameters: none)",
        ),
        (
            ["--notebooks", "05"],
            "--notebooks: no notebook '05' (there are: 01_overview, 02_regions)",
        ),
        (["--notebooks", "02,regions"], "--notebooks: no notebook 'regions' (there are: "),
        (["--formats", "png,gif"], "--formats: figure formats 'png,gif': use a comma list of "),
        (["--out", "notes.txt"], "output is not a folder: notes.txt"),
        (["--out", "notes.txt/report"], "--out notes.txt/report: cannot write there ("),
        (["--manifest", "missing.csv"], "manifest not found: missing.csv"),
    ],
    ids=[
        "unknown-parameter",
        "reserved-manifest",
        "reserved-corpus",
        "parameter-not-in-chosen",
        "unknown-notebook",
        "unknown-stem",
        "unknown-format",
        "out-is-a-file",
        "out-under-a-file",
        "missing-manifest",
    ],
)
def test_bad_option_is_one_line_and_nothing_runs(setup, capsys, argv, message):
    _base, nbs = setup
    status = cli.main(["report", "--corpus", "articles", "--out", "out", *argv])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"bqw report: error: {message}"), err
    assert err.count("\n") == 1  # one line, no traceback
    assert not (nbs / "ran.txt").exists()


@pytest.mark.parametrize(
    "content",
    [
        {},  # an empty folder
        {
            "slides.pptx": b"PK\x03\x04",
            "photo.jpg": b"\xff\xd8\xff",
        },  # nothing readable as articles
    ],
    ids=["empty", "no-supported-files"],
)
def test_corpus_without_articles_is_refused_once(setup, capsys, content):
    base, nbs = setup
    empty = base / "empty"
    empty.mkdir()
    for name, data in content.items():
        (empty / name).write_bytes(data)
    status = cli.main(["report", "--corpus", str(empty), "--out", "out"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("bqw report: error: no articles to report on: ")
    assert "no supported files" in err and err.count("\n") == 1
    assert not (nbs / "ran.txt").exists()  # checked before the first notebook


def test_unwritable_out_is_refused(setup, capsys, monkeypatch):
    _base, nbs = setup

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    # (running as root, a read-only folder would still be writable: refuse the probe instead)
    monkeypatch.setattr(runner.tempfile, "TemporaryFile", refuse)
    status = cli.main(["report", "--corpus", "articles", "--out", "locked"])
    err = capsys.readouterr().err
    assert status == 2
    assert err == "bqw report: error: --out locked: cannot write there (permission denied)\n"
    assert not (nbs / "ran.txt").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_out_is_refused(setup, capsys):
    base, _nbs = setup
    locked = base / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        status = cli.main(["report", "--corpus", "articles", "--out", str(locked)])
    finally:
        locked.chmod(0o700)
    assert status == 2
    assert "cannot write there (permission denied)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("formats", "message"),
    [
        (["--format", "parquet,docx"], "--format docx: not a table format (choose from parquet, "),
        (["--format", "xls"], "--format xls: not a table format"),
    ],
)
def test_ingest_unknown_format(tmp_path, capsys, formats, message):
    src = tmp_path / "articles"
    src.mkdir()
    (src / "a.txt").write_text("茂名推进百千万工程。\n", encoding="utf-8")
    status = cli.main(["ingest", str(src), "-o", str(tmp_path / "o"), *formats])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith(f"bqw ingest: error: {message}")
    assert not (tmp_path / "o").exists()  # refused before loading anything
