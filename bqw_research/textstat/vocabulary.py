"""New-word discovery: candidate words of a corpus by frequency, cohesion and boundary entropy.

The method is the one popularised by Matrix67 (顾森, "互联网时代的社会语言学：基于SNS的文本数据
挖掘", 2012): a string of characters is a word when it is **frequent**, **cohesive** (its
characters occur together far more often than chance: the pointwise mutual information of
its *weakest* split into two parts is high) and **free at both boundaries** (many different
characters precede and follow it: high left and right branching entropy, after Huang &
Powers, "Chinese word segmentation based on contextual entropy", PACLIC 17, 2003, and
Harris's successor variety, 1955). It needs no dictionary and no segmentation, so it finds
exactly what a segmenter's dictionary lacks (大湾区, 增创, 套开 …): the candidates are then
reviewed into ``data/lexicons/domain_lexicon.csv`` (``bqw lexicon candidates`` / ``accept``,
see :mod:`bqw_research.tokens.lexicon_review`).

Everything is computed on character n-gram counts with numpy/pandas (hash factorisation,
``bincount``), in time linear in the number of characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "NEW_WORD_COLUMNS",
    "common_words",
    "edge_chars",
    "fragment_count",
    "function_chars",
    "known_words",
    "segmented",
    "textstat_new_words",
    "unit_texts",
]

#: Columns of :func:`textstat_new_words`, in order.
NEW_WORD_COLUMNS = [
    "word",
    "n_chars",
    "count",
    "docs",
    "pmi",
    "left_entropy",
    "right_entropy",
    "crossing",
    "score",
    "in_dictionary",
    "in_lexicon",
    "cut",
    "fragments",
    "examples",
]

_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@dataclass(frozen=True)
class _Text:
    """A corpus as one array of code points: ``cid`` = dense id of each Han character (-1
    elsewhere, so every non-Han character and every unit boundary breaks a candidate);
    ``nid`` = the same as a *neighbour*: digits share one id and Latin letters another
    (a word after 3, 12, 500 … is one context, "after a number"), anything else -1."""

    text: str
    chars: np.ndarray
    cid: np.ndarray
    nid: np.ndarray
    doc: np.ndarray
    n_chars: int
    n_han: int


def unit_texts(x: pd.DataFrame | Iterable[str]) -> pd.DataFrame:
    """``doc_id, text`` of each unit of ``x``: a corpus, paragraph or sentence table (its
    ``text``), a token table (tokens joined per sentence), or plain strings (one unit each)."""
    if not isinstance(x, pd.DataFrame):
        texts = [str(t) for t in x]
        return pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
    if "token" in x.columns:
        keys = [c for c in ("doc_id", "para_id", "sent_id") if c in x.columns]
        joined = x.groupby(keys, sort=False)["token"].agg(lambda t: "".join(map(str, t)))
        frame = joined.reset_index().rename(columns={"token": "text"})
    elif "text" in x.columns:
        frame = x
    else:
        raise ValueError("need a table with a 'text' or a 'token' column")
    doc = frame["doc_id"].astype(str) if "doc_id" in frame.columns else frame.index.astype(str)
    return pd.DataFrame({"doc_id": list(doc), "text": frame["text"].astype(str).tolist()})


def _as_text(units: pd.DataFrame) -> _Text:
    texts = units["text"].tolist()
    text = "\n".join(texts)
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    han = np.zeros(len(cp), dtype=bool)
    for lo, hi in _HAN_RANGES:
        han |= (cp >= lo) & (cp <= hi)
    cid = np.full(len(cp), -1, dtype=np.int64)
    codes, chars = pd.factorize(cp[han])
    cid[han] = codes
    v = len(codes) and int(codes.max()) + 1
    digit = ((cp >= 0x30) & (cp <= 0x39)) | ((cp >= 0xFF10) & (cp <= 0xFF19))
    latin = ((cp | 0x20) >= 0x61) & ((cp | 0x20) <= 0x7A)
    nid = np.where(digit, v, np.where(latin, v + 1, cid))
    doc_codes, _ = pd.factorize(units["doc_id"])
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    doc = np.repeat(doc_codes.astype(np.int64), lengths)[: len(cp)]
    return _Text(text, np.asarray(chars), cid, nid, doc, len(cp), int(han.sum()))


def _ngram_ids(cid: np.ndarray, max_len: int) -> list[np.ndarray]:
    """``ids[n][i]`` = dense id of the n-gram of Han characters starting at ``i`` (-1 when
    it would cross a non-Han character or the end). ``ids[0]`` is unused."""
    v = int(cid.max()) + 1 if len(cid) else 1
    ids: list[np.ndarray] = [np.empty(0, np.int64), cid]
    for n in range(2, max_len + 1):
        prev = ids[n - 1]
        cur = np.full(len(cid), -1, dtype=np.int64)
        if len(cid) >= n:
            nxt = cid[n - 1 :]
            head = prev[: len(nxt)]
            ok = (head >= 0) & (nxt >= 0)
            codes, _ = pd.factorize(head[ok] * v + nxt[ok])
            cur[: len(nxt)][ok] = codes
        ids.append(cur)
    return ids


def _entropy(codes: np.ndarray, neighbour: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Branching entropy (bits) of each n-gram code over its neighbouring characters.

    A neighbour ``-1`` (a boundary: punctuation, a digit, the start or end of a unit)
    counts as a character of its own at each occurrence, so a word that often stands
    between punctuation is free there.
    """
    inner = neighbour >= 0
    v = int(neighbour.max()) + 2 if len(neighbour) else 2
    pairs, pair_index = pd.factorize(codes[inner] * v + neighbour[inner])
    pair_count = np.bincount(pairs).astype(float)
    pair_code = np.asarray(pair_index) // v
    s = np.bincount(pair_code, weights=pair_count * np.log2(pair_count), minlength=len(count))
    f = count.astype(float)
    return np.log2(f) - s / f


def _neighbours(nid: np.ndarray, pos: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The neighbour ids before and after the n-grams at ``pos`` (-1 at an edge)."""
    left = np.where(pos > 0, nid[np.maximum(pos - 1, 0)], -1)
    after = pos + n
    right = np.where(after < len(nid), nid[np.minimum(after, len(nid) - 1)], -1)
    return left, right


def _min_pmi(
    ids: list[np.ndarray], counts: list[np.ndarray], first: np.ndarray, n: int, n_han: int
) -> np.ndarray:
    """PMI (bits) of the weakest binary split of each n-gram (first occurrence ``first``)."""
    f = counts[n][ids[n][first]].astype(float)
    best = np.full(len(first), np.inf)
    for k in range(1, n):
        fa = counts[k][ids[k][first]].astype(float)
        fb = counts[n - k][ids[n - k][first + k]].astype(float)
        best = np.minimum(best, np.log2(f * n_han / (fa * fb)))
    return best


def _pair_keys(t: _Text, words: Iterable[str]) -> np.ndarray:
    """Keys ``cid(a) * V + cid(b)`` of the two-character ``words`` whose characters occur."""
    index = pd.Index(t.chars)
    pairs = [w for w in words if len(w) == 2]
    cps = np.array([[ord(w[0]), ord(w[1])] for w in pairs], dtype=np.int64).reshape(-1, 2)
    a, b = index.get_indexer(cps[:, 0]), index.get_indexer(cps[:, 1])
    ok = (a >= 0) & (b >= 0)
    return np.unique(a[ok].astype(np.int64) * len(index) + b[ok])


def _crossing(t: _Text, pos: np.ndarray, n: int, common: np.ndarray) -> np.ndarray:
    """Whether each occurrence's left or right edge cuts a common two-character word
    (学|习贯彻: 学习; 产|业发展: 产业)."""
    v = len(t.chars)
    cid = t.cid
    prev = np.where(pos > 0, cid[np.maximum(pos - 1, 0)], -1)
    after = pos + n
    nxt = np.where(after < len(cid), cid[np.minimum(after, len(cid) - 1)], -1)
    left = (prev >= 0) & np.isin(prev * v + cid[pos], common)
    right = (nxt >= 0) & np.isin(cid[pos + n - 1] * v + nxt, common)
    return left | right


def _ngram_table(
    t: _Text, ids: list[np.ndarray], n: int, min_count: int, common: np.ndarray
) -> pd.DataFrame:
    """Statistics of the n-grams of length ``n`` seen at least ``min_count`` times."""
    counts = np.bincount(ids[n][ids[n] >= 0]) if (ids[n] >= 0).any() else np.zeros(0, int)
    keep = np.flatnonzero(counts >= min_count)
    if not len(keep):
        return pd.DataFrame()
    remap = np.full(len(counts), -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))
    pos = np.flatnonzero(ids[n] >= 0)
    code = remap[ids[n][pos]]
    pos, code = pos[code >= 0], code[code >= 0]
    order = np.argsort(code, kind="stable")
    pos, code = pos[order], code[order]
    count = counts[keep]
    starts = np.r_[0, np.cumsum(count)[:-1]]
    first = pos[starts]
    left, right = _neighbours(t.nid, pos, n)
    docs = np.bincount(
        pd.unique(code * (int(t.doc.max()) + 1) + t.doc[pos]) // (int(t.doc.max()) + 1)
    )
    return pd.DataFrame(
        {
            "first": first,
            "n_chars": n,
            "count": count,
            "docs": docs,
            "left_entropy": _entropy(code, left, count),
            "right_entropy": _entropy(code, right, count),
            "crossing": np.bincount(code, weights=_crossing(t, pos, n, common)) / count,
        }
    )


#: jieba POS tags (ICTCLAS set) of function characters: auxiliaries (的, 了), prepositions
#: (对, 在, 与), conjunctions (和, 及), modal particles, interjections.
EDGE_TAGS = ("u", "p", "c", "y", "e")
#: Tags of characters that make a phrase wherever they stand (情况的报告, 文化和旅游).
INNER_TAGS = ("u", "c")


def function_chars(*, tags: Iterable[str] = EDGE_TAGS) -> frozenset[str]:
    """Single characters that jieba's dictionary tags with one of ``tags`` (by first letter):
    a candidate that starts or ends with one (的发展, 推进了) is a phrase fragment."""
    from bqw_research.tokens.reference import get_pos_tokenizer

    first = tuple(tags)
    table = get_pos_tokenizer().word_tag_tab
    return frozenset(w for w, t in table.items() if len(w) == 1 and t.startswith(first))


#: jieba tags of stopword characters that may still begin or end a word (大湾区, 新时代,
#: 十五五, 人民): adjectives, nouns, numerals, abbreviations.
CONTENT_TAGS = ("a", "n", "m", "j")


def edge_chars() -> frozenset[str]:
    """Characters a word does not start or end with: :func:`function_chars` plus the
    single characters of the shipped stopword list (是, 也, 将, 这, 们, 上 …) that jieba
    does not tag as content (``CONTENT_TAGS``)."""
    from bqw_research.tokens import stopwords
    from bqw_research.tokens.reference import get_pos_tokenizer

    table = get_pos_tokenizer().word_tag_tab
    stop = {
        w for w in stopwords() if len(w) == 1 and not table.get(w, "x").startswith(CONTENT_TAGS)
    }
    return function_chars() | frozenset(stop)


def common_words(*, min_freq: int = 100) -> frozenset[str]:
    """Two-character words of jieba's dictionary with frequency ≥ ``min_freq`` (学习, 产业,
    双方 …): a candidate whose edge cuts one of them (习贯彻 in 学习贯彻) is a fragment."""
    from bqw_research.tokens.reference import get_tokenizer

    return frozenset(w for w, c in get_tokenizer().FREQ.items() if len(w) == 2 and c >= min_freq)


def known_words() -> tuple[frozenset[str], frozenset[str]]:
    """(jieba's dictionary words with a frequency, the domain lexicon's words)."""
    from bqw_research.tokens import domain_lexicon
    from bqw_research.tokens.reference import get_tokenizer

    freq = get_tokenizer().FREQ
    lexicon = frozenset(domain_lexicon()["word"])
    return frozenset(w for w, c in freq.items() if c and w not in lexicon), lexicon


def segmented(words: Iterable[str], *, engine: str | None = None) -> list[list[str]]:
    """How the package's segmenter cuts each word on its own (大湾区 → [大湾, 区])."""
    from bqw_research.tokens import DEFAULT_ENGINE, segment

    return [segment(w, engine=engine or DEFAULT_ENGINE) for w in words]


def fragment_count(pieces: list[str]) -> int:
    """Single-character pieces of a word the segmenter cuts (0 when it keeps it whole):
    the debris a missing word leaves in token tables (大湾/区 → 1, 增/创新 → 1)."""
    return sum(len(p) == 1 for p in pieces) if len(pieces) > 1 else 0


def _examples(t: _Text, pos: np.ndarray, n: int, *, width: int) -> str:
    a, b = max(0, int(pos) - width), min(t.n_chars, int(pos) + n + width)
    return (
        t.text[a : int(pos)]
        + "【"
        + t.text[int(pos) : int(pos) + n]
        + "】"
        + t.text[int(pos) + n : b]
    ).replace("\n", " ")


def textstat_new_words(
    x: pd.DataFrame | Iterable[str],
    *,
    min_len: int = 2,
    max_len: int = 6,
    min_count: int = 5,
    min_docs: int = 2,
    min_pmi: float = 3.0,
    min_entropy: float = 1.0,
    max_crossing: float = 0.5,
    stop_chars: Iterable[str] | None = None,
    inner_chars: Iterable[str] | None = None,
    common: Iterable[str] | None = None,
    known: tuple[Iterable[str], Iterable[str]] | None = None,
    new_only: bool = False,
    width: int = 10,
) -> pd.DataFrame:
    """Candidate words (``min_len``–``max_len`` Han characters) found by new-word discovery.

    ``x`` is a corpus, paragraph, sentence or token table (or plain strings); units and
    every non-Han character (punctuation, digits, Latin) break candidates. A candidate
    is kept when it occurs at least ``min_count`` times in ``min_docs`` documents, its
    weakest split has PMI ≥ ``min_pmi`` bits (``pmi``: ``min_k log2 p(w) / (p(w[:k])
    p(w[k:]))``, probabilities per Han character), both its boundary entropies are ≥
    ``min_entropy`` bits, at most a share ``max_crossing`` of its occurrences have an edge
    that cuts a common two-character word (``crossing``; ``common`` = those words, default
    :func:`common_words`: 习贯彻 in 学习贯彻, 业发展 in 产业发展), it neither starts nor
    ends with one of ``stop_chars`` (default :func:`edge_chars`: 的, 对, 和, 是, 也 …) and
    holds none of ``inner_chars`` (default: auxiliaries and conjunctions, 的, 和 …). ``score`` =
    ``log2(count) × min(pmi, 10) × min(left, right entropy)`` ranks them. ``in_dictionary``
    / ``in_lexicon`` mark words jieba's dictionary or the domain lexicon already has
    (``known`` = (dictionary, lexicon) overrides them); ``cut`` is how the segmenter
    cuts the word on its own and ``fragments`` the single characters that cut leaves
    (大湾区 → ``大湾 区``, 1). ``new_only`` keeps only what the lexicon could fix: words
    neither list has that the segmenter cuts into debris (``fragments > 0``); compounds
    it already cuts into whole words (科技 创新) are left out.
    ``examples`` shows the first occurrence in context (``width`` characters each side).
    Sorted by score (descending), then word.
    """
    units = unit_texts(x)
    t = _as_text(units)
    stop = frozenset(edge_chars() if stop_chars is None else stop_chars)
    inner = frozenset(function_chars(tags=INNER_TAGS) if inner_chars is None else inner_chars)
    pair_keys = _pair_keys(t, common_words() if common is None else common)
    ids = _ngram_ids(t.cid, max_len)
    counts = [np.zeros(0, np.int64)] + [np.bincount(a[a >= 0]) for a in ids[1:]]
    frames = []
    for n in range(max(min_len, 2), max_len + 1):
        table = _ngram_table(t, ids, n, min_count, pair_keys)
        if table.empty:
            continue
        table["pmi"] = _min_pmi(ids, counts, table["first"].to_numpy(), n, t.n_han)
        keep = (
            (table["docs"] >= min_docs)
            & (table["pmi"] >= min_pmi)
            & (table[["left_entropy", "right_entropy"]].min(axis=1) >= min_entropy)
            & (table["crossing"] <= max_crossing)
        )
        frames.append(table[keep])
    if not frames:
        return pd.DataFrame(columns=NEW_WORD_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    if table.empty:
        return pd.DataFrame(columns=NEW_WORD_COLUMNS)
    first = table["first"].to_numpy()
    table["word"] = [
        t.text[int(p) : int(p) + int(n)] for p, n in zip(first, table["n_chars"], strict=True)
    ]
    table = table[
        ~table["word"].str[0].isin(stop)
        & ~table["word"].str[-1].isin(stop)
        & ~table["word"].map(lambda w: any(c in inner for c in w))
    ]
    dictionary, lexicon = known if known is not None else known_words()
    dictionary, lexicon = frozenset(dictionary), frozenset(lexicon)
    table = table.assign(
        in_dictionary=table["word"].isin(dictionary),
        in_lexicon=table["word"].isin(lexicon),
        score=np.log2(table["count"])
        * np.minimum(table["pmi"], 10.0)
        * table[["left_entropy", "right_entropy"]].min(axis=1),
    )
    cuts = segmented(table["word"])
    table = table.assign(
        cut=[" ".join(c) for c in cuts], fragments=[fragment_count(c) for c in cuts]
    )
    if new_only:
        table = table[~table["in_dictionary"] & ~table["in_lexicon"] & (table["fragments"] > 0)]
    table = table.assign(
        examples=[
            _examples(t, p, n, width=width)
            for p, n in zip(table["first"], table["n_chars"], strict=True)
        ]
    )
    table = table.sort_values(["score", "word"], ascending=[False, True], kind="mergesort")
    return table[NEW_WORD_COLUMNS].reset_index(drop=True)
