"""Bad entries in a corpus folder: each gives the clean run's tables plus a named problem.

Named pipes, devices, links to outside the folder and folders that cannot be
read are listed in ``corpus_problems`` and never opened in a blocking way; a
file name that is not UTF-8 and UTF-16 text without a BOM load. Every load runs
in a thread with a time limit, so a regression that blocks fails the test
instead of hanging the run.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
import warnings
from pathlib import Path

import pandas as pd
import pytest

from bqw_research import cli, corpus_paragraphs, corpus_sentences, load_corpus
from bqw_research.config import RAW_DIR
from bqw_research.corpus.errors import CorpusError
from bqw_research.corpus.load import plan_corpus
from bqw_research.scale.digests import FileDigests, NotRegularFile, file_sha256

#: Seconds a load of two short articles may take before it counts as blocked.
LIMIT = 60
#: ``广东.md`` as an old Windows zip names it: GBK bytes, not UTF-8.
GBK_NAME = "广东.md".encode("gbk")


def _within_limit(call, *args, **kwargs):
    """``call(*args, **kwargs)`` in a daemon thread; fails the test if it has not returned
    within :data:`LIMIT` seconds (a blocked read), re-raises what it raised."""
    out: dict = {}

    def run() -> None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out["value"] = call(*args, **kwargs)
        except BaseException as err:  # handed to the test below
            out["error"] = err

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(LIMIT)
    if worker.is_alive():
        pytest.fail(f"{getattr(call, '__name__', call)} still running after {LIMIT} s (blocked)")
    if "error" in out:
        raise out["error"]
    return out["value"]


def _load(folder: Path, **options) -> pd.DataFrame:
    return _within_limit(load_corpus, folder, workers=1, cache=False, **options)


def _tables(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {
        "corpus": corpus.reset_index(drop=True),
        "paragraphs": corpus_paragraphs(corpus).reset_index(drop=True),
        "sentences": corpus_sentences(corpus).reset_index(drop=True),
    }


def _assert_same_tables(got: pd.DataFrame, want: pd.DataFrame, *, ignore=()) -> None:
    for name, table in _tables(want).items():
        pd.testing.assert_frame_equal(
            _tables(got)[name].drop(columns=list(ignore), errors="ignore"),
            table.drop(columns=list(ignore), errors="ignore"),
            obj=name,
        )


@pytest.fixture
def articles(tmp_path) -> Path:
    """A folder with the two shipped (real, Chinese) articles; nothing else."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in sorted(RAW_DIR.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture
def clean(articles) -> pd.DataFrame:
    return _load(articles)


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "x.md")
    return folder / "x.md"


def _link(target: str, name: str):
    def make(folder: Path) -> Path:
        os.symlink(target, folder / name)
        return folder / name

    return make


def _link_to_outside(folder: Path) -> Path:
    outside = folder.parent / "outside.md"
    outside.write_text("# 外部文件\n\n这不是语料库的一部分。\n", encoding="utf-8")
    return _link(str(outside), "a.md")(folder)


def _broken_link(folder: Path) -> Path:
    return _link(str(folder / "gone.md"), "broken.md")(folder)


def _link_to_outside_folder(folder: Path) -> Path:
    outside = folder.parent / "elsewhere"
    outside.mkdir()
    (outside / "外部.md").write_text("# 外部\n\n这不是语料库的一部分。\n", encoding="utf-8")
    return _link(str(outside), "more")(folder)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(_fifo, "not a regular file: named pipe", id="named-pipe"),
        pytest.param(
            _link("/dev/zero", "zero.md"),
            "not a regular file: character device (symlink to /dev/zero)",
            id="dev-zero",
        ),
        pytest.param(
            _link("/dev/urandom", "random.txt"),
            "not a regular file: character device (symlink to /dev/urandom)",
            id="dev-urandom",
        ),
        pytest.param(
            _link_to_outside,
            "outside.md outside the corpus folder; pass follow_links=True",
            id="link-outside",
        ),
        pytest.param(
            _link_to_outside_folder,
            "elsewhere outside the corpus folder; pass follow_links=True",
            id="folder-link-outside",
        ),
        pytest.param(_broken_link, "broken symlink to ", id="broken-link"),
    ],
)
def test_unreadable_entry_is_a_problem_and_the_rest_loads(articles, clean, make, reason):
    bad = make(articles)
    got = _load(articles)
    _assert_same_tables(got, clean)
    problems = got.attrs["problems"]
    assert [p["path"] for p in problems] == [str(bad)]
    assert reason in problems[0]["reason"]


@pytest.mark.parametrize(
    ("make", "n_more"),
    [
        pytest.param(_link_to_outside, 1, id="link-outside"),
        pytest.param(_link_to_outside_folder, 1, id="folder-link-outside"),
        pytest.param(_link("/dev/zero", "zero.md"), 0, id="dev-zero-still-refused"),
    ],
)
def test_follow_links_reads_links_to_outside_but_never_devices(articles, clean, make, n_more):
    make(articles)
    got = _load(articles, follow_links=True)
    assert len(got) == len(clean) + n_more
    assert set(clean["doc_id"]) <= set(got["doc_id"])
    assert len(got.attrs["problems"]) == 1 - n_more


def test_link_to_a_file_inside_is_read(articles):
    inner = articles / "sub"
    inner.mkdir()
    (inner / "短文.md").write_text("# 短文\n\n百千万工程是一项系统工程。\n", encoding="utf-8")
    (inner / "另文.text").write_text("# 另文\n\n高质量发展是首要任务。\n", encoding="utf-8")
    os.symlink(inner / "另文.text", articles / "链接.md")  # read under the link's name
    os.symlink(inner, articles / "again")  # a folder inside: read once, where it is
    got = _load(articles)
    assert {"sub/短文", "链接"} <= set(got["doc_id"])
    assert not any("again" in d for d in got["doc_id"])
    # the link's target has no article suffix: listed as such, read only through the link
    assert got.attrs["problems"] == [
        {
            "path": str(inner / "另文.text"),
            "reason": "unsupported file type .text: convert it to .docx/.pdf/.txt",
        }
    ]


def test_follow_links_changes_the_cache_key(articles, tmp_path, monkeypatch):
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "cache"))
    _link_to_outside(articles)
    strict = _within_limit(load_corpus, articles, workers=1)
    followed = _within_limit(load_corpus, articles, workers=1, follow_links=True)
    strict_again = _within_limit(load_corpus, articles, workers=1)
    assert len(followed) == len(strict) + 1
    assert strict_again["doc_id"].tolist() == strict["doc_id"].tolist()
    assert len(strict_again.attrs["problems"]) == 1


def _deny(folder_name: str, monkeypatch) -> None:
    """``os.scandir`` of a folder called ``folder_name`` fails as ``chmod 000`` makes it
    fail for anyone but root (tests run as root, where it is still readable)."""
    scandir = os.scandir

    def denied(path="."):
        if os.path.basename(os.fspath(path)) == folder_name:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)


def test_folder_that_cannot_be_read_is_a_problem(articles, clean, monkeypatch):
    locked = articles / "锁定"
    locked.mkdir()
    (locked / "看不到.md").write_text("# 看不到\n\n正文。\n", encoding="utf-8")
    _deny("锁定", monkeypatch)
    got = _load(articles)
    _assert_same_tables(got, clean)
    assert got.attrs["problems"] == [
        {"path": str(locked), "reason": "cannot read folder: Permission denied"}
    ]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000")
def test_chmod_000_folder_is_a_problem(articles, clean):
    locked = articles / "锁定"
    locked.mkdir()
    (locked / "看不到.md").write_text("# 看不到\n\n正文。\n", encoding="utf-8")
    locked.chmod(0)
    try:
        got = _load(articles)
    finally:
        locked.chmod(stat.S_IRWXU)
    _assert_same_tables(got, clean)
    assert got.attrs["problems"][0]["reason"] == "cannot read folder: Permission denied"


def _rename_first(folder: Path, name: bytes) -> None:
    """Give the first article the file name ``name`` (raw bytes, as a zip may leave it)."""
    first = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))[0]
    os.rename(first, os.path.join(os.fsencode(folder), name))


def test_file_name_in_gbk_loads_under_its_readable_name(articles):
    _rename_first(articles, "广东.md".encode())
    want = _load(articles)
    os.rename(articles / "广东.md", os.path.join(os.fsencode(articles), GBK_NAME))
    got = _load(articles)
    assert "广东" in got["doc_id"].tolist()
    assert str(articles / "广东.md") in got["path"].tolist()
    _assert_same_tables(got, want)


def test_file_name_in_gbk_through_bqw_ingest(articles, tmp_path):
    _rename_first(articles, GBK_NAME)
    out = tmp_path / "out"
    status = _within_limit(cli.main, ["ingest", str(articles), "-o", str(out), "--no-cache"])
    assert status == 0
    corpus = pd.read_parquet(out / "corpus.parquet")
    assert "广东" in corpus["doc_id"].tolist()
    assert str(articles / "广东.md") in corpus["path"].tolist()


def test_undecodable_file_name_is_named_with_escapes(articles):
    _rename_first(articles, b"\xff\xfe-\x80.md")  # neither UTF-8 nor GB18030
    got = _load(articles)
    assert "\\xff\\xfe-\\x80" in got["doc_id"].tolist()
    got["path"].str.encode("utf-8")  # valid text: raises if a surrogate is left


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_loads_and_records_encoding(articles, clean, encoding):
    for p in articles.glob("*.txt"):
        p.write_bytes(p.read_text(encoding="utf-8").encode(encoding))
    got = _load(articles)
    assert got["encoding"].tolist() == [encoding] * len(clean)
    _assert_same_tables(got, clean, ignore=["encoding", "sha256", "n_bytes"])
    assert got.attrs["problems"] == []


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(_fifo, id="named-pipe"),
        pytest.param(_link("/dev/zero", "zero.md"), id="dev-zero"),
    ],
)
def test_bqw_ingest_lists_special_files_in_problems_csv(articles, tmp_path, make):
    bad = make(articles)
    out = tmp_path / "out"
    status = _within_limit(cli.main, ["ingest", str(articles), "-o", str(out)])
    assert status == 0
    problems = pd.read_csv(out / "problems.csv")
    assert problems["path"].tolist() == [str(bad)]
    assert problems["reason"].str.startswith("not a regular file").all()


def test_corpus_path_that_is_a_named_pipe_is_an_error(tmp_path):
    pipe = _fifo(tmp_path)
    with pytest.raises(CorpusError, match="not a regular file: named pipe"):
        _within_limit(plan_corpus, pipe)


@pytest.mark.parametrize("hash_file", [file_sha256, lambda p: FileDigests(None, "test").sha256(p)])
def test_file_digests_refuse_a_named_pipe_without_blocking(tmp_path, hash_file):
    pipe = _fifo(tmp_path)
    with pytest.raises(NotRegularFile, match="named pipe"):
        _within_limit(hash_file, pipe)


@pytest.mark.parametrize(("flags", "n_docs"), [([], 2), (["--follow-links"], 3)])
def test_bqw_ingest_follow_links_flag(articles, tmp_path, flags, n_docs):
    _link_to_outside(articles)
    out = tmp_path / "out"
    status = _within_limit(cli.main, ["ingest", str(articles), "-o", str(out), *flags])
    assert status == 0
    assert len(pd.read_parquet(out / "corpus.parquet")) == n_docs
