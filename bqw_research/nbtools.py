"""Keep the committed notebooks clean and their nbval references fresh.

The numbered notebooks in ``notebooks/`` are committed **without outputs**,
except for the few cells tagged ``nbval-check-output``: their text output is
the regression reference that ``pytest --nbval-lax notebooks/`` compares a
fresh run against. This module provides the three operations behind the
Makefile targets:

* :func:`strip_outputs` (``make nb-strip``) — drop every output and execution
  count, keep only the text outputs of tagged cells, clean volatile metadata;
* :func:`refresh_references` (``make nb-refs``) — run a notebook with its
  default parameters and store the outputs of the tagged cells only;
* :func:`check_clean` — list what is not clean (used by ``tests/test_nbtools.py``).

It also holds the kernel helpers the report runner shares: notebooks always
run on *the current interpreter* (ipykernel's ``python3`` kernelspec of the
running environment), so neither ``bqw report`` nor ``make nb-refs`` needs a
global Jupyter install or a registered kernel.

Run it as ``python -m bqw_research.nbtools {strip,refs,check} [NOTEBOOK ...]``.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from traitlets import default

from bqw_research.config import NOTEBOOKS_DIR, PROJECT_ROOT

__all__ = [
    "CHECK_TAG",
    "CURRENT_ENV_KERNEL",
    "INLINE_BACKEND",
    "PARAMETERS_TAG",
    "CurrentEnvKernelManager",
    "check_clean",
    "kernel_environment",
    "list_notebooks",
    "refresh_references",
    "strip_notebook",
    "strip_outputs",
]

#: Cell tag whose text outputs are nbval's stored reference.
CHECK_TAG = "nbval-check-output"
#: Cell tag papermill looks for (the cell defining ``CORPUS``).
PARAMETERS_TAG = "parameters"
#: Kernel name that :class:`CurrentEnvKernelManager` maps to ``sys.executable``.
CURRENT_ENV_KERNEL = "python3"
#: Matplotlib backend kernels run with, so figures become ``image/png`` outputs.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

#: Output MIME types kept in tagged cells (nbval compares every MIME type but
#: images; rich text such as a DataFrame's ``text/html`` must be kept too, or
#: nbval reports "unexpected output fields").
_TEXT_MIME = re.compile(r"^text/")
#: MIME types nbval itself skips when comparing.
_NBVAL_SKIPPED = {"image/png", "image/jpeg", "application/vnd.jupyter.widget-view+json"}
#: Volatile metadata removed from cells and notebooks.
_CELL_META_DROP = ("execution", "ExecuteTime", "papermill", "collapsed", "scrolled")
_NB_META_DROP = ("widgets", "papermill", "execution")
#: Patterns that make a stored reference machine- or run-dependent.
_VOLATILE = (
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "a memory address"),
    (re.compile(re.escape(str(PROJECT_ROOT))), "an absolute path of this checkout"),
    (re.compile(r"(?<![\w.])/(?:tmp|home|root|Users|var/folders)/\S+"), "an absolute path"),
)


# --------------------------------------------------------------------------- kernels


def current_env_kernel_spec() -> KernelSpec:
    """ipykernel's ``python3`` kernelspec for the running interpreter."""
    import ipykernel.kernelspec

    spec = ipykernel.kernelspec.get_kernel_dict()
    return KernelSpec(resource_dir=ipykernel.kernelspec.RESOURCES, **spec)


class _CurrentEnvKernelSpecManager(KernelSpecManager):
    """Resolves :data:`CURRENT_ENV_KERNEL` to this interpreter, whatever is installed."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        if kernel_name == CURRENT_ENV_KERNEL:
            return current_env_kernel_spec()
        return super().get_kernel_spec(kernel_name)


class CurrentEnvKernelManager(KernelManager):
    """A kernel manager whose ``python3`` kernel is always ``sys.executable``.

    A ``python3`` kernelspec in ``~/.local/share/jupyter`` or a system Jupyter
    can point at another Python; this manager ignores those, so notebooks see
    exactly the packages of the environment that runs ``bqw report``.
    """

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self) -> KernelSpecManager:
        return _CurrentEnvKernelSpecManager(data_dir=self.data_dir)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Encrypt the local channels when this jupyter_client/pyzmq can (it also
        # silences ipykernel's "running over TCP without encryption" warning).
        if "transport_encryption" in self.trait_names() and "transport_encryption" not in kwargs:
            with contextlib.suppress(Exception):  # pyzmq built without libsodium
                import zmq

                if zmq.has("curve"):
                    self.transport_encryption = "auto"


@contextlib.contextmanager
def kernel_environment() -> Iterator[None]:
    """Environment for kernels started inside the block.

    ``MPLBACKEND=Agg`` (set for headless test and report runs) would stop
    ipykernel from selecting its inline backend, and figures would never
    become ``image/png`` outputs. Kernels therefore get the inline backend
    (headless as well). The variable is restored afterwards.
    """
    saved = {key: os.environ.get(key) for key in ("MPLBACKEND", "PYDEVD_DISABLE_FILE_VALIDATION")}
    os.environ["MPLBACKEND"] = INLINE_BACKEND
    # debugpy's "frozen modules" warning on every kernel start is noise here.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# --------------------------------------------------------------------------- notebooks


def list_notebooks(folder: str | os.PathLike[str] = NOTEBOOKS_DIR) -> list[Path]:
    """All ``*.ipynb`` files directly in *folder*, sorted by name."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if p.is_file())


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def _clean_metadata(nb: nbformat.NotebookNode) -> None:
    for key in _NB_META_DROP:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in _CELL_META_DROP:
            cell.metadata.pop(key, None)


def _text_outputs(outputs: Iterable[dict]) -> list[dict]:
    """Stream outputs and the ``text/*`` data of rich outputs."""
    kept = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            kept.append(nbformat.v4.new_output("stream", name=out["name"], text=out["text"]))
        elif kind in ("execute_result", "display_data"):
            data = {k: v for k, v in out.get("data", {}).items() if _TEXT_MIME.match(k)}
            if not data:
                continue
            if kind == "execute_result":
                new = nbformat.v4.new_output(
                    "execute_result", data=data, execution_count=out.get("execution_count")
                )
            else:
                new = nbformat.v4.new_output("display_data", data=data)
            kept.append(new)
        # error outputs are dropped: a reference must come from a successful run
    return kept


def strip_notebook(
    nb: nbformat.NotebookNode, *, keep_tag: str = CHECK_TAG
) -> nbformat.NotebookNode:
    """Return a stripped copy of *nb* (see :func:`strip_outputs`)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            continue
        if keep_tag in _tags(cell):
            # nbval skips the comparison of a cell whose execution count is None
            # ("unrun"), so reference cells keep the count of the run.
            cell.outputs = _text_outputs(cell.get("outputs", []))
        else:
            cell.outputs = []
            cell.execution_count = None
    _clean_metadata(nb)
    return nb


def _write_if_changed(nb: nbformat.NotebookNode, path: Path) -> bool:
    text = nbformat.writes(nb) + "\n"
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if text == old:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def strip_outputs(path: str | os.PathLike[str], *, keep_tag: str = CHECK_TAG) -> bool:
    """Strip a notebook file in place; return whether it changed.

    Removes the outputs and execution counts of every code cell. Cells tagged
    *keep_tag* keep their stream and ``text/*`` outputs (images, errors and
    widget data are dropped) and their execution count — those are nbval's
    references (nbval treats a cell without a count as never run). Notebook
    metadata loses ``widgets``/``papermill``; cells lose timing metadata.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    return _write_if_changed(strip_notebook(nb, keep_tag=keep_tag), path)


def refresh_references(
    path: str | os.PathLike[str],
    *,
    keep_tag: str = CHECK_TAG,
    timeout: int = 1200,
    kernel_name: str | None = None,
) -> list[str]:
    """Run a notebook with its default parameters and store its references.

    The notebook is executed with nbclient in its own folder on the current
    interpreter (or *kernel_name*); the outputs of cells tagged *keep_tag* are
    kept (text only), everything else is stripped, and the file is rewritten.
    Returns the :func:`check_clean` problems of the result — e.g. a tagged cell
    whose output holds a memory address or an absolute path, which would make
    nbval fail on another machine. Raises ``nbclient.exceptions.CellExecutionError``
    (and leaves the file untouched) when a cell fails.
    """
    from nbclient import NotebookClient

    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    client_kwargs: dict = {
        "timeout": timeout,
        "resources": {"metadata": {"path": str(path.parent)}},
    }
    if kernel_name is None:
        client_kwargs.update(
            kernel_name=CURRENT_ENV_KERNEL, kernel_manager_class=CurrentEnvKernelManager
        )
    else:
        client_kwargs["kernel_name"] = kernel_name
    with kernel_environment():
        NotebookClient(nb, **client_kwargs).execute()
    _write_if_changed(strip_notebook(nb, keep_tag=keep_tag), path)
    return check_clean(path, keep_tag=keep_tag)


# --------------------------------------------------------------------------- checks


def _defines(source: str, name: str) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name) and sub.id == name:
                    return True
    return False


def _output_text(out: dict) -> str:
    if out.get("output_type") == "stream":
        text = out.get("text", "")
        return "".join(text) if isinstance(text, list) else text
    parts = []
    for key, value in out.get("data", {}).items():
        if _TEXT_MIME.match(key):
            parts.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(parts)


def check_clean(path: str | os.PathLike[str], *, keep_tag: str = CHECK_TAG) -> list[str]:
    """Problems that keep a notebook from being committed as is (empty = clean).

    Checks: the notebook is valid; a cell tagged ``parameters`` assigns
    ``CORPUS``; untagged cells carry no outputs and no execution count; tagged
    cells hold a stored reference (an execution count, set by
    :func:`refresh_references`; without it nbval checks nothing) of text outputs
    only (no images, errors, stderr) with
    nothing machine- or run-dependent (memory addresses, absolute paths); no
    widget state or execution timing metadata.
    """
    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # unreadable JSON, wrong format
        return [f"{path.name}: cannot be read as a notebook: {exc}"]
    problems: list[str] = []
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        problems.append(f"{path.name}: invalid notebook: {exc.message}")

    params = [c for c in nb.cells if PARAMETERS_TAG in _tags(c)]
    if not params:
        problems.append(f"{path.name}: no cell tagged '{PARAMETERS_TAG}'")
    elif not any(c.cell_type == "code" and _defines(c.source, "CORPUS") for c in params):
        problems.append(f"{path.name}: the '{PARAMETERS_TAG}' cell does not define CORPUS")

    for key in _NB_META_DROP:
        if key in nb.metadata:
            problems.append(f"{path.name}: notebook metadata holds '{key}'")
    for number, cell in enumerate(nb.cells, start=1):
        where = f"{path.name}: cell {number}"
        for key in _CELL_META_DROP:
            if key in cell.get("metadata", {}):
                problems.append(f"{where}: metadata holds '{key}'")
        if cell.cell_type != "code":
            continue
        outputs = cell.get("outputs", [])
        if keep_tag not in _tags(cell):
            if cell.get("execution_count") is not None:
                problems.append(f"{where}: has an execution count")
            if outputs:
                problems.append(f"{where}: has outputs but is not tagged '{keep_tag}'")
            continue
        if cell.get("execution_count") is None:
            # nbval compares nothing for a cell it considers never run
            problems.append(
                f"{where}: tagged '{keep_tag}' but holds no stored reference "
                "(no execution count): run `make nb-refs`"
            )
        for out in outputs:
            kind = out.get("output_type")
            if kind == "error":
                problems.append(f"{where}: stores an error output")
                continue
            if kind == "stream" and out.get("name") == "stderr":
                problems.append(
                    f"{where}: stores stderr output (warnings, timings): not a stable reference"
                )
            if kind in ("execute_result", "display_data"):
                extra = sorted(k for k in out.get("data", {}) if not _TEXT_MIME.match(k))
                if extra:
                    problems.append(f"{where}: stores non-text output {', '.join(extra)}")
            text = _output_text(out)
            for pattern, what in _VOLATILE:
                if pattern.search(text):
                    problems.append(f"{where}: output contains {what}: not a stable reference")
    return problems


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bqw_research.nbtools {strip,refs,check} [NOTEBOOK ...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m bqw_research.nbtools",
        description="Strip notebooks, refresh their nbval references, or check them.",
    )
    parser.add_argument("action", choices=["strip", "refs", "check"])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebook in notebooks/"
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or list_notebooks()
    if not paths:
        print(f"no notebooks in {NOTEBOOKS_DIR}", file=sys.stderr)
        return 2
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"error: notebook not found: {missing[0]}", file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        if args.action == "strip":
            changed = strip_outputs(path)
            print(f"{'stripped' if changed else 'clean   '} {path}")
            problems = check_clean(path)
        elif args.action == "refs":
            print(f"running  {path} ...", flush=True)
            try:
                problems = refresh_references(path)
            except Exception as exc:  # CellExecutionError, kernel death
                first = str(exc).strip().splitlines()
                print(
                    f"error: {path}: {type(exc).__name__}: {first[-1] if first else ''}",
                    file=sys.stderr,
                )
                status = 1
                continue
            print(f"updated  {path}")
        else:
            problems = check_clean(path)
            if not problems:
                print(f"clean    {path}")
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
        if problems:
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
