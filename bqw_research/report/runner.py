"""Run the numbered notebooks and render the report (``bqw report``).

Every ``notebooks/NN_*.ipynb`` runs in name order with papermill, with
``CORPUS`` injected into its ``parameters`` cell, on the current interpreter.
For each notebook ``out/`` receives the executed ``.ipynb``, an ``.html``
rendering (inputs shown) and every PNG figure as
``figures/<notebook stem>_<n>.png`` (the figures the notebooks save themselves, at
print resolution, go to ``figures/`` too); ``index.html`` links them all, with
thumbnails of the figures. A failing notebook is recorded and the others still
run. A new numbered notebook joins the report without any change here.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import html
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import nbformat

from bqw_research.config import NOTEBOOKS_DIR, REPORTS_DIR, check_output_dir
from bqw_research.report.notebooks import (
    CURRENT_ENV_KERNEL,
    NOTEBOOK_PATTERN,
    CurrentEnvKernelManager,
    find_notebooks,
    has_parameter,
    kernel_environment,
)
from bqw_research.scale.plan import default_workers

__all__ = ["NOTEBOOK_PATTERN", "NotebookResult", "ReportResult", "find_notebooks", "run_report"]

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


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first Markdown heading of the notebook, else *fallback*."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            match = re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", line)
            if match:
                return match.group(1)
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
    for path in (out / f"{stem}.ipynb", out / f"{stem}.html"):
        path.unlink(missing_ok=True)
    own = re.compile(rf"^{re.escape(stem)}_\d+\.png$")
    for folder in (out / "figures", out / "figures" / "thumbs"):
        if folder.is_dir():
            for path in folder.iterdir():
                if own.match(path.name):
                    path.unlink()


def _extract_figures(nb: nbformat.NotebookNode, out: Path, stem: str) -> list[Path]:
    figures_dir = out / "figures"
    figures_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png")
            if not data:
                continue
            if isinstance(data, list):
                data = "".join(data)
            path = figures_dir / f"{stem}_{len(paths) + 1}.png"
            path.write_bytes(base64.b64decode(data))
            paths.append(path)
    return paths


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


def _export_html(nb: nbformat.NotebookNode, target: Path, title: str) -> None:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter()
    exporter.exclude_input = False
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    target.write_text(body, encoding="utf-8")


def _run_one(
    source: Path,
    out: Path,
    *,
    corpus: str | None,
    notebooks_dir: Path,
    kernel_name: str | None,
    cell_progress: bool,
) -> NotebookResult:
    import papermill

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
    engine_kwargs: dict = {}
    if kernel_name is None:
        kernel_name = CURRENT_ENV_KERNEL
        engine_kwargs["kernel_manager_class"] = CurrentEnvKernelManager
    started = time.perf_counter()
    error = None
    kernel_failed = False
    try:
        # (the caller holds kernel_environment() and _quiet_papermill())
        papermill.execute_notebook(
            str(source),
            str(executed),
            parameters={"CORPUS": corpus},
            kernel_name=kernel_name,
            language="python",
            cwd=str(notebooks_dir),
            progress_bar=cell_progress,
            log_output=False,
            **engine_kwargs,
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
    if not executed.exists():
        return result
    result.ipynb = executed
    try:
        nb = nbformat.read(executed, as_version=4)
        result.figures = _extract_figures(nb, out, stem)
        result.thumbnails = [_thumbnail(f) for f in result.figures]
        page = out / f"{stem}.html"
        _export_html(nb, page, title)
        result.html = page
    except Exception as exc:  # rendering problems must not hide the run's result
        message = f"rendering failed: {_error_message(exc)}"
        result.error = f"{result.error}; {message}" if result.error else message
        result.status = "failed"
    return result


def _href(path: Path, out: Path) -> str:
    return html.escape(quote(path.relative_to(out).as_posix()), quote=True)


_CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
th, td { border-bottom: 1px solid #ddd; padding: .4rem .6rem; text-align: left;
         vertical-align: top; }
.ok { color: #1a7f37; font-weight: bold; } .failed { color: #cf222e; font-weight: bold; }
.error { color: #cf222e; font-family: monospace; white-space: pre-wrap; }
.warning { color: #9a6700; }
.figures { display: flex; flex-wrap: wrap; gap: .75rem; margin-bottom: 1.5rem; }
.figures img { max-width: 360px; max-height: 270px; border: 1px solid #ccc; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dt { font-weight: bold; }
"""


def _write_index(result: ReportResult) -> None:
    e = html.escape
    out = result.out
    rows = []
    for nb in result.notebooks:
        links = []
        if nb.html:
            links.append(f'<a href="{_href(nb.html, out)}">html</a>')
        if nb.ipynb:
            links.append(f'<a href="{_href(nb.ipynb, out)}">ipynb</a>')
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
        thumbs = "".join(
            f'<a href="{_href(fig, out)}"><img src="{_href(thumb, out)}" '
            f'alt="{e(fig.name)}" title="{e(fig.name)}" loading="lazy"></a>'
            for fig, thumb in zip(nb.figures, nb.thumbnails or nb.figures, strict=False)
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
    result.index.write_text(page, encoding="utf-8")


def run_report(
    corpus: str | os.PathLike[str] | None = None,
    *,
    out: str | os.PathLike[str] = REPORTS_DIR,
    notebooks_dir: str | os.PathLike[str] = NOTEBOOKS_DIR,
    kernel_name: str | None = None,
    progress: bool = True,
    jobs: int | None = None,
) -> ReportResult:
    """Run every ``NN_*.ipynb`` notebook on *corpus* and render the report into *out*.

    *corpus* is a folder or file of articles (``None`` = the shipped corpus); it
    is passed to each notebook's ``parameters`` cell as ``CORPUS`` (an absolute
    path string, or ``None``). Notebooks run in name order with the notebooks
    folder as working directory, on the current interpreter unless
    *kernel_name* names another kernel. With *progress*, a progress bar is shown
    when stderr is a terminal, else one line per finished notebook is printed.

    A failed notebook does not stop the others: check ``result.ok`` /
    ``result.failed``. Raises ``FileNotFoundError`` when *corpus* does not
    exist or *notebooks_dir* holds no numbered notebook, and
    :class:`bqw_research.config.OutputPathError` (before writing anything)
    when *out* is a file, ``data/raw`` or inside the corpus folder.

    The first notebook runs alone (it fills the corpus cache); the others,
    which do not depend on each other, run *jobs* at a time (default: 2 where
    two CPUs are free, else 1). Each notebook's outputs are the same either way.
    """
    corpus_str = None
    if corpus is not None:
        corpus_path = Path(corpus).expanduser().resolve()
        if not corpus_path.exists():
            raise FileNotFoundError(f"corpus not found: {corpus}")
        corpus_str = str(corpus_path)
    notebooks_dir = Path(notebooks_dir).resolve()
    notebooks = find_notebooks(notebooks_dir)
    if not notebooks:
        raise FileNotFoundError(f"no notebooks matching {NOTEBOOK_PATTERN} in {notebooks_dir}")
    # Never into data/raw or the corpus folder: the next load would read the report.
    out = check_output_dir(out, reads=(Path(corpus_str),) if corpus_str else ())
    out.mkdir(parents=True, exist_ok=True)

    tty = progress and sys.stderr.isatty()
    result = ReportResult(
        out=out,
        index=out / "index.html",
        corpus=corpus_str,
        started=dt.datetime.now(dt.UTC),
        version=_package_version(),
        notebooks=[],
    )
    n_jobs = max(1, min(default_workers(), 2) if jobs is None else int(jobs))
    bar = None
    if tty:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(notebooks), desc="notebooks", unit="nb", file=sys.stderr)
    lock = threading.Lock()

    def run(source: Path) -> NotebookResult:
        def attempt(cell_progress: bool) -> NotebookResult:
            return _run_one(
                source,
                out,
                corpus=corpus_str,
                notebooks_dir=notebooks_dir,
                kernel_name=kernel_name,
                cell_progress=cell_progress,
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
        with kernel_environment(reports_dir=out), _quiet_papermill():
            # The first notebook alone: it reads the corpus into the cache, which the
            # others then find. They are independent, so they run side by side.
            run(notebooks[0])
            with ThreadPoolExecutor(max_workers=n_jobs) as pool:
                list(pool.map(run, notebooks[1:]))
    finally:
        if bar is not None:
            bar.close()
    return result
