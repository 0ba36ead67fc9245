"""Web fonts for HTML pages: the CJK font the figures draw with, subset and embedded.

:func:`font_face_css` subsets the CJK font (:func:`bqw_research.textplot.fonts.cjk_font_path`)
to the characters a set of pages uses and returns an ``@font-face`` rule with the font
inlined (WOFF2 when ``brotli`` is installed, else WOFF), restricted to the CJK code points
(``unicode-range``), so a viewer without any Chinese font still draws the text and Latin
text keeps the page's own fonts. :func:`embed_font` adds that rule to a page. Used by the
report's pages (:mod:`bqw_research.report.pages`) and the explorer pages (:mod:`.explorer`);
it lives in the plotting stage, which the report stage sits above.
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
    "embed_font",
    "font_face_css",
    "insert_before",
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
_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_SPANS)


def page_characters(pages: Iterable[str]) -> str:
    """The CJK characters the visible text of *pages* uses (sorted, each once)."""
    chars: set[str] = set()
    for page in pages:
        text = html.unescape(_SCRIPT_STYLE.sub(" ", page))
        chars.update(text)  # each distinct character once, then the CJK ones kept
    return "".join(sorted(ch for ch in chars if ord(ch) > 0x2E7F and _is_cjk(ch)))


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
        from bqw_research.textplot.fonts import cjk_font_path

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


def insert_before(page: str, marker: str, text: str) -> str:
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
    return insert_before(page, "</head>", style)
