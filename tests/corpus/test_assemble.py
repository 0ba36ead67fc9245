"""Assembling the workers' chunk tables: ``gather`` and the strings it writes."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from bqw_research.corpus.assemble import gather, repeated_strings


def _chunk(docs: list[int], words: list[str]) -> pa.Table:
    return pa.table(
        {
            "doc": pa.array(docs, pa.int32()),
            "para_id": pa.array(range(len(docs)), pa.int64()),
            "token": pa.array(words, pa.large_string()),
        }
    )


def _reference(pieces, position, doc_ids) -> pa.Table:
    """Row by row: keep rows whose document is kept, stable-sorted by its corpus row."""
    rows = [r for p in pieces for r in p.to_pylist()]
    rows = [r for r in rows if position[r["doc"]] >= 0]
    rows.sort(key=lambda r: position[r["doc"]])
    return pa.table(
        {
            "doc_id": pa.array([doc_ids[position[r["doc"]]] for r in rows], pa.large_string()),
            "para_id": pa.array([r["para_id"] for r in rows], pa.int64()),
            "token": pa.array([r["token"] for r in rows], pa.large_string()),
        }
    )


PIECES = [
    _chunk([0, 0, 1, 1, 1], ["广州", "深圳", "梅州", "百千万", "工程"]),
    _chunk([2, 3, 3], ["湛江", "县域", "经济"]),
    _chunk([4, 4, 5], ["高质量", "发展", "乡村"]),
]


@pytest.mark.parametrize(
    ("position", "doc_ids"),
    [
        (np.array([0, 1, 2, 3, 4, 5]), ["a", "b", "c", "d", "e", "f"]),  # already in order
        (np.array([0, -1, 1, 2, -1, 3]), ["a", "c", "d", "f"]),  # folded duplicates left out
        (np.array([5, 3, 4, 0, 2, 1]), ["甲", "乙", "丙", "丁", "戊", "己"]),  # reordered
        (np.array([2, -1, 0, -1, 1, -1]), ["x", "y", "z"]),  # both
    ],
)
def test_gather_matches_row_by_row_order(position, doc_ids):
    got = gather(PIECES, position, doc_ids)
    want = _reference(PIECES, position, doc_ids)
    assert got.schema == want.schema
    assert got.equals(want)


def test_gather_keeps_a_document_split_over_chunks_in_row_order():
    pieces = [_chunk([0, 1], ["一", "二"]), _chunk([1, 0], ["三", "四"])]
    got = gather(pieces, np.array([1, 0]), ["乙", "甲"])
    assert got.column("token").to_pylist() == ["二", "三", "一", "四"]
    assert got.column("doc_id").to_pylist() == ["乙", "乙", "甲", "甲"]


def test_gather_of_nothing_is_none():
    assert gather([None, _chunk([], [])], np.array([], dtype=np.int64), []) is None


def test_gather_with_every_document_left_out_is_empty():
    got = gather([_chunk([0, 0], ["广州", "深圳"])], np.array([-1]), [])
    assert got.num_rows == 0
    assert got.column_names == ["doc_id", "para_id", "token"]


def test_repeated_strings_writes_each_value_its_count():
    got = repeated_strings(["广州", "a", "湛江市"], np.array([2, 0, 1, 0]), np.array([2, 0, 1, 3]))
    assert got.type == pa.large_string()
    assert got.to_pylist() == ["湛江市", "湛江市", "a", "广州", "广州", "广州"]


@pytest.mark.parametrize(
    ("values", "which", "counts"),
    [
        (["广州市", "", "梅州"], [0, 1, 2, 1], [3, 2, 0, 1]),  # an empty value, an empty run
        (["湛江"], [], []),  # nothing at all
        (["百县千镇万村", "x"], [1, 0, 1], [1, 5, 4]),
    ],
)
def test_repeated_strings_matches_repeating_each_value(values, which, counts):
    got = repeated_strings(
        values, np.array(which, dtype=np.int64), np.array(counts, dtype=np.int64)
    )
    expected = [values[w] for w, n in zip(which, counts, strict=True) for _ in range(n)]
    assert got.to_pylist() == expected
    got.validate(full=True)


def test_compact_keeps_only_its_rows_when_pickled():
    import pickle

    from bqw_research.corpus.assemble import compact

    big = pa.table({"text": pa.array(["百县千镇万村高质量发展工程"] * 20_000, pa.large_string())})
    cut = big.slice(100, 3)
    assert compact(cut).equals(cut)
    # a slice is pickled with every buffer of the table it was cut from; a compact copy is not
    assert len(pickle.dumps(cut)) > 100 * len(pickle.dumps(compact(cut)))
