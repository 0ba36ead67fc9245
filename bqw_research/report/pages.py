"""The report's HTML pages made readable anywhere: navigation and an embedded CJK font.

* :func:`add_navigation` puts a link back to ``index.html`` and a table of contents
  (the page's Markdown headings, as nbconvert renders them with ``id`` anchors) at
  the top of a notebook page.
* :func:`font_face_css` subsets the CJK font the figures are drawn with
  (:func:`bqw_research.textplot.cjk_font_path`) to the characters the pages use and
  returns an ``@font-face`` rule with the font inlined (WOFF2 when ``brotli`` is
  installed, else WOFF), restricted to the CJK code points (``unicode-range``), so
  a viewer without any Chinese font still draws the text and Latin text keeps the
  page's own fonts. :func:`embed_font` adds that rule to a page. One subset serves
  every page of a report (subsetting a CJK font takes seconds).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import os
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "CJK_UNICODE_RANGE",
    "FONT_FAMILY",
    "add_navigation",
    "embed_font",
    "font_face_css",
    "headings",
    "page_characters",
]

#: The family name the embedded font is known by in the pages' CSS.
FONT_FAMILY = "bqw-cjk"
#: Code points the embedded font is used for: CJK punctuation, kana, ideographs,
#: compatibility forms and full-width forms (Latin keeps the viewer's fonts).
CJK_UNICODE_RANGE = (
    "U+2E80-2FDF, U+3000-303F, U+3040-30FF, U+3100-312F, U+31A0-31FF, U+3200-33FF, "
    "U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE10-FE1F, U+FE30-FE4F, U+FF00-FFEF, "
    "U+20000-2FA1F"
)
_CJK_SPANS = tuple(
    (int(lo, 16), int(hi or lo, 16))
    for lo, hi in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", CJK_UNICODE_RANGE)
)
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_NAV_CSS = """
<style>
.bqw-nav { margin: 0 0 .5rem; font-size: 95%; }
.bqw-toc { border: 1px solid #ddd; background: #fafafa; padding: .5rem 1rem; margin: 0 0 1.5rem; }
.bqw-toc ul { margin: .3rem 0; padding-left: 1.2rem; }
.bqw-toc li.level-3 { margin-left: 1.2rem; } .bqw-toc li.level-4 { margin-left: 2.4rem; }
</style>
"""


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_SPANS)


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
    page = _insert_before(page, "</head>", _NAV_CSS)
    if "<main>" in page:
        return page.replace("<main>", "<main>" + nav, 1)
    match = re.search(r"<body[^>]*>", page)
    if match is None:
        return nav + page
    return page[: match.end()] + nav + page[match.end() :]


def page_characters(pages: Iterable[str]) -> str:
    """The CJK characters the visible text of *pages* uses (sorted, each once)."""
    chars: set[str] = set()
    for page in pages:
        text = html.unescape(_SCRIPT_STYLE.sub(" ", page))
        chars.update(ch for ch in text if ord(ch) > 0x2E7F and _is_cjk(ch))
    return "".join(sorted(chars))


def _woff_flavor() -> str:
    try:
        import brotli  # noqa: F401
    except ImportError:
        return "woff"
    return "woff2"


def font_face_css(chars: str, font_path: str | Path | None = None, *, cache: bool = True) -> str:
    """An ``@font-face`` rule embedding *font_path* subset to *chars*, or ``""`` if none.

    *font_path* defaults to the CJK font the figures use. Characters the font
    lacks are left out of the subset (the viewer's own fonts then apply). With
    *cache*, the rule is kept under ``config.cache_dir()/webfonts``, keyed by the
    font file and the characters, so a report run again on the same corpus does
    not subset again.
    """
    if not chars:
        return ""
    if font_path is None:
        from bqw_research.textplot import cjk_font_path

        font_path = cjk_font_path()
    flavor = _woff_flavor()
    cached = _cache_file(Path(font_path), chars, flavor) if cache else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    css = _subset_css(chars, Path(font_path), flavor)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f".{cached.name}.{os.getpid()}.partial")
        partial.write_text(css, encoding="utf-8")
        os.replace(partial, cached)
    return css


def _cache_file(font_path: Path, chars: str, flavor: str) -> Path:
    from bqw_research import config

    stat = font_path.stat()
    key = hashlib.sha256(
        f"{font_path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{flavor}\0{chars}".encode()
    ).hexdigest()[:32]
    return config.cache_dir() / "webfonts" / f"{key}.css"


def _subset_css(chars: str, font_path: Path, flavor: str) -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # bounding boxes are not recomputed and hints kept: each would re-interpret every
    # CFF outline and triple the time of a subset of a few thousand glyphs
    font = TTFont(str(font_path), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []
    options.hinting = True
    options.name_IDs = [1, 2]
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "VORG", "vhea", "vmtx", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    font.flavor = flavor
    buffer = io.BytesIO()
    font.save(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: 100 900;'
        f' src: url(data:font/{flavor};base64,{data}) format("{flavor}");'
        f" unicode-range: {CJK_UNICODE_RANGE}; }}"
    )


def _insert_before(page: str, marker: str, text: str) -> str:
    at = page.rfind(marker)
    return page[:at] + text + page[at:] if at >= 0 else text + page


def embed_font(page: str, font_css: str) -> str:
    """*page* with *font_css* and the page fonts put behind the embedded CJK family.

    nbconvert's pages take their fonts from ``--jp-…-font-family`` variables;
    they are redefined with :data:`FONT_FAMILY` first (it only covers CJK code
    points, so Latin text keeps its usual font).
    """
    if not font_css:
        return page
    first = f'"{FONT_FAMILY}"'
    sans = "system-ui, -apple-system, 'Segoe UI', helvetica, arial, sans-serif"
    mono = "menlo, consolas, 'DejaVu Sans Mono', monospace"
    style = (
        f'<style id="bqw-font">{font_css}\n'
        f":root {{ --jp-ui-font-family: {first}, {sans}; --jp-content-font-family: {first}, {sans};"
        f" --jp-code-font-family-default: {first}, {mono}; --jp-code-font-family: {first}, {mono}; }}\n"
        f"body {{ font-family: {first}, {sans}; }}\n"
        f"pre, code, kbd, samp {{ font-family: {first}, {mono}; }}</style>\n"
    )
    return _insert_before(page, "</head>", style)
