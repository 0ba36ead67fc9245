"""Segmentation with jieba's dictionary and model, extended by the domain lexicon.

``tokens`` returns a long table with every token (punctuation and stopwords
included): filtering is an analysis-time choice made with
:func:`tokens_remove`, never a deletion from the token table.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jieba
import jieba.posseg
import pandas as pd

from . import config
from .lexicon import domain_lexicon, stopwords

jieba.setLogLevel(logging.WARNING)

TOKEN_COLUMNS = ["doc_id", "para_id", "sent_id", "token_id", "token"]


@lru_cache(maxsize=1)
def get_tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer (its default dictionary and HMM) with the domain lexicon added.

    Each lexicon word is added with the frequency jieba suggests to keep it
    whole, so every entry comes out as one token in context. jieba's prefix
    dictionary cache is written under :func:`bqw_research.config.cache_dir`.
    """
    tk = jieba.Tokenizer()
    cache = config.cache_dir() / "jieba"
    cache.mkdir(parents=True, exist_ok=True)
    tk.tmp_dir = str(cache)
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


#: Segmentation engines. ``"jieba"`` is the reference (pure Python);
#: ``"rjieba"`` finds the best path through jieba's own dictionary (with the
#: domain lexicon) in Rust via jieba-rs and hands the unknown-word stretches to
#: jieba's own HMMs, so it gives the same tokens and tags several times faster.
ENGINES = ("jieba", "rjieba")


def segment(text: str, *, pos: bool = False, hmm: bool = True, engine: str = "jieba") -> list:
    """Segment one string; whitespace-only tokens are dropped.

    Returns a list of tokens, or of ``(token, pos)`` pairs with ``pos=True``.
    ``engine="rjieba"`` is the fast engine (see :data:`ENGINES`); it needs
    ``hmm=True``.
    """
    if engine == "rjieba":
        if not hmm:
            raise ValueError("engine='rjieba' supports hmm=True only")
        fast = get_fast_engine()
        if pos:
            return [(w, t) for w, t in fast.cut_pos(text) if w.strip()]
        return [w for w in fast.cut(text) if w.strip()]
    if engine != "jieba":
        raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")
    if pos:
        return [(w.word, w.flag) for w in get_pos_tokenizer().cut(text, HMM=hmm) if w.word.strip()]
    return [w for w in get_tokenizer().cut(text, HMM=hmm) if w.strip()]


# jieba's own block patterns (jieba 0.42.1: jieba/__init__.py and jieba/posseg/__init__.py).
_RE_HAN_CUT = jieba.re_han_default
_RE_SKIP_CUT = jieba.re_skip_default
_RE_HAN_POS = jieba.posseg.re_han_internal
_RE_SKIP_POS = jieba.posseg.re_skip_internal
_RE_NUM_POS = jieba.posseg.re_num
_RE_ENG_POS = jieba.posseg.re_eng
#: A word in the Unicode private use area that no text block can contain: it
#: only carries the difference between jieba's running total and the sum of the
#: word frequencies, so that jieba-rs weighs paths with the same total.
_TOTAL_PAD_WORD = "\ue000\ue001"


class FastEngine:
    """jieba's segmentation with the best-path search done by jieba-rs.

    jieba cuts text into blocks, finds the most probable path through its
    dictionary DAG, and gives every stretch of unknown single characters to an
    HMM (``jieba.finalseg`` for words, ``jieba.posseg``'s tagger with POS).
    Here jieba-rs computes the path (``cut(block, hmm=False)``) over a
    dictionary loaded from the reference tokenizer's own word frequencies and
    total (jieba's dictionary plus the domain lexicon, as tuned by
    :func:`get_tokenizer`); block splitting, the unknown-word HMMs and the tags
    are jieba's own Python code and tables. The result is the reference
    segmentation; the rare block where jieba-rs's merging of single ASCII
    letters hides the path falls back to jieba itself.
    """

    def __init__(self, tokenizer: jieba.Tokenizer, pos_tokenizer: jieba.posseg.POSTokenizer):
        import rjieba

        self.tokenizer = tokenizer
        self.pos_tokenizer = pos_tokenizer
        pos_tokenizer.makesure_userdict_loaded()
        self.freq: dict[str, int] = tokenizer.FREQ
        self.tags: dict[str, str] = pos_tokenizer.word_tag_tab
        rs = rjieba.Jieba.empty()
        total = 0
        for word, f in tokenizer.FREQ.items():
            if f:
                rs.add_word(word, f, None)
                total += f
        if tokenizer.total > total:
            rs.add_word(_TOTAL_PAD_WORD, tokenizer.total - total, None)
        self.rs = rs
        self._hmm_cut = jieba.finalseg.cut
        self._hmm_pos = pos_tokenizer._POSTokenizer__cut_detail
        self.fallbacks = 0

    def _route(self, block: str) -> list[str] | None:
        """The best path through the DAG as jieba-rs found it; ``None`` when ambiguous."""
        words = self.rs.cut(block, False)
        out: list[str] = []
        for w in words:
            if len(w) > 1 and w.isascii() and w.isalnum():
                # jieba-rs glues single ASCII letters/digits of the path together.
                if self.freq.get(w):
                    self.fallbacks += 1
                    return None  # a dictionary word or glued letters: cannot tell
                out.extend(w)
            else:
                out.append(w)
        return out

    def _dag(self, block: str) -> list[str]:
        route = self._route(block)
        if route is None:
            return list(self.tokenizer._Tokenizer__cut_DAG(block))
        out: list[str] = []
        buf = ""
        freq = self.freq
        for w in route:
            if len(w) == 1:
                buf += w
                continue
            if buf:
                if len(buf) == 1:
                    out.append(buf)
                elif not freq.get(buf):
                    out.extend(self._hmm_cut(buf))
                else:
                    out.extend(buf)
                buf = ""
            out.append(w)
        if buf:
            if len(buf) == 1:
                out.append(buf)
            elif not freq.get(buf):
                out.extend(self._hmm_cut(buf))
            else:
                out.extend(buf)
        return out

    def cut(self, sentence: str) -> list[str]:
        """Like ``jieba.Tokenizer.cut(sentence, HMM=True)`` (whitespace kept)."""
        out: list[str] = []
        for blk in _RE_HAN_CUT.split(sentence):
            if not blk:
                continue
            if _RE_HAN_CUT.match(blk):
                out.extend(self._dag(blk))
            else:
                for x in _RE_SKIP_CUT.split(blk):
                    if _RE_SKIP_CUT.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _dag_pos(self, block: str) -> list[tuple[str, str]]:
        route = self._route(block)
        if route is None:
            return [(p.word, p.flag) for p in self.pos_tokenizer._POSTokenizer__cut_DAG(block)]
        out: list[tuple[str, str]] = []
        buf = ""
        freq, tags = self.freq, self.tags
        for w in route:
            if len(w) == 1:
                buf += w
                continue
            if buf:
                self._flush_pos(buf, out)
                buf = ""
            out.append((w, tags.get(w, "x")))
        if buf:
            self._flush_pos(buf, out)
        return out

    def _flush_pos(self, buf: str, out: list[tuple[str, str]]) -> None:
        tags = self.tags
        if len(buf) == 1:
            out.append((buf, tags.get(buf, "x")))
        elif not self.freq.get(buf):
            out.extend((p.word, p.flag) for p in self._hmm_pos(buf))
        else:
            out.extend((ch, tags.get(ch, "x")) for ch in buf)

    def cut_pos(self, sentence: str) -> list[tuple[str, str]]:
        """Like ``jieba.posseg.POSTokenizer.cut(sentence, HMM=True)`` as ``(word, flag)`` pairs."""
        out: list[tuple[str, str]] = []
        for blk in _RE_HAN_POS.split(sentence):
            if _RE_HAN_POS.match(blk):
                out.extend(self._dag_pos(blk))
            else:
                for x in _RE_SKIP_POS.split(blk):
                    if _RE_SKIP_POS.match(x):
                        out.append((x, "x"))
                    else:
                        for xx in x:
                            if _RE_NUM_POS.match(xx):
                                out.append((xx, "m"))
                            elif _RE_ENG_POS.match(x):
                                out.append((xx, "eng"))
                            else:
                                out.append((xx, "x"))
        return out


@lru_cache(maxsize=1)
def get_fast_engine() -> FastEngine:
    """The ``rjieba`` engine over :func:`get_tokenizer`'s dictionary (built once per process)."""
    return FastEngine(get_tokenizer(), get_pos_tokenizer())


def engine_version(engine: str = "jieba") -> str:
    """What the segmentation depends on, for cache keys.

    jieba's version and the SHA-256 of its dictionary file and the domain
    lexicon file, plus jieba-rs's version for the fast engine.
    """
    from importlib.metadata import version

    from .lexicon import file_sha256

    parts = [
        f"jieba={jieba.__version__}",
        f"dict={_dict_sha()}",
        f"lexicon={file_sha256(config.DOMAIN_LEXICON)}",
        f"engine={engine}",
    ]
    if engine == "rjieba":
        parts.append(f"rjieba={version('rjieba')}")
    return ";".join(parts)


@lru_cache(maxsize=1)
def _dict_sha() -> str:
    from pathlib import Path

    from .lexicon import file_sha256

    # The tokenizer uses jieba's default dictionary (jieba.DEFAULT_DICT is None).
    return file_sha256(Path(jieba.__file__).with_name("dict.txt"))


def tokens(data: pd.DataFrame, *, pos: bool = False, engine: str = "jieba") -> pd.DataFrame:
    """Tokenise sentences (or paragraphs, or a corpus) into a long table.

    Returns ``doc_id, para_id, sent_id, token_id, token`` (plus ``pos`` with
    ``pos=True``); ``token_id`` is 1-based within its sentence. ``engine``
    is ``"jieba"`` (reference) or ``"rjieba"`` (same tokens, faster; see
    :class:`FastEngine`). For whole folders, :func:`bqw_research.ingest.ingest`
    adds worker processes and a cache.
    """
    from .corpus import corpus_sentences

    sents = data if "sent_id" in data.columns else corpus_sentences(data)
    records = []
    for doc_id, para_id, sent_id, text in zip(
        sents["doc_id"], sents["para_id"], sents["sent_id"], sents["text"], strict=True
    ):
        for i, tok in enumerate(segment(text, pos=pos, engine=engine), start=1):
            if pos:
                records.append((doc_id, para_id, sent_id, i, tok[0], tok[1]))
            else:
                records.append((doc_id, para_id, sent_id, i, tok))
    columns = TOKEN_COLUMNS + (["pos"] if pos else [])
    out = pd.DataFrame.from_records(records, columns=columns)
    return out.astype({"para_id": "int64", "sent_id": "int64", "token_id": "int64"})


_NUMBER_RE = re.compile(
    r"^(?=.*[\d０-９])[\d０-９.,，．%％]+$|^[零〇一二两三四五六七八九十百千万亿]+$"
)


def is_punct(token: str) -> bool:
    """True when every character is punctuation or a symbol (Unicode P* / S*)."""
    return bool(token) and all(unicodedata.category(ch)[0] in "PS" for ch in token)


def is_number(token: str) -> bool:
    """True for Arabic numerals (with . , %) or a Chinese numeral alone."""
    return bool(_NUMBER_RE.match(token))


def tokens_remove(
    toks: pd.DataFrame,
    *,
    stopwords: bool | Iterable[str] = True,
    punct: bool = True,
    numbers: bool = False,
    min_chars: int = 1,
    keep: Iterable[str] = (),
) -> pd.DataFrame:
    """A filtered copy of a token table (the original is never changed).

    ``stopwords`` is ``True`` for the shipped list, or your own iterable;
    ``punct`` drops punctuation/symbol tokens; ``numbers`` drops numerals;
    ``min_chars`` drops shorter tokens (default 1 keeps 县, 镇, 村); ``keep``
    lists tokens never removed.
    """
    stop = _stopword_set(stopwords)
    keep = frozenset(keep)
    tok = toks["token"].astype(str)
    drop = pd.Series(False, index=toks.index)
    if stop:
        drop |= tok.isin(stop)
    if punct:
        drop |= tok.map(is_punct)
    if numbers:
        drop |= tok.map(is_number)
    if min_chars > 1:
        drop |= tok.str.len() < min_chars
    drop &= ~tok.isin(keep)
    return toks.loc[~drop].copy()


def _stopword_set(value: bool | Iterable[str]) -> frozenset[str]:
    if value is True:
        return stopwords()
    if value is False or value is None:
        return frozenset()
    return frozenset(value)
