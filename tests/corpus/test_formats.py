"""The inputs researchers bring: Word, PDF and Excel files, crawler column names, files of
other types beside the articles, traditional characters, and their own words."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import warnings

import pandas as pd
import pytest
from support.documents import write_docx, write_pdf, write_xlsx

from bqw_research import corpus_cleaning_report, corpus_paragraphs, corpus_problems, load_corpus
from bqw_research.corpus.columns import field_columns
from bqw_research.corpus.formats import docx_text, pdf_text
from bqw_research.tokens import read_user_words, segment, tokenizer, tokens

BODY_1 = "百县千镇万村高质量发展工程是推动城乡区域协调发展的重大举措。"
BODY_2 = "韶关市坚持以县域为重点，推动产业、人口和公共服务向县城集聚。"


def _load(path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(path, workers=1, cache=False, near_duplicates=None, **kwargs)


def _paragraphs(corpus) -> list[str]:
    return corpus_paragraphs(corpus)["text"].tolist()


# ----------------------------------------------------------------- Word


def test_docx_headings_paragraphs_and_tables_become_markdown(tmp_path):
    path = write_docx(
        tmp_path / "报告.docx",
        [
            ("h1", "韶关推进百千万工程"),
            ("p", BODY_1),
            ("h2", "一、产业发展"),
            ("p", BODY_2),
            ("table", [["县区", "项目数"], ["乐昌市", "12个"], ["合并单元格", None]]),
        ],
    )
    text = docx_text(path.read_bytes())
    assert text.split("\n\n") == [
        "# 韶关推进百千万工程",
        BODY_1,
        "## 一、产业发展",
        BODY_2,
        "县区 项目数",
        "乐昌市 12个",
        "合并单元格",
    ]


def test_docx_loads_as_an_article_with_sections(tmp_path):
    path = write_docx(
        tmp_path / "稿件" / "韶关.docx",
        [("h1", "韶关推进百千万工程"), ("p", BODY_1), ("h2", "一、产业发展"), ("p", BODY_2)],
    )
    corpus = _load(tmp_path)
    row = corpus.iloc[0]
    assert (row.doc_id, row.title, row.encoding) == ("稿件/韶关", "韶关推进百千万工程", "docx")
    assert row.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    paras = corpus_paragraphs(corpus)
    assert paras[["section", "text"]].values.tolist() == [["", BODY_1], ["一、产业发展", BODY_2]]
    assert corpus_problems(corpus).empty


# ----------------------------------------------------------------- PDF


def test_pdf_lines_broken_mid_sentence_are_joined_across_pages(tmp_path):
    path = write_pdf(
        tmp_path / "政策.pdf",
        [
            [
                "广东省百千万工程实施方案",
                "百县千镇万村高质量发展工程是推动城乡区域协调发展的重",
                "大举措，各地要抓好落实。",
                "- 1 -",
            ],
            ["韶关市坚持以县域为重点，推动产业、人口和公共服务向县", "城集聚。", "2"],
        ],
    )
    text = pdf_text(path.read_bytes())
    assert "- 1 -" not in text.splitlines() and "2" not in text.splitlines()
    corpus = _load(path)
    assert corpus.iloc[0].title == "广东省百千万工程实施方案"
    assert corpus.iloc[0].encoding == "pdf"
    assert _paragraphs(corpus) == [
        "百县千镇万村高质量发展工程是推动城乡区域协调发展的重大举措，各地要抓好落实。",
        BODY_2,
    ]
    report = corpus_cleaning_report(corpus)
    assert report.set_index("kind").loc["joined_broken_line", "n"] == 2


# ----------------------------------------------------------------- Excel and crawler columns


CRAWLER_HEADER = ["标题", "正文", "发布时间", "来源", "作者", "链接"]


def test_xlsx_rows_with_crawler_columns(tmp_path):
    path = write_xlsx(
        tmp_path / "采集.xlsx",
        {
            "稿件": [
                CRAWLER_HEADER,
                [
                    "乐昌推进产业发展",
                    BODY_1,
                    dt.datetime(2024, 3, 5, 9, 30),
                    "韶关日报",
                    "李明",
                    "https://example.org/1",
                ],
                [],
                ["县城集聚", BODY_2, "2024-04-01", "南方日报", "王芳", "https://example.org/2"],
            ],
            "Sheet2": [],
        },
    )
    corpus = _load(path)
    assert corpus["title"].tolist() == ["乐昌推进产业发展", "县城集聚"]
    assert corpus["outlet"].tolist() == ["韶关日报", "南方日报"]
    assert corpus["author"].tolist() == ["李明", "王芳"]
    assert corpus["url"].tolist() == ["https://example.org/1", "https://example.org/2"]
    assert corpus["published"].tolist() == [
        pd.Timestamp("2024-03-05 09:30", tz="Asia/Shanghai"),
        pd.Timestamp("2024-04-01", tz="Asia/Shanghai"),
    ]
    # rows are named by sheet and Excel row number (the blank row 3 is skipped)
    assert corpus["path"].tolist() == [f"{path}#sheet=稿件#row=2", f"{path}#sheet=稿件#row=4"]
    assert corpus_problems(corpus).empty


def _write_csv(path, header, rows):
    frame = pd.DataFrame(rows, columns=header)
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def _write_jsonl(path, header, rows):
    lines = [json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("writer", [_write_csv, _write_jsonl], ids=["csv", "jsonl"])
@pytest.mark.parametrize(
    "header",
    [
        CRAWLER_HEADER,
        ["文章标题", "内容", "发布日期", "媒体", "作者", "网址"],
        ["Title", "Content", "Date", "Source", "Author", "URL"],
    ],
    ids=["crawler", "crawler-variants", "english-any-case"],
)
def test_table_files_recognise_crawler_column_names(tmp_path, writer, header):
    path = tmp_path / ("t.csv" if writer is _write_csv else "t.jsonl")
    writer(
        path,
        header,
        [["乐昌推进产业发展", BODY_1, "2024-03-05", "韶关日报", "李明", "https://example.org/1"]],
    )
    row = _load(path).iloc[0]
    assert (row.title, row.outlet, row.author, row.url) == (
        "乐昌推进产业发展",
        "韶关日报",
        "李明",
        "https://example.org/1",
    )
    assert row.published == pd.Timestamp("2024-03-05", tz="Asia/Shanghai")
    assert row.text == BODY_1


def test_manifest_with_chinese_column_names(tmp_path):
    (tmp_path / "a.md").write_text(f"# 原标题\n\n{BODY_1}\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "文件名,标题,发布时间,来源\na.md,清单里的标题,2024-05-06,韶关发布\n", encoding="utf-8"
    )
    row = _load(tmp_path).iloc[0]
    assert (row.title, row.outlet) == ("清单里的标题", "韶关发布")
    assert row.published == pd.Timestamp("2024-05-06", tz="Asia/Shanghai")


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["正文", "内容"], {"text": "正文"}),  # the first alias present wins
        (["内容", "标题"], {"text": "内容", "title": "标题"}),
        ([" TEXT ", "Id"], {"text": " TEXT ", "doc_id": "Id"}),
        (["摘要", "栏目"], {}),
    ],
)
def test_field_columns_maps_aliases_in_one_place(columns, expected):
    assert field_columns(columns) == expected


# ----------------------------------------------------------------- other files beside articles


def test_unsupported_files_are_problems_but_metadata_and_hidden_files_are_not(tmp_path):
    (tmp_path / "a.md").write_text(f"# 标题\n\n{BODY_1}\n", encoding="utf-8")
    for name in ["旧稿.doc", "汇报.pptx", "现场.jpg", "附件.zip", "SHA256SUMS", "README.md"]:
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0 binary")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "~$旧稿.docx").write_bytes(b"\x00lock")
    (tmp_path / "manifest.csv").write_text("file,title\na.md,标题\n", encoding="utf-8")
    corpus = _load(tmp_path)
    assert corpus["doc_id"].tolist() == ["a"]
    problems = dict(corpus_problems(corpus).values.tolist())
    assert problems == {
        str(
            tmp_path / "旧稿.doc"
        ): "unsupported file type .doc: old Word format: save it as .docx (or .pdf/.txt)",
        str(tmp_path / "汇报.pptx"): "unsupported file type .pptx: convert it to .docx/.pdf/.txt",
        str(
            tmp_path / "现场.jpg"
        ): "unsupported file type .jpg: an image: text in images is not read (run OCR and add the text as .txt)",
        str(
            tmp_path / "附件.zip"
        ): "unsupported file type .zip: an archive: unpack it into the corpus folder",
    }


# ----------------------------------------------------------------- traditional → simplified

HK_ARTICLE = (
    "# 香港發展報告\n\n香港特別行政區政府發佈了關於鄉村振興的報告。\n\n這是一項系統工程。\n"
)


def test_convert_t2s_keeps_the_original_and_notes_it(tmp_path):
    (tmp_path / "hk.md").write_text(HK_ARTICLE, encoding="utf-8")
    (tmp_path / "gd.md").write_text(f"# 广东\n\n{BODY_1}\n", encoding="utf-8")
    corpus = _load(tmp_path, convert="t2s").set_index("doc_id")
    assert corpus.loc["hk", "title"] == "香港发展报告"
    assert (
        corpus.loc["hk", "text"]
        == "香港特别行政区政府发布了关于乡村振兴的报告。\n\n这是一项系统工程。"
    )
    assert corpus.loc["hk", "text_original"] == (
        "香港特別行政區政府發佈了關於鄉村振興的報告。\n\n這是一項系統工程。"
    )
    assert corpus.loc["gd", "text_original"] == corpus.loc["gd", "text"] == BODY_1
    notes = corpus_cleaning_report(corpus.reset_index())
    t2s = notes[notes["kind"] == "t2s"]
    assert t2s["doc_id"].tolist() == ["hk"] and t2s["n"].tolist() == [12]
    plain = _load(tmp_path)
    assert "text_original" not in plain.columns
    assert plain.set_index("doc_id").loc["hk", "title"] == "香港發展報告"


def test_convert_is_part_of_the_cache_key(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "hk.md").write_text(HK_ARTICLE, encoding="utf-8")
    cache = tmp_path / "cache"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = load_corpus(articles, workers=1, cache=cache)
        converted = load_corpus(articles, workers=1, cache=cache, convert="hk2s")
        again = load_corpus(articles, workers=1, cache=cache)
    assert first.iloc[0].title == again.iloc[0].title == "香港發展報告"
    assert converted.iloc[0].title == "香港发展报告"
    assert again.attrs["load"]["bundle_hit"] and not converted.attrs["load"]["bundle_hit"]


# ----------------------------------------------------------------- user words

NEW_WORD_TEXT = "粤港澳湾区融城发展，韶关丹霞山推动百县千镇建设。"


def test_user_words_stay_whole_and_are_tagged():
    # both engines give the same tokens: tests/tokens/test_compiled.py
    words = read_user_words(["湾区融城", "百县千镇 nz"])
    assert "湾区融城" not in segment(NEW_WORD_TEXT)
    got = segment(NEW_WORD_TEXT, user_words=words)
    assert "湾区融城" in got and "百县千镇" in got
    tagged = dict(segment(NEW_WORD_TEXT, pos=True, user_words=words))
    assert tagged["湾区融城"] == tagged["百县千镇"] == "nz"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("words.txt", "# 我的词\n湾区融城 3 nz\n百县千镇\n\n"),
        ("words.csv", "word,pos,source\n湾区融城,nz,访谈\n百县千镇,,访谈\n"),
    ],
)
def test_user_words_from_a_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert read_user_words(path) == (("湾区融城", "nz"), ("百县千镇", "nz"))
    assert read_user_words(str(path)) == read_user_words(["百县千镇", "湾区融城"])


def test_a_new_user_word_gives_new_tokens_from_the_same_cache(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text(f"# 标题\n\n{NEW_WORD_TEXT}\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def load():
        return load_corpus(articles, workers=1, cache=cache, near_duplicates=None)

    before = tokens(load())["token"].tolist()
    assert "湾区融城" not in before
    after = tokens(load(), user_words=["湾区融城"])["token"].tolist()
    assert "湾区融城" in after
    # and the earlier table is still what a load without the word gives
    assert tokens(load())["token"].tolist() == before
    assert tokenizer(user_words=["湾区融城"]).key != tokenizer().key
    assert tokenizer(user_words=["湾区融城"]).key == tokenizer(user_words=[("湾区融城", "nz")]).key


def test_bqw_ingest_with_lexicon_and_conversion(tmp_path, capsys):
    from bqw_research import cli

    articles = tmp_path / "articles"
    write_docx(articles / "湾区.docx", [("h1", "湾区报告"), ("p", NEW_WORD_TEXT)])
    (articles / "hk.md").write_text(HK_ARTICLE, encoding="utf-8")
    (articles / "附件.zip").write_bytes(b"PK")
    lexicon = tmp_path / "词表.txt"
    lexicon.write_text("湾区融城 nz\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["ingest", str(articles), "-o", str(out), "--pos", "--workers", "1", "--no-cache"]
    assert cli.main([*argv, "--lexicon", str(lexicon), "--convert", "t2s"]) == 0
    corpus = pd.read_parquet(out / "corpus.parquet").set_index("doc_id")
    assert corpus.loc["hk", "title"] == "香港发展报告"
    assert corpus.loc["hk", "text_original"].startswith("香港特別行政區")
    assert corpus.loc["湾区", "encoding"] == "docx"
    toks = pd.read_parquet(out / "tokens.parquet")
    assert toks.loc[toks["token"] == "湾区融城", "pos"].tolist() == ["nz"]
    problems = pd.read_csv(out / "problems.csv")
    assert problems["reason"].tolist() == [
        "unsupported file type .zip: an archive: unpack it into the corpus folder"
    ]
    assert "1 files skipped" in capsys.readouterr().out
