"""Saving figures: print resolution, PNG and SVG (PDF on request), the same bytes each time.

Where they go and in which formats are settings, so that ``bqw report --out DIR
--formats png,svg,pdf`` sends every notebook's figures to ``DIR/figures``: the
runner sets ``$BQW_OUT_DIR`` and ``$BQW_FIGURE_FORMATS`` for each kernel
(:mod:`bqw_research.config`); interactive runs write to ``reports/figures``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from bqw_research import config

_UNSAFE = re.compile(r"[^\w\-.]+", re.UNICODE)


def _safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name.strip()).strip("._")
    if not cleaned:
        raise ValueError(f"figure name {name!r} has no usable characters")
    return cleaned


def tight_bbox(fig: Figure, *, pad_inches: float = 0.05) -> Bbox:
    """The figure's tight bounding box in inches, padded: what ``bbox_inches="tight"`` crops to.

    Computed once for every format a figure is saved in (``savefig`` with
    ``bbox_inches="tight"`` lays the whole figure out again for each file, which costs
    as much as drawing it): the layout engine runs in a draw without output, then the
    extent of every artist is taken.
    """
    # images are clipped to their axes, so they add nothing to the box; hidden during the
    # layout draw, they are not resampled for a draw nobody sees (a word cloud at 300 dpi:
    # ~0.3 s each)
    images = [im for ax in fig.axes for im in ax.images if im.get_visible()]
    for im in images:
        im.set_visible(False)
    try:
        fig.draw_without_rendering()
        return fig.get_tightbbox(fig.canvas.get_renderer()).padded(pad_inches)
    finally:
        for im in images:
            im.set_visible(True)


def save_figure(
    fig: Figure,
    name: str,
    *,
    out_dir: str | Path | None = None,
    dpi: int = 300,
    formats: Sequence[str] | None = None,
) -> dict[str, Path]:
    """Save ``fig`` as ``<out_dir>/<name>.png`` and ``.svg`` (print resolution, reproducible).

    ``out_dir`` defaults to :func:`bqw_research.config.figures_dir` (``reports/figures``,
    or ``$BQW_OUT_DIR/figures``); ``formats`` to :func:`bqw_research.config.figure_formats`
    (PNG and SVG, or ``$BQW_FIGURE_FORMATS``). A PDF embeds its fonts as TrueType
    (``pdf.fonttype`` 42), so its Chinese text stays text, searchable and editable.
    No timestamp or software version is written, and SVG element ids are derived from
    a fixed salt, so the same figure gives the same bytes. Returns ``{format: path}``.
    """
    out = Path(out_dir) if out_dir is not None else config.figures_dir()
    formats = (
        config.figure_formats() if formats is None else [f.lower().lstrip(".") for f in formats]
    )
    out.mkdir(parents=True, exist_ok=True)
    stem = _safe_name(name)
    paths: dict[str, Path] = {}
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }
    settings = {"svg.hashsalt": "bqw_research", "svg.fonttype": "path", "pdf.fonttype": 42}
    with matplotlib.rc_context(settings):
        bbox = tight_bbox(fig, pad_inches=0.05)
        for fmt in formats:
            path = out / f"{stem}.{fmt}"
            fig.savefig(
                path,
                format=fmt,
                dpi=dpi,
                metadata=metadata.get(fmt),
                facecolor="white",
                bbox_inches=bbox,
            )
            paths[fmt] = path
    return paths
