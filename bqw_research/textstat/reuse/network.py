"""The reuse network (:func:`textstat_reuse_network`): who echoes whom, by outlet or city."""

from __future__ import annotations

import pandas as pd

from bqw_research.textstat.reuse.places import passage_places

__all__ = ["NETWORK_COLUMNS", "UNKNOWN", "textstat_reuse_network"]

NETWORK_COLUMNS = [
    "group",
    "source_group",
    "echo_group",
    "n_passages",
    "n_doc_pairs",
    "median_lag_days",
]
#: Label of a source or echo whose outlet or city is unknown.
UNKNOWN = "（未知）"


def textstat_reuse_network(
    reuse: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "outlet", drop_unknown: bool = False
) -> pd.DataFrame:
    """Edges source group → echo group of a :func:`textstat_reuse` table (``NETWORK_COLUMNS``).

    ``by="outlet"``: the articles' ``outlet``; ``by="city"``: the city of the paragraph
    holding each passage, else the article's city (:mod:`.places`). ``n_passages``:
    aligned passage pairs; ``n_doc_pairs``: distinct article pairs; ``median_lag_days``:
    median lag of the passages (``NaN`` without dates). Unknown groups are
    :data:`UNKNOWN` (left out with ``drop_unknown``); rows sorted by ``n_passages``
    (most first), then groups. ``group`` holds ``by``. Copies (``copy``) are left out.
    """
    if by not in ("outlet", "city"):
        raise ValueError(f"by must be 'outlet' or 'city', not {by!r}")
    rows = reuse[~reuse["copy"]] if "copy" in reuse.columns else reuse
    if by == "outlet":
        outlet = corpus.assign(doc_id=corpus["doc_id"].astype(str)).set_index("doc_id")
        outlet = outlet["outlet"] if "outlet" in outlet.columns else pd.Series(dtype=object)
        src = rows["source_doc"].map(outlet)
        echo = rows["echo_doc"].map(outlet)
    else:
        places = passage_places(rows, corpus)
        src, echo = places["source_city"], places["echo_city"]
    edges = pd.DataFrame(
        {
            "source_group": src.where(src.notna() & (src != ""), UNKNOWN).astype(str),
            "echo_group": echo.where(echo.notna() & (echo != ""), UNKNOWN).astype(str),
            "pair": rows["source_doc"].astype(str) + "\t" + rows["echo_doc"].astype(str),
            "lag": pd.to_numeric(rows["lag_days"], errors="coerce"),
        }
    )
    if drop_unknown:
        edges = edges[(edges["source_group"] != UNKNOWN) & (edges["echo_group"] != UNKNOWN)]
    if edges.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in NETWORK_COLUMNS})
    out = (
        edges.groupby(["source_group", "echo_group"], sort=True)
        .agg(
            n_passages=("pair", "size"),
            n_doc_pairs=("pair", "nunique"),
            median_lag_days=("lag", "median"),
        )
        .reset_index()
    )
    out.insert(0, "group", by)
    out = out.sort_values(
        ["n_passages", "source_group", "echo_group"],
        ascending=[False, True, True],
        kind="mergesort",
    )
    return out.reset_index(drop=True)[NETWORK_COLUMNS]
