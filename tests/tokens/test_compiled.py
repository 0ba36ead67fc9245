"""The compiled engine: exact replicas of ``jieba.Tokenizer.cut`` and ``jieba.posseg``.

Cut mode must give exactly ``get_tokenizer().lcut(text)`` without whitespace
tokens; posseg mode exactly ``get_pos_tokenizer().cut(text)``'s pairs.
"""

from __future__ import annotations

import random
import re

import jieba
import jieba.finalseg
import jieba.posseg
import numpy as np
import pytest

from bqw_research import corpus_paragraphs
from bqw_research.tokens import domain_lexicon, get_pos_tokenizer, get_tokenizer
from bqw_research.tokens.compiled.segmenter import JitSegmenter, get_jit_segmenter


@pytest.fixture(scope="module")
def seg() -> JitSegmenter:
    return get_jit_segmenter()


def reference(text: str) -> list[str]:
    """jieba itself (with the domain lexicon), whitespace tokens dropped."""
    return [w for w in get_tokenizer().lcut(text) if not w.isspace()]


def check(seg: JitSegmenter, text: str) -> None:
    assert seg.cut(text) == reference(text), text


# ----------------------------------------------------------------------------- hand-checked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("韶关市推进百千万工程和高质量发展", ["韶关市", "推进", "百千万工程", "和", "高质量发展"]),
        ("我来到北京清华大学", ["我", "来到", "北京", "清华大学"]),
        # 杭研 is not in the dictionary: jieba's HMM (finalseg) finds it
        ("他来到了网易杭研大厦", ["他", "来到", "了", "网易", "杭研", "大厦"]),
        ("iPhone15售价上涨3.5%", ["iPhone15", "售价", "上涨", "3.5%"]),
        ("C++和C#都是语言", ["C++", "和", "C#", "都", "是", "语言"]),
        ("2024年GDP增长5.2%", ["2024", "年", "GDP", "增长", "5.2%"]),
        # astral characters and full-width punctuation: one token each; whitespace dropped
        ("😀好𠀀字 end。", ["😀", "好", "𠀀", "字", "end", "。"]),
        ("a\r\nb\u3000c\xa0d\te", ["a", "b", "c", "d", "e"]),
        ("", []),
        (" \r\n\t\u3000 ", []),
    ],
)
def test_hand_checked_tokens(seg, text, expected):
    assert seg.cut(text) == expected
    assert reference(text) == expected  # and jieba agrees


def test_spans_are_code_point_offsets(seg):
    text = "😀 百千万工程\n好"
    starts, ends = seg.spans(text)
    assert starts.dtype == np.int64 and ends.dtype == np.int64
    assert starts.tolist() == [0, 2, 8]
    assert ends.tolist() == [1, 7, 9]


@pytest.mark.parametrize("text", ["", " ", "\r\n", "\u3000\xa0\t\n"])
def test_empty_and_whitespace_only(seg, text):
    starts, ends = seg.spans(text)
    assert starts.size == ends.size == 0
    assert seg.cut(text) == [] == reference(text)


def test_lexicon_words_stay_whole(seg):
    words = [w for w in domain_lexicon()["word"] if isinstance(w, str) and w]
    assert words
    for w in words:
        text = f"我们推进{w}。"
        assert seg.cut(text) == reference(text)
        assert w in seg.cut(text)


# ----------------------------------------------------------------------------- real text


def test_shipped_corpus_paragraphs(seg, seed_corpus, seed_paragraphs):
    texts = seed_paragraphs["text"].tolist()
    assert texts
    for text in texts:
        check(seg, text)
    for text in seed_corpus["text"]:  # whole documents, as the ingest cuts them
        check(seg, text)


def test_shared_corpus_paragraphs(seg, shared_corpus):
    texts = corpus_paragraphs(shared_corpus)["text"].tolist()
    assert len(texts) > 100
    for text in texts:
        check(seg, text)


# ----------------------------------------------------------------------------- random text

_HAN_COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞韶关杭研"
_POOLS = [
    _HAN_COMMON,
    "".join(chr(c) for c in range(0x4E00, 0x9FD6, 97)),  # Han spread over the whole block
    "\u3400\u4dbf\u9fd6\u9fffアあ가",  # CJK outside jieba's block range, kana, hangul
    "abcxyzABCXYZ",
    "0123456789",
    "+#&._%-",
    "  \t\n\r\n\u3000\xa0\x1c\u2028",
    "，。！？、：；“”（）《》【】…—％＋",
    "😀🎉𠀀𪚥\U0010fffd",
]


def _random_text(rng: random.Random, lexicon: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(0, 12)):
        r = rng.random()
        if r < 0.15:
            parts.append(rng.choice(lexicon))
        elif r < 0.2:
            parts.append("\r\n")
        else:
            pool = rng.choice(_POOLS)
            parts.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 8))))
    return "".join(parts)


def test_random_mixed_strings(seg):
    rng = random.Random(20261122)
    lexicon = [w for w in domain_lexicon()["word"] if isinstance(w, str) and w]
    texts = [_random_text(rng, lexicon) for _ in range(3000)]
    assert sum(1 for t in texts if any(ord(c) > 0xFFFF for c in t)) > 100
    for text in texts:
        check(seg, text)


def test_random_han_runs_exercise_finalseg(seg):
    # long runs of rare characters: DAG single steps gathered into buffers for the HMM
    rng = random.Random(7)
    rare = "".join(chr(c) for c in range(0x4E00, 0x9FD6, 13))
    for _ in range(500):
        text = "".join(
            rng.choice(rare) if rng.random() < 0.7 else rng.choice("ab1.5%-_") for _ in range(40)
        )
        check(seg, text)


# ----------------------------------------------------------------------------- other tokenizers


def test_own_tokenizer_with_force_split_word():
    """A fresh tokenizer: words added, and a Force_Split_Words entry (add_word with freq 0)."""
    tk = jieba.Tokenizer()
    tk.initialize()
    tk.add_word("网易杭研", 5, tag="nt")
    before = set(jieba.finalseg.Force_Split_Words)
    try:
        tk.add_word("杭研", 0)  # finalseg must now split 杭研 into characters
        seg = JitSegmenter(tk, jieba.posseg.POSTokenizer(tk))
        for text in ["他来到了杭研大厦", "网易杭研大厦", "杭研", "我们在杭研工作 abc 1.5%"]:
            want = [w for w in tk.lcut(text) if not w.isspace()]
            assert seg.cut(text) == want
        assert "杭研" not in seg.cut("他来到了杭研大厦")
        assert ("网易杭研", "nt") in seg.cut_pos("网易杭研大厦")
    finally:
        jieba.finalseg.Force_Split_Words.clear()
        jieba.finalseg.Force_Split_Words.update(before)


def test_equal_paths_go_to_the_longer_first_word():
    """calc's tie: max over (value, x) tuples takes the larger x, with jieba's float sums."""
    tk = jieba.Tokenizer()
    tk.initialize()
    for word, freq in [("龘", 10), ("齉", 10), ("龘靐", 1000), ("靐齉", 1000)]:
        tk.add_word(word, freq)
    seg = JitSegmenter(tk, jieba.posseg.POSTokenizer(tk))
    # log(f(龘)) + log(f(靐齉)) == log(f(龘靐)) + log(f(齉)): a tie, 龘靐 wins
    assert tk.lcut("龘靐齉") == ["龘靐", "齉"]
    assert seg.cut("龘靐齉") == ["龘靐", "齉"]
    assert seg.cut("他说龘靐齉。") == tk.lcut("他说龘靐齉。")


# ----------------------------------------------------------------------------- posseg mode


def reference_pos(text: str) -> list[tuple[str, str]]:
    """jieba.posseg itself (with the domain lexicon), whitespace tokens dropped."""
    return [
        (p.word, p.flag) for p in get_pos_tokenizer().cut(text, HMM=True) if not p.word.isspace()
    ]


def check_pos(seg: JitSegmenter, text: str) -> None:
    assert seg.cut_pos(text) == reference_pos(text), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lexicon words whole, with the lexicon's tag
        ("韶关市推进百千万工程", [("韶关市", "ns"), ("推进", "v"), ("百千万工程", "nz")]),
        ("清华大学", [("清华大学", "nt")]),  # dict.txt's tag
        # a name found by jieba.posseg's HMM (not in the dictionary)
        ("王瑞军说", [("王瑞军", "nr"), ("说", "v")]),
        # 2024年 is one buffer of single steps: __cut_detail -> 2024 m, 年 from the HMM
        ("2024年", [("2024", "m"), ("年", "m")]),
        ("GDP增长", [("GDP", "eng"), ("增长", "v")]),
        # % is outside re_han_internal: its own token, x (jieba.cut keeps 5.2% whole)
        ("增长5.2%", [("增长", "v"), ("5.2", "m"), ("%", "x")]),
        # a single letter in a block: word_tag_tab.get('a', 'x'), not eng
        ("a%", [("a", "x"), ("%", "x")]),
        ("a-b", [("a", "x"), ("-", "x"), ("b", "x")]),
        # re_skip_detail: [\.0-9]+ first, then [a-zA-Z0-9]+; the rest x
        ("x+y_z&", [("x", "eng"), ("+", "x"), ("y", "eng"), ("_", "x"), ("z", "eng"), ("&", "x")]),
        ("1.5.6", [("1.5.6", "m")]),
        (
            "C++和C#都是语言",
            [("C++", "nz"), ("和", "c"), ("C#", "nz"), ("都", "d"), ("是", "v"), ("语言", "n")],
        ),
        (
            "😀好𠀀字 end。",
            [("😀", "x"), ("好", "a"), ("𠀀", "x"), ("字", "n"), ("end", "eng"), ("。", "x")],
        ),
        ("a\r\nb\u3000c", [("a", "x"), ("b", "x"), ("c", "x")]),
        ("", []),
        (" \r\n\t\u3000\xa0 ", []),
    ],
)
def test_pos_hand_checked(seg, text, expected):
    assert seg.cut_pos(text) == expected
    assert reference_pos(text) == expected  # and jieba.posseg agrees


def test_spans_pos_are_code_point_offsets(seg):
    text = "😀 百千万工程\n王瑞军说"
    starts, ends, tags = seg.spans_pos(text)
    assert starts.dtype == np.int64 and ends.dtype == np.int64
    assert starts.tolist() == [0, 2, 8, 11]
    assert ends.tolist() == [1, 7, 11, 12]
    assert [seg.tag_names[t] for t in tags.tolist()] == ["x", "nz", "nr", "v"]


@pytest.mark.parametrize("text", ["", " ", "\r\n", "\u3000\xa0\t\n"])
def test_pos_empty_and_whitespace_only(seg, text):
    starts, ends, tags = seg.spans_pos(text)
    assert starts.size == ends.size == tags.size == 0
    assert seg.cut_pos(text) == [] == reference_pos(text)


def test_pos_lexicon_words_stay_whole_with_their_tag(seg):
    lex = domain_lexicon()
    table = get_pos_tokenizer().word_tag_tab
    pairs = [(w, table[w]) for w in lex["word"] if isinstance(w, str) and w and w in table]
    assert pairs
    for w, tag in pairs:
        text = f"我们推进{w}。"
        check_pos(seg, text)
        assert (w, tag) in seg.cut_pos(text)


def test_pos_shipped_corpus(seg, seed_corpus, seed_paragraphs):
    texts = seed_paragraphs["text"].tolist()
    assert texts
    for text in texts:
        check_pos(seg, text)
    for text in seed_corpus["text"]:  # whole documents, as the ingest cuts them
        check_pos(seg, text)


def test_pos_shared_corpus(seg, shared_corpus):
    texts = corpus_paragraphs(shared_corpus)["text"].tolist()
    assert len(texts) > 100
    for text in texts:
        check_pos(seg, text)
    for text in shared_corpus["text"]:
        check_pos(seg, text)


def test_pos_random_mixed_strings(seg):
    # the same seeded strings as test_random_mixed_strings (2,000 of them: jieba.posseg's
    # Python HMM, the reference, takes ~6 ms per string on these rare characters)
    rng = random.Random(20261122)
    lexicon = [w for w in domain_lexicon()["word"] if isinstance(w, str) and w]
    texts = [_random_text(rng, lexicon) for _ in range(2000)]
    assert sum(1 for t in texts if any(ord(c) > 0xFFFF for c in t)) > 60
    for text in texts:
        check_pos(seg, text)
    # many of them in one text: the placeholders of many HMM runs spliced in one call
    joined = "\n".join(texts[:200])
    starts, ends, tags = seg.spans_pos(joined)
    assert (tags >= 0).all() and (starts[1:] >= ends[:-1]).all()
    assert seg.cut_pos(joined) == reference_pos(joined)


def test_pos_random_han_runs_exercise_the_hmm(seg):
    # long runs of rare characters mixed with block ASCII: __cut_detail on long buffers
    rng = random.Random(7)
    rare = "".join(chr(c) for c in range(0x4E00, 0x9FD6, 13))
    for _ in range(120):
        text = "".join(
            rng.choice(rare) if rng.random() < 0.7 else rng.choice("ab1.5%-_+#&. ")
            for _ in range(40)
        )
        check_pos(seg, text)


def test_pos_own_tokenizer():
    """A fresh tokenizer with an added, tagged word: its tag and frequency are used."""
    tk = jieba.Tokenizer()
    tk.initialize()
    tk.add_word("网易杭研", 5, tag="nt")
    ptk = jieba.posseg.POSTokenizer(tk)
    seg = JitSegmenter(tk, ptk)
    for text in [
        "他来到了网易杭研大厦",
        "网易杭研",
        "我们在杭研工作 abc 1.5%",
        "王瑞军和GDP2024年",
    ]:
        want = [(p.word, p.flag) for p in ptk.cut(text, HMM=True) if not p.word.isspace()]
        assert seg.cut_pos(text) == want
    assert ("网易杭研", "nt") in seg.cut_pos("他来到了网易杭研大厦")


def _han_runs(texts: list[str]) -> list[str]:
    return [r for t in texts for r in re.findall("[\u4e00-\u9fd5]+", t)]


def test_pos_viterbi_equals_jiebas_viterbi(seg, shared_corpus):
    """The pruned, compiled Viterbi gives jieba.posseg's own routes on every run."""
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi

    rng = random.Random(11)
    rare = "".join(chr(c) for c in range(0x4E00, 0x9FD6, 7))
    runs = _han_runs(shared_corpus["text"].tolist())[:3000]
    runs += ["".join(rng.choice(rare) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    runs += ["王瑞军", "年", "的", "百千万工程", "\u9fd5\u4e00"]
    ours = seg.hmm_routes(runs)
    for run, route in zip(runs, ours, strict=True):
        _, want = viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)
        assert route == want, run


@pytest.mark.parametrize(
    "text",
    [
        "王瑞军和GDP2024年增长5.2%，百千万工程。",
        "他来到了网易杭研大厦 a%b-c x+y_z& 1.5.6",
        "\u9fd5\u4e00\u4e01 乂乃 😀",
    ],
)
def test_pos_fused_equals_step_by_step(seg, text):
    """The one-call kernel and the step-by-step path (the fallback) agree."""
    fused = seg.spans_pos(text)
    steps = seg.spans_pos_steps(text)
    for a, b in zip(fused, steps, strict=True):
        assert a.tolist() == b.tolist()
    assert seg.cut_pos(text) == reference_pos(text)


def test_segmenter_survives_pickling_with_the_same_tokens(seg):
    """The segmenter kept in the user's cache folder cuts exactly as the one built."""
    import pickle

    again = pickle.loads(pickle.dumps(seg, protocol=pickle.HIGHEST_PROTOCOL))
    for text in [
        "韶关市推进百千万工程和高质量发展",
        "他来到了网易杭研大厦 a%b 1.5",
        "😀好𠀀字 end。",
    ]:
        assert again.cut(text) == seg.cut(text) == reference(text)
        assert again.cut_pos(text) == seg.cut_pos(text) == reference_pos(text)
        assert again.spans_pos_steps(text)[0].tolist() == seg.spans_pos(text)[0].tolist()


# ----------------------------------------------------------------------------- user words

USER_WORDS = ("湾区融城", "韶关丹霞 ns", "百县千镇", "县域经济高质量发展 nz")
USER_TEXTS = [
    "粤港澳湾区融城发展，韶关丹霞山景区推动百县千镇建设。",
    "推动县域经济高质量发展，百县千镇万村一起干。",
    "湾区融城湾区融城，韶关丹霞",
]


@pytest.mark.parametrize("pos", [False, True], ids=["cut", "posseg"])
def test_user_words_give_the_same_tokens_in_both_engines(pos, seed_paragraphs):
    """Both engines built with user words agree (tokens and tags), and keep the words whole."""
    from bqw_research.tokens import read_user_words, segment

    words = read_user_words(USER_WORDS)
    texts = [*USER_TEXTS, *seed_paragraphs["text"].tolist()[:20]]
    for text in texts:
        exact = segment(text, pos=pos, engine="exact", user_words=words)
        assert exact == segment(text, pos=pos, engine="jieba", user_words=words), text
    first = segment(USER_TEXTS[0], pos=pos, user_words=words)
    got = [t[0] for t in first] if pos else first
    assert {"湾区融城", "韶关丹霞", "百县千镇"} <= set(got)
