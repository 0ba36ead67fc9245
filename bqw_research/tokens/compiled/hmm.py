"""jieba.posseg's hidden Markov model as dense arrays, and the decoding of its routes.

:class:`PossegHMM` holds jieba.posseg's tables (``jieba.posseg`` ``prob_start``,
``prob_trans``, ``prob_emit``, ``char_state_tab``) in the form the compiled
Viterbi of :mod:`bqw_research.tokens.compiled.posseg` reads, and reads its
routes as ``POSTokenizer.__cut`` does (:func:`decode_routes`, compiled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # importing jieba.posseg reads jieba's dictionary (~0.4 s): only to build
    from jieba.posseg import POSTokenizer


class PossegTables:
    """jieba.posseg's HMM as dense arrays; states in sorted (tuple) order."""

    def __init__(self) -> None:
        from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
        from jieba.posseg.viterbi import MIN_FLOAT, MIN_INF

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


def _csr(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(rows) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(r) for r in rows])
    idx = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(ptr[-1]))
    return ptr, idx


def decode_routes(routes, offsets, ok, bmes):  # pragma: no cover - jit
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


class PossegHMM:
    """The joint segmentation + POS HMM of ``jieba.posseg`` (``__cut_detail``), as arrays."""

    def __init__(self, pos_tokenizer: POSTokenizer, jit) -> None:
        self.tables = PossegTables()
        self.decode = jit(decode_routes)
        bmes_code = {"B": 0, "M": 1, "E": 2, "S": 3}
        self.bmes = np.array([bmes_code[b] for b, _ in self.tables.states], dtype=np.int64)
        self.tag_names = [t for _, t in self.tables.states]
        self._pos_tokenizer = pos_tokenizer

    def cut_detail_python(self, text: str):
        """jieba's own ``__cut_detail``, for a run the compiled HMM finds no path in."""
        if self._pos_tokenizer is None:  # unpickled: the reference tokenizer it was built from
            from bqw_research.tokens.reference import get_pos_tokenizer

            self._pos_tokenizer = get_pos_tokenizer()
        return self._pos_tokenizer._POSTokenizer__cut_detail(text)

    def __getstate__(self) -> dict:
        # the compiled decoder and jieba's tokenizer are bound again after unpickling
        return {**self.__dict__, "decode": None, "_pos_tokenizer": None}
