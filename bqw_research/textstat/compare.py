"""Two groups side by side: term rates, keyness and KWIC lines, the tables the explorer draws.

:func:`textstat_comparison` puts group A against group B (or against all the rest) term by
term: counts and rates per 10,000 counted tokens in each, the keyness of A against B from
:func:`bqw_research.textstat.textstat_keyness` (signed G², log ratio, BH-adjusted p, the
dispersion check). :func:`textstat_comparison_kwic` gives a few keyword-in-context lines of
each term from each group (:func:`bqw_research.textstat.kwic` on the paragraphs the term's
tokens come from). :func:`explorer_comparisons` picks the standard comparisons of a corpus:
the region with most text against the rest, the two cities with most text, the two outlets
with most text. Grouping as everywhere (:mod:`bqw_research.textstat.groups`): a column, a
``doc_id → group`` mapping, or a paragraph table with ``group`` (the city/region
attribution).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from bqw_research.textstat.concordance import kwic
from bqw_research.textstat.frequency import counted_tokens
from bqw_research.textstat.keyness import textstat_keyness

__all__ = [
    "COMPARISON_COLUMNS",
    "COMPARISON_KWIC_COLUMNS",
    "REST",
    "Comparison",
    "comparison_name",
    "explorer_comparison",
    "explorer_comparisons",
    "textstat_comparison",
    "textstat_comparison_kwic",
]

COMPARISON_COLUMNS = [
    "group_a",
    "group_b",
    "token",
    "n_a",
    "n_b",
    "per_10k_a",
    "per_10k_b",
    "docs_a",
    "docs_b",
    "G2",
    "log_ratio",
    "p_adj",
    "significant",
]
COMPARISON_KWIC_COLUMNS = ["token", "group", "doc_id", "para_id", "pre", "keyword", "post"]
#: Name of group B when A is compared with everything else.
REST = "rest"
#: The counting options of the comparison (the keyness of the regional comparison's).
_COUNTING = {"remove_numbers": True, "min_chars": 2}
#: Options that make counted_tokens keep already-counted tokens as they are.
_AS_COUNTED = {
    "remove_stopwords": False,
    "remove_punct": False,
    "remove_letters": False,
    "min_chars": 1,
}
_UNSAFE = re.compile(r"[^\w\-.]+", re.UNICODE)


def _two_groups(toks: pd.DataFrame, *, group: Any, a: str, b: str | None) -> pd.DataFrame:
    """The counted tokens of A and of B (or of everything but A, as :data:`REST`)."""
    counted = counted_tokens(toks, group=group, **_COUNTING)
    present = sorted(counted["group"].unique())
    wanted = [a] if b is None else [a, b]
    missing = [g for g in wanted if g not in present]
    if missing:
        shown = ", ".join(present[:30]) + (" …" if len(present) > 30 else "")
        raise ValueError(f"no counted tokens for group(s) {missing}; groups are: {shown}")
    if b is None:
        if len(present) < 2:
            raise ValueError(f"group {a!r} is the whole corpus: there is no rest to compare with")
        return counted.assign(group=counted["group"].where(counted["group"] == a, REST))
    if a == b:
        raise ValueError(f"compare two different groups (got {a!r} twice)")
    return counted[counted["group"].isin(wanted)]


def textstat_comparison(
    toks: pd.DataFrame,
    *,
    group: Any,
    a: str,
    b: str | None = None,
    min_count: int = 2,
    min_docs: int = 2,
    alpha: float = 0.05,
    max_terms: int | None = 2000,
) -> pd.DataFrame:
    """Group ``a`` against group ``b`` (``None``: against all other text), term by term.

    Tokens are counted as for the regional keyness (stopwords, punctuation and numbers out,
    terms of two characters or more, meaningful single characters such as 县/镇/村 kept).

    Returns ``group_a, group_b, token, n_a, n_b, per_10k_a, per_10k_b, docs_a, docs_b, G2,
    log_ratio, p_adj, significant``: ``per_10k`` is the rate per 10,000 counted tokens of the
    group, ``docs`` the articles of the group that use the term, ``G2`` the signed keyness of
    A against B (positive: more in A), ``significant`` as in ``textstat_keyness`` (with its
    dispersion check). Terms seen fewer than ``min_count`` times in A and B together are
    left out; the ``max_terms`` most frequent are kept (``None``: all). Sorted by ``n_a +
    n_b`` descending, then token. ``ValueError`` when a group has no text.
    """
    counted = _two_groups(toks, group=group, a=a, b=b)
    label_b = REST if b is None else b
    key = textstat_keyness(
        counted,
        group="group",
        target=a,
        min_count=min_count,
        min_docs=min_docs,
        alpha=alpha,
        **_AS_COUNTED,
    )
    sizes = counted.groupby("group").size()
    docs = counted.groupby(["group", "token"])["doc_id"].nunique()
    out = pd.DataFrame(
        {
            "group_a": a,
            "group_b": label_b,
            "token": key["token"].astype(str),
            "n_a": key["n_target"].astype("int64"),
            "n_b": key["n_reference"].astype("int64"),
        }
    )
    out["per_10k_a"] = (out["n_a"] / sizes[a] * 10_000).round(4)
    out["per_10k_b"] = (out["n_b"] / sizes[label_b] * 10_000).round(4)
    for side, name in (("docs_a", a), ("docs_b", label_b)):
        found = docs.xs(name, level="group")
        out[side] = out["token"].map(found).fillna(0).astype("int64")
    out["G2"] = key["G2"].round(4).to_numpy()
    out["log_ratio"] = key["log_ratio"].round(4).to_numpy()
    out["p_adj"] = key["p_adj"].to_numpy()
    out["significant"] = key["significant"].astype(bool).to_numpy()
    total = out["n_a"] + out["n_b"]
    out = out.assign(_total=-total).sort_values(["_total", "token"], kind="mergesort")
    if max_terms is not None:
        out = out.head(int(max_terms))
    return out[COMPARISON_COLUMNS].reset_index(drop=True)


def textstat_comparison_kwic(
    x: pd.DataFrame,
    toks: pd.DataFrame,
    terms: list[str],
    *,
    group: Any,
    a: str,
    b: str | None = None,
    per_group: int = 3,
    window: int = 20,
) -> pd.DataFrame:
    """Up to ``per_group`` KWIC lines of each term from each of the two groups.

    ``x`` is the corpus (or its paragraph table) the token table ``toks`` was made from;
    ``group``, ``a``, ``b`` as in :func:`textstat_comparison`. Lines come from the first
    paragraphs (by ``doc_id``, ``para_id``) where the term is a counted token of the group,
    found in the paragraph's text with :func:`~bqw_research.textstat.kwic`. Returns
    ``token, group, doc_id, para_id, pre, keyword, post``, by token, then group (A first).
    """
    from bqw_research.textstat.rhetoric.common import as_paragraphs

    counted = _two_groups(toks, group=group, a=a, b=b)
    counted = counted[counted["token"].isin(set(terms))]
    units = (
        counted[["token", "group", "doc_id", "para_id"]]
        .drop_duplicates()
        .sort_values(["token", "group", "doc_id", "para_id"], kind="mergesort")
        .groupby(["token", "group"], sort=False)
        .head(per_group)
    )
    paragraphs = as_paragraphs(x)[["doc_id", "para_id", "text"]]
    units = units.merge(paragraphs, on=["doc_id", "para_id"], how="inner", sort=False)
    if units.empty:
        return pd.DataFrame(columns=COMPARISON_KWIC_COLUMNS)
    units = units.reset_index(drop=True)
    # each paragraph searched for its own term, in one call; keyword is the term itself
    out = kwic(units.drop(columns="token"), units["token"], window=window)
    out = out.rename(columns={"keyword": "token"}).assign(keyword=lambda d: d["token"])
    side = (out["group"] != a).astype(int)
    out = out.assign(_side=side).sort_values(
        ["token", "_side", "doc_id", "para_id"], kind="mergesort"
    )
    out = out.groupby(["token", "group"], sort=False).head(per_group)
    return out[COMPARISON_KWIC_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class Comparison:
    """One explorer page: ``name`` (file name), the grouping, A and B (``None``: the rest)."""

    name: str
    kind: str  # "region", "city", "outlet", or the corpus column compared
    group: Any
    a: str
    b: str | None


def comparison_name(kind: str, a: str, b: str | None) -> str:
    """A file-name-safe name: ``region_粤东_vs_rest``."""
    return _UNSAFE.sub("_", f"{kind}_{a}_vs_{b if b is not None else REST}").strip("._")


def _largest(sizes: pd.Series, k: int) -> list[str]:
    """The ``k`` groups with most text (ties by name)."""
    table = sizes.rename("n").rename_axis("g").reset_index()
    table = table.assign(neg=-table["n"]).sort_values(["neg", "g"], kind="mergesort")
    return [str(g) for g in table["g"].head(k)]


def explorer_comparison(
    corpus: pd.DataFrame,
    attribution: pd.DataFrame | None,
    a: str | None,
    b: str | None = None,
    *,
    column: str | None = None,
) -> list[Comparison]:
    """The comparison a researcher names: ``a`` against ``b`` (``None``: against the rest).

    ``a`` is looked up as a region, then a city (in ``attribution``), then a value of the
    corpus ``column`` (genre, outlet …); ``b`` must be of the same kind. ``a=None`` gives no
    comparison (the standard ones are drawn). A name found nowhere is a ``ValueError``
    listing what there is.
    """
    if a is None:
        return []
    from bqw_research.textstat.regions.attribution import attribution_groups

    kinds: list[tuple[str, Any, set[str]]] = []
    if attribution is not None and len(attribution):
        for by in ("region", "city"):
            names = set(attribution.loc[attribution["level"] == "city", by].dropna().astype(str))
            kinds.append((by, attribution_groups(attribution, by=by), names))
    if column is not None and column in corpus.columns:
        mapping = corpus.drop_duplicates("doc_id").set_index("doc_id")[column].dropna().astype(str)
        kinds.append((column, mapping, set(mapping)))
    for kind, grouping, names in kinds:
        if a in names:
            if b is not None and b not in names:
                raise ValueError(f"{b!r} is not a {kind} like {a!r}; {kind}s: {sorted(names)}")
            return [Comparison(comparison_name(kind, a, b), kind, grouping, a, b)]
    known = "; ".join(f"{kind}: {', '.join(sorted(names))}" for kind, _, names in kinds)
    raise ValueError(f"{a!r} is no region, city or {column or 'group'} of this corpus ({known})")


def explorer_comparisons(
    corpus: pd.DataFrame, attribution: pd.DataFrame | None = None
) -> list[Comparison]:
    """The standard comparisons of a corpus, those it has text for.

    * the region with most attributed text against all other text (``region_…_vs_rest``);
    * the two cities with most attributed text (``city_…_vs_…``);
    * the two outlets with most text (``outlet_…_vs_…``).

    ``attribution`` is :func:`bqw_research.textstat.regions.attribute_paragraphs`'s table;
    without it (or without attributed paragraphs) there is no regional comparison. Text is
    counted in characters of the paragraphs.
    """
    from bqw_research.textstat.regions.attribution import NO_CITY, attribution_groups
    from bqw_research.textstat.rhetoric.common import as_paragraphs

    paragraphs = as_paragraphs(corpus)
    length = paragraphs.set_index(["doc_id", "para_id"])["text"].astype(str).str.len()
    out: list[Comparison] = []
    if attribution is not None and len(attribution):
        for by, k in (("region", 1), ("city", 2)):
            groups = attribution_groups(attribution, by=by)
            sized = groups.join(length, on=["doc_id", "para_id"])
            sizes = sized[sized["group"] != NO_CITY].groupby("group")["text"].sum()
            top = _largest(sizes, k)
            if len(top) == k:
                b = None if k == 1 else top[1]
                out.append(Comparison(comparison_name(by, top[0], b), by, groups, top[0], b))
    if "outlet" in corpus.columns:
        named = corpus["outlet"].fillna("").astype(str).str.strip() != ""
        docs = corpus[named]
        sizes = docs.assign(n=docs["text"].astype(str).str.len()).groupby("outlet")["n"].sum()
        top = _largest(sizes[sizes > 0], 2)
        if len(top) == 2:
            mapping = docs.drop_duplicates("doc_id").set_index("doc_id")["outlet"].astype(str)
            out.append(
                Comparison(comparison_name("outlet", top[0], top[1]), "outlet", mapping, *top)
            )
    return out
