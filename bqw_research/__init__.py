"""bqw_research: corpus → tokens → textstat → textplot for 百千万工程 policy discourse."""

from .corpus import (
    CorpusError,
    CorpusWarning,
    corpus_cleaning_report,
    corpus_emphasis,
    corpus_paragraphs,
    corpus_problems,
    corpus_sentences,
    corpus_summary,
    load_corpus,
)
from .tokens import tokens, tokens_remove

__version__ = "0.1.0"

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "__version__",
    "corpus_cleaning_report",
    "corpus_emphasis",
    "corpus_paragraphs",
    "corpus_problems",
    "corpus_sentences",
    "corpus_summary",
    "load_corpus",
    "tokens",
    "tokens_remove",
]
