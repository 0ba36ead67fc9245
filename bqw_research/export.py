"""Tables out of Python in the formats researchers open: CSV for Excel, XLSX workbooks.

* CSV files are UTF-8 *with* a byte-order mark (``utf-8-sig``): Excel reads a
  BOM-less UTF-8 CSV as the local code page and shows Chinese as mojibake.
* XLSX workbooks (openpyxl) take what Excel cannot hold made fit
  (:func:`excel_ready`): time-zone-aware datetimes become naive wall-clock time in
  Asia/Shanghai, lists and other objects become text, characters XML forbids are
  dropped, cells longer than Excel's 32,767 characters are cut (and counted), and a
  table longer than 1,048,575 rows is split over several sheets.
* :func:`save_table` / :func:`show_table` are what the notebooks call where they
  display a table: the table goes to ``<out>/tables/<name>.csv`` and to one sheet of
  the notebook's workbook ``<out>/tables/<notebook>.xlsx``, and is returned for
  display. ``<out>`` is :func:`bqw_research.config.output_dir` (``--out`` of
  ``bqw report``, else ``reports/``).
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import os
import re
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from bqw_research import config

__all__ = [
    "EXCEL_MAX_CELL_CHARS",
    "EXCEL_MAX_ROWS",
    "EXCEL_SHEET_NAME_CHARS",
    "EXCEL_TIMEZONE",
    "STASH_DIR",
    "WORKBOOK_DELAY",
    "ExcelFit",
    "clear_stash",
    "excel_ready",
    "flush_workbooks",
    "gather_workbook",
    "reproducible_zip",
    "save_table",
    "sheet_names",
    "show_table",
    "split_rows",
    "table_frame",
    "write_csv",
    "write_xlsx",
]

#: Rows of one Excel sheet, the header row included.
EXCEL_MAX_ROWS = 1_048_576
#: Characters one Excel cell holds.
EXCEL_MAX_CELL_CHARS = 32_767
#: Characters of a sheet name.
EXCEL_SHEET_NAME_CHARS = 31
#: Time-zone-aware datetimes are written as wall-clock time here (Excel has no zones).
EXCEL_TIMEZONE = "Asia/Shanghai"

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# control characters XML 1.0 (so openpyxl) refuses; tab, newline, return stay
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UNSAFE_NAME = re.compile(r"[^\w\-.]+", re.UNICODE)


class ExcelFit(dict):
    """What :func:`excel_ready` changed: ``{column: number of cells cut}`` (cut cells only)."""


def table_frame(table: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """*table* as a flat DataFrame: a Series becomes a frame, a meaningful index a column.

    The index is kept (as the first columns) unless it is a plain 0…n-1 range;
    MultiIndex columns (pivot tables) are joined with `` / ``.
    """
    frame = table.to_frame() if isinstance(table, pd.Series) else table.copy()
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" / ".join(str(p) for p in col if str(p)) for col in frame.columns]
    else:
        frame.columns = [str(c) for c in frame.columns]
    plain = isinstance(frame.index, pd.RangeIndex) and frame.index.equals(pd.RangeIndex(len(frame)))
    if not plain:
        names = [n if n is not None else "" for n in frame.index.names]
        if len(names) == 1 and not names[0]:
            names = ["index"]
        taken = set(frame.columns)
        names = [n if n not in taken else f"{n} (index)" for n in map(str, names)]
        frame.index = frame.index.set_names(names)
        frame = frame.reset_index()
    frame.attrs = {}
    return frame


def _naive_shanghai(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return pd.Timestamp(value).tz_convert(EXCEL_TIMEZONE).tz_localize(None).to_pydatetime()
    return value


def _cell_text(value: Any) -> Any:
    """A value Excel holds: text, number, bool, naive datetime, or None."""
    if value is None or isinstance(value, bool | int | float | str | dt.date | dt.time):
        return _naive_shanghai(value)
    if isinstance(value, pd.Timestamp):
        return _naive_shanghai(value.to_pydatetime())
    if value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # lists, arrays: not a scalar
        pass
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        try:
            return _cell_text(value.item())
        except (TypeError, ValueError):
            pass
    if isinstance(value, list | tuple | set | frozenset) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        return "; ".join(str(v) for v in items)
    return str(value)


def excel_ready(table: pd.DataFrame | pd.Series) -> tuple[pd.DataFrame, ExcelFit]:
    """A copy of *table* that openpyxl writes and Excel opens as it is.

    Time-zone-aware datetimes (a ``datetime64[ns, tz]`` column or Python
    datetimes in an object column, even in different zones) become naive
    Asia/Shanghai wall-clock time; durations become text; lists, dicts and
    other objects become text (lists joined with ``; ``); characters XML forbids
    are removed; text longer than :data:`EXCEL_MAX_CELL_CHARS` is cut, and
    :class:`ExcelFit` says how many cells of which column were.
    """
    frame = table_frame(table)
    fit = ExcelFit()
    for name in frame.columns:
        col = frame[name]
        if isinstance(col.dtype, pd.DatetimeTZDtype):
            frame[name] = col.dt.tz_convert(EXCEL_TIMEZONE).dt.tz_localize(None)
            continue
        if pd.api.types.is_timedelta64_dtype(col.dtype):
            frame[name] = col.astype("string").astype(object).where(col.notna(), None)
            continue
        if pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_datetime64_dtype(col.dtype):
            continue
        values = [_cell_text(v) for v in col.astype(object)]
        cut = 0
        for i, v in enumerate(values):
            if isinstance(v, str):
                v = _ILLEGAL_XML.sub("", v)
                if len(v) > EXCEL_MAX_CELL_CHARS:
                    v = v[: EXCEL_MAX_CELL_CHARS - 1] + "…"
                    cut += 1
                values[i] = v
        if cut:
            fit[str(name)] = cut
        frame[name] = pd.Series(values, index=frame.index, dtype=object)
    return frame, fit


def split_rows(frame: pd.DataFrame, *, max_rows: int = EXCEL_MAX_ROWS - 1) -> list[pd.DataFrame]:
    """*frame* in consecutive parts of at most *max_rows* rows (one part when it fits)."""
    if max_rows < 1:
        raise ValueError(f"max_rows must be at least 1, not {max_rows}")
    if len(frame) <= max_rows:
        return [frame]
    return [frame.iloc[i : i + max_rows] for i in range(0, len(frame), max_rows)]


def sheet_names(names: Iterable[str]) -> list[str]:
    """Valid, unique Excel sheet names for *names*, in order.

    Characters Excel forbids (``[]:*?/\\``) become ``_``, names are cut to 31
    characters, and a repeated name gets ``~2``, ``~3``… (cut further to fit).
    Case does not make two names different (Excel's rule).
    """
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        base = _SHEET_FORBIDDEN.sub("_", str(raw)).strip("'") or "sheet"
        base = base[:EXCEL_SHEET_NAME_CHARS]
        name, n = base, 1
        while name.casefold() in seen:
            n += 1
            suffix = f"~{n}"
            name = base[: EXCEL_SHEET_NAME_CHARS - len(suffix)] + suffix
        seen.add(name.casefold())
        out.append(name)
    return out


def _replace_atomically(target: Path, write) -> None:
    """Write through a temporary name beside *target*, then rename: no half-written file."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        write(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def write_csv(table: pd.DataFrame | pd.Series, path: str | os.PathLike[str]) -> Path:
    """Write *table* as CSV in UTF-8 with BOM (Excel shows the Chinese); returns the path.

    The index is written as columns when it carries information (see
    :func:`table_frame`); datetimes keep their time zone (ISO 8601 with offset).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    frame = table_frame(table)
    _replace_atomically(
        target, lambda p: frame.to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\n")
    )
    return target


def write_xlsx(
    sheets: Mapping[str, pd.DataFrame | pd.Series],
    path: str | os.PathLike[str],
    *,
    max_rows: int = EXCEL_MAX_ROWS - 1,
) -> tuple[Path, dict[str, ExcelFit]]:
    """Write each table of *sheets* (``{name: table}``) to one sheet of an XLSX workbook.

    Names are made valid and unique (:func:`sheet_names`); a table longer than one
    sheet (*max_rows* data rows) continues on sheets ``<name>~2``, ``<name>~3``…; every
    table is made :func:`excel_ready`. Returns the path and, per table name, what was cut to fit.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    prepared: list[tuple[str, pd.DataFrame]] = []
    fits: dict[str, ExcelFit] = {}
    for name, table in sheets.items():
        frame, fit = excel_ready(table)
        if fit:
            fits[name] = fit
        prepared.extend((name, part) for part in split_rows(frame, max_rows=max_rows))
    if not prepared:
        prepared = [("empty", pd.DataFrame())]
    titles = sheet_names(name for name, _ in prepared)

    def write(p: Path) -> None:
        with pd.ExcelWriter(p, engine="openpyxl") as writer:
            for title, frame in zip(titles, prepared, strict=True):
                frame[1].to_excel(writer, sheet_name=title, index=False)
        reproducible_zip(p)

    _replace_atomically(target, write)
    return target, fits


#: The time written into reproducible workbooks (their parts and document properties).
FIXED_TIME = "2000-01-01T00:00:00Z"
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def reproducible_zip(path: str | os.PathLike[str]) -> None:
    """Rewrite the ZIP container at *path* (an XLSX workbook) so that the same tables give
    the same bytes: every part stamped with one fixed date, and the workbook's created
    and modified properties (``docProps/core.xml``, set by openpyxl to the time of
    saving) set to :data:`FIXED_TIME`. The parts and their order are unchanged."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        parts = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as out:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(lambda m: m[1] + FIXED_TIME.encode() + m[3], data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, data)


# --------------------------------------------------------------------------- notebooks

#: Seconds without a new table after which an interactive workbook is (re)written.
WORKBOOK_DELAY = 2.0


class _WorkbookWriter:
    """The workbooks of an interactive session, written once saves pause.

    Rewriting a workbook costs about 0.1 s plus some per sheet, so writing it at
    every save of a notebook with 25 tables would cost seconds. Saves are
    gathered instead: each (re)starts a timer, and the workbooks changed since
    the last write are written when *delay* seconds pass without another save,
    when :meth:`flush` is called, and when the process exits.
    """

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.tables: dict[Path, dict[str, pd.DataFrame | pd.Series]] = {}
        self.dirty: set[Path] = set()
        self.lock = threading.RLock()
        self.timer: threading.Timer | None = None
        atexit.register(self.flush)

    def add(self, book: Path, stem: str, table: pd.DataFrame | pd.Series) -> None:
        with self.lock:
            self.tables.setdefault(book, {})[stem] = table
            self.dirty.add(book)
            if self.timer is not None:
                self.timer.cancel()
            if self.delay <= 0:
                self.timer = None
                self.flush()
                return
            self.timer = threading.Timer(self.delay, self.flush)
            self.timer.daemon = True
            self.timer.start()

    def flush(self) -> list[Path]:
        """Write every workbook changed since its last write; the paths written."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            books, self.dirty = sorted(self.dirty), set()
            for book in books:
                write_xlsx(self.tables[book], book)
            return books


_WRITER = _WorkbookWriter(WORKBOOK_DELAY)


def flush_workbooks() -> list[Path]:
    """Write the workbooks of interactive :func:`save_table` calls now (else shortly after
    the last save, and at exit); returns the paths written."""
    return _WRITER.flush()


#: Under ``bqw report``, tables wait here (``<tables>/.workbooks/<workbook>/``) and the
#: runner writes each notebook's workbook once, when the notebook has finished.
STASH_DIR = ".workbooks"
_STASH_ORDER = "order.txt"


def _table_name(name: str) -> str:
    cleaned = _UNSAFE_NAME.sub("_", name.strip()).strip("._")
    if not cleaned:
        raise ValueError(f"table name {name!r} has no usable characters")
    return cleaned


def _workbook_name(stem: str) -> str:
    """The workbook of table *stem*: the running notebook's stem (``$BQW_NOTEBOOK``, set by
    the report runner, or JupyterLab's session name), else ``NN_tables`` after the table's
    ``NN_`` prefix, else ``tables``."""
    name = os.environ.get(config.NOTEBOOK_ENV) or Path(os.environ.get("JPY_SESSION_NAME", "")).stem
    if name and _UNSAFE_NAME.sub("", name):
        return _table_name(name)
    prefix = re.match(r"(\d\d)_", stem)
    return f"{prefix.group(1)}_tables" if prefix else "tables"


def _stash(table: pd.DataFrame | pd.Series, folder: Path, stem: str) -> None:
    """Keep *table* for :func:`gather_workbook` (pickled; the order of first saves kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    table.to_pickle(folder / f"{stem}.pkl")
    order = folder / _STASH_ORDER
    names = order.read_text(encoding="utf-8").split() if order.exists() else []
    if stem not in names:
        with order.open("a", encoding="utf-8") as fh:
            fh.write(stem + "\n")


def gather_workbook(
    tables_dir: str | os.PathLike[str], workbook: str
) -> tuple[Path, dict[str, ExcelFit]] | None:
    """Write ``<tables_dir>/<workbook>.xlsx`` from the tables a notebook stashed, then drop them.

    What the report runner calls when a notebook has finished; ``None`` when the
    notebook saved no table.
    """
    folder = Path(tables_dir) / STASH_DIR / _table_name(workbook)
    order = folder / _STASH_ORDER
    if not order.is_file():
        return None
    names = list(dict.fromkeys(order.read_text(encoding="utf-8").split()))
    tables = {
        n: pd.read_pickle(folder / f"{n}.pkl") for n in names if (folder / f"{n}.pkl").is_file()
    }
    written = (
        write_xlsx(tables, Path(tables_dir) / f"{_table_name(workbook)}.xlsx") if tables else None
    )
    clear_stash(tables_dir, workbook)
    return written


def clear_stash(tables_dir: str | os.PathLike[str], workbook: str) -> None:
    """Forget the tables stashed for *workbook* (before a run, after gathering)."""
    import shutil

    root = Path(tables_dir) / STASH_DIR
    shutil.rmtree(root / _table_name(workbook), ignore_errors=True)
    with contextlib.suppress(OSError):
        root.rmdir()  # only when no other notebook's tables wait there


def save_table(
    table: pd.DataFrame | pd.Series,
    name: str,
    *,
    out_dir: str | os.PathLike[str] | None = None,
    workbook: str | None = None,
) -> dict[str, Path]:
    """Write *table* to ``<out_dir>/<name>.csv`` and as a sheet of ``<out_dir>/<workbook>.xlsx``.

    *out_dir* defaults to :func:`bqw_research.config.tables_dir` (``reports/tables``,
    or ``$BQW_OUT_DIR/tables`` under ``bqw report``); *workbook* to the notebook that
    runs (``$BQW_NOTEBOOK``, set by the report runner), else ``NN_tables`` for a table
    named ``NN_…``, else ``tables``. Every
    table saved into a workbook stays in it, one sheet each, in the order first
    saved; saving a name again replaces its sheet. Interactively the workbook is
    rewritten at each save; under ``bqw report`` (``$BQW_NOTEBOOK`` set) the
    runner writes it once when the notebook has finished (:func:`gather_workbook`).
    Returns ``{"csv": path, "xlsx": path}``.
    """
    if not isinstance(table, pd.DataFrame | pd.Series):
        raise TypeError(
            f"save_table needs a pandas DataFrame or Series, not {type(table).__name__}"
        )
    stem = _table_name(name)
    folder = Path(out_dir) if out_dir is not None else config.tables_dir()
    book_name = _table_name(workbook) if workbook else _workbook_name(stem)
    book = folder / f"{book_name}.xlsx"
    csv_path = write_csv(table, folder / f"{stem}.csv")
    if os.environ.get(config.NOTEBOOK_ENV):
        _stash(table, folder / STASH_DIR / book_name, stem)
    else:
        _WRITER.add(book.resolve(), stem, table)
    return {"csv": csv_path, "xlsx": book}


def show_table(
    table: Any,
    name: str,
    *,
    out_dir: str | os.PathLike[str] | None = None,
    workbook: str | None = None,
) -> Any:
    """:func:`save_table`, then *table* itself, for the notebook to display.

    Anything that is not a DataFrame or Series (``None``, a message) is returned
    untouched, so a cell may end ``show_table(x if len(x) else print("…"), "name")``.
    """
    if isinstance(table, pd.DataFrame | pd.Series):
        save_table(table, name, out_dir=out_dir, workbook=workbook)
    return table
