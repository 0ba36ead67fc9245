"""Pure cleaning functions, with Chinese input/output cases."""

import pytest

from bqw_research.corpus import clean


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("第一段\r\n第二段\r第三段\n", "第一段\n第二段\n第三段\n"),
        ("无换行", "无换行"),
    ],
)
def test_normalize_newlines(raw, expected):
    assert clean.normalize_newlines(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("&emsp;&emsp;海滨明珠", "\u2003\u2003海滨明珠"),
        ("百千万&nbsp;工程", "百千万\u00a0工程"),
        ("A&amp;emsp;B", "A\u2003B"),  # double-escaped
        ("“百千万工程”", "“百千万工程”"),
    ],
)
def test_unescape_entities(raw, expected):
    assert clean.unescape_entities(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u3000\u3000一直以来，广东", "一直以来，广东"),
        ("果农腰包鼓起来\u3000“小柚子”", "果农腰包鼓起来 “小柚子”"),
        ("国产大模型DeepSeek  凭借", "国产大模型DeepSeek 凭借"),
        ("零\u200b宽", "零宽"),
    ],
)
def test_normalize_spaces(raw, expected):
    assert clean.normalize_spaces(raw) == expected


def test_normalize_spaces_between_cjk_option():
    assert clean.normalize_spaces("傅健 曹乃付", between_cjk=True) == "傅健曹乃付"
    assert clean.normalize_spaces("傅健 曹乃付") == "傅健 曹乃付"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('<font color="#ff0000">“百千万工程”</font>', "“百千万工程”"),
        (
            '<span style="background:#fff88f">完善<font color="#ff0000">体制机制</font></span>',
            "完善体制机制",
        ),
        ("第一行<br/>第二行", "第一行\n第二行"),
    ],
)
def test_strip_html_tags(raw, expected):
    assert clean.strip_html_tags(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("男主持人（**严於信**）：“晚上好。”", "男主持人（严於信）：“晚上好。”"),
        ("[原文链接](https://mp.weixin.qq.com/s/x)", "原文链接"),
        ("![图](a.png)图后", "图后"),
        ("`代码`", "代码"),
        ("加粗**未闭合", "加粗未闭合"),
    ],
)
def test_strip_markdown_inline(raw, expected):
    assert clean.strip_markdown_inline(raw) == expected


def test_remove_shortcodes():
    assert clean.remove_shortcodes("{{< tabs >}}正文{{% /tab %}}") == "正文"


def test_clean_inline_composes_everything():
    raw = '\ufeff\u3000\u3000<span style="background:#fff88f">要&emsp;**持续**抓下去</span>'
    assert clean.clean_inline(raw) == "要 持续抓下去"


@pytest.mark.parametrize(
    ("prev", "nxt", "broken"),
    [
        ("同时，我们应该清醒地看到，“百千万工程”是一项", "系统工程，点多线面广", True),
        ("共同富裕是中国式现代化的重要特征与本质", "要求。以“百千万工程”促进", True),
        ("大道至简，实干为要。全省各地实施“百千万", "工程”呈现百舸争流", True),
        ("战鼓催征马蹄疾，奋勇争先正当时。", "南粤大地上，进击", False),
        ("政策支持力度空前：", "仅柚子单品，广东就成", False),
        ("短标签", "正文开始了", False),  # too short to be a broken sentence
        ("推进“百千万工程”往深里抓、实里抓；", "二、下一步", False),
    ],
)
def test_looks_broken(prev, nxt, broken):
    assert clean.looks_broken(prev, nxt) is broken


def test_join_broken():
    paras = ["“百千万工程”是一项", "系统工程，点多线面广。", "见贤思齐，就必须对标先进。"]
    assert clean.join_broken(paras) == [
        "“百千万工程”是一项系统工程，点多线面广。",
        "见贤思齐，就必须对标先进。",
    ]


@pytest.mark.parametrize(
    ("text", "ends"),
    [("要持续抓下去。”", True), ("仍在续写……", True), ("是一项", False), ("听！", True)],
)
def test_ends_sentence(text, ends):
    assert clean.ends_sentence(text) is ends
