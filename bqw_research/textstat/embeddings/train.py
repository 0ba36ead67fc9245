"""``textstat_embeddings``: word vectors (gensim Word2Vec) trained on the user's own token table.

The sentences are the token table's sentences with the tokens that
:func:`bqw_research.textstat.textstat_frequency` does not count removed (the same filter,
:func:`~bqw_research.textstat.frequency.counted_tokens`, with ``remove_numbers=True`` as the
topic models use: digits would otherwise become neighbours of everything). Training is
deterministic: one worker thread, a fixed ``seed`` and a ``hashfxn`` that does not depend on
``PYTHONHASHSEED`` (:func:`stable_hash`; Python's own ``hash`` of a string changes from one
interpreter to the next, and gensim seeds some vectors with it). The same tokens and
parameters therefore give the same vectors, which are kept in the package's
content-addressed cache (:mod:`bqw_research.scale.cache`) under a key made of a digest of
the training sentences, the parameters, gensim's version and this module's code.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from bqw_research.scale.cache import Store, cache_key, code_version
from bqw_research.textstat.frequency import counted_tokens
from bqw_research.tokens.ops import run_starts, token_runs

__all__ = [
    "MIN_TOKENS",
    "MIN_VOCABULARY",
    "Embeddings",
    "embedding_sentences",
    "keyed_vectors",
    "sentences_digest",
    "stable_hash",
    "textstat_embeddings",
]

#: Below these sizes neighbours are mostly chance (a ``note`` says so): Word2Vec needs each
#: word in many contexts, and a few articles give most words one or two.
MIN_VOCABULARY = 1_000
MIN_TOKENS = 100_000
#: Token-table columns that order the tokens within a corpus (those present are used).
_ORDER = ("doc_id", "para_id", "sent_id", "token_id")
_SENTENCE = ("doc_id", "para_id", "sent_id")


def stable_hash(text: str) -> int:
    """A hash of ``text`` that is the same in every interpreter (first 8 bytes of BLAKE2b).

    Passed to Word2Vec as ``hashfxn``: its default, Python's ``hash``, is salted per process
    (``PYTHONHASHSEED``), so vectors seeded with it would differ from run to run.
    """
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class Embeddings:
    """What :func:`textstat_embeddings` returns.

    * ``wv``: gensim ``KeyedVectors`` (``wv.most_similar``, ``wv[term]`` …);
    * ``n_corpus``: each counted token's count in the corpus (also for words below
      ``min_count``, which have no vector);
    * ``n_sentences``, ``n_tokens``: what the model was trained on;
    * ``params``: the training parameters; ``key``: the cache key;
    * ``note``: ``""``, or why the neighbours should not be trusted (too little text).
    """

    wv: Any
    n_corpus: pd.Series
    n_sentences: int
    n_tokens: int
    params: dict[str, Any] = field(default_factory=dict)
    key: str = ""
    note: str = ""

    @property
    def vocabulary(self) -> list[str]:
        """Words that have a vector, most frequent first."""
        return list(self.wv.index_to_key)


def embedding_sentences(toks: pd.DataFrame) -> list[list[str]]:
    """The training sentences: counted tokens, in corpus order, one list per sentence.

    Sentences are ``doc_id, para_id, sent_id`` (those columns present; the whole table is one
    sentence without any), sorted by their keys so the order of the table does not matter.
    """
    counted = counted_tokens(toks, remove_numbers=True)
    order = [c for c in _ORDER if c in counted.columns]
    keys = [c for c in _SENTENCE if c in counted.columns]
    if order:
        counted = counted.sort_values(order, kind="mergesort")
    return token_runs(counted["token"], run_starts(counted, keys))


def sentences_digest(sentences: list[list[str]]) -> str:
    """SHA-256 of the sentences (the content part of the cache key)."""
    h = hashlib.sha256()
    for sentence in sentences:
        h.update("\x1f".join(sentence).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def _note(n_words: int, n_tokens: int, min_count: int) -> str:
    if n_words == 0:
        return (
            f"no word occurs {min_count} times or more in {n_tokens:,} tokens: "
            "no vectors (lower min_count or use more text)"
        )
    if n_words < MIN_VOCABULARY or n_tokens < MIN_TOKENS:
        return (
            f"vocabulary too small for reliable neighbours: {n_words:,} words from "
            f"{n_tokens:,} tokens (below {MIN_VOCABULARY:,} words or {MIN_TOKENS:,} tokens, "
            "neighbours are mostly chance co-occurrence)"
        )
    return ""


def _train(sentences: list[list[str]], params: dict[str, Any]) -> Any:
    """A trained gensim ``KeyedVectors`` (an empty one when no word reaches ``min_count``)."""
    from gensim.models import KeyedVectors, Word2Vec

    model = Word2Vec(**params, workers=1, hashfxn=stable_hash)
    model.build_vocab(sentences)
    if not model.wv.index_to_key:
        return KeyedVectors(params["vector_size"])
    model.train(sentences, total_examples=model.corpus_count, epochs=model.epochs)
    return model.wv


def textstat_embeddings(
    toks: pd.DataFrame,
    *,
    vector_size: int = 100,
    window: int = 5,
    min_count: int = 5,
    seed: int = 42,
    epochs: int = 10,
    sg: int = 1,
    cache: bool = True,
) -> Embeddings:
    """Train word vectors on the token table (gensim Word2Vec), deterministic and cached.

    Parameters
    ----------
    toks
        The token table (``doc_id, para_id, sent_id, token_id, token``).
    vector_size, window, min_count, epochs
        As in gensim: dimensions, context words on each side, the fewest occurrences a word
        needs to get a vector, passes over the corpus.
    sg
        1 = skip-gram (default: better for rare words, which most policy terms are in a
        corpus of a few thousand articles), 0 = CBOW.
    seed
        Seeds the initial vectors and the sampling; with one worker thread the same tokens
        give the same vectors.
    cache
        Keep and reuse the vectors in the package's cache (``$BQW_CACHE_DIR``).

    Returns
    -------
    :class:`Embeddings`; its ``note`` says when the corpus is too small for neighbours to
    mean much (the shipped two articles). Never raises for a small corpus: with no word
    reaching ``min_count`` the vocabulary is empty.
    """
    import gensim

    params = {
        "vector_size": int(vector_size),
        "window": int(window),
        "min_count": int(min_count),
        "seed": int(seed),
        "epochs": int(epochs),
        "sg": int(sg),
    }
    sentences = embedding_sentences(toks)
    n_tokens = sum(len(s) for s in sentences)
    key = cache_key(
        "word2vec",
        sentences_digest(sentences),
        sorted(params.items()),
        gensim.__version__,
        code_version(__name__),
    )
    store = Store() if cache else None
    wv = store.get(key) if store is not None else None
    if wv is None:
        wv = _train(sentences, params)
        if store is not None:
            store.put(key, wv)
    counts = pd.Series([t for s in sentences for t in s], dtype=object).value_counts()
    return Embeddings(
        wv=wv,
        n_corpus=counts.astype("int64"),
        n_sentences=len(sentences),
        n_tokens=n_tokens,
        params=params,
        key=key,
        note=_note(len(wv.index_to_key), n_tokens, params["min_count"]),
    )


def keyed_vectors(model: Any) -> Any:
    """The ``KeyedVectors`` of an :class:`Embeddings`, a gensim ``Word2Vec`` or ``KeyedVectors``."""
    wv = getattr(model, "wv", model)
    if not hasattr(wv, "index_to_key"):
        raise TypeError(
            "expected the result of textstat_embeddings, a gensim Word2Vec or KeyedVectors; "
            f"got {type(model).__name__}"
        )
    return wv
