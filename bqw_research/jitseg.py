"""Compiled, exact replicas of ``jieba.Tokenizer.cut`` and ``jieba.posseg`` that return spans.

Contract
--------
:class:`JitSegmenter` (build it once with :func:`get_jit_segmenter`) segments a
whole text in one compiled (numba) call over its code points and returns
**spans**, never one Python object per token. Two modes:

``spans_pos(text) -> (starts, ends, tags)``  (posseg mode, exact tokens *and* tags)
    ``starts``/``ends`` ``int64`` code-point offsets, ``tags`` ``int32``
    indices into :attr:`JitSegmenter.tag_names`, such that
    ``[(text[s:e], tag_names[t]) ...]`` is exactly
    ``[(w, t) for w, t in pos_tokenizer.cut(text, HMM=True) if not w.isspace()]``
    (``pos_tokenizer`` = the :class:`jieba.posseg.POSTokenizer` it was built
    from, e.g. :func:`bqw_research.tokens.get_pos_tokenizer`, whose
    ``word_tag_tab`` includes the domain lexicon's tags): the reference tokens
    of ``bqw_research.tokens.segment(..., pos=True)``. ``cut_pos(text)`` gives
    the pairs as strings (tests, small texts). These tokens differ from
    ``spans``' (jieba.posseg has its own blocks and HMM; see below).

``spans(text) -> (starts, ends, tags)``  (cut mode, exact tokens, rule tags)

``spans(text) -> (starts, ends, tags)``
    ``starts``/``ends`` are ``int64`` code-point offsets into ``text`` (Python
    ``str`` indices: an astral character is one code point), ``tags`` are
    ``int32`` indices into :attr:`JitSegmenter.tag_names`. The tokens
    ``text[s:e]`` are, in order, exactly those of
    ``tokenizer.cut(text, HMM=True)`` (``tokenizer`` = the
    :class:`jieba.Tokenizer` it was built from, e.g.
    :func:`bqw_research.tokens.get_tokenizer`: jieba's ``dict.txt`` plus the
    domain lexicon), with whitespace tokens (``str.isspace``) left out.

Tags in cut mode, per token: a word of the POS tokenizer's ``word_tag_tab`` (jieba's
``dict.txt`` and the lexicon's tags) gets its tag; otherwise a token that
starts with an ASCII digit -> ``m`` (``2024``, ``1.5``, ``90%``); one that
starts with an ASCII letter -> ``eng`` (``GDP``); a run of >= 2 Han
characters (U+4E00..U+9FD5) not in the dictionary — a word found by jieba's
HMM — gets the tag :meth:`bqw_research.fastseg.PossegHMM.whole_word_tags`
gives it (jieba.posseg's HMM, when that HMM keeps the run whole; all such words
of one text in one call), else ``x``; everything else (punctuation, symbols,
single unknown characters) ``x``.

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

The dictionary lives in plain numpy arrays (about 35 MB for jieba's dictionary
plus the lexicon, 498,263 trie nodes: a direct table for the root's children,
an open-addressing hash of ``(node, code point) -> child`` and per-node
weight/frequency/tag arrays, plus a per-code-point tag table), so worker
processes forked after the build share them. They are built from
``tokenizer.FREQ``/``total``, ``word_tag_tab`` and ``Force_Split_Words`` when
the segmenter is created (about 1.3 s, no disk cache needed) and reflect the
dictionary at that moment: build a new segmenter after
``add_word``/``suggest_freq``. The compiled kernels are cached by numba under
``config.cache_dir() / "numba"`` (the first compile takes about 10-15 s, the
posseg kernels about 3 s more: call ``spans`` / ``spans_pos`` once before
forking workers).

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
  :class:`bqw_research.fastseg.PossegHMM`: the same float operations in the
  same order and the same tie-breaking as :mod:`bqw_research.fastseg`'s
  transcription, but buffers allocated once per text and each state scored
  only over the previous states with a transition to it; the others add
  ``-inf`` and cannot win), and ``__cut``'s reading of the route (B opens, E
  closes with E's tag, S alone, the rest one word) replaces each placeholder.
  No Python object is made per token. Should the HMM find no path in a run
  (jieba itself would then fail; not seen with jieba's tables), that text is
  redone step by step with jieba's own ``__cut_detail`` for that run.

Only the HMM words' tags need Python in cut mode: ``spans`` slices those words (about 3 %
of tokens), looks them up in a per-process memo (word -> tag id; the tag
depends on the word alone, so this changes no result; bounded at
500,000 words) and sends the new ones to ``whole_word_tags`` in one call.

Cost (``benchmarks/bench_jitseg.py``, 13 MB of cleaned text, 2 shared CPUs):
``spans`` about 0.024 CPU-s per MB (the compiled kernel 0.020) with the memo
reused across texts, 0.049 when it is cleared before every text (all HMM
words new); ``FastEngine.cut_fast_lists`` 0.081; ``jieba.lcut`` 0.67.
``spans_pos`` about 0.033 CPU-s per MB (segmentation 0.017, the posseg
Viterbi on the ~7 % of characters in HMM runs 0.011, no memo: the cost does
not depend on repeats across texts); ``FastEngine.cut_pos_lists`` 0.13;
``jieba.posseg``'s ``cut`` about 4.0 (``jieba.lcut`` 0.70 in the same run).

``tests/test_jitseg.py`` checks cut-mode tokens against ``tokenizer.lcut`` and
the tags against these rules, and posseg-mode ``(token, tag)`` pairs against
``jieba.posseg`` itself (shipped corpus, ``../shared/corpus``, thousands of
random mixed strings, hand-checked cases), and the pruned Viterbi's routes
against :mod:`bqw_research.fastseg`'s; ``benchmarks/bench_jitseg.py`` measures
CPU-s per MB and the identical-token rates.
"""

from __future__ import annotations

import math
import os
from functools import lru_cache

import jieba
import jieba.finalseg
import jieba.posseg
import numpy as np

from . import config

_MAX_CP = 0x110000
_HAN_LO = 0x4E00
_HAN_HI = 0x9FD5
#: ASCII characters of jieba's ``re_han_default`` blocks (besides Han).
_BLOCK_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-"
#: ASCII characters of jieba.posseg's ``re_han_internal`` blocks (no ``%``, ``-``).
_BLOCK_ASCII_POS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._"
_CP_BITS = 21  # code points fit in 21 bits: hash key = node << 21 | cp
_HASH_MUL = 0x9E3779B97F4A7C15
#: HMM words whose tag is remembered (per process; the tag depends on the word alone).
_HMM_MEMO_SIZE = 500_000


# --------------------------------------------------------------------------- kernels


def _hash_slot_impl(key, shift):  # pragma: no cover - jit
    h = np.uint64(key) * np.uint64(_HASH_MUL)
    return np.int64(h >> np.uint64(shift))


def _child_impl(node, cp, root, table, shift, mask):  # pragma: no cover - jit
    """The trie child of ``node`` for code point ``cp``, or -1."""
    if node == 0:
        return np.int64(root[cp])
    key = (node << _CP_BITS) | cp
    slot = _hash_slot(key, shift)
    while True:
        k = table[slot, 0]
        if k == key:
            return table[slot, 1]
        if k < 0:
            return np.int64(-1)
        slot = (slot + 1) & mask


def _lookup_impl(cps, a, b, root, table, shift, mask):  # pragma: no cover - jit
    """The trie node of ``cps[a:b]`` or -1."""
    node = np.int64(0)
    for i in range(a, b):
        node = _child(node, np.int64(cps[i]), root, table, shift, mask)
        if node < 0:
            return node
    return node


def _build_impl(cps, lens, capacity_bits):  # pragma: no cover - jit
    """A trie of the words ``cps`` (concatenated, ``lens`` each).

    Returns ``root`` (code point -> child of the root), the hash ``table``
    (``[slot] = (node << 21 | cp, child)``, -1 empty), the node count and the
    node of each word; the count is -1 when the table would be over 3/4 full.
    """
    root = np.full(_MAX_CP, -1, dtype=np.int32)
    cap = np.int64(1) << capacity_bits
    mask = cap - 1
    shift = 64 - capacity_bits
    table = np.full((cap, 2), -1, dtype=np.int64)
    word_node = np.empty(lens.shape[0], dtype=np.int64)
    n_nodes = np.int64(1)
    pos = 0
    for w in range(lens.shape[0]):
        node = np.int64(0)
        for i in range(pos, pos + lens[w]):
            cp = np.int64(cps[i])
            if node == 0:
                child = np.int64(root[cp])
                if child < 0:
                    child = n_nodes
                    n_nodes += 1
                    root[cp] = child
            else:
                key = (node << _CP_BITS) | cp
                slot = _hash_slot(key, shift)
                while True:
                    k = table[slot, 0]
                    if k == key:
                        child = table[slot, 1]
                        break
                    if k < 0:
                        if 4 * (n_nodes + 1) > 3 * cap:
                            return root, table, np.int64(-1), word_node  # too full: grow
                        child = n_nodes
                        n_nodes += 1
                        table[slot, 0] = key
                        table[slot, 1] = child
                        break
                    slot = (slot + 1) & mask
            node = child
        word_node[w] = node
        pos += lens[w]
    return root, table, n_nodes, word_node


def _tag_impl(cps, a, b, node, root, table, shift, mask, node_tag, char_tag, tag_m, tag_eng, tag_x):
    # pragma: no cover - jit
    """A token's tag id; -1 = an HMM word (>= 2 Han characters, not in the dictionary).

    ``char_tag[cp]`` is the tag of the one-character token ``chr(cp)``.
    """
    if b - a == 1:
        return char_tag[cps[a]]
    if node < 0:
        node = _lookup(cps, a, b, root, table, shift, mask)
    if node >= 0 and node_tag[node] >= 0:
        return node_tag[node]
    # Outside the dictionary: a token that starts with a digit is a number (m: 2024,
    # 1.5, 90%), one that starts with a Latin letter a Latin word (eng: GDP, 5G is m),
    # as jieba.posseg's re_num / re_eng ``match`` (anchored at the start only) read it.
    c = cps[a]
    if 48 <= c <= 57:
        return tag_m
    if (65 <= c <= 90) or (97 <= c <= 122):
        return tag_eng
    for i in range(a, b):
        c = cps[i]
        if c < _HAN_LO or c > _HAN_HI:
            return tag_x
    return np.int32(-1)  # >= 2 Han characters: an HMM word


def _route_impl(
    cps,
    a,
    b,
    root,
    table,
    shift,
    mask,
    freq_pos,
    weight,
    neg_logtotal,
    route_val,
    route_x,
    route_node,
):  # pragma: no cover - jit
    """``get_DAG`` + ``calc`` of the block ``cps[a:b]``, fused, right to left.

    Fills ``route_val[a:b + 1]``, ``route_x[a:b]`` (the last index of the best
    first word from each position) and ``route_node[a:b]`` (its trie node, -1
    for a character outside the dictionary).
    """
    route_val[b] = 0.0
    for k in range(b - 1, a - 1, -1):
        best_v = 0.0
        best_x = -1
        best_node = np.int64(-1)
        node = np.int64(root[cps[k]])
        i = k
        while node >= 0:
            if freq_pos[node]:
                v = weight[node] + route_val[i + 1]
                if best_x < 0 or v >= best_v:
                    best_v = v
                    best_x = i
                    best_node = node
            i += 1
            if i >= b:
                break
            node = _child(node, np.int64(cps[i]), root, table, shift, mask)
        if best_x < 0:
            best_v = neg_logtotal + route_val[k + 1]
            best_x = k
        route_val[k] = best_v
        route_x[k] = best_x
        route_node[k] = best_node


def _segment_impl(
    cps,
    root,
    table,
    shift,
    freq_pos,
    weight,
    node_tag,
    char_tag,
    force,
    has_force,
    neg_logtotal,
    block_ascii,
    space,
    fs_start,
    fs_trans,
    fs_emit,
    tag_m,
    tag_eng,
    tag_x,
):  # pragma: no cover - jit
    """``Tokenizer.cut(text, HMM=True)`` over code points: ``(starts, ends, tags)``.

    ``tags`` -1 marks an HMM word whose tag the caller fills in.
    """
    n = cps.shape[0]
    mask = table.shape[0] - 1
    # every token ends at its own position (finalseg's B/M/E/S grammar included)
    cap = n + 1
    starts = np.empty(cap, dtype=np.int64)
    ends = np.empty(cap, dtype=np.int64)
    tags = np.empty(cap, dtype=np.int32)
    route_val = np.zeros(n + 1, dtype=np.float64)
    route_x = np.empty(n, dtype=np.int64)
    route_node = np.empty(n, dtype=np.int64)
    back = np.empty((n + 1, 4), dtype=np.int64)
    states = np.empty(n + 1, dtype=np.int64)
    m = 0
    p = 0
    while p < n:
        c = cps[p]
        in_block = (_HAN_LO <= c <= _HAN_HI) or (c < 128 and block_ascii[c])
        if not in_block:
            if not space[c]:
                starts[m] = p
                ends[m] = p + 1
                tags[m] = _tag(
                    cps,
                    p,
                    p + 1,
                    -1,
                    root,
                    table,
                    shift,
                    mask,
                    node_tag,
                    char_tag,
                    tag_m,
                    tag_eng,
                    tag_x,
                )
                m += 1
            p += 1
            continue
        a = p
        while p < n:
            c = cps[p]
            if (_HAN_LO <= c <= _HAN_HI) or (c < 128 and block_ascii[c]):
                p += 1
            else:
                break
        b = p
        # get_DAG + calc, right to left
        _route(
            cps,
            a,
            b,
            root,
            table,
            shift,
            mask,
            freq_pos,
            weight,
            neg_logtotal,
            route_val,
            route_x,
            route_node,
        )
        # __cut_DAG
        x = a
        buf = -1
        while x <= b:
            if x < b:
                y = route_x[x] + 1
                if y - x == 1:
                    if buf < 0:
                        buf = x
                    x = y
                    continue
            if buf >= 0:
                if x - buf == 1:
                    starts[m] = buf
                    ends[m] = x
                    tags[m] = _tag(
                        cps,
                        buf,
                        x,
                        -1,
                        root,
                        table,
                        shift,
                        mask,
                        node_tag,
                        char_tag,
                        tag_m,
                        tag_eng,
                        tag_x,
                    )
                    m += 1
                else:
                    bnode = _lookup(cps, buf, x, root, table, shift, mask)
                    if bnode >= 0 and freq_pos[bnode]:
                        for j in range(buf, x):
                            starts[m] = j
                            ends[m] = j + 1
                            tags[m] = _tag(
                                cps,
                                j,
                                j + 1,
                                -1,
                                root,
                                table,
                                shift,
                                mask,
                                node_tag,
                                char_tag,
                                tag_m,
                                tag_eng,
                                tag_x,
                            )
                            m += 1
                    else:
                        m = _finalseg(
                            cps,
                            buf,
                            x,
                            starts,
                            ends,
                            tags,
                            m,
                            back,
                            states,
                            fs_start,
                            fs_trans,
                            fs_emit,
                            root,
                            table,
                            shift,
                            mask,
                            node_tag,
                            char_tag,
                            force,
                            has_force,
                            tag_m,
                            tag_eng,
                            tag_x,
                        )
                buf = -1
            if x == b:
                break
            y = route_x[x] + 1
            starts[m] = x
            ends[m] = y
            t = node_tag[route_node[x]] if route_node[x] >= 0 else -1
            tags[m] = (
                t
                if t >= 0
                else _tag(
                    cps,
                    x,
                    y,
                    route_node[x],
                    root,
                    table,
                    shift,
                    mask,
                    node_tag,
                    char_tag,
                    tag_m,
                    tag_eng,
                    tag_x,
                )
            )
            m += 1
            x = y
    return starts[:m].copy(), ends[:m].copy(), tags[:m].copy()


def _emit_word_impl(
    cps,
    a,
    b,
    starts,
    ends,
    tags,
    m,
    root,
    table,
    shift,
    mask,
    node_tag,
    char_tag,
    force,
    has_force,
    tag_m,
    tag_eng,
    tag_x,
):  # pragma: no cover - jit
    node = _lookup(cps, a, b, root, table, shift, mask)
    if has_force and node >= 0 and force[node]:
        for j in range(a, b):
            starts[m] = j
            ends[m] = j + 1
            tags[m] = _tag(
                cps,
                j,
                j + 1,
                -1,
                root,
                table,
                shift,
                mask,
                node_tag,
                char_tag,
                tag_m,
                tag_eng,
                tag_x,
            )
            m += 1
        return m
    starts[m] = a
    ends[m] = b
    tags[m] = _tag(
        cps, a, b, node, root, table, shift, mask, node_tag, char_tag, tag_m, tag_eng, tag_x
    )
    return m + 1


def _finalseg_impl(
    cps,
    a,
    b,
    starts,
    ends,
    tags,
    m,
    back,
    states,
    fs_start,
    fs_trans,
    fs_emit,
    root,
    table,
    shift,
    mask,
    node_tag,
    char_tag,
    force,
    has_force,
    tag_m,
    tag_eng,
    tag_x,
):  # pragma: no cover - jit
    """``jieba.finalseg.cut(text[a:b])``; returns the new token count."""
    p = a
    while p < b:
        c = cps[p]
        if _HAN_LO <= c <= _HAN_HI:
            r0 = p
            while p < b and _HAN_LO <= cps[p] <= _HAN_HI:
                p += 1
            r1 = p
            length = r1 - r0
            # viterbi(obs, 'BMES', start_P, trans_P, emit_P), unrolled over the 4 states.
            # V[t][y] = max((V[t-1][y0] + trans[y0][y] + emit[y], y0) for y0 in PrevStatus[y]):
            # same additions in the same order; a tie goes to the larger letter (B < E < M < S).
            e = cps[r0] - _HAN_LO
            v_b = fs_start[0] + fs_emit[e, 0]
            v_m = fs_start[1] + fs_emit[e, 1]
            v_e = fs_start[2] + fs_emit[e, 2]
            v_s = fs_start[3] + fs_emit[e, 3]
            for t in range(1, length):
                e = cps[r0 + t] - _HAN_LO
                em = fs_emit[e, 0]  # B <- E, S
                c1 = v_e + fs_trans[2, 0] + em
                c2 = v_s + fs_trans[3, 0] + em
                if c1 > c2:
                    n_b = c1
                    back[t, 0] = 2
                else:
                    n_b = c2
                    back[t, 0] = 3
                em = fs_emit[e, 1]  # M <- M, B
                c1 = v_m + fs_trans[1, 1] + em
                c2 = v_b + fs_trans[0, 1] + em
                if c2 > c1:
                    n_m = c2
                    back[t, 1] = 0
                else:
                    n_m = c1
                    back[t, 1] = 1
                em = fs_emit[e, 2]  # E <- B, M
                c1 = v_b + fs_trans[0, 2] + em
                c2 = v_m + fs_trans[1, 2] + em
                if c1 > c2:
                    n_e = c1
                    back[t, 2] = 0
                else:
                    n_e = c2
                    back[t, 2] = 1
                em = fs_emit[e, 3]  # S <- S, E
                c1 = v_s + fs_trans[3, 3] + em
                c2 = v_e + fs_trans[2, 3] + em
                if c2 > c1:
                    n_s = c2
                    back[t, 3] = 2
                else:
                    n_s = c1
                    back[t, 3] = 3
                v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
            state = 2 if v_e > v_s else 3  # max over 'ES': a tie goes to 'S'
            for t in range(length - 1, -1, -1):
                states[t] = state
                state = back[t, state]
            # finalseg.__cut's reading of the path
            begin = 0
            nexti = 0
            for i in range(length):
                s = states[i]
                if s == 0:
                    begin = i
                elif s == 2:
                    m = _emit_word(
                        cps,
                        r0 + begin,
                        r0 + i + 1,
                        starts,
                        ends,
                        tags,
                        m,
                        root,
                        table,
                        shift,
                        mask,
                        node_tag,
                        char_tag,
                        force,
                        has_force,
                        tag_m,
                        tag_eng,
                        tag_x,
                    )
                    nexti = i + 1
                elif s == 3:
                    m = _emit_word(
                        cps,
                        r0 + i,
                        r0 + i + 1,
                        starts,
                        ends,
                        tags,
                        m,
                        root,
                        table,
                        shift,
                        mask,
                        node_tag,
                        char_tag,
                        force,
                        has_force,
                        tag_m,
                        tag_eng,
                        tag_x,
                    )
                    nexti = i + 1
            if nexti < length:
                m = _emit_word(
                    cps,
                    r0 + nexti,
                    r1,
                    starts,
                    ends,
                    tags,
                    m,
                    root,
                    table,
                    shift,
                    mask,
                    node_tag,
                    char_tag,
                    force,
                    has_force,
                    tag_m,
                    tag_eng,
                    tag_x,
                )
            continue
        # a non-Han run: re_skip = ([a-zA-Z0-9]+(?:\.\d+)?%?), every non-empty piece a token
        r0 = p
        while p < b and not (_HAN_LO <= cps[p] <= _HAN_HI):
            p += 1
        r1 = p
        q = r0
        piece = r0
        while q < r1:
            c = cps[q]
            if (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122):
                if piece < q:
                    starts[m] = piece
                    ends[m] = q
                    tags[m] = _tag(
                        cps,
                        piece,
                        q,
                        -1,
                        root,
                        table,
                        shift,
                        mask,
                        node_tag,
                        char_tag,
                        tag_m,
                        tag_eng,
                        tag_x,
                    )
                    m += 1
                e = q
                while e < r1 and (
                    (48 <= cps[e] <= 57) or (65 <= cps[e] <= 90) or (97 <= cps[e] <= 122)
                ):
                    e += 1
                if e + 1 < r1 and cps[e] == 46 and 48 <= cps[e + 1] <= 57:
                    e += 1
                    while e < r1 and 48 <= cps[e] <= 57:
                        e += 1
                if e < r1 and cps[e] == 37:
                    e += 1
                starts[m] = q
                ends[m] = e
                tags[m] = _tag(
                    cps,
                    q,
                    e,
                    -1,
                    root,
                    table,
                    shift,
                    mask,
                    node_tag,
                    char_tag,
                    tag_m,
                    tag_eng,
                    tag_x,
                )
                m += 1
                q = e
                piece = e
            else:
                q += 1
        if piece < r1:
            starts[m] = piece
            ends[m] = r1
            tags[m] = _tag(
                cps,
                piece,
                r1,
                -1,
                root,
                table,
                shift,
                mask,
                node_tag,
                char_tag,
                tag_m,
                tag_eng,
                tag_x,
            )
            m += 1
    return m


# ----------------------------------------------------------------- posseg mode


def _cut_detail_pos_impl(cps, a, b, starts, ends, tags, m, tag_m, tag_eng, tag_x):
    # pragma: no cover - jit
    """``POSTokenizer.__cut_detail(text[a:b])``; returns the new token count.

    Runs of Han characters (``re_han_detail``) become one placeholder span each
    (tag -1) for jieba.posseg's HMM, decoded afterwards in one batch; the rest
    is split by ``re_skip_detail`` = ``([\\.0-9]+|[a-zA-Z0-9]+)`` (the first
    alternative tried first at each position) and every non-empty piece tagged
    ``m`` (``re_num.match``: starts with ``.`` or a digit), ``eng``
    (``re_eng.match``: starts with an ASCII letter or digit) or ``x``.
    """
    p = a
    while p < b:
        if _HAN_LO <= cps[p] <= _HAN_HI:
            r0 = p
            while p < b and _HAN_LO <= cps[p] <= _HAN_HI:
                p += 1
            starts[m] = r0
            ends[m] = p
            tags[m] = -1
            m += 1
            continue
        r0 = p
        while p < b and not (_HAN_LO <= cps[p] <= _HAN_HI):
            p += 1
        r1 = p
        q = r0
        piece = r0
        while q < r1:
            c = cps[q]
            if c == 46 or 48 <= c <= 57:  # [\.0-9]+
                e = q + 1
                while e < r1 and (cps[e] == 46 or 48 <= cps[e] <= 57):
                    e += 1
                t = tag_m
            elif (65 <= c <= 90) or (97 <= c <= 122):  # [a-zA-Z0-9]+ at a letter
                e = q + 1
                while e < r1 and (
                    (48 <= cps[e] <= 57) or (65 <= cps[e] <= 90) or (97 <= cps[e] <= 122)
                ):
                    e += 1
                t = tag_eng
            else:
                q += 1
                continue
            if piece < q:  # text between matches: only [+#&_] here, neither m nor eng
                starts[m] = piece
                ends[m] = q
                tags[m] = tag_x
                m += 1
            starts[m] = q
            ends[m] = e
            tags[m] = t
            m += 1
            q = e
            piece = e
        if piece < r1:
            starts[m] = piece
            ends[m] = r1
            tags[m] = tag_x
            m += 1
    return m


def _segment_pos_impl(
    cps,
    root,
    table,
    shift,
    freq_pos,
    weight,
    node_tag,
    neg_logtotal,
    block_ascii,
    space,
    tag_m,
    tag_eng,
    tag_x,
):  # pragma: no cover - jit
    """``POSTokenizer.cut(text, HMM=True)`` over code points: ``(starts, ends, tags)``.

    ``block_ascii`` is ``re_han_internal``'s ASCII set (no ``%``/``-``). Tags
    -1 mark runs of Han characters for jieba.posseg's HMM (``__cut``), which
    the caller replaces by the words the HMM finds in them.
    """
    n = cps.shape[0]
    mask = table.shape[0] - 1
    cap = n + 1
    starts = np.empty(cap, dtype=np.int64)
    ends = np.empty(cap, dtype=np.int64)
    tags = np.empty(cap, dtype=np.int32)
    route_val = np.zeros(n + 1, dtype=np.float64)
    route_x = np.empty(n, dtype=np.int64)
    route_node = np.empty(n, dtype=np.int64)
    m = 0
    p = 0
    while p < n:
        c = cps[p]
        in_block = (_HAN_LO <= c <= _HAN_HI) or (c < 128 and block_ascii[c])
        if not in_block:
            # re_skip_internal: whitespace is a token of its own (dropped here); any
            # other character one token, m / eng / x: never m or eng outside a block.
            if not space[c]:
                starts[m] = p
                ends[m] = p + 1
                tags[m] = tag_x
                m += 1
            p += 1
            continue
        a = p
        while p < n:
            c = cps[p]
            if (_HAN_LO <= c <= _HAN_HI) or (c < 128 and block_ascii[c]):
                p += 1
            else:
                break
        b = p
        _route(
            cps,
            a,
            b,
            root,
            table,
            shift,
            mask,
            freq_pos,
            weight,
            neg_logtotal,
            route_val,
            route_x,
            route_node,
        )
        # POSTokenizer.__cut_DAG
        x = a
        buf = -1
        while x <= b:
            if x < b:
                y = route_x[x] + 1
                if y - x == 1:
                    if buf < 0:
                        buf = x
                    x = y
                    continue
            if buf >= 0:
                if x - buf == 1:  # word_tag_tab.get(buf, 'x')
                    node = np.int64(root[cps[buf]])
                    t = node_tag[node] if node >= 0 else -1
                    starts[m] = buf
                    ends[m] = x
                    tags[m] = t if t >= 0 else tag_x
                    m += 1
                else:
                    bnode = _lookup(cps, buf, x, root, table, shift, mask)
                    if bnode >= 0 and freq_pos[bnode]:
                        for j in range(buf, x):
                            node = np.int64(root[cps[j]])
                            t = node_tag[node] if node >= 0 else -1
                            starts[m] = j
                            ends[m] = j + 1
                            tags[m] = t if t >= 0 else tag_x
                            m += 1
                    else:
                        m = _cut_detail_pos(
                            cps, buf, x, starts, ends, tags, m, tag_m, tag_eng, tag_x
                        )
                buf = -1
            if x == b:
                break
            y = route_x[x] + 1
            t = node_tag[route_node[x]]  # a dictionary word of >= 2 characters
            starts[m] = x
            ends[m] = y
            tags[m] = t if t >= 0 else tag_x
            m += 1
            x = y
    return starts[:m].copy(), ends[:m].copy(), tags[:m].copy()


def _hmm_obs_impl(cps, starts, ends, lut, unknown):  # pragma: no cover - jit
    """The posseg HMM's character indices of the runs ``cps[starts[k]:ends[k]]``, and offsets."""
    k_n = starts.shape[0]
    offsets = np.zeros(k_n + 1, dtype=np.int64)
    for k in range(k_n):
        offsets[k + 1] = offsets[k] + ends[k] - starts[k]
    obs = np.empty(offsets[k_n], dtype=np.int64)
    for k in range(k_n):
        o = offsets[k]
        for i in range(starts[k], ends[k]):
            c = cps[i]
            obs[o + i - starts[k]] = lut[c] if c < 0x10000 else unknown
    return obs, offsets


def _posseg_viterbi_many_impl(
    obs,
    offsets,
    allowed_ptr,
    allowed_idx,
    succ_ptr,
    succ_idx,
    has_trans,
    pred_ptr,
    pred_idx,
    trans,
    emit,
    start,
    has_next,
):  # pragma: no cover - jit
    """``jieba.posseg.viterbi.viterbi`` of every run ``obs[offsets[k]:offsets[k + 1]]``.

    Returns ``(routes, ok)`` exactly as ``fastseg``'s ``_viterbi_many_impl``
    (``routes`` the states, ``ok[k]`` False where jieba would find no path), with
    the same float operations in the same order; only faster: buffers are
    allocated once per batch, and a state ``y`` of the character only looks at
    the previous states ``y0`` with ``has_trans[y0, y]`` (``y in trans_p[y0]``):
    the others add ``trans_p[y0].get(y, MIN_INF)`` = -inf and cannot win ``max``
    over ``(prob, y0)`` tuples unless every candidate is -inf, and then the
    largest previous state wins, as in Python. A state no previous state leads
    to is not in ``obs_states``; when none of the character's states is, all
    expected states are scored over all previous states, as jieba does.
    """
    n_runs = offsets.shape[0] - 1
    n = start.shape[0]
    routes = np.empty(obs.shape[0], dtype=np.int64)
    ok = np.ones(n_runs, dtype=np.bool_)
    longest = 1
    for k in range(n_runs):
        longest = max(longest, offsets[k + 1] - offsets[k])
    v = np.empty((longest, n), dtype=np.float64)
    back = np.empty((longest, n), dtype=np.int64)
    cur = np.empty(n, dtype=np.int64)  # states of V[t], ascending
    prev = np.empty(n, dtype=np.int64)
    stamp = np.full(n, -1, dtype=np.int64)  # stamp[y] == step: y is an expected next state
    in_prev = np.full(n, -1, dtype=np.int64)  # in_prev[y] == step: y is a previous state
    neg_inf = -np.inf
    step = 0
    for k in range(n_runs):
        a = offsets[k]
        n_obs = offsets[k + 1] - a
        c0 = obs[a]
        n_cur = 0
        for j in range(allowed_ptr[c0], allowed_ptr[c0 + 1]):
            y = allowed_idx[j]
            v[0, y] = start[y] + emit[c0, y]
            cur[n_cur] = y
            n_cur += 1
        good = True
        for t in range(1, n_obs):
            step += 1
            n_prev = 0
            for j in range(n_cur):
                if has_next[cur[j]]:
                    prev[n_prev] = cur[j]
                    in_prev[cur[j]] = step
                    n_prev += 1
            if n_prev == 0:
                good = False
                break
            # obs_states = the character's states that some previous state leads to
            c = obs[a + t]
            n_cur = 0
            for q in range(allowed_ptr[c], allowed_ptr[c + 1]):
                y = allowed_idx[q]
                best = 0.0
                best_state = -1
                if pred_ptr[y + 1] - pred_ptr[y] < n_prev:
                    # few states lead to y (M/E of a tag: B, M of it): walk those
                    for j in range(pred_ptr[y], pred_ptr[y + 1]):
                        y0 = pred_idx[j]
                        if in_prev[y0] == step:
                            value = v[t - 1, y0] + trans[y0, y] + emit[c, y]
                            if best_state < 0 or value >= best:
                                best = value
                                best_state = y0
                else:
                    for j in range(n_prev):
                        y0 = prev[j]
                        if has_trans[y0, y]:
                            value = v[t - 1, y0] + trans[y0, y] + emit[c, y]
                            if best_state < 0 or value >= best:
                                best = value
                                best_state = y0
                if best_state < 0:
                    continue  # not an expected next state
                if best == neg_inf:
                    best_state = prev[n_prev - 1]  # every candidate is -inf: the largest y0
                cur[n_cur] = y
                n_cur += 1
                v[t, y] = best
                back[t, y] = best_state
            if n_cur == 0:
                # none of the character's states is expected: all expected states (or all)
                n_expect = 0
                for j in range(n_prev):
                    y0 = prev[j]
                    for q in range(succ_ptr[y0], succ_ptr[y0 + 1]):
                        y = succ_idx[q]
                        if stamp[y] != step:
                            stamp[y] = step
                            n_expect += 1
                for y in range(n):
                    if n_expect == 0 or stamp[y] == step:
                        cur[n_cur] = y
                        n_cur += 1
                for q in range(n_cur):
                    y = cur[q]
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
        if not good:
            ok[k] = False
            continue
        best = 0.0
        state = -1
        for j in range(n_cur):
            y = cur[j]
            if state < 0 or v[n_obs - 1, y] >= best:
                best = v[n_obs - 1, y]
                state = y
        for i in range(n_obs - 1, -1, -1):
            routes[a + i] = state
            state = back[i, state]
    return routes, ok


def _splice_impl(starts, ends, tags, ph, run_start, offsets, ws, we, st, ptr, state_tag):
    # pragma: no cover - jit
    """Replace placeholder ``ph[k]`` by the HMM's words ``ptr[k]:ptr[k + 1]`` of run ``k``.

    ``ws``/``we`` are offsets into the concatenated runs (run ``k`` starts at
    ``offsets[k]`` there and at ``run_start[k]`` in the text).
    """
    n = starts.shape[0]
    size = n - ph.shape[0] + ptr[ph.shape[0]]
    o_s = np.empty(size, dtype=np.int64)
    o_e = np.empty(size, dtype=np.int64)
    o_t = np.empty(size, dtype=np.int32)
    m = 0
    k = 0
    for i in range(n):
        if k < ph.shape[0] and ph[k] == i:
            shift = run_start[k] - offsets[k]
            for j in range(ptr[k], ptr[k + 1]):
                o_s[m] = ws[j] + shift
                o_e[m] = we[j] + shift
                o_t[m] = state_tag[st[j]]
                m += 1
            k += 1
        else:
            o_s[m] = starts[i]
            o_e[m] = ends[i]
            o_t[m] = tags[i]
            m += 1
    return o_s, o_e, o_t


def _splice_routes_impl(starts, ends, tags, routes, offsets, bmes, state_tag):
    # pragma: no cover - jit
    """Replace each placeholder (tag -1; run ``k`` = the ``k``-th) by its HMM words.

    The words of run ``k`` are read from ``routes[offsets[k]:offsets[k + 1]]`` as
    ``POSTokenizer.__cut`` reads ``pos_list``: B opens a word, E closes it
    (E's tag), S is a word, and what is left after the last E/S one word with the
    tag of its first state; ``bmes[state]`` is 0 B, 1 M, 2 E, 3 S.
    """
    n = starts.shape[0]
    n_runs = offsets.shape[0] - 1
    size = n - n_runs + offsets[n_runs]
    o_s = np.empty(size, dtype=np.int64)
    o_e = np.empty(size, dtype=np.int64)
    o_t = np.empty(size, dtype=np.int32)
    m = 0
    k = 0
    for i in range(n):
        if tags[i] >= 0:
            o_s[m] = starts[i]
            o_e[m] = ends[i]
            o_t[m] = tags[i]
            m += 1
            continue
        a = offsets[k]
        length = offsets[k + 1] - a
        base = starts[i]
        begin = 0
        nexti = 0
        for r in range(length):
            st = routes[a + r]
            code = bmes[st]
            if code == 0:
                begin = r
            elif code == 2 or code == 3:
                o_s[m] = base + (begin if code == 2 else r)
                o_e[m] = base + r + 1
                o_t[m] = state_tag[st]
                m += 1
                nexti = r + 1
        if nexti < length:
            o_s[m] = base + nexti
            o_e[m] = base + length
            o_t[m] = state_tag[routes[a + nexti]]
            m += 1
        k += 1
    return o_s[:m].copy(), o_e[:m].copy(), o_t[:m].copy()


def _spans_pos_impl(
    cps,
    root,
    table,
    shift,
    freq_pos,
    weight,
    node_tag,
    neg_logtotal,
    block_ascii,
    space,
    tag_m,
    tag_eng,
    tag_x,
    lut,
    unknown,
    allowed_ptr,
    allowed_idx,
    succ_ptr,
    succ_idx,
    has_trans,
    pred_ptr,
    pred_idx,
    trans,
    emit,
    start,
    has_next,
    bmes,
    state_tag,
):  # pragma: no cover - jit
    """The whole posseg mode in one call: segment, decode the HMM runs, splice.

    Returns ``(starts, ends, tags, ok)``; ``ok`` False (the HMM found no path in
    a run, as jieba would fail to) leaves the placeholders in.
    """
    starts, ends, tags = _segment_pos_k(
        cps,
        root,
        table,
        shift,
        freq_pos,
        weight,
        node_tag,
        neg_logtotal,
        block_ascii,
        space,
        tag_m,
        tag_eng,
        tag_x,
    )
    n_ph = 0
    for i in range(tags.shape[0]):
        if tags[i] < 0:
            n_ph += 1
    if n_ph == 0:
        return starts, ends, tags, True
    run_start = np.empty(n_ph, dtype=np.int64)
    run_end = np.empty(n_ph, dtype=np.int64)
    k = 0
    for i in range(tags.shape[0]):
        if tags[i] < 0:
            run_start[k] = starts[i]
            run_end[k] = ends[i]
            k += 1
    obs, offsets = _hmm_obs_k(cps, run_start, run_end, lut, unknown)
    routes, ok = _posseg_viterbi_k(
        obs,
        offsets,
        allowed_ptr,
        allowed_idx,
        succ_ptr,
        succ_idx,
        has_trans,
        pred_ptr,
        pred_idx,
        trans,
        emit,
        start,
        has_next,
    )
    for k in range(n_ph):
        if not ok[k]:
            return starts, ends, tags, False
    o_s, o_e, o_t = _splice_routes_k(starts, ends, tags, routes, offsets, bmes, state_tag)
    return o_s, o_e, o_t, True


_KERNELS: dict | None = None


def _compile() -> dict:
    """The compiled kernels, cached on disk under ``config.cache_dir() / "numba"``.

    As in :func:`bqw_research.fastseg._compile`: numba reads ``NUMBA_CACHE_DIR``
    when it compiles, so it is set for this process unless the user set it.
    """
    global _KERNELS, _hash_slot, _child, _lookup, _tag, _emit_word, _finalseg, _route
    global _cut_detail_pos, _segment_pos_k, _hmm_obs_k, _posseg_viterbi_k, _splice_routes_k
    if _KERNELS is not None:
        return _KERNELS
    os.environ.setdefault("NUMBA_CACHE_DIR", str(config.cache_dir() / "numba"))
    import numba

    def jit(fn, **kw):
        try:
            return numba.njit(cache=True, nogil=True, **kw)(fn)
        except Exception:  # pragma: no cover - e.g. no writable cache: compile in memory
            return numba.njit(nogil=True, **kw)(fn)

    # The helpers are module globals that the kernels call: bind the compiled ones first.
    _hash_slot = jit(_hash_slot_impl)
    _child = jit(_child_impl)
    _lookup = jit(_lookup_impl)
    _tag = jit(_tag_impl, inline="always")  # called for every token
    _emit_word = jit(_emit_word_impl)
    _finalseg = jit(_finalseg_impl)
    _route = jit(_route_impl, inline="always")
    _cut_detail_pos = jit(_cut_detail_pos_impl)
    _segment_pos_k = jit(_segment_pos_impl)
    _hmm_obs_k = jit(_hmm_obs_impl)
    _posseg_viterbi_k = jit(_posseg_viterbi_many_impl)
    _splice_routes_k = jit(_splice_routes_impl)
    _KERNELS = {
        "build": jit(_build_impl),
        "segment": jit(_segment_impl),
        "lookup": _lookup,
        "segment_pos": _segment_pos_k,
        "hmm_obs": _hmm_obs_k,
        "splice": jit(_splice_impl),
        "posseg_viterbi": _posseg_viterbi_k,
        "spans_pos": jit(_spans_pos_impl),
        "layout": jit(_layout_impl),
    }
    return _KERNELS


def _layout_impl(cps, starts, ends, s_start, s_end, s_para, s_num):  # pragma: no cover - jit
    """Tokens (spans of ``cps``) → the columns of a token table, in one pass.

    Returns ``ok`` (every token lies inside one sentence ``[s_start, s_end)``,
    sentences sorted), each token's ``para_id``, ``sent_id`` and ``token_id``
    (1-based within its sentence), and the tokens' UTF-8 bytes one after
    another with their ``offsets`` (an Arrow string array's buffers; lone
    surrogates are encoded as UTF-8 would with ``surrogatepass``).
    """
    n = starts.shape[0]
    n_sent = s_start.shape[0]
    para = np.empty(n, dtype=np.int64)
    sent = np.empty(n, dtype=np.int64)
    tid = np.empty(n, dtype=np.int64)
    offsets = np.zeros(n + 1, dtype=np.int64)
    size = 0
    for i in range(n):
        for k in range(starts[i], ends[i]):
            c = cps[k]
            size += 1 if c < 0x80 else (2 if c < 0x800 else (3 if c < 0x10000 else 4))
    data = np.empty(size, dtype=np.uint8)
    j = 0  # current sentence
    last = -1
    count = 0
    pos = 0
    for i in range(n):
        a = starts[i]
        b = ends[i]
        while j < n_sent and s_end[j] <= a:
            j += 1
        if j >= n_sent or a < s_start[j] or b > s_end[j]:
            return False, para, sent, tid, offsets, data
        if j != last:
            last = j
            count = 0
        count += 1
        para[i] = s_para[j]
        sent[i] = s_num[j]
        tid[i] = count
        for k in range(a, b):
            c = cps[k]
            if c < 0x80:
                data[pos] = c
                pos += 1
            elif c < 0x800:
                data[pos] = 0xC0 | (c >> 6)
                data[pos + 1] = 0x80 | (c & 0x3F)
                pos += 2
            elif c < 0x10000:
                data[pos] = 0xE0 | (c >> 12)
                data[pos + 1] = 0x80 | ((c >> 6) & 0x3F)
                data[pos + 2] = 0x80 | (c & 0x3F)
                pos += 3
            else:
                data[pos] = 0xF0 | (c >> 18)
                data[pos + 1] = 0x80 | ((c >> 12) & 0x3F)
                data[pos + 2] = 0x80 | ((c >> 6) & 0x3F)
                data[pos + 3] = 0x80 | (c & 0x3F)
                pos += 4
        offsets[i + 1] = pos
    return True, para, sent, tid, offsets, data


def layout_tokens(
    text: str,
    starts: np.ndarray,
    ends: np.ndarray,
    s_start: np.ndarray,
    s_end: np.ndarray,
    s_para: np.ndarray,
    s_num: np.ndarray,
):
    """The token-table columns of ``text``'s tokens (see :func:`_layout_impl`), compiled."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _compile()["layout"](
        cps,
        np.ascontiguousarray(starts, dtype=np.int64),
        np.ascontiguousarray(ends, dtype=np.int64),
        np.ascontiguousarray(s_start, dtype=np.int64),
        np.ascontiguousarray(s_end, dtype=np.int64),
        np.ascontiguousarray(s_para, dtype=np.int64),
        np.ascontiguousarray(s_num, dtype=np.int64),
    )


_hash_slot = _child = _lookup = _tag = _emit_word = _finalseg = _route = _cut_detail_pos = None
_segment_pos_k = _hmm_obs_k = _posseg_viterbi_k = _splice_routes_k = None


# --------------------------------------------------------------------------- segmenter


class JitSegmenter:
    """``Tokenizer.cut`` (``spans``) and ``POSTokenizer.cut`` (``spans_pos``), HMM=True, as spans.

    Compiled and exact; see the module docstring.
    """

    def __init__(self, tokenizer: jieba.Tokenizer, pos_tokenizer: jieba.posseg.POSTokenizer):
        from .fastseg import PossegHMM

        kernels = _compile()
        tokenizer.check_initialized()
        pos_tokenizer.makesure_userdict_loaded()
        freq: dict[str, int] = tokenizer.FREQ
        tag_tab: dict[str, str] = pos_tokenizer.word_tag_tab
        self.hmm = PossegHMM(pos_tokenizer)
        names = sorted(set(tag_tab.values()) | {"m", "eng", "x"} | set(self.hmm.tag_names))
        self.tag_names: list[str] = names
        tag_id = {t: i for i, t in enumerate(names)}
        self._tag_m, self._tag_eng, self._tag_x = tag_id["m"], tag_id["eng"], tag_id["x"]
        self._tag_id = tag_id
        self._hmm_memo: dict[str, int] = {}

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
        # the tag of each one-character token: the dictionary's, else m / eng / x
        char_tag = np.full(_MAX_CP, self._tag_x, dtype=np.int32)
        char_tag[ord("0") : ord("9") + 1] = self._tag_m
        char_tag[ord("a") : ord("z") + 1] = self._tag_eng
        char_tag[ord("A") : ord("Z") + 1] = self._tag_eng
        has_node = np.flatnonzero(root >= 0)
        own = node_tag[root[has_node]]
        char_tag[has_node[own >= 0]] = own[own >= 0]
        self._char_tag = char_tag
        self._has_force = bool(force_words)
        self._neg_logtotal = log(1) - logtotal

        block_ascii = np.zeros(128, dtype=np.bool_)
        block_ascii[[ord(c) for c in _BLOCK_ASCII]] = True
        self._block_ascii = block_ascii
        self._space = _space_table()
        fs = jieba.finalseg
        order = "BMES"
        self._fs_start = np.array([fs.start_P[s] for s in order], dtype=np.float64)
        self._fs_trans = np.array(
            [[fs.trans_P[s0].get(s1, fs.MIN_FLOAT) for s1 in order] for s0 in order],
            dtype=np.float64,
        )
        emit = np.full((_HAN_HI - _HAN_LO + 1, 4), fs.MIN_FLOAT, dtype=np.float64)
        for j, s in enumerate(order):
            for ch, value in fs.emit_P[s].items():
                if _HAN_LO <= ord(ch) <= _HAN_HI:
                    emit[ord(ch) - _HAN_LO, j] = value
        self._fs_emit = emit
        self._segment = kernels["segment"]
        self.n_nodes = n_nodes
        # posseg mode: re_han_internal's blocks, and the HMM's states as tag ids
        block_ascii_pos = np.zeros(128, dtype=np.bool_)
        block_ascii_pos[[ord(c) for c in _BLOCK_ASCII_POS]] = True
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
        self._pos_args = (
            self._root,
            self._table,
            self._shift,
            self._freq_pos,
            self._weight,
            self._node_tag,
            self._neg_logtotal,
            self._block_ascii_pos,
            self._space,
            self._tag_m,
            self._tag_eng,
            self._tag_x,
            tb.lut,
            tb.unknown,
            *self._viterbi_args,
            self.hmm.bmes,
            self._state_tag,
        )

    def nbytes(self) -> int:
        """Memory held by the dictionary arrays."""
        arrays = (self._root, self._table, self._weight, self._freq_pos, self._node_tag)
        more = (self._char_tag, self._force, self._space, self._fs_emit)
        return sum(a.nbytes for a in (*arrays, *more))

    def _raw(self, cps: np.ndarray):
        return self._segment(
            cps,
            self._root,
            self._table,
            self._shift,
            self._freq_pos,
            self._weight,
            self._node_tag,
            self._char_tag,
            self._force,
            self._has_force,
            self._neg_logtotal,
            self._block_ascii,
            self._space,
            self._fs_start,
            self._fs_trans,
            self._fs_emit,
            self._tag_m,
            self._tag_eng,
            self._tag_x,
        )

    def spans(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``starts``, ``ends`` (int64 code-point offsets) and tag ids of ``cut(text, HMM=True)``.

        Whitespace tokens are left out; see the module docstring for the tags.
        """
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        starts, ends, tags = self._raw(cps)
        hmm = np.flatnonzero(tags < 0)
        if hmm.size:
            words = [
                text[a:b] for a, b in zip(starts[hmm].tolist(), ends[hmm].tolist(), strict=True)
            ]
            memo = self._hmm_memo
            missing = [w for w in dict.fromkeys(words) if w not in memo]
            if missing:
                if len(memo) + len(missing) > _HMM_MEMO_SIZE:
                    memo.clear()
                tag_id, x = self._tag_id, self._tag_x
                for w, t in zip(missing, self.hmm.whole_word_tags(missing), strict=True):
                    memo[w] = x if t is None else tag_id[t]
            tags[hmm] = [memo[w] for w in words]
        return starts, ends, tags

    def cut(self, text: str) -> list[str]:
        """The tokens as strings (for tests and small texts)."""
        starts, ends, _ = self.spans(text)
        return [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]

    def cut_tags(self, text: str) -> list[tuple[str, str]]:
        """``(token, tag)`` pairs (for tests and small texts)."""
        starts, ends, tags = self.spans(text)
        names = self.tag_names
        return [
            (text[a:b], names[t])
            for a, b, t in zip(starts.tolist(), ends.tolist(), tags.tolist(), strict=True)
        ]

    # ------------------------------------------------------------- posseg mode

    def _raw_pos(self, cps: np.ndarray):
        return self._segment_pos(
            cps,
            self._root,
            self._table,
            self._shift,
            self._freq_pos,
            self._weight,
            self._node_tag,
            self._neg_logtotal,
            self._block_ascii_pos,
            self._space,
            self._tag_m,
            self._tag_eng,
            self._tag_x,
        )

    def spans_pos(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``starts``, ``ends`` (int64 code-point offsets) and tag ids (into :attr:`tag_names`) of
        ``[(w, t) for w, t in pos_tokenizer.cut(text, HMM=True) if not w.isspace()]`` — exactly.
        """
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        starts, ends, tags, ok = self._spans_pos_all(cps, *self._pos_args)
        if ok:
            return starts, ends, tags
        return self._spans_pos_steps(text, cps)  # pragma: no cover - see _python_runs

    def _spans_pos_steps(self, text: str, cps: np.ndarray):
        """``spans_pos`` step by step (one compiled call each; ``fastseg``'s decode), with
        jieba's own ``__cut_detail`` for a run the compiled HMM finds no path in."""
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
                for p in self.hmm._python(run):
                    n_ws.append(pos)
                    n_we.append(pos + len(p.word))
                    n_st.append(state_of[p.flag])
                    pos += len(p.word)
            n_ptr.append(len(n_ws))
        as64 = lambda v: np.asarray(v, dtype=np.int64)  # noqa: E731
        return as64(n_ws), as64(n_we), as64(n_st), as64(n_ptr)

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
    space = np.zeros(_MAX_CP, dtype=np.bool_)
    space[[c for c in range(_MAX_CP) if chr(c).isspace()]] = True
    return space


@lru_cache(maxsize=1)
def get_jit_segmenter() -> JitSegmenter:
    """The segmenter over :func:`bqw_research.tokens.get_tokenizer`, built once per process."""
    from .tokens import get_pos_tokenizer, get_tokenizer

    return JitSegmenter(get_tokenizer(), get_pos_tokenizer())
