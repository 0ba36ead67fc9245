"""Run the numbered notebooks and render the report (``bqw report``).

Every ``notebooks/NN_*.ipynb`` (or the ones chosen) runs in name order with
papermill, with ``CORPUS``, ``MANIFEST`` and the user's parameters injected into
its ``parameters`` cell, on the current interpreter. Everything a run writes
goes under ``out/``: per notebook the executed ``.ipynb``, an ``.html`` page
(with a table of contents, a link back to the index and the CJK font embedded),
its inline figures as ``figures/<notebook stem>_<n>.png``, the interactive explorer
pages it writes (``explorers/<notebook stem>_<name>.html``, linked from its row), the files its
``save_figure`` calls write (``figures/<name>.png/.svg[/.pdf]``: each kernel is
given ``$BQW_OUT_DIR`` and ``$BQW_FIGURE_FORMATS``) and its tables
(``tables/<name>.csv`` and the workbook ``tables/<notebook stem>.xlsx``);
``index.html`` links them all, with captioned thumbnails of the figures.

Before any notebook starts, the output folder, the notebook selection, the
parameters and the corpus (that it holds articles) are checked, each failure a
:class:`ReportError` of one line. A failing notebook is recorded and the others
still run. A new numbered notebook joins the report without any change here.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import datetime as dt
import glob
import html
import logging
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import nbformat

from bqw_research import config
from bqw_research.config import NOTEBOOKS_DIR, REPORTS_DIR, check_output_dir
from bqw_research.export import clear_stash, gather_workbook
from bqw_research.report.notebooks import (
    CURRENT_ENV_KERNEL,
    NOTEBOOK_PATTERN,
    CurrentEnvKernelManager,
    find_notebooks,
    has_parameter,
    kernel_environment,
    kernel_manager_with_env,
    parameter_names,
)
from bqw_research.report.pages import add_navigation, embed_font, font_face_css, page_characters
from bqw_research.scale.cache import BUILD_LOCKS
from bqw_research.scale.plan import default_workers

__all__ = [
    "NOTEBOOK_PATTERN",
    "RESERVED_PARAMETERS",
    "NotebookResult",
    "ReportError",
    "ReportResult",
    "check_corpus",
    "find_notebooks",
    "parse_parameter",
    "prepare_out",
    "resolve_parameters",
    "run_report",
    "select_notebooks",
]

#: Parameters the runner sets itself (``--corpus``, ``--manifest``), not through ``-p``.
RESERVED_PARAMETERS = {"CORPUS": "--corpus", "MANIFEST": "--manifest"}


class ReportError(ValueError):
    """A report that cannot start: a bad output folder, notebook, parameter or corpus."""


#: Which notebooks belong to the report: two digits, underscore, name.
_THUMB_SIZE = (360, 270)


@dataclass
class NotebookResult:
    """What happened to one notebook."""

    name: str
    source: Path
    title: str
    status: str  # "ok" or "failed"
    duration: float
    error: str | None = None
    warning: str | None = None
    ipynb: Path | None = None
    html: Path | None = None
    figures: list[Path] = field(default_factory=list)
    thumbnails: list[Path] = field(default_factory=list)
    #: One caption per figure: its section heading and the name it was saved under.
    captions: list[str] = field(default_factory=list)
    #: ``tables/<stem>.xlsx``: every table the notebook showed, one sheet each.
    workbook: Path | None = None
    #: ``explorers/<stem>_<name>.html``: the interactive pages the notebook wrote.
    explorers: list[Path] = field(default_factory=list)
    #: The kernel failed, not a cell of the notebook (worth one more try).
    kernel_failed: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class ReportResult:
    """The whole run: one :class:`NotebookResult` per notebook, in order."""

    out: Path
    index: Path
    corpus: str | None
    started: dt.datetime
    version: str
    notebooks: list[NotebookResult]
    formats: tuple[str, ...] = config.DEFAULT_FIGURE_FORMATS
    #: Why the CJK web font could not be embedded in the pages (``None`` when it was).
    font_warning: str | None = None

    @property
    def ok(self) -> bool:
        return all(nb.ok for nb in self.notebooks)

    @property
    def failed(self) -> list[NotebookResult]:
        return [nb for nb in self.notebooks if not nb.ok]


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bqw_research")
    except PackageNotFoundError:
        return "unknown (not installed)"


_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_SAVED_AS = re.compile(r"save_figure\([^,]+,\s*([\"'])([^\"'{}]+)\1")


def _headings(cell: nbformat.NotebookNode) -> list[str]:
    """The Markdown headings of *cell*, in order (none for a code cell)."""
    if cell.cell_type != "markdown":
        return []
    return [m.group(1) for m in map(_HEADING_LINE.match, cell.source.splitlines()) if m]


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first Markdown heading of the notebook, else *fallback*."""
    for cell in nb.cells:
        for heading in _headings(cell):
            return heading
    return fallback


def _error_message(exc: BaseException) -> str:
    """One readable line for a failed notebook."""
    ename = getattr(exc, "ename", None)
    if ename is not None:  # papermill.exceptions.PapermillExecutionError
        cell = getattr(exc, "exec_count", None)
        where = f" (cell [{cell}])" if cell is not None else ""
        return f"{ename}: {getattr(exc, 'evalue', '')}{where}"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}".rstrip(": ")


@contextlib.contextmanager
def _quiet_papermill() -> Iterator[None]:
    """Hide papermill's log warnings during a run.

    Its parameter inspector cannot parse many commented parameter lines
    (``CORPUS = None  # a folder / file (…)``) and then warns "Passed unknown
    parameter: CORPUS" although the injection works; the runner checks the
    parameters cell itself instead.
    """
    logger = logging.getLogger("papermill")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _remove_previous(out: Path, stem: str) -> None:
    """Delete this notebook's outputs from an earlier run (no stale links)."""
    for path in (out / f"{stem}.ipynb", out / f"{stem}.html", out / "tables" / f"{stem}.xlsx"):
        path.unlink(missing_ok=True)
    clear_stash(out / "tables", stem)
    own = re.compile(rf"^{re.escape(stem)}_\d+\.png$")
    for folder in (out / "figures", out / "figures" / "thumbs"):
        if folder.is_dir():
            for path in folder.iterdir():
                if own.match(path.name):
                    path.unlink()
    for path in _explorer_pages(out, stem):
        path.unlink()


def _explorer_pages(out: Path, stem: str) -> list[Path]:
    """The explorer pages notebook *stem* wrote (``explorers/<stem>_<name>.html``), sorted."""
    from bqw_research.textplot.explorer import EXPLORERS_DIR

    folder = out / EXPLORERS_DIR
    return sorted(folder.glob(f"{glob.escape(stem)}_*.html")) if folder.is_dir() else []


def _extract_figures(nb: nbformat.NotebookNode, out: Path, stem: str) -> list[tuple[Path, str]]:
    """Each inline PNG of *nb* as ``figures/<stem>_<n>.png``, with a caption.

    The caption is the nearest heading above the figure's cell, followed by the
    name the cell saved it under (``save_figure(fig, "name")``) when there is one.
    """
    figures_dir = out / "figures"
    figures_dir.mkdir(parents=True, exist_ok=True)
    found: list[tuple[Path, str]] = []
    heading = ""
    for cell in nb.cells:
        heading = (_headings(cell) or [heading])[-1]
        saved = _SAVED_AS.search(cell.source) if cell.cell_type == "code" else None
        caption = " · ".join(part for part in (heading, saved and saved.group(2)) if part)
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png")
            if not data:
                continue
            if isinstance(data, list):
                data = "".join(data)
            path = figures_dir / f"{stem}_{len(found) + 1}.png"
            path.write_bytes(base64.b64decode(data))
            found.append((path, caption or path.stem))
    return found


def _thumbnail(figure: Path) -> Path:
    """A small copy of *figure* under ``figures/thumbs``; the figure itself if that fails."""
    try:
        from PIL import Image

        thumb_dir = figure.parent / "thumbs"
        thumb_dir.mkdir(exist_ok=True)
        target = thumb_dir / figure.name
        with Image.open(figure) as image:
            image.thumbnail(_THUMB_SIZE)
            image.save(target, format="PNG", optimize=True)
        return target
    except Exception:  # Pillow missing or an unreadable image: link the original
        return figure


_EXPORTERS = threading.local()


def _html_exporter():
    """This thread's nbconvert HTML exporter (made once: loading its templates costs ~0.1 s;
    an exporter registers per-notebook filters on itself, so threads do not share one)."""
    exporter = getattr(_EXPORTERS, "html", None)
    if exporter is None:
        from nbconvert import HTMLExporter

        exporter = _EXPORTERS.html = HTMLExporter()
    return exporter


def _export_html(
    nb: nbformat.NotebookNode, target: Path, title: str, *, no_input: bool = False
) -> None:
    """The page of one notebook: nbconvert's HTML with a link to the index and contents.

    *no_input* hides the code cells (and the prompts), leaving text, tables and figures.
    """
    exporter = _html_exporter()
    exporter.exclude_input = no_input
    exporter.exclude_input_prompt = no_input
    exporter.exclude_output_prompt = no_input
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    target.write_text(add_navigation(body), encoding="utf-8")


def _run_one(
    source: Path,
    out: Path,
    *,
    parameters: Mapping[str, object],
    notebooks_dir: Path,
    kernel_name: str | None,
    cell_progress: bool,
    formats: Sequence[str] = config.DEFAULT_FIGURE_FORMATS,
    no_input: bool = False,
) -> NotebookResult:
    import papermill
    from jupyter_client.manager import KernelManager

    stem = source.stem
    _remove_previous(out, stem)
    warning = None
    try:
        nb_in = nbformat.read(source, as_version=4)
        title = _title(nb_in, stem)
        if not has_parameter(nb_in, "CORPUS"):
            warning = "no 'parameters' cell defining CORPUS: the corpus was injected at the top"
    except Exception:
        title = stem
    executed = out / f"{stem}.ipynb"
    # what save_figure and save_table read in the kernel: everything goes under out/
    env = {
        config.OUT_DIR_ENV: str(out),
        config.FIGURE_FORMATS_ENV: ",".join(formats),
        config.NOTEBOOK_ENV: stem,
    }
    if kernel_name is None:
        kernel_name = CURRENT_ENV_KERNEL
        manager = kernel_manager_with_env(env, base=CurrentEnvKernelManager, cwd=notebooks_dir)
    else:
        manager = kernel_manager_with_env(env, base=KernelManager, cwd=notebooks_dir)
    started = time.perf_counter()
    error = None
    kernel_failed = False
    try:
        # (the caller holds kernel_environment() and _quiet_papermill())
        papermill.execute_notebook(
            str(source),
            str(executed),
            parameters=dict(parameters),
            kernel_name=kernel_name,
            language="python",
            # the kernel starts in notebooks_dir (the manager's cwd), not through papermill's
            # cwd=, which chdirs this whole process and races between side-by-side notebooks
            progress_bar=cell_progress,
            log_output=False,
            kernel_manager_class=manager,
            # written once at the end (and when a cell fails), not after every cell: the
            # rewrites of a notebook holding its figures cost the runner ~0.5 s per notebook
            request_save_on_cell_execute=False,
            # every cell has finished and written its files: stop the kernel at once rather
            # than waiting ~0.8 s for its interpreter to tear down
            shutdown_kernel="immediate",
        )
    except Exception as exc:  # PapermillExecutionError, kernel death, bad notebook
        error = _error_message(exc)
        kernel_failed = getattr(exc, "ename", None) is None  # not an error raised by a cell
    duration = time.perf_counter() - started

    result = NotebookResult(
        name=stem,
        source=source,
        title=title,
        status="ok" if error is None else "failed",
        duration=duration,
        error=error,
        warning=warning,
        kernel_failed=kernel_failed,
    )
    try:
        written = gather_workbook(out / "tables", stem)
        result.workbook = written[0] if written else None
    except Exception as exc:  # an unreadable stash must not hide the run's result
        result.warning = f"tables workbook not written: {_error_message(exc)}"
    result.explorers = _explorer_pages(out, stem)
    if not executed.exists():
        return result
    result.ipynb = executed
    try:
        nb = nbformat.read(executed, as_version=4)
        extracted = _extract_figures(nb, out, stem)
        result.figures = [path for path, _ in extracted]
        result.captions = [caption for _, caption in extracted]
        result.thumbnails = [_thumbnail(f) for f in result.figures]
        page = out / f"{stem}.html"
        _export_html(nb, page, title, no_input=no_input)
        result.html = page
    except Exception as exc:  # rendering problems must not hide the run's result
        message = f"rendering failed: {_error_message(exc)}"
        result.error = f"{result.error}; {message}" if result.error else message
        result.status = "failed"
    return result


def _href(path: Path, out: Path) -> str:
    return html.escape(quote(path.relative_to(out).as_posix()), quote=True)


_CSS = """
body { font-family: "bqw-cjk", system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
th, td { border-bottom: 1px solid #ddd; padding: .4rem .6rem; text-align: left;
         vertical-align: top; }
.ok { color: #1a7f37; font-weight: bold; } .failed { color: #cf222e; font-weight: bold; }
.error { color: #cf222e; font-family: monospace; white-space: pre-wrap; }
.warning { color: #9a6700; }
.figures { display: flex; flex-wrap: wrap; gap: .75rem; margin-bottom: 1.5rem; }
.figures figure { margin: 0; max-width: 360px; }
.figures img { max-width: 360px; max-height: 270px; border: 1px solid #ccc; }
.figures figcaption { font-size: 85%; color: #555; margin-top: .2rem; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dt { font-weight: bold; }
"""


def _write_index(result: ReportResult, *, font_css: str = "") -> None:
    """Write ``index.html``: the run, a row per notebook, captioned figure thumbnails."""
    e = html.escape
    out = result.out
    rows = []
    for nb in result.notebooks:
        links = []
        if nb.html:
            links.append(f'<a href="{_href(nb.html, out)}">html</a>')
        if nb.ipynb:
            links.append(f'<a href="{_href(nb.ipynb, out)}">ipynb</a>')
        if nb.workbook:
            links.append(f'<a href="{_href(nb.workbook, out)}">xlsx</a>')
        links.extend(
            f'<a href="{_href(page, out)}">explorer: {e(page.stem.removeprefix(nb.name + "_"))}</a>'
            for page in nb.explorers
        )
        status = f'<span class="{e(nb.status)}">{e(nb.status)}</span>'
        if nb.error:
            status += f'<div class="error">{e(nb.error)}</div>'
        if nb.warning:
            status += f'<div class="warning">warning: {e(nb.warning)}</div>'
        rows.append(
            "<tr>"
            f"<td>{e(nb.name)}</td><td>{e(nb.title)}</td><td>{status}</td>"
            f"<td>{nb.duration:.1f} s</td><td>{' · '.join(links) or '—'}</td>"
            "</tr>"
        )
    figure_blocks = []
    for nb in result.notebooks:
        if not nb.figures:
            continue
        captions = nb.captions or [fig.stem for fig in nb.figures]
        thumbs = "".join(
            f'<figure><a href="{_href(fig, out)}"><img src="{_href(thumb, out)}" '
            f'alt="{e(caption)}" title="{e(fig.name)}" loading="lazy"></a>'
            f"<figcaption>{e(caption)}</figcaption></figure>"
            for fig, thumb, caption in zip(
                nb.figures, nb.thumbnails or nb.figures, captions, strict=False
            )
        )
        figure_blocks.append(
            f'<h3>{e(nb.name)} — {e(nb.title)}</h3><div class="figures">{thumbs}</div>'
        )
    n_failed = len(result.failed)
    summary = (
        f"{len(result.notebooks)} notebooks, all ok"
        if not n_failed
        else f"{len(result.notebooks)} notebooks, {n_failed} failed"
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>bqw_research report</title>
<style>{_CSS}</style>
</head>
<body>
<h1>bqw_research report</h1>
<dl>
<dt>Corpus</dt><dd>{e(result.corpus or "shipped corpus (data/raw)")}</dd>
<dt>Date</dt><dd>{e(result.started.isoformat(timespec="seconds"))}</dd>
<dt>Package</dt><dd>bqw_research {e(result.version)}</dd>
<dt>Result</dt><dd>{e(summary)}</dd>
{f'<dt>Warning</dt><dd class="warning">{e(result.font_warning)}</dd>' if result.font_warning else ""}
<dt>Outputs</dt><dd>figures/ ({e(", ".join(f.upper() for f in result.formats))}) · tables/ (CSV, one XLSX per notebook) · explorers/ (interactive pages, work offline)</dd>
</dl>
<h2>Notebooks</h2>
<table>
<thead><tr><th>Notebook</th><th>Title</th><th>Status</th><th>Duration</th><th>Output</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<h2>Figures</h2>
{chr(10).join(figure_blocks) or "<p>No figures.</p>"}
</body>
</html>
"""
    result.index.write_text(embed_font(page, font_css), encoding="utf-8")


# --------------------------------------------------------------------------- checks


def prepare_out(out: str | os.PathLike[str]) -> Path:
    """*out* as an absolute folder that exists and can be written, else :class:`ReportError`."""
    path = Path(out).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise ReportError(f"--out {out}: not a folder (a file of that name exists)")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ReportError(f"--out {out}: cannot write there ({reason.lower()})") from None
    return path


def select_notebooks(notebooks: Sequence[Path], wanted: Sequence[str] | None) -> list[Path]:
    """The notebooks named in *wanted* by number (``02``, ``2``) or stem, in name order.

    ``None`` or empty selects all; a name that matches none is a :class:`ReportError`
    listing what there is.
    """
    if not wanted:
        return list(notebooks)
    chosen: set[Path] = set()
    for name in (w.strip() for w in wanted if w.strip()):
        key = name.removesuffix(".ipynb")
        hits = [
            nb
            for nb in notebooks
            if nb.stem == key or (key.isdigit() and int(key) == int(nb.stem[:2]))
        ]
        if not hits:
            names = ", ".join(nb.stem for nb in notebooks)
            raise ReportError(f"--notebooks: no notebook {name!r} (there are: {names})")
        chosen.update(hits)
    return [nb for nb in notebooks if nb in chosen]


def parse_parameter(text: str) -> object:
    """A ``-p`` value: a Python literal (``20``, ``None``, ``("a", "b")``), else the text itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def _injectable(value: object) -> object:
    """*value* as papermill writes it into a cell: tuples as lists (papermill would quote them)."""
    if isinstance(value, tuple | list):
        return [_injectable(v) for v in value]
    if isinstance(value, dict):
        return {k: _injectable(v) for k, v in value.items()}
    return value


def resolve_parameters(
    notebooks: Sequence[Path], parameters: Mapping[str, object] | None
) -> dict[Path, dict[str, object]]:
    """Which of *parameters* each notebook gets: those its ``parameters`` cell assigns.

    A name no chosen notebook assigns, or one the runner sets itself (``CORPUS``,
    ``MANIFEST``), is a :class:`ReportError` naming the parameters there are.
    """
    names = {nb: parameter_names(nbformat.read(nb, as_version=4)) for nb in notebooks}
    parameters = dict(parameters or {})
    for name in parameters:
        if name in RESERVED_PARAMETERS:
            raise ReportError(f"-p {name}: set it with {RESERVED_PARAMETERS[name]}")
        if not any(name in found for found in names.values()):
            known = sorted(
                {n for found in names.values() for n in found} - set(RESERVED_PARAMETERS)
            )
            raise ReportError(
                f"-p {name}: no such parameter in {', '.join(nb.stem for nb in notebooks)} "
                f"(their parameters: {', '.join(known) or 'none'})"
            )
    return {
        nb: {k: _injectable(v) for k, v in parameters.items() if k in found}
        for nb, found in names.items()
    }


def check_corpus(corpus: Path | None, manifest: Path | None = None) -> None:
    """:class:`ReportError` when *corpus* holds no article file or table (or the manifest is
    missing): checked once here instead of by every notebook in turn."""
    from bqw_research.corpus import CorpusError
    from bqw_research.corpus.load import plan_corpus

    try:
        plan_corpus(corpus, manifest=manifest)
    except CorpusError as exc:
        raise ReportError(f"no articles to report on: {exc}") from None


def _embed_fonts(result: ReportResult) -> str:
    """Embed one CJK font subset (the characters of every page) in each page; its CSS.

    A font that cannot be read or subset leaves the pages as they are (with a
    warning on the index): the report itself is complete without it.
    """
    pages = [nb.html for nb in result.notebooks if nb.html is not None]
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    index_text = result.index.read_text(encoding="utf-8") if result.index.exists() else ""
    try:
        css = font_face_css(page_characters([*texts.values(), index_text]))
    except Exception as exc:  # missing font, fontTools failure
        result.font_warning = f"CJK font not embedded: {_error_message(exc)}"
        return ""
    for page, text in texts.items():
        page.write_text(embed_font(text, css), encoding="utf-8")
    return css


def run_report(
    corpus: str | os.PathLike[str] | None = None,
    *,
    out: str | os.PathLike[str] = REPORTS_DIR,
    notebooks_dir: str | os.PathLike[str] = NOTEBOOKS_DIR,
    kernel_name: str | None = None,
    progress: bool = True,
    jobs: int | None = None,
    notebooks: Sequence[str] | None = None,
    parameters: Mapping[str, object] | None = None,
    manifest: str | os.PathLike[str] | None = None,
    no_input: bool = False,
    formats: Sequence[str] | None = None,
) -> ReportResult:
    """Run the ``NN_*.ipynb`` notebooks on *corpus* and render the report into *out*.

    *corpus* is a folder or file of articles (``None`` = the shipped corpus); it
    is passed to each notebook's ``parameters`` cell as ``CORPUS`` (an absolute
    path string, or ``None``), *manifest* likewise as ``MANIFEST``. *notebooks*
    chooses some by number or stem (``["02", "03_rhetoric_analysis"]``; default
    all); *parameters* (``{"CITY": "茂名"}``) go to the notebooks whose
    ``parameters`` cell assigns them. Figures are saved under ``out/figures`` in
    *formats* (default PNG and SVG; ``"pdf"`` adds PDF with TrueType fonts) and
    tables under ``out/tables``. *no_input* hides the code in the HTML pages.

    Notebooks run in name order with the notebooks folder as working directory,
    on the current interpreter unless *kernel_name* names another kernel. With
    *progress*, a progress bar is shown when stderr is a terminal, else one line
    per finished notebook is printed.

    Raises ``FileNotFoundError`` when *corpus* or *manifest* does not exist or
    *notebooks_dir* holds no numbered notebook, and :class:`ReportError` for a
    bad output folder, selection, parameter or figure format, or a corpus
    without articles, and :class:`bqw_research.config.OutputPathError` when *out*
    is ``data/raw`` or inside the corpus folder — all before any notebook starts. A failed notebook does
    not stop the others: check ``result.ok`` / ``result.failed``.

    The notebooks, which do not depend on each other, run *jobs* at a time
    (default: 2 where two CPUs are free, else 1); the first to load the corpus
    builds its cache while the others wait for it. Each notebook's outputs are
    the same either way.
    """
    corpus_path = None
    if corpus is not None:
        corpus_path = Path(corpus).expanduser().resolve()
        if not corpus_path.exists():
            raise FileNotFoundError(f"corpus not found: {corpus}")
    manifest_path = None
    if manifest is not None:
        manifest_path = Path(manifest).expanduser().resolve()
        if not manifest_path.is_file():
            raise FileNotFoundError(f"manifest not found: {manifest}")
    try:
        chosen_formats = config.parse_figure_formats(
            ",".join(formats or config.DEFAULT_FIGURE_FORMATS)
        )
    except ValueError as exc:
        raise ReportError(f"--formats: {exc}") from None
    notebooks_dir = Path(notebooks_dir).resolve()
    found = find_notebooks(notebooks_dir)
    if not found:
        raise FileNotFoundError(f"no notebooks matching {NOTEBOOK_PATTERN} in {notebooks_dir}")
    chosen = select_notebooks(found, notebooks)
    own_parameters = resolve_parameters(chosen, parameters)
    # Never into data/raw or the corpus folder: the next load would read the report.
    check_output_dir(out, reads=(corpus_path,) if corpus_path is not None else ())
    out = prepare_out(out)
    check_corpus(corpus_path, manifest_path)
    corpus_str = str(corpus_path) if corpus_path is not None else None
    manifest_str = str(manifest_path) if manifest_path is not None else None

    tty = progress and sys.stderr.isatty()
    result = ReportResult(
        out=out,
        index=out / "index.html",
        corpus=corpus_str,
        started=dt.datetime.now(dt.UTC),
        version=_package_version(),
        notebooks=[],
        formats=chosen_formats,
    )
    n_jobs = max(1, min(default_workers(), 2) if jobs is None else int(jobs))
    bar = None
    if tty:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(chosen), desc="notebooks", unit="nb", file=sys.stderr)
    lock = threading.Lock()

    def run(source: Path) -> NotebookResult:
        injected: dict[str, object] = {"CORPUS": corpus_str}
        if manifest_str is not None:
            injected["MANIFEST"] = manifest_str
        injected.update(own_parameters[source])

        def attempt(cell_progress: bool) -> NotebookResult:
            return _run_one(
                source,
                out,
                parameters=injected,
                notebooks_dir=notebooks_dir,
                kernel_name=kernel_name,
                cell_progress=cell_progress,
                formats=chosen_formats,
                no_input=no_input,
            )

        nb_result = attempt(tty and n_jobs == 1)
        if nb_result.kernel_failed and n_jobs > 1:
            # a kernel that did not start or died (not a failing cell): once more, alone
            with lock:
                nb_result = attempt(False)
        with lock:
            result.notebooks.append(nb_result)
            result.notebooks.sort(key=lambda r: r.name)
            _write_index(result)  # a partial index survives an interrupted run
            if progress:
                line = f"{nb_result.status:6} {nb_result.name} ({nb_result.duration:.1f} s)"
                if nb_result.error:
                    line += f": {nb_result.error}"
                if nb_result.warning:
                    line += f" (warning: {nb_result.warning})"
                if bar is not None:
                    bar.write(line)
                    bar.update(1)
                else:
                    print(line, flush=True)
        return nb_result

    try:
        # The notebooks are independent, so they run side by side from the start: the
        # first one to load the corpus builds it into the cache while the others wait
        # for it (Bundle.building) and then read it, so it is read once, not per kernel.
        # Without build locks (Windows) the first notebook runs alone and fills the cache.
        first = [] if BUILD_LOCKS else chosen[:1]
        with (
            kernel_environment(reports_dir=out),
            _quiet_papermill(),
            ThreadPoolExecutor(max_workers=n_jobs) as pool,
        ):
            for source in first:
                run(source)
            list(pool.map(run, chosen[len(first) :]))
    finally:
        if bar is not None:
            bar.close()
    _write_index(result, font_css=_embed_fonts(result))
    return result
