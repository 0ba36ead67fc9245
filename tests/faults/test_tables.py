"""Manifests and table files with bad rows: the rows that can be kept are, each lost row is named.

Every case compares a load of the faulty input with a clean run (the same input
without the bad row) and checks the exact problem rows added.
"""

from __future__ import annotations

import json
import shutil
import warnings

import pandas as pd
import pyarrow as pa
import pytest

from bqw_research import config, load_corpus
from bqw_research.cli import main
from bqw_research.corpus import corpus_paragraphs, corpus_sentences
from bqw_research.corpus.assemble import stack_documents
from bqw_research.corpus.delimited import csv_rows
from bqw_research.corpus.document import DOCUMENT_SCHEMAS, process_document
from bqw_research.pipeline import ingest

ARTICLES = {
    "甲.md": "# 县域经济提速\n\n　　“百千万工程”推动县域经济高质量发展，第一季度增速领先。\n",
    "乙.md": "# 镇村面貌一新\n\n　　典型镇建设成效明显，乡村振兴步伐加快，群众获得感增强。\n",
    "丙.md": "# 城乡融合发展\n\n　　沉睡农房托管运营变身黄金屋，村集体收入明显增加。\n",
}
TEXTS = {
    "t1": "　　广东省推进“百千万工程”，县镇村协调发展。",
    "t2": "　　珠海破题城乡融合新路径，产业项目落地见效。",
    "t3": "　　韶关新丰的百千万工程实践答卷：山区蝶变，丰景正好。",
}


def _load(path) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """The corpus, paragraph and sentence tables of a load, and its problems."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(path, cache=False, workers=1)
    problems = list(corpus.attrs["problems"])
    paragraphs = corpus_paragraphs(corpus)
    frames = {"paragraphs": paragraphs, "sentences": corpus_sentences(paragraphs)}
    frames["corpus"] = corpus.drop(columns=["path", "paths"])  # paths name the folder
    for frame in frames.values():
        frame.attrs = {}
    return frames, problems


def _assert_same_tables(got: dict, want: dict) -> None:
    for name in want:
        pd.testing.assert_frame_equal(got[name], want[name], check_like=False)


def _folder(root, name: str, files: dict[str, str]):
    folder = root / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


# ----------------------------------------------------------------- manifest


MANIFEST_HEADER = "file,title,outlet\n"
B_ROW = "乙.md,乙篇清单标题,南方日报\n"
C_ROW = "丙.md,丙篇清单标题,羊城晚报\n"
EOF_QUOTE = (
    "malformed manifest row: unclosed or misplaced quote (unexpected end of data); row skipped"
)


@pytest.mark.parametrize(
    ("faulty", "clean", "problems"),
    [
        (  # the quote never closes: every row after it would be one title
            ['甲.md,"未闭合的标题,南方日报\n', B_ROW, C_ROW],
            [B_ROW, C_ROW],
            [(2, EOF_QUOTE)],
        ),
        (  # the quote closes lines later, after swallowing a row that stands on its own
            ['甲.md,"未闭合的标题\n', B_ROW, '丙.md,丙篇清单标题,"\n'],
            [B_ROW],
            [
                (
                    2,
                    "malformed manifest row: unclosed quote: a field runs over the line end and "
                    "holds 2 more row(s); this row is skipped, the lines after it read as rows",
                ),
                (4, EOF_QUOTE),
            ],
        ),
        (
            ['甲.md,"标题"多余,南方日报\n', B_ROW, C_ROW],
            [B_ROW, C_ROW],
            [
                (
                    2,
                    "malformed manifest row: unclosed or misplaced quote "
                    "(',' expected after '\"'); row skipped",
                )
            ],
        ),
        (
            [B_ROW, "甲.md,只有两列\n", C_ROW],
            [B_ROW, C_ROW],
            [(3, "malformed manifest row: expected 3 fields, saw 2")],
        ),
    ],
)
def test_bad_manifest_row_is_named_and_the_rows_after_it_are_kept(
    tmp_path, faulty, clean, problems
):
    manifest = {"manifest.csv": MANIFEST_HEADER + "".join(clean)}
    clean_folder = _folder(tmp_path, "clean", {**ARTICLES, **manifest})
    faulty_folder = _folder(
        tmp_path, "faulty", {**ARTICLES, "manifest.csv": MANIFEST_HEADER + "".join(faulty)}
    )
    want, want_problems = _load(clean_folder)
    got, got_problems = _load(faulty_folder)
    _assert_same_tables(got, want)
    titles = got["corpus"].set_index("doc_id")["title"]
    assert titles["乙"] == "乙篇清单标题"
    assert titles["甲"] == "县域经济提速"  # the bad row is not used: the text's own title
    where = faulty_folder / "manifest.csv"
    assert got_problems == want_problems + [
        {"path": f"{where}:{line}", "reason": reason} for line, reason in problems
    ]


def test_multi_line_manifest_field_without_rows_in_it_is_kept():
    rows = csv_rows('file,title\n甲.md,"两行\n的标题"\n乙.md,乙\n')
    assert rows.rows == [(2, ["甲.md", "两行\n的标题"]), (4, ["乙.md", "乙"])]
    assert rows.problems == []


# ----------------------------------------------------------------- table files


def _csv(rows: list[list[str]]) -> str:
    out = pd.DataFrame(rows[1:], columns=rows[0]).to_csv(index=False)
    return out


CSV_ROWS = [["doc_id", "title", "text"]] + [[k, f"标题{k}", v] for k, v in TEXTS.items()]


@pytest.mark.parametrize(
    ("bad_line", "line", "reason"),
    [
        ("t9,标题九,县域发展,多出一列\n", 3, "expected 3 fields, saw 4"),
        ("t9,只有两列\n", 3, "expected 3 fields, saw 2"),
        (
            't9,"标题"九,乡村振兴\n',
            3,
            "unclosed or misplaced quote (',' expected after '\"'); row skipped",
        ),
    ],
)
def test_ragged_csv_table_row_is_a_named_problem(tmp_path, bad_line, line, reason):
    clean_text = _csv(CSV_ROWS)
    head, first, rest = clean_text.split("\n", 2)
    faulty_text = f"{head}\n{first}\n{bad_line}{rest}"
    clean = _folder(tmp_path, "clean", {"表.csv": clean_text})
    faulty = _folder(tmp_path, "faulty", {"表.csv": faulty_text})
    want, want_problems = _load(clean / "表.csv")
    got, got_problems = _load(faulty / "表.csv")
    _assert_same_tables(got, want)
    assert got["corpus"]["doc_id"].tolist() == ["t1", "t2", "t3"]
    assert got_problems == [
        *want_problems,
        {"path": f"{faulty / '表.csv'}#line={line}", "reason": reason},
    ]


def test_unclosed_quote_at_the_end_of_a_csv_table_loses_only_its_row(tmp_path):
    text = _csv(CSV_ROWS) + 't9,标题九,"没有闭合的正文\n'
    path = _folder(tmp_path, "t", {"表.csv": text}) / "表.csv"
    got, problems = _load(path)
    assert got["corpus"]["doc_id"].tolist() == ["t1", "t2", "t3"]
    assert problems == [
        {
            "path": f"{path}#line=5",
            "reason": "unclosed or misplaced quote (unexpected end of data); row skipped",
        }
    ]


def _jsonl(records: list[dict]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) + "\n" for r in records]


JSON_RECORDS = [{"id": k, "title": f"标题{k}", "text": v} for k, v in TEXTS.items()]


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"id": "t9", "text": "截断的正文\n', None),  # JSON error: the message json gives
        ('{"id": "t9", "text": "多余逗号",}\n', None),
        ('["t9", "不是对象"]\n', "expected a JSON object, saw list"),
        ('"只是一个字符串"\n', "expected a JSON object, saw str"),
    ],
)
def test_bad_jsonl_line_loses_only_that_line(tmp_path, bad_line, reason):
    lines = _jsonl(JSON_RECORDS)
    clean = _folder(tmp_path, "clean", {"表.jsonl": "".join(lines)})
    faulty = _folder(tmp_path, "faulty", {"表.jsonl": "".join([lines[0], bad_line, *lines[1:]])})
    if reason is None:
        with pytest.raises(json.JSONDecodeError) as err:
            json.loads(bad_line)
        reason = f"invalid JSON: {err.value}"
    want, want_problems = _load(clean / "表.jsonl")
    got, got_problems = _load(faulty / "表.jsonl")
    _assert_same_tables(got, want)
    assert got["corpus"]["doc_id"].tolist() == ["t1", "t2", "t3"]
    assert got_problems == [
        *want_problems,
        {"path": f"{faulty / '表.jsonl'}#line=2", "reason": reason},
    ]


def test_jsonl_string_holding_a_line_separator_is_one_record(tmp_path):
    record = {"id": "t1", "text": "第一句\u2028第二句，县域经济。"}
    path = _folder(tmp_path, "t", {"表.jsonl": "".join(_jsonl([record]))}) / "表.jsonl"
    got, problems = _load(path)
    assert problems == [] and got["corpus"]["doc_id"].tolist() == ["t1"]


# ----------------------------------------------------------------- one schema for every chunk


def test_stacked_parts_of_another_column_order_take_the_one_schema():
    rows = process_document(
        "# 标题\n\n　　“百千万工程”第一段。\n".encode(), doc_id="a", path="a.md"
    )
    shuffled = rows.paragraphs.select(["text", "para_id", "section"])
    other = type(rows)(**{**rows.__dict__, "paragraphs": shuffled})
    chunk = stack_documents([(0, rows), (1, other)], [], 2)
    want = pa.schema([("doc", pa.int32()), *DOCUMENT_SCHEMAS["paragraphs"]])
    assert chunk.tables["paragraphs"].schema.equals(want)
    assert chunk.tables["paragraphs"].column("text").to_pylist() == ["“百千万工程”第一段。"] * 2


@pytest.fixture
def real_folder_with_table(tmp_path, shared_corpus_path):
    """Three real articles from ../shared/corpus and a CSV table of two more."""
    folder = tmp_path / "articles"
    folder.mkdir()
    articles = [p for p in shared_corpus_path.glob("*.md") if p.name.lower() != "readme.md"]
    for path in sorted(articles, key=lambda p: p.stat().st_size)[:3]:  # the smallest: fast
        shutil.copy(path, folder / path.name)
    (folder / "表.csv").write_text(_csv(CSV_ROWS[:3]), encoding="utf-8")
    return folder


def test_table_beside_articles_with_workers_and_a_cold_cache(tmp_path, real_folder_with_table):
    """A table's chunk has the files' schema: 2 workers + cold cache = 1 worker, no cache."""
    cold = ingest(real_folder_with_table, workers=2, cache=tmp_path / "cache", pos=False)
    plain = ingest(real_folder_with_table, workers=1, cache=False, pos=False)
    assert {"t1", "t2"} <= set(cold.corpus["doc_id"])
    for name in ("corpus", "paragraphs", "sentences", "tokens"):
        pd.testing.assert_frame_equal(getattr(cold, name), getattr(plain, name))


def test_bqw_ingest_of_a_table_beside_articles_with_two_workers(
    tmp_path, monkeypatch, real_folder_with_table, capsys
):
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "empty-cache"))
    out = tmp_path / "out"
    assert main(["ingest", str(real_folder_with_table), "-o", str(out), "--workers", "2"]) == 0
    corpus = pd.read_parquet(out / "corpus.parquet")
    assert {"t1", "t2"} <= set(corpus["doc_id"]) and len(corpus) == 5
    assert "Traceback" not in capsys.readouterr().err


def test_raw_corpus_is_not_touched_by_table_tests():
    from bqw_research.corpus.integrity import verify_checksums

    assert verify_checksums(config.RAW_DIR) == []
