"""Benchmark the fast ingest against plain jieba, in one run.

Prints, for a corpus folder replicated to a target size:

- the full ingest (load, clean, paragraphs, sentences, tokens with POS) in
  MB/s, with the cache off, cold (empty cache) and warm (rerun);
- the baseline: single-process ``jieba.lcut`` over the same cleaned text;
- their ratio, and warm vs cold;
- token agreement (span F1, identical sentences) with ``jieba.posseg`` +
  domain lexicon, with ``jieba.lcut`` + domain lexicon and with plain
  ``jieba.lcut``, naming the one the target uses (jieba.posseg for the exact
  engines, ``jieba.lcut`` + lexicon for ``--engine fast``);
- peak memory for several corpus sizes (to show linear growth).

MB means megabytes (10^6 bytes) of cleaned UTF-8 text — the text jieba sees —
for both the ingest and the baseline. One-off start-up (importing, loading
jieba's dictionary, building the tokenizer) is excluded from both throughputs
and printed separately.

Usage::

    python benchmarks/bench_ingest.py [--corpus PATH] [--replicate-to-mb 13] [--workers N]
        [--engine exact|fast|rjieba|jieba] [--no-exact-row]

Every measurement runs in a fresh Python process (so peak memory and caches
are per measurement). Nothing here is a unit test; nothing asserts timings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

TARGETS = {"ratio": 5.0, "agreement": 0.995, "warm": 50.0, "memory_mb_at_13": 1500.0}


# --------------------------------------------------------------------------- corpus


def replicate(src: Path, dest: Path, target_mb: float) -> int:
    """Copy ``src``'s article files into ``dest/copy_NNN/`` until the cleaned text reaches ``target_mb``.

    Each copy gets a one-line edit (a closing paragraph naming the copy) so the
    copies are not folded as duplicates. Returns the number of copies.
    """
    from bqw_research.io import discover

    from bqw_research import load_corpus

    files = discover(src).files
    size = sum(len(t.encode("utf-8")) for t in load_corpus(src, near_duplicates=None)["text"])
    copies = max(1, -(-int(target_mb * 1e6) // size))
    dest.mkdir(parents=True, exist_ok=True)
    if (src / "manifest.csv").exists():
        shutil.copy(src / "manifest.csv", dest / "manifest.csv")
    for k in range(1, copies + 1):
        folder = dest / f"copy_{k:03d}"
        for p in files:
            rel = p.relative_to(src)
            out = folder / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            data = p.read_bytes()
            note = f"\n\n本文为基准测试第{k}份副本。\n".encode()
            out.write_bytes(data + note if k > 1 else data)
    return copies


def subset(dest: Path, copies: int) -> Path:
    """A folder with the first ``copies`` copies (hard links), for the memory scaling table."""
    out = dest.parent / f"{dest.name}_{copies:03d}"
    if out.exists():
        return out
    out.mkdir()
    if (dest / "manifest.csv").exists():
        shutil.copy(dest / "manifest.csv", out / "manifest.csv")
    for k in range(1, copies + 1):
        shutil.copytree(dest / f"copy_{k:03d}", out / f"copy_{k:03d}", copy_function=os.link)
    return out


# --------------------------------------------------------------------------- measurements (child)


class MemorySampler:
    """Peak of the summed PSS of this process and its children (Linux ``smaps_rollup``).

    PSS (proportional set size) counts a page shared by n processes as 1/n in
    each, so the sum over the parent and its forked workers is the memory the
    ingest really holds — RSS would count the shared tokenizer once per worker.
    Sampled every 100 ms in a background thread; ``None`` where /proc is missing.
    """

    def __init__(self, interval: float = 0.1) -> None:
        import threading

        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _pss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    @staticmethod
    def _children(pid: int) -> list[int]:
        out = []
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    out += [int(c) for c in fh.read().split()]
        except OSError:
            pass
        return out

    def sample(self) -> None:
        pids = [os.getpid()]
        pids += self._children(pids[0])
        self.peak_kb = max(self.peak_kb, sum(self._pss_kb(p) for p in pids))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def peak_mb(self) -> float | None:
        return self.peak_kb / 1024 if self.peak_kb else None


def _peak() -> dict:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_parent_mb": self_kb / 1024, "peak_worker_mb": child_kb / 1024}


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def measure_ingest(args) -> dict:
    from bqw_research.ingest import ingest, prepare

    t = time.perf_counter()
    prepare(engine=args.engine, pos=True)
    setup = time.perf_counter() - t
    cache = args.cache_dir if args.cache_dir else False
    cpu = _cpu()
    with MemorySampler() as mem:
        t = time.perf_counter()
        res = ingest(
            args.path,
            workers=args.workers,
            cache=cache,
            engine=args.engine,
            near_duplicates=args.near_duplicates,
            progress=False,
        )
        seconds = time.perf_counter() - t
    cpu = _cpu() - cpu
    clean_bytes = int(sum(len(x.encode("utf-8")) for x in res.corpus["text"]))
    out = {
        "seconds": seconds,
        "setup_seconds": setup,
        "clean_bytes": clean_bytes,
        "docs": len(res.corpus),
        "tokens": len(res.tokens),
        "bundle_hit": res.stats.get("bundle_hit", False),
        "cpu_seconds": cpu,
        "stages": res.stats.get("cpu_seconds", {}),
        "peak_pss_mb": mem.peak_mb,
        **_peak(),
    }
    if args.dump_text:
        Path(args.dump_text).write_text(json.dumps(res.corpus["text"].tolist(), ensure_ascii=False))
    return out


def measure_baseline(args) -> dict:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    texts = json.loads(Path(args.dump_text).read_text())
    t = time.perf_counter()
    jieba.initialize()
    setup = time.perf_counter() - t
    cpu = _cpu()
    t = time.perf_counter()
    n = 0
    for text in texts:
        n += len(jieba.lcut(text))
    seconds = time.perf_counter() - t
    cpu = _cpu() - cpu
    return {
        "seconds": seconds,
        "setup_seconds": setup,
        "clean_bytes": sum(len(x.encode("utf-8")) for x in texts),
        "tokens": n,
        "cpu_seconds": cpu,
        **_peak(),
    }


def _spans(tokens: list[str]) -> set[tuple[int, int]]:
    out, i = set(), 0
    for w in tokens:
        out.add((i, i + len(w)))
        i += len(w)
    return out


def measure_agreement(args) -> dict:
    """Token agreement of ingest's tokens with jieba, sentence by sentence."""
    import logging

    import jieba
    from bqw_research.ingest import ingest, prepare

    from bqw_research import corpus_paragraphs, corpus_sentences, load_corpus, tokens
    from bqw_research.tokens import segment

    jieba.setLogLevel(logging.WARNING)
    prepare(engine="jieba", pos=True)
    prepare(engine=args.engine, pos=True)
    primary = _primary_reference(args.engine)
    # The package's reference path, one process: the core functions with jieba.posseg itself.
    t = time.perf_counter()
    corpus = load_corpus(args.path, near_duplicates=None)
    tokens(corpus_sentences(corpus_paragraphs(corpus)), pos=True, engine="jieba")
    core_seconds = time.perf_counter() - t
    t = time.perf_counter()
    res = ingest(
        args.path,
        workers=args.workers,
        cache=False,
        engine=args.engine,
        near_duplicates=None,
        progress=False,
    )
    ingest_seconds = time.perf_counter() - t
    fast = res.tokens.groupby(["doc_id", "para_id", "sent_id"], sort=False)
    got = {k: (g["token"].tolist(), g["pos"].tolist()) for k, g in fast}
    # per reference: shared spans, ours, theirs, same tag, identical sentences
    counts = {name: [0, 0, 0, 0, 0] for name in ("posseg", "lcut_lexicon", "lcut")}
    for key, text in zip(
        zip(
            res.sentences["doc_id"], res.sentences["para_id"], res.sentences["sent_id"], strict=True
        ),
        res.sentences["text"],
        strict=True,
    ):
        ours, tags = got.get(key, ([], []))
        ref = segment(text, pos=True, engine="jieba")  # jieba.posseg + domain lexicon
        ref_tokens = [w for w, _ in ref]
        lexicon_lcut = segment(text, engine="jieba")  # jieba.lcut + domain lexicon
        lcut = [w for w in jieba.lcut(text) if w.strip()]  # plain jieba, no lexicon
        so = _spans(ours)
        for name, theirs in (
            ("posseg", ref_tokens),
            ("lcut_lexicon", lexicon_lcut),
            ("lcut", lcut),
        ):
            st = _spans(theirs)
            c = counts[name]
            c[0] += len(so & st)
            c[1] += len(so)
            c[2] += len(st)
            c[4] += ours == theirs
        ref_tag = {(s, w): t for s, (w, t) in zip(sorted(_spans(ref_tokens)), ref, strict=True)}
        our_tag = {
            (s, w): t for s, (w, t) in zip(sorted(so), zip(ours, tags, strict=True), strict=True)
        }
        counts["posseg"][3] += sum(1 for k, t in our_tag.items() if ref_tag.get(k) == t)

    def f1(c):
        p, r = c[0] / max(1, c[1]), c[0] / max(1, c[2])
        return 2 * p * r / max(1e-12, p + r)

    return {
        "sentences": len(res.sentences),
        "primary": primary,
        "f1": {name: f1(c) for name, c in counts.items()},
        "same_sentences": {name: c[4] for name, c in counts.items()},
        "pos_agreement": counts["posseg"][3] / max(1, counts["posseg"][2]),
        "clean_bytes": int(sum(len(x.encode("utf-8")) for x in res.corpus["text"])),
        "core_seconds": core_seconds,
        "ingest_seconds": ingest_seconds,
    }


def _primary_reference(engine: str) -> str:
    """The reference an engine's agreement target is measured against.

    The exact engines reproduce jieba.posseg (with the domain lexicon); the
    ``fast`` engine reproduces ``jieba.lcut`` with the domain lexicon.
    """
    return "lcut_lexicon" if engine == "fast" else "posseg"


REFERENCE_NAMES = {
    "posseg": "jieba.posseg + domain lexicon (the package's tokens(pos=True))",
    "lcut_lexicon": "jieba.lcut + domain lexicon (jieba's dictionary and HMM, lexicon added)",
    "lcut": "plain jieba.lcut (no domain lexicon)",
}


def _at_13_mb(rows: list[tuple[float, float]]) -> tuple[float, str]:
    """Peak memory at 13 MB of text from ``(MB, peak)`` rows: measured, or read off their line."""
    rows = sorted(rows)
    for mb, peak in rows:
        if 13.0 <= mb < 14.0:
            return peak, ""
    if len(rows) < 2:
        return rows[-1][1], f" (measured at {rows[-1][0]:.1f} MB)"
    below = [r for r in rows if r[0] < 13.0]
    above = [r for r in rows if r[0] >= 13.0]
    (x0, y0), (x1, y1) = (below[-1], above[0]) if below and above else (rows[0], rows[-1])
    value = y0 + (y1 - y0) / (x1 - x0) * (13.0 - x0)
    kind = "interpolated" if below and above else "extrapolated"
    return value, f" ({kind} between {x0:.1f} and {x1:.1f} MB)"


# --------------------------------------------------------------------------- driver (parent)


def child(mode: str, **kw) -> dict:
    cmd = [sys.executable, __file__, "--_measure", mode]
    for k, v in kw.items():
        if v is None or v is False:
            continue
        flag = "--_" + k.replace("_", "-")
        cmd += [flag] if v is True else [flag, str(v)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise SystemExit(f"measurement {mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    from bqw_research.ingest import default_workers

    from bqw_research import config

    default_corpus = config.SHARED_CORPUS if config.SHARED_CORPUS.is_dir() else config.RAW_DIR
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", type=Path, default=default_corpus, help=f"folder (default {default_corpus})"
    )
    ap.add_argument(
        "--replicate-to-mb",
        type=float,
        default=13.0,
        help="replicate to at least this many MB of cleaned text (0: as is)",
    )
    ap.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: all CPUs)"
    )
    ap.add_argument(
        "--engine",
        default="exact",
        choices=["exact", "fast", "rjieba", "jieba"],
        help="tokenizer engine of the ingest (default exact; fast = jieba.lcut's tokens)",
    )
    ap.add_argument(
        "--no-exact-row",
        action="store_true",
        help="with another --engine, skip the extra no-cache run of the default exact engine",
    )
    ap.add_argument(
        "--near-duplicates",
        type=float,
        default=None,
        help="also flag near-duplicates at this threshold (default: off; it is not part of the issue's 'full ingest')",
    )
    ap.add_argument(
        "--memory-steps",
        default="0.25,0.5,1",
        help="fractions of the target size for the peak-memory table",
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    # child-process options
    ap.add_argument("--_measure", help=argparse.SUPPRESS)
    ap.add_argument("--_path", help=argparse.SUPPRESS)
    ap.add_argument("--_workers", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--_engine", help=argparse.SUPPRESS)
    ap.add_argument("--_cache-dir", help=argparse.SUPPRESS)
    ap.add_argument("--_dump-text", help=argparse.SUPPRESS)
    ap.add_argument("--_near-duplicates", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._measure:
        ns = argparse.Namespace(
            path=args._path,
            workers=args._workers,
            engine=args._engine or "exact",
            cache_dir=args._cache_dir,
            dump_text=args._dump_text,
            near_duplicates=args._near_duplicates,
        )
        fn = {
            "ingest": measure_ingest,
            "baseline": measure_baseline,
            "agreement": measure_agreement,
        }
        print(json.dumps(fn[args._measure](ns)))
        return 0

    workers = args.workers or default_workers()
    tmp = Path(tempfile.mkdtemp(prefix="bqw-bench-"))
    try:
        src = args.corpus.expanduser().resolve()
        if args.replicate_to_mb > 0:
            corpus_dir = tmp / "corpus"
            copies = replicate(src, corpus_dir, args.replicate_to_mb)
        else:
            corpus_dir, copies = src, 1
        raw_mb = (
            sum(
                p.stat().st_size
                for p in corpus_dir.rglob("*")
                if p.is_file() and p.name != "manifest.csv"
            )
            / 1e6
        )
        print(
            f"# bqw_research ingest benchmark — {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC"
        )
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} CPUs ({workers} workers), Python {platform.python_version()}"
        )
        print(f"corpus: {src} × {copies} copies = {raw_mb:.1f} MB of files")
        print(
            f"ingest engine: {args.engine} "
            + (
                "(jieba.lcut's tokens with the domain lexicon, dictionary tags — not jieba.posseg's)"
                if args.engine == "fast"
                else "(exact: jieba.posseg's tokens and tags with the domain lexicon)"
            )
        )
        print(
            "timed: the ingest call (worker processes started inside it), vs jieba.lcut over the "
            "ingest's own cleaned texts; excluded from both: loading jieba/the tokenizer (column 'start-up')"
        )
        common = {
            "path": corpus_dir,
            "workers": workers,
            "engine": args.engine,
            "near_duplicates": args.near_duplicates,
        }
        texts = tmp / "texts.json"
        nocache = child("ingest", **common, dump_text=texts)
        base = child("baseline", dump_text=texts)
        cache_dir = tmp / "cache"
        cold = child("ingest", **common, cache_dir=cache_dir)
        warm = child("ingest", **common, cache_dir=cache_dir)
        exact = None
        if args.engine != "exact" and not args.no_exact_row:
            exact = child("ingest", **{**common, "engine": "exact"})
        agree = child("agreement", path=src, workers=workers, engine=args.engine)
        mb = nocache["clean_bytes"] / 1e6

        def rate(m):
            return m["clean_bytes"] / 1e6 / m["seconds"]

        rows = [
            ("baseline: jieba.lcut, 1 process", base),
            (f"ingest, no cache ({workers} workers)", nocache),
            ("ingest, cold cache", cold),
            ("ingest, warm cache", warm),
        ]
        if exact is not None:
            rows.append(("ingest, default exact engine, no cache", exact))
        print(
            f"cleaned text: {mb:.2f} MB in {nocache['docs']} articles, {nocache['tokens']:,} tokens"
        )
        print()
        print("| run | seconds | MB/s | × baseline | CPU s | start-up s (excluded) |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, m in rows:
            print(
                f"| {name} | {m['seconds']:.2f} | {rate(m):.2f} | {rate(m) / rate(base):.1f} "
                f"| {m['cpu_seconds']:.1f} | {m['setup_seconds']:.2f} |"
            )
        ratio = rate(nocache) / rate(base)
        cpu_ratio = base["cpu_seconds"] / nocache["cpu_seconds"]
        load = os.getloadavg()[0]
        ratio_cold = rate(cold) / rate(base)
        warm_x = cold["seconds"] / warm["seconds"]
        print()
        print(
            f"token agreement on {src.name} ({agree['clean_bytes'] / 1e6:.2f} MB, {agree['sentences']} sentences, unreplicated):"
        )
        primary = agree["primary"]
        for name in ("lcut_lexicon", "posseg", "lcut"):
            extra = f", same POS tag {agree['pos_agreement']:.4%}" if name == "posseg" else ""
            print(
                f"  with {REFERENCE_NAMES[name]}{' [target reference]' if name == primary else ''}: "
                f"span F1 {agree['f1'][name]:.4%}, identical sentences "
                f"{agree['same_sentences'][name]}/{agree['sentences']}{extra}"
            )
        amb = agree["clean_bytes"] / 1e6
        print(
            f"the package's reference path on it (load_corpus → … → tokens(pos=True, "
            f"engine='jieba'): jieba.posseg itself, 1 process): {amb / agree['core_seconds']:.2f} MB/s; ingest: "
            f"{amb / agree['ingest_seconds']:.2f} MB/s "
            f"({agree['core_seconds'] / agree['ingest_seconds']:.1f}× faster"
            f"{', same tables' if args.engine != 'fast' else ''})"
        )
        print()
        steps = sorted({max(1, round(copies * float(f))) for f in args.memory_steps.split(",")})
        print("peak memory (MB) by corpus size, ingest without cache (parent + workers):")
        print(
            "| copies | cleaned MB | peak PSS, all processes | parent peak RSS | worker peak RSS |"
        )
        print("|---:|---:|---:|---:|---:|")
        mem_rows = []
        for k in steps:
            folder = corpus_dir if k == copies else subset(corpus_dir, k)
            m = nocache if k == copies else child("ingest", **{**common, "path": folder})
            total = m["peak_pss_mb"] or (m["peak_parent_mb"] + workers * m["peak_worker_mb"])
            mem_rows.append((m["clean_bytes"] / 1e6, total))
            print(
                f"| {k} | {m['clean_bytes'] / 1e6:.2f} | {total:.0f} "
                f"| {m['peak_parent_mb']:.0f} | {m['peak_worker_mb']:.0f} |"
            )
        if len(mem_rows) > 1:
            (x0, y0), (x1, y1) = mem_rows[0], mem_rows[-1]
            print(
                f"growth: {(y1 - y0) / (x1 - x0):.1f} MB of memory per MB of text; "
                f"intercept {y0 - (y1 - y0) / (x1 - x0) * x0:.0f} MB"
            )
        peak13, how13 = _at_13_mb(mem_rows)
        print()
        print(
            f"CPU time per MB: ingest {nocache['cpu_seconds'] / mb:.2f} s (all processes), baseline "
            f"{base['cpu_seconds'] / mb:.2f} s — ingest MB per CPU-second = {cpu_ratio:.2f}× the baseline's"
        )
        stages = ", ".join(f"{k} {v / mb:.2f}" for k, v in nocache["stages"].items() if v)
        print(f"ingest time by stage (seconds per MB; CPU summed over workers): {stages}")
        print(
            f"load average at the end: {load:.2f} on {os.cpu_count()} CPUs "
            "(other processes on the machine slow the parallel ingest more than the 1-process baseline)"
        )
        print()
        print("targets (ratios measured in this run):")
        print(
            f"  full ingest ≥ {TARGETS['ratio']}× baseline: {ratio:.1f}× "
            f"-> {'MET' if ratio >= TARGETS['ratio'] else 'NOT MET'}"
        )
        print(
            f"    (the cold run also writes the cache, ≈ 35 MB per MB of text: {ratio_cold:.1f}× "
            f"— {'at or above' if ratio_cold >= TARGETS['ratio'] else 'below'} {TARGETS['ratio']}×)"
        )
        print(
            f"  token agreement ≥ {TARGETS['agreement']:.1%} (span F1 with {REFERENCE_NAMES[primary]}): "
            f"{agree['f1'][primary]:.3%} "
            f"-> {'MET' if agree['f1'][primary] >= TARGETS['agreement'] else 'NOT MET'}"
        )
        print(
            f"  warm ≥ {TARGETS['warm']:.0f}× faster than cold: {warm_x:.0f}× "
            f"-> {'MET' if warm_x >= TARGETS['warm'] else 'NOT MET'}"
        )
        print(
            f"  peak memory < {TARGETS['memory_mb_at_13']:.0f} MB for 13 MB of text: {peak13:.0f} MB "
            f"-> {'MET' if peak13 < TARGETS['memory_mb_at_13'] else 'NOT MET'}{how13}"
        )
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
