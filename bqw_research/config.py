"""Every path the project uses, in one place.

The layout follows cookiecutter-data-science: ``data/raw`` is immutable input,
``data/interim`` holds caches, ``data/processed`` derived tables, ``reports``
rendered output. Data files that the analysis depends on (lexicons, stopwords,
gazetteer) live under ``data/`` with their sources beside them.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
INTERIM_DIR = DATA_DIR / "interim"
PROCESSED_DIR = DATA_DIR / "processed"
LEXICON_DIR = DATA_DIR / "lexicons"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
#: Hand-labelled evaluation sets (each with a README on how it was made).
LABELS_DIR = DATA_DIR / "labels"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
#: Where interactive notebook runs write figures and tables (``$BQW_OUT_DIR`` overrides).
REPORTS_DIR = PROJECT_ROOT / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"

#: Output folder of figures and tables; ``bqw report`` sets it to its ``--out`` for
#: every notebook kernel, a user may set it for interactive runs.
OUT_DIR_ENV = "BQW_OUT_DIR"
#: Comma list of the formats :func:`bqw_research.textplot.save_figure` writes by default.
FIGURE_FORMATS_ENV = "BQW_FIGURE_FORMATS"
#: The notebook a kernel runs (its stem): the name of the workbook its tables go to.
NOTEBOOK_ENV = "BQW_NOTEBOOK"
DEFAULT_FIGURE_FORMATS = ("png", "svg")
#: Figure formats ``save_figure`` and ``bqw report --formats`` accept.
FIGURE_FORMATS = ("png", "svg", "pdf")

#: The shipped default corpus and its manifest.
DEFAULT_CORPUS = RAW_DIR
DEFAULT_MANIFEST = RAW_DIR / "manifest.csv"

#: Real-article sample corpus that lives beside the project (never committed).
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
#: The 242-article development corpus beside the project: the labelled evaluation sets
#: in ``data/labels/<measure>/`` were drawn from it (``$BQW_CORPUS_DEV`` overrides).
SHARED_CORPUS_DEV = Path(
    os.environ.get("BQW_CORPUS_DEV", PROJECT_ROOT.parent / "shared" / "corpus-dev")
)
#: Precision/recall of every measure on its labelled set, written by ``bqw validate``.
VALIDITY_TABLE = LABELS_DIR / "validity.csv"

#: Domain lexicon (one token per entry) and the Chinese stopword list.
DOMAIN_LEXICON = LEXICON_DIR / "domain_lexicon.csv"
STOPWORDS = LEXICON_DIR / "stopwords_zh.txt"
GENRE_RULES = LEXICON_DIR / "genre_rules.csv"


def user_cache_dir() -> Path:
    """This user's cache folder for the package (platformdirs: ``~/.cache/bqw_research`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("bqw_research", appauthor=False))


def numba_cache_dir() -> Path:
    """Where the compiled engine's kernels are kept: ``$NUMBA_CACHE_DIR``, else per user.

    Once per machine and user, whatever corpus or ``$BQW_CACHE_DIR`` is used.
    """
    env = os.environ.get("NUMBA_CACHE_DIR")
    return Path(env) if env else user_cache_dir() / "numba"


def cache_dir() -> Path:
    """Folder for caches: ``$BQW_CACHE_DIR`` when set, else ``data/interim/cache``."""
    env = os.environ.get("BQW_CACHE_DIR")
    path = Path(env).expanduser() if env else INTERIM_DIR / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def output_dir() -> Path:
    """Folder of the figures and tables a notebook writes: ``$BQW_OUT_DIR``, else ``reports/``."""
    env = os.environ.get(OUT_DIR_ENV)
    return Path(env).expanduser() if env else REPORTS_DIR


def figures_dir() -> Path:
    """``<output_dir>/figures``, where :func:`~bqw_research.textplot.save_figure` writes."""
    return output_dir() / "figures" if os.environ.get(OUT_DIR_ENV) else FIGURES_DIR


def tables_dir() -> Path:
    """``<output_dir>/tables``, where :func:`~bqw_research.export.save_table` writes."""
    return output_dir() / "tables"


def parse_figure_formats(value: str) -> tuple[str, ...]:
    """``"png,svg,pdf"`` → ``("png", "svg", "pdf")``; ``ValueError`` naming an unknown format."""
    formats = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in value.split(",")))
    formats = tuple(f for f in formats if f)
    unknown = [f for f in formats if f not in FIGURE_FORMATS]
    if unknown or not formats:
        raise ValueError(
            f"figure formats {value!r}: use a comma list of {', '.join(FIGURE_FORMATS)}"
        )
    return formats


def figure_formats() -> tuple[str, ...]:
    """Default figure formats: ``$BQW_FIGURE_FORMATS`` (comma list), else PNG and SVG."""
    env = os.environ.get(FIGURE_FORMATS_ENV)
    return parse_figure_formats(env) if env else DEFAULT_FIGURE_FORMATS
