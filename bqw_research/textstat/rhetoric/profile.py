"""One tidy table of rhetorical measures per group, for side-by-side comparison."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from bqw_research.corpus import corpus_originals
from bqw_research.textstat.rhetoric.citations import citations
from bqw_research.textstat.rhetoric.common import as_sentences, attach_group, group_sizes, is_corpus
from bqw_research.textstat.rhetoric.directives import directive_sentences, textstat_directives
from bqw_research.textstat.rhetoric.formulae import (
    formulaic_coverage,
    quoted_phrase_table,
    textstat_formulaic,
    textstat_quoted,
)
from bqw_research.textstat.rhetoric.fourchar import (
    fourchar_clause_counts,
    textstat_fourchar_clauses,
)
from bqw_research.textstat.rhetoric.lexicon_counts import (
    metaphor_matches,
    slogan_matches,
    textstat_metaphors,
    textstat_slogans,
)
from bqw_research.textstat.rhetoric.parallelism import parallelism_runs, textstat_parallelism
from bqw_research.textstat.rhetoric.sentences import sentence_lengths, textstat_sentences

#: Measures of :func:`textstat_rhetoric_profile`, in display order, with their meaning.
PROFILE_MEASURES = {
    "slogans_per_10k": "slogan (提法) matches per 10 000 Han characters",
    "quoted_terms_per_10k": "coined phrases in quotation marks per 10 000 Han characters",
    "formulaic_share": "share of CJK characters in wording shared verbatim with another article",
    "fourchar_clause_share": "share of clauses that are exactly four characters (四字格)",
    "parallel_runs_per_100": "parallelism (排比) runs per 100 sentences",
    "directive_share": "share of sentences with an obligation or mandatory marker (tier ≥ 2)",
    "mandatory_share": "share of sentences with a mandatory marker (tier 3)",
    "metaphors_per_10k": "campaign/war/race metaphors per 10 000 Han characters",
    "speech_acts_per_100": "reported speech acts (指出/强调/要求 …) per 100 sentences",
    "mean_sentence_chars": "mean sentence length in characters",
    "quoted_char_share": "share of characters inside quotation marks",
}
PROFILE_COLUMNS = ["group", "measure", "value", "n_docs", "n_sentences"]


@dataclass
class RhetoricDetections:
    """What every profile measure found in each sentence, found once.

    :func:`textstat_rhetoric_profile` only sums these per group, so one set of
    detections serves every grouping (articles, outlets, genres, cities,
    months …) with the same values as detecting again.
    """

    sentences: pd.DataFrame
    slogans: pd.DataFrame
    quoted: pd.DataFrame
    formulaic: pd.DataFrame
    fourchar: pd.DataFrame
    parallel_runs: pd.DataFrame
    directives: pd.DataFrame
    metaphors: pd.DataFrame
    acts: pd.DataFrame
    lengths: pd.DataFrame


def rhetoric_detections(x: pd.DataFrame) -> RhetoricDetections:
    """Run every detector of :data:`PROFILE_MEASURES` over the sentences of ``x`` once.

    ``x`` is a corpus or a sentence table. Articles flagged as near duplicates
    (corpus column ``near_duplicate_of``) are left out of the shared-wording
    measure only.
    """
    sents = as_sentences(x)
    formula_input = sents
    if is_corpus(x):
        formula_input = sents[sents["doc_id"].isin(set(corpus_originals(x)["doc_id"]))]
    return RhetoricDetections(
        sentences=sents,
        slogans=slogan_matches(sents),
        quoted=quoted_phrase_table(sents),
        formulaic=formulaic_coverage(formula_input),
        fourchar=fourchar_clause_counts(sents),
        parallel_runs=parallelism_runs(sents),
        directives=directive_sentences(sents),
        metaphors=metaphor_matches(sents),
        acts=citations(sents),
        lengths=sentence_lengths(sents),
    )


def textstat_rhetoric_profile(
    x: pd.DataFrame | None = None,
    *,
    group: Any = "doc_id",
    detections: RhetoricDetections | None = None,
) -> pd.DataFrame:
    """The main rhetoric measures per group, long format: ``group, measure, value, n_docs,
    n_sentences`` (measures listed in :data:`PROFILE_MEASURES`).

    ``x`` is a corpus or a sentence table; ``group`` as everywhere (default one group per
    article). Articles flagged as near duplicates (corpus column ``near_duplicate_of``)
    are left out of the shared-wording measure only. To compare several groupings,
    find the detections once (``found = rhetoric_detections(corpus)``) and pass them
    (``detections=found``) with each grouping.
    """
    found = rhetoric_detections(x) if detections is None else detections
    sents = found.sentences
    units = attach_group(sents, group)
    if units.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    sizes = group_sizes(units).set_index("group")
    values: dict[str, pd.Series] = {}
    slog = textstat_slogans(sents, group=group, hits=found.slogans)
    values["slogans_per_10k"] = _rate(slog.groupby("group")["n"].sum(), sizes["n_chars"])
    quoted = textstat_quoted(sents, group=group, phrases=found.quoted)
    values["quoted_terms_per_10k"] = _rate(quoted.groupby("group")["n"].sum(), sizes["n_chars"])
    values["formulaic_share"] = textstat_formulaic(
        found.formulaic, group=group, coverage=found.formulaic
    ).set_index("group")["formulaic_share"]
    values["fourchar_clause_share"] = textstat_fourchar_clauses(
        sents, group=group, counts=found.fourchar
    ).set_index("group")["share_fourchar_clauses"]
    values["parallel_runs_per_100"] = textstat_parallelism(
        sents, group=group, runs=found.parallel_runs
    ).set_index("group")["runs_per_100_sentences"]
    dirs = textstat_directives(sents, group=group, scored=found.directives)
    values["directive_share"] = dirs[dirs["tier"] >= 2].groupby("group")["share_sentences"].sum()
    values["mandatory_share"] = dirs[dirs["tier"] == 3].groupby("group")["share_sentences"].sum()
    met = textstat_metaphors(sents, group=group, by="domain", hits=found.metaphors)
    values["metaphors_per_10k"] = _rate(met.groupby("group")["n"].sum(), sizes["n_chars"])
    keys = ["doc_id", "para_id", "sent_id"]
    acts = found.acts[keys].merge(units[[*keys, "group"]], on=keys, how="inner")
    values["speech_acts_per_100"] = (
        100 * acts.groupby("group").size().reindex(sizes.index, fill_value=0) / sizes["n_units"]
    )
    st = textstat_sentences(sents, group=group, lengths=found.lengths).set_index("group")
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


def pick_pair(
    corpus: pd.DataFrame,
    *,
    genres: tuple[str, ...] = ("roundup", "commentary", "case_study", "work_report"),
) -> list[str]:
    """Two articles to compare side by side: the first article of each of the first two
    ``genres`` the corpus has, else its two longest articles."""
    first_of = corpus.dropna(subset=["genre"]).drop_duplicates("genre").set_index("genre")["doc_id"]
    pair = [first_of[g] for g in genres if g in first_of][:2]
    if len(pair) < 2:
        pair = corpus.nlargest(2, "n_chars")["doc_id"].tolist()
    return pair


def profile_pair(profile: pd.DataFrame, groups: list[str]) -> pd.DataFrame:
    """The profile of two (or more) groups side by side: one row per measure, in
    :data:`PROFILE_MEASURES` order, one column per group."""
    return (
        profile[profile["group"].isin(groups)]
        .pivot(index="measure", columns="group", values="value")
        .reindex(list(PROFILE_MEASURES))[groups]
    )


def profile_leaders(profile: pd.DataFrame, measures: dict[str, str]) -> pd.DataFrame:
    """For each measure, the group with the highest value (ties to the first group by
    name): ``measure, description, group, value`` — ``group`` is ``None`` when no group
    scores above 0."""
    rows = []
    for measure, description in measures.items():
        part = profile[profile["measure"] == measure].sort_values(
            ["value", "group"], ascending=[False, True], kind="mergesort"
        )
        if len(part) and part.iloc[0]["value"] > 0:
            rows.append((measure, description, part.iloc[0]["group"], part.iloc[0]["value"]))
        else:
            rows.append((measure, description, None, float("nan")))
    return pd.DataFrame(rows, columns=["measure", "description", "group", "value"])
