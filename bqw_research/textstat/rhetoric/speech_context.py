"""Context rules of the speech-act walk that need more than one clause at a time.

These rules follow the codebook (``speakers_and_citations.md``, version 1) and are
called from :func:`.citations.analyse` on the results of :mod:`.speech`:

* :func:`home_city` — the city an article is about, when it names one city almost only:
  a body or meeting written without its city (市委宣传部表示, 市委常委会) takes it when the
  paragraph names none;
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bqw_research.textstat.rhetoric.speech import (
    speech_lexicons,
)

#: Share of an article's city mentions the most named city needs to be its home city.
HOME_SHARE = 0.8
HOME_MIN = 3


def home_city(texts: Iterable[str]) -> str | None:
    """The city an article is about: named at least :data:`HOME_MIN` times and in at
    least :data:`HOME_SHARE` of the article's city mentions (else ``None``)."""
    found = Counter(m for t in texts for m in speech_lexicons()["city_re"].findall(t))
    if not found:
        return None
    city, n = found.most_common(1)[0]
    return city if n >= HOME_MIN and n >= HOME_SHARE * sum(found.values()) else None
