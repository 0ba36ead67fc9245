"""Decoding and discovery of article files."""

import codecs
import os

import pytest

from bqw_research.corpus.io import (
    ReadError,
    decode_bytes,
    discover,
    read_bytes,
    read_text_file,
    readable_path,
)

TEXT = "“百千万工程”是一项系统工程，需要久久为功。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_bytes_detects_and_records_encoding(data, encoding):
    text, used = decode_bytes(data)
    assert text.lstrip("\ufeff") == TEXT
    assert used == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        f"# 标题\n\n{TEXT}\n",
        "一二三，一心一意。" * 20,  # few ASCII NULs, many from U+4E00 (一) in the other place
        "Plain English notes, 2025.\n",
    ],
)
def test_decode_bytes_reads_utf16_without_bom(text, encoding):
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\r\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 8, "binary"),  # NULs at even offsets, implausible as UTF-16
        (b"\x00" * 64, "binary"),
        (TEXT.encode("utf-16-le") + b"\x00", "binary"),  # odd length: not UTF-16
        (bytes(range(128, 256)) * 40, "cannot decode"),
    ],
)
def test_decode_bytes_rejects_with_reason(data, reason):
    with pytest.raises(ReadError, match=reason):
        decode_bytes(data)


def test_read_text_file_records_hash_and_size(tmp_path):
    p = tmp_path / "a.md"
    p.write_bytes(TEXT.encode("gb18030"))
    raw = read_text_file(p)
    assert raw.encoding == "gb18030"
    assert raw.text == TEXT
    assert len(raw.sha256) == 64 and raw.n_bytes == len(TEXT.encode("gb18030"))


def test_read_text_file_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(TEXT.encode() * 10)
    with pytest.raises(ReadError, match="too large"):
        read_text_file(p, max_bytes=100)


def test_discover_is_recursive_sorted_and_skips_metadata(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in [
        "b/2.md",
        "a.txt",
        "c.HTML",
        "b/1.markdown",
        ".git/x.md",
        "manifest.csv",
        "README.md",
        "SHA256SUMS",
        "~$报告.docx",
        "x.pdf",
        "y.pptx",
    ]:
        (tmp_path / name).write_text("正文", encoding="utf-8")
    found = discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == [
        "a.txt",
        "b/1.markdown",
        "b/2.md",
        "c.HTML",
        "x.pdf",
    ]
    assert found.skipped_suffixes == {".pptx": 1}
    assert found.problems == [
        (str(tmp_path / "y.pptx"), "unsupported file type .pptx: convert it to .docx/.pdf/.txt")
    ]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("广东/深圳.md".encode(), "广东/深圳.md"),
        ("广东/深圳.md".encode("gbk"), "广东/深圳.md"),
        ("政府工作报告.txt".encode("gb18030"), "政府工作报告.txt"),
        (b"\xff\xfe.md", "\\xff\\xfe.md"),
        ("广东".encode() + b"/" + "深圳.md".encode("gbk"), "广东/深圳.md"),
    ],
)
def test_readable_path_decodes_name_bytes(raw, shown):
    assert readable_path(os.fsdecode(raw)) == shown


def test_readable_path_without_guess_keeps_escapes():
    assert readable_path(os.fsdecode("广东.md".encode("gbk")), guess=False) == "\\xb9㶫.md"


def _special_entries(root):
    """A corpus folder with one article and an entry of each kind discovery must not read."""
    (root / "好.md").write_text(TEXT, encoding="utf-8")
    os.mkfifo(root / "pipe.md")
    os.symlink("/dev/null", root / "null.txt")
    outside = root.parent / "outside.md"
    outside.write_text(TEXT, encoding="utf-8")
    os.symlink(outside, root / "out.md")
    os.symlink(root / "gone.md", root / "broken.md")
    os.symlink(root / "好.md", root / "same.md")
    os.mkfifo(root / "pipe.log")  # not an article suffix: an unsupported type
    return outside


def test_discover_lists_special_entries_as_problems(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    outside = _special_entries(root)
    found = discover(root)
    assert found.names == [str(root / "same.md"), str(root / "好.md")]
    reasons = dict(found.problems)
    assert reasons[str(root / "pipe.md")] == "not a regular file: named pipe"
    assert reasons[str(root / "null.txt")] == (
        "not a regular file: character device (symlink to /dev/null)"
    )
    assert reasons[str(root / "out.md")] == (
        f"symlink to {outside} outside the corpus folder; "
        "pass follow_links=True (bqw ingest --follow-links) to read it"
    )
    assert reasons[str(root / "broken.md")].startswith(f"broken symlink to {root / 'gone.md'}")
    assert reasons[str(root / "pipe.log")] == (
        "unsupported file type .log: convert it to .docx/.pdf/.txt"
    )
    assert len(found.problems) == 5
    assert found.skipped_suffixes == {".log": 1}


def test_discover_follow_links_reads_outside_but_not_devices(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    _special_entries(root)
    found = discover(root, follow_links=True)
    assert found.names == [str(root / n) for n in ("out.md", "same.md", "好.md")]
    assert sorted(os.path.basename(p) for p, _ in found.problems) == [
        "broken.md",
        "null.txt",
        "pipe.log",
        "pipe.md",
    ]


def test_discover_reads_a_folder_reached_twice_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "文.md").write_text(TEXT, encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    found = discover(tmp_path, follow_links=True)
    assert found.names == [str(tmp_path / "a" / "文.md")]


def test_discover_gives_clashing_names_their_escapes(tmp_path):
    (tmp_path / "广东.md").write_text(TEXT, encoding="utf-8")
    gbk = os.path.join(os.fsencode(tmp_path), "广东.md".encode("gbk"))
    with open(gbk, "w", encoding="utf-8") as fh:
        fh.write(TEXT)
    found = discover(tmp_path)
    assert found.names == [str(tmp_path / "\\xb9㶫.md"), str(tmp_path / "广东.md")]
    assert os.fsencode(found.files[0]) == gbk  # read under its own bytes


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: os.mkfifo(p), "not a regular file: named pipe"),
        (lambda p: os.symlink("/dev/zero", p), "not a regular file: character device"),
        (lambda p: p.mkdir(), "not a regular file: folder"),
    ],
)
def test_read_bytes_refuses_what_is_not_a_regular_file(tmp_path, make, reason):
    path = tmp_path / "x.md"
    make(path)
    with pytest.raises(ReadError, match=reason):
        read_bytes(path)


def test_read_bytes_reads_up_to_max_bytes(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(TEXT.encode())
    assert read_bytes(path, max_bytes=len(TEXT.encode())) == TEXT.encode()
    with pytest.raises(ReadError, match="file too large"):
        read_bytes(path, max_bytes=len(TEXT.encode()) - 1)
