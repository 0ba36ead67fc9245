"""Saving figures: print resolution, PNG and SVG, the same bytes for the same figure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from bqw_research import config

_UNSAFE = re.compile(r"[^\w\-.]+", re.UNICODE)


def _safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name.strip()).strip("._")
    if not cleaned:
        raise ValueError(f"figure name {name!r} has no usable characters")
    return cleaned


def save_figure(
    fig: Figure,
    name: str,
    *,
    out_dir: str | Path | None = None,
    dpi: int = 300,
    formats: Sequence[str] = ("png", "svg"),
) -> dict[str, Path]:
    """Save ``fig`` as ``<out_dir>/<name>.png`` and ``.svg`` (print resolution, reproducible).

    ``out_dir`` defaults to :data:`bqw_research.config.FIGURES_DIR`. No timestamp or
    software version is written, and SVG element ids are derived from a fixed salt, so
    the same figure gives the same bytes. Returns ``{format: path}``.
    """
    out = Path(out_dir) if out_dir is not None else config.FIGURES_DIR
    out.mkdir(parents=True, exist_ok=True)
    stem = _safe_name(name)
    paths: dict[str, Path] = {}
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }
    with matplotlib.rc_context({"svg.hashsalt": "bqw_research", "svg.fonttype": "path"}):
        for fmt in formats:
            fmt = fmt.lower().lstrip(".")
            path = out / f"{stem}.{fmt}"
            fig.savefig(
                path,
                format=fmt,
                dpi=dpi,
                metadata=metadata.get(fmt),
                facecolor="white",
                bbox_inches="tight",
                pad_inches=0.05,
            )
            paths[fmt] = path
    return paths
