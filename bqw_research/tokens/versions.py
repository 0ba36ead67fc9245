"""The tokenizer engines and what their tokens depend on (for cache keys).

Kept apart from :mod:`.engines` so that the compiled segmenter, which
:mod:`.engines` runs, can key its own cache without importing it back.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

from bqw_research import config
from bqw_research.scale.digests import file_sha256

__all__ = ["DEFAULT_ENGINE", "ENGINES", "check_engine", "engine_version"]

ENGINES = ("exact", "jieba")
#: The engine :func:`segment`, :func:`bqw_research.tokens` and ``load_corpus`` use unless told.
DEFAULT_ENGINE = "exact"


def check_engine(engine: str) -> None:
    """``ValueError`` naming the engines when ``engine`` is not one of them."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")


@lru_cache(maxsize=1)
def _dict_sha() -> str:
    # The tokenizer uses jieba's default dictionary (jieba.DEFAULT_DICT is None). Found
    # without importing jieba: importing it (and jieba.posseg) costs a process ~1.5 s,
    # which a load answered from the cache never needs.
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return file_sha256(Path(spec.origin).with_name("dict.txt"))


def engine_version(engine: str = DEFAULT_ENGINE) -> str:
    """What an engine's tokens depend on, for cache keys: jieba's version, the SHA-256 of
    its dictionary and of the domain lexicon, the engine and (compiled) numba's version."""
    check_engine(engine)
    parts = [
        f"jieba={version('jieba')}",
        f"dict={_dict_sha()}",
        f"lexicon={file_sha256(config.DOMAIN_LEXICON)}",
        f"engine={engine}",
    ]
    if engine == "exact":
        parts.append(f"numba={version('numba')}")
    return ";".join(parts)
