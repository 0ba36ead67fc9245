"""jieba's segmentation and POS tagging, computed faster, with the same output.

jieba (0.42.1) segments a sentence in three steps:

1. it splits the text into blocks of Han characters/ASCII letters and the
   rest (regular expressions in ``jieba`` and ``jieba.posseg``);
2. for each block, it finds the most probable path through the DAG of
   dictionary words (``Tokenizer.get_DAG`` + ``Tokenizer.calc``);
3. stretches of single characters that are not a dictionary word go to an HMM:
   ``jieba.finalseg`` (4 states) for plain segmentation, or the joint
   segmentation + POS tagger of ``jieba.posseg`` (256 states) with tags.

:class:`FastEngine` does step 2 in Rust with jieba-rs (``rjieba``), loaded with
the reference tokenizer's own word frequencies and total (jieba's
``dict.txt`` plus the domain lexicon as :func:`bqw_research.tokens.get_tokenizer`
tuned it), and step 3 for POS with :func:`posseg_viterbi`, a compiled
(numba) transcription of ``jieba.posseg.viterbi.viterbi`` over jieba's own
probability tables that makes the same float operations in the same order and
breaks ties the same way. Steps 1 and the plain HMM are jieba's own Python.
Without numba, jieba's Python Viterbi is used (same output, slower).

``tests/test_ingest.py`` checks that the output equals jieba's, sentence by
sentence, on the shipped corpus and on ``../shared/corpus``.
"""

from __future__ import annotations

import os
import re
from itertools import filterfalse

import jieba
import jieba.finalseg
import jieba.posseg
import numpy as np
from jieba.posseg.viterbi import MIN_FLOAT, MIN_INF

from . import config

# jieba's own block patterns (jieba/__init__.py and jieba/posseg/__init__.py).
_RE_HAN_CUT = jieba.re_han_default
_RE_SKIP_CUT = jieba.re_skip_default
_RE_HAN_POS = jieba.posseg.re_han_internal
_RE_SKIP_POS = jieba.posseg.re_skip_internal
_RE_HAN_DETAIL = jieba.posseg.re_han_detail
_RE_HAN_ONLY = re.compile("[\u4e00-\u9fd5]+")
_RE_SKIP_DETAIL = jieba.posseg.re_skip_detail
_RE_NUM_POS = jieba.posseg.re_num
_RE_ENG_POS = jieba.posseg.re_eng

#: Characters jieba-rs keeps inside a text block that jieba.posseg does not (found
#: by probing jieba-rs 0.11 with every code point; ``tests/test_ingest.py`` re-checks):
#: ``%``, ``-`` and the CJK extension/compatibility ranges. Text is cut at them
#: first, so that jieba-rs sees exactly jieba.posseg's blocks.
_RE_RS_ONLY_POS = re.compile(
    "([%\\-\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+)"
)
#: The Han/ASCII characters of jieba.posseg's blocks (``re_han_internal``).
_POS_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._")

#: A word in the Unicode private use area that no text block can contain. It
#: carries the difference between jieba's running total (which ``add_word``
#: never decreases) and the sum of word frequencies, so that jieba-rs weighs
#: every path with the same total as jieba.
_TOTAL_PAD_WORD = "\ue000\ue001"


# --------------------------------------------------------------------------- POS HMM


class _PossegTables:
    """jieba.posseg's HMM as dense arrays; states in sorted (tuple) order."""

    def __init__(self) -> None:
        from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

        states = sorted(trans_P)
        self.states = states
        index = {s: i for i, s in enumerate(states)}
        n = len(states)
        self.start = np.array([start_P[s] for s in states], dtype=np.float64)
        self.trans = np.full((n, n), MIN_INF, dtype=np.float64)
        for s0, row in trans_P.items():
            for s1, value in row.items():
                self.trans[index[s0], index[s1]] = value
        self.has_next = np.array([len(trans_P[s]) > 0 for s in states], dtype=np.bool_)
        chars = sorted(set(char_state_tab_P) | {c for row in emit_P.values() for c in row})
        self.char_index = {c: i for i, c in enumerate(chars)}
        unknown = len(chars)  # last column: a character the model has never seen
        # character-major, so one character's emissions are contiguous in memory
        self.emit = np.full((unknown + 1, n), MIN_FLOAT, dtype=np.float64)
        for s, row in emit_P.items():
            i = index[s]
            for c, value in row.items():
                self.emit[self.char_index[c], i] = value
        allowed = [list(range(n))] * (unknown + 1)  # a character not in the table: all states
        for c, states_of_c in char_state_tab_P.items():
            allowed[self.char_index[c]] = sorted(index[s] for s in states_of_c)
        self.allowed_ptr, self.allowed_idx = _csr(allowed)
        self.succ_ptr, self.succ_idx = _csr(
            [sorted(index[s1] for s1 in trans_P[s0]) for s0 in states]
        )
        self.unknown = unknown
        # code point -> character index, for the Basic Multilingual Plane
        self.lut = np.full(0x10000, unknown, dtype=np.int64)
        for c, i in self.char_index.items():
            if ord(c) < 0x10000:
                self.lut[ord(c)] = i

    def encode(self, text: str) -> np.ndarray:
        """Character indices of ``text`` (unknown characters → the last column)."""
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        return np.where(cps < 0x10000, self.lut[cps & 0xFFFF], self.unknown)


def _tag_non_han(block: str) -> list[tuple[str, str]]:
    """jieba.posseg's tags for a block outside Han runs: numbers ``m``, Latin ``eng``, else ``x``."""
    out = []
    for x in _RE_SKIP_DETAIL.split(block):
        if x:
            if _RE_NUM_POS.match(x):
                out.append((x, "m"))
            elif _RE_ENG_POS.match(x):
                out.append((x, "eng"))
            else:
                out.append((x, "x"))
    return out


def _csr(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(rows) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(r) for r in rows])
    idx = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(ptr[-1]))
    return ptr, idx


def _viterbi_impl(
    obs, allowed_ptr, allowed_idx, succ_ptr, succ_idx, trans, emit, start, has_next
):  # pragma: no cover - jit
    """jieba.posseg.viterbi.viterbi on arrays; returns (route, ok).

    ``allowed_ptr/idx`` list each character's states (jieba's char_state_tab;
    all states for an unknown character) and ``succ_ptr/idx`` each state's
    successors (the keys of ``trans_p[state]``), both in ascending state order.
    Candidates are visited in ascending state order and a later one wins ties
    (``>=``), as Python's ``max`` over ``(prob, state)`` tuples does.
    """
    n_obs = obs.shape[0]
    n = start.shape[0]
    v = np.empty((n_obs, n), dtype=np.float64)
    back = np.full((n_obs, n), -1, dtype=np.int64)
    route = np.empty(n_obs, dtype=np.int64)
    cur = np.empty(n, dtype=np.int64)  # states of V[t], ascending
    prev = np.empty(n, dtype=np.int64)
    stamp = np.full(n, -1, dtype=np.int64)  # stamp[y] == t: y is an expected next state
    c0 = obs[0]
    n_cur = 0
    for k in range(allowed_ptr[c0], allowed_ptr[c0 + 1]):
        y = allowed_idx[k]
        v[0, y] = start[y] + emit[c0, y]
        cur[n_cur] = y
        n_cur += 1
    for t in range(1, n_obs):
        n_prev = 0
        for k in range(n_cur):
            if has_next[cur[k]]:
                prev[n_prev] = cur[k]
                n_prev += 1
        if n_prev == 0:
            return route, False  # jieba raises here (max of nothing); let it
        n_expect = 0
        for k in range(n_prev):
            y0 = prev[k]
            for m in range(succ_ptr[y0], succ_ptr[y0 + 1]):
                y = succ_idx[m]
                if stamp[y] != t:
                    stamp[y] = t
                    n_expect += 1
        c = obs[t]
        n_cur = 0
        for k in range(allowed_ptr[c], allowed_ptr[c + 1]):
            y = allowed_idx[k]
            if stamp[y] == t:
                cur[n_cur] = y
                n_cur += 1
        if n_cur == 0:
            for y in range(n):
                if n_expect == 0 or stamp[y] == t:
                    cur[n_cur] = y
                    n_cur += 1
        for k in range(n_cur):
            y = cur[k]
            best = 0.0
            best_state = -1
            for j in range(n_prev):
                y0 = prev[j]
                value = v[t - 1, y0] + trans[y0, y] + emit[c, y]
                if best_state < 0 or value >= best:
                    best = value
                    best_state = y0
            v[t, y] = best
            back[t, y] = best_state
    best = 0.0
    state = -1
    for k in range(n_cur):
        y = cur[k]
        if state < 0 or v[n_obs - 1, y] >= best:
            best = v[n_obs - 1, y]
            state = y
    for i in range(n_obs - 1, -1, -1):
        route[i] = state
        state = back[i, state]
    return route, True


def _viterbi_many_impl(
    obs, offsets, allowed_ptr, allowed_idx, succ_ptr, succ_idx, trans, emit, start, has_next
):  # pragma: no cover - jit
    """``_viterbi_impl`` over many sequences (``obs[offsets[i]:offsets[i + 1]]``)."""
    routes = np.empty(obs.shape[0], dtype=np.int64)
    ok = np.empty(offsets.shape[0] - 1, dtype=np.bool_)
    for i in range(offsets.shape[0] - 1):
        a, b = offsets[i], offsets[i + 1]
        route, good = _viterbi(
            obs[a:b], allowed_ptr, allowed_idx, succ_ptr, succ_idx, trans, emit, start, has_next
        )
        ok[i] = good
        if good:
            routes[a:b] = route
    return routes, ok


def _decode_impl(routes, offsets, ok, bmes):  # pragma: no cover - jit
    """Words of each decoded run, as ``POSTokenizer.__cut`` reads a route.

    ``bmes[state]`` is 0 B, 1 M, 2 E, 3 S. Returns global ``starts, ends``,
    the ``state`` whose tag the word takes, and ``ptr`` (words of run ``k``
    are ``ptr[k]:ptr[k + 1]``).
    """
    n_runs = offsets.shape[0] - 1
    size = offsets[n_runs] + n_runs
    starts = np.empty(size, dtype=np.int64)
    ends = np.empty(size, dtype=np.int64)
    state = np.empty(size, dtype=np.int64)
    ptr = np.zeros(n_runs + 1, dtype=np.int64)
    m = 0
    for k in range(n_runs):
        ptr[k] = m
        if not ok[k]:
            continue
        a = offsets[k]
        n = offsets[k + 1] - a
        begin = 0
        nexti = 0
        for i in range(n):
            r = routes[a + i]
            code = bmes[r]
            if code == 0:
                begin = i
            elif code == 2 or code == 3:
                starts[m] = a + (begin if code == 2 else i)
                ends[m] = a + i + 1
                state[m] = r
                m += 1
                nexti = i + 1
        if nexti < n:
            starts[m] = a + nexti
            ends[m] = a + n
            state[m] = routes[a + nexti]
            m += 1
    ptr[n_runs] = m
    return starts, ends, state, ptr


_viterbi = None


def _compile():
    """The compiled functions, cached on disk under ``config.cache_dir() / "numba"``.

    numba takes its cache folder from ``NUMBA_CACHE_DIR`` (and re-reads the
    environment when it compiles), so it is set for this process unless the
    user set it already.
    """
    os.environ.setdefault("NUMBA_CACHE_DIR", str(config.cache_dir() / "numba"))
    try:
        import numba
    except ImportError:  # pragma: no cover - numba is a dependency; stay correct without it
        return None
    global _viterbi
    try:
        _viterbi = numba.njit(cache=True, nogil=True)(_viterbi_impl)
        many = numba.njit(cache=True, nogil=True)(_viterbi_many_impl)
        decode = numba.njit(cache=True, nogil=True)(_decode_impl)
    except Exception:  # pragma: no cover - e.g. no writable cache: compile in memory
        _viterbi = numba.njit(nogil=True)(_viterbi_impl)
        many = numba.njit(nogil=True)(_viterbi_many_impl)
        decode = numba.njit(nogil=True)(_decode_impl)
    return _viterbi, many, decode


class PossegHMM:
    """The joint segmentation + POS HMM of ``jieba.posseg`` (``__cut_detail``), compiled."""

    def __init__(self, pos_tokenizer: jieba.posseg.POSTokenizer) -> None:
        self.tables = _PossegTables()
        compiled = _compile()
        self.viterbi, self.viterbi_many, self.decode = compiled if compiled else (None,) * 3
        bmes_code = {"B": 0, "M": 1, "E": 2, "S": 3}
        self.bmes = np.array([bmes_code[b] for b, _ in self.tables.states], dtype=np.int64)
        self.tag_names = [t for _, t in self.tables.states]
        self._python = pos_tokenizer._POSTokenizer__cut_detail

    def _cut_han(self, sentence: str, out: list[tuple[str, str]]) -> bool:
        tb = self.tables
        route, ok = self.viterbi(tb.encode(sentence), *self._tables_args())
        if not ok:
            return False
        states = tb.states
        begin = nexti = 0
        for i, (char, r) in enumerate(zip(sentence, route.tolist(), strict=True)):
            bmes, tag = states[r]
            if bmes == "B":
                begin = i
            elif bmes == "E":
                out.append((sentence[begin : i + 1], tag))
                nexti = i + 1
            elif bmes == "S":
                out.append((char, tag))
                nexti = i + 1
        if nexti < len(sentence):
            out.append((sentence[nexti:], states[route[nexti]][1]))
        return True

    def _tables_args(self):
        tb = self.tables
        return (
            tb.allowed_ptr,
            tb.allowed_idx,
            tb.succ_ptr,
            tb.succ_idx,
            tb.trans,
            tb.emit,
            tb.start,
            tb.has_next,
        )

    def cut_detail_many(self, buffers: list[str]) -> list[list[tuple[str, str]]]:
        """``cut_detail`` for many strings with one compiled call for all their Han runs."""
        if self.viterbi_many is None or not buffers:
            return [self.cut_detail(b) for b in buffers]
        # Split every buffer as __cut_detail does; Han runs are decoded in one batch.
        plans: list[list] = []
        han: list[str] = []
        han_only = _RE_HAN_ONLY.fullmatch
        for buf in buffers:
            if han_only(buf):  # the usual case: one run of Han characters
                plans.append([len(han)])
                han.append(buf)
                continue
            plan: list = []
            for blk in _RE_HAN_DETAIL.split(buf):
                if _RE_HAN_DETAIL.match(blk):
                    plan.append(len(han))
                    han.append(blk)
                else:
                    plan.extend(_tag_non_han(blk))
            plans.append(plan)
        decoded: list[list[tuple[str, str]]] = [[] for _ in han]
        if han:
            lengths = np.fromiter(map(len, han), dtype=np.int64, count=len(han))
            offsets = np.zeros(len(han) + 1, dtype=np.int64)
            np.cumsum(lengths, out=offsets[1:])
            joined = "".join(han)
            routes, ok = self.viterbi_many(
                self.tables.encode(joined), offsets, *self._tables_args()
            )
            starts, ends, state, ptr = self.decode(routes, offsets, ok, self.bmes)
            n = int(ptr[-1])
            starts, ends, state = starts[:n].tolist(), ends[:n].tolist(), state[:n].tolist()
            ptr_list, ok_list, names = ptr.tolist(), ok.tolist(), self.tag_names
            for k in range(len(han)):
                if not ok_list[k]:
                    decoded[k] = [(p.word, p.flag) for p in self._python(han[k])]
                    continue
                lo, hi = ptr_list[k], ptr_list[k + 1]
                decoded[k] = [
                    (joined[a:b], names[t])
                    for a, b, t in zip(starts[lo:hi], ends[lo:hi], state[lo:hi], strict=True)
                ]
        result = []
        for plan in plans:
            if len(plan) == 1 and isinstance(plan[0], int):
                result.append(decoded[plan[0]])
                continue
            out = []
            for item in plan:
                if isinstance(item, int):
                    out.extend(decoded[item])
                else:
                    out.append(item)
            result.append(out)
        return result

    def whole_word_tags(self, words: list[str]) -> list[str | None]:
        """For runs of Han characters: the tag the HMM gives each when it keeps it one word.

        ``None`` where the HMM would split the run (or has no path).
        """
        if self.viterbi_many is None or not words:
            out: list[str | None] = []
            for w in words:
                pairs = self.cut_detail(w)
                out.append(pairs[0][1] if len(pairs) == 1 else None)
            return out
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        offsets = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        routes, ok = self.viterbi_many(
            self.tables.encode("".join(words)), offsets, *self._tables_args()
        )
        _, _, state, ptr = self.decode(routes, offsets, ok, self.bmes)
        one = ((ptr[1:] - ptr[:-1]) == 1) & ok
        first = state[np.minimum(ptr[:-1], max(len(state) - 1, 0))]
        names = self.tag_names
        return [names[s] if o else None for o, s in zip(one.tolist(), first.tolist(), strict=True)]

    def cut_detail(self, sentence: str) -> list[tuple[str, str]]:
        """Like ``POSTokenizer.__cut_detail``: ``(word, flag)`` pairs."""
        if self.viterbi is None:
            return [(p.word, p.flag) for p in self._python(sentence)]
        out: list[tuple[str, str]] = []
        for blk in _RE_HAN_DETAIL.split(sentence):
            if _RE_HAN_DETAIL.match(blk):
                mark = len(out)
                if not self._cut_han(blk, out):
                    del out[mark:]
                    out.extend((p.word, p.flag) for p in self._python(blk))
            else:
                out.extend(_tag_non_han(blk))
        return out


# --------------------------------------------------------------------------- engine


class FastEngine:
    """jieba's segmentation (and POS tags) with the path search in jieba-rs.

    Build it with :func:`bqw_research.tokens.get_fast_engine`; ``cut`` and
    ``cut_pos`` return what ``Tokenizer.cut(s, HMM=True)`` and
    ``POSTokenizer.cut(s, HMM=True)`` return (whitespace tokens included). A
    block where jieba-rs's gluing of single ASCII letters hides the path is
    handed to jieba itself (counted in ``fallbacks``).
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
            if f:  # tags do not change the paths; ``tag`` (fast mode) reports them
                rs.add_word(word, f, self.tags.get(word))
                total += f
        if tokenizer.total > total:
            rs.add_word(_TOTAL_PAD_WORD, tokenizer.total - total, None)
        self.rs = rs
        self.hmm = PossegHMM(pos_tokenizer)
        self.fallbacks = 0

    def warm_up(self) -> None:
        """Compile (or load) the HMM now, before worker processes are forked."""
        self.hmm.cut_detail("严於信")
        self.hmm.cut_detail_many(["严於信", "2024年"])
        self.cut_pos_lists("严於信在韶关")

    def _route(self, block: str) -> list[str] | None:
        """The best path through the DAG as jieba-rs found it; ``None`` when ambiguous."""
        out: list[str] = []
        freq = self.freq
        for w in self.rs.cut(block, False):
            if len(w) > 1 and w.isascii() and w.isalnum():
                # jieba-rs glues single ASCII letters/digits of the path together.
                if freq.get(w):
                    self.fallbacks += 1
                    return None  # a dictionary word or glued letters: cannot tell
                out.extend(w)
            else:
                out.append(w)
        return out

    def _dag(self, block: str, out: list[str]) -> None:
        route = self._route(block)
        if route is None:
            out.extend(self.tokenizer._Tokenizer__cut_DAG(block))
            return
        buf = ""
        freq = self.freq
        hmm_cut = jieba.finalseg.cut
        for w in route:
            if len(w) == 1:
                buf += w
                continue
            if buf:
                if len(buf) == 1:
                    out.append(buf)
                elif not freq.get(buf):
                    out.extend(hmm_cut(buf))
                else:
                    out.extend(buf)
                buf = ""
            out.append(w)
        if buf:
            if len(buf) == 1:
                out.append(buf)
            elif not freq.get(buf):
                out.extend(hmm_cut(buf))
            else:
                out.extend(buf)

    def cut(self, sentence: str) -> list[str]:
        """Like ``jieba.Tokenizer.cut(sentence, HMM=True)`` (whitespace kept)."""
        out: list[str] = []
        for blk in _RE_HAN_CUT.split(sentence):
            if not blk:
                continue
            if _RE_HAN_CUT.match(blk):
                self._dag(blk, out)
            else:
                for x in _RE_SKIP_CUT.split(blk):
                    if _RE_SKIP_CUT.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _dag_pos(self, block: str, out: list[tuple[str, str]]) -> None:
        route = self._route(block)
        if route is None:
            out.extend((p.word, p.flag) for p in self.pos_tokenizer._POSTokenizer__cut_DAG(block))
            return
        buf = ""
        tags = self.tags
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

    def _flush_pos(self, buf: str, out: list[tuple[str, str]]) -> None:
        tags = self.tags
        if len(buf) == 1:
            out.append((buf, tags.get(buf, "x")))
        elif not self.freq.get(buf):
            out.extend(self.hmm.cut_detail(buf))
        else:
            out.extend((ch, tags.get(ch, "x")) for ch in buf)

    def cut_pos(self, sentence: str) -> list[tuple[str, str]]:
        """Like ``jieba.posseg.POSTokenizer.cut(sentence, HMM=True)`` as ``(word, flag)`` pairs."""
        out: list[tuple[str, str]] = []
        for blk in _RE_HAN_POS.split(sentence):
            if _RE_HAN_POS.match(blk):
                self._dag_pos(blk, out)
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

    def cut_pos_lists(self, text: str) -> tuple[list[str], list[str]]:
        """``cut_pos(text)`` without whitespace tokens, as ``(words, tags)`` lists.

        Made for whole documents: jieba-rs cuts the text into its own blocks
        (after the characters it treats differently from jieba.posseg are set
        apart) in one call per stretch; every run of single characters inside a
        block goes through the same buffer logic as in ``cut_pos``, and all
        runs that need the HMM are decoded in one batch at the end. Equals
        ``[(w, t) for w, t in cut_pos(text) if w.strip()]``.
        """
        words: list[str] = []
        tags: list[str] = []
        pending: list[tuple[int, str]] = []
        pieces = _RE_RS_ONLY_POS.split(text)
        for i, piece in enumerate(pieces):
            if i % 2:  # characters outside jieba.posseg's blocks: one 'x' token each
                words.extend(piece)
                tags.extend("x" * len(piece))
            elif piece and not self._walk_pos(piece, words, tags, pending):
                for w, t in self.cut_pos(piece):
                    if not w.isspace():
                        words.append(w)
                        tags.append(t)
        if pending:
            decoded = self.hmm.cut_detail_many([buf for _, buf in pending])
            for (at, _), pairs in zip(reversed(pending), reversed(decoded), strict=True):
                words[at : at + 1] = [w for w, _ in pairs]
                tags[at : at + 1] = [t for _, t in pairs]
        return words, tags

    def _walk_pos(
        self, text: str, words: list[str], tags: list[str], pending: list[tuple[int, str]]
    ) -> bool:
        """Append ``text``'s tokens; ``False`` (nothing appended) when jieba-rs's path is ambiguous.

        A run for the HMM gets a placeholder word at its position, recorded in ``pending``.
        """
        tag_of, freq = self.tags, self.freq
        ascii_han = _POS_BLOCK_ASCII
        mark, mark_pending = len(words), len(pending)
        buf = ""
        for w in self.rs.cut(text, False):
            if len(w) == 1:
                if "\u4e00" <= w <= "\u9fd5" or w in ascii_han:
                    buf += w  # a one-character step of the path inside a block
                    continue
            elif w.isascii() and w.isalnum():
                # jieba-rs glues single ASCII letters/digits of the path together.
                if freq.get(w):
                    del words[mark:], tags[mark:], pending[mark_pending:]
                    self.fallbacks += 1
                    return False  # a dictionary word or glued letters: cannot tell
                buf += w
                continue
            if buf:
                self._flush_lists(buf, words, tags, pending)
                buf = ""
            if w.isspace():
                continue  # whitespace: outside blocks, dropped as segment() drops it
            words.append(w)
            tags.append(tag_of.get(w, "x") if len(w) > 1 else "x")  # one char here: not in a block
        if buf:
            self._flush_lists(buf, words, tags, pending)
        return True

    def _flush_lists(
        self, buf: str, words: list[str], tags: list[str], pending: list[tuple[int, str]]
    ) -> None:
        tag_of = self.tags
        if len(buf) == 1:
            words.append(buf)
            tags.append(tag_of.get(buf, "x"))
        elif not self.freq.get(buf):
            pending.append((len(words), buf))
            words.append(buf)  # placeholder, replaced by the HMM's words
            tags.append("")
        else:
            words.extend(buf)
            tags.extend(tag_of.get(ch, "x") for ch in buf)

    # ----------------------------------------------------------------------- fast mode

    def cut_fast(self, text: str) -> list[str]:
        """jieba-rs's own tokens (``Tokenizer.cut(text, HMM=True)`` of jieba-rs), whitespace dropped.

        jieba-rs is loaded with jieba's dictionary and the domain lexicon (the
        reference tokenizer's own frequencies), and its block patterns and
        unknown-word HMM are jieba's ``jieba.cut`` ones, so the tokens are
        those of ``jieba.lcut`` with the domain lexicon (≈ 99.99 % identical,
        measured by ``benchmarks/bench_ingest.py`` and ``tests/test_fastmode.py``),
        not jieba.posseg's. Not exact: use :meth:`cut` for that.
        """
        return list(filterfalse(str.isspace, self.rs.cut(text, True)))

    def cut_fast_lists(self, text: str) -> tuple[list[str], list[str]]:
        """:meth:`cut_fast` tokens and a POS tag for each, as ``(words, tags)`` lists.

        Tags: a dictionary word's tag (jieba's ``dict.txt`` or the domain
        lexicon); for a word not in the dictionary, ``m`` (ASCII digits),
        ``eng`` (other ASCII letters/digits), the tag jieba.posseg's HMM
        gives it when the HMM keeps it whole (a run of Han characters found by
        the segmentation HMM, usually a name), else ``x`` (punctuation,
        symbols, single unknown characters) — jieba.posseg's rules for each
        case.
        """
        pairs = [p for p in self.rs.tag(text, True) if not p[0].isspace()]
        words = [p[0] for p in pairs]
        tags = [p[1] for p in pairs]  # jieba-rs: the dictionary's tag, else m / eng / x
        han = _RE_HAN_ONLY.fullmatch
        unknown = [i for i, (w, t) in enumerate(pairs) if t == "x" and len(w) > 1 and han(w)]
        if unknown:
            for i, t in zip(
                unknown, self.hmm.whole_word_tags([words[i] for i in unknown]), strict=True
            ):
                if t is not None:
                    tags[i] = t
        return words, tags
