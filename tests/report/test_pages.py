"""Report pages: contents, link back to the index, the embedded CJK font subset."""

from __future__ import annotations

import base64
import html
import io
import re

import pytest
from fontTools.ttLib import TTFont
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from bqw_research.report.pages import (
    FONT_FAMILY,
    add_navigation,
    embed_font,
    font_face_css,
    headings,
    page_characters,
)


def _exported(*markdown: str) -> str:
    """A real nbconvert page of a notebook with these Markdown cells and one code cell."""
    from nbconvert import HTMLExporter

    nb = new_notebook(cells=[*(new_markdown_cell(m) for m in markdown), new_code_cell("1 + 1")])
    body, _ = HTMLExporter().from_notebook_node(nb)
    return body


@pytest.fixture(scope="module")
def page() -> str:
    return _exported(
        "# 区域比较 Regional comparison\n\n广东省“百千万工程”。",
        "## 1. 各市报道份额\n\ntext",
        "### 茂名 <b>drill-down</b>\n\nmore",
        "## 2. 关键词 & <script>x</script>",
    )


def test_headings_in_order_with_their_anchors(page):
    found = headings(page)
    assert [(level, text) for level, _, text in found] == [
        (1, "区域比较 Regional comparison"),
        (2, "1. 各市报道份额"),
        (3, "茂名 drill-down"),
        (2, "2. 关键词 & x"),
    ]
    for _, anchor, _ in found:
        assert f'id="{html.escape(anchor)}"' in page


def test_navigation_links_index_and_every_section(page):
    nav = add_navigation(page)
    top = nav[nav.index("<main>") : nav.index("<main>") + 2000]
    assert '<a href="index.html">← report index</a>' in top
    links = re.findall(r'<li class="level-(\d)"><a href="#([^"]+)">([^<]*)</a>', top)
    # the single level-1 title is the page's own name, not a contents entry
    assert [(lvl, text) for lvl, _, text in links] == [
        ("2", "1. 各市报道份额"),
        ("3", "茂名 drill-down"),
        ("2", "2. 关键词 &amp; x"),
    ]
    for _, anchor, _ in links:
        assert f'id="{anchor}"' in nav  # every entry leads somewhere
    assert "<script>x" not in top


def test_page_without_headings_gets_only_the_link():
    nav = add_navigation(_exported("只有一段文字，没有标题。"))
    assert "← report index" in nav and "bqw-toc" not in nav.split("</head>")[1]


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (["<p>茂名 Maoming 茂名</p>"], "名茂"),
        (["<p>粤东</p>", "<p>粤西、粤北。</p>"], "、。东北粤西"),
        (["<style>.x{content:'样'}</style><script>var s='脚';</script><p>正文</p>"], "文正"),
        (["<p>&#x8302;&#21517;</p>"], "名茂"),  # character references count
        (["<p>plain ASCII — “quotes”</p>"], ""),
    ],
    ids=["repeated", "several-pages", "no-style-or-script", "entities", "no-cjk"],
)
def test_page_characters(pages, expected):
    assert page_characters(pages) == "".join(sorted(expected))


@pytest.fixture(scope="module")
def font_css() -> str:
    return font_face_css("广东省百千万工程，。")


def test_font_subset_holds_the_page_characters(font_css):
    match = re.search(r"url\(data:font/(woff2?);base64,([A-Za-z0-9+/=]+)\)", font_css)
    assert match, font_css[:200]
    font = TTFont(io.BytesIO(base64.b64decode(match.group(2))))
    assert font.flavor == match.group(1)
    cmap = font.getBestCmap()
    assert {chr(c) for c in cmap if c > 0x2E7F} == set("广东省百千万工程，。")
    assert len(font.getGlyphOrder()) < 40  # a subset, not the 65,000-glyph font
    assert f'font-family: "{FONT_FAMILY}"' in font_css and "unicode-range: U+2E80" in font_css


def test_no_characters_no_font():
    assert font_face_css("") == ""
    assert embed_font("<html><head></head></html>", "") == "<html><head></head></html>"


def test_embed_font_puts_the_family_first(page, font_css):
    embedded = embed_font(page, font_css)
    head = embedded.split("</head>")[0]
    assert head.rstrip().endswith("</style>")  # after nbconvert's own styles: it wins
    assert f'--jp-content-font-family: "{FONT_FAMILY}",' in head
    assert f'--jp-code-font-family: "{FONT_FAMILY}",' in head
    assert embedded.count("@font-face") == page.count("@font-face") + 1


def test_font_subset_is_cached_per_characters(tmp_path, monkeypatch):
    import bqw_research.textplot.webfont as webfont

    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path))
    first = font_face_css("茂名")
    assert len(list((tmp_path / "webfonts").glob("*.css"))) == 1

    def no_subsetting(*args):
        raise AssertionError("subset again")

    monkeypatch.setattr(webfont, "_subset_css", no_subsetting)
    assert font_face_css("茂名") == first
    with pytest.raises(AssertionError, match="subset again"):
        font_face_css("江门")  # other characters: another subset
