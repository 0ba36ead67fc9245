"""Outputs and the cache folder: never into data/raw or the corpus read; clear one-line errors.

``bqw report --out`` / ``bqw ingest -o`` inside the corpus (or data/raw) or on
a file, and ``$BQW_CACHE_DIR`` on a file, stop with exit status 2 and one line
on stderr before anything is written; data/raw's integrity check names files
its SHA256SUMS does not list.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.cli import main
from bqw_research.corpus.integrity import verify_checksums
from bqw_research.tokens import reference

ARTICLE = "# 标题{n}\n\n　　“百千万工程”第{n}篇正文，内容是关于县域经济的报道。\n"


def _snapshot(folder):
    return sorted(
        (p.relative_to(folder).as_posix(), p.stat().st_mtime_ns) for p in folder.rglob("*")
    )


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "文章"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"{n}.md").write_text(ARTICLE.format(n=n), encoding="utf-8")
    (tmp_path / "a-file").write_text("不是文件夹", encoding="utf-8")
    return folder


RAW = "output {out} is inside {raw}, the shipped corpus, which is never written to"
INSIDE = (
    "output {out} is inside the corpus folder being read ({corpus}): its files would be read "
    "as articles next time; choose a folder outside it"
)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "--out", "{raw}"], RAW),
        (["report", "--out", "{raw}/报告"], RAW),
        (["report", "--corpus", "{corpus}", "--out", "{corpus}"], INSIDE),
        (["report", "--corpus", "{corpus}", "--out", "{corpus}/子/报告"], INSIDE),
        (
            ["report", "--corpus", "{corpus}", "--out", "{tmp}/a-file"],
            "output is not a folder: {out}",
        ),
        (["ingest", "{corpus}", "-o", "{corpus}"], INSIDE),
        (["ingest", "{corpus}", "-o", "{corpus}/表"], INSIDE),
        (["ingest", "{corpus}", "-o", "{raw}"], RAW),
        (["ingest", "{raw}", "-o", "{raw}/表"], RAW),
        (["ingest", "{corpus}", "-o", "{tmp}/a-file"], "output is not a folder: {out}"),
    ],
)
def test_output_into_the_corpus_raw_data_or_a_file_is_refused(
    tmp_path, corpus, capsys, argv, message
):
    names = {"raw": str(config.RAW_DIR), "corpus": str(corpus), "tmp": str(tmp_path)}
    args = [a.format(**names) for a in argv]
    out = args[args.index("--out" if "--out" in args else "-o") + 1]
    raw_before, corpus_before = _snapshot(config.RAW_DIR), _snapshot(corpus)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err == f"bqw {args[0]}: error: {message.format(out=out, **names)}\n"
    assert _snapshot(config.RAW_DIR) == raw_before and _snapshot(corpus) == corpus_before
    assert verify_checksums(config.RAW_DIR) == []


@pytest.mark.parametrize("engine", ["exact", "jieba"])
def test_cache_dir_on_a_file_does_not_matter_without_cache(tmp_path, corpus, monkeypatch, engine):
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "a-file"))
    reference.clear_tokenizers()  # the jieba engine builds its dictionary again
    try:
        argv = ["ingest", str(corpus), "-o", str(tmp_path / "out"), "--workers", "1"]
        assert main([*argv, "--no-cache", "--engine", engine]) == 0
    finally:
        reference.clear_tokenizers()
    got = pd.read_parquet(tmp_path / "out" / "corpus.parquet")
    assert got["doc_id"].tolist() == ["1", "2"]


def test_cache_dir_on_a_file_is_a_one_line_error(tmp_path, corpus, monkeypatch, capsys):
    cache = tmp_path / "a-file"
    monkeypatch.setenv("BQW_CACHE_DIR", str(cache))
    assert main(["ingest", str(corpus), "-o", str(tmp_path / "out"), "--workers", "1"]) == 2
    assert capsys.readouterr().err == (
        f"bqw ingest: error: $BQW_CACHE_DIR={cache}: not a folder (a file is there); "
        "point it at a folder\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.fixture
def raw_copy(tmp_path):
    folder = tmp_path / "raw"
    shutil.copytree(config.RAW_DIR, folder)
    return folder


@pytest.mark.parametrize(
    ("change", "problems"),
    [
        (lambda d: None, []),
        (
            lambda d: (d / "index.html").write_text("<p>报告</p>", encoding="utf-8"),
            ["index.html: not listed in SHA256SUMS"],
        ),
        (
            lambda d: (d / "figures").mkdir() or (d / "figures" / "图.png").write_bytes(b"\x89PNG"),
            ["figures/图.png: not listed in SHA256SUMS"],
        ),
        (
            lambda d: (d / "000_ad59bfa3dca04c59.txt").write_text("改过的正文", encoding="utf-8"),
            ["000_ad59bfa3dca04c59.txt: changed (SHA-256 differs from SHA256SUMS)"],
        ),
        (
            lambda d: (d / "001_c6905cedc614910f.txt").unlink(),
            ["001_c6905cedc614910f.txt: listed in SHA256SUMS but missing"],
        ),
    ],
)
def test_integrity_check_names_changed_missing_and_unlisted_files(raw_copy, change, problems):
    change(raw_copy)
    assert verify_checksums(raw_copy) == problems
