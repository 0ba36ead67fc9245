"""Compiled kernels of jieba's ``Tokenizer.cut``: the dictionary trie and cut mode.

Written as plain Python over numpy arrays and compiled with numba by
:func:`compile_kernels` (see :mod:`bqw_research.tokens.compiled.segmenter` for
the contract and how jieba is reproduced).
"""

from __future__ import annotations

import numpy as np

MAX_CP = 0x110000
HAN_LO = 0x4E00
HAN_HI = 0x9FD5
#: ASCII characters of jieba's ``re_han_default`` blocks (besides Han).
BLOCK_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-"
#: ASCII characters of jieba.posseg's ``re_han_internal`` blocks (no ``%``, ``-``).
BLOCK_ASCII_POS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._"
_CP_BITS = 21  # code points fit in 21 bits: hash key = node << 21 | cp
_HASH_MUL = 0x9E3779B97F4A7C15


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
    root = np.full(MAX_CP, -1, dtype=np.int32)
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


def _route_impl(cps, a, b, dic, route_val, route_x, route_node):  # pragma: no cover - jit
    """``get_DAG`` + ``calc`` of the block ``cps[a:b]``, fused, right to left.

    ``dic`` is the dictionary ``(root, table, shift, freq_pos, weight,
    neg_logtotal)``. Fills ``route_val[a:b + 1]``, ``route_x[a:b]`` (the last
    index of the best first word from each position) and ``route_node[a:b]``
    (its trie node, -1 for a character outside the dictionary).
    """
    root, table, shift, freq_pos, weight, neg_logtotal = dic
    mask = table.shape[0] - 1
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


def _block_end_impl(cps, p, block_ascii):  # pragma: no cover - jit
    """The end of the block that starts at ``p`` (0 length: ``cps[p]`` is outside any).

    A block is a maximal run of Han characters (U+4E00..U+9FD5) and the ASCII
    characters ``block_ascii`` marks (jieba's ``re_han_default`` /
    jieba.posseg's ``re_han_internal``).
    """
    n = cps.shape[0]
    q = p
    while q < n:
        c = cps[q]
        if (HAN_LO <= c <= HAN_HI) or (c < 128 and block_ascii[c]):
            q += 1
        else:
            break
    return q


def _run_end_impl(cps, p, b, han):  # pragma: no cover - jit
    """The end (at most ``b``) of the run from ``p`` of Han characters (``han``) or of others."""
    while p < b and (HAN_LO <= cps[p] <= HAN_HI) == han:
        p += 1
    return p


def _dag_segments_impl(route_x, a, b, seg_a, seg_b, seg_buf):  # pragma: no cover - jit
    """``__cut_DAG``'s walk over the best route of the block ``[a, b)``: its words.

    Fills ``seg_a``/``seg_b`` with the route's words in order and ``seg_buf``
    with whether a piece is a gathered run of one-character steps (``buf``,
    which jieba then keeps, splits or hands to its HMM) rather than one route
    word of two or more characters. Returns the number of pieces.
    """
    k = 0
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
            seg_a[k] = buf
            seg_b[k] = x
            seg_buf[k] = True
            k += 1
            buf = -1
        if x == b:
            break
        y = route_x[x] + 1
        seg_a[k] = x
        seg_b[k] = y
        seg_buf[k] = False
        k += 1
        x = y
    return k


def _segment_impl(cps, dic, force, has_force, block_ascii, space, hmm):  # pragma: no cover - jit
    """``Tokenizer.cut(text, HMM=True)`` over code points: ``(starts, ends)``.

    ``hmm`` is finalseg's ``(start, trans, emit)``.
    """
    root, table, shift = dic[0], dic[1], dic[2]
    freq_pos = dic[3]
    mask = table.shape[0] - 1
    n = cps.shape[0]
    # every token ends at its own position (finalseg's B/M/E/S grammar included)
    starts = np.empty(n + 1, dtype=np.int64)
    ends = np.empty(n + 1, dtype=np.int64)
    route_val = np.zeros(n + 1, dtype=np.float64)
    route_x = np.empty(n, dtype=np.int64)
    route_node = np.empty(n, dtype=np.int64)
    seg_a = np.empty(n + 1, dtype=np.int64)
    seg_b = np.empty(n + 1, dtype=np.int64)
    seg_buf = np.empty(n + 1, dtype=np.bool_)
    back = np.empty((n + 1, 4), dtype=np.int64)
    states = np.empty(n + 1, dtype=np.int64)
    m = 0
    p = 0
    while p < n:
        b = _block_end(cps, p, block_ascii)
        if b == p:  # outside every block: one token, whitespace dropped
            if not space[cps[p]]:
                starts[m] = p
                ends[m] = p + 1
                m += 1
            p += 1
            continue
        _route(cps, p, b, dic, route_val, route_x, route_node)
        for s in range(_dag_segments(route_x, p, b, seg_a, seg_b, seg_buf)):
            sa, sb = seg_a[s], seg_b[s]
            if not seg_buf[s] or sb - sa == 1:
                starts[m] = sa
                ends[m] = sb
                m += 1
                continue
            node = _lookup(cps, sa, sb, root, table, shift, mask)
            if node >= 0 and freq_pos[node]:  # a dictionary word: one token per character
                for j in range(sa, sb):
                    starts[m] = j
                    ends[m] = j + 1
                    m += 1
            else:
                m = _finalseg(
                    cps, sa, sb, starts, ends, m, back, states, hmm, dic, force, has_force
                )
        p = b
    return starts[:m].copy(), ends[:m].copy()


def _emit_word_impl(cps, a, b, starts, ends, m, dic, force, has_force):  # pragma: no cover - jit
    """One HMM word ``cps[a:b]`` (split into characters when it is a Force_Split_Word)."""
    if has_force:
        node = _lookup(cps, a, b, dic[0], dic[1], dic[2], dic[1].shape[0] - 1)
        if node >= 0 and force[node]:
            for j in range(a, b):
                starts[m] = j
                ends[m] = j + 1
                m += 1
            return m
    starts[m] = a
    ends[m] = b
    return m + 1


def _pick_impl(va, a, vb, b):  # pragma: no cover - jit
    """``max`` over ``(value, state)`` of two candidates: a tie goes to the larger state."""
    if va > vb or (va == vb and a > b):
        return va, a
    return vb, b


def _finalseg_impl(
    cps, a, b, starts, ends, m, back, states, hmm, dic, force, has_force
):  # pragma: no cover - jit
    """``jieba.finalseg.cut(text[a:b])``; returns the new token count."""
    fs_start, fs_trans, fs_emit = hmm
    p = a
    while p < b:
        r0 = p
        if HAN_LO <= cps[p] <= HAN_HI:
            r1 = p = _run_end(cps, p, b, True)
            length = r1 - r0
            # viterbi(obs, 'BMES', start_P, trans_P, emit_P), unrolled over the 4 states
            # (0 B, 1 M, 2 E, 3 S). V[t][y] = max((V[t-1][y0] + trans[y0][y] + emit[y], y0)
            # for y0 in PrevStatus[y]): the same additions in the same order, a tie to the
            # larger letter (B < E < M < S; here also the larger index).
            e = cps[r0] - HAN_LO
            v_b = fs_start[0] + fs_emit[e, 0]
            v_m = fs_start[1] + fs_emit[e, 1]
            v_e = fs_start[2] + fs_emit[e, 2]
            v_s = fs_start[3] + fs_emit[e, 3]
            for t in range(1, length):
                e = cps[r0 + t] - HAN_LO
                em = fs_emit[e, 0]  # B <- E, S
                n_b, back[t, 0] = _pick(v_e + fs_trans[2, 0] + em, 2, v_s + fs_trans[3, 0] + em, 3)
                em = fs_emit[e, 1]  # M <- M, B
                n_m, back[t, 1] = _pick(v_m + fs_trans[1, 1] + em, 1, v_b + fs_trans[0, 1] + em, 0)
                em = fs_emit[e, 2]  # E <- B, M
                n_e, back[t, 2] = _pick(v_b + fs_trans[0, 2] + em, 0, v_m + fs_trans[1, 2] + em, 1)
                em = fs_emit[e, 3]  # S <- S, E
                n_s, back[t, 3] = _pick(v_s + fs_trans[3, 3] + em, 3, v_e + fs_trans[2, 3] + em, 2)
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
                elif s == 2 or s == 3:
                    first = r0 + begin if s == 2 else r0 + i
                    m = _emit_word(cps, first, r0 + i + 1, starts, ends, m, dic, force, has_force)
                    nexti = i + 1
            if nexti < length:
                m = _emit_word(cps, r0 + nexti, r1, starts, ends, m, dic, force, has_force)
            continue
        # a non-Han run: re_skip = ([a-zA-Z0-9]+(?:\.\d+)?%?), every non-empty piece a token
        r1 = p = _run_end(cps, p, b, False)
        q = r0
        piece = r0
        while q < r1:
            c = cps[q]
            if (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122):
                if piece < q:
                    starts[m] = piece
                    ends[m] = q
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
                m += 1
                q = e
                piece = e
            else:
                q += 1
        if piece < r1:
            starts[m] = piece
            ends[m] = r1
            m += 1
    return m


def _unbound(*args):  # pragma: no cover - replaced by compile_kernels
    raise RuntimeError("kernels not compiled: call compile_kernels first")


_hash_slot = _child = _lookup = _route = _block_end = _dag_segments = _run_end = _unbound
_emit_word = _finalseg = _pick = _unbound


def compile_kernels(jit) -> dict:
    """Compile this module's kernels with ``jit`` and bind the helpers they call."""
    global _hash_slot, _child, _lookup, _route, _block_end, _dag_segments, _run_end
    global _emit_word, _finalseg, _pick
    _hash_slot = jit(_hash_slot_impl)
    _child = jit(_child_impl)
    _lookup = jit(_lookup_impl)
    _route = jit(_route_impl, inline="always")
    _block_end = jit(_block_end_impl)
    _dag_segments = jit(_dag_segments_impl)
    _run_end = jit(_run_end_impl, inline="always")
    _pick = jit(_pick_impl, inline="always")
    _emit_word = jit(_emit_word_impl)
    _finalseg = jit(_finalseg_impl)
    return {
        "build": jit(_build_impl),
        "segment": jit(_segment_impl),
        "lookup": _lookup,
        "route": _route,
        "block_end": _block_end,
        "dag_segments": _dag_segments,
        "run_end": _run_end,
    }
