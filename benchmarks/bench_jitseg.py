"""CPU seconds per MB of ``JitSegmenter.spans``/``spans_pos`` vs jieba-rs (FastEngine) vs jieba.

Texts: each article of ``--corpus`` (default: ``../shared/corpus``, else
``data/raw``; recursive ``*.md``/``*.html``/``*.txt``) read with
``read_text_file``, parsed with ``parse_document`` and its paragraph texts
joined with ``"\\n"`` as the ingest does; or a JSON list of strings with
``--texts``. Every engine runs in this one process over the same texts, timed
with ``time.process_time`` (start-up excluded, printed apart). Also printed:
the share of texts and of tokens identical to ``get_tokenizer().lcut`` (the
reference: jieba with the domain lexicon) minus whitespace, and how the tags
differ from ``FastEngine.cut_fast_lists`` where the tokens agree.

Posseg mode: ``spans_pos`` next to ``FastEngine.cut_pos_lists`` (the exact
"rjieba" engine) and ``get_pos_tokenizer().cut(text, HMM=True)`` itself (the
reference, ~1.5 CPU-s/MB; ``--no-posseg`` skips it and compares with
``cut_pos_lists`` instead), with the share of texts and of ``(token, tag)`` at
the same place identical to the reference.

    .venv/bin/python benchmarks/bench_jitseg.py --corpus /tmp/bqw-bench-XXXX/corpus
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np


def load_texts(args) -> list[str]:
    if args.texts:
        return json.loads(Path(args.texts).read_text())
    from bqw_research.io import read_text_file
    from bqw_research.parse import parse_document

    from bqw_research import config

    root = Path(args.corpus) if args.corpus else None
    if root is None:
        root = config.SHARED_CORPUS if config.SHARED_CORPUS.is_dir() else config.RAW_DIR
    texts = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in (".md", ".html", ".htm", ".txt") or not path.is_file():
            continue
        raw = read_text_file(path)
        kind = "html" if path.suffix.lower() in (".html", ".htm") else "markdown"
        parsed = parse_document(raw.text, kind=kind)
        texts.append("\n".join(p.text for p in parsed.paragraphs))
    return texts


def timed(fn, texts) -> tuple[float, list]:
    cpu = time.process_time()
    out = [fn(t) for t in texts]
    return time.process_time() - cpu, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="folder of articles")
    ap.add_argument("--texts", help="JSON list of cleaned texts instead of --corpus")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs for spans() (default 3)")
    ap.add_argument("--no-lcut", action="store_true", help="skip jieba.lcut (slow: ~0.7 CPU-s/MB)")
    ap.add_argument(
        "--no-posseg",
        action="store_true",
        help="skip jieba.posseg (slow: ~1.5 CPU-s/MB); compare spans_pos with cut_pos_lists",
    )
    ap.add_argument("--no-plain", action="store_true", help="posseg mode only (skip spans)")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    texts = load_texts(args)
    mb = sum(len(x.encode("utf-8")) for x in texts) / 1e6
    chars = sum(map(len, texts))
    print(
        f"{len(texts)} texts, {mb:.2f} MB of text (UTF-8), {chars:,} characters ({time.perf_counter() - t:.1f} s to load)"
    )

    from bqw_research.jitseg import JitSegmenter

    from bqw_research.tokens import get_fast_engine, get_pos_tokenizer, get_tokenizer

    t = time.perf_counter()
    tk, ptk = get_tokenizer(), get_pos_tokenizer()
    ptk.makesure_userdict_loaded()
    t_jieba = time.perf_counter() - t
    t = time.perf_counter()
    seg = JitSegmenter(tk, ptk)
    seg.spans("严於信在韶关 warm-up 3.5%")
    seg.spans_pos("严於信在韶关 warm-up 3.5% 王瑞军")
    t_jit = time.perf_counter() - t
    t = time.perf_counter()
    fast = get_fast_engine()
    fast.cut_fast_lists("严於信在韶关")
    fast.cut_pos_lists("严於信在韶关 王瑞军")
    t_fast = time.perf_counter() - t
    print(
        f"start-up: jieba tokenizer + lexicon {t_jieba:.2f} s; JitSegmenter {t_jit:.2f} s "
        f"(arrays {seg.nbytes() / 1e6:.0f} MB, {seg.n_nodes:,} trie nodes); FastEngine {t_fast:.2f} s"
    )

    if not args.no_plain:
        plain(args, texts, mb, seg, fast, tk)
    posseg_mode(args, texts, mb, seg, fast, ptk)
    return 0


def plain(args, texts, mb, seg, fast, tk) -> None:
    """``spans`` (jieba.cut's tokens) vs ``cut_fast_lists`` vs ``lcut``."""
    rows = []
    cold = best = None
    for _ in range(max(1, args.repeat)):
        seg._hmm_memo.clear()
        cpu, spans = timed(seg.spans, texts)
        cold = cpu if cold is None else min(cold, cpu)  # the memo starts empty
        cpu, spans = timed(seg.spans, texts)
        best = cpu if best is None else min(best, cpu)  # every HMM word's tag remembered
    n_jit = sum(len(s[0]) for s in spans)

    def no_memo(text):
        seg._hmm_memo.clear()
        return seg.spans(text)

    cpu_no_memo, _ = timed(no_memo, texts)
    cps = [np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) for t in texts]
    kernel = min(timed(seg._raw, cps)[0] for _ in range(max(1, args.repeat)))
    rows.append(("JitSegmenter.spans (HMM-tag memo empty)", cold, n_jit))
    rows.append(("JitSegmenter.spans (memo warm)", best, n_jit))
    rows.append(("JitSegmenter.spans (memo cleared per text)", cpu_no_memo, n_jit))
    rows.append(("  of which the compiled kernel", kernel, n_jit))
    cpu, fast_out = timed(fast.cut_fast_lists, texts)
    rows.append(("FastEngine.cut_fast_lists (rjieba)", cpu, sum(len(w) for w, _ in fast_out)))
    ref = None
    if not args.no_lcut:
        cpu, ref = timed(tk.lcut, texts)
        rows.append(("jieba lcut (tokenizer with lexicon)", cpu, sum(map(len, ref))))

    print(f"\n{'engine':40} {'CPU s':>8} {'CPU s/MB':>9} {'tokens':>11}")
    for name, cpu, n in rows:
        print(f"{name:40} {cpu:8.3f} {cpu / mb:9.4f} {n:11,}")
    print(
        f"(spans: best of {args.repeat}; target <= 0.03 CPU-s/MB. HMM words' tags are remembered "
        "per process: 'memo empty' = one pass from an empty memo, 'cleared per text' = no reuse "
        "across texts at all, the bound for a corpus of all-different articles)"
    )

    if ref is not None:
        same_texts = same_tokens = total = 0
        for text, (a, b, _), r in zip(texts, spans, ref, strict=True):
            want = [w for w in r if not w.isspace()]
            got = [text[i:j] for i, j in zip(a.tolist(), b.tolist(), strict=True)]
            total += len(want)
            if got == want:
                same_texts += 1
                same_tokens += len(want)
            else:
                same_tokens += len(set(_offsets(got)) & set(_offsets(want)))
        print(
            f"\nidentical to jieba lcut (lexicon, whitespace dropped): {same_texts}/{len(texts)} texts, "
            f"{same_tokens:,}/{total:,} tokens ({100 * same_tokens / max(total, 1):.3f} %)"
        )

    # tags vs the fast engine, where both give the same token at the same place
    names = seg.tag_names
    diff: Counter = Counter()
    examples: dict = {}
    compared = agree = 0
    for text, (a, b, tg), (words, tags) in zip(texts, spans, fast_out, strict=True):
        mine = {
            (i, j): names[t] for i, j, t in zip(a.tolist(), b.tolist(), tg.tolist(), strict=True)
        }
        pos = 0
        for w, t in zip(words, tags, strict=True):
            i = text.index(w, pos)
            pos = i + len(w)
            mt = mine.get((i, pos))
            if mt is None:
                continue
            compared += 1
            if mt == t:
                agree += 1
            else:
                diff[(t, mt)] += 1
                examples.setdefault((t, mt), Counter())[w] += 1
    print(
        f"tags vs FastEngine.cut_fast_lists on {compared:,} shared tokens: "
        f"{agree:,} equal ({100 * agree / max(compared, 1):.3f} %)"
    )
    to_x = sum(n for (_, t_jit), n in diff.items() if t_jit == "x")
    print(
        f"  of the differences, {to_x:,} are x here (a word the rules do not tag) and {sum(diff.values()) - to_x:,} other"
    )
    for (t_fast_tag, t_jit), n in diff.most_common(16):
        ex = ", ".join(w for w, _ in examples[(t_fast_tag, t_jit)].most_common(5))
        print(f"  fast {t_fast_tag!r:7} jit {t_jit!r:7} {n:7,}  e.g. {ex}")


def posseg_mode(args, texts, mb, seg, fast, ptk) -> None:
    """``spans_pos`` vs ``FastEngine.cut_pos_lists`` vs ``jieba.posseg``, and identity."""
    print("\n--- posseg mode: tokens and tags of POSTokenizer.cut(text, HMM=True) ---")
    rows = []
    best = None
    for _ in range(max(1, args.repeat)):
        cpu, spans = timed(seg.spans_pos, texts)
        best = cpu if best is None else min(best, cpu)
    n_jit = sum(len(s[0]) for s in spans)
    rows.append(("JitSegmenter.spans_pos", best, n_jit))
    cps = [np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) for t in texts]
    kernel = min(timed(seg._raw_pos, cps)[0] for _ in range(max(1, args.repeat)))
    rows.append(("  of which segmentation (HMM runs open)", kernel, n_jit))
    if not args.no_plain:
        plain_cpu, plain_out = min(
            (timed(seg.spans, texts) for _ in range(max(1, args.repeat))), key=lambda r: r[0]
        )
        n_plain = sum(len(s[0]) for s in plain_out)
        rows.append(("JitSegmenter.spans (jieba.cut, for scale)", plain_cpu, n_plain))
    cpu, fast_out = timed(fast.cut_pos_lists, texts)
    rows.append(("FastEngine.cut_pos_lists (rjieba)", cpu, sum(len(w) for w, _ in fast_out)))
    ref = None
    if not args.no_posseg:

        def posseg(text):
            out, i = [], 0
            for p in ptk.cut(text, HMM=True):
                j = i + len(p.word)
                if not p.word.isspace():
                    out.append((i, j, p.flag))
                i = j
            return out

        cpu, ref = timed(posseg, texts)
        rows.append(("jieba.posseg cut (reference)", cpu, sum(map(len, ref))))
    print(f"\n{'engine':42} {'CPU s':>8} {'CPU s/MB':>9} {'tokens':>11}")
    for name, cpu, n in rows:
        print(f"{name:42} {cpu:8.3f} {cpu / mb:9.4f} {n:11,}")
    print(f"(spans_pos: best of {args.repeat}; target <= 0.04 CPU-s/MB)")

    if ref is None:  # the exact rjieba engine as the reference
        ref = []
        for text, (words, tags) in zip(texts, fast_out, strict=True):
            out, pos = [], 0
            for w, t in zip(words, tags, strict=True):
                i = text.index(w, pos)
                pos = i + len(w)
                out.append((i, pos, t))
            ref.append(out)
        what = "FastEngine.cut_pos_lists"
    else:
        what = "jieba.posseg"
    names = seg.tag_names
    same_texts = same_tokens = same_words = total = 0
    diffs: Counter = Counter()
    for text, (a, b, tg), want in zip(texts, spans, ref, strict=True):
        got = [
            (i, j, names[t]) for i, j, t in zip(a.tolist(), b.tolist(), tg.tolist(), strict=True)
        ]
        total += len(want)
        if got == want:
            same_texts += 1
            same_tokens += len(want)
            same_words += len(want)
            continue
        same_tokens += len(set(got) & set(want))
        same_words += len({(i, j) for i, j, _ in got} & {(i, j) for i, j, _ in want})
        for i, j, t in sorted(set(want) - set(got))[:3]:
            diffs[(text[i:j], t)] += 1
    print(
        f"\nidentical to {what} (whitespace dropped): {same_texts}/{len(texts)} texts; "
        f"(token, tag) {same_tokens:,}/{total:,} ({100 * same_tokens / max(total, 1):.3f} %); "
        f"tokens alone {100 * same_words / max(total, 1):.3f} %"
    )
    for (w, t), n in diffs.most_common(10):
        print(f"  missing {w!r}/{t}: {n}")


def _offsets(tokens: list[str]) -> list[tuple[int, int]]:
    out, i = [], 0
    for w in tokens:
        out.append((i, i + len(w)))
        i += len(w)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
