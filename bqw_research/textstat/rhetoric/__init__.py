"""Rhetoric of campaign language: slogans, formulae, cadence, parallelism, directives,
metaphors, leader citations, sentence statistics and keyword salience.

Every ``textstat_*`` takes a corpus (from :func:`bqw_research.load_corpus`) or a
sentence/paragraph table and an optional ``group`` (``None`` → ``"all"``, a column name
such as ``"doc_id"``/``"outlet"``/``"genre"``, a ``doc_id → group`` mapping, or a
DataFrame with key columns and ``group`` such as
:func:`bqw_research.textstat.regions.attribution_groups`), and returns a tidy DataFrame with a
``group`` column. Lexicons live in ``data/lexicons/rhetoric/`` (see SOURCES.md there).
"""

from bqw_research.textstat.rhetoric.citations import (
    citation_chains,
    citations,
    find_mentions,
    speaker_detections,
    speaker_mentions,
    speaker_names,
    textstat_citations,
)
from bqw_research.textstat.rhetoric.common import RHETORIC_LEXICON_DIR, read_lexicon
from bqw_research.textstat.rhetoric.directives import (
    TIER_ORDER,
    directive_lexicon,
    directive_markers,
    directive_sentences,
    directive_shares,
    textstat_directives,
)
from bqw_research.textstat.rhetoric.formulae import (
    find_numeric_formulae,
    formulaic_coverage,
    quoted_phrase_table,
    quoted_phrases,
    textstat_formulaic,
    textstat_numeric_formulae,
    textstat_quoted,
    textstat_templates,
)
from bqw_research.textstat.rhetoric.fourchar import (
    classify_fourchar,
    find_idioms,
    fourchar_clause_counts,
    fourchar_phrases,
    idiom_set,
    idioms_in_text,
    split_clauses,
    textstat_fourchar,
    textstat_fourchar_clauses,
)
from bqw_research.textstat.rhetoric.lexicon_counts import (
    lexicon_matches,
    metaphor_lexicon,
    metaphor_matches,
    slogan_lexicon,
    slogan_matches,
    slogans_first_appearance,
    textstat_metaphors,
    textstat_slogans,
)
from bqw_research.textstat.rhetoric.parallelism import (
    ParallelRun,
    detect_parallelism,
    has_parallelism,
    parallelism_runs,
    textstat_parallelism,
)
from bqw_research.textstat.rhetoric.profile import (
    PROFILE_MEASURES,
    RhetoricDetections,
    pick_pair,
    profile_leaders,
    profile_pair,
    rhetoric_detections,
    textstat_rhetoric_profile,
)
from bqw_research.textstat.rhetoric.salience import (
    keywords_keyness,
    keywords_textrank,
    keywords_tfidf,
    salience_scores,
    span_parts,
    textrank_scores,
    textstat_salience,
)
from bqw_research.textstat.rhetoric.sentences import sentence_lengths, textstat_sentences

__all__ = [
    "PROFILE_MEASURES",
    "RHETORIC_LEXICON_DIR",
    "TIER_ORDER",
    "ParallelRun",
    "RhetoricDetections",
    "citation_chains",
    "citations",
    "classify_fourchar",
    "detect_parallelism",
    "directive_lexicon",
    "directive_markers",
    "directive_sentences",
    "directive_shares",
    "find_idioms",
    "find_mentions",
    "find_numeric_formulae",
    "formulaic_coverage",
    "fourchar_clause_counts",
    "fourchar_phrases",
    "has_parallelism",
    "idiom_set",
    "idioms_in_text",
    "keywords_keyness",
    "keywords_textrank",
    "keywords_tfidf",
    "lexicon_matches",
    "metaphor_lexicon",
    "metaphor_matches",
    "parallelism_runs",
    "pick_pair",
    "profile_leaders",
    "profile_pair",
    "quoted_phrase_table",
    "quoted_phrases",
    "read_lexicon",
    "rhetoric_detections",
    "salience_scores",
    "sentence_lengths",
    "slogan_lexicon",
    "slogan_matches",
    "slogans_first_appearance",
    "span_parts",
    "speaker_detections",
    "speaker_mentions",
    "speaker_names",
    "split_clauses",
    "textrank_scores",
    "textstat_citations",
    "textstat_directives",
    "textstat_formulaic",
    "textstat_fourchar",
    "textstat_fourchar_clauses",
    "textstat_metaphors",
    "textstat_numeric_formulae",
    "textstat_parallelism",
    "textstat_quoted",
    "textstat_rhetoric_profile",
    "textstat_salience",
    "textstat_sentences",
    "textstat_slogans",
    "textstat_templates",
]
