"""Run ``bqw ingest`` (the CLI, in this process) and write digests of the tables it wrote.

``python ingest_digest.py CORPUS OUT DIGESTS [bqw ingest options…]``: the fault tests
start this as a separate process (so a run can be killed or run concurrently) and compare
the digests with a clean run's. A table's digest is the SHA-256 of its CSV without the
columns that name where files live (``path``, ``paths``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

TABLES = ("corpus", "paragraphs", "sentences", "tokens", "emphasis", "cleaning")


def table_digests(out: Path) -> dict[str, str]:
    """``{table: sha256}`` of the Parquet tables ``bqw ingest`` wrote to ``out``."""
    digests = {}
    for name in TABLES:
        frame = pd.read_parquet(out / f"{name}.parquet")
        frame = frame.drop(columns=[c for c in ("path", "paths") if c in frame.columns])
        digests[name] = hashlib.sha256(frame.to_csv().encode("utf-8")).hexdigest()
    return digests


def main(argv: list[str]) -> int:
    from bqw_research.cli import main as bqw

    corpus, out, digests, *options = argv
    status = bqw(["ingest", corpus, "--output", out, *options])
    if status == 0:
        Path(digests).write_text(json.dumps(table_digests(Path(out))), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
