"""Is a folder still what its ``SHA256SUMS`` says: the same files, and no others.

``data/raw`` is immutable input: its articles are listed with their SHA-256
in ``data/raw/SHA256SUMS``. A changed or missing file is a problem, and so is
a file the list does not name — a report or table written into the folder
would otherwise be read as articles by the next load, unnoticed.
"""

from __future__ import annotations

from pathlib import Path

from bqw_research import config
from bqw_research.corpus.io import METADATA_NAMES
from bqw_research.scale.digests import file_sha256

__all__ = ["SUMS_NAME", "read_checksums", "verify_checksums"]

#: The checksum list of a folder, in ``sha256sum`` format (``<hex>  <name>``).
SUMS_NAME = "SHA256SUMS"


def read_checksums(path: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of a ``sha256sum`` list (``*name``: binary mode too)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(None, 1)
            out[name.lstrip("*").strip()] = digest.lower()
    return out


def verify_checksums(folder: Path = config.RAW_DIR) -> list[str]:
    """What differs between ``folder`` and its ``SHA256SUMS`` (an empty list: nothing).

    One line per problem, ``<relative path>: <what>``: a listed file changed
    or missing, or a file below ``folder`` that the list does not name
    (metadata such as ``manifest.csv`` and the list itself excepted).
    """
    recorded = read_checksums(folder / SUMS_NAME)
    present = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not (p.parent == folder and p.name.lower() in METADATA_NAMES)
    }
    problems = []
    for name, digest in sorted(recorded.items()):
        if name not in present:
            problems.append(f"{name}: listed in {SUMS_NAME} but missing")
        elif file_sha256(folder / name) != digest:
            problems.append(f"{name}: changed (SHA-256 differs from {SUMS_NAME})")
    problems += [f"{name}: not listed in {SUMS_NAME}" for name in sorted(present - set(recorded))]
    return problems
