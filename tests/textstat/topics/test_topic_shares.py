"""textstat_topic_shares: token-weighted topic shares by region, city, outlet and month."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.topic_data import themed_tokens

from bqw_research.textstat.topics import SHARE_COLUMNS, textstat_topic_shares, textstat_topics


@pytest.fixture(scope="module")
def model():
    return textstat_topics(themed_tokens(), k=3, max_df=0.9)


@pytest.fixture(scope="module")
def corpus():
    return pd.DataFrame(
        {
            "doc_id": ["d0", "d1", "d2"],
            "outlet": ["南方日报", "江门日报", "南方日报"],
            "published": [pd.Timestamp("2025-11-20"), pd.Timestamp("2025-12-01"), pd.NaT],
        }
    )


@pytest.mark.parametrize(
    ("group", "expected"),
    [("outlet", {"南方日报", "江门日报"}), ("month", {"2025-11", "2025-12", "（无日期）"})],
)
def test_metadata_groups(model, corpus, group, expected):
    out = textstat_topic_shares(model, group=group, corpus=corpus)
    assert list(out.columns) == SHARE_COLUMNS
    assert set(out["group"]) == expected
    assert np.allclose(out.groupby("group")["share"].sum(), 1.0)


def test_region_and_city_from_attribution(model):
    attribution = pd.DataFrame(
        {
            "doc_id": ["d0", "d0", "d1"],
            "para_id": [1, 2, 1],
            "city": ["江门", "茂名", None],
            "region": ["珠三角", "粤西", None],
            "level": ["city", "city", "province"],
        }
    )
    region = textstat_topic_shares(model, group="region", attribution=attribution)
    assert set(region["group"]) == {"珠三角", "粤西", "（未归属）"}
    city = textstat_topic_shares(model, group="city", attribution=attribution)
    one = city[city["group"] == "江门"]
    para = model.shares[(model.shares.doc_id == "d0") & (model.shares.para_id == 1)]
    assert one["share"].to_numpy() == pytest.approx(para["share"].to_numpy())
    assert one["n_units"].iloc[0] == 1


def test_shares_weighted_by_tokens(model):
    out = textstat_topic_shares(model, group=None)
    s = model.shares
    expected = (s["share"] * s["n_tokens"]).groupby(s["topic"]).sum() / (
        s["share"] * s["n_tokens"]
    ).sum()
    assert out["share"].to_numpy() == pytest.approx(expected.to_numpy())
    assert out["n_units"].iloc[0] == 12


@pytest.mark.parametrize(
    ("group", "needs"), [("region", "attribution"), ("city", "attribution"), ("outlet", "corpus")]
)
def test_missing_input_is_named(model, group, needs):
    with pytest.raises(ValueError, match=needs):
        textstat_topic_shares(model, group=group)
