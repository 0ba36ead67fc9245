"""The notebooks and the kernels they run on, shared by the report runner and nbtools.

Notebooks always run on *the current interpreter* (ipykernel's ``python3``
kernelspec of the running environment), so neither ``bqw report`` nor
``make nb-refs`` needs a global Jupyter install or a registered kernel.
"""

from __future__ import annotations

import ast
import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from traitlets import default

from bqw_research.config import NOTEBOOKS_DIR

__all__ = [
    "CURRENT_ENV_KERNEL",
    "INLINE_BACKEND",
    "KERNEL_DISPLAY_NAME",
    "KERNEL_NAME",
    "NOTEBOOK_PATTERN",
    "PARAMETERS_TAG",
    "CurrentEnvKernelManager",
    "current_env_kernel_spec",
    "defines",
    "find_notebooks",
    "has_parameter",
    "install_kernel",
    "kernel_env",
    "kernel_environment",
    "kernel_manager_with_env",
    "list_notebooks",
    "parameter_names",
]

#: The report's notebooks: ``NN_name.ipynb``, run in name order.
NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"
#: Cell tag papermill looks for (the cell defining ``CORPUS``).
PARAMETERS_TAG = "parameters"
#: Kernel name that :class:`CurrentEnvKernelManager` maps to ``sys.executable``.
CURRENT_ENV_KERNEL = "python3"
#: Name and display name of the kernelspec ``bqw kernel install`` registers.
KERNEL_NAME = "bqw"
KERNEL_DISPLAY_NAME = "Python (bqw)"
#: Matplotlib backend kernels run with, so figures become ``image/png`` outputs.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def find_notebooks(notebooks_dir: str | os.PathLike[str] = NOTEBOOKS_DIR) -> list[Path]:
    """The report's notebooks (``NN_*.ipynb``) in *notebooks_dir*, in name order."""
    return sorted(p for p in Path(notebooks_dir).glob(NOTEBOOK_PATTERN) if p.is_file())


def list_notebooks(folder: str | os.PathLike[str] = NOTEBOOKS_DIR) -> list[Path]:
    """All ``*.ipynb`` files directly in *folder*, sorted by name."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if p.is_file())


def defines(source: str, name: str) -> bool:
    """Whether Python ``source`` assigns ``name``."""
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


def parameter_names(nb: nbformat.NotebookNode) -> list[str]:
    """The names the cells tagged ``parameters`` assign, in order (what ``-p`` may set)."""
    names: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code" or PARAMETERS_TAG not in cell.metadata.get("tags", []):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            names.extend(t.id for t in targets if isinstance(t, ast.Name))
    return list(dict.fromkeys(names))


def has_parameter(nb: nbformat.NotebookNode, name: str = "CORPUS") -> bool:
    """Whether a cell tagged ``parameters`` assigns ``name``."""
    return any(
        cell.cell_type == "code"
        and PARAMETERS_TAG in cell.metadata.get("tags", [])
        and defines(cell.source, name)
        for cell in nb.cells
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


def kernel_env() -> dict[str, str]:
    """The variables a notebook kernel needs (see :func:`kernel_environment` for why).

    Also written into the ``bqw kernel install`` kernelspec, so notebooks opened in
    the user's own JupyterLab behave as in ``bqw report``.
    """
    return {
        "MPLBACKEND": INLINE_BACKEND,
        "MIMALLOC_PURGE_DELAY": "0",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def install_kernel(
    *,
    user: bool = True,
    prefix: str | os.PathLike[str] | None = None,
    name: str = KERNEL_NAME,
    display_name: str = KERNEL_DISPLAY_NAME,
) -> Path:
    """Register this interpreter as a Jupyter kernel; the kernelspec folder written.

    Per user by default (``~/.local/share/jupyter/kernels/bqw`` on Linux, or under
    ``$JUPYTER_DATA_DIR``), so any JupyterLab of this user lists "Python (bqw)";
    with *prefix*, under ``<prefix>/share/jupyter`` instead (``sys.prefix`` for this
    environment only). The kernel gets :func:`kernel_env`.
    """
    import ipykernel.kernelspec

    path = ipykernel.kernelspec.install(
        user=user and prefix is None,
        prefix=None if prefix is None else str(prefix),
        kernel_name=name,
        display_name=display_name,
        env=kernel_env(),
    )
    return Path(path)


def kernel_manager_with_env(
    env: Mapping[str, str],
    *,
    base: type[KernelManager] = CurrentEnvKernelManager,
    cwd: str | os.PathLike[str] | None = None,
) -> type[KernelManager]:
    """A subclass of *base* whose kernels start with *env* added to their environment.

    One class per notebook: notebooks that run side by side each get their own
    settings (``$BQW_NOTEBOOK``…) without touching this process's environment.
    With *cwd*, the kernel starts in that folder. (papermill's own ``cwd=``
    changes this whole process's working directory while a notebook runs, so
    two notebooks run side by side from threads race: one could start its kernel
    in the folder the other has just restored, and the process could be left in
    the notebooks folder afterwards.)
    """
    extra = dict(env)
    folder = None if cwd is None else os.fspath(cwd)

    class _WithEnv(base):  # type: ignore[misc, valid-type]
        def start_kernel(self, **kw):
            merged = dict(kw.pop("env", None) or os.environ)
            merged.update(extra)
            if folder is not None:
                kw["cwd"] = folder
            return super().start_kernel(env=merged, **kw)

    _WithEnv.__name__ = _WithEnv.__qualname__ = f"{base.__name__}WithEnv"
    return _WithEnv


@contextlib.contextmanager
def kernel_environment(*, reports_dir: str | os.PathLike[str] | None = None) -> Iterator[None]:
    """Environment for kernels started inside the block.

    ``MPLBACKEND=Agg`` (set for headless test and report runs) would stop
    ipykernel from selecting its inline backend, and figures would never
    become ``image/png`` outputs. Kernels therefore get the inline backend
    (headless as well). The variables are restored afterwards.

    ``MIMALLOC_PURGE_DELAY=0``: Arrow's allocator (mimalloc) otherwise keeps the
    memory of freed string columns for later, and a notebook that builds a few
    token tables in turn holds all of them at its peak (measured on a
    700-article folder: 300 MB less per kernel; a user may set it as well).

    ``BQW_REPORTS_DIR=reports_dir`` when given: the notebooks' ``save_figure`` then
    writes under the report's own folder (``bqw_research.config.REPORTS_DIR``), not
    into the checkout's ``reports/`` nor, for an installed copy, beside the notebooks.
    """
    env = kernel_env()
    saved = {key: os.environ.get(key) for key in [*env, "BQW_REPORTS_DIR"]}
    os.environ["MPLBACKEND"] = env.pop("MPLBACKEND")
    # the others only where the user has not set them
    for key, value in env.items():
        os.environ.setdefault(key, value)
    if reports_dir is not None:
        os.environ["BQW_REPORTS_DIR"] = str(Path(reports_dir).resolve())
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
