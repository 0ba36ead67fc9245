"""Small, pure cleaning functions (``str -> str``), composed into a pipeline.

Each function does one thing and can be tested on its own with Chinese
input/output cases (see ``tests/test_clean.py``). The document parser
(:mod:`bqw_research.parse`) decides *where* they apply; these functions only
decide *how* a piece of text is transformed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable

#: Bump when cleaning output changes, so caches keyed on it are invalidated.
CLEANING_VERSION = "1"

# Horizontal white space seen in Chinese web text: ideographic space (U+3000,
# the WeChat paragraph indent), em/en/thin spaces (&emsp; &ensp; &thinsp;),
# no-break space (&nbsp;), zero-width characters and tabs.
_HSPACE = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_HSPACE_RE = re.compile(f"[ {_HSPACE}]+")
#: The characters of ``_HSPACE_RE`` spelled out (for ``str.lstrip``).
_HSPACE_CHARS = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK_RE = re.compile(
    f"(?<=[{_CJK}，。、；：！？“”‘’（）《》])[ ]+(?=[{_CJK}，。、；：！？“”‘’（）《》])"
)

_TAG_RE = re.compile(r"<[^<>]*>")
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_BOLD_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_CODE_RE = re.compile(r"`([^`\n]+)`")
_SHORTCODE_RE = re.compile(r"\{\{[<%].*?[%>]\}\}", re.DOTALL)
_STRAY_MARKS_RE = re.compile(r"(\*\*|__|~~)")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF (files mix them; see the shared corpus)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def remove_bom(text: str) -> str:
    """Drop byte-order marks wherever they ended up (start of file or pasted in)."""
    return text.replace("\ufeff", "")


def unescape_entities(text: str) -> str:
    """Resolve HTML entities (``&emsp;`` → U+2003, ``&nbsp;`` → U+00A0, ``&amp;`` → ``&``).

    Applied repeatedly so double-escaped text (``&amp;emsp;``) comes out clean.
    """
    for _ in range(3):
        new = html.unescape(text)
        if new == text:
            break
        text = new
    return text


def normalize_spaces(text: str, *, between_cjk: bool = False) -> str:
    """Collapse horizontal white space and strip each line.

    Ideographic and typographic spaces become one ASCII space. With
    ``between_cjk`` a space between two Chinese characters or Chinese
    punctuation marks is removed too; that is off by default because in
    headlines and name lists (``江门向海图强 海工装备产业强势崛起``,
    ``傅健 曹乃付``) the space separates units.
    """
    if not between_cjk:
        # Fast path for one line whose only white space, after a leading run
        # (the paragraph indent), is ASCII spaces: ``isprintable()`` is false
        # for every other white space character, zero-width ones included.
        body = text.lstrip(_HSPACE_CHARS)
        if body.isprintable():
            return " ".join(body.split()) if " " in body else body
    return _normalize_spaces_re(text, between_cjk=between_cjk)


def _normalize_spaces_re(text: str, *, between_cjk: bool = False) -> str:
    """:func:`normalize_spaces` step by step with regular expressions (any text)."""
    text = _HSPACE_RE.sub(" ", _ZERO_WIDTH_RE.sub("", text))
    if between_cjk:
        text = _SPACE_BETWEEN_CJK_RE.sub("", text)
    if "\n" not in text:  # one line: stripping it is all (same result, faster)
        return text.strip()
    return "\n".join([line.strip() for line in text.split("\n")])


def strip_html_tags(text: str) -> str:
    """Remove HTML tags, keeping their text; ``<br>`` becomes a newline."""
    return _TAG_RE.sub("", _BR_RE.sub("\n", text))


def strip_markdown_inline(text: str) -> str:
    """Remove inline Markdown: images, links (keep their text), bold, italic, code."""
    text = _IMAGE_RE.sub("", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _BOLD_RE.sub(r"\2", text)
    text = _ITALIC_RE.sub(r"\1", text)
    text = _CODE_RE.sub(r"\1", text)
    return _STRAY_MARKS_RE.sub("", text)


def remove_shortcodes(text: str) -> str:
    """Remove static-site shortcodes such as Hugo's ``{{< tabs >}}`` / ``{{% /tab %}}``."""
    return _SHORTCODE_RE.sub("", text)


def normalize_unicode(text: str) -> str:
    """NFC normalisation only: NFKC would turn full-width Chinese punctuation into ASCII."""
    return unicodedata.normalize("NFC", text)


def compose(*steps: Callable[[str], str]) -> Callable[[str], str]:
    """Compose cleaning steps left to right into one ``str -> str`` function."""

    def pipeline(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    pipeline.__doc__ = "Pipeline: " + " → ".join(s.__name__ for s in steps)
    return pipeline


_clean_inline_full: Callable[[str], str] = compose(
    remove_bom,
    remove_shortcodes,
    strip_html_tags,
    unescape_entities,
    strip_markdown_inline,
    normalize_unicode,
    normalize_spaces,
)
#: A character without which the first five steps of ``clean_inline`` change nothing
#: (BOM, ``{{`` shortcodes, ``<`` tags, ``&`` entities, ``[ * _ ` ~`` Markdown).
_INLINE_MARKUP_RE = re.compile(r"[\ufeff{<&\[*_`~]")
#: A character without which :func:`strip_markdown_inline` changes nothing.
_MARKDOWN_MARK_RE = re.compile(r"[\[*_`~]")


def has_inline_markup(text: str) -> bool:
    """Whether ``text`` has a character the markup steps of :func:`clean_inline` act on."""
    return _INLINE_MARKUP_RE.search(text) is not None


def clean_plain(text: str) -> str:
    """:func:`clean_inline` for text without inline markup (``has_inline_markup`` false).

    normalize_unicode → normalize_spaces; on such text the result equals
    ``clean_inline(text)`` (it skips the markup check).
    """
    return normalize_spaces(unicodedata.normalize("NFC", text))


def clean_inline(text: str) -> str:
    """Inline cleaning applied to every paragraph, heading and emphasis span.

    Pipeline: remove_bom → remove_shortcodes → strip_html_tags →
    unescape_entities → strip_markdown_inline → normalize_unicode →
    normalize_spaces. Tags are stripped before entities are resolved, so text
    written as ``&lt;script&gt;`` stays visible text (and is escaped again
    wherever HTML is produced). Text with none of the characters the first five
    steps act on skips them (same result, faster).
    """
    if _INLINE_MARKUP_RE.search(text) is not None:
        # The steps of _clean_inline_full, each skipped when the text has no
        # character it acts on (html.unescape returns text without "&" as it is).
        if "\ufeff" in text:
            text = text.replace("\ufeff", "")
        if "{{" in text:
            text = _SHORTCODE_RE.sub("", text)
        if "<" in text:
            text = _TAG_RE.sub("", _BR_RE.sub("\n", text))
        if "&" in text:
            text = unescape_entities(text)
        if _MARKDOWN_MARK_RE.search(text) is not None:
            text = strip_markdown_inline(text)
    return normalize_spaces(unicodedata.normalize("NFC", text))


_TERMINAL = "。！？!?…"
_CLOSERS = "”’」』）)》】"
_CONTINUES = "，、“‘（《—"
_NEXT_CONTINUES = _CLOSERS + "，。、；：！？"
_CJK_CHAR_RE = re.compile(f"[{_CJK}]")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (terminal punctuation, maybe followed by closers)."""
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and (stripped[-1] in _TERMINAL or stripped.endswith("……"))


def looks_broken(prev: str, nxt: str, *, min_prev_chars: int = 8) -> bool:
    """Whether two adjacent paragraphs are one sentence broken by page layout.

    ``prev`` must end mid-sentence (a Chinese character or a continuing mark
    such as ``，`` or an opening quote), ``nxt`` must begin with a Chinese
    character or closing punctuation, and ``prev`` must be long enough not to
    be a caption or a label. ``是一项`` + ``系统工程，…`` qualifies;
    ``…。`` + ``要…`` does not.
    """
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if len(prev) < min_prev_chars or not nxt:
        return False
    last, first = prev[-1], nxt[0]
    prev_open = _CJK_CHAR_RE.match(last) is not None or last in _CONTINUES
    next_cont = _CJK_CHAR_RE.match(first) is not None or first in _NEXT_CONTINUES
    return prev_open and next_cont and not ends_sentence(prev)


def join_broken(paragraphs: Iterable[str]) -> list[str]:
    """Join paragraphs that :func:`looks_broken` says were split mid-sentence."""
    out: list[str] = []
    for para in paragraphs:
        if out and looks_broken(out[-1], para):
            out[-1] = out[-1].rstrip() + para.lstrip()
        else:
            out.append(para)
    return out
