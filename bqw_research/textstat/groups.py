"""Grouping units for statistics: every ``textstat_*`` takes ``group`` in the same forms.

``group`` may be

* ``None`` — every row belongs to the group ``"all"``;
* a column name of the table (e.g. ``"genre"`` after a merge);
* a mapping ``doc_id -> group`` (``dict`` or ``pandas.Series``); documents that are not
  in the mapping are left out;
* a DataFrame with some of the key columns ``doc_id``/``para_id``/``sent_id`` and a
  ``group`` column, e.g. the paragraph → region attribution of
  :mod:`bqw_research.textstat.regions`. A unit mapped to several groups counts in each of
  them (a paragraph that talks about two cities contributes to both); units not listed
  are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

KEY_COLUMNS = ("doc_id", "para_id", "sent_id")
#: The group of every row when ``group`` is ``None``.
ALL = "all"


def attach_group(toks: pd.DataFrame, group: Any) -> pd.DataFrame:
    """Return ``toks`` with a string ``group`` column (rows without a group dropped).

    ``group``: ``None`` (one group ``"all"``), a column name, a ``doc_id → group``
    mapping/Series, or a DataFrame of key columns (``doc_id``/``para_id``/``sent_id``)
    and ``group`` (a unit mapped to several groups counts in each).
    """
    # (copy-on-write: the returned table shares the token columns with ``toks``)
    if group is None:
        return toks.assign(group=ALL)
    if isinstance(group, str):
        if group not in toks.columns:
            raise KeyError(
                f"group column {group!r} not in token table columns {list(toks.columns)}"
            )
        out = toks.assign(group=toks[group])
    elif isinstance(group, pd.DataFrame):
        if "group" not in group.columns:
            raise KeyError("a group DataFrame needs a 'group' column")
        keys = [c for c in KEY_COLUMNS if c in group.columns and c in toks.columns]
        if not keys:
            raise KeyError(
                "a group DataFrame needs at least one key column shared with the tokens "
                f"({', '.join(KEY_COLUMNS)})"
            )
        mapping = group[[*keys, "group"]].drop_duplicates()
        base = toks.drop(columns=["group"], errors="ignore")
        out = base.merge(mapping, on=keys, how="inner", sort=False)
    elif isinstance(group, Mapping | pd.Series):
        if "doc_id" not in toks.columns:
            raise KeyError("grouping by a doc_id mapping needs a 'doc_id' column")
        lookup = dict(group.items())
        out = toks.assign(group=toks["doc_id"].map(lookup))
    else:
        raise TypeError(
            "group must be None, a column name, a doc_id→group mapping or a DataFrame "
            f"with a 'group' column; got {type(group).__name__}"
        )
    known = out["group"].notna()
    if not known.all():
        out = out[known]
    return out.assign(group=out["group"].astype(str))


def group_codes(toks: pd.DataFrame, group: Any) -> tuple[np.ndarray, pd.Index] | None:
    """Each row's group as an integer code, without a string per row: ``(codes, names)``.

    ``names`` are the groups as :func:`attach_group` writes them (``str``), sorted;
    ``codes[i]`` indexes them, ``-1`` for a row without a group (left out). Works for
    ``None``, a column name and a ``doc_id → group`` mapping, deciding once per distinct
    value; ``None`` for a DataFrame of units (a unit may be in several groups: use
    :func:`attach_group`, which repeats its rows).
    """
    if isinstance(group, pd.DataFrame):
        return None
    if group is None:
        return np.zeros(len(toks), dtype=np.int64), pd.Index([ALL], dtype=str)
    if isinstance(group, str):
        if group not in toks.columns:
            raise KeyError(
                f"group column {group!r} not in token table columns {list(toks.columns)}"
            )
        keys, values = pd.factorize(toks[group], sort=False)
        values = pd.Series(values)  # the column's dtype: its str() as attach_group's
    elif isinstance(group, Mapping | pd.Series):
        if "doc_id" not in toks.columns:
            raise KeyError("grouping by a doc_id mapping needs a 'doc_id' column")
        keys, docs = pd.factorize(toks["doc_id"], sort=False)
        # Series.map over the distinct documents infers the dtype attach_group's map does
        # (ints with a document left out become floats, dates stay dates)
        values = pd.Series(docs).map(dict(group.items()))
    else:
        return None  # attach_group names the error
    known = values.notna().to_numpy()
    named, names = pd.factorize(values[known].astype(str), sort=True)
    of_key = np.full(len(values) + 1, -1, dtype=np.int64)  # the last slot answers key -1
    of_key[:-1][known] = named
    return of_key[keys], pd.Index(names, dtype=str)


def metadata_group(x: pd.DataFrame, group: Any) -> Any:
    """``group`` ready for a table derived from ``x``: a metadata column → ``doc_id → group``.

    Token and sentence tables do not carry the corpus's metadata, so ``group="genre"``
    is read from ``x`` (a corpus, or any table with ``doc_id`` and that column) once per
    document; key columns (``doc_id`` …) and every other form of ``group`` pass through.
    """
    if not isinstance(group, str) or group in KEY_COLUMNS:
        return group
    if group not in x.columns or "doc_id" not in x.columns:
        raise KeyError(
            f"group column {group!r} not in {list(x.columns)}; pass the corpus (its "
            "metadata is used) or a doc_id → group mapping"
        )
    return x.drop_duplicates("doc_id").set_index("doc_id")[group]
