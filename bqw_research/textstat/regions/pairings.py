"""City-to-city relations (pairing, visits) found in the text, with the evidence sentence."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from bqw_research.textstat.regions.cues import (
    attribution_cues,
    check_paragraphs,
    city_order,
    sentence_spans,
)
from bqw_research.textstat.regions.gazetteer import PlaceMatch, find_places


def _sentence_pairs(
    matches: list[PlaceMatch], own: str | None, order: dict[str, int]
) -> list[tuple[str, str]]:
    """City pairs of one pairing sentence (see :func:`textstat_pairings`)."""
    pairs: list[tuple[str, str]] = []
    spans: dict[tuple[int, int], list[str]] = defaultdict(list)
    for m in matches:
        if m.kind == "compound":
            spans[(m.start, m.end)].append(m.city)
    single_cities: set[str] = set()
    for cities in spans.values():  # 深汕, 广清, 莞韶: the compound names the pair
        uniq = sorted(set(cities), key=order.__getitem__)
        if len(uniq) == 1:  # 来珠 names one city
            single_cities.add(uniq[0])
        pairs += [(a, b) for i, a in enumerate(uniq) for b in uniq[i + 1 :]]
    single_cities |= {m.city for m in matches if m.kind != "compound"}
    singles = sorted(single_cities - {own}, key=order.__getitem__)
    if own:
        pairs += [(own, c) for c in singles]  # a star around the paragraph's city
    elif len(singles) == 2:
        pairs.append((singles[0], singles[1]))
    return pairs


def textstat_pairings(
    paragraphs: pd.DataFrame, attribution: pd.DataFrame | None = None
) -> pd.DataFrame:
    """City-to-city relations found in the text, with the evidence sentence.

    A sentence that names (or implies) two or more cities *and* contains a pairing
    word (对口帮扶, 结对, 帮扶协作, 产业转移合作园, 飞地, 合作区 …) or a visit word
    (代表团, 考察交流 …) yields edges: a compound names its own pair (深汕特别合作区 →
    深圳–汕尾, 广清 → 广州–清远); when ``attribution`` gives the paragraph a city, that
    city is linked with each other city of the sentence (a star: “唐屹峰强调，要深化与
    茂名、云浮对口帮扶协作” in a 佛山 paragraph links 佛山–茂名 and 佛山–云浮, not
    茂名–云浮); otherwise two cities named alone in the sentence are linked, and a
    longer list without a host city yields no edge (it does not say who pairs with
    whom).

    Returns ``source, target, relation, doc_id, para_id, evidence`` (``relation`` is
    ``pairing`` or ``visit``; ``source`` comes before ``target`` in region/code order,
    so edges are undirected). One row per (pair, relation, sentence);
    :func:`pairing_edges` weights them.
    """
    paras = check_paragraphs(paragraphs)
    cues = attribution_cues()
    city_of: dict[tuple[str, int], str] = {}
    if attribution is not None and len(attribution):
        for d, p, c, lvl in zip(
            attribution["doc_id"],
            attribution["para_id"],
            attribution["city"],
            attribution["level"],
            strict=True,
        ):
            if lvl == "city" and isinstance(c, str):
                city_of[(str(d), int(p))] = c
    order = {c: i for i, c in enumerate(city_order())}
    rows = []
    for doc_id, para_id, text in zip(paras["doc_id"], paras["para_id"], paras["text"], strict=True):
        own = city_of.get((doc_id, int(para_id)))
        for _, sent in sentence_spans(text):
            if cues.pairing.search(sent):
                relation = "pairing"
            elif cues.visit.search(sent):
                relation = "visit"
            else:
                continue
            matches = find_places(sent)
            pairs = _sentence_pairs(matches, own, order)
            for x, y in pairs:
                a, b = sorted((x, y), key=order.__getitem__)
                if a != b:
                    rows.append(
                        {
                            "source": a,
                            "target": b,
                            "relation": relation,
                            "doc_id": doc_id,
                            "para_id": int(para_id),
                            "evidence": sent.strip(),
                        }
                    )
    cols = ["source", "target", "relation", "doc_id", "para_id", "evidence"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    out = pd.DataFrame(rows, columns=cols).drop_duplicates(ignore_index=True)
    out["para_id"] = out["para_id"].astype("int64")
    return out


def pairing_edges(pairings: pd.DataFrame) -> pd.DataFrame:
    """Weighted edge table: ``source, target, weight, relations, documents``."""
    cols = ["source", "target", "weight", "relations", "documents"]
    if pairings.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    g = pairings.groupby(["source", "target"], sort=True)
    out = g.agg(
        weight=("evidence", "size"),
        relations=("relation", lambda s: "、".join(sorted(set(s)))),
        documents=("doc_id", "nunique"),
    ).reset_index()
    return out.sort_values(
        ["weight", "source", "target"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)
