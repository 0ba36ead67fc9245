"""Compiled kernels of jieba.posseg's ``POSTokenizer.cut``: blocks, DAG, the HMM, splicing.

See :mod:`bqw_research.tokens.compiled.segmenter` for the contract and how
jieba.posseg is reproduced; :func:`compile_kernels` compiles them with numba.
"""

from __future__ import annotations

import numpy as np

from bqw_research.tokens.compiled.kernels import HAN_HI, HAN_LO


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
        r0 = p
        if HAN_LO <= cps[p] <= HAN_HI:
            p = _run_end(cps, p, b, True)
            starts[m] = r0
            ends[m] = p
            tags[m] = -1
            m += 1
            continue
        r1 = p = _run_end(cps, p, b, False)
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


def _segment_pos_impl(cps, dic, node_tag, block_ascii, space, tag_ids):  # pragma: no cover - jit
    """``POSTokenizer.cut(text, HMM=True)`` over code points: ``(starts, ends, tags)``.

    ``block_ascii`` is ``re_han_internal``'s ASCII set (no ``%``/``-``);
    ``tag_ids`` the ids of ``(m, eng, x)``. Tags -1 mark runs of Han characters
    for jieba.posseg's HMM (``__cut``), which the caller replaces by the words
    the HMM finds in them.
    """
    root, table, shift, freq_pos = dic[0], dic[1], dic[2], dic[3]
    tag_m, tag_eng, tag_x = tag_ids
    mask = table.shape[0] - 1
    n = cps.shape[0]
    starts = np.empty(n + 1, dtype=np.int64)
    ends = np.empty(n + 1, dtype=np.int64)
    tags = np.empty(n + 1, dtype=np.int32)
    route_val = np.zeros(n + 1, dtype=np.float64)
    route_x = np.empty(n, dtype=np.int64)
    route_node = np.empty(n, dtype=np.int64)
    seg_a = np.empty(n + 1, dtype=np.int64)
    seg_b = np.empty(n + 1, dtype=np.int64)
    seg_buf = np.empty(n + 1, dtype=np.bool_)
    m = 0
    p = 0
    while p < n:
        b = _block_end(cps, p, block_ascii)
        if b == p:
            # re_skip_internal: whitespace is a token of its own (dropped here); any
            # other character one token, m / eng / x: never m or eng outside a block.
            if not space[cps[p]]:
                starts[m] = p
                ends[m] = p + 1
                tags[m] = tag_x
                m += 1
            p += 1
            continue
        _route(cps, p, b, dic, route_val, route_x, route_node)
        # POSTokenizer.__cut_DAG
        for s in range(_dag_segments(route_x, p, b, seg_a, seg_b, seg_buf)):
            sa, sb = seg_a[s], seg_b[s]
            if not seg_buf[s]:  # a dictionary word of >= 2 characters
                t = node_tag[route_node[sa]]
                starts[m] = sa
                ends[m] = sb
                tags[m] = t if t >= 0 else tag_x
                m += 1
                continue
            node = _lookup(cps, sa, sb, root, table, shift, mask)
            if sb - sa == 1 or (node >= 0 and freq_pos[node]):
                # word_tag_tab.get(char, 'x') for each character
                for j in range(sa, sb):
                    char = np.int64(root[cps[j]])
                    t = node_tag[char] if char >= 0 else -1
                    starts[m] = j
                    ends[m] = j + 1
                    tags[m] = t if t >= 0 else tag_x
                    m += 1
            else:
                m = _cut_detail_pos(cps, sa, sb, starts, ends, tags, m, tag_m, tag_eng, tag_x)
        p = b
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

    Returns ``(routes, ok)`` (``routes`` the states, ``ok[k]`` False where jieba
    would find no path), with jieba's float operations in jieba's order; only faster: buffers are
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


def _spans_pos_impl(cps, dic, node_tag, block_ascii, space, tag_ids, hmm):
    # pragma: no cover - jit
    """The whole posseg mode in one call: segment, decode the HMM runs, splice.

    ``hmm`` is ``(lut, unknown, the 11 Viterbi tables, bmes, state_tag)``.
    Returns ``(starts, ends, tags, ok)``; ``ok`` False (the HMM found no path in
    a run, as jieba would fail to) leaves the placeholders in.
    """
    starts, ends, tags = _segment_pos_k(cps, dic, node_tag, block_ascii, space, tag_ids)
    ph = np.flatnonzero(tags < 0)
    if ph.shape[0] == 0:
        return starts, ends, tags, True
    run_start, run_end = starts[ph], ends[ph]
    obs, offsets = _hmm_obs_k(cps, run_start, run_end, hmm[0], hmm[1])
    routes, ok = _posseg_viterbi_k(
        obs,
        offsets,
        hmm[2],
        hmm[3],
        hmm[4],
        hmm[5],
        hmm[6],
        hmm[7],
        hmm[8],
        hmm[9],
        hmm[10],
        hmm[11],
        hmm[12],
    )
    if not ok.all():
        return starts, ends, tags, False
    ws, we, st, ptr = _decode(routes, offsets, ok, hmm[13])
    o_s, o_e, o_t = _splice(starts, ends, tags, ph, run_start, offsets, ws, we, st, ptr, hmm[14])
    return o_s, o_e, o_t, True


def _unbound(*args):  # pragma: no cover - replaced by compile_kernels
    raise RuntimeError("kernels not compiled: call compile_kernels first")


_lookup = _route = _block_end = _dag_segments = _run_end = _decode = _unbound
_cut_detail_pos = _segment_pos_k = _hmm_obs_k = _posseg_viterbi_k = _splice = _unbound


def compile_kernels(jit, *, shared: dict) -> dict:
    """Compile this module's kernels with ``jit``; ``shared`` holds compiled helpers of
    :mod:`bqw_research.tokens.compiled.kernels` (``lookup``, ``route``, ``block_end``,
    ``dag_segments``, ``run_end``) and ``decode`` (:func:`bqw_research.tokens.compiled.hmm.decode_routes`)."""
    global _lookup, _route, _block_end, _dag_segments, _run_end, _decode
    global _cut_detail_pos, _segment_pos_k, _hmm_obs_k, _posseg_viterbi_k, _splice
    _lookup, _route = shared["lookup"], shared["route"]
    _block_end, _dag_segments = shared["block_end"], shared["dag_segments"]
    _run_end = shared["run_end"]
    _decode = shared["decode"]
    _cut_detail_pos = jit(_cut_detail_pos_impl)
    _segment_pos_k = jit(_segment_pos_impl)
    _hmm_obs_k = jit(_hmm_obs_impl)
    _posseg_viterbi_k = jit(_posseg_viterbi_many_impl)
    _splice = jit(_splice_impl)
    return {
        "segment_pos": _segment_pos_k,
        "hmm_obs": _hmm_obs_k,
        "splice": _splice,
        "posseg_viterbi": _posseg_viterbi_k,
        "spans_pos": jit(_spans_pos_impl),
    }
