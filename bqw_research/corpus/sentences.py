"""Sentence splitting of clean paragraph text."""

from __future__ import annotations

import re

#: One sentence: everything up to (and with) a run of 。！？!?, or one or two …, or the end,
#: then any closing quotes. Greedy, so the scan never backtracks.
SENTENCE_RE = re.compile(r"[^。！？!?…]*(?:[。！？!?]+|…{1,2}|$)[”’」』）)]*", re.S)


def split_sentences(text: str) -> list[str]:
    """Split Chinese text at 。！？!? and …… keeping closing quotes with their sentence.

    ``“要持续抓下去。”11月7日…`` → ``["“要持续抓下去。”", "11月7日…"]``. A
    semicolon does not end a sentence.
    """
    # One findall, stripped, without the empty and whitespace-only pieces.
    return list(filter(None, map(str.strip, SENTENCE_RE.findall(text))))
