"""``write_dictionary``: a dictionary table back to the YAML or CSV file :func:`dictionary` reads.

So that a dictionary grown in a notebook (e.g. with candidates accepted from
:func:`bqw_research.textstat.embeddings.accept_candidates`) becomes a file the researcher
keeps, edits and cites; reading the file again gives the same table.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from bqw_research.textstat.dictionary.load import REGEX_PREFIX, dictionary

__all__ = ["write_dictionary"]

#: Columns of a written CSV dictionary (terms in their written form: ``re:…``, ``!…``).
CSV_COLUMNS = ["category", "label", "term", "not_in", "source"]


def _written_term(rec: dict[str, Any]) -> str:
    term = f"{REGEX_PREFIX}{rec['term']}" if rec["kind"] == "regex" else str(rec["term"])
    return f"!{term}" if rec["exclude"] else term


def _yaml_mapping(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for category, sub in table.groupby("category", sort=False):
        recs = sub.to_dict("records")
        sources = list(dict.fromkeys(r["source"] for r in recs if r["source"]))
        entry: dict[str, Any] = {"label": recs[0]["label"]}
        if sources:
            entry["source"] = "; ".join(sources)
        entry["terms"] = [_written_term({**r, "exclude": False}) for r in recs if not r["exclude"]]
        excluded = [_written_term({**r, "exclude": False}) for r in recs if r["exclude"]]
        if excluded:
            entry["exclude"] = excluded
        out[str(category)] = entry
    return out


def write_dictionary(dic: Any, path: str | os.PathLike[str]) -> Path:
    """Write a dictionary (anything :func:`dictionary` reads) to ``path`` (.yaml, .yml or .csv).

    CSV keeps one row per term with its own ``source`` and ``not_in``; YAML groups the terms
    by category (a category's sources joined by ``;``; ``not_in`` is a CSV column only, so a
    dictionary that uses it is refused as YAML). Written as UTF-8 without a byte-order mark.
    Returns the path.
    """
    table = dictionary(dic)
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        out = table.assign(term=[_written_term(r) for r in table.to_dict("records")])
        out[CSV_COLUMNS].to_csv(target, index=False, encoding="utf-8")
        return target
    if suffix in {".yaml", ".yml"}:
        if (table["not_in"] != "").any():
            raise ValueError(f"{target}: not_in is a CSV column; write this dictionary as .csv")
        import yaml

        text = yaml.safe_dump(_yaml_mapping(table), allow_unicode=True, sort_keys=False)
        target.write_text(text, encoding="utf-8")
        return target
    raise ValueError(f"{target}: dictionaries are written as .yaml, .yml or .csv files")
