"""Fast paths of parsing, cleaning, sentence splitting and reading give the slow paths' results.

Each fast path skips work when the text has no character the work acts on, or
takes a shortcut for the common shape of the input; these cases (Chinese
input, with the expected output) pin that both branches agree.
"""

import re

import pytest

from bqw_research.corpus import clean, split_sentences
from bqw_research.corpus.io import ReadError, read_text_file
from bqw_research.corpus.parse import (
    _TAG_FIND_RE,
    _TAG_SPLIT_RE,
    ParsedDoc,
    _Block,
    _classify,
    _emphasis_and_tags,
    _emphasis_spans,
    _emphasis_spans_fast,
    _split_blocks,
    extract_emphasis,
    parse_document,
)

# ----------------------------------------------------------------- normalize_spaces


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # fast path: after the leading indent only ASCII spaces
        ("\u3000\u3000一直以来，广东", "一直以来，广东"),
        ("国产大模型DeepSeek  凭借", "国产大模型DeepSeek 凭借"),
        ("江门向海图强 海工装备产业强势崛起 ", "江门向海图强 海工装备产业强势崛起"),
        ("百千万工程", "百千万工程"),
        ("", ""),
        ("\u3000\u2003\u00a0\t", ""),
        # slow path: other white space inside, zero-width characters, several lines
        ("果农腰包鼓起来\u3000“小柚子”", "果农腰包鼓起来 “小柚子”"),
        ("零\u200b宽", "零宽"),
        ("\u3000\u200b\u3000正文", "正文"),
        ("正文\u3000", "正文"),
        ("第一行 \n\u3000第二行\u2003二", "第一行\n第二行 二"),
        ("分页\x0c符", "分页\x0c符"),
        ("段\u2028落", "段\u2028落"),
    ],
)
def test_normalize_spaces_fast_and_regex_paths_agree(raw, expected):
    assert clean.normalize_spaces(raw) == expected
    assert clean._normalize_spaces_re(raw) == expected


def test_normalize_spaces_between_cjk_takes_the_regex_path():
    assert clean.normalize_spaces("\u3000傅健 曹乃付", between_cjk=True) == "傅健曹乃付"
    assert clean._normalize_spaces_re("\u3000傅健 曹乃付", between_cjk=True) == "傅健曹乃付"


# ----------------------------------------------------------------- clean_inline


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u3000\u3000要持续抓下去。", "要持续抓下去。"),
        (
            '\ufeff\u3000<span style="background:#fff88f">要&emsp;**持续**抓下去</span>',
            "要 持续抓下去",
        ),
        ("{{< tabs >}}正文{{% /tab %}}", "正文"),
        ("第一行<br/>第二行", "第一行\n第二行"),
        ("A&amp;emsp;B", "A B"),
        ("&#42;&#42;加粗&#42;&#42;", "加粗"),  # markdown marks that appear only after unescaping
        ("&lt;b&gt;不是标签&lt;/b&gt;", "<b>不是标签</b>"),
        ("[原文链接](https://mp.weixin.qq.com/s/x)", "原文链接"),
        ("加粗**未闭合", "加粗未闭合"),
        ("{单括号}和~波浪", "{单括号}和~波浪"),
        ("e\u0301的组合", "\u00e9的组合"),
    ],
)
def test_clean_inline_guarded_steps_agree_with_the_full_pipeline(raw, expected):
    assert clean.clean_inline(raw) == expected
    assert clean._clean_inline_full(raw) == expected


@pytest.mark.parametrize(
    "raw", ["\u3000\u3000百千万工程", "“三农”工作 要全面推进", "e\u0301", "第一行\n第二行"]
)
def test_clean_plain_is_clean_inline_without_markup(raw):
    assert not clean.has_inline_markup(raw)
    assert clean.clean_plain(raw) == clean.clean_inline(raw) == clean._clean_inline_full(raw)


@pytest.mark.parametrize("raw", ["<b>加粗</b>", "A&amp;B", "**加粗**", "[链接](x)", "\ufeff正文"])
def test_has_inline_markup(raw):
    assert clean.has_inline_markup(raw)


# ----------------------------------------------------------------- split_sentences

_LAZY_SENT_RE = re.compile(r"[^。！？!?…]*?(?:[。！？!?]+|…{1,2}|$)[”’」』）)]*", re.S)


def _split_sentences_lazy(text):
    """The former implementation (lazy pattern, one match at a time)."""
    return [m.group(0).strip() for m in _LAZY_SENT_RE.finditer(text) if m.group(0).strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“要持续抓下去。”11月7日至8日，总书记视察广东。听！鼓声；回响……真好",
            ["“要持续抓下去。”", "11月7日至8日，总书记视察广东。", "听！", "鼓声；回响……", "真好"],
        ),
        ("没有句号的一段", ["没有句号的一段"]),
        ("末尾有换行。\n", ["末尾有换行。"]),
        ("没有句号但有换行\n", ["没有句号但有换行"]),
        ("一行\n两行。三行", ["一行\n两行。", "三行"]),
        ("真的吗？！”他问。", ["真的吗？！”", "他问。"]),
        ("省略………号", ["省略……", "…", "号"]),
        ("（完）。」』)", ["（完）。」』)"]),
        ("\u3000\u3000 \n", []),
        ("", []),
    ],
)
def test_split_sentences_agrees_with_the_lazy_pattern(text, expected):
    assert split_sentences(text) == expected
    assert _split_sentences_lazy(text) == expected


# ----------------------------------------------------------------- emphasis


@pytest.mark.parametrize(
    ("raw", "fast_applies", "expected"),
    [
        (
            '<span style="background:#fff88f"><font color="#ff0000">横琴</font>合作区</span>',
            True,
            [("highlight", "横琴合作区", "#fff88f"), ("key_term", "横琴", "#ff0000")],
        ),
        (  # the same start and end: reported in the order the tags close
            "<b><font color=red>重点</font></b>",
            True,
            [("key_term", "重点", "red"), ("bold", "重点", "")],
        ),
        (  # closing tags out of order
            "<strong>加粗<font color=blue>蓝色</strong>尾</font>",
            True,
            [("bold", "加粗蓝色", ""), ("key_term", "蓝色尾", "blue")],
        ),
        ("<u><strong>“你们实施的”</strong></u>习近平", True, [("bold", "“你们实施的”", "")]),
        ("<strong>第一行<br>第二行</strong>", False, [("bold", "第一行\n第二行", "")]),
        ("<b>甲</ br>乙</b>", False, [("bold", "甲\n乙", "")]),
        ("<b>小于< 1>号</b>", False, [("bold", "小于号", "")]),  # "< 1>": text, then cleaned
        ("a<<b>粗</b>", False, [("bold", "粗", "")]),
        ("<b>&amp;符号</b>", True, [("bold", "&符号", "")]),
        ("男主持人（**严於信**）", True, [("bold", "严於信", "")]),
        ("<u>**加粗**</u>和<b>粗</b>", True, [("bold", "加粗", ""), ("bold", "粗", "")]),
        ('<span style="color:red">不是背景</span>', True, []),
    ],
)
def test_emphasis_fast_and_general_paths_agree(raw, fast_applies, expected):
    assert extract_emphasis(raw) == expected
    # the tags come from the same split (or, with Markdown bold, their own findall)
    assert _emphasis_and_tags(raw) == (expected, _TAG_FIND_RE.findall(raw))
    raw = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"<strong>\1</strong>", raw)
    parts = _TAG_SPLIT_RE.split(raw)
    fast = _emphasis_spans_fast(parts) if raw.count("<") == len(parts) >> 1 else None
    assert (fast is not None) is fast_applies
    if fast is not None:
        assert fast == _emphasis_spans(parts)


# ----------------------------------------------------------------- line classification


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("---", "rule", ""),
        ("- - -", "rule", ""),
        ("===", "rule", ""),
        ("-- 破折号开头的句子。", "para", "-- 破折号开头的句子。"),
        ("*强调*开头", "para", "*强调*开头"),
        ("{{< tabs >}}", "shortcode", ""),
        ("{{不是短代码", "para", "{{不是短代码"),
        ("![图](a.png)", "image", ""),
        ("!重要！", "para", "!重要！"),
        ("#话题#讨论", "para", "#话题#讨论"),  # a topic tag is text, not a heading
        ("# 话题", "heading", "话题"),
        ("１. 全角编号", "para", "全角编号"),  # a full-width digit is a \d
        ("１．全角编号", "para", "１．全角编号"),
        ("12) 第二项", "para", "第二项"),
        ("2025年是关键一年。", "para", "2025年是关键一年。"),
        ("+ 加号项", "para", "加号项"),
        ("- ## 小标题", "link_list", "小标题"),
        ("**加粗标题**", "heading", "加粗标题"),
        ("<b>要点</b>", "heading", "要点"),
        ("**加粗句子。**", "para", "加粗句子。"),
        ("编辑：李四", "credits", "编辑：李四"),
        ("\u3000\u3000正文一段。", "para", "正文一段。"),
    ],
)
def test_classify_first_character_guards(line, kind, text):
    block = _classify(_Block("line", line), ParsedDoc())
    assert (block.kind, block.text) == (kind, text)


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        (
            "\u3000> 引用一行\n> 第二行\n\n正文。",
            [("quote", "引用一行\n第二行"), ("line", "正文。")],
        ),
        (">引用\n正文\n> 再引", [("quote", "引用"), ("line", "正文"), ("quote", "再引")]),
        (">甲\n\n> 乙\n>\n\n", [("quote", "甲"), ("quote", "乙\n")]),  # a blank line ends a quote
        ("大于>号在中间", [("line", "大于>号在中间")]),
    ],
)
def test_split_blocks_quotes(text, blocks):
    assert [(b.kind, b.raw) for b in _split_blocks(text)] == blocks


@pytest.mark.parametrize(
    ("text", "paragraphs", "removed"),
    [
        (  # upper-case layout tags are found by the (case-insensitive) hint too
            "<H1>标题</H1><DIV>导语。</DIV><BR/>正文。",
            ["导语。", "正文。"],
            [("html_block_tag", "<p>/<div>", 2)],
        ),
        (  # only inline tags: the layout steps are skipped
            "正文<font color=red>重点</font>。",
            ["正文重点。"],
            [("inline_html_tag", "<font color=red>", 2)],
        ),
        (
            "正文。<IFRAME src=x></IFRAME>\n\n第二段。<!-- 注释 -->",
            ["正文。", "第二段。"],
            [("iframe", "<IFRAME src=x></IFRAME>", 1), ("html_comment", "<!-- 注释 -->", 1)],
        ),
    ],
)
def test_parse_document_html_hints(text, paragraphs, removed):
    doc = parse_document(text)
    assert [p.text for p in doc.paragraphs] == paragraphs
    assert doc.removed == removed


# ----------------------------------------------------------------- reading


def test_read_text_file_control_characters_utf8_and_gb18030(tmp_path):
    ok = tmp_path / "ok.md"
    ok.write_bytes("第一段\t正文\f\r\n".encode())
    assert read_text_file(ok).text == "第一段\t正文\f\r\n"
    few = tmp_path / "few.md"
    few.write_bytes(("正文" * 50 + "\x01\x02").encode())
    assert read_text_file(few).text.endswith("\x01\x02")
    many = tmp_path / "many.md"
    many.write_bytes(("正文\x07" * 20).encode())
    with pytest.raises(ReadError, match=r"binary-looking file \(20 control characters"):
        read_text_file(many)
    gb = tmp_path / "gb.md"
    gb.write_bytes(("广东省正文内容很长的一段话\x1b" * 20).encode("gb18030"))
    with pytest.raises(ReadError, match=r"binary-looking file \(20 control characters"):
        read_text_file(gb)
