"""Segmentation with the domain lexicon; analysis-time filtering."""

import pandas as pd
import pytest

from bqw_research import tokens, tokens_remove
from bqw_research.tokens import domain_lexicon, is_number, is_punct, segment, stopwords
from bqw_research.tokens.ops import per_type, removal_mask

REQUIRED = [
    "百千万工程",
    "百县千镇万村高质量发展工程",
    "高质量发展",
    "城乡区域协调发展",
    "县域经济",
    "新型城镇化",
    "驻镇帮镇扶村",
    "典型县",
    "典型镇",
    "典型村",
    "头号工程",
    "农文旅融合",
]


def test_lexicon_has_required_entries_with_sources():
    lex = domain_lexicon()
    assert set(REQUIRED) <= set(lex.word)
    assert (lex.source.str.len() > 10).all()
    assert not lex.word.duplicated().any()


@pytest.mark.parametrize("word", domain_lexicon().word.tolist())
def test_every_lexicon_phrase_is_one_token_in_context(word):
    for context in (f"广东要持续推进{word}，取得新成效。", f"“{word}”", f"实施{word}是关键"):
        assert word in segment(context), (context, segment(context))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进百千万工程走深走实", ["推进", "百千万工程", "走深走实"]),
        ("鹤山市是全省首批典型县之一", ["鹤山市", "是", "全省", "首批", "典型县", "之一"]),
        ("深入实施“百千万工程”", ["深入", "实施", "“", "百千万工程", "”"]),
    ],
)
def test_segment_examples(text, expected):
    assert segment(text) == expected


def test_tokens_table(seed_paragraphs):
    toks = tokens(seed_paragraphs.head(3))
    assert list(toks.columns) == ["doc_id", "para_id", "sent_id", "token_id", "token"]
    assert (toks.groupby(["doc_id", "para_id", "sent_id"]).token_id.min() == 1).all()
    assert not toks.token.str.strip().eq("").any()
    assert "，" in set(toks.token)  # punctuation is kept in the table
    assert "的" in set(toks.token)  # so are stopwords


def test_tokens_with_pos_uses_lexicon_tags():
    frame = pd.DataFrame(
        {"doc_id": ["d"], "para_id": [1], "sent_id": [1], "text": ["推进百千万工程和乡村振兴"]}
    )
    toks = tokens(frame, pos=True)
    tags = dict(zip(toks.token, toks.pos, strict=True))
    assert tags["百千万工程"] == "nz" and tags["乡村振兴"] == "n"


def test_tokens_remove_is_analysis_time_only():
    toks = pd.DataFrame({"token": ["的", "县", "镇", "，", "2024", "三", "百千万工程", "要"]})
    out = tokens_remove(toks)
    assert out.token.tolist() == ["县", "镇", "2024", "百千万工程"]
    assert len(toks) == 8  # original untouched
    assert tokens_remove(toks, numbers=True).token.tolist() == ["县", "镇", "百千万工程"]
    assert tokens_remove(toks, min_chars=2).token.tolist() == ["2024", "百千万工程"]
    assert "要" in tokens_remove(toks, keep=["要"]).token.tolist()
    assert tokens_remove(toks, stopwords=["县"], punct=False).token.tolist() == [
        "的",
        "镇",
        "，",
        "2024",
        "三",
        "百千万工程",
        "要",
    ]


def test_stopwords_file_keeps_domain_single_characters():
    sw = stopwords()
    assert len(sw) > 700
    assert {"的", "了", "和"} <= sw
    assert not {"县", "镇", "村", "区", "市"} & sw


@pytest.mark.parametrize(
    ("tok", "punct", "number"),
    [
        ("，", True, False),
        ("……", True, False),
        ("2024", False, True),
        ("十", False, True),
        ("县", False, False),
        ("3.6%", False, True),
    ],
)
def test_token_classes(tok, punct, number):
    assert is_punct(tok) is punct and is_number(tok) is number


def _toks(sentences):
    rows = []
    for sid, words in enumerate(sentences, start=1):
        rows += [("d", 1, sid, i, w) for i, w in enumerate(words, start=1)]
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "sent_id", "token_id", "token"])


def test_tokens_compound_joins_split_names():
    from bqw_research.tokens import tokens_compound

    toks = _toks(
        [
            ["河源", "市委书记", "何国", "森", "到", "紫金县"],
            ["何国", "指出"],
            ["何国"],
            ["森", "林"],
        ]
    )
    out = tokens_compound(toks, ["何国森", "紫金县"])
    assert out[out.sent_id == 1].token.tolist() == ["河源", "市委书记", "何国森", "到", "紫金县"]
    assert out[out.sent_id == 1].token_id.tolist() == [1, 2, 3, 4, 5]
    assert out[out.sent_id == 2].token.tolist() == ["何国", "指出"]  # not the whole name: unchanged
    # a run never crosses a sentence boundary (sentence 3 ends in 何国, sentence 4 starts with 森)
    assert out[out.sent_id.isin([3, 4])].token.tolist() == ["何国", "森", "林"]
    assert len(toks) == 11  # the original table is untouched
    assert list(out.dtypes) == list(toks.dtypes)


def test_tokens_compound_straddling_match_does_not_hide_the_next_sentence():
    from bqw_research.tokens import tokens_compound

    # 何国|森 straddles sentences 1 and 2 and overlaps 森林公园, which sentence 2 holds
    toks = _toks([["书记", "何国"], ["森林", "公园", "建成"]])
    out = tokens_compound(toks, ["何国森", "森林公园"])
    assert out[out.sent_id == 1].token.tolist() == ["书记", "何国"]
    assert out[out.sent_id == 2].token.tolist() == ["森林公园", "建成"]


@pytest.mark.parametrize("rows", ["in order", "interleaved"])
def test_tokens_compound_groups_a_sentences_rows(rows):
    from bqw_research.tokens import tokens_compound

    toks = _toks([["河源", "何国", "森"], ["紫金", "县", "凤安镇"], ["何国", "森", "指出"]])
    if rows == "interleaved":  # sentence 2's rows come back after sentence 3's
        toks = toks.iloc[[0, 1, 2, 3, 6, 7, 4, 5, 8]].reset_index(drop=True)
    out = tokens_compound(toks, ["何国森", "紫金县"])
    sentence_runs = (out.sent_id != out.sent_id.shift()).sum()
    assert sentence_runs == 3  # each sentence's rows together in the output
    for sid, words in {
        1: ["河源", "何国森"],
        2: ["紫金县", "凤安镇"],
        3: ["何国森", "指出"],
    }.items():
        part = out[out.sent_id == sid]
        assert part.token.tolist() == words
        assert part.token_id.tolist() == list(range(1, len(words) + 1))


def test_tokens_compound_pos_and_no_match():
    from bqw_research.tokens import tokens_compound

    toks = _toks([["温", "湛", "滨", "指出"]]).assign(pos=["nr", "v", "n", "v"])
    out = tokens_compound(toks, ["温湛滨"], pos="nr")
    assert out.token.tolist() == ["温湛滨", "指出"] and out.pos.tolist() == ["nr", "v"]
    same = tokens_compound(toks, ["郭永航"])
    pd.testing.assert_frame_equal(same, toks)


@pytest.mark.parametrize(
    ("words", "phrase", "joined"),
    [
        (["“", "3", "+", "4", "+", "8", "”", "体系"], "3+4+8", ["“", "3+4+8", "”", "体系"]),
        (["C", "+", "+", "程序"], "C++", ["C++", "程序"]),
        (["(", "一", ")", "项"], "(一)", ["(一)", "项"]),
        (["a", ".", "b"], "a|b", ["a", ".", "b"]),  # | is a character here, not an alternative
    ],
)
def test_tokens_compound_phrases_with_punctuation_match_literally(words, phrase, joined):
    from bqw_research.tokens import tokens_compound

    out = tokens_compound(_toks([words]), [phrase, "何国森"])
    assert out.token.tolist() == joined


def test_speaker_names_found_by_pattern(seed_corpus):
    from bqw_research.textstat.rhetoric import speaker_names

    names = speaker_names(seed_corpus)
    assert {"黄坤明", "何国森", "温湛滨", "韦皓", "习近平"} <= set(names)
    assert "省委" not in names and "会议" not in names  # institutions and meetings are not people


@pytest.mark.parametrize("pos", [False, True])
def test_default_engine_gives_jiebas_own_table(seed_corpus, pos):
    # The default ("exact", compiled) and jieba itself: the same table, value for value.
    from bqw_research import corpus_paragraphs, corpus_sentences
    from bqw_research.tokens import DEFAULT_ENGINE

    assert DEFAULT_ENGINE == "exact"
    sents = corpus_sentences(corpus_paragraphs(seed_corpus))
    pd.testing.assert_frame_equal(tokens(sents, pos=pos), tokens(sents, pos=pos, engine="jieba"))


@pytest.mark.parametrize("engine", ["exact"])
def test_compiled_engines_fall_back_to_jieba_without_the_hmm(engine):
    text = "市委书记王瑞军说"
    assert segment(text, hmm=False, engine=engine) == segment(text, hmm=False, engine="jieba")


RUNS_TABLE = pd.DataFrame(
    {
        "doc_id": ["茂名", "茂名", "茂名", "茂名", "江门", "江门"],
        "para_id": [1, 1, 1, 2, 1, 1],
        "sent_id": [1, 1, 2, 1, 1, 1],
        "token": ["推进", "百千万工程", "。", "调研", "江门", "发展"],
    }
)


@pytest.mark.parametrize(
    ("keys", "starts", "runs"),
    [
        (
            ["doc_id", "para_id", "sent_id"],
            [0, 2, 3, 4],
            [["推进", "百千万工程"], ["。"], ["调研"], ["江门", "发展"]],
        ),
        (["doc_id"], [0, 4], [["推进", "百千万工程", "。", "调研"], ["江门", "发展"]]),
        ([], [0], [["推进", "百千万工程", "。", "调研", "江门", "发展"]]),
    ],
)
def test_run_starts_and_token_runs_cut_a_table_into_its_sentences(keys, starts, runs):
    from bqw_research.tokens.ops import run_starts, token_runs

    got = run_starts(RUNS_TABLE, keys)
    assert got.tolist() == starts
    assert token_runs(RUNS_TABLE["token"], got) == runs


def test_token_runs_share_one_string_per_distinct_token():
    from bqw_research.tokens.ops import run_starts, token_runs

    table = pd.concat([RUNS_TABLE] * 3, ignore_index=True)
    table["doc_id"] = [f"{d}{i // 6}" for i, d in enumerate(table["doc_id"])]
    runs = token_runs(table["token"], run_starts(table, ["doc_id", "para_id", "sent_id"]))
    flat = [t for run in runs for t in run]
    assert flat == table["token"].tolist()
    assert len({id(t) for t in flat}) == table["token"].nunique()


def test_token_runs_of_an_empty_table():
    from bqw_research.tokens.ops import run_starts, token_runs

    empty = RUNS_TABLE.iloc[0:0]
    assert run_starts(empty, ["doc_id"]).tolist() == []
    assert token_runs(empty["token"], run_starts(empty, ["doc_id"])) == []


@pytest.mark.parametrize("storage", ["arrow", "object"])
def test_tokens_compound_is_the_same_for_arrow_and_object_strings(storage):
    """Arrow string columns are spliced (the rows that stay are slices of the original,
    not copies); object columns are gathered row by row: the same table either way."""
    from bqw_research.tokens import tokens_compound

    table = pd.DataFrame(
        {
            "doc_id": ["茂名"] * 5 + ["江门"] * 4,
            "para_id": [1] * 9,
            "sent_id": [1, 1, 1, 2, 2, 1, 1, 1, 1],
            "token_id": [1, 2, 3, 1, 2, 1, 2, 3, 4],
            "token": ["何国", "森到", "镇", "推进", "工作", "陈", "勇", "调研", "。"],
        }
    )
    if storage == "object":
        table = table.astype({"doc_id": object, "token": object})
    got = tokens_compound(table, ["何国森", "陈勇"])
    assert got["token"].tolist() == ["何国森", "到", "镇", "推进", "工作", "陈勇", "调研", "。"]
    assert got["doc_id"].tolist() == ["茂名"] * 5 + ["江门"] * 3
    assert got["token_id"].tolist() == [1, 2, 3, 1, 2, 1, 2, 3]
    assert got.dtypes.equals(table.dtypes)


def test_token_runs_never_put_another_token_in_place_of_a_missing_one():
    from bqw_research.tokens.ops import token_runs

    runs = token_runs(pd.Series(["推进", None, "发展", "建设"], dtype=object), [0, 2])
    assert runs[1] == ["发展", "建设"]
    assert runs[0][0] == "推进" and runs[0][1] not in {"发展", "建设"}


def test_tokens_compound_keeps_missing_values_of_arrow_columns():
    """A sentence-level column with a missing value in a changed sentence stays missing."""
    from bqw_research.tokens import tokens_compound

    table = pd.DataFrame(
        {
            "doc_id": ["茂名"] * 3 + ["江门"] * 3,
            "para_id": [1] * 6,
            "sent_id": [1, 1, 1, 1, 1, 1],
            "token_id": [1, 2, 3, 1, 2, 3],
            "token": ["何国", "森", "调研", "陈", "勇", "讲话"],
            "group": ["粤西"] * 3 + [None] * 3,
        }
    )
    got = tokens_compound(table, ["何国森", "陈勇"])
    assert got["token"].tolist() == ["何国森", "调研", "陈勇", "讲话"]
    assert got["group"].iloc[:2].tolist() == ["粤西", "粤西"]
    assert got["group"].iloc[2:].isna().all()


@pytest.mark.parametrize(
    "tokens_in, expected",
    [
        (["县", "乡村振兴", "县", "镇"], [True, False, True, True]),
        (["百千万工程", None, "村"], [False, False, True]),  # a missing token is False
        ([], []),
    ],
)
def test_per_type_asks_once_per_distinct_token(tokens_in, expected):
    asked: list[list[str]] = []

    def short(types: pd.Series) -> pd.Series:
        asked.append(types.tolist())
        return types.str.len() == 1

    out = per_type(pd.Series(tokens_in, dtype="str"), short)
    assert out.dtype == bool and out.tolist() == expected
    # each distinct (present) token asked once, in first-seen order
    seen = list(dict.fromkeys(t for t in tokens_in if t is not None))
    assert asked == ([seen] if seen else [])


@pytest.mark.parametrize(
    "options, dropped",
    [
        ({}, {"的", "，", "三", "要"}),
        ({"numbers": True}, {"的", "，", "三", "要", "2024"}),
        ({"min_chars": 2}, {"的", "县", "镇", "，", "三", "要"}),
        ({"keep": ["要"]}, {"的", "，", "三"}),
        ({"stopwords": ["县"], "punct": False}, {"县"}),
    ],
)
def test_removal_mask_names_the_types_tokens_remove_drops(options, dropped):
    toks = pd.DataFrame({"token": ["的", "县", "镇", "，", "2024", "三", "百千万工程", "要", "县"]})
    types = pd.Series(list(dict.fromkeys(toks["token"])), dtype="str")
    assert set(types[removal_mask(types, **options)]) == dropped
    kept = tokens_remove(toks, **options)["token"].tolist()
    assert kept == [t for t in toks["token"] if t not in dropped]
