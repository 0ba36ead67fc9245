"""One tidy table of rhetorical measures per group, for side-by-side comparison."""

from __future__ import annotations

from typing import Any

import pandas as pd

from bqw_research.textstat.rhetoric.common import as_sentences, attach_group, group_sizes, is_corpus

#: Measures of :func:`textstat_rhetoric_profile`, in display order, with their meaning.
PROFILE_MEASURES = {
    "slogans_per_10k": "slogan (提法) matches per 10 000 characters",
    "quoted_terms_per_10k": "coined phrases in quotation marks per 10 000 characters",
    "formulaic_share": "share of CJK characters in wording shared verbatim with another article",
    "fourchar_clause_share": "share of clauses that are exactly four characters (四字格)",
    "parallel_runs_per_100": "parallelism (排比) runs per 100 sentences",
    "directive_share": "share of sentences with an obligation or mandatory marker (tier ≥ 2)",
    "mandatory_share": "share of sentences with a mandatory marker (tier 3)",
    "metaphors_per_10k": "campaign/war/race metaphors per 10 000 characters",
    "speech_acts_per_100": "reported speech acts (指出/强调/要求 …) per 100 sentences",
    "mean_sentence_chars": "mean sentence length in characters",
    "quoted_char_share": "share of characters inside quotation marks",
}
PROFILE_COLUMNS = ["group", "measure", "value", "n_docs", "n_sentences"]


def textstat_rhetoric_profile(x: pd.DataFrame, *, group: Any = "doc_id") -> pd.DataFrame:
    """The main rhetoric measures per group, long format: ``group, measure, value, n_docs,
    n_sentences`` (measures listed in :data:`PROFILE_MEASURES`).

    ``x`` is a corpus or a sentence table; ``group`` as everywhere (default one group per
    article). Articles flagged as near duplicates (corpus column ``near_duplicate_of``)
    are left out of the shared-wording measure only.
    """
    from bqw_research.textstat.rhetoric.citations import citations
    from bqw_research.textstat.rhetoric.directives import textstat_directives
    from bqw_research.textstat.rhetoric.formulae import textstat_formulaic, textstat_quoted
    from bqw_research.textstat.rhetoric.fourchar import textstat_fourchar_clauses
    from bqw_research.textstat.rhetoric.lexicon_counts import textstat_metaphors, textstat_slogans
    from bqw_research.textstat.rhetoric.parallelism import textstat_parallelism
    from bqw_research.textstat.rhetoric.sentences import textstat_sentences

    sents = as_sentences(x)
    units = attach_group(sents, group)
    if units.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    sizes = group_sizes(units).set_index("group")
    values: dict[str, pd.Series] = {}
    slog = textstat_slogans(sents, group=group)
    values["slogans_per_10k"] = _rate(slog.groupby("group")["n"].sum(), sizes["n_chars"])
    quoted = textstat_quoted(sents, group=group)
    values["quoted_terms_per_10k"] = _rate(quoted.groupby("group")["n"].sum(), sizes["n_chars"])
    formula_input = sents
    if is_corpus(x) and "near_duplicate_of" in x.columns:
        dup = x.loc[
            x["near_duplicate_of"].notna() & (x["near_duplicate_of"].astype(str) != ""), "doc_id"
        ]
        formula_input = sents[~sents["doc_id"].isin(set(dup))]
    values["formulaic_share"] = textstat_formulaic(formula_input, group=group).set_index("group")[
        "formulaic_share"
    ]
    values["fourchar_clause_share"] = textstat_fourchar_clauses(sents, group=group).set_index(
        "group"
    )["share_fourchar_clauses"]
    values["parallel_runs_per_100"] = textstat_parallelism(sents, group=group).set_index("group")[
        "runs_per_100_sentences"
    ]
    dirs = textstat_directives(sents, group=group)
    values["directive_share"] = dirs[dirs["tier"] >= 2].groupby("group")["share_sentences"].sum()
    values["mandatory_share"] = dirs[dirs["tier"] == 3].groupby("group")["share_sentences"].sum()
    met = textstat_metaphors(sents, group=group, by="domain")
    values["metaphors_per_10k"] = _rate(met.groupby("group")["n"].sum(), sizes["n_chars"])
    keys = ["doc_id", "para_id", "sent_id"]
    acts = citations(sents)[keys].merge(units[[*keys, "group"]], on=keys, how="inner")
    values["speech_acts_per_100"] = (
        100 * acts.groupby("group").size().reindex(sizes.index, fill_value=0) / sizes["n_units"]
    )
    st = textstat_sentences(sents, group=group).set_index("group")
    values["mean_sentence_chars"] = st["mean_chars"]
    values["quoted_char_share"] = st["quoted_char_share"]
    rows = []
    for measure in PROFILE_MEASURES:
        series = values[measure].reindex(sizes.index).fillna(0.0)
        for g, v in series.items():
            rows.append(
                (g, measure, float(v), int(sizes.loc[g, "n_docs"]), int(sizes.loc[g, "n_units"]))
            )
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def _rate(n: pd.Series, chars: pd.Series) -> pd.Series:
    n = n.reindex(chars.index, fill_value=0)
    return (10_000 * n / chars.where(chars > 0)).fillna(0.0)
