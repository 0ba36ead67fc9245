"""Document structure: headings, metadata, furniture, credits, emphasis, HTML pages."""

import pytest

from bqw_research.corpus.parse import extract_emphasis, parse_document


def kinds(doc):
    return {k for k, _, _ in doc.removed}


def test_headings_become_sections_not_paragraphs():
    doc = parse_document(
        "# 标题\n\n导语一段。\n\n### 第一部分\n\n正文一。\n\n正文二。\n\n## 第二部分\n\n正文三。"
    )
    assert doc.title == "标题"
    assert [(p.section, p.text) for p in doc.paragraphs] == [
        ("", "导语一段。"),
        ("第一部分", "正文一。"),
        ("第一部分", "正文二。"),
        ("第二部分", "正文三。"),
    ]


@pytest.mark.parametrize(
    ("line", "paragraph"),
    [
        ("#乡村振兴# 茂名推进百千万工程。", "#乡村振兴# 茂名推进百千万工程。"),
        ("#百千万工程#", "#百千万工程#"),
        ("#广东# #乡村振兴# 两个话题开头。", "#广东# #乡村振兴# 两个话题开头。"),
    ],
)
def test_a_topic_tag_at_the_start_of_a_paragraph_is_text(line, paragraph):
    doc = parse_document(f"# 标题\n\n{line}\n\n正文。")
    assert [p.text for p in doc.paragraphs] == [paragraph, "正文。"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [("## 第一部分", "第一部分"), ("##第一部分", "第一部分"), ("# 第二部分 #", "第二部分")],
)
def test_headings_with_and_without_a_space_stay_headings(line, heading):
    doc = parse_document(f"# 标题\n\n导语。\n\n{line}\n\n正文。")
    assert [(p.section, p.text) for p in doc.paragraphs] == [("", "导语。"), (heading, "正文。")]


def test_source_line_and_footer_are_metadata():
    text = (
        "# 标题\n\n> 南方杂志微信公众号 [原文链接](https://mp.weixin.qq.com/s/abc)\n\n正文。\n\n---\n\n"
        "> 作者: [t0ur1st](https://github.com/tyd2000)  \n> URL: https://tyd2000.github.io/posts/x/  \n"
    )
    doc = parse_document(text)
    assert doc.outlet == "南方杂志"
    assert doc.url == "https://mp.weixin.qq.com/s/abc"
    assert doc.repost_author == "t0ur1st" and doc.author == "t0ur1st"
    assert doc.repost_url == "https://tyd2000.github.io/posts/x/"
    assert [p.text for p in doc.paragraphs] == ["正文。"]
    assert {"source", "footer", "rule"} <= kinds(doc)


def test_page_furniture_credits_and_byline():
    text = (
        "\n\n# 百千万\n\n## 以“头号力度”拼出“头号工程”新图景\n\n战鼓催征马蹄疾，奋勇争先正当时。\n\n（赵可义）\n\n"
        "# 奋进\n\n\n\n总策划：傅健 曹乃付  \n出品人：张永源  \n出品：江门日报社\n\n奋进"
    )
    doc = parse_document(text)
    assert doc.title == "以“头号力度”拼出“头号工程”新图景"
    assert [p.text for p in doc.paragraphs] == ["战鼓催征马蹄疾，奋勇争先正当时。"]
    assert doc.author == "赵可义"
    removed = [(k, e) for k, e, _ in doc.removed]
    assert ("furniture", "百千万") in removed
    assert ("furniture", "奋进") in removed
    assert ("credits", "出品：江门日报社") in removed
    assert ("byline", "（赵可义）") in removed


def test_sentence_broken_by_blank_line_is_joined():
    doc = parse_document(
        "# 题\n\n同时，我们应该清醒地看到，“百千万工程”是一项\n\n系统工程，点多线面广。\n\n下一段。"
    )
    assert [p.text for p in doc.paragraphs] == [
        "同时，我们应该清醒地看到，“百千万工程”是一项系统工程，点多线面广。",
        "下一段。",
    ]
    assert "joined_broken_line" in kinds(doc)


def test_paragraph_after_rule_is_not_joined():
    doc = parse_document("# 题\n\n聚焦行业热点，大会还举办多项活动\n\n------\n\n下一节开始。")
    assert len(doc.paragraphs) == 2


def test_iframe_html_blocks_entities_and_shortcodes():
    text = (
        '# 《新闻联播》\n\n### 速览\n\n<iframe\n    width="100%"\n    src="https://x"\n></iframe>\n\n'
        '<h3 style="text-align: center;">山海交响</h3>\n<p>&emsp;&emsp;海滨明珠，山海善美。</p>\n'
        "{{< /show-text >}}\n\n男主持人（**严於信**）：“各位观众晚上好。”"
    )
    doc = parse_document(text)
    assert [(p.section, p.text) for p in doc.paragraphs] == [
        ("山海交响", "海滨明珠，山海善美。"),
        ("山海交响", "男主持人（严於信）：“各位观众晚上好。”"),
    ]
    assert {"iframe", "shortcode"} <= kinds(doc)
    for p in doc.paragraphs:
        assert "<" not in p.text and "&emsp;" not in p.text and "**" not in p.text


def test_bold_only_short_line_is_a_heading():
    doc = parse_document("# 联播\n\n**巴方谴责以军侵略行径**\n\n巴勒斯坦官员24日称，以军进入杰宁。")
    assert [(p.section, p.text) for p in doc.paragraphs] == [
        ("巴方谴责以军侵略行径", "巴勒斯坦官员24日称，以军进入杰宁。")
    ]


def test_link_lists_and_notes_are_set_aside():
    text = "# 题\n\n正文。\n\n- #### 开卷\n  - #### [潮涌红土地](https://x/1.shtml)\n\n> 注：这是转载者的说明。\n"
    doc = parse_document(text)
    assert [p.text for p in doc.paragraphs] == ["正文。"]
    assert {"link_list", "note"} <= kinds(doc)
    kept = parse_document(text, notes=True)
    assert "注：这是转载者的说明。" in [p.text for p in kept.paragraphs]


def test_list_items_are_paragraphs():
    doc = parse_document(
        "# 题\n\n- 推动出台促进产业有序转移条例。\n- 15个主平台新承接项目约700个。"
    )
    assert [p.text for p in doc.paragraphs] == [
        "推动出台促进产业有序转移条例。",
        "15个主平台新承接项目约700个。",
    ]


def test_full_html_page():
    page = (
        "<!DOCTYPE html><html><head><title>百千万工程报道</title><style>p{}</style></head><body>"
        "<nav>首页 | 新闻</nav><h1>百千万工程报道</h1><p>&emsp;广东<strong>全力推进</strong>。</p>"
        "<script>alert(1)</script><p>第二段&nbsp;内容。</p><footer>版权所有</footer></body></html>"
    )
    doc = parse_document(page, kind="html")
    assert doc.title == "百千万工程报道"
    assert [p.text for p in doc.paragraphs] == ["广东全力推进。", "第二段 内容。"]
    assert ("bold", "全力推进", "") in [(k, t, s) for _, k, t, s in doc.emphasis]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            '要<font color="#ff0000">“百千万工程”</font>走深走实',
            [("key_term", "“百千万工程”", "#ff0000")],
        ),
        (
            '<span style="background:#fff88f">完善<font color="#FF0000">区域协调发展</font>体制机制</span>',
            [
                ("highlight", "完善区域协调发展体制机制", "#fff88f"),
                ("key_term", "区域协调发展", "#ff0000"),
            ],
        ),
        ("<strong>广州市委书记郭永航</strong>主持", [("bold", "广州市委书记郭永航", "")]),
        ("男主持人（**严於信**）", [("bold", "严於信", "")]),
        ('<span style="color:red">不是背景</span>', []),
    ],
)
def test_extract_emphasis(raw, expected):
    assert extract_emphasis(raw) == expected


def test_parsed_documents_survive_pickling_unchanged():
    # The ingest caches parsed documents and sends them between processes as pickles.
    import pickle

    doc = parse_document(
        "# 标题\n\n来源：南方日报\n\n推进<font color='red'>百千万工程</font>走深走实。\n\n## 小结\n\n县镇村。",
        kind="markdown",
    )
    again = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == doc
    assert again.text == doc.text and again.paragraphs[0].raw == doc.paragraphs[0].raw
