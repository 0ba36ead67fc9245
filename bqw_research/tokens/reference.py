"""jieba itself: the reference segmenter and POS tagger, with the domain lexicon (and user words).

Every other engine is tested against these (:mod:`bqw_research.tokens.engines`).
"""

from __future__ import annotations

import copy
import logging
import threading
from functools import lru_cache

import jieba
import jieba.posseg

from bqw_research import config
from bqw_research.tokens.lexicon import UserWords, domain_lexicon

jieba.setLogLevel(logging.WARNING)


def _add_words(tk: jieba.Tokenizer, entries: list[tuple[str, str]]) -> None:
    """Add ``(word, tag)`` entries, each with the frequency jieba suggests to keep it whole.

    Every entry is added first, then tuned longest first, so each wins over
    competing splits (e.g. 百千万 + 工程).
    """
    for word, pos in entries:
        tk.add_word(word, tag=pos or None)
    for word in sorted((word for word, _ in entries), key=len, reverse=True):
        tk.suggest_freq(word, tune=True)


@lru_cache(maxsize=4)
def get_tokenizer(user_words: UserWords = ()) -> jieba.Tokenizer:
    """A jieba tokenizer (its default dictionary and HMM) with the domain lexicon added.

    Each lexicon word is added with the frequency jieba suggests to keep it
    whole, so every entry comes out as one token in context. ``user_words``
    (:func:`bqw_research.tokens.lexicon.read_user_words`) are added the same
    way on top of a copy of the tokenizer without them, which stays as it is.
    jieba's prefix dictionary cache is written under
    :func:`bqw_research.config.cache_dir` (in jieba's default, the system's
    temp folder, when that cannot be used).
    """
    if user_words:
        base = get_tokenizer()
        tk = copy.copy(base)
        tk.lock = threading.RLock()
        tk.FREQ, tk.user_word_tag_tab = dict(base.FREQ), dict(base.user_word_tag_tab)
        _add_words(tk, list(user_words))
        return tk
    tk = jieba.Tokenizer()
    try:
        cache = config.cache_dir() / "jieba"
        cache.mkdir(parents=True, exist_ok=True)
        tk.tmp_dir = str(cache)
    except config.CacheDirError:  # a load without cache must not fail on it: jieba's temp folder
        pass
    tk.initialize()
    lex = domain_lexicon()
    _add_words(tk, list(zip(lex["word"], lex["pos"], strict=True)))
    return tk


@lru_cache(maxsize=4)
def get_pos_tokenizer(user_words: UserWords = ()) -> jieba.posseg.POSTokenizer:
    """jieba's POS tagger over :func:`get_tokenizer` (lexicon and user words keep their tag)."""
    return jieba.posseg.POSTokenizer(get_tokenizer(user_words))
