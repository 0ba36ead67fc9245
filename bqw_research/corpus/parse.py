"""Parse one article (Markdown with inline HTML, HTML, or plain text) into structure.

The parser turns a decoded text into blocks, classifies each block (heading,
paragraph, source line, footer, credits, furniture, …), repairs paragraphs
broken by page layout, and then cleans each paragraph with
:data:`bqw_research.clean.clean_inline`. What is not article text is kept as
metadata (title, outlet, url, author) or recorded in ``removed`` by kind, so
the cleaning report can show exactly what was taken out.

The reposters' emphasis markup (red ``<font color>`` key terms, highlighted
``<span style="background…">`` sentences, ``<strong>``/``**`` bold) is read
from each paragraph *before* the tags are stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from html.parser import HTMLParser
from itertools import accumulate

from .clean import (
    clean_inline,
    clean_plain,
    has_inline_markup,
    looks_broken,
    normalize_newlines,
    remove_bom,
)

#: Bump when parsing output changes (part of every cache key).
PARSER_VERSION = "2"

_HEADING_RE = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
#: A Weibo/WeChat topic tag at the start of a line (``#乡村振兴# 正文…``): text, not a
#: heading (a heading's ``#`` run is not closed by another ``#`` before the text goes on).
_TOPIC_TAG_RE = re.compile(r"^#[^#\s][^#\n]{0,63}#(?!#)")
_RULE_RE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_QUOTE_RE = re.compile(r"^\s*>\s?(.*)$")
_SHORTCODE_LINE_RE = re.compile(r"^\s*(?:\{\{[<%].*?[%>]\}\}\s*)+$")
_IMAGE_LINE_RE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_LINK_ONLY_RE = re.compile(r"^\s*(?:#{1,6}\s*)?\[[^\]]*\]\([^)]*\)\s*$")
_SOURCE_RE = re.compile(
    r"^(?P<outlet>[^\[]*?)\s*\[(?:原文链接|阅读原文|原文)\]\((?P<url>[^)\s]+)\)"
)
_FOOTER_AUTHOR_RE = re.compile(
    r"^(?:作者|Author)\s*[:：]\s*(?:\[(?P<a>[^\]]+)\]\([^)]*\)|(?P<b>.+))$", re.I
)
_FOOTER_URL_RE = re.compile(r"^(?:URL|链接|原文地址)\s*[:：]\s*(?P<url>\S+)\s*$", re.I)
_CREDIT_ROLES = (
    "总策划|策划|出品人|出品|监制|统筹|总监制|主编|执行主编|编辑|责任编辑|责编|校对|审核|审校|终审|"
    "美编|设计|视觉|海报|视频|摄影|摄像|通讯员|撰文|文字|记者|作者|来源|文|图"
)
_CREDIT_RE = re.compile(rf"^(?P<role>{_CREDIT_ROLES})\s*[：:|｜/]\s*(?P<who>.+)$")
#: The first characters of the roles: a line starting otherwise is no credit.
_CREDIT_FIRST = frozenset(role[0] for role in _CREDIT_ROLES.split("|"))
_AUTHOR_ROLES = {"作者", "撰文", "文", "记者", "文字"}
_BYLINE_RE = re.compile(
    r"^[（(]\s*(?P<who>[\u4e00-\u9fff·]{2,6}(?:[ 、][\u4e00-\u9fff·]{2,6}){0,3})\s*[)）]$"
)
_BOLD_LINE_RE = re.compile(
    r"^\s*(?:\*\*(?P<a>.+?)\*\*|<(?:strong|b)>(?P<b>.+?)</(?:strong|b)>)\s*$", re.S
)
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;，,：:]")
_MD_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_TAG_SPLIT_RE = re.compile(r"(<[^<>]+>)")
_TAG_PARTS_RE = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_TAG_FIND_RE = re.compile(r"<[^<>]+>")
_ENTITY_FIND_RE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
_MARKS_FIND_RE = re.compile(r"\*\*|\]\(")
_MULTILINE_DROP = [
    ("iframe", re.compile(r"<iframe\b.*?(?:</iframe>|/>)", re.I | re.S)),
    ("script", re.compile(r"<script\b.*?</script>", re.I | re.S)),
    ("style", re.compile(r"<style\b.*?</style>", re.I | re.S)),
    ("html_comment", re.compile(r"<!--.*?-->", re.S)),
    (
        "video",
        re.compile(
            r"<(?:video|audio|object|embed)\b.*?(?:</(?:video|audio|object)>|/>|>)", re.I | re.S
        ),
    ),
]
_HTML_HEADING_RE = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.I | re.S)
_HTML_BLOCK_RE = re.compile(
    r"</?(?:p|div|section|article|blockquote|li|ul|ol|table|tr)\b[^>]*>", re.I
)
_BR_RE = re.compile(r"<br\s*/?>", re.I)
#: The start every pattern of ``_MULTILINE_DROP`` needs: without it none can match.
_MULTILINE_DROP_HINT_RE = re.compile(r"<(?:iframe|script|style|!--|video|audio|object|embed)", re.I)
#: The start each of ``_HTML_HEADING_RE``, ``_BR_RE`` and ``_HTML_BLOCK_RE`` needs.
_HTML_LAYOUT_HINT_RE = re.compile(
    r"<(?:h[1-6]|br|/?(?:p|div|section|article|blockquote|li|ul|ol|table|tr)\b)", re.I
)
_FONT_COLOR_RE = re.compile(r"color\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_SPAN_BACKGROUND_RE = re.compile(r"background(?:-color)?\s*:\s*([^;\"']+)", re.I)
_FULL_STOP_RE = re.compile("[。！？]")
_OUTLET_SUFFIX_RE = re.compile(r"(?:微信公众号|公众号|客户端|微信)$")
_HEADING_TAG_RE = re.compile(r"h[1-6]")
_NEWLINE_RUN_RE = re.compile(r"\s*\n\s*")
# First characters (of a stripped line) without which a line pattern cannot match;
# _classify tries each pattern only on lines that start with one of them.
_RULE_FIRST = frozenset("-*_=")
_LIST_FIRST = frozenset("-*+")
_BOLD_LINE_FIRST = frozenset("*<")

_EMPH_TAGS = {"font", "span", "strong", "b"}


@dataclass
class Paragraph:
    """One body paragraph: the heading it stands under, its raw markup and its clean text."""

    section: str
    raw: str
    text: str = ""


@dataclass
class ParsedDoc:
    """The result of :func:`parse_document`."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    repost_author: str | None = None
    repost_url: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    #: ``(paragraph index (0-based), kind, text, style)``
    emphasis: list[tuple[int, str, str, str]] = field(default_factory=list)
    #: ``(kind, example text, count)``: what was removed or repaired.
    removed: list[tuple[str, str, int]] = field(default_factory=list)

    def note(self, kind: str, example: str, n: int = 1) -> None:
        """Record ``n`` removed or repaired items of ``kind``."""
        self.removed.append((kind, example, n))

    def __reduce__(self):
        # Pickled as plain tuples (paragraphs too): about twice as fast as the default
        # for the many documents the ingest caches and sends between processes.
        state = tuple(
            [(p.section, p.raw, p.text) for p in self.paragraphs]
            if f.name == "paragraphs"
            else getattr(self, f.name)
            for f in fields(self)
        )
        return (_restore_parsed, state)

    @property
    def text(self) -> str:
        """The clean article text: paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


def _restore_parsed(*state) -> ParsedDoc:
    values = dict(zip([f.name for f in fields(ParsedDoc)], state, strict=True))
    values["paragraphs"] = [Paragraph(*p) for p in values["paragraphs"]]
    return ParsedDoc(**values)


@dataclass
class _Block:
    kind: str
    raw: str
    level: int = 0
    text: str = ""


class _HTMLToMarkdown(HTMLParser):
    """Turn an HTML page into Markdown-with-inline-HTML the block parser understands.

    Block elements become blank-line separated blocks, ``<h1>``…``<h6>`` become
    ``#`` headings, emphasis tags are kept as inline HTML, page chrome
    (``nav``, ``header``, ``footer``, ``aside``, ``script``, ``style``) is dropped.
    """

    _SKIP = frozenset(
        {
            "script",
            "style",
            "nav",
            "header",
            "footer",
            "aside",
            "noscript",
            "iframe",
            "svg",
            "form",
        }
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "li",
            "tr",
            "blockquote",
            "ul",
            "ol",
            "table",
            "main",
            "body",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skip_depth = 0
        self.title: str | None = None
        self._in_title = False
        self.dropped: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skip_depth += 1
            self.dropped.append(tag)
            return
        if self.skip_depth:
            return
        if tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.out.append("\n\n")
        elif _HEADING_TAG_RE.fullmatch(tag):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "br":
            self.out.append("\n")
        elif tag in _EMPH_TAGS:
            attr = " ".join(f'{k}="{v}"' for k, v in attrs if v is not None)
            self.out.append(f"<{tag}{' ' + attr if attr else ''}>")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag == "title":
            self._in_title = False
        elif tag in self._BLOCK or _HEADING_TAG_RE.fullmatch(tag):
            self.out.append("\n\n")
        elif tag in _EMPH_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self._in_title:
            self.title = (self.title or "") + data
            return
        self.out.append(_NEWLINE_RUN_RE.sub(" ", data) if "\n" in data else data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def html_to_markdown(text: str) -> tuple[str, str | None, list[str]]:
    """Convert a full HTML page; return ``(markdown, <title>, dropped tag names)``."""
    parser = _HTMLToMarkdown()
    parser.feed(text)
    parser.close()
    title = clean_inline(parser.title).strip() if parser.title else None
    return "".join(parser.out), title, parser.dropped


def looks_like_html_page(text: str) -> bool:
    """True for a full HTML document (doctype or ``<html>``/``<body>`` near the start)."""
    head = text[:2000].lower()
    return "<!doctype html" in head or "<html" in head or "<body" in head


def _clean(raw: str) -> str:
    return clean_inline(raw).strip()


def _is_short_label(text: str, *, max_chars: int = 6) -> bool:
    return 0 < len(text) <= max_chars and not _SENTENCE_PUNCT.search(text)


#: ``_tag_info`` by tag text: a corpus has few distinct tags, each seen thousands of times.
_TAG_INFO: dict[str, tuple[bool, str, str | None, str] | tuple[()]] = {}
_TAG_INFO_MAX = 4096


def _tag_info(part: str) -> tuple[bool, str, str | None, str] | tuple[()]:
    """``(closing, lower-case name, emphasis kind or None, style)`` of a tag; ``()`` if not a tag."""
    tag = _TAG_PARTS_RE.match(part)
    if tag is None:
        return ()
    closing, name, attrs = tag.groups()
    name = name.lower()
    kind, style = None, ""
    if not closing:
        if name == "font":
            color = _FONT_COLOR_RE.search(attrs)
            kind, style = "key_term", (color.group(1).lower() if color else "")
        elif name == "span":
            bg = _SPAN_BACKGROUND_RE.search(attrs)
            if bg:
                kind, style = "highlight", bg.group(1).strip().lower()
        elif name == "strong" or name == "b":
            kind = "bold"
    info = (bool(closing), name, kind, style)
    if len(part) <= 256:  # tags, not the odd text part that starts with "<"
        if len(_TAG_INFO) >= _TAG_INFO_MAX:
            _TAG_INFO.clear()
        _TAG_INFO[part] = info
    return info


def _close_tag(stack: list, found: list, name: str, pos: int) -> None:
    """A closing tag at ``pos`` ends the innermost open tag of that name (if any)."""
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == name:
            _, kind, style, start = stack.pop(i)
            if kind:
                found.append((start, -pos, len(found), kind, style))
            return


def _emphasis_spans(parts: list[str]) -> tuple[str, list]:
    """The text without tags, and the emphasis spans ``(start, -end, seq, kind, style)``.

    ``parts`` is the markup split at tags (``_TAG_SPLIT_RE``): text, tag, text, …
    """
    stack: list[tuple[str, str | None, str, int]] = []
    found: list[tuple[int, int, int, str, str]] = []
    buf: list[str] = []
    pos = 0
    known = _TAG_INFO.get
    for part in parts:
        # A part that does not start with "<" cannot match the tag pattern: text.
        info = (known(part) or _tag_info(part)) if part[:1] == "<" else None
        if info:
            closing, name, _, _ = info
            if name == "br":
                buf.append("\n")
                pos += 1
            elif not closing:
                stack.append((name, info[2], info[3], pos))
            else:
                _close_tag(stack, found, name, pos)
        elif part:
            buf.append(part)
            pos += len(part)
    return "".join(buf), found


def _emphasis_spans_fast(parts: list[str]) -> tuple[str, list] | None:
    """:func:`_emphasis_spans` for markup whose every ``<`` opens a split tag.

    Then the even parts are all text, so the text and each tag's position are
    known without a loop over the text. Returns None (use the general loop) at
    the first ``<br>`` or non-tag among the tag parts.
    """
    known = _TAG_INFO.get
    stack: list[tuple[str, str | None, str, int]] = []
    found: list[tuple[int, int, int, str, str]] = []
    texts = parts[0::2]
    # (one more text than tags: zip stops at the last tag)
    for pos, part in zip(accumulate(map(len, texts)), parts[1::2], strict=False):
        info = known(part) or _tag_info(part)
        if not info or info[1] == "br":
            return None
        closing, name, kind, style = info
        if not closing:
            stack.append((name, kind, style, pos))
        elif stack and stack[-1][0] == name:  # the usual case: closes the last one
            _, kind, style, start = stack.pop()
            if kind:
                found.append((start, -pos, len(found), kind, style))
        else:
            _close_tag(stack, found, name, pos)
    return "".join(texts), found


def extract_emphasis(raw: str) -> list[tuple[str, str, str]]:
    """Emphasis spans in one paragraph's raw markup: ``(kind, clean text, style)``.

    ``<font color=…>`` → ``key_term`` (style = the colour), ``<span
    style="background…">`` → ``highlight`` (style = the background), ``<strong>``,
    ``<b>`` and Markdown ``**…**`` → ``bold``. Nested spans are each reported.
    """
    if "**" not in raw and "<" not in raw:
        return []  # no tags and no Markdown bold: nothing to find (same result, faster)
    return _emphasis_and_tags(raw)[0]


def _emphasis_and_tags(raw: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """:func:`extract_emphasis` and the paragraph's tags (``_TAG_FIND_RE.findall(raw)``).

    Without Markdown bold the tags are the separators of the split the
    emphasis is read from, so one scan finds both.
    """
    if "**" in raw:
        tags = _TAG_FIND_RE.findall(raw) if "<" in raw else []
        raw = _MD_BOLD_RE.sub(r"<strong>\1</strong>", raw)
        parts = _TAG_SPLIT_RE.split(raw)
    else:
        parts = _TAG_SPLIT_RE.split(raw)
        tags = parts[1::2]  # the split's separators are findall's matches
    # Each split tag holds exactly one "<": equal counts mean no text part has one.
    fast = _emphasis_spans_fast(parts) if raw.count("<") == len(parts) >> 1 else None
    text, found = fast if fast is not None else _emphasis_spans(parts)
    out = []
    # Without inline markup in the text, none of its spans has any: skip that check.
    clean = clean_inline if has_inline_markup(text) else clean_plain
    # Sorted by start, then longest first, then in the order found (a stable sort's order).
    for start, neg_end, _, kind, style in sorted(found):
        span = clean(text[start:-neg_end]).strip()
        if span:
            out.append((kind, span, style))
    return out, tags


def _split_blocks(text: str) -> list[_Block]:
    """Line-based block split: each non-empty line is a block; quotes group together.

    Blank lines end a quote and are otherwise left out (no step after this one
    looks at them).
    """
    blocks: list[_Block] = []
    append = blocks.append
    quote: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and stripped[0] == ">":  # _QUOTE_RE matches exactly these lines
            quote.append(_QUOTE_RE.match(line).group(1))
            continue
        if quote:
            append(_Block("quote", "\n".join(quote)))
            quote = []
        if stripped:
            append(_Block("line", line))
    if quote:
        append(_Block("quote", "\n".join(quote)))
    return blocks


def _classify(block: _Block, doc: ParsedDoc) -> _Block:
    raw = block.raw
    if block.kind == "quote":
        lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
        if not lines:
            return _Block("blank", "")
        src = _SOURCE_RE.match(lines[0])
        if src:
            outlet = _clean(src.group("outlet"))
            return _Block("source", raw, text=outlet + "\t" + src.group("url"))
        if any(_FOOTER_AUTHOR_RE.match(ln) or _FOOTER_URL_RE.match(ln) for ln in lines):
            return _Block("footer", raw)
        return _Block("note", raw, text=_clean(" ".join(lines)))
    stripped = raw.strip()
    # Each line pattern is tried only when the line starts with a character it needs.
    first = stripped[:1]
    if first in _RULE_FIRST and _RULE_RE.match(stripped):
        return _Block("rule", raw)
    if first == "{" and _SHORTCODE_LINE_RE.match(stripped):
        return _Block("shortcode", raw)
    if first == "!" and _IMAGE_LINE_RE.match(stripped):
        return _Block("image", raw)
    m = _HEADING_RE.match(stripped) if first == "#" else None
    if m and _TOPIC_TAG_RE.match(stripped):
        m = None  # a topic tag opens the paragraph: its text stays body text
    if m:
        return _Block("heading", raw, level=len(m.group(1)), text=_clean(m.group(2)))
    m = _LIST_RE.match(stripped) if first in _LIST_FIRST or first.isdecimal() else None
    if m:
        item = m.group(1)
        if _LINK_ONLY_RE.match(item):
            return _Block("link_list", raw)
        hm = _HEADING_RE.match(item.strip())
        if hm:
            return _Block("link_list", raw, text=_clean(hm.group(2)))
        text = _clean(item)
        return _Block("para", item, text=text) if text else _Block("markup_only", raw)
    text = _clean(raw)
    if not text:
        return _Block("markup_only", raw)
    if len(text) <= 80 and text[0] in _CREDIT_FIRST and _CREDIT_RE.match(text):
        return _Block("credits", raw, text=text)
    if (
        first in _BOLD_LINE_FIRST
        and len(text) <= 40
        and _BOLD_LINE_RE.match(stripped)
        and not _SENTENCE_PUNCT.search(text[-1:])
        and not _FULL_STOP_RE.search(text)
    ):
        return _Block("heading", raw, level=5, text=text)
    return _Block("para", raw, text=text)


def _mark_furniture(blocks: list[_Block]) -> None:
    """Short labels with no body under them, and their echoes, are page furniture.

    A heading of at most four characters followed directly by another heading,
    credits or the end of the page (``# 百千万`` above the real title, ``# 奋进``
    above the credits) is a column label; so is a heading of up to six
    characters with nothing but credits or footers after it. A paragraph that
    repeats such a label, or a lone short label closing the page after the
    credits, is furniture too.
    """
    content = [b for b in blocks if b.kind != "blank"]
    furniture_texts: set[str] = set()
    for i, b in enumerate(content):
        if b.kind != "heading" or not _is_short_label(b.text):
            continue
        rest = [c for c in content[i + 1 :] if c.kind != "rule"]
        nxt = rest[0] if rest else None
        tail_only = all(
            c.kind in {"credits", "shortcode", "footer", "furniture", "para"}
            and (c.kind != "para" or _is_short_label(c.text, max_chars=4))
            for c in rest
        )
        short = _is_short_label(b.text, max_chars=4)
        if (
            short
            and (
                nxt is None
                or (nxt.kind == "heading" and nxt.level <= 3)
                or nxt.kind in {"credits", "shortcode", "footer"}
            )
        ) or tail_only:
            b.kind = "furniture"
            furniture_texts.add(b.text)
    last_body = max((i for i, b in enumerate(content) if b.kind == "para"), default=-1)
    for i, b in enumerate(content):
        if b.kind != "para":
            continue
        if b.text in furniture_texts:
            b.kind = "furniture"
        elif i == last_body and _is_short_label(b.text, max_chars=4):
            prev = content[i - 1] if i else None
            if prev is not None and prev.kind in {"credits", "furniture", "byline"}:
                b.kind = "furniture"


def parse_document(text: str, *, kind: str = "markdown", notes: bool = False) -> ParsedDoc:
    """Parse a decoded article.

    ``kind`` is ``"markdown"`` (also right for plain text), or ``"html"`` for a
    full HTML page. With ``notes=True`` the reposter's block-quoted notes are
    kept as paragraphs; by default they are recorded as removed (``note``).
    """
    doc = ParsedDoc()
    text = remove_bom(normalize_newlines(text))
    if kind == "html" or looks_like_html_page(text):
        text, html_title, dropped = html_to_markdown(text)
        doc.title = html_title or None
        for tag in dropped:
            doc.note("html_chrome", f"<{tag}>")
    if "<" in text:  # every pattern below starts with "<"
        if _MULTILINE_DROP_HINT_RE.search(text) is not None:
            for name, pattern in _MULTILINE_DROP:
                dropped_spans = pattern.findall(text)  # (no groups: whole matches)
                if dropped_spans:
                    for span in dropped_spans:
                        doc.note(name, span[:80])
                    text = pattern.sub("\n", text)
        if _HTML_LAYOUT_HINT_RE.search(text) is not None:
            text = _HTML_HEADING_RE.sub(
                lambda m: "\n\n" + "#" * int(m.group(1)) + " " + m.group(2) + "\n\n", text
            )
            text = _BR_RE.sub("\n", text)
            text, n_block_tags = _HTML_BLOCK_RE.subn("\n\n", text)
            if n_block_tags:
                doc.note("html_block_tag", "<p>/<div>", n_block_tags)

    blocks = [_classify(b, doc) for b in _split_blocks(text)]
    _mark_furniture(blocks)

    # Metadata blocks and the title.
    for b in blocks:
        if b.kind == "source" and doc.outlet is None:
            outlet, url = b.text.split("\t", 1)
            doc.outlet = _OUTLET_SUFFIX_RE.sub("", outlet).strip() or outlet
            doc.url = url
        elif b.kind == "footer":
            for ln in b.raw.split("\n"):
                ln = ln.strip()
                if m := _FOOTER_AUTHOR_RE.match(ln):
                    doc.repost_author = _clean(m.group("a") or m.group("b"))
                elif m := _FOOTER_URL_RE.match(ln):
                    doc.repost_url = m.group("url")
        elif b.kind == "credits":
            m = _CREDIT_RE.match(b.text)
            if m and m.group("role") in _AUTHOR_ROLES and doc.author is None:
                doc.author = m.group("who").strip()
    headings = [b for b in blocks if b.kind == "heading"]
    if headings:
        first = headings[0]
        top_level = min(h.level for h in headings)
        if first.level == top_level or first.level <= 2:
            if doc.title is None or doc.title == first.text:
                doc.title = first.text
            first.kind = "title"
    if doc.title is None:
        first_para = next((b for b in blocks if b.kind == "para"), None)
        if (
            first_para is not None
            and len(first_para.text) <= 40
            and not ends_with_stop(first_para.text)
        ):
            doc.title = first_para.text
            first_para.kind = "title"

    # Body paragraphs under their sections, with broken lines repaired.
    section = ""
    paras: list[Paragraph] = []
    adjacent = False  # previous content block was a paragraph with only blank lines since
    for b in blocks:
        if b.kind == "blank":
            continue
        if b.kind == "heading":
            section = b.text
            adjacent = False
            continue
        if b.kind == "note" and notes:
            b.kind = "para"
            b.raw = b.raw.replace("\n", " ")
        if b.kind != "para":
            if b.kind not in {"title"}:
                doc.note(b.kind, (b.text or b.raw).strip()[:80])
            adjacent = False
            continue
        if adjacent and paras and looks_broken(paras[-1].text, b.text):
            doc.note("joined_broken_line", paras[-1].text[-10:] + "⏎" + b.text[:10])
            paras[-1].raw = paras[-1].raw.rstrip() + b.raw.lstrip()
            paras[-1].text = paras[-1].text + b.text
        else:
            paras.append(Paragraph(section, b.raw, b.text))
        adjacent = True

    # A closing byline such as "（赵可义）" is the author, not a paragraph.
    if paras and (m := _BYLINE_RE.match(paras[-1].text)):
        doc.note("byline", paras[-1].text)
        doc.author = doc.author or m.group("who")
        paras.pop()
    if doc.author is None and doc.repost_author is not None:
        doc.author = doc.repost_author

    emphasis = doc.emphasis
    for i, p in enumerate(paras):
        raw = p.raw
        if "<" in raw:
            spans, tags = _emphasis_and_tags(raw)
            emphasis.extend([(i, kind, span, style) for kind, span, style in spans])
            if tags:
                doc.note("inline_html_tag", tags[0][:60], len(tags))
        elif "**" in raw:
            emphasis.extend([(i, kind, span, style) for kind, span, style in extract_emphasis(raw)])
        if "&" in raw:
            entities = _ENTITY_FIND_RE.findall(raw)
            if entities:
                doc.note("html_entity", entities[0], len(entities))
        if "*" in raw or "](" in raw:  # what _MARKS_FIND_RE looks for
            marks = _MARKS_FIND_RE.findall(raw)
            if marks:
                doc.note("markdown_inline", marks[0], len(marks))
    doc.paragraphs = paras
    return doc


def ends_with_stop(text: str) -> bool:
    """True when the text ends with sentence punctuation (used to tell titles from prose)."""
    return bool(text) and text.rstrip("”’」』）) ")[-1:] in set("。！？!?…；;")
