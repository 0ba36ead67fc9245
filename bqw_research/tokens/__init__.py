"""Stage 2, tokens: segmentation with jieba's dictionary and the domain lexicon, and token ops.

``tokens`` returns a long table with every token (punctuation and stopwords
included): filtering is an analysis-time choice made with :func:`tokens_remove`,
never a deletion from the token table.
"""

import sys

from bqw_research.tokens.engines import (
    DEFAULT_ENGINE,
    ENGINES,
    Segmenter,
    engine_version,
    segment,
    tokenizer,
)
from bqw_research.tokens.lexicon import domain_lexicon, read_user_words, stopwords
from bqw_research.tokens.ops import is_number, is_punct, tokens_compound, tokens_remove
from bqw_research.tokens.reference import get_pos_tokenizer, get_tokenizer
from bqw_research.tokens.tokenise import TOKEN_COLUMNS, tokens

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "TOKEN_COLUMNS",
    "Segmenter",
    "domain_lexicon",
    "engine_version",
    "get_pos_tokenizer",
    "get_tokenizer",
    "is_number",
    "is_punct",
    "read_user_words",
    "segment",
    "stopwords",
    "tokenizer",
    "tokens",
    "tokens_compound",
    "tokens_remove",
]


class _TokensModule(sys.modules[__name__].__class__):
    """This package, callable as :func:`tokens`.

    The stage folder and its main verb share the name ``tokens`` (quanteda's
    naming), so ``from bqw_research import tokens`` may give either; both call
    the same function.
    """

    def __call__(self, *args, **kwargs):
        return tokens(*args, **kwargs)


sys.modules[__name__].__class__ = _TokensModule
