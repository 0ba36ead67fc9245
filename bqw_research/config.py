"""Every path the project uses, in one place: from a checkout, or from an installed copy.

The layout follows cookiecutter-data-science: ``data/raw`` is immutable input,
``data/interim`` holds caches, ``data/processed`` derived tables, ``reports``
rendered output. Data files that the analysis depends on (lexicons, stopwords,
gazetteer) live under ``data/`` with their sources beside them.

Two ways to run, decided here and nowhere else:

* **from a checkout** (``bqw_research/`` beside ``pyproject.toml``, ``data/`` and
  ``notebooks/``, including an editable install): data files and notebooks are read
  from the checkout, caches go to ``data/interim/cache``, reports to ``reports/``;
* **installed** (a wheel or sdist in ``site-packages``): the same files are package
  data under ``bqw_research/_resources/`` (copied there at build time, see
  :mod:`bqw_research.shipped` and ``setup.py``) and found with :mod:`importlib.resources`;
  caches go to the user's cache folder and reports to ``./reports`` of the current
  folder, so nothing is ever written inside the installation.

``$BQW_CACHE_DIR`` and ``$BQW_REPORTS_DIR`` override the cache and report folders
either way.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from bqw_research.shipped import RESOURCES, is_checkout


def package_dir(package: str = "bqw_research") -> Path:
    """The folder of ``package`` on disk, located with :func:`importlib.resources.files`.

    The package must be installed as files (pip unpacks a wheel so), since its data
    files are read by path.
    """
    folder = resources.files(package)
    if not isinstance(folder, Path):
        raise RuntimeError(
            f"{package} is not installed as files on disk ({folder!r}); reinstall it with pip"
        )
    return folder


def resource_root(package: str = "bqw_research") -> Path:
    """The folder holding ``data/`` and ``notebooks/``: the checkout, else the installed copy.

    From a checkout that is the checkout itself; installed, the package data folder
    ``<package>/_resources``. Raises :class:`FileNotFoundError` naming the folder when
    neither exists (a wheel built without its data), rather than failing later on the
    first missing file.
    """
    folder = package_dir(package)
    if is_checkout(folder.parent):
        return folder.parent
    root = folder / RESOURCES
    if not root.is_dir():
        raise FileNotFoundError(
            f"{package}'s data files are missing: {folder.parent} is no checkout and {root} "
            "does not exist; reinstall the package from a wheel or sdist built with setup.py"
        )
    return root


def user_cache_dir() -> Path:
    """This user's cache folder for the package (platformdirs: ``~/.cache/bqw_research`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("bqw_research", appauthor=False))


#: Whether the package runs from a source checkout (else from an installed copy).
IN_CHECKOUT = is_checkout(package_dir().parent)
#: The folder holding ``data/`` and ``notebooks/``: the checkout, or
#: ``site-packages/bqw_research/_resources`` when installed.
PROJECT_ROOT = resource_root()
#: Where a run writes by default: the checkout, else the current folder.
WORK_DIR = PROJECT_ROOT if IN_CHECKOUT else Path.cwd()

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
#: Caches: ``data/interim`` of a checkout, the user's cache folder when installed.
INTERIM_DIR = DATA_DIR / "interim" if IN_CHECKOUT else user_cache_dir()
PROCESSED_DIR = WORK_DIR / "data" / "processed"
LEXICON_DIR = DATA_DIR / "lexicons"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
#: Hand-labelled evaluation sets (each with a README on how it was made).
LABELS_DIR = DATA_DIR / "labels"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
#: Rendered output: ``$BQW_REPORTS_DIR``, else ``reports/`` of the checkout or of the
#: current folder (``bqw report`` sets it for its notebooks to its ``--out``).
REPORTS_DIR = Path(os.environ.get("BQW_REPORTS_DIR") or WORK_DIR / "reports").expanduser()
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


def numba_cache_dir() -> Path:
    """Where the compiled engine's kernels are kept: ``$NUMBA_CACHE_DIR``, else per user.

    Once per machine and user, whatever corpus or ``$BQW_CACHE_DIR`` is used.
    """
    env = os.environ.get("NUMBA_CACHE_DIR")
    return Path(env) if env else user_cache_dir() / "numba"


class CacheDirError(NotADirectoryError):
    """The cache folder cannot be used (a file is there, or it cannot be created).

    A :class:`NotADirectoryError`, so ``bqw`` prints its one-line message.
    """


def cache_dir() -> Path:
    """Folder for caches: ``$BQW_CACHE_DIR`` when set, else ``cache`` in :data:`INTERIM_DIR`.

    That is ``data/interim/cache`` in a checkout and ``~/.cache/bqw_research/cache``
    (platformdirs) for an installed copy, never inside the installation. Created when
    missing; :class:`CacheDirError` (naming the variable and the path) when that fails,
    rather than a traceback from deep inside a load. A load without a cache
    (``cache=False``, ``bqw ingest --no-cache``) does not call it.
    """
    env = os.environ.get("BQW_CACHE_DIR")
    path = Path(env).expanduser() if env else INTERIM_DIR / "cache"
    where = f"$BQW_CACHE_DIR={env}" if env else f"cache folder {path}"
    if path.exists() and not path.is_dir():
        raise CacheDirError(f"{where}: not a folder (a file is there); point it at a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CacheDirError(f"{where}: cannot create the folder ({err.strerror or err})") from err
    return path


class OutputPathError(ValueError):
    """An output folder that would write into the corpus it reads, or into ``data/raw``."""


def check_output_dir(out: str | os.PathLike[str], *, reads: tuple[Path, ...] = ()) -> Path:
    """``out`` resolved, after checking that writing there is safe.

    Raises :class:`OutputPathError` when ``out`` is a file, or is ``data/raw``
    (the immutable shipped corpus), or any folder among ``reads`` (the corpus
    being read), or a folder below one: what is written there would be read
    back as articles by the next load. Called before anything is written.
    """
    target = Path(out).expanduser().resolve()
    if target.exists() and not target.is_dir():
        raise OutputPathError(f"output is not a folder: {out}")
    if target.is_relative_to(RAW_DIR.resolve()):
        raise OutputPathError(
            f"output {out} is inside {RAW_DIR}, the shipped corpus, which is never written to"
        )
    for source in reads:
        folder = Path(source).expanduser().resolve()
        if folder.is_dir() and target.is_relative_to(folder):
            raise OutputPathError(
                f"output {out} is inside the corpus folder being read ({source}): "
                "its files would be read as articles next time; choose a folder outside it"
            )
    return target


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
