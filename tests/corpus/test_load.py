"""load_corpus and the derived tables, on the shipped corpus, bad input and the sample corpus."""

import hashlib
import json
import warnings

import pandas as pd
import pytest

from bqw_research import (
    CorpusError,
    CorpusWarning,
    config,
    corpus_cleaning_report,
    corpus_emphasis,
    corpus_paragraphs,
    corpus_problems,
    corpus_sentences,
    corpus_summary,
    load_corpus,
)
from bqw_research.corpus import CORPUS_COLUMNS, split_sentences
from bqw_research.corpus.integrity import read_checksums, verify_checksums

ARTICLE = "# 标题{n}\n\n> 南方杂志微信公众号 [原文链接](https://example.org/{n})\n\n　　“百千万工程”第{n}篇正文，内容是关于县域经济的报道。\n"


def write(folder, name, text, encoding="utf-8"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


# ----------------------------------------------------------------- shipped corpus


def test_raw_data_is_unchanged():
    """data/raw is immutable: the shipped articles match their checksums, and nothing was added."""
    recorded = read_checksums(config.RAW_DIR / "SHA256SUMS")
    assert set(recorded) == {"000_ad59bfa3dca04c59.txt", "001_c6905cedc614910f.txt"}
    assert verify_checksums(config.RAW_DIR) == []


def test_shipped_corpus_columns_and_metadata(seed_corpus):
    assert list(seed_corpus.columns[: len(CORPUS_COLUMNS)]) == CORPUS_COLUMNS
    assert seed_corpus["doc_id"].tolist() == ["000_ad59bfa3dca04c59", "001_c6905cedc614910f"]
    row = seed_corpus.set_index("doc_id").loc["001_c6905cedc614910f"]
    assert row.title == "以“头号力度”拼出“头号工程”新图景"
    assert row.outlet == "江门日报" and row.author == "赵可义" and row.genre == "commentary"
    assert pd.isna(row.published)
    assert row.n_chars == len(row.text)
    assert row.encoding == "utf-8"
    assert (
        row.sha256
        == hashlib.sha256((config.RAW_DIR / "001_c6905cedc614910f.txt").read_bytes()).hexdigest()
    )
    assert str(
        seed_corpus["published"].dtype
    ) == "datetime64[ns, Asia/Shanghai]" or "Asia/Shanghai" in str(seed_corpus["published"].dtype)


def test_loading_never_writes_under_raw(tmp_path):
    before = sorted((p.name, p.stat().st_mtime_ns) for p in config.RAW_DIR.iterdir())
    load_corpus()
    assert sorted((p.name, p.stat().st_mtime_ns) for p in config.RAW_DIR.iterdir()) == before


def test_seed_commentary_is_repaired(seed_corpus, seed_paragraphs):
    jm = seed_paragraphs[seed_paragraphs.doc_id == "001_c6905cedc614910f"]
    text = "\n".join(jm.text)
    assert "“百千万工程”是一项系统工程，点多线面广" in text
    assert "全省各地实施“百千万工程”呈现百舸争流" in text
    assert "共同富裕是中国式现代化的重要特征与本质要求。" in text
    for furniture in ("百千万", "奋进", "总策划", "出品人", "（赵可义）"):
        assert furniture not in jm.text.tolist()
    assert not jm.text.str.contains("总策划|出品人|江门日报社").any()


def test_seed_roundup_sections(seed_paragraphs):
    rd = seed_paragraphs[seed_paragraphs.doc_id == "000_ad59bfa3dca04c59"]
    assert rd.para_id.tolist() == list(range(1, len(rd) + 1))
    assert rd.section.iloc[0] == ""
    assert "因地制宜提升城乡人居环境" in set(rd.section)
    assert not rd.text.isin(set(rd.section) - {""}).any()
    assert not rd.text.str.contains("原文链接|t0ur1st|tyd2000|<|&emsp;|\\*\\*|#").any()


def test_emphasis_kinds_from_seed(seed_corpus):
    em = corpus_emphasis(seed_corpus)
    assert set(em.columns) >= {"doc_id", "para_id", "kind", "text"}
    rd = em[em.doc_id == "000_ad59bfa3dca04c59"]
    assert {"key_term", "highlight", "bold"} <= set(rd.kind)
    assert "广州市委书记郭永航" in set(rd[rd.kind == "bold"].text)
    assert "“百千万工程”" in set(rd[rd.kind == "key_term"].text)
    # every emphasised span is text of the paragraph it was found in
    paras = corpus_paragraphs(seed_corpus).set_index(["doc_id", "para_id"])["text"]
    for r in em.itertuples():
        assert r.text in paras.loc[(r.doc_id, r.para_id)]


def test_sentences_and_split():
    assert split_sentences(
        "“要持续抓下去。”11月7日至8日，总书记视察广东。听！鼓声；回响……真好"
    ) == [
        "“要持续抓下去。”",
        "11月7日至8日，总书记视察广东。",
        "听！",
        "鼓声；回响……",
        "真好",
    ]


def test_corpus_sentences_keys(seed_paragraphs):
    sents = corpus_sentences(seed_paragraphs)
    assert list(sents.columns) == ["doc_id", "para_id", "sent_id", "text"]
    assert (
        sents.groupby(["doc_id", "para_id"])
        .sent_id.apply(lambda s: s.tolist() == list(range(1, len(s) + 1)))
        .all()
    )
    joined = sents.groupby(["doc_id", "para_id"]).text.apply("".join)
    original = seed_paragraphs.set_index(["doc_id", "para_id"]).text.str.replace(" ", "")
    assert (joined.str.replace(" ", "") == original.loc[joined.index]).all()


def test_cleaning_report_kinds(seed_corpus):
    rep = corpus_cleaning_report(seed_corpus)
    jm = rep[rep.doc_id == "001_c6905cedc614910f"].set_index("kind").n
    assert jm["joined_broken_line"] == 3
    assert jm["credits"] == 3
    assert jm["furniture"] == 3
    rd = rep[rep.doc_id == "000_ad59bfa3dca04c59"].set_index("kind").n
    assert rd["source"] == 1 and rd["footer"] == 1 and rd["inline_html_tag"] > 100


# ----------------------------------------------------------------- bad input


def test_bad_files_warn_and_the_rest_loads(tmp_path):
    write(tmp_path, "good.md", ARTICLE.format(n=1))
    write(tmp_path, "empty.md", "")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    write(tmp_path, "undecodable.txt", bytes(range(128, 256)) * 10)
    write(tmp_path, "markup.html", '<p><font color="#ff0000"></font></p><iframe src="x"></iframe>')
    write(tmp_path, "big.md", "大" * 1000)
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(tmp_path, max_bytes=2000)
    assert corpus.doc_id.tolist() == ["good"]
    messages = [str(w.message) for w in record]
    reasons = {p["path"].split("/")[-1]: p["reason"] for p in corpus.attrs["problems"]}
    assert reasons["empty.md"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "cannot decode" in reasons["undecodable.txt"]
    assert "no article text" in reasons["markup.html"]
    assert "too large" in reasons["big.md"]
    assert all(any(name in m for m in messages) for name in reasons)
    assert len(corpus_problems(corpus)) == 5


def test_fifty_megabyte_file_is_skipped_with_reason(tmp_path):
    write(tmp_path, "ok.md", ARTICLE.format(n=1))
    with (tmp_path / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing it
    with pytest.warns(CorpusWarning, match=r"huge\.txt: file too large \(52\.4 MB"):
        corpus = load_corpus(tmp_path)
    assert corpus.doc_id.tolist() == ["ok"]


def test_folder_without_supported_files(tmp_path):
    write(tmp_path, "a.pptx", b"PK")
    write(tmp_path, "b.doc", b"\xd0\xcf")
    with pytest.raises(
        CorpusError, match=r"no supported files .* \(found: .*\.pptx.*b\.doc: unsupported file type"
    ):
        load_corpus(tmp_path)


def test_missing_path():
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus("/nonexistent/corpus")


def test_all_files_bad_raises(tmp_path):
    write(tmp_path, "empty.md", "")
    with (
        pytest.warns(CorpusWarning),
        pytest.raises(CorpusError, match="no article could be loaded"),
    ):
        load_corpus(tmp_path)


def test_malformed_manifest_rows(tmp_path):
    write(tmp_path, "a.md", ARTICLE.format(n=1))
    write(tmp_path, "b.md", ARTICLE.format(n=2))
    write(
        tmp_path,
        "manifest.csv",
        "file,title,published,tags,url\n"
        "a.md,清单标题,2025-11-17T09:36:25+08:00,周报;公文写作,https://x/a\n"
        "b.md,坏日期,not-a-date,,https://x/b\n"
        "c.md,only,three\n"
        ",没有文件名,2025-01-01,,\n",
    )
    with pytest.warns(CorpusWarning) as record:
        corpus = load_corpus(tmp_path)
    messages = "\n".join(str(w.message) for w in record)
    assert "manifest.csv:3: unparseable published date 'not-a-date'" in messages
    assert "manifest.csv:4: malformed manifest row: expected 5 fields, saw 3" in messages
    assert "manifest.csv:5: manifest row has no file name" in messages
    a = corpus.set_index("doc_id").loc["a"]
    assert a.title == "清单标题" and a.url == "https://x/a" and a.tags == ["周报", "公文写作"]
    assert a.published == pd.Timestamp("2025-11-17 09:36:25", tz="Asia/Shanghai")
    b = corpus.set_index("doc_id").loc["b"]
    assert b.title == "坏日期" and pd.isna(b.published)


def test_metadata_from_text_without_manifest(tmp_path):
    write(tmp_path, "x.md", ARTICLE.format(n=7))
    row = load_corpus(tmp_path).iloc[0]
    assert row.title == "标题7" and row.outlet == "南方杂志" and row.url == "https://example.org/7"


def test_crlf_bom_gb18030_variants_are_one_article(tmp_path):
    text = ARTICLE.format(n=1)
    write(tmp_path, "a/utf8.md", text)
    write(tmp_path, "b/crlf_bom.md", "\ufeff" + text.replace("\n", "\r\n"))
    write(tmp_path, "c/gbk.txt", text, encoding="gb18030")
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 1
    assert sorted(p.split("/")[-2] for p in corpus.iloc[0].paths) == ["a", "b", "c"]


def test_near_duplicates_are_flagged(tmp_path):
    body = (
        "　　广东各地纷纷召开会议、走访调研，深入学习贯彻党的二十届四中全会精神，就推进“百千万工程”作出部署。"
        * 6
    )
    write(tmp_path, "a.md", "# 原稿\n\n" + body + "\n")
    write(tmp_path, "b.md", "# 转载\n\n" + body + "编者按：本文有删改。\n")
    write(
        tmp_path,
        "c.md",
        "# 另一篇\n\n　　珠海破题城乡融合新路径，沉睡农房托管运营变身黄金屋，村集体收入明显增加。\n",
    )
    corpus = load_corpus(tmp_path).set_index("doc_id")
    assert corpus.loc["b", "near_duplicate_of"] == "a"
    assert corpus.loc["b", "near_duplicate_score"] >= 0.8
    assert pd.isna(corpus.loc["c", "near_duplicate_of"])


def test_table_inputs(tmp_path):
    rows = [
        {
            "id": "w1",
            "title": "表格一",
            "text": "　　第一篇，<strong>县域</strong>经济。",
            "published": "2025-01-02",
        },
        {"id": "w2", "title": "表格二", "text": "第二篇正文。", "published": ""},
        {"id": "w3", "title": "空", "text": "", "published": ""},
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "t.csv", index=False)
    (tmp_path / "t.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
    )
    pd.DataFrame(rows).to_parquet(tmp_path / "t.parquet")
    for name in ("t.csv", "t.jsonl", "t.parquet"):
        with pytest.warns(CorpusWarning, match="row=3: empty text"):
            corpus = load_corpus(tmp_path / name)
        assert corpus.doc_id.tolist() == ["w1", "w2"]
        assert corpus.iloc[0].text == "第一篇，县域经济。"
        assert corpus.iloc[0].published == pd.Timestamp("2025-01-02", tz="Asia/Shanghai")
        assert corpus_emphasis(corpus).text.tolist() == ["县域"]


def test_single_file(tmp_path):
    path = write(tmp_path, "one.md", ARTICLE.format(n=3))
    corpus = load_corpus(path)
    assert corpus.doc_id.tolist() == ["one"] and corpus.iloc[0].title == "标题3"


def test_paragraphs_work_on_a_corpus_loaded_elsewhere(seed_corpus, seed_paragraphs, tmp_path):
    """A corpus written to Parquet and read back still yields the same paragraphs."""
    seed_corpus.to_parquet(tmp_path / "c.parquet")
    back = pd.read_parquet(tmp_path / "c.parquet")
    pd.testing.assert_frame_equal(corpus_paragraphs(back), seed_paragraphs)


def test_article_html_is_escaped_in_displays(tmp_path):
    write(
        tmp_path,
        "x.md",
        "# 标题&lt;script&gt;alert(1)&lt;/script&gt;\n\n正文&lt;script&gt;alert(2)&lt;/script&gt;。\n",
    )
    corpus = load_corpus(tmp_path)
    assert "<script>" in corpus.iloc[0].title  # the text is kept as written …
    html = corpus_summary(corpus)._repr_html_() + corpus_paragraphs(corpus)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html  # … and escaped when shown


# ----------------------------------------------------------------- sample corpus


@pytest.mark.shared_corpus
def test_all_sample_articles_load_clean(shared_corpus, shared_corpus_path):
    assert len(shared_corpus) == 19
    assert shared_corpus.attrs["problems"] == []
    paras = corpus_paragraphs(shared_corpus)
    assert paras.groupby("doc_id").size().min() >= 5
    for bad in ("<", "&emsp;", "&nbsp;", "**", "###"):
        assert not paras.text.str.contains(bad, regex=False).any(), bad
    assert (paras.text.str.len() > 0).all()


@pytest.mark.shared_corpus
def test_sample_metadata_comes_from_the_manifest(shared_corpus, shared_corpus_path):
    manifest = pd.read_csv(shared_corpus_path / "manifest.csv")
    manifest["doc_id"] = manifest.file.str.replace(r"\.md$", "", regex=True)
    merged = shared_corpus.merge(manifest, on="doc_id", suffixes=("", "_m"))
    assert len(merged) == 19
    assert (merged.title == merged.title_m).all()
    assert (merged.url == merged.url_m).all()
    expected = pd.to_datetime(merged.published_m).dt.tz_convert("Asia/Shanghai")
    assert (merged.published == expected).all()
    genres = shared_corpus.set_index("doc_id").genre
    assert genres["20250225"] == "tv_transcript"
    assert genres["2025年广东省政府工作报告"] == "work_report"


@pytest.mark.shared_corpus
def test_sample_corpus_mixed_line_endings_and_sections(shared_corpus):
    paras = corpus_paragraphs(shared_corpus)
    report = paras[paras.doc_id == "2025年广东省政府工作报告"]
    assert report.section.str.startswith("一、2024年工作回顾").any()
    news = paras[paras.doc_id == "20250225"]
    assert "巴方谴责以军在约旦河西岸等地侵略行径" in set(news.section)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus_cleaning_report(shared_corpus)
