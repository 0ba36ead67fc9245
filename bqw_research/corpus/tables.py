"""The long tables of one load, carried by the corpus table it returned.

``load_corpus`` builds every long table (paragraphs, sentences, emphasis,
cleaning) while it reads the articles, and hands them on with the corpus
table in ``corpus.attrs["tables"]`` (a :class:`CorpusTables`). The stage
functions (``corpus_paragraphs``, ``corpus_sentences``, ``tokens`` …) use them
when their input *is* what the load produced — the same documents with the
same text (a filtered or reordered corpus too) — and otherwise compute from
their input as if there were none. So the handle changes how fast a result
comes, never what it is; it is not a global: a corpus table built some other
way (or read back from Parquet) simply has none.

It travels with pandas' ``attrs`` through filtering and copying without being
copied itself, and is left behind when a table is pickled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

ATTR = "tables"


def _detached() -> CorpusTables:
    return CorpusTables({}, [], [])


class CorpusTables(dict):
    """Long tables of the documents ``doc_ids`` (in that order), by name.

    As a ``dict`` it holds only a summary (``{"documents": n}``), so that the
    corpus table's ``attrs`` stay JSON (Parquet keeps them); the tables are
    attributes.

    ``frames`` maps a table name (``"paragraphs"``, ``"sentences"``,
    ``"emphasis"``, ``"cleaning"``, ``"tokens:<tokenizer key>"``) to a frame
    whose rows are grouped by document in ``doc_ids`` order; ``texts`` are the
    documents' clean texts (what a corpus table must still hold for the
    tables to be its own). ``context`` holds what computing a further table
    needs (the documents' cache keys, the cache, the workers): see
    :func:`bqw_research.corpus.load.tokens_for`.
    """

    def __init__(
        self,
        frames: dict[str, pd.DataFrame],
        doc_ids: list[str],
        texts: list[str] | pd.Series,
        *,
        context: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(documents=len(doc_ids))
        self.frames = dict(frames)
        self.doc_ids = list(doc_ids)
        self.texts = (
            (
                texts.set_axis(self.doc_ids)
                if isinstance(texts, pd.Series)
                else pd.Series(texts, index=self.doc_ids, dtype="str")
            )
            if doc_ids
            else None
        )
        self.position = {d: i for i, d in enumerate(self.doc_ids)}
        #: What computing a further table needs (documents' cache keys, the store, workers …).
        self.context = context or {}
        self.arrow: dict[str, pa.Table] = {}
        self._offsets: dict[str, np.ndarray] = {}

    # pandas deep-copies ``attrs`` on every operation: this object is shared instead.
    def __deepcopy__(self, memo: dict) -> CorpusTables:
        return self

    def __copy__(self) -> CorpusTables:
        return self

    def __reduce__(self):
        return (_detached, ())

    def __repr__(self) -> str:
        return f"CorpusTables({len(self.doc_ids)} documents: {', '.join(sorted(self.frames))})"

    # ----------------------------------------------------------------- lookups

    def positions(self, doc_ids: Sequence[str]) -> np.ndarray | None:
        """Where each of ``doc_ids`` is among this load's documents, or ``None`` when one
        is unknown or repeated."""
        pos = [self.position.get(d, -1) for d in doc_ids]
        if not pos or min(pos) < 0 or len(set(pos)) != len(pos):
            return None
        return np.asarray(pos, dtype=np.int64)

    def for_corpus(self, corpus: pd.DataFrame) -> np.ndarray | None:
        """The positions of ``corpus``'s documents when its texts are still this load's."""
        if self.texts is None or "doc_id" not in corpus.columns or "text" not in corpus.columns:
            return None
        pos = self.positions(corpus["doc_id"].astype(str).tolist())
        if pos is None:
            return None
        return pos if _same(self.texts.iloc[pos], corpus["text"]) else None

    def for_table(self, name: str, table: pd.DataFrame, columns: list[str]) -> np.ndarray | None:
        """The positions of ``table``'s documents when it holds exactly their rows of ``name``.

        ``table`` must list its documents' rows of the stored table, in order,
        with the same values in ``columns``.
        """
        if name not in self.frames or not set(columns) <= set(table.columns):
            return None
        ids = table["doc_id"].astype(str)
        first = ~ids.duplicated().to_numpy()
        pos = self.positions(ids[first].tolist())
        if pos is None:
            return None
        ours = self.select(name, pos)
        if len(ours) != len(table):
            return None
        return pos if all(_same(ours[col], table[col]) for col in columns) else None

    def offsets(self, name: str) -> np.ndarray:
        """Row offsets of each document in table ``name`` (``len(doc_ids) + 1`` values)."""
        if name not in self._offsets:
            frame = self.frames[name]
            counts = frame["doc_id"].value_counts(sort=False)
            sizes = counts.reindex(self.doc_ids, fill_value=0).to_numpy(dtype=np.int64)
            out = np.zeros(len(self.doc_ids) + 1, dtype=np.int64)
            np.cumsum(sizes, out=out[1:])
            self._offsets[name] = out
        return self._offsets[name]

    def select(self, name: str, positions: np.ndarray) -> pd.DataFrame:
        """Table ``name`` for the documents at ``positions`` (in that order), a new frame."""
        frame = self.frames[name]
        if len(positions) == len(self.doc_ids) and bool(
            (positions == np.arange(len(self.doc_ids))).all()
        ):
            out = frame.copy(deep=False)
        else:
            off = self.offsets(name)
            rows = [np.arange(off[p], off[p + 1]) for p in positions.tolist()]
            index = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
            out = frame.iloc[index].reset_index(drop=True)
        out.attrs[ATTR] = self
        return out


def _same(a: pd.Series, b: pd.Series) -> bool:
    """Whether two columns hold the same values in the same order (not their index)."""
    if a.array is b.array:
        return True
    if len(a) != len(b):
        return False
    if a.dtype == b.dtype:
        return a.reset_index(drop=True).equals(b.reset_index(drop=True))
    return bool((a.to_numpy(dtype=object) == b.to_numpy(dtype=object)).all())


def tables_of(frame: pd.DataFrame) -> CorpusTables | None:
    """The :class:`CorpusTables` a frame carries, if any."""
    handle = frame.attrs.get(ATTR)
    return handle if isinstance(handle, CorpusTables) and handle.doc_ids else None


def attach(frame: pd.DataFrame, handle: CorpusTables) -> pd.DataFrame:
    """``frame`` carrying ``handle`` (set in place; returned for chaining)."""
    frame.attrs[ATTR] = handle
    return frame
