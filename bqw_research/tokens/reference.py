"""jieba itself: the reference segmenter and POS tagger, with the domain lexicon.

Every other engine is tested against these (:mod:`bqw_research.tokens.engines`).
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba
import jieba.posseg

from bqw_research import config
from bqw_research.tokens.lexicon import domain_lexicon

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def get_tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer (its default dictionary and HMM) with the domain lexicon added.

    Each lexicon word is added with the frequency jieba suggests to keep it
    whole, so every entry comes out as one token in context. jieba's prefix
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
    for word, pos in zip(lex["word"], lex["pos"], strict=True):
        tk.add_word(word, tag=pos or None)
    # Make sure each entry wins over competing splits (e.g. 百千万 + 工程).
    for word in sorted(lex["word"], key=len, reverse=True):
        tk.suggest_freq(word, tune=True)
    return tk


@lru_cache(maxsize=1)
def get_pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """jieba's POS tagger over :func:`get_tokenizer` (lexicon words keep their tag)."""
    return jieba.posseg.POSTokenizer(get_tokenizer())
