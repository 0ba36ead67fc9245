"""jieba itself: the reference segmenter and POS tagger, with the domain lexicon (and user words).

Every other engine is tested against these (:mod:`bqw_research.tokens.engines`).
"""

from __future__ import annotations

import copy
import logging
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from bqw_research import config
from bqw_research.tokens.lexicon import UserWords, domain_lexicon

if TYPE_CHECKING:  # imported when a tokenizer is built: a cached load never needs jieba
    import jieba
    import jieba.posseg


def _add_words(tk: jieba.Tokenizer, entries: list[tuple[str, str]]) -> None:
    """Add ``(word, tag)`` entries, each with the frequency jieba suggests to keep it whole.

    Every entry is added first, then tuned longest first, so each wins over
    competing splits (e.g. 百千万 + 工程).
    """
    for word, pos in entries:
        tk.add_word(word, tag=pos or None)
    for word in sorted((word for word, _ in entries), key=len, reverse=True):
        tk.suggest_freq(word, tune=True)


def _lexicon_entries() -> list[tuple[str, str]]:
    lex = domain_lexicon()
    return list(zip(lex["word"], lex["pos"], strict=True))


def get_tokenizer(user_words: UserWords = ()) -> jieba.Tokenizer:
    """A jieba tokenizer (its default dictionary and HMM) with the domain lexicon added.

    Each lexicon word is added with the frequency jieba suggests to keep it
    whole, so every entry comes out as one token in context. ``user_words``
    (:func:`bqw_research.tokens.lexicon.read_user_words`) are added the same
    way on top of a copy of the tokenizer without them, which stays as it is.
    jieba's prefix dictionary cache is written under
    :func:`bqw_research.config.cache_dir` (in jieba's default, the system's
    temp folder, when that cannot be used). Built once per process and set of
    user words.
    """
    return _tokenizer(tuple(user_words))


@lru_cache(maxsize=4)
def _tokenizer(user_words: UserWords) -> jieba.Tokenizer:
    if user_words:
        base = _tokenizer(())
        tk = copy.copy(base)
        tk.lock = threading.RLock()
        tk.FREQ, tk.user_word_tag_tab = dict(base.FREQ), {}
        _add_words(tk, list(user_words))
        return tk
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    try:
        cache = config.cache_dir() / "jieba"
        cache.mkdir(parents=True, exist_ok=True)
        tk.tmp_dir = str(cache)
    except config.CacheDirError:  # a load without cache must not fail on it: jieba's temp folder
        pass
    tk.initialize()
    _add_words(tk, _lexicon_entries())
    return tk


def get_pos_tokenizer(user_words: UserWords = ()) -> jieba.posseg.POSTokenizer:
    """jieba's POS tagger over :func:`get_tokenizer` (lexicon and user words keep their tag).

    The tags are set here, not taken from the tokenizer: jieba moves a
    tokenizer's added tags into the first POS tagger built over it and leaves
    none for the next.
    """
    return _pos_tokenizer(tuple(user_words))


@lru_cache(maxsize=4)
def _pos_tokenizer(user_words: UserWords) -> jieba.posseg.POSTokenizer:
    import jieba.posseg

    ptk = jieba.posseg.POSTokenizer(_tokenizer(user_words))
    ptk.makesure_userdict_loaded()
    entries = [*_lexicon_entries(), *user_words]
    ptk.word_tag_tab.update({word: tag for word, tag in entries if tag})
    return ptk


def clear_tokenizers() -> None:
    """Forget the tokenizers built in this process (the next use builds them again)."""
    _tokenizer.cache_clear()
    _pos_tokenizer.cache_clear()
