"""Which column of a table or manifest holds which field: the one table of column names.

Table files (CSV, JSONL, Parquet, XLSX: one article per row) and manifests
name their columns as whoever made them chose: ``text`` in this package's own
files, ``content`` or ``body`` in English exports, ``正文``/``标题``/``发布时间``
/``来源`` in the exports of Chinese crawlers and news databases. Every reader
asks :func:`field_columns` which column holds each field, so adding a name
here teaches all of them at once.

For each field the names are tried in order and the first one present wins
(``text`` before ``content`` before ``正文`` …); Latin names match whatever
their case and surrounding spaces. Sources of the Chinese names: the column
headers of crawler exports (标题, 正文/内容, 发布时间/发布日期, 来源/媒体, 作者,
链接/网址) as listed in issue 13, plus their common variants (文章标题, 原文链接…).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["FIELD_ALIASES", "aliases_of", "field_columns"]

#: Field → the column names that hold it, in order of preference.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id"),
    "file": ("file", "文件", "文件名"),
    "text": (
        "text",
        "content",
        "body",
        "article",
        "正文",
        "内容",
        "正文内容",
        "文章内容",
        "全文",
    ),
    "title": ("title", "headline", "标题", "文章标题", "新闻标题", "题目"),
    "published": (
        "published",
        "date",
        "publish_time",
        "publish_date",
        "pubdate",
        "发布时间",
        "发布日期",
        "日期",
        "发表时间",
        "发文日期",
    ),
    "outlet": ("outlet", "source", "media", "来源", "媒体", "来源媒体", "媒体名称"),
    "author": ("author", "作者"),
    "url": ("url", "link", "链接", "网址", "原文链接", "文章链接"),
    "genre": ("genre", "体裁"),
    "tags": ("tags", "标签"),
    "notes": ("notes", "备注"),
}


def _norm(name: object) -> str:
    return str(name).strip().lower()


def aliases_of(field: str) -> tuple[str, ...]:
    """The column names that hold ``field`` (for messages: what was looked for)."""
    return FIELD_ALIASES[field]


def field_columns(columns: Iterable[object]) -> dict[str, str]:
    """``{field: column}`` for every field of :data:`FIELD_ALIASES` that ``columns`` hold.

    ``column`` is the name as it is in ``columns`` (to index the rows with);
    for each field the first of its aliases present wins (no name is the
    alias of two fields).
    """
    by_norm: dict[str, str] = {}
    for column in columns:
        by_norm.setdefault(_norm(column), str(column))
    found: dict[str, str] = {}
    for field, names in FIELD_ALIASES.items():
        column = next((by_norm[n] for n in map(_norm, names) if n in by_norm), None)
        if column is not None:
            found[field] = column
    return found
