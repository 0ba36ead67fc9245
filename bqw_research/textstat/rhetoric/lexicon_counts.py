"""Counting lexicon entries: slogans (提法) and campaign/military metaphors."""

from __future__ import annotations

from typing import Any

import pandas as pd

from bqw_research.textstat.rhetoric.common import (
    as_sentences,
    attach_group,
    compile_terms,
    find_terms,
    group_sizes,
    is_corpus,
    per_10k,
    read_lexicon,
    split_pipe,
)

SLOGAN_COLUMNS = [
    "group",
    "canonical",
    "category",
    "n",
    "n_docs",
    "per_10k_chars",
    "group_docs",
    "group_chars",
]
METAPHOR_COLUMNS = ["group", "domain", "term", "n", "n_docs", "per_10k_chars", "group_chars"]


def slogan_lexicon() -> pd.DataFrame:
    """``data/lexicons/rhetoric/slogans.csv``: ``canonical, variant, category, source``."""
    return read_lexicon("slogans")


def metaphor_lexicon() -> pd.DataFrame:
    """``data/lexicons/rhetoric/metaphors.csv``: ``term, domain, not_in, literal_in, source``.

    ``literal_in`` names the contexts (``|``-separated, see :func:`metaphor_literal_cues`)
    in which the term is used literally (作战 among soldiers, 赛道 at a ski race).
    """
    return read_lexicon("metaphors")


def metaphor_literal_cues() -> pd.DataFrame:
    """``data/lexicons/rhetoric/metaphor_literal_cues.csv``: ``context, word, scope, source``.

    A context (``military``, ``history``, ``sport``) is present around a match when one of
    its cue words occurs in the match's sentence (``scope == "sentence"``) or paragraph
    (``scope == "paragraph"``).
    """
    return read_lexicon("metaphor_literal_cues")


def lexicon_matches(
    x: pd.DataFrame,
    *,
    terms: pd.Series,
    not_in: pd.Series | None = None,
) -> pd.DataFrame:
    """Every match of ``terms`` in the text units of ``x``.

    Returns ``doc_id, para_id, sent_id, start, end, term`` (one row per match; key
    columns that ``x`` lacks are left out). Longer terms win over shorter ones at the same
    place; a term is not counted inside the words listed for it in ``not_in``.
    """
    pattern = compile_terms(terms.astype(str))
    excl: dict[str, tuple[str, ...]] = {}
    if not_in is not None:
        for t, words in zip(terms.astype(str), not_in.astype(str), strict=True):
            excl[t] = excl.get(t, ()) + split_pipe(words)
    keys = [c for c in ("doc_id", "para_id", "sent_id") if c in x.columns]
    rows = []
    for rec, text in zip(x[keys].itertuples(index=False), x["text"].astype(str), strict=True):
        for s, e, term in find_terms(text, pattern, excl):
            rows.append((*rec, s, e, term))
    return pd.DataFrame(rows, columns=[*keys, "start", "end", "term"])


def _units(x: pd.DataFrame) -> pd.DataFrame:
    return as_sentences(x) if is_corpus(x) else x


def textstat_slogans(
    x: pd.DataFrame,
    *,
    group: Any = None,
    lexicon: pd.DataFrame | None = None,
    zeros: bool = True,
    hits: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How often each slogan (提法) of the lexicon occurs, per group.

    Parameters
    ----------
    x
        A corpus, paragraph or sentence table (anything with ``doc_id`` and ``text``).
    group
        ``None`` (one group ``"all"``), a column name (e.g. ``"doc_id"``, ``"outlet"`` —
        corpus metadata is carried onto the sentences), a ``doc_id → group`` mapping or a
        DataFrame with key columns and ``group``.
    lexicon
        Table with ``canonical, variant, category`` (default :func:`slogan_lexicon`).
        All variants count towards their canonical form.
    zeros
        Keep rows for slogans that do not occur in a group (``n = 0``).
    hits
        The matches of the lexicon in the units (:func:`lexicon_matches`), when they are
        already known (e.g. :func:`rhetoric_detections`): the same table, without
        matching again.

    Returns
    -------
    ``group, canonical, category, n, n_docs, per_10k_chars, group_docs, group_chars``:
    ``n`` matches, ``n_docs`` articles of the group using the slogan, the rate per 10 000
    non-whitespace characters, and the group's article and character totals. Sorted by
    group, ``n`` descending, canonical.
    """
    lex = slogan_lexicon() if lexicon is None else lexicon
    units = attach_group(_units(x), group)
    sizes = group_sizes(units)
    if hits is None:
        hits = lexicon_matches(_distinct(units), terms=lex["variant"])
    hits = hits.copy()
    variant_to = lex.drop_duplicates("variant").set_index("variant")
    hits["canonical"] = hits["term"].map(variant_to["canonical"])
    hits = hits.merge(units[["doc_id", *_keys(units), "group"]], how="inner")
    counts = (
        hits.groupby(["group", "canonical"])
        .agg(n=("term", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
    )
    cats = lex.drop_duplicates("canonical")[["canonical", "category"]]
    if zeros:
        grid = sizes[["group"]].merge(cats, how="cross")
        counts = grid.merge(counts, on=["group", "canonical"], how="left")
    else:
        counts = counts.merge(cats, on="canonical", how="left")
    counts[["n", "n_docs"]] = counts[["n", "n_docs"]].fillna(0).astype("int64")
    counts = counts.merge(
        sizes.rename(columns={"n_docs": "group_docs", "n_chars": "group_chars"}), on="group"
    )
    counts["per_10k_chars"] = per_10k(counts["n"], counts["group_chars"])
    counts = counts.sort_values(
        ["group", "n", "canonical"], ascending=[True, False, True], kind="mergesort"
    )
    return counts[SLOGAN_COLUMNS].reset_index(drop=True)


def slogan_matches(x: pd.DataFrame, *, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every slogan match in the units of ``x`` (for ``textstat_slogans(hits=…)``)."""
    lex = slogan_lexicon() if lexicon is None else lexicon
    return lexicon_matches(_distinct(_units(x)), terms=lex["variant"])


def metaphor_matches(
    x: pd.DataFrame,
    *,
    lexicon: pd.DataFrame | None = None,
    cues: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every figurative metaphor match in the units of ``x`` (for ``textstat_metaphors(hits=…)``).

    A lexicon term is counted unless it lies inside one of its ``not_in`` words (拼 in 拼搏)
    or one of its ``literal_in`` contexts is present (:func:`literal_context_hits`): the
    term is then used in its own domain (armed forces, war history, sport), not as a
    metaphor. ``cues`` defaults to :func:`metaphor_literal_cues`.
    """
    lex = metaphor_lexicon() if lexicon is None else lexicon
    not_in = lex["not_in"] if "not_in" in lex.columns else None
    units = _distinct(_units(x))
    hits = lexicon_matches(units, terms=lex["term"], not_in=not_in)
    if "literal_in" not in lex.columns or hits.empty:
        return hits
    literal = literal_context_hits(
        hits, units, lexicon=lex, cues=metaphor_literal_cues() if cues is None else cues
    )
    return hits[~literal].reset_index(drop=True)


def literal_context_hits(
    hits: pd.DataFrame, units: pd.DataFrame, *, lexicon: pd.DataFrame, cues: pd.DataFrame
) -> pd.Series:
    """Whether each match of ``hits`` stands in one of its term's ``literal_in`` contexts.

    The sentence is the match's unit; the paragraph is every unit of ``units`` with the
    same ``doc_id, para_id`` joined (the whole article when ``units`` has no ``para_id``).
    """
    contexts = {
        t: split_pipe(v) for t, v in zip(lexicon["term"], lexicon["literal_in"], strict=True)
    }
    words: dict[tuple[str, str], tuple[str, ...]] = {}
    for ctx, word, scope in zip(cues["context"], cues["word"], cues["scope"], strict=True):
        words[(ctx, scope)] = (*words.get((ctx, scope), ()), word)
    keys = [c for c in ("doc_id", "para_id", "sent_id") if c in units.columns]
    sentence = dict(
        zip(units[keys].itertuples(index=False), units["text"].astype(str), strict=True)
    )
    para_keys = [c for c in ("doc_id", "para_id") if c in units.columns]
    paragraph = units.groupby(para_keys, sort=False)["text"].agg(lambda t: "\n".join(map(str, t)))
    out = []
    for rec in hits[[*keys, "term"]].itertuples(index=False):
        unit = tuple(rec[:-1])
        texts = {"sentence": sentence[unit], "paragraph": paragraph[unit[: len(para_keys)]]}
        out.append(
            any(
                w in texts[scope]
                for ctx in contexts.get(rec[-1], ())
                for scope in ("sentence", "paragraph")
                for w in words.get((ctx, scope), ())
            )
        )
    return pd.Series(out, index=hits.index, dtype=bool)


def _keys(units: pd.DataFrame) -> list[str]:
    return [c for c in ("para_id", "sent_id") if c in units.columns]


def _distinct(units: pd.DataFrame) -> pd.DataFrame:
    """Each text unit once (a unit mapped to several groups is matched only once)."""
    return units.drop_duplicates(["doc_id", *_keys(units)])


def slogans_first_appearance(
    corpus: pd.DataFrame, *, lexicon: pd.DataFrame | None = None
) -> pd.DataFrame:
    """First dated article using each slogan.

    ``corpus`` needs ``doc_id, text, published`` (and ``title`` if available). Articles
    without a parseable date are ignored. Returns ``canonical, category, first_published,
    doc_id, title, n_docs_dated`` — one row per slogan found in at least one dated article,
    sorted by date then canonical. Empty when no article is dated.
    """
    lex = slogan_lexicon() if lexicon is None else lexicon
    cols = ["canonical", "category", "first_published", "doc_id", "title", "n_docs_dated"]
    if "published" not in corpus.columns:
        return pd.DataFrame(columns=cols)
    dated = corpus.assign(_date=_as_utc(corpus["published"]))
    dated = dated[dated["_date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=cols)
    hits = lexicon_matches(dated[["doc_id", "text"]], terms=lex["variant"])
    if hits.empty:
        return pd.DataFrame(columns=cols)
    variant_to = lex.drop_duplicates("variant").set_index("variant")
    hits["canonical"] = hits["term"].map(variant_to["canonical"])
    hits["category"] = hits["term"].map(variant_to["category"])
    title = dated["title"] if "title" in dated.columns else pd.Series("", index=dated.index)
    meta = pd.DataFrame(
        {
            "doc_id": dated["doc_id"],
            "_date": dated["_date"],
            "published": dated["published"],
            "title": title,
        }
    )
    docs = hits[["canonical", "category", "doc_id"]].drop_duplicates().merge(meta, on="doc_id")
    docs = docs.sort_values(["canonical", "_date", "doc_id"], kind="mergesort")
    first = docs.groupby("canonical", sort=False).head(1).copy()
    first["n_docs_dated"] = first["canonical"].map(docs.groupby("canonical")["doc_id"].nunique())
    first["first_published"] = first["published"]  # as the corpus states it (time zone kept)
    first = first.sort_values(["_date", "canonical"], kind="mergesort")
    return first[cols].reset_index(drop=True)


def _as_utc(values: pd.Series) -> pd.Series:
    """Dates as UTC timestamps for ordering (unparseable → NaT)."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC")
    return pd.to_datetime(values, errors="coerce", utc=True, format="mixed")


def textstat_metaphors(
    x: pd.DataFrame,
    *,
    group: Any = None,
    lexicon: pd.DataFrame | None = None,
    by: str = "term",
    hits: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Density of campaign/military/race metaphors, per group.

    ``lexicon`` has ``term, domain, not_in, literal_in`` (default :func:`metaphor_lexicon`);
    only figurative uses count (:func:`metaphor_matches`: not 拼 in 拼搏, not 作战 among
    soldiers).
    ``by="term"`` gives one row per group × term found; ``by="domain"`` one row per group
    × domain (zeros included). Columns ``group, domain, term, n, n_docs, per_10k_chars,
    group_chars`` (``term`` is ``"*"`` when ``by="domain"``). ``hits``: the lexicon's
    matches when already known (as in :func:`textstat_slogans`).
    """
    if by not in {"term", "domain"}:
        raise ValueError("by must be 'term' or 'domain'")
    lex = metaphor_lexicon() if lexicon is None else lexicon
    units = attach_group(_units(x), group)
    sizes = group_sizes(units)
    if hits is None:
        hits = metaphor_matches(units, lexicon=lex)
    hits = hits.copy()
    hits["domain"] = hits["term"].map(lex.drop_duplicates("term").set_index("term")["domain"])
    hits = hits.merge(units[["doc_id", *_keys(units), "group"]], how="inner")
    keys = ["group", "domain", "term"] if by == "term" else ["group", "domain"]
    counts = hits.groupby(keys).agg(n=("term", "size"), n_docs=("doc_id", "nunique")).reset_index()
    if by == "domain":
        grid = sizes[["group"]].merge(
            pd.DataFrame({"domain": sorted(lex["domain"].unique())}), how="cross"
        )
        counts = grid.merge(counts, on=["group", "domain"], how="left")
        counts["term"] = "*"
    counts[["n", "n_docs"]] = counts[["n", "n_docs"]].fillna(0).astype("int64")
    counts = counts.merge(sizes[["group", "n_chars"]].rename(columns={"n_chars": "group_chars"}))
    counts["per_10k_chars"] = per_10k(counts["n"], counts["group_chars"])
    counts = counts.sort_values(
        ["group", "n", "domain", "term"], ascending=[True, False, True, True], kind="mergesort"
    )
    return counts[METAPHOR_COLUMNS].reset_index(drop=True)
