"""``bqw doctor``: print the environment a figure depends on, fail loudly when it is broken.

A figure of this project depends on more than the code: the CJK font that draws it, the
jieba dictionary and the domain lexicon that segment the text, the stopword list that
filters it and the cache that may hold stale segmentations. :func:`collect` inspects
each of them and :func:`main` prints one line per check and returns a non-zero exit
status when a required piece is missing or broken (``bqw doctor`` calls it).

Put the output of ``bqw doctor`` beside published figures: the font file, dictionary
and lexicon hashes identify exactly what produced them.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Literal

from bqw_research import config
from bqw_research.scale.digests import file_sha256

__all__ = ["Check", "collect", "format_checks", "main"]

Status = Literal["ok", "warn", "fail"]

#: Distributions whose versions change what figures look like; all are required.
PACKAGES: tuple[str, ...] = (
    "matplotlib",
    "wordcloud",
    "pandas",
    "numpy",
    "jieba",
    "fonttools",
    "pillow",
    "mplfonts",
)


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    name: str
    status: Status
    detail: str

    @property
    def ok(self) -> bool:
        return self.status != "fail"


def _guard(name: str, fn: Callable[[], Check | list[Check]]) -> list[Check]:
    try:
        out = fn()
    except Exception as exc:  # a check must report, never crash the doctor
        return [Check(name, "fail", f"{type(exc).__name__}: {exc}")]
    return out if isinstance(out, list) else [out]


# ---------------------------------------------------------------------------- checks


def _python() -> Check:
    return Check("python", "ok", f"{platform.python_version()} ({sys.executable})")


def _layout() -> list[Check]:
    """Where the data files and notebooks are read from, and whether the report has both."""
    from bqw_research.report.notebooks import find_notebooks

    kind = "checkout" if config.IN_CHECKOUT else "installed package data"
    checks = [Check("data files", "ok", f"{config.PROJECT_ROOT} ({kind})")]
    articles = [p for p in config.DEFAULT_CORPUS.glob("*.txt") if p.is_file()]
    checks.append(
        Check("shipped corpus", "ok", f"{config.DEFAULT_CORPUS} ({len(articles)} articles)")
        if articles
        else Check("shipped corpus", "fail", f"no articles in {config.DEFAULT_CORPUS}")
    )
    notebooks = find_notebooks(config.NOTEBOOKS_DIR)
    checks.append(
        Check("notebooks", "ok", f"{config.NOTEBOOKS_DIR} ({len(notebooks)} notebooks)")
        if notebooks
        else Check("notebooks", "fail", f"no NN_*.ipynb notebooks in {config.NOTEBOOKS_DIR}")
    )
    return checks


def _packages() -> list[Check]:
    checks = []
    for dist in PACKAGES:
        try:
            checks.append(Check(f"package {dist}", "ok", metadata.version(dist)))
        except metadata.PackageNotFoundError:
            checks.append(Check(f"package {dist}", "fail", "not installed"))
    return checks


def _font() -> list[Check]:
    from bqw_research.textplot import fonts

    info = fonts.cjk_font()
    if not info.path.is_file():
        return [Check("font", "fail", f"font file missing: {info.path}")]
    checks = [
        Check(
            "font",
            "ok",
            f"{info.family} [{info.source}] {info.path} sha256={file_sha256(info.path)[:16]}",
        )
    ]
    words = []
    if config.DOMAIN_LEXICON.is_file():
        from bqw_research.tokens import domain_lexicon

        words = domain_lexicon(config.DOMAIN_LEXICON)["word"].tolist()
    missing = fonts.missing_glyphs([*words, "百千万工程县镇村"], info.path)
    if missing:
        checks.append(Check("font glyphs", "fail", f"no glyph for {''.join(sorted(missing))!r}"))
    else:
        checks.append(
            Check("font glyphs", "ok", f"covers the probe and all {len(words)} lexicon words")
        )
    return checks


def _matplotlib() -> list[Check]:
    import matplotlib
    from matplotlib import font_manager

    from bqw_research.textplot import fonts

    info = fonts.setup_matplotlib()
    resolved = Path(
        font_manager.findfont(
            font_manager.FontProperties(family=matplotlib.rcParams["font.sans-serif"][0]),
            fallback_to_default=False,
        )
    )
    status: Status = "ok" if resolved.resolve() == info.path.resolve() else "fail"
    return [
        Check("matplotlib backend", "ok", str(matplotlib.get_backend())),
        Check(
            "matplotlib font",
            status,
            f"font.sans-serif[0]={matplotlib.rcParams['font.sans-serif'][0]!r} → {resolved}",
        ),
    ]


def _jieba() -> Check:
    import jieba

    dict_path = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    if not dict_path.is_file():
        return Check("jieba dictionary", "fail", f"missing: {dict_path}")
    n = sum(1 for _ in dict_path.open(encoding="utf-8"))
    return Check(
        "jieba dictionary",
        "ok",
        f"jieba {jieba.__version__}, {dict_path} ({n} entries) sha256={file_sha256(dict_path)[:16]}",
    )


def _lexicon() -> Check:
    path = config.DOMAIN_LEXICON
    if not path.is_file():
        return Check("domain lexicon", "fail", f"missing: {path}")
    from bqw_research.tokens import domain_lexicon

    table = domain_lexicon(path)
    return Check(
        "domain lexicon",
        "ok",
        f"{path} ({len(table)} entries) sha256={file_sha256(path)[:16]}",
    )


def _stopwords() -> Check:
    path = config.STOPWORDS
    if not path.is_file():
        return Check("stopwords", "fail", f"missing: {path}")
    from bqw_research.tokens import stopwords

    words = stopwords(path)
    return Check("stopwords", "ok", f"{path} ({len(words)} words) sha256={file_sha256(path)[:16]}")


def _data_file(name: str, path: Path, what: str, *, required: bool) -> Check:
    if path.is_file():
        return Check(name, "ok", f"{path} sha256={file_sha256(path)[:16]}")
    return Check(name, "fail" if required else "warn", f"missing: {path} ({what})")


def _writable(name: str, path: Path, *, required: bool) -> Check:
    target = path
    while not target.exists() and target != target.parent:
        target = target.parent
    try:
        if not target.is_dir():
            raise NotADirectoryError(str(target))
        with tempfile.NamedTemporaryFile(dir=target, prefix=".bqw-doctor-"):
            pass
    except OSError as exc:
        return Check(name, "fail" if required else "warn", f"{path} not writable ({exc})")
    return Check(name, "ok", f"{path}")


def _cache() -> list[Check]:
    cache = config.cache_dir()
    env = os.environ.get("BQW_CACHE_DIR")
    source = "$BQW_CACHE_DIR" if env else "default"
    jieba_cache = cache / "jieba" / "jieba.cache"
    state = f"jieba cache {'present' if jieba_cache.is_file() else 'not built yet'}"
    check = _writable("cache", cache, required=True)
    detail = f"{check.detail} [{source}]; {state}"
    return [Check("cache", check.status, detail)]


def _raw_data() -> Check:
    """``data/raw`` against its ``SHA256SUMS``: changed, missing and unlisted files."""
    from bqw_research.corpus.integrity import verify_checksums

    problems = verify_checksums(config.RAW_DIR)
    if problems:
        return Check("raw data", "fail", f"{config.RAW_DIR}: " + "; ".join(problems))
    return Check("raw data", "ok", f"{config.RAW_DIR} matches its SHA256SUMS")


def collect() -> list[Check]:
    """Run every check; never raises (a crashing check is reported as ``fail``)."""
    from bqw_research.textstat import frequency as textstat

    checks: list[Check] = []
    checks += _guard("python", _python)
    checks += _guard("packages", _packages)
    checks += _guard("data files", _layout)
    checks += _guard("font", _font)
    checks += _guard("matplotlib", _matplotlib)
    checks += _guard("jieba dictionary", _jieba)
    checks += _guard("domain lexicon", _lexicon)
    checks += _guard("stopwords", _stopwords)
    checks += _guard(
        "single-char terms",
        lambda: _data_file(
            "single-char terms",
            textstat.SINGLE_CHAR_TERMS,
            "word frequencies cannot keep 县/镇/村",
            required=True,
        ),
    )
    checks += _guard(
        "genre rules",
        lambda: _data_file(
            "genre rules", config.GENRE_RULES, "load_corpus cannot infer genres", required=True
        ),
    )
    checks += _guard(
        "guangdong boundaries",
        lambda: _data_file(
            "guangdong boundaries",
            config.GAZETTEER_DIR / "guangdong_regions.geojson",
            "the Guangdong-shaped word cloud mask is unavailable",
            required=False,
        ),
    )
    checks += _guard("raw data", _raw_data)
    checks += _guard("cache", _cache)
    checks += _guard(
        "figures dir", lambda: _writable("figures dir", config.FIGURES_DIR, required=False)
    )
    return checks


def format_checks(checks: Sequence[Check]) -> str:
    """The report as text, one ``[ ok ] name  detail`` line per check."""
    width = max((len(c.name) for c in checks), default=0)
    lines = [f"[{c.status:^4}] {c.name:<{width}}  {c.detail}" for c in checks]
    failed = [c.name for c in checks if c.status == "fail"]
    lines.append("")
    lines.append(f"FAILED: {', '.join(failed)}" if failed else "all required checks passed")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the checks; return 0 when every required check passed, else 1."""
    checks = collect()
    print(format_checks(checks))
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
