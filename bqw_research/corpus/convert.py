"""Traditional → simplified Chinese for sources from Hong Kong, Macau and Taiwan (OpenCC).

A corpus that mixes mainland articles with Hong Kong or Macau ones counts
``發展`` and ``发展`` as two words unless the traditional characters are
converted. ``load_corpus(..., convert="t2s")`` converts every parsed article
after cleaning — paragraphs, section headings, title, outlet, author and
emphasis spans — with OpenCC, keeps the text before conversion in the
``text_original`` column and records what changed in the cleaning notes. It
is part of every cache key, so a load with and without conversion never share
results.

``"t2s"`` is OpenCC's standard traditional → simplified conversion;
``"hk2s"`` and ``"tw2s"`` first map Hong Kong or Taiwan variant characters to
the standard ones (OpenCC's configurations of the same names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from bqw_research.corpus.parse import Paragraph, ParsedDoc

__all__ = ["CONVERSIONS", "ConversionError", "check_conversion", "convert_parsed", "converter"]

#: Conversions ``load_corpus(convert=…)`` takes → what the cleaning notes say.
CONVERSIONS = {
    "t2s": "traditional characters converted to simplified (OpenCC t2s; text_original keeps them)",
    "hk2s": "Hong Kong traditional converted to simplified (OpenCC hk2s; text_original keeps it)",
    "tw2s": "Taiwan traditional converted to simplified (OpenCC tw2s; text_original keeps it)",
}


class ConversionError(ValueError):
    """A conversion that cannot be made (unknown name, OpenCC not installed)."""


def check_conversion(name: str | None) -> None:
    """Raise :class:`ConversionError` unless ``name`` is ``None`` or a conversion that can run."""
    if name is None:
        return
    if name not in CONVERSIONS:
        raise ConversionError(
            f"unknown conversion {name!r}; choose one of {', '.join(CONVERSIONS)} (or None)"
        )
    converter(name)


@lru_cache(maxsize=4)
def converter(name: str) -> Callable[[str], str]:
    """The OpenCC conversion ``name`` as a ``str -> str`` function (built once per process)."""
    try:
        import opencc
    except ImportError as err:
        raise ConversionError(
            f"convert={name!r} needs the package opencc, which is not installed: pip install opencc"
        ) from err
    return opencc.OpenCC(f"{name}.json").convert


def _n_changed(before: str, after: str) -> int:
    """How many characters a conversion changed (a length change counts too)."""
    return sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after))


def convert_parsed(parsed: ParsedDoc, name: str) -> ParsedDoc:
    """``parsed`` with its text converted by :func:`converter` (a new object).

    Paragraph texts and sections, title, outlet, author and emphasis spans are
    converted; one cleaning note of kind ``name`` counts the characters changed,
    with the first changed paragraph's start as its example.
    """
    fn = converter(name)

    def conv(text: str | None) -> str | None:
        return fn(text) if text else text

    paragraphs = [Paragraph(conv(p.section), p.raw, conv(p.text)) for p in parsed.paragraphs]
    out = replace(
        parsed,
        title=conv(parsed.title),
        outlet=conv(parsed.outlet),
        author=conv(parsed.author),
        paragraphs=paragraphs,
        emphasis=[(i, kind, conv(span), style) for i, kind, span, style in parsed.emphasis],
        removed=list(parsed.removed),
    )
    changed = [
        (before.text, after.text)
        for before, after in zip(parsed.paragraphs, paragraphs, strict=True)
        if before.text != after.text
    ]
    if changed:
        n = sum(_n_changed(a, b) for a, b in changed)
        before, after = changed[0]
        out.note(name, f"{before[:12]}→{after[:12]}", n)
    return out
