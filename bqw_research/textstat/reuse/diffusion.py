"""Provincial formulations → cities (:func:`textstat_formulation_diffusion`): which, where, how fast."""

from __future__ import annotations

import pandas as pd

from bqw_research.textstat.reuse.places import passage_places, provincial_outlet

__all__ = ["DIFFUSION_COLUMNS", "textstat_formulation_diffusion"]

DIFFUSION_COLUMNS = [
    "group",
    "formulation",
    "source_doc",
    "source_published",
    "source_basis",
    "first_echo_doc",
    "first_echo_published",
    "lag_days",
    "n_echoes",
]


def textstat_formulation_diffusion(
    reuse: pd.DataFrame, corpus: pd.DataFrame, *, max_chars: int = 80
) -> pd.DataFrame:
    """Which provincial formulations reach which cities, and how fast (``DIFFUSION_COLUMNS``).

    A *provincial formulation* is a reused passage whose source is provincial: its
    paragraph is attributed to the province (``level == "province"``: 省委, 省政府,
    the provincial leaders …) or the source article's outlet is provincial
    (:func:`~bqw_research.textstat.reuse.places.provincial_outlet`); ``source_basis``
    says which (``"paragraph"`` first). A city is reached when an echo passage stands in
    a paragraph attributed to that city, or in an article whose city it is. One row per
    formulation (source doc and span) and city (``group``): the first echo there
    (earliest, then source order), its lag in days, and how many echo passages the city
    has. ``formulation`` is the source text, cut to ``max_chars`` characters. Sorted by
    source order of the formulation, then lag, then city. Copies are left out.
    """
    rows = reuse[~reuse["copy"]] if "copy" in reuse.columns else reuse
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in DIFFUSION_COLUMNS})
    places = passage_places(rows, corpus)
    outlet = corpus.assign(doc_id=corpus["doc_id"].astype(str)).set_index("doc_id")
    outlet = outlet["outlet"] if "outlet" in outlet.columns else pd.Series(dtype=object)
    by_outlet = rows["source_doc"].map(outlet).map(provincial_outlet).fillna(False).astype(bool)
    by_para = places["source_level"].eq("province")
    basis = pd.Series(None, index=rows.index, dtype=object)
    basis[by_outlet] = "outlet"
    basis[by_para] = "paragraph"
    found = rows.assign(
        group=places["echo_city"], source_basis=basis, order=range(len(rows))
    ).dropna(subset=["group", "source_basis"])
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in DIFFUSION_COLUMNS})
    found = found.sort_values(["lag_days", "order"], kind="mergesort", na_position="last")
    keys = ["source_doc", "source_start", "source_end", "group"]
    first = found.drop_duplicates(keys).copy()
    first["n_echoes"] = first.set_index(keys).index.map(found.groupby(keys).size()).to_numpy()
    first["formulation"] = first["source_text"].str.replace(r"\s+", "", regex=True).str[:max_chars]
    first = first.rename(
        columns={"echo_doc": "first_echo_doc", "echo_published": "first_echo_published"}
    )
    first = first.sort_values(["order"], kind="mergesort")
    order = first.groupby(["source_doc", "source_start", "source_end"], sort=False)[
        "order"
    ].transform("min")
    first = first.assign(_f=order).sort_values(
        ["_f", "lag_days", "group"], kind="mergesort", na_position="last"
    )
    return first.reset_index(drop=True)[DIFFUSION_COLUMNS]
