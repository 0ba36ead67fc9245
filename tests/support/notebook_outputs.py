"""Every table and figure the numbered notebooks produce, as digests (for before/after checks).

``snapshot(corpus, out)`` runs each notebook in ``notebooks/`` on ``corpus`` in a
kernel of this interpreter, with two cells added: one at the top that sends the
figures to ``out/<notebook>/figures``, one at the end that writes every pandas
table the notebook left in its namespace (DataFrames, Series, and DataFrames in
dicts) as CSV to ``out/<notebook>/tables`` and a digest of each into
``out/snapshot.json``. Figures are digested from the PNG and SVG files that
``save_figure`` wrote. Floats are written with 12 significant digits: the last bits of
numpy's and OpenBLAS's results depend on the CPU's SIMD kernels, not on the code.
``compare(before, after)`` lists what differs. Columns that
hold file locations (``path``, ``paths``) are left out of the tables, so a snapshot
does not depend on where the checkout is.

Run as ``python tests/support/notebook_outputs.py CORPUS OUT`` to take a
snapshot by hand (e.g. before a refactoring), then diff the CSV files.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]

_SETUP = """
import os as _os
from pathlib import Path as _Path
import bqw_research.config as _config
_config.FIGURES_DIR = _Path({figures!r})
_os.environ["BQW_FIGURES_DIR"] = {figures!r}
_os.environ["BQW_OUT_DIR"] = str(_Path({figures!r}).parent)  # save_figure / save_table
"""

_DUMP = """
import hashlib as _hashlib, json as _json
from pathlib import Path as _Path
import pandas as _pd
_tables = {{}}
def _add(_name, _value):
    if isinstance(_value, _pd.Series):
        _value = _value.to_frame()
    # where the checkout lives is not an output: file locations are left out
    _value = _value.drop(columns=[c for c in ("path", "paths") if c in _value.columns])
    if {{"candidate", "category", "seeds_near"}} <= set(_value.columns):
        # Word2Vec trains in float32 through the CPU's BLAS kernels: scores differ in the
        # 6th decimal between machines, which can swap neighbours. Which words each
        # category proposes is the output; same-machine determinism and their order are
        # checked by tests/textstat/test_embeddings.py.
        _value = _value[["category", "candidate"]].sort_values(["category", "candidate"])
        _value = _value.reset_index(drop=True)
    # floats to 12 significant digits: numpy and OpenBLAS pick SIMD kernels by CPU, and
    # their last bits differ between machines (G², p of the same keyness table)
    _csv = _value.to_csv(float_format="%.12g")
    _path = _Path({tables!r}) / (_name.replace("/", "_") + ".csv")
    _path.write_text(_csv, encoding="utf-8")
    _tables[_name] = {{
        "sha256": _hashlib.sha256(_csv.encode("utf-8")).hexdigest(),
        "shape": list(_value.shape),
        "dtypes": [str(t) for t in _value.dtypes],
    }}
for _name, _value in sorted(globals().items()):
    if _name.startswith("_") or _name in ("In", "Out"):
        continue
    if isinstance(_value, (_pd.DataFrame, _pd.Series)):
        _add(_name, _value)
    elif isinstance(_value, dict):
        for _key, _item in sorted(_value.items(), key=lambda kv: str(kv[0])):
            if isinstance(_item, (_pd.DataFrame, _pd.Series)):
                _add(f"{{_name}}[{{_key}}]", _item)
_Path({dump!r}).write_text(_json.dumps(_tables, indent=1, sort_keys=True), encoding="utf-8")
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text_outputs(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Each cell's printed text (stdout and text/plain results), by cell id."""
    out = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or "id" not in cell:
            continue
        parts = []
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream" and o.get("name") == "stdout":
                parts.append(o.get("text", ""))
            elif o.get("output_type") in ("execute_result", "display_data"):
                parts.append(o.get("data", {}).get("text/plain", ""))
        if parts:
            out[cell.id] = hashlib.sha256("".join(parts).encode()).hexdigest()
    return out


def run_notebook(notebook: Path, corpus: str | None, out: Path, *, timeout: int = 1800) -> dict:
    """Run one notebook on ``corpus`` and return its digests (``tables``, ``figures``, ``text``)."""
    from nbclient import NotebookClient

    from bqw_research.report.notebooks import (
        CURRENT_ENV_KERNEL,
        CurrentEnvKernelManager,
        kernel_environment,
    )

    here = out / notebook.stem
    figures, tables = here / "figures", here / "tables"
    figures.mkdir(parents=True, exist_ok=True)
    tables.mkdir(parents=True, exist_ok=True)
    dump = here / "tables.json"
    nb = nbformat.read(notebook, as_version=4)
    params = next(
        i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])
    )
    nb.cells.insert(params + 1, nbformat.v4.new_code_cell(f"CORPUS = {corpus!r}"))
    nb.cells.insert(0, nbformat.v4.new_code_cell(_SETUP.format(figures=str(figures))))
    nb.cells.append(nbformat.v4.new_code_cell(_DUMP.format(tables=str(tables), dump=str(dump))))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=CURRENT_ENV_KERNEL,
        kernel_manager_class=CurrentEnvKernelManager,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    with kernel_environment():
        try:
            client.execute()
        finally:
            nbformat.write(nb, here / notebook.name)
    return {
        "tables": json.loads(dump.read_text(encoding="utf-8")),
        "figures": {p.name: _digest(p) for p in sorted(figures.iterdir())},
        "text": _text_outputs(nb),
    }


def snapshot(corpus: str | None, out: Path, notebooks: list[Path] | None = None) -> dict:
    """Digests of every notebook's tables and figures on ``corpus``; also written to ``out``."""
    notebooks = notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    result = {nb.stem: run_notebook(nb, corpus, out) for nb in notebooks}
    (out / "snapshot.json").write_text(json.dumps(result, indent=1, sort_keys=True), "utf-8")
    return result


def compare(before: dict, after: dict, *, renamed: dict[str, str] | None = None) -> list[str]:
    """What differs between two snapshots, one line each (empty: the same)."""
    renamed = renamed or {}
    problems = []
    for stem, old in before.items():
        new = after.get(renamed.get(stem, stem))
        if new is None:
            problems.append(f"{stem}: notebook missing")
            continue
        for kind in ("tables", "figures"):
            for name, digest in old[kind].items():
                got = new[kind].get(name)
                if got is None:
                    problems.append(f"{stem}: {kind[:-1]} {name} missing")
                elif got != digest:
                    problems.append(f"{stem}: {kind[:-1]} {name} differs")
    return problems


if __name__ == "__main__":
    corpus_arg = None if sys.argv[1] in ("-", "None") else str(Path(sys.argv[1]).resolve())
    target = Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    snap = snapshot(corpus_arg, target)
    for stem, parts in snap.items():
        print(f"{stem}: {len(parts['tables'])} tables, {len(parts['figures'])} figures")
