"""Small token tables of real Chinese policy wording with three clear themes."""

from __future__ import annotations

import pandas as pd

#: Three themes of 百千万工程 reporting, each with its own vocabulary.
THEMES = {
    "产业": ["产业转移", "园区", "招商引资", "制造业", "项目", "投资"],
    "乡村": ["乡村振兴", "农房", "农民", "村庄", "人居环境", "和美乡村"],
    "党建": ["党建引领", "基层党组织", "带头人", "组织体系", "党员", "干部"],
}


def paragraph_tokens(theme: str, i: int) -> list[str]:
    """A paragraph: four of the theme's words, a connector, punctuation and a stopword."""
    words = THEMES[theme]
    picked = [words[(i + j) % len(words)] for j in range(4)]
    return [picked[0], "，", "要", picked[1], "和", picked[2], "，", "推动", picked[3], "。"]


def themed_tokens(per_theme: int = 4, docs: int = 3) -> pd.DataFrame:
    """``per_theme`` paragraphs of each theme spread over ``docs`` documents."""
    rows = []
    n = 0
    for theme in THEMES:
        for i in range(per_theme):
            doc_id = f"d{n % docs}"
            para_id = n // docs + 1
            for t, tok in enumerate(paragraph_tokens(theme, i), start=1):
                rows.append(
                    {
                        "doc_id": doc_id,
                        "para_id": para_id,
                        "sent_id": 1,
                        "token_id": t,
                        "token": tok,
                        "theme": theme,
                    }
                )
            n += 1
    return pd.DataFrame(rows)
