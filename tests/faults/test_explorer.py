"""Explorer comparisons that cannot be drawn say why, naming the groups."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textplot import explorer_html
from bqw_research.textstat.compare import COMPARISON_COLUMNS, textstat_comparison

TOKS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "b"],
        "para_id": 1,
        "sent_id": 1,
        "token_id": [1, 2, 1, 2],
        "token": ["乡村振兴", "农房", "园区", "招商引资"],
    }
)
GROUPS = {"a": "乡村", "b": "产业"}


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        (
            "生态",
            "产业",
            r"no counted tokens for group\(s\) \['生态'\]; groups are: 乡村, 产业|groups are: 产业, 乡村",
        ),
        ("乡村", "党建", r"\['党建'\]"),
        ("乡村", "乡村", "two different groups"),
    ],
)
def test_unknown_or_repeated_groups_are_refused(a, b, message):
    with pytest.raises(ValueError, match=message):
        textstat_comparison(TOKS, group=GROUPS, a=a, b=b, min_count=1)


def test_a_group_that_is_the_whole_corpus_has_no_rest():
    with pytest.raises(ValueError, match="no rest to compare with"):
        textstat_comparison(TOKS, group={"a": "乡村", "b": "乡村"}, a="乡村", min_count=1)


def test_nothing_to_draw_and_unknown_scale_are_refused():
    with pytest.raises(ValueError, match="no term"):
        explorer_html(pd.DataFrame(columns=COMPARISON_COLUMNS), pd.DataFrame(), embed_font=False)
    table = textstat_comparison(TOKS, group=GROUPS, a="乡村", b="产业", min_count=1)
    with pytest.raises(ValueError, match="scale must be one of"):
        explorer_html(table, pd.DataFrame(), scale="linear", embed_font=False)
