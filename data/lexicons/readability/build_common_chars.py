"""Regenerate ``common_chars.csv``, the common-character list of the readability measures.

Source: the national standard GB 2312-80 《信息交换用汉字编码字符集·基本集》 (1980), whose
level-1 block (rows 16–55, 3,755 characters, ordered by pinyin) is the set of 常用汉字
chosen by frequency of use; level 2 (rows 56–87, 3,008 characters) holds the less
common ones. The characters are read from Python's own ``gb2312`` codec, which encodes
the standard, so this script needs no download::

    python data/lexicons/readability/build_common_chars.py

The PyPI package common-hanzi 0.1 (public domain, by Luo Jiejun) derives the same
3,755 characters the same way. A list of characters fixed by a state standard is a
fact, not a copyrightable work.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = "GB 2312-80 level 1 (一级常用汉字), via Python's gb2312 codec"
LEVEL1_ROWS = range(16, 56)
CELLS = range(1, 95)


def level1_chars() -> list[tuple[str, str]]:
    """``(character, row-cell code)`` of every level-1 character, in the standard's order."""
    out = []
    for row in LEVEL1_ROWS:
        for cell in CELLS:
            try:
                ch = bytes([row + 0xA0, cell + 0xA0]).decode("gb2312")
            except UnicodeDecodeError:  # the five empty cells at the end of row 55
                continue
            out.append((ch, f"{row:02d}{cell:02d}"))
    return out


def main() -> None:
    chars = level1_chars()
    if len(chars) != 3755:
        raise SystemExit(f"expected 3,755 level-1 characters, got {len(chars)}")
    with (HERE / "common_chars.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        f.write(f"# {SOURCE}; rebuilt by build_common_chars.py (see SOURCES.md)\n")
        w.writerow(["char", "gb2312"])
        w.writerows(chars)


if __name__ == "__main__":
    main()
