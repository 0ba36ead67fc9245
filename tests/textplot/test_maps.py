"""Offline boundary data, the word-cloud mask and the choropleth."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.path import Path

from bqw_research.textplot import maps as geo
from bqw_research.textstat.regions.gazetteer import gazetteer_cities


def test_cities_match_the_gazetteer():
    cities = geo.guangdong_cities()
    assert len(cities) == 21
    g = gazetteer_cities()
    assert cities["code"].tolist() == g["code"].tolist()
    assert cities["name"].tolist() == g["name"].tolist()
    assert cities["region"].tolist() == g["region"].tolist()


def test_geometry_is_lon_lat_rings_inside_guangdong():
    for geom in geo.guangdong_cities()["geometry"]:
        assert geom, "every city has at least one polygon"
        for poly in geom:
            for ring in poly:
                assert ring.ndim == 2 and ring.shape[1] == 2 and len(ring) >= 4
                assert np.allclose(ring[0], ring[-1])  # closed
                assert ring[:, 0].min() > 109 and ring[:, 0].max() < 118  # longitude
                assert ring[:, 1].min() > 20 and ring[:, 1].max() < 26  # latitude


@pytest.mark.parametrize(
    ("city", "lon", "lat"),
    [
        ("广州市", 113.26, 23.13),  # 越秀区
        ("深圳市", 114.06, 22.54),  # 福田区
        ("梅州市", 116.12, 24.29),
        ("湛江市", 110.36, 21.27),
        ("韶关市", 113.60, 24.81),
    ],
)
def test_known_city_seats_fall_inside_their_city(city, lon, lat):
    cities = geo.guangdong_cities().set_index("name")
    inside = [geo._path(geom).contains_point((lon, lat)) for geom in cities["geometry"]]
    assert [n for n, ok in zip(cities.index, inside, strict=True) if ok] == [city]


def test_regions_outline():
    regions = geo.guangdong_regions()
    assert regions["region"].tolist() == ["珠三角", "粤东", "粤西", "粤北"]
    prd = geo._path(regions.set_index("region").loc["珠三角", "geometry"])
    assert prd.contains_point((113.26, 23.13))  # 广州
    assert not prd.contains_point((116.12, 24.29))  # 梅州


def test_label_point_inside():
    for geom in geo.guangdong_cities()["geometry"]:
        x, y = geo.label_point(geom)
        assert any(Path(poly[0]).contains_point((x, y)) for poly in geom)


def test_outline_mask_values_and_shape():
    mask = geo.guangdong_outline_mask(200, 150)
    assert mask.shape == (150, 200) and mask.dtype == np.uint8
    assert set(np.unique(mask)) == {0, 255}
    inside = (mask == 0).mean()
    assert 0.2 < inside < 0.8
    # corners are outside (sea / other provinces); the middle is inland Guangdong
    assert mask[0, 0] == 255 and mask[-1, -1] == 255
    assert mask[60, 100] == 0


def test_outline_mask_rejects_tiny():
    with pytest.raises(ValueError):
        geo.guangdong_outline_mask(1, 10)


def test_choropleth_colours_given_cities_only():
    values = pd.DataFrame({"group": ["广州", "深圳市"], "share": [0.75, 0.25]})
    ax = geo.textplot_choropleth(values, column="share", title="覆盖")
    patches = ax.patches
    # 21 city patches + 4 region outlines
    assert len(patches) == 25
    faces = [p.get_facecolor() for p in patches[:21]]
    grey = plt.matplotlib.colors.to_rgba("#eeeeee")
    coloured = [i for i, f in enumerate(faces) if not np.allclose(f, grey)]
    names = geo.guangdong_cities()["name"].tolist()
    assert sorted(names[i] for i in coloured) == ["广州市", "深圳市"]
    assert ax.get_title() == "覆盖"
    plt.close(ax.figure)


def test_choropleth_without_values():
    ax = geo.textplot_choropleth(None)
    assert len(ax.patches) == 25
    plt.close(ax.figure)
