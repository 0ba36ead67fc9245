"""One place that makes every figure render Chinese.

Which font is used, in order of preference:

1. ``$BQW_FONT`` — path to a font file chosen by the user (must cover CJK);
2. a system CJK font known to matplotlib whose family is in :data:`SYSTEM_FONT_PREFERENCE`;
3. Noto Sans CJK SC shipped inside the ``mplfonts`` dependency (so a fresh machine with
   only ``pip install`` works; no system step and no download).

:func:`setup_matplotlib` registers that font with matplotlib's font manager and sets
the rcParams every notebook relies on. :func:`ensure_glyphs` is the guard used before
anything is drawn: it raises :class:`MissingGlyphError` when the font has no glyph for
a character, instead of letting matplotlib or Pillow draw an empty box (tofu).

Note on formats: the bundled Noto Sans CJK SC is an OpenType font with CFF outlines.
PNG (Agg) and SVG (glyphs written as paths, ``svg.fonttype = "path"``) work with it;
PDF: :func:`~bqw_research.textplot.save_figure` writes with ``pdf.fonttype = 42``
(fonts embedded as Type 42 / TrueType, text stays text); matplotlib embeds this CFF
font's subset as it is, which viewers draw (poppler notes a font-type mismatch).
With ``$BQW_FONT`` pointing at a TrueType (``.ttf``) CJK font the PDF is TrueType
throughout. This module itself leaves ``pdf.fonttype`` alone.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

__all__ = [
    "BUNDLED_FONT_FILE",
    "SYSTEM_FONT_PREFERENCE",
    "FontInfo",
    "FontNotFoundError",
    "MissingGlyphError",
    "bundled_font_path",
    "chinese_axes",
    "cjk_font",
    "cjk_font_path",
    "ensure_glyphs",
    "missing_glyphs",
    "setup_matplotlib",
]

#: Families of system fonts that draw Simplified Chinese well, best first. Only fonts
#: whose *family* matches one of these are used (a Japanese- or Traditional-first
#: font would draw some characters in non-mainland forms). Noto Sans CJK SC and
#: Source Han Sans SC are the same design (Adobe/Google, SIL OFL); WenQuanYi is the
#: common free fallback on Linux; the others ship with Windows/macOS.
SYSTEM_FONT_PREFERENCE: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
)

#: Font file inside the ``mplfonts`` package used when no system CJK font exists.
BUNDLED_FONT_PACKAGE = "mplfonts"
BUNDLED_FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"

#: Characters every candidate font must cover to count as a CJK font.
_PROBE = "百千万工程县镇村广东"

FontSource = Literal["env", "system", "bundled"]


class FontNotFoundError(RuntimeError):
    """No usable CJK font was found."""


class MissingGlyphError(ValueError):
    """The font has no glyph for some characters of words about to be drawn."""

    def __init__(self, words: dict[str, set[str]], font_path: Path):
        self.words = words
        self.chars = set().union(*words.values()) if words else set()
        self.font_path = font_path
        shown = "; ".join(
            f"{w!r} lacks {''.join(sorted(c))!r} ({', '.join(f'U+{ord(x):04X}' for x in sorted(c))})"
            for w, c in sorted(words.items())[:20]
        )
        more = f" (and {len(words) - 20} more words)" if len(words) > 20 else ""
        super().__init__(
            f"font {font_path.name} has no glyph for {len(self.chars)} character(s) in "
            f"{len(words)} word(s): {shown}{more}. Choose another font with $BQW_FONT "
            "or remove these words before drawing."
        )


@dataclass(frozen=True)
class FontInfo:
    """The CJK font figures are drawn with."""

    path: Path
    family: str
    source: FontSource

    def __str__(self) -> str:
        return f"{self.family} ({self.source}: {self.path})"


# ------------------------------------------------------------------------- discovery


@lru_cache(maxsize=16)
def _cmap(font_path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(font_path, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _family(font_path: Path) -> str:
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path), fontNumber=0, lazy=True) as font:
        name = font["name"]
        return str(name.getBestFamilyName() or name.getDebugName(1) or font_path.stem)


def _covers_probe(font_path: Path) -> bool:
    try:
        cmap = _cmap(str(font_path))
    except Exception:  # unreadable or unsupported font file
        return False
    return all(ord(c) in cmap for c in _PROBE)


def bundled_font_path() -> Path:
    """Path of Noto Sans CJK SC inside the installed ``mplfonts`` package."""
    try:
        root = resources.files(BUNDLED_FONT_PACKAGE)
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency missing
        raise FontNotFoundError(
            "the 'mplfonts' package (a dependency of bqw_research) is not installed"
        ) from exc
    path = Path(str(root.joinpath(BUNDLED_FONT_FILE)))
    if not path.is_file():
        raise FontNotFoundError(f"bundled CJK font not found at {path}")
    return path


def _system_font() -> tuple[Path, str] | None:
    from matplotlib import font_manager

    bundled_dir = None
    with contextlib.suppress(FontNotFoundError):
        bundled_dir = bundled_font_path().parent.resolve()
    by_family: dict[str, list[Path]] = {}
    for entry in font_manager.fontManager.ttflist:
        path = Path(entry.fname)
        if bundled_dir is not None and path.parent.resolve() == bundled_dir:
            continue  # registered by us earlier: not a system font
        if entry.style != "normal":
            continue
        by_family.setdefault(entry.name, []).append(path)
    for family in SYSTEM_FONT_PREFERENCE:
        candidates = sorted(
            by_family.get(family, []), key=lambda p: ("bold" in p.name.lower(), str(p))
        )
        for path in candidates:
            if path.is_file() and _covers_probe(path):
                return path, family
    return None


@lru_cache(maxsize=1)
def _discover(env_value: str | None) -> FontInfo:
    if env_value:
        path = Path(env_value).expanduser()
        if not path.is_file():
            raise FontNotFoundError(f"$BQW_FONT points to {path}, which does not exist")
        if not _covers_probe(path):
            raise FontNotFoundError(f"$BQW_FONT font {path} does not cover Chinese ({_PROBE})")
        return FontInfo(path.resolve(), _family(path), "env")
    found = _system_font()
    if found is not None:
        path, family = found
        return FontInfo(path.resolve(), family, "system")
    path = bundled_font_path()
    if not _covers_probe(path):  # pragma: no cover - corrupted install
        raise FontNotFoundError(f"bundled font {path} does not cover Chinese")
    return FontInfo(path.resolve(), _family(path), "bundled")


def cjk_font() -> FontInfo:
    """The CJK font to draw with (see the module docstring for the order)."""
    return _discover(os.environ.get("BQW_FONT") or None)


def cjk_font_path() -> Path:
    """Path of the CJK font file to draw with."""
    return cjk_font().path


# ----------------------------------------------------------------------- matplotlib

_registered: set[str] = set()


def setup_matplotlib() -> FontInfo:
    """Make matplotlib draw Chinese with :func:`cjk_font`; safe to call repeatedly.

    Registers the font file with matplotlib's font manager, puts its family first in
    ``font.sans-serif`` (DejaVu Sans stays as a fallback for Latin symbols), selects the
    sans-serif family, uses an ASCII hyphen for minus signs (``axes.unicode_minus =
    False``; the CJK font's minus glyph is fine but this keeps axis labels identical
    across fonts) and keeps SVG text as paths so SVGs render without the font.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    info = cjk_font()
    key = str(info.path)
    if key not in _registered:
        font_manager.fontManager.addfont(key)
        _registered.add(key)
    family = font_manager.FontProperties(fname=key).get_name()
    rest = [f for f in mpl.rcParams["font.sans-serif"] if f not in (family, info.family)]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [family, *rest]
    mpl.rcParams["axes.unicode_minus"] = False
    mpl.rcParams["svg.fonttype"] = "path"
    return info


def chinese_axes(ax=None, figsize: tuple[float, float] = (8, 4.5)):
    """``(figure, axes)`` to draw on: ``ax``'s, or a new figure set up for Chinese text."""
    if ax is not None:
        return ax.figure, ax
    import matplotlib.pyplot as plt

    setup_matplotlib()
    fig, ax = plt.subplots(figsize=figsize)
    return fig, ax


# --------------------------------------------------------------------------- glyphs


def _drawable(ch: str) -> bool:
    """Characters that need a glyph (whitespace and control/format chars do not)."""
    if ch.isspace():
        return False
    return unicodedata.category(ch) not in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def _as_texts(texts: str | Iterable[str]) -> list[str]:
    if isinstance(texts, str):
        return [texts]
    return [str(t) for t in texts]


def missing_glyphs(texts: str | Iterable[str], font_path: str | os.PathLike[str]) -> set[str]:
    """Characters of ``texts`` that the font at ``font_path`` has no glyph for."""
    cmap = _cmap(str(font_path))
    chars = {ch for text in _as_texts(texts) for ch in text}
    return {ch for ch in chars if _drawable(ch) and ord(ch) not in cmap}


def ensure_glyphs(
    texts: str | Iterable[str], font_path: str | os.PathLike[str] | None = None
) -> Path:
    """Raise :class:`MissingGlyphError` unless the font can draw every character.

    ``font_path`` defaults to :func:`cjk_font_path`. Returns the font path checked.
    """
    path = Path(font_path) if font_path is not None else cjk_font_path()
    cmap = _cmap(str(path))
    bad: dict[str, set[str]] = {}
    for text in _as_texts(texts):
        missing = {ch for ch in text if _drawable(ch) and ord(ch) not in cmap}
        if missing:
            bad[text] = missing
    if bad:
        raise MissingGlyphError(bad, path)
    return path
