"""Decoding and discovery of article files."""

import codecs

import pytest

from bqw_research.corpus.io import ReadError, decode_bytes, discover, read_text_file

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


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\r\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
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
        "x.pdf",
    ]:
        (tmp_path / name).write_text("正文", encoding="utf-8")
    found = discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == [
        "a.txt",
        "b/1.markdown",
        "b/2.md",
        "c.HTML",
    ]
    assert found.skipped_suffixes == {".pdf": 1}
