"""Stage 1, corpus: articles → the corpus table and its long tables.

``load_corpus`` reads a folder (recursively), one file, or a table, maps the
per-document step (:func:`process_document`: decode, clean, parse, split) over
the articles — in worker processes and with a cache — joins a
``manifest.csv``, folds exact duplicates into one row and flags
near-duplicates. ``corpus_paragraphs``, ``corpus_sentences``,
``corpus_emphasis`` and ``corpus_cleaning_report`` return its long tables.
"""

from bqw_research.corpus.assemble import (
    CLEANING_KINDS,
    CORPUS_COLUMNS,
    EMPHASIS_COLUMNS,
    EXTRA_COLUMNS,
    PARAGRAPH_COLUMNS,
    SENTENCE_COLUMNS,
)
from bqw_research.corpus.document import (
    DocumentError,
    DocumentOptions,
    DocumentRows,
    process_document,
)
from bqw_research.corpus.errors import CorpusError, CorpusWarning
from bqw_research.corpus.load import discover_corpus, load_corpus, plan_corpus
from bqw_research.corpus.manifest import infer_genre, read_manifest
from bqw_research.corpus.near_duplicates import minhash_signatures
from bqw_research.corpus.units import (
    corpus_cleaning_report,
    corpus_emphasis,
    corpus_originals,
    corpus_paragraphs,
    corpus_problems,
    corpus_sentences,
    corpus_summary,
    split_sentences,
)

__all__ = [
    "CLEANING_KINDS",
    "CORPUS_COLUMNS",
    "EMPHASIS_COLUMNS",
    "EXTRA_COLUMNS",
    "PARAGRAPH_COLUMNS",
    "SENTENCE_COLUMNS",
    "CorpusError",
    "CorpusWarning",
    "DocumentError",
    "DocumentOptions",
    "DocumentRows",
    "corpus_cleaning_report",
    "corpus_emphasis",
    "corpus_originals",
    "corpus_paragraphs",
    "corpus_problems",
    "corpus_sentences",
    "corpus_summary",
    "discover_corpus",
    "infer_genre",
    "load_corpus",
    "minhash_signatures",
    "plan_corpus",
    "process_document",
    "read_manifest",
    "split_sentences",
]
