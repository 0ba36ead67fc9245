"""Faults in the inputs researchers bring: broken Word/PDF/Excel files, a missing reader
package, a workbook sheet without text, an unknown or impossible conversion, bad user words.

Each bad file is a row in ``corpus_problems`` naming the file (and sheet and row) and the
reason, and the other articles load; a bad option is a clear error before anything is read.
"""

from __future__ import annotations

import sys
import warnings

import pypdf
import pytest
from support.documents import write_docx, write_pdf, write_xlsx

from bqw_research import CorpusError, cli, corpus_problems, load_corpus
from bqw_research.corpus.convert import converter
from bqw_research.tokens import read_user_words

GOOD = "# 县域经济\n\n广东实施百县千镇万村高质量发展工程，推动县域经济发展。\n"


def _load(path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(path, workers=1, cache=False, near_duplicates=None, **kwargs)


def _with_good_article(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "好.md").write_text(GOOD, encoding="utf-8")
    return folder


def _encrypted_pdf(path):
    write_pdf(path, [["需要密码才能打开的文件。"]])
    writer = pypdf.PdfWriter(clone_from=str(path))
    writer.encrypt(user_password="秘密", owner_password="秘密")
    with open(path, "wb") as out:
        writer.write(out)


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        pytest.param(
            "坏.docx",
            lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"),
            "cannot read .docx: BadZipFile",
            id="docx-not-a-zip",
        ),
        pytest.param(
            "坏.pdf",
            lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj <<"),
            "cannot read .pdf: ",
            id="pdf-truncated",
        ),
        pytest.param(
            "扫描.pdf",
            lambda p: write_pdf(p, [[], []]),
            "PDF without a text layer (2 page(s), scanned images?): run OCR on it first",
            id="pdf-without-text",
        ),
        pytest.param(
            "加密.pdf",
            _encrypted_pdf,
            "encrypted PDF that needs a password; save a copy without one",
            id="pdf-with-password",
        ),
        pytest.param(
            "坏.xlsx",
            lambda p: p.write_bytes(b"PK\x03\x04 not a workbook"),
            "cannot read .xlsx: ",
            id="xlsx-not-a-zip",
        ),
    ],
)
def test_a_broken_file_is_a_problem_and_the_rest_loads(tmp_path, name, make, reason):
    folder = _with_good_article(tmp_path / "articles")
    make(folder / name)
    corpus = _load(folder)
    assert corpus["doc_id"].tolist() == ["好"]
    problems = corpus_problems(corpus).values.tolist()
    assert len(problems) == 1
    assert problems[0][0] == str(folder / name)
    assert problems[0][1].startswith(reason)


@pytest.mark.parametrize(
    ("module", "package", "name", "make"),
    [
        ("docx", "python-docx", "稿.docx", lambda p: write_docx(p, [("p", "正文。")])),
        ("pypdf", "pypdf", "稿.pdf", lambda p: write_pdf(p, [["正文。"]])),
        (
            "openpyxl",
            "openpyxl",
            "稿.xlsx",
            lambda p: write_xlsx(p, {"表": [["正文"], ["正文。"]]}),
        ),
    ],
)
def test_a_missing_reader_package_is_a_problem_naming_it(
    tmp_path, monkeypatch, module, package, name, make
):
    folder = _with_good_article(tmp_path / "articles")
    make(folder / name)
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    corpus = _load(folder)
    assert corpus["doc_id"].tolist() == ["好"]
    assert corpus_problems(corpus).values.tolist() == [
        [
            str(folder / name),
            f"reading {folder.joinpath(name).suffix} files needs the package {package}, "
            f"which is not installed: pip install {package}",
        ]
    ]


def test_workbook_problems_name_the_sheet_and_row(tmp_path):
    path = write_xlsx(
        tmp_path / "采集.xlsx",
        {
            "稿件": [["标题", "正文"], ["有正文", "镇村面貌焕然一新。"], ["没有正文", None]],
            "说明": [["字段", "含义"], ["标题", "文章标题"]],
        },
    )
    corpus = _load(path)
    assert corpus["title"].tolist() == ["有正文"]
    assert corpus_problems(corpus).values.tolist() == [
        [f"{path}#sheet=稿件#row=3", "empty text"],
        [
            f"{path}#sheet=说明",
            "no text column (looked for text, content, body, article, 正文, 内容, 正文内容, "
            "文章内容, 全文); columns: ['字段', '含义']",
        ],
    ]


def test_a_single_unsupported_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "汇报.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(CorpusError, match=r"汇报\.pptx: unsupported file type \.pptx: convert"):
        load_corpus(path)


def test_an_unknown_conversion_is_refused_before_reading(tmp_path):
    folder = _with_good_article(tmp_path / "articles")
    with pytest.raises(
        CorpusError, match="unknown conversion 's2t'; choose one of t2s, hk2s, tw2s"
    ):
        load_corpus(folder, convert="s2t")


def test_conversion_without_opencc_names_the_package(tmp_path, monkeypatch):
    folder = _with_good_article(tmp_path / "articles")
    converter.cache_clear()
    monkeypatch.setitem(sys.modules, "opencc", None)
    try:
        with pytest.raises(CorpusError, match=r"needs the package opencc.*pip install opencc"):
            load_corpus(folder, convert="t2s")
    finally:
        converter.cache_clear()


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("词.csv", "词语\n湾区融城\n", ValueError, "needs a 'word' column"),
        ("词.csv", "word\n湾区 融城\n", ValueError, r"词\.csv:2: a user word cannot contain"),
        (None, "", FileNotFoundError, "is not a file"),
    ],
)
def test_bad_user_words_are_clear_errors(tmp_path, name, content, error, message):
    path = tmp_path / (name or "没有.txt")
    if name:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message):
        read_user_words(path)


def test_ingest_with_a_missing_lexicon_is_a_one_line_error(tmp_path, capsys):
    folder = _with_good_article(tmp_path / "articles")
    missing = tmp_path / "词表.txt"
    status = cli.main(
        ["ingest", str(folder), "-o", str(tmp_path / "out"), "--lexicon", str(missing)]
    )
    assert status == 2
    assert capsys.readouterr().err == f"bqw ingest: error: lexicon not found: {missing}\n"
