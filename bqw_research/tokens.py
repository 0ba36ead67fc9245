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
from pathlib import Path

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


#: Segmentation engines; all use jieba's dictionary and models with the domain lexicon.
#:
#: * ``"exact"`` (the default): a compiled replica of jieba
#:   (:mod:`bqw_research.jitseg`) — the **same** tokens and tags as ``"jieba"``,
#:   20–100× faster: ``jieba.posseg``'s with ``pos=True``, ``Tokenizer.cut``'s
#:   without.
#: * ``"jieba"``: jieba itself (pure Python), the reference the others are
#:   tested against.
#: * ``"rjieba"``: also the same tokens and tags, the path search in Rust
#:   (jieba-rs) and jieba's HMMs; slower than ``"exact"``, kept as a second
#:   independent implementation.
#: * ``"fast"``: ``jieba.lcut``'s tokens (compiled replica) *also* with
#:   ``pos=True``, tagged from the dictionary — a different segmentation
#:   from jieba.posseg's (which cuts unknown words with its own HMM, see
#:   ``docs/scale.md``); without ``pos`` it equals ``"exact"``.
ENGINES = ("exact", "jieba", "rjieba", "fast")
#: The engine :func:`segment`, :func:`tokens` and the ingest use unless told otherwise.
DEFAULT_ENGINE = "exact"


def segment(
    text: str, *, pos: bool = False, hmm: bool = True, engine: str = DEFAULT_ENGINE
) -> list:
    """Segment one string; whitespace-only tokens are dropped.

    Returns a list of tokens, or of ``(token, pos)`` pairs with ``pos=True``.
    ``engine`` is one of :data:`ENGINES`; every engine but ``"jieba"`` needs
    ``hmm=True`` (``hmm=False`` runs jieba itself).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")
    if not hmm and engine != "jieba":
        if engine == "fast":
            raise ValueError("engine='fast' supports hmm=True only")
        engine = "jieba"  # the compiled engines replicate jieba with its HMM on
    if engine in ("exact", "fast"):
        from .jitseg import get_jit_segmenter

        seg = get_jit_segmenter()
        if not pos:
            return seg.cut(text)
        return seg.cut_pos(text) if engine == "exact" else seg.cut_tags(text)
    if engine == "rjieba":
        fast = get_fast_engine()
        if pos:
            return [(w, t) for w, t in fast.cut_pos(text) if w.strip()]
        return [w for w in fast.cut(text) if w.strip()]
    if pos:
        return [(w.word, w.flag) for w in get_pos_tokenizer().cut(text, HMM=hmm) if w.word.strip()]
    return [w for w in get_tokenizer().cut(text, HMM=hmm) if w.strip()]


@lru_cache(maxsize=1)
def get_fast_engine():
    """The ``rjieba`` engine (:class:`bqw_research.fastseg.FastEngine`), built once per process."""
    from .fastseg import FastEngine

    return FastEngine(get_tokenizer(), get_pos_tokenizer())


def engine_version(engine: str = DEFAULT_ENGINE, *, sha256=None) -> str:
    """What the segmentation depends on, for cache keys.

    jieba's version and the SHA-256 of its dictionary file and the domain
    lexicon file, the engine, plus jieba-rs's or numba's version for the
    engines that use them (the engines' own source is part of the ingest's
    token keys, see :func:`bqw_research.cache.tokens_key`). ``sha256``
    optionally hashes a file (e.g. remembering digests between runs).
    """
    from .lexicon import file_sha256

    digest = sha256 or file_sha256
    dict_path = Path(jieba.__file__).with_name("dict.txt")
    parts = [
        f"jieba={jieba.__version__}",
        f"dict={_dict_sha() if sha256 is None else digest(dict_path)}",
        f"lexicon={digest(config.DOMAIN_LEXICON)}",
        f"engine={engine}",
    ]
    if engine == "rjieba":
        parts.append(f"rjieba={_version('rjieba')}")
    if engine in ("exact", "fast"):
        parts.append(f"numba={_version('numba')}")
    return ";".join(parts)


@lru_cache(maxsize=8)
def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


@lru_cache(maxsize=1)
def _dict_sha() -> str:
    from .lexicon import file_sha256

    # The tokenizer uses jieba's default dictionary (jieba.DEFAULT_DICT is None).
    return file_sha256(Path(jieba.__file__).with_name("dict.txt"))


def tokens(data: pd.DataFrame, *, pos: bool = False, engine: str = DEFAULT_ENGINE) -> pd.DataFrame:
    """Tokenise sentences (or paragraphs, or a corpus) into a long table.

    Returns ``doc_id, para_id, sent_id, token_id, token`` (plus ``pos`` with
    ``pos=True``); ``token_id`` is 1-based within its sentence. ``engine`` is
    one of :data:`ENGINES`: ``"exact"`` (default) and ``"jieba"`` give the
    same table (``"exact"`` is compiled and much faster). For whole folders,
    :func:`bqw_research.ingest.ingest` adds worker processes and a cache.
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


def tokens_compound(
    toks: pd.DataFrame,
    phrases: Iterable[str],
    *,
    pos: str | None = None,
) -> pd.DataFrame:
    """Join runs of consecutive tokens that spell one of ``phrases`` into one token.

    After quanteda's ``tokens_compound``: an analysis-time step, the original
    table is not changed. Runs never cross a sentence. ``token_id`` is
    renumbered within each changed sentence; a ``pos`` column takes ``pos`` (or,
    when ``None``, the first token's tag). A phrase may end inside a token, which is
    then split (``何国`` + ``森到`` → ``何国森`` + ``到``; the rest keeps its tag).
    Typical use: keep leaders' names whole with names found by pattern in the text.
    """
    targets = {p for p in phrases if isinstance(p, str) and len(p) >= 2}
    if not targets or toks.empty:
        return toks.copy()
    prefixes = {p[:i] for p in targets for i in range(1, len(p) + 1)}
    has_pos = "pos" in toks.columns
    keys = ["doc_id", "para_id", "sent_id"]
    out_rows = []
    changed = False
    for key, sent in toks.groupby(keys, sort=False):
        words = sent["token"].astype(str).tolist()
        tags = sent["pos"].tolist() if has_pos else [None] * len(words)
        merged: list[tuple[str, object]] = []
        i = 0
        while i < len(words):
            best, acc, cut = None, "", 0
            for j in range(i, len(words)):
                if j > i and acc + words[j] not in prefixes:
                    # the phrase may end inside this token (何国 + 森到 → 何国森 + 到)
                    k = next(
                        (
                            k
                            for k in range(len(words[j]) - 1, 0, -1)
                            if acc + words[j][:k] in targets
                        ),
                        0,
                    )
                    if k:
                        best, cut = j, k
                    break
                acc += words[j]
                if acc not in prefixes:
                    break
                if acc in targets and j > i:
                    best, cut = j, 0
            if best is None:
                merged.append((words[i], tags[i]))
                i += 1
                continue
            tag = pos if pos is not None else tags[i]
            changed = True
            if cut:
                merged.append(("".join(words[i:best]) + words[best][:cut], tag))
                words[best] = words[best][cut:]
                i = best
            else:
                merged.append(("".join(words[i : best + 1]), tag))
                i = best + 1
        for n, (word, tag) in enumerate(merged, start=1):
            out_rows.append((*key, n, word, tag))
    if not changed:
        return toks.copy()
    out = pd.DataFrame(out_rows, columns=[*keys, "token_id", "token", "pos"])
    if not has_pos:
        out = out.drop(columns="pos")
    extra = [c for c in toks.columns if c not in out.columns]
    if extra:  # sentence-level columns (e.g. a group) carry over
        first = toks.drop_duplicates(keys)[keys + extra]
        out = out.merge(first, on=keys, how="left")
    return out[list(toks.columns)].astype(toks.dtypes.to_dict())


def _stopword_set(value: bool | Iterable[str]) -> frozenset[str]:
    if value is True:
        return stopwords()
    if value is False or value is None:
        return frozenset()
    return frozenset(value)
