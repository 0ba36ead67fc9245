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
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .clean import (
    clean_inline,
    looks_broken,
    normalize_newlines,
    remove_bom,
)

#: Bump when parsing output changes (part of every cache key).
PARSER_VERSION = "1"

_HEADING_RE = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
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
_CREDIT_RE = re.compile(
    r"^(?P<role>总策划|策划|出品人|出品|监制|统筹|总监制|主编|执行主编|编辑|责任编辑|责编|校对|审核|审校|终审|"
    r"美编|设计|视觉|海报|视频|摄影|摄像|通讯员|撰文|文字|记者|作者|来源|文|图)\s*[：:|｜/]\s*(?P<who>.+)$"
)
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

    @property
    def text(self) -> str:
        """The clean article text: paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


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
        elif re.fullmatch(r"h[1-6]", tag):
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
        elif tag in self._BLOCK or re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n")
        elif tag in _EMPH_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self._in_title:
            self.title = (self.title or "") + data
            return
        self.out.append(re.sub(r"\s*\n\s*", " ", data))

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


def extract_emphasis(raw: str) -> list[tuple[str, str, str]]:
    """Emphasis spans in one paragraph's raw markup: ``(kind, clean text, style)``.

    ``<font color=…>`` → ``key_term`` (style = the colour), ``<span
    style="background…">`` → ``highlight`` (style = the background), ``<strong>``,
    ``<b>`` and Markdown ``**…**`` → ``bold``. Nested spans are each reported.
    """
    if "<" not in raw and "**" not in raw:
        return []  # no tags and no Markdown bold: nothing to find (same result, faster)
    raw = _MD_BOLD_RE.sub(r"<strong>\1</strong>", raw)
    parts = _TAG_SPLIT_RE.split(raw)
    stack: list[tuple[str, str | None, str, int]] = []
    buf: list[str] = []
    found: list[tuple[int, str, str, str]] = []
    pos = 0
    for part in parts:
        tag = _TAG_PARTS_RE.match(part)
        if not tag:
            buf.append(part)
            pos += len(part)
            continue
        closing, name, attrs = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name == "br":
            buf.append("\n")
            pos += 1
            continue
        if not closing:
            kind, style = None, ""
            if name == "font":
                color = re.search(r"color\s*=\s*[\"']?([^\"'\s>]+)", attrs, re.I)
                kind, style = "key_term", (color.group(1).lower() if color else "")
            elif name == "span":
                bg = re.search(r"background(?:-color)?\s*:\s*([^;\"']+)", attrs, re.I)
                if bg:
                    kind, style = "highlight", bg.group(1).strip().lower()
            elif name in {"strong", "b"}:
                kind, style = "bold", ""
            stack.append((name, kind, style, pos))
            continue
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                _, kind, style, start = stack.pop(i)
                if kind:
                    found.append((start, kind, style, pos))
                break
    text = "".join(buf)
    out = []
    for start, kind, style, end in sorted(found, key=lambda t: (t[0], -t[3])):
        span = _clean(text[start:end])
        if span:
            out.append((kind, span, style))
    return out


def _split_blocks(text: str) -> list[_Block]:
    """Line-based block split: each non-empty line is a block; quotes group together."""
    blocks: list[_Block] = []
    quote: list[str] = []

    def flush_quote() -> None:
        if quote:
            blocks.append(_Block("quote", "\n".join(quote)))
            quote.clear()

    for line in text.split("\n"):
        if not line.strip():
            flush_quote()
            blocks.append(_Block("blank", ""))
            continue
        m = _QUOTE_RE.match(line)
        if m:
            quote.append(m.group(1))
            continue
        flush_quote()
        blocks.append(_Block("line", line))
    flush_quote()
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
    if _RULE_RE.match(stripped):
        return _Block("rule", raw)
    if _SHORTCODE_LINE_RE.match(stripped):
        return _Block("shortcode", raw)
    if _IMAGE_LINE_RE.match(stripped):
        return _Block("image", raw)
    m = _HEADING_RE.match(stripped)
    if m:
        return _Block("heading", raw, level=len(m.group(1)), text=_clean(m.group(2)))
    m = _LIST_RE.match(stripped)
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
    m = _CREDIT_RE.match(text)
    if m and len(text) <= 80:
        return _Block("credits", raw, text=text)
    m = _BOLD_LINE_RE.match(stripped)
    if (
        m
        and len(text) <= 40
        and not _SENTENCE_PUNCT.search(text[-1:])
        and not re.search("[。！？]", text)
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
    for name, pattern in _MULTILINE_DROP:
        for m in pattern.finditer(text):
            doc.note(name, m.group(0)[:80])
        text = pattern.sub("\n", text)
    text = _HTML_HEADING_RE.sub(
        lambda m: "\n\n" + "#" * int(m.group(1)) + " " + m.group(2) + "\n\n", text
    )
    text = _BR_RE.sub("\n", text)
    n_block_tags = len(_HTML_BLOCK_RE.findall(text))
    if n_block_tags:
        doc.note("html_block_tag", "<p>/<div>", n_block_tags)
        text = _HTML_BLOCK_RE.sub("\n\n", text)

    blocks = [_classify(b, doc) if b.kind != "blank" else b for b in _split_blocks(text)]
    _mark_furniture(blocks)

    # Metadata blocks and the title.
    for b in blocks:
        if b.kind == "source" and doc.outlet is None:
            outlet, url = b.text.split("\t", 1)
            doc.outlet = re.sub(r"(?:微信公众号|公众号|客户端|微信)$", "", outlet).strip() or outlet
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

    for i, p in enumerate(paras):
        for kind, span, style in extract_emphasis(p.raw):
            doc.emphasis.append((i, kind, span, style))
        tags = _TAG_FIND_RE.findall(p.raw) if "<" in p.raw else None
        if tags:
            doc.note("inline_html_tag", tags[0][:60], len(tags))
        entities = _ENTITY_FIND_RE.findall(p.raw) if "&" in p.raw else None
        if entities:
            doc.note("html_entity", entities[0], len(entities))
        marks = _MARKS_FIND_RE.findall(p.raw)
        if marks:
            doc.note("markdown_inline", marks[0], len(marks))
    doc.paragraphs = paras
    return doc


def ends_with_stop(text: str) -> bool:
    """True when the text ends with sentence punctuation (used to tell titles from prose)."""
    return bool(text) and text.rstrip("”’」』）) ")[-1:] in set("。！？!?…；;")
