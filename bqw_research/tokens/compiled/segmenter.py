"""Compiled, exact replicas of ``jieba.Tokenizer.cut`` and ``jieba.posseg`` that return spans.

Contract
--------
:class:`JitSegmenter` (build it once with :func:`get_jit_segmenter`) segments a
whole text in one compiled (numba) call over its code points and returns
**spans**, never one Python object per token. Two modes:

``spans(text) -> (starts, ends)``  (cut mode)
    ``int64`` code-point offsets into ``text`` (Python ``str`` indices: an
    astral character is one code point). The tokens ``text[s:e]`` are, in
    order, exactly those of ``tokenizer.cut(text, HMM=True)`` (``tokenizer`` =
    the :class:`jieba.Tokenizer` it was built from, e.g.
    :func:`bqw_research.tokens.get_tokenizer`: jieba's ``dict.txt`` plus the
    domain lexicon), with whitespace tokens (``str.isspace``) left out.

``spans_pos(text) -> (starts, ends, tags)``  (posseg mode, exact tokens *and* tags)
    as above, with ``tags`` ``int32`` indices into :attr:`JitSegmenter.tag_names`,
    such that ``[(text[s:e], tag_names[t]) ...]`` is exactly
    ``[(w, t) for w, t in pos_tokenizer.cut(text, HMM=True) if not w.isspace()]``
    (``pos_tokenizer`` = the :class:`jieba.posseg.POSTokenizer` it was built
    from, whose ``word_tag_tab`` includes the domain lexicon's tags). These
    tokens differ from ``spans``' (jieba.posseg has its own blocks and HMM).

``cut`` and ``cut_pos`` give the same as strings (tests, small texts).

The dictionary lives in plain numpy arrays (a direct table for the root's
children, an open-addressing hash of ``(node, code point) -> child`` and
per-node weight/frequency/tag arrays), so worker processes forked after the
build share them. They are built from ``tokenizer.FREQ``/``total``,
``word_tag_tab`` and ``Force_Split_Words`` when the segmenter is created and
reflect the dictionary at that moment: build a new segmenter after
``add_word``/``suggest_freq``. The kernels (:mod:`.kernels`, :mod:`.posseg`)
are compiled once per machine and user and kept in
:func:`bqw_research.config.numba_cache_dir` (the first compile takes about
10–20 s).

How jieba 0.42.1 is reproduced (``jieba/__init__.py``, ``jieba/finalseg``):

* blocks are maximal runs of ``[\\u4E00-\\u9FD5a-zA-Z0-9+#&._%-]``
  (``re_han_default``); outside them every character is a token, whitespace
  (``re_skip_default`` = ``\\r\\n|\\s``, i.e. ``str.isspace``) is dropped;
* inside a block, ``get_DAG`` + ``calc`` are fused in one right-to-left pass
  over a trie of ``tokenizer.FREQ`` (every key, prefixes with frequency 0
  included, so "``frag in FREQ``" is "the trie has the node"); a word's
  weight ``log(FREQ.get(w) or 1) - logtotal`` is computed by Python's
  ``math.log`` when the trie is built and added to ``route[x + 1]`` in the
  kernel, so the float operations are jieba's, in jieba's order; ties go to
  the larger ``x`` as with ``max`` over ``(value, x)`` tuples;
* runs of one-character steps are gathered as in ``__cut_DAG``: one character
  -> a token; a dictionary word (``FREQ.get(buf)`` truthy) -> one token per
  character; else ``finalseg.cut``: Han runs through the 4-state Viterbi
  (``PrevStatus``, ``MIN_FLOAT`` for unseen emissions, ties to the larger
  state letter as ``max`` over ``(prob, state)`` tuples, final state from
  ``'ES'``), ``Force_Split_Words`` (as it is when the segmenter is built)
  split into characters, the rest cut by ``([a-zA-Z0-9]+(?:\\.\\d+)?%?)``.

How jieba.posseg 0.42.1 is reproduced (``POSTokenizer.__cut_internal``, HMM=True):

* blocks are maximal runs of ``re_han_internal`` =
  ``[\\u4E00-\\u9FD5a-zA-Z0-9+#&._]`` (no ``%``/``-``); outside them every
  character is a token, whitespace dropped, the rest tagged ``x`` (jieba's
  ``m``/``eng`` cases cannot occur there: ``re_num``/``re_eng`` need a
  character that belongs to a block);
* inside a block the same fused ``get_DAG`` + ``calc`` as in cut mode (over
  the posseg block), then ``__cut_DAG``: a multi-character route word gets
  ``word_tag_tab.get(word, 'x')``; runs of one-character steps are gathered in
  ``buf``: one character -> ``word_tag_tab.get(c, 'x')`` (a lone ``a`` is
  ``x``, not ``eng``); a dictionary word (``FREQ.get(buf)`` truthy) -> one
  token per character with its tag; else ``__cut_detail(buf)``: non-Han
  stretches split by ``re_skip_detail`` = ``([\\.0-9]+|[a-zA-Z0-9]+)`` (pieces
  ``m`` when they start with ``.``/a digit, ``eng`` with a letter, ``x``
  between matches), and each Han run (``re_han_detail``) is left as a
  placeholder span in the first pass;
* in the same compiled call all placeholder runs of the text go through
  jieba.posseg's 256-state Viterbi (``jieba.posseg.viterbi``, the tables of
  :class:`bqw_research.tokens.compiled.hmm.PossegHMM`: the same float
  operations in the same order and the same tie-breaking as jieba's Python
  Viterbi, but buffers allocated once per text and each state scored only
  over the previous states with a transition to it; the others add ``-inf``
  and cannot win), and ``__cut``'s reading of the route (B opens, E
  closes with E's tag, S alone, the rest one word) replaces each placeholder.
  No Python object is made per token. Should the HMM find no path in a run
  (jieba itself would then fail; not seen with jieba's tables), that text is
  redone step by step with jieba's own ``__cut_detail`` for that run.

``tests/tokens/test_compiled.py`` checks both modes against jieba itself
(shipped corpus, ``../shared/corpus``, thousands of random mixed strings,
hand-checked cases) and the compiled Viterbi's routes against jieba.posseg's.
"""

from __future__ import annotations

import contextlib
import math
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from bqw_research import config
from bqw_research.scale.compiled import njit_cached
from bqw_research.tokens.compiled import kernels as cut_kernels
from bqw_research.tokens.compiled import posseg as posseg_kernels
from bqw_research.tokens.compiled.hmm import PossegHMM, decode_routes
from bqw_research.tokens.compiled.kernels import (
    BLOCK_ASCII,
    BLOCK_ASCII_POS,
    HAN_HI,
    HAN_LO,
    MAX_CP,
)

if TYPE_CHECKING:  # importing jieba.posseg reads jieba's dictionary (~0.4 s): only to build
    import jieba
    import jieba.posseg

_KERNELS: dict | None = None


def _compile() -> dict:
    """The compiled kernels, cached on disk once per machine (:func:`njit_cached`)."""
    global _KERNELS
    if _KERNELS is not None:
        return _KERNELS
    cut = cut_kernels.compile_kernels(njit_cached)
    decode = njit_cached(decode_routes)
    pos = posseg_kernels.compile_kernels(njit_cached, shared={**cut, "decode": decode})
    _KERNELS = {**cut, **pos, "decode": decode}
    return _KERNELS


class JitSegmenter:
    """``Tokenizer.cut`` (``spans``) and ``POSTokenizer.cut`` (``spans_pos``), HMM=True, as spans.

    Compiled and exact; see the module docstring.
    """

    def __init__(self, tokenizer: jieba.Tokenizer, pos_tokenizer: jieba.posseg.POSTokenizer):
        import jieba.finalseg

        kernels = _compile()
        tokenizer.check_initialized()
        pos_tokenizer.makesure_userdict_loaded()
        freq: dict[str, int] = tokenizer.FREQ
        tag_tab: dict[str, str] = pos_tokenizer.word_tag_tab
        self.hmm = PossegHMM(pos_tokenizer, njit_cached)
        names = sorted(set(tag_tab.values()) | {"m", "eng", "x"} | set(self.hmm.tag_names))
        self.tag_names: list[str] = names
        tag_id = {t: i for i, t in enumerate(names)}
        self._tag_m, self._tag_eng, self._tag_x = tag_id["m"], tag_id["eng"], tag_id["x"]
        self._tag_id = tag_id

        # Every key of FREQ, then the tagged words and Force_Split_Words (normally all
        # in FREQ already; extra nodes with frequency 0 change no path).
        force_words = sorted(jieba.finalseg.Force_Split_Words)
        # sorted: a word's prefixes get nearby node ids (locality of the per-node arrays)
        keys = sorted(freq)
        words = [*keys, *tag_tab, *force_words]
        lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        cps = np.frombuffer("".join(words).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        # FREQ holds every prefix of its words: about one trie node per key
        bits = max(10, math.ceil(math.log2(len(freq) * 1.5 + 1)))
        while True:
            root, table, n_nodes, word_node = kernels["build"](cps, lens, bits)
            if n_nodes >= 0:
                break
            bits += 1
        self._root, self._table, self._shift = root, table, 64 - bits
        n_nodes = int(n_nodes)
        n_freq = len(freq)
        logtotal = math.log(tokenizer.total)
        log = math.log
        values = [freq[k] for k in keys]
        weight = np.zeros(n_nodes, dtype=np.float64)
        # jieba: log(FREQ.get(w) or 1) - logtotal, with Python's math.log
        weight[word_node[:n_freq]] = np.fromiter(
            (log(f or 1) - logtotal for f in values), dtype=np.float64, count=n_freq
        )
        freq_pos = np.zeros(n_nodes, dtype=np.bool_)
        freq_pos[word_node[:n_freq]] = np.fromiter(
            (bool(f) for f in values), dtype=np.bool_, count=n_freq
        )
        node_tag = np.full(n_nodes, -1, dtype=np.int32)
        n_tag = len(tag_tab)
        node_tag[word_node[n_freq : n_freq + n_tag]] = np.fromiter(
            (tag_id[t] for t in tag_tab.values()), dtype=np.int32, count=n_tag
        )
        force = np.zeros(n_nodes, dtype=np.bool_)
        force[word_node[n_freq + n_tag :]] = True
        self._weight, self._freq_pos, self._node_tag, self._force = (
            weight,
            freq_pos,
            node_tag,
            force,
        )
        self._has_force = bool(force_words)
        self._neg_logtotal = log(1) - logtotal

        block_ascii = np.zeros(128, dtype=np.bool_)
        block_ascii[[ord(c) for c in BLOCK_ASCII]] = True
        self._block_ascii = block_ascii
        self._space = _space_table()
        fs = jieba.finalseg
        order = "BMES"
        self._fs_start = np.array([fs.start_P[s] for s in order], dtype=np.float64)
        self._fs_trans = np.array(
            [[fs.trans_P[s0].get(s1, fs.MIN_FLOAT) for s1 in order] for s0 in order],
            dtype=np.float64,
        )
        emit = np.full((HAN_HI - HAN_LO + 1, 4), fs.MIN_FLOAT, dtype=np.float64)
        for j, s in enumerate(order):
            for ch, value in fs.emit_P[s].items():
                if HAN_LO <= ord(ch) <= HAN_HI:
                    emit[ord(ch) - HAN_LO, j] = value
        self._fs_emit = emit
        self._segment = kernels["segment"]
        self.n_nodes = n_nodes
        # posseg mode: re_han_internal's blocks, and the HMM's states as tag ids
        block_ascii_pos = np.zeros(128, dtype=np.bool_)
        block_ascii_pos[[ord(c) for c in BLOCK_ASCII_POS]] = True
        self._block_ascii_pos = block_ascii_pos
        self._state_tag = np.array([tag_id[t] for t in self.hmm.tag_names], dtype=np.int32)
        self._segment_pos = kernels["segment_pos"]
        self._hmm_obs = kernels["hmm_obs"]
        self._splice = kernels["splice"]
        self._posseg_viterbi = kernels["posseg_viterbi"]
        self._spans_pos_all = kernels["spans_pos"]
        tb = self.hmm.tables
        n_states = len(tb.states)
        has_trans = np.zeros((n_states, n_states), dtype=np.bool_)  # y in trans_P[y0]
        for y0 in range(n_states):
            has_trans[y0, tb.succ_idx[tb.succ_ptr[y0] : tb.succ_ptr[y0 + 1]]] = True
        preds: list[list[int]] = [[] for _ in range(n_states)]
        for y0 in range(n_states):  # y0 ascending
            for y in tb.succ_idx[tb.succ_ptr[y0] : tb.succ_ptr[y0 + 1]].tolist():
                preds[y].append(y0)
        pred_ptr = np.zeros(n_states + 1, dtype=np.int64)
        pred_ptr[1:] = np.cumsum([len(p) for p in preds])
        pred_idx = np.array([y0 for p in preds for y0 in p], dtype=np.int64)
        self._viterbi_args = (
            tb.allowed_ptr,
            tb.allowed_idx,
            tb.succ_ptr,
            tb.succ_idx,
            has_trans,
            pred_ptr,
            pred_idx,
            tb.trans,
            tb.emit,
            tb.start,
            tb.has_next,
        )
        # what the kernels take, packed: the dictionary, finalseg's HMM, posseg's tags and HMM
        self._dic = (root, table, np.int64(64 - bits), freq_pos, weight, self._neg_logtotal)
        self._fs = (self._fs_start, self._fs_trans, self._fs_emit)
        self._tag_ids = (self._tag_m, self._tag_eng, self._tag_x)
        self._pos_hmm = (tb.lut, tb.unknown, *self._viterbi_args, self.hmm.bmes, self._state_tag)

    #: Compiled kernels the segmenter holds; not pickled, bound again when unpickled.
    _KERNEL_ATTRS: ClassVar[dict[str, str]] = {
        "_segment": "segment",
        "_segment_pos": "segment_pos",
        "_hmm_obs": "hmm_obs",
        "_splice": "splice",
        "_posseg_viterbi": "posseg_viterbi",
        "_spans_pos_all": "spans_pos",
    }

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in self._KERNEL_ATTRS}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        kernels = _compile()
        for attr, name in self._KERNEL_ATTRS.items():
            setattr(self, attr, kernels[name])
        self.hmm.decode = kernels["decode"]

    def nbytes(self) -> int:
        """Memory held by the dictionary arrays."""
        arrays = (self._root, self._table, self._weight, self._freq_pos, self._node_tag)
        more = (self._force, self._space, self._fs_emit)
        return sum(a.nbytes for a in (*arrays, *more))

    def _raw(self, cps: np.ndarray):
        return self._segment(
            cps, self._dic, self._force, self._has_force, self._block_ascii, self._space, self._fs
        )

    def spans(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """``starts``, ``ends`` (int64 code-point offsets) of ``cut(text, HMM=True)``.

        Whitespace tokens are left out.
        """
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self._raw(cps)

    def cut(self, text: str) -> list[str]:
        """The tokens as strings (for tests and small texts)."""
        starts, ends = self.spans(text)
        return [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]

    # ------------------------------------------------------------- posseg mode

    def _raw_pos(self, cps: np.ndarray):
        return self._segment_pos(
            cps, self._dic, self._node_tag, self._block_ascii_pos, self._space, self._tag_ids
        )

    def spans_pos(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``starts``, ``ends`` (int64 code-point offsets) and tag ids (into :attr:`tag_names`) of
        ``[(w, t) for w, t in pos_tokenizer.cut(text, HMM=True) if not w.isspace()]`` — exactly.
        """
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        starts, ends, tags, ok = self._spans_pos_all(
            cps,
            self._dic,
            self._node_tag,
            self._block_ascii_pos,
            self._space,
            self._tag_ids,
            self._pos_hmm,
        )
        if ok:
            return starts, ends, tags
        return self.spans_pos_steps(text)  # pragma: no cover - see _python_runs

    def spans_pos_steps(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``spans_pos`` step by step (one compiled call each), with jieba's own
        ``__cut_detail`` for a run the compiled HMM finds no path in (the fallback)."""
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        starts, ends, tags = self._raw_pos(cps)
        ph = np.flatnonzero(tags < 0)
        if not ph.size:
            return starts, ends, tags
        hmm = self.hmm
        tb = hmm.tables
        run_start, run_end = starts[ph], ends[ph]
        obs, offsets = self._hmm_obs(cps, run_start, run_end, tb.lut, tb.unknown)
        routes, ok = self._posseg_viterbi(obs, offsets, *self._viterbi_args)
        ws, we, st, ptr = hmm.decode(routes, offsets, ok, hmm.bmes)
        if not ok.all():  # pragma: no cover - no path in the compiled HMM: jieba's own code
            ws, we, st, ptr = self._python_runs(
                text, run_start, run_end, offsets, ok, ws, we, st, ptr
            )
        return self._splice(
            starts, ends, tags, ph, run_start, offsets, ws, we, st, ptr, self._state_tag
        )

    def _python_runs(self, text, run_start, run_end, offsets, ok, ws, we, st, ptr):
        """The decoded words with the runs the compiled HMM could not decode done by jieba."""
        state_of = {t: i for i, t in enumerate(self.hmm.tag_names)}  # one state per tag is enough
        n_ws, n_we, n_st, n_ptr = [], [], [], [0]
        for k, good in enumerate(ok.tolist()):
            if good:
                lo, hi = int(ptr[k]), int(ptr[k + 1])
                n_ws.extend(ws[lo:hi].tolist())
                n_we.extend(we[lo:hi].tolist())
                n_st.extend(st[lo:hi].tolist())
            else:
                pos = int(offsets[k])
                run = text[int(run_start[k]) : int(run_end[k])]
                for p in self.hmm.cut_detail_python(run):
                    n_ws.append(pos)
                    n_we.append(pos + len(p.word))
                    n_st.append(state_of[p.flag])
                    pos += len(p.word)
            n_ptr.append(len(n_ws))
        as64 = lambda v: np.asarray(v, dtype=np.int64)  # noqa: E731
        return as64(n_ws), as64(n_we), as64(n_st), as64(n_ptr)

    def hmm_routes(self, runs: list[str]) -> list[list[tuple[str, str]]]:
        """jieba.posseg's HMM route (``(B/M/E/S, tag)`` per character) of each run of Han
        characters, by the compiled Viterbi (for tests and diagnostics)."""
        tb = self.hmm.tables
        obs = tb.encode("".join(runs))
        offsets = np.zeros(len(runs) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in runs], out=offsets[1:])
        routes, ok = self._posseg_viterbi(obs, offsets, *self._viterbi_args)
        states = tb.states
        return [
            [states[r] for r in routes[offsets[k] : offsets[k + 1]].tolist()] if ok[k] else []
            for k in range(len(runs))
        ]

    def cut_pos(self, text: str) -> list[tuple[str, str]]:
        """``(word, tag)`` pairs of ``pos_tokenizer.cut(text, HMM=True)`` minus whitespace (for tests)."""
        starts, ends, tags = self.spans_pos(text)
        names = self.tag_names
        return [
            (text[a:b], names[t])
            for a, b, t in zip(starts.tolist(), ends.tolist(), tags.tolist(), strict=True)
        ]


def _space_table() -> np.ndarray:
    """``str.isspace`` (= ``\\s`` of Python's ``re``) for every code point (and surrogates)."""
    space = np.zeros(MAX_CP, dtype=np.bool_)
    space[[c for c in range(MAX_CP) if chr(c).isspace()]] = True
    return space


def get_jit_segmenter(user_words: tuple[tuple[str, str], ...] = ()) -> JitSegmenter:
    """The segmenter over jieba's dictionary, the domain lexicon and ``user_words``
    (:func:`bqw_research.tokens.lexicon.read_user_words`), built once per process.

    Without user words its arrays depend only on jieba's dictionary, the
    domain lexicon and this code, so they are kept in the user's cache folder
    (:func:`bqw_research.config.user_cache_dir`, checksummed) and loaded from
    there instead of being built again (seconds) in every process. With user
    words it is built in the process (a few seconds: jieba's dictionary with
    the lexicon, then the words) and not kept on disk, where each word list
    tried would leave 50 MB behind.
    """
    return _jit_segmenter(tuple(user_words))


@lru_cache(maxsize=2)
def _jit_segmenter(user_words: tuple[tuple[str, str], ...]) -> JitSegmenter:
    from bqw_research.scale.cache import Store, cache_key, code_version
    from bqw_research.tokens.versions import engine_version

    key = cache_key(
        "jit segmenter",
        engine_version("exact"),
        user_words,
        np.__version__,
        code_version(
            "bqw_research.tokens.reference",
            "bqw_research.tokens.compiled.kernels",
            "bqw_research.tokens.compiled.posseg",
            "bqw_research.tokens.compiled.hmm",
            "bqw_research.tokens.compiled.segmenter",
        ),
    )
    store = Store(config.user_cache_dir() / "segmenter") if not user_words else None
    cached = store.get(key) if store is not None else None
    if isinstance(cached, JitSegmenter):
        return cached
    from bqw_research.tokens.reference import get_pos_tokenizer, get_tokenizer

    seg = JitSegmenter(get_tokenizer(user_words), get_pos_tokenizer(user_words))
    if store is not None:
        with contextlib.suppress(OSError):  # no writable cache: built again next time
            store.put(key, seg)
    return seg
