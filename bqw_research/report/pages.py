"""The report's HTML pages made readable anywhere: navigation and an embedded CJK font.

* :func:`add_navigation` puts a link back to ``index.html`` and a table of contents
  (the page's Markdown headings, as nbconvert renders them with ``id`` anchors) at
  the top of a notebook page.
* :func:`font_face_css` and :func:`embed_font` (from :mod:`bqw_research.textplot.webfont`,
  re-exported here) subset the CJK font the figures are drawn with to the characters the
  pages use and embed it as an ``@font-face`` rule, so a viewer without any Chinese font
  still draws the text. One subset serves every page of a report (subsetting a CJK font
  takes seconds).
"""

from __future__ import annotations

import html
import re

from bqw_research.textplot.webfont import (
    CJK_UNICODE_RANGE,
    FONT_FAMILY,
    embed_font,
    font_face_css,
    insert_before,
    page_characters,
)

__all__ = [
    "CJK_UNICODE_RANGE",
    "FONT_FAMILY",
    "add_navigation",
    "embed_font",
    "font_face_css",
    "headings",
    "page_characters",
]

_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_NAV_CSS = """
<style>
.bqw-nav { margin: 0 0 .5rem; font-size: 95%; }
.bqw-toc { border: 1px solid #ddd; background: #fafafa; padding: .5rem 1rem; margin: 0 0 1.5rem; }
.bqw-toc ul { margin: .3rem 0; padding-left: 1.2rem; }
.bqw-toc li.level-3 { margin-left: 1.2rem; } .bqw-toc li.level-4 { margin-left: 2.4rem; }
</style>
"""


def headings(page: str, *, max_level: int = 4) -> list[tuple[int, str, str]]:
    """``(level, id, text)`` of the page's headings that have an ``id``, in order (plain text)."""
    out = []
    for level, anchor, inner in _HEADING.findall(page):
        if int(level) > max_level:
            continue
        text = html.unescape(_TAG.sub("", inner.split('<a class="anchor-link"')[0])).strip()
        if text:
            out.append((int(level), html.unescape(anchor), text))
    return out


def add_navigation(page: str, *, index_href: str = "index.html") -> str:
    """*page* with a link back to the index and a table of contents of its headings.

    Both go first inside ``<main>`` (or ``<body>``); the contents list every heading
    of levels 1–4 except a single level-1 title. A page without headings only gets
    the link.
    """
    found = headings(page)
    if sum(1 for level, _, _ in found if level == 1) == 1:
        found = [h for h in found if h[0] != 1]
    items = "".join(
        f'<li class="level-{level}"><a href="#{html.escape(anchor, quote=True)}">'
        f"{html.escape(text)}</a></li>"
        for level, anchor, text in found
    )
    toc = (
        f'<nav class="bqw-toc" aria-label="contents"><strong>Contents</strong><ul>{items}</ul></nav>'
        if items
        else ""
    )
    nav = (
        f'<nav class="bqw-nav"><a href="{html.escape(index_href, quote=True)}">'
        f"← report index</a></nav>{toc}"
    )
    page = insert_before(page, "</head>", _NAV_CSS)
    if "<main>" in page:
        return page.replace("<main>", "<main>" + nav, 1)
    match = re.search(r"<body[^>]*>", page)
    if match is None:
        return nav + page
    return page[: match.end()] + nav + page[match.end() :]
