"""Stage 3, textstat: statistics on the corpus's tables, tidy and long, with a ``group`` column.

:mod:`.frequency` and :mod:`.keyness` (quanteda's ``textstat_frequency`` /
``textstat_keyness``), :mod:`.overview` (sizes, cleaning, emphasis), :mod:`.kwic`
(keywords in context, collocations), :mod:`.regions` (Guangdong's 21 cities and
four regions), :mod:`.rhetoric` (slogans, formulae, 排比, directives, metaphors,
citations …), :mod:`.simil` (document similarity), :mod:`.compare` (two groups side by side, for the explorer), :mod:`.dictionary` (user dictionaries, quanteda's
``dictionary`` / ``tokens_lookup`` / ``textstat_dictionary``), :mod:`.events` (who did what, where and
when; response latency), :mod:`.embeddings` (Word2Vec on the corpus: nearest words, dictionary expansion),
:mod:`.topics` (NMF/LDA topic models and topic shares by group),
:mod:`.readability` (published Chinese readability measures) and :mod:`.reuse` (text reuse
between articles: aligned passages, the reuse network, provincial formulations → cities). Grouping works the same everywhere
(:mod:`.groups`).
"""

from bqw_research.textstat.boilerplate import BOILERPLATE_COLUMNS, textstat_boilerplate
from bqw_research.textstat.compare import textstat_comparison, textstat_comparison_kwic
from bqw_research.textstat.concordance import kwic, kwic_html, textstat_collocations
from bqw_research.textstat.dictionary import (
    dictionary,
    textstat_dictionary,
    tokens_lookup,
    write_dictionary,
)
from bqw_research.textstat.embeddings import (
    Embeddings,
    accept_candidates,
    textstat_embeddings,
    textstat_expand_dictionary,
    textstat_nearest,
)
from bqw_research.textstat.events import textstat_events, textstat_response_latency
from bqw_research.textstat.frequency import (
    FREQUENCY_COLUMNS,
    REMOVED_COLUMNS,
    CountedCodes,
    counted_codes,
    counted_tokens,
    meaningful_single_chars,
    textstat_frequency,
    textstat_removed,
)
from bqw_research.textstat.groups import attach_group, group_codes
from bqw_research.textstat.keyness import (
    KEYNESS_COLUMNS,
    bh_adjust,
    chi2_sf_1df,
    g2_statistic,
    key_terms,
    log_ratio,
    textstat_dispersion,
    textstat_keyness,
)
from bqw_research.textstat.overview import (
    textstat_cleaning,
    textstat_emphasis,
    textstat_emphasised_terms,
    textstat_overview,
)
from bqw_research.textstat.readability import READABILITY_COLUMNS, textstat_readability
from bqw_research.textstat.reuse import (
    textstat_formulation_diffusion,
    textstat_reuse,
    textstat_reuse_network,
)
from bqw_research.textstat.simil import most_similar, textstat_simil
from bqw_research.textstat.topics import TopicModel, textstat_topic_shares, textstat_topics

__all__ = [
    "BOILERPLATE_COLUMNS",
    "FREQUENCY_COLUMNS",
    "KEYNESS_COLUMNS",
    "READABILITY_COLUMNS",
    "REMOVED_COLUMNS",
    "CountedCodes",
    "Embeddings",
    "TopicModel",
    "accept_candidates",
    "attach_group",
    "bh_adjust",
    "chi2_sf_1df",
    "counted_codes",
    "counted_tokens",
    "dictionary",
    "g2_statistic",
    "group_codes",
    "key_terms",
    "kwic",
    "kwic_html",
    "log_ratio",
    "meaningful_single_chars",
    "most_similar",
    "textstat_boilerplate",
    "textstat_cleaning",
    "textstat_collocations",
    "textstat_comparison",
    "textstat_comparison_kwic",
    "textstat_dictionary",
    "textstat_dispersion",
    "textstat_embeddings",
    "textstat_emphasis",
    "textstat_emphasised_terms",
    "textstat_events",
    "textstat_expand_dictionary",
    "textstat_formulation_diffusion",
    "textstat_frequency",
    "textstat_keyness",
    "textstat_nearest",
    "textstat_overview",
    "textstat_readability",
    "textstat_removed",
    "textstat_response_latency",
    "textstat_reuse",
    "textstat_reuse_network",
    "textstat_simil",
    "textstat_topic_shares",
    "textstat_topics",
    "tokens_lookup",
    "write_dictionary",
]
