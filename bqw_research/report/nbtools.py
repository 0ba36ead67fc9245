"""Keep the committed notebooks output-free and their nbval references fresh.

The numbered notebooks in ``notebooks/`` are committed **without any outputs
or execution counts**. The regression reference of the few cells tagged
``nbval-check-output`` lives beside them, in a sidecar file
``notebooks/references/<notebook stem>.json``::

    {"<cell id>": {"execution_count": 4, "outputs": [<text-only outputs>]}}

nbval only compares what a notebook itself holds, so ``make test`` first
*assembles* copies of the notebooks with these references merged into the
tagged cells (``build/nbval/``) and runs ``pytest --nbval-lax`` on the copies.
This module provides the operations behind the Makefile targets:

* :func:`strip_outputs` (``make nb-strip``) — drop every output and execution
  count, clean volatile metadata;
* :func:`refresh_references` (``make nb-refs``) — run a notebook with its
  default parameters, write the text outputs of its tagged cells to the
  sidecar and the notebook back stripped;
* :func:`assemble_for_nbval` (``make test``) — write the notebooks with their
  references merged in, for nbval;
* :func:`check_clean` (``make nb-check``, ``tests/test_nbtools.py``) — list
  what is not clean.

It also holds the kernel helpers the report runner shares: notebooks always
run on *the current interpreter* (ipykernel's ``python3`` kernelspec of the
running environment), so neither ``bqw report`` nor ``make nb-refs`` needs a
global Jupyter install or a registered kernel.

Run it as ``python -m bqw_research.report.nbtools {strip,refs,check} [NOTEBOOK ...]``
or ``python -m bqw_research.report.nbtools assemble [--out DIR]``.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import nbformat

from bqw_research.config import NOTEBOOKS_DIR, PROJECT_ROOT
from bqw_research.report.notebooks import (
    CURRENT_ENV_KERNEL,
    PARAMETERS_TAG,
    CurrentEnvKernelManager,
    defines,
    find_notebooks,
    kernel_environment,
    list_notebooks,
)

__all__ = [
    "CHECK_TAG",
    "NBVAL_DIR",
    "REFERENCES_DIRNAME",
    "assemble_for_nbval",
    "check_clean",
    "merge_references",
    "read_references",
    "references_path",
    "refresh_references",
    "strip_notebook",
    "strip_outputs",
    "write_references",
]

#: Cell tag whose text outputs are nbval's stored reference.
CHECK_TAG = "nbval-check-output"
#: Folder beside the notebooks that holds their reference sidecars.
REFERENCES_DIRNAME = "references"
#: Where :func:`assemble_for_nbval` writes the notebooks nbval runs (git-ignored).
NBVAL_DIR = PROJECT_ROOT / "build" / "nbval"

#: Output MIME types kept in references (nbval compares every MIME type but
#: images; rich text such as a DataFrame's ``text/html`` must be kept too, or
#: nbval reports "unexpected output fields").
_TEXT_MIME = re.compile(r"^text/")
#: Volatile metadata removed from cells and notebooks.
_CELL_META_DROP = ("execution", "ExecuteTime", "papermill", "collapsed", "scrolled")
_NB_META_DROP = ("widgets", "papermill", "execution")
#: Patterns that make a stored reference machine- or run-dependent.
_VOLATILE = (
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "a memory address"),
    (re.compile(re.escape(str(PROJECT_ROOT))), "an absolute path of this checkout"),
    (re.compile(r"(?<![\w.])/(?:tmp|home|root|Users|var/folders)/\S+"), "an absolute path"),
)


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def _is_tagged(cell: dict, tag: str) -> bool:
    return cell.get("cell_type") == "code" and tag in _tags(cell)


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


def strip_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of *nb* without outputs, execution counts or volatile metadata."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    _clean_metadata(nb)
    return nb


def _write_text_if_changed(text: str, path: Path) -> bool:
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if text == old:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def _write_if_changed(nb: nbformat.NotebookNode, path: Path) -> bool:
    return _write_text_if_changed(nbformat.writes(nb) + "\n", path)


def strip_outputs(path: str | os.PathLike[str]) -> bool:
    """Strip a notebook file in place; return whether it changed.

    Removes the outputs and execution counts of every code cell, tagged or not
    (the references of tagged cells live in the sidecar, see
    :func:`references_path`, which is left alone). Notebook metadata loses
    ``widgets``/``papermill``/``execution``; cells lose timing and view metadata.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    return _write_if_changed(strip_notebook(nb), path)


# --------------------------------------------------------------------------- references


def references_path(notebook: str | os.PathLike[str]) -> Path:
    """The reference sidecar of *notebook*: ``<its folder>/references/<stem>.json``."""
    notebook = Path(notebook)
    return notebook.parent / REFERENCES_DIRNAME / f"{notebook.stem}.json"


def read_references(notebook: str | os.PathLike[str]) -> dict[str, dict]:
    """The stored references of *notebook* by cell id (``{}`` when it has no sidecar).

    Raises ``ValueError`` when the sidecar is not a JSON object.
    """
    path = references_path(notebook)
    if not path.exists():
        return {}
    refs = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(refs, dict):
        raise ValueError(f"{path.name}: not a JSON object of cell id -> reference")
    return refs


def write_references(notebook: str | os.PathLike[str], refs: dict[str, dict]) -> bool:
    """Write *refs* to the sidecar of *notebook*; return whether the file changed.

    The file is deterministic: sorted keys, UTF-8 text (no ``\\u`` escapes),
    one-space indent, trailing newline — so an unchanged result gives no diff.
    """
    text = json.dumps(refs, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    return _write_text_if_changed(text, references_path(notebook))


def _collect_references(nb: nbformat.NotebookNode, keep_tag: str) -> dict[str, dict]:
    """``{cell id: {"execution_count", "outputs"}}`` of an executed notebook's tagged cells."""
    refs = {}
    for number, cell in enumerate(nb.cells, start=1):
        if not _is_tagged(cell, keep_tag):
            continue
        if not cell.get("id"):
            raise ValueError(
                f"cell {number} is tagged '{keep_tag}' but has no cell id (nbformat < 4.5): "
                "save the notebook with a current JupyterLab or nbformat"
            )
        refs[cell.id] = {
            "execution_count": cell.execution_count,
            "outputs": _text_outputs(cell.get("outputs", [])),
        }
    return refs


def merge_references(
    nb: nbformat.NotebookNode, refs: dict[str, dict], *, keep_tag: str = CHECK_TAG
) -> nbformat.NotebookNode:
    """Return a stripped copy of *nb* whose tagged cells hold their references.

    A tagged cell without a (well-formed) reference stays unrun (no execution
    count), which nbval does not compare; :func:`check_clean` reports such cells.
    """
    nb = strip_notebook(nb)
    for cell in nb.cells:
        ref = refs.get(cell.get("id")) if _is_tagged(cell, keep_tag) else None
        if isinstance(ref, dict) and isinstance(ref.get("outputs", []), list):
            cell.execution_count = ref.get("execution_count")
            cell.outputs = [nbformat.from_dict(out) for out in ref.get("outputs", [])]
    return nb


def refresh_references(
    path: str | os.PathLike[str],
    *,
    keep_tag: str = CHECK_TAG,
    timeout: int = 1200,
    kernel_name: str | None = None,
) -> list[str]:
    """Run a notebook with its default parameters and store its references.

    The notebook is executed with nbclient in its own folder on the current
    interpreter (or *kernel_name*). The text outputs and execution counts of
    cells tagged *keep_tag* replace the sidecar (:func:`references_path`;
    entries of cells no longer present or tagged are dropped), and the notebook
    is rewritten fully stripped. Returns the :func:`check_clean` problems of the
    result — e.g. a tagged cell whose output holds a memory address or an
    absolute path, which would make nbval fail on another machine. Raises
    ``nbclient.exceptions.CellExecutionError`` (and leaves both files
    untouched) when a cell fails.
    """
    from nbclient import NotebookClient

    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    _collect_references(nb, keep_tag)  # fail on missing cell ids before running
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
    refs = _collect_references(nb, keep_tag)
    if refs or references_path(path).exists():  # no sidecar for a notebook without tags
        write_references(path, refs)
    _write_if_changed(strip_notebook(nb), path)
    return check_clean(path, keep_tag=keep_tag)


def assemble_for_nbval(
    notebooks_dir: str | os.PathLike[str] = NOTEBOOKS_DIR,
    out_dir: str | os.PathLike[str] = NBVAL_DIR,
    *,
    keep_tag: str = CHECK_TAG,
) -> list[Path]:
    """Write every numbered notebook with its references merged in, for nbval.

    Each ``NN_*.ipynb`` of *notebooks_dir* is copied to *out_dir* stripped,
    with the sidecar references (outputs and execution count) put back into
    its tagged cells (:func:`merge_references`), so that
    ``pytest --nbval-lax --nbval-current-env OUT_DIR`` compares them. Notebooks
    left in *out_dir* from an earlier run whose source is gone are removed.
    The copies run with *out_dir* as working directory, so notebooks must find
    their files through :mod:`bqw_research.config`. Returns the written paths
    in name order.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources = find_notebooks(notebooks_dir)
    wanted = {src.name for src in sources}
    for stale in out.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    written = []
    for src in sources:
        nb = nbformat.read(src, as_version=4)
        target = out / src.name
        _write_if_changed(merge_references(nb, read_references(src), keep_tag=keep_tag), target)
        written.append(target)
    return written


# --------------------------------------------------------------------------- checks


def _output_text(out: dict) -> str:
    if out.get("output_type") == "stream":
        text = out.get("text", "")
        return "".join(text) if isinstance(text, list) else text
    parts = []
    for key, value in out.get("data", {}).items():
        if _TEXT_MIME.match(key):
            parts.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(parts)


def _reference_problems(where: str, ref: object) -> list[str]:
    """What keeps one stored reference from being a stable nbval reference."""
    if not isinstance(ref, dict) or not isinstance(ref.get("outputs", []), list):
        return [f"{where}: malformed reference (expected execution_count and a list of outputs)"]
    problems = []
    if not isinstance(ref.get("execution_count"), int):
        # nbval compares nothing for a cell it considers never run
        problems.append(
            f"{where}: the reference has no execution count (nbval would not compare it): "
            "run `make nb-refs`"
        )
    for out in ref.get("outputs", []):
        kind = out.get("output_type") if isinstance(out, dict) else None
        if kind == "error":
            problems.append(f"{where}: stores an error output")
            continue
        if kind not in ("stream", "execute_result", "display_data"):
            problems.append(f"{where}: stores an output of unknown type {kind!r}")
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


def check_clean(path: str | os.PathLike[str], *, keep_tag: str = CHECK_TAG) -> list[str]:
    """Problems that keep a notebook from being committed as is (empty = clean).

    Checks the notebook: it is valid; a cell tagged ``parameters`` assigns
    ``CORPUS``; no cell carries outputs or an execution count; no widget state
    or execution timing metadata. Checks its sidecar (:func:`references_path`):
    every cell tagged *keep_tag* has a reference with an execution count (set
    by :func:`refresh_references`; without one nbval compares nothing) made of
    text outputs only (no images, errors, stderr) with nothing machine- or
    run-dependent (memory addresses, absolute paths); no reference belongs to a
    cell that is missing or not tagged; the merged notebook is valid.
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
    elif not any(c.cell_type == "code" and defines(c.source, "CORPUS") for c in params):
        problems.append(f"{path.name}: the '{PARAMETERS_TAG}' cell does not define CORPUS")

    for key in _NB_META_DROP:
        if key in nb.metadata:
            problems.append(f"{path.name}: notebook metadata holds '{key}'")

    sidecar = f"{REFERENCES_DIRNAME}/{references_path(path).name}"
    try:
        refs = read_references(path)
    except (ValueError, UnicodeDecodeError) as exc:
        problems.append(f"{sidecar}: cannot be read: {exc}")
        refs = {}

    tagged_ids = set()
    for number, cell in enumerate(nb.cells, start=1):
        where = f"{path.name}: cell {number}"
        for key in _CELL_META_DROP:
            if key in cell.get("metadata", {}):
                problems.append(f"{where}: metadata holds '{key}'")
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is not None:
            problems.append(f"{where}: has an execution count: run `make nb-strip`")
        if cell.get("outputs"):
            problems.append(f"{where}: has outputs: run `make nb-strip`")
        if keep_tag not in _tags(cell):
            continue
        cell_id = cell.get("id")
        if not cell_id:
            problems.append(f"{where}: tagged '{keep_tag}' but has no cell id (nbformat < 4.5)")
            continue
        tagged_ids.add(cell_id)
        if cell_id not in refs:
            problems.append(
                f"{where}: tagged '{keep_tag}' but {sidecar} holds no reference for it "
                f"(cell id {cell_id}): run `make nb-refs`"
            )
            continue
        problems.extend(_reference_problems(f"{where} (reference in {sidecar})", refs[cell_id]))

    for cell_id in sorted(set(refs) - tagged_ids):
        problems.append(
            f"{sidecar}: holds a reference for cell id {cell_id}, which is not a cell tagged "
            f"'{keep_tag}' in {path.name}: run `make nb-refs`"
        )
    if refs:
        try:
            nbformat.validate(merge_references(nb, refs, keep_tag=keep_tag))
        except nbformat.ValidationError as exc:
            problems.append(f"{sidecar}: references do not form valid outputs: {exc.message}")
    return problems


# --------------------------------------------------------------------------- command line


def _assemble_command(out: Path, *, notebooks_dir: Path = NOTEBOOKS_DIR) -> int:
    """Assemble for nbval; fail on a tagged cell nbval would run without comparing."""
    written = assemble_for_nbval(notebooks_dir, out)
    if not written:
        print(f"no numbered notebooks in {notebooks_dir}", file=sys.stderr)
        return 2
    status = 0
    for path in written:
        print(f"assembled {path}")
        cells = nbformat.read(path, as_version=4).cells
        for number, cell in enumerate(cells, start=1):
            if _is_tagged(cell, CHECK_TAG) and cell.execution_count is None:
                # nbval would run the cell without comparing anything
                print(
                    f"problem: {path.name}: cell {number} is tagged '{CHECK_TAG}' but has no "
                    "stored reference: run `make nb-refs`",
                    file=sys.stderr,
                )
                status = 1
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bqw_research.report.nbtools {strip,refs,check,assemble} [NOTEBOOK ...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m bqw_research.report.nbtools",
        description=(
            "Strip notebooks, refresh their nbval references, check them, or assemble "
            "the notebooks with their references for nbval."
        ),
    )
    parser.add_argument("action", choices=["strip", "refs", "check", "assemble"])
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="default: every notebook in notebooks/ (assemble takes none: it writes every "
        "numbered notebook)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help=f"assemble only: folder to write to (default: {NBVAL_DIR.relative_to(PROJECT_ROOT)})",
    )
    args = parser.parse_args(argv)
    if args.action == "assemble":
        if args.notebooks:
            parser.error("assemble takes no notebooks: it writes every NN_*.ipynb of notebooks/")
        return _assemble_command(args.out or NBVAL_DIR)
    if args.out is not None:
        parser.error("--out only applies to assemble")
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
            except Exception as exc:  # CellExecutionError, kernel death, missing cell ids
                first = str(exc).strip().splitlines()
                print(
                    f"error: {path}: {type(exc).__name__}: {first[-1] if first else ''}",
                    file=sys.stderr,
                )
                status = 1
                continue
            print(f"updated  {path} and {references_path(path)}")
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
