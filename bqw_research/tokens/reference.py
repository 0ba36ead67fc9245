"""jieba itself: the reference segmenter and POS tagger, with the domain lexicon (and user words).

Every other engine is tested against these (:mod:`bqw_research.tokens.engines`).
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba
import jieba.posseg

from bqw_research import config
from bqw_research.tokens.lexicon import UserWords, domain_lexicon

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=4)
def get_tokenizer(user_words: UserWords = ()) -> jieba.Tokenizer:
    """A jieba tokenizer (its default dictionary and HMM) with the domain lexicon added.

    Each lexicon word, and each of ``user_words``
    (:func:`bqw_research.tokens.lexicon.read_user_words`), is added with the
    frequency jieba suggests to keep it whole, so every entry comes out as one
    token in context. jieba's prefix
    dictionary cache is written under :func:`bqw_research.config.cache_dir`
    (in jieba's default, the system's temp folder, when that cannot be used).
    """
    tk = jieba.Tokenizer()
    try:
        cache = config.cache_dir() / "jieba"
        cache.mkdir(parents=True, exist_ok=True)
        tk.tmp_dir = str(cache)
    except config.CacheDirError:  # a load without cache must not fail on it: jieba's temp folder
        pass
    tk.initialize()
    lex = domain_lexicon()
    entries = [*zip(lex["word"], lex["pos"], strict=True), *user_words]
    for word, pos in entries:
        tk.add_word(word, tag=pos or None)
    # Make sure each entry wins over competing splits (e.g. 百千万 + 工程).
    for word in sorted((word for word, _ in entries), key=len, reverse=True):
        tk.suggest_freq(word, tune=True)
    return tk


@lru_cache(maxsize=4)
def get_pos_tokenizer(user_words: UserWords = ()) -> jieba.posseg.POSTokenizer:
    """jieba's POS tagger over :func:`get_tokenizer` (lexicon and user words keep their tag)."""
    return jieba.posseg.POSTokenizer(get_tokenizer(user_words))
