"""Reading the labelled sets and the articles they were drawn from."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from bqw_research import config


def label_set(
    measure: str, name: str | None = None, *, labels_dir: Path | None = None
) -> pd.DataFrame:
    """The labelled set ``data/labels/<measure>/<name or measure>.tsv`` as strings.

    Every set has a ``part`` column (``tune`` / ``untouched``); empty cells are ``""``.
    """
    folder = (labels_dir or config.LABELS_DIR) / measure
    path = folder / f"{name or measure}.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"labelled set not found: {path}")
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    if "part" not in table.columns:
        raise ValueError(f"{path}: no 'part' column (tune/untouched)")
    bad = sorted(set(table["part"]) - {"tune", "untouched"})
    if bad:
        raise ValueError(f"{path}: unknown part values {bad}")
    return table


def labelled_corpus(
    path: Path | None = None, *, sample: Path | None = None
) -> dict[str, pd.DataFrame]:
    """The articles the sets were drawn from, loaded once: corpus, paragraphs, sentences.

    That is the development corpus (``../shared/corpus-dev`` or ``$BQW_CORPUS_DEV``) plus
    the 19-article sample (``../shared/corpus``), from which the events set and four
    articles of the speakers set were drawn; the column ``folder`` says which. Raises
    :class:`FileNotFoundError` when the development corpus is absent (it lives beside the
    project, never in it); a missing sample only leaves its articles out.
    """
    dev = Path(path or config.SHARED_CORPUS_DEV).resolve()
    if not dev.is_dir():
        raise FileNotFoundError(
            f"development corpus not found at {dev} (set BQW_CORPUS_DEV or place it beside the project)"
        )
    sample = Path(sample or config.SHARED_CORPUS).resolve()
    return _load((dev, sample) if sample.is_dir() else (dev,))


@lru_cache(maxsize=2)
def _load(folders: tuple[Path, ...]) -> dict[str, pd.DataFrame]:
    from bqw_research.corpus import corpus_paragraphs, corpus_sentences, load_corpus

    parts: dict[str, list[pd.DataFrame]] = {"corpus": [], "paragraphs": [], "sentences": []}
    for folder in folders:
        corpus = load_corpus(folder)
        for name, table in (
            ("corpus", corpus),
            ("paragraphs", corpus_paragraphs(corpus)),
            ("sentences", corpus_sentences(corpus)),
        ):
            parts[name].append(table.assign(folder=folder.name))
    return {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
