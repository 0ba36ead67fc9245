"""CPU cost of reading, parsing and sentence splitting, with a checksum of every output.

Prints, for each corpus folder given (default: ``data/raw``, ``../shared/corpus``
and, when present, the 13 MB replicated benchmark corpus):

- CPU seconds per MB of cleaned text for :func:`bqw_research.corpus.io.read_text_file`,
  :func:`bqw_research.corpus.parse.parse_document` and
  :func:`bqw_research.corpus.split_sentences` over every paragraph (the best of
  ``--repeat`` runs, ``time.process_time``, one process);
- a SHA-256 checksum over a ``repr`` of every output: each file's
  :class:`~bqw_research.corpus.io.RawFile` fields (or its :class:`~bqw_research.corpus.io.ReadError`),
  every field of its :class:`~bqw_research.corpus.parse.ParsedDoc` (with ``notes=False``
  and ``notes=True``) and the sentence list of every paragraph. The text
  columns of the CSV files in ``tests/fixtures`` are checked too (parsed,
  cleaned with ``clean_inline`` and split into sentences).

A change meant to make these functions faster must leave every checksum
unchanged. MB means 10^6 bytes of cleaned UTF-8 text (``ParsedDoc.text``), as
in ``bench_ingest.py``. Nothing here is a unit test; nothing asserts timings.

Usage::

    python benchmarks/bench_parse.py [--corpus PATH ...] [--repeat 3] [--profile STAGE]
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import hashlib
import platform
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bqw_research.corpus import split_sentences  # noqa: E402
from bqw_research.corpus.clean import clean_inline  # noqa: E402
from bqw_research.corpus.io import ReadError, discover, read_text_file  # noqa: E402
from bqw_research.corpus.parse import parse_document  # noqa: E402

DEFAULT_CORPORA = [
    ROOT / "data" / "raw",
    ROOT.parent / "shared" / "corpus",
    Path("/tmp/bqw-bench-4jt_2sj6/corpus"),
]
FIXTURES = ROOT / "tests" / "fixtures"


def _kind(path: Path) -> str:
    return "html" if path.suffix.lower() in {".html", ".htm"} else "markdown"


def _doc_repr(doc) -> str:
    return repr(
        (
            doc.title,
            doc.outlet,
            doc.url,
            doc.author,
            doc.repost_author,
            doc.repost_url,
            [(p.section, p.raw, p.text) for p in doc.paragraphs],
            doc.emphasis,
            doc.removed,
        )
    )


def _run(files: list[Path]) -> tuple[dict, str, int, int, float]:
    """One pass, document by document as the ingest's workers do: CPU seconds per stage.

    Nothing is kept between documents except the running checksum, so the heap
    (and the garbage collector's work) stays the size of one document's.
    """
    clock = time.process_time
    cpu = {"read": 0.0, "parse": 0.0, "sentences": 0.0}
    h = hashlib.sha256()
    n_paras = n_sents = 0
    n_bytes = 0
    for path in files:
        t = clock()
        try:
            raw = read_text_file(path)
        except ReadError as err:
            cpu["read"] += clock() - t
            h.update(repr(("error", str(err))).encode())
            continue
        t1 = clock()
        doc = parse_document(raw.text, kind=_kind(path))
        t2 = clock()
        sentences = [split_sentences(p.text) for p in doc.paragraphs]
        t3 = clock()
        cpu["read"] += t1 - t
        cpu["parse"] += t2 - t1
        cpu["sentences"] += t3 - t2
        h.update(repr((raw.path.name, raw.text, raw.encoding, raw.sha256, raw.n_bytes)).encode())
        h.update(_doc_repr(doc).encode())
        # notes=True keeps the reposters' notes as paragraphs (not timed)
        h.update(_doc_repr(parse_document(raw.text, kind=_kind(path), notes=True)).encode())
        h.update(repr(sentences).encode())
        n_paras += len(doc.paragraphs)
        n_sents += sum(map(len, sentences))
        n_bytes += len(doc.text.encode("utf-8"))
    return cpu, h.hexdigest(), n_paras, n_sents, n_bytes / 1e6


def measure(root: Path, repeat: int, profile: str | None) -> dict:
    """Time the three stages over one folder (best of ``repeat`` passes) and checksum the outputs."""
    files = discover(root).files
    best: dict[str, float] = {}
    digests = set()
    for _ in range(repeat):
        cpu, digest, n_paras, n_sents, mb = _run(files)
        digests.add(digest)
        for stage, sec in cpu.items():
            best[stage] = min(best.get(stage, float("inf")), sec)
    if len(digests) != 1:
        raise SystemExit(f"outputs differ between passes over {root}: {sorted(digests)}")
    if profile:
        raws = [read_text_file(p) for p in files]
        docs = [parse_document(r.text, kind=_kind(r.path)) for r in raws]
        paragraphs = [p.text for d in docs for p in d.paragraphs]
        fn = {
            "read": lambda: [read_text_file(p) for p in files],
            "parse": lambda: [parse_document(r.text, kind=_kind(r.path)) for r in raws],
            "sentences": lambda: [split_sentences(t) for t in paragraphs],
        }[profile]
        prof = cProfile.Profile()
        prof.runcall(fn)
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return {
        "files": len(files),
        "paragraphs": n_paras,
        "sentences": n_sents,
        "mb": mb,
        "read": best["read"] / mb,
        "parse": best["parse"] / mb,
        "sentences_cpu": best["sentences"] / mb,
        "sha256": digests.pop(),
    }


def fixtures_checksum() -> tuple[int, str]:
    """Checksum of parse / clean_inline / split_sentences over the fixtures' text columns."""
    h = hashlib.sha256()
    n = 0
    for path in sorted(FIXTURES.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for col in ("text", "text_start", "note", "reason"):
                    text = row.get(col)
                    if not text:
                        continue
                    n += 1
                    doc = parse_document(text)
                    h.update(_doc_repr(doc).encode())
                    h.update(repr(clean_inline(text)).encode())
                    h.update(repr(split_sentences(text)).encode())
    return n, h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, action="append", help="folder (repeatable)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per stage (best is kept)")
    ap.add_argument("--profile", choices=["read", "parse", "sentences"], help="cProfile a stage")
    args = ap.parse_args(argv)
    corpora = args.corpus or [p for p in DEFAULT_CORPORA if p.is_dir()]
    print(f"python {platform.python_version()}, repeat={args.repeat}, CPU-s per MB of clean text")
    header = f"{'corpus':<42} {'files':>5} {'MB':>6} {'read':>7} {'parse':>7} {'sents':>7}  sha256"
    print(header)
    for root in corpora:
        r = measure(root, args.repeat, args.profile)
        print(
            f"{str(root)[-42:]:<42} {r['files']:>5} {r['mb']:>6.2f} {r['read']:>7.4f} "
            f"{r['parse']:>7.4f} {r['sentences_cpu']:>7.4f}  {r['sha256'][:16]}"
        )
    n, digest = fixtures_checksum()
    print(
        f"{'tests/fixtures (' + str(n) + ' texts)':<42} {'':>5} {'':>6} {'':>7} {'':>7} {'':>7}  {digest[:16]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
