"""What an installed copy holds beside the code: the data files, the default corpus, the notebooks.

The checkout keeps ``data/`` and ``notebooks/`` at its top level; a wheel carries the
same folders as package data under ``bqw_research/_resources/``. This module says
which folders and files that is, and copies them; ``setup.py`` loads it by path at
build time (it imports only the standard library, so the package need not be
importable there), and :mod:`bqw_research.config` uses it to tell a checkout from
an installed copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

__all__ = ["NOT_SHIPPED", "RESOURCES", "SHIPPED", "copy_shipped", "is_checkout", "shipped_files"]

#: Folders of the project shipped inside the package, relative to the project root:
#: the data files the code reads, the shipped default corpus and the report's
#: notebooks (with their references). ``MANIFEST.in`` grafts the same folders into
#: the sdist.
SHIPPED = ("data/lexicons", "data/gazetteer", "data/labels", "data/raw", "notebooks")
#: Name of the package-data folder holding :data:`SHIPPED` in an installed copy.
RESOURCES = "_resources"
#: Names never shipped, wherever they appear under :data:`SHIPPED`.
NOT_SHIPPED = frozenset({"__pycache__", ".ipynb_checkpoints", ".DS_Store"})


def is_checkout(root: Path) -> bool:
    """Whether ``root`` is a source checkout of the project (not ``site-packages``).

    A checkout has ``pyproject.toml`` with every shipped folder beside the package.
    """
    return (root / "pyproject.toml").is_file() and all((root / d).is_dir() for d in SHIPPED)


def shipped_files(root: Path) -> Iterator[Path]:
    """Every file of :data:`SHIPPED` under ``root``, relative to it, in sorted order.

    Raises :class:`FileNotFoundError` naming a shipped folder that is missing, so a
    build never produces a wheel without its data.
    """
    for folder in SHIPPED:
        if not (root / folder).is_dir():
            raise FileNotFoundError(f"shipped folder missing: {root / folder}")
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and not NOT_SHIPPED.intersection(rel.parts):
                yield rel


def copy_shipped(root: Path, package_dir: Path) -> list[Path]:
    """Copy :func:`shipped_files` of ``root`` into ``package_dir/_resources``; the copies.

    ``package_dir`` is the package in a build tree (``build/lib/bqw_research``), never
    the checkout's own package folder. A ``_resources`` folder left there by an
    earlier build is replaced, so a file deleted from the checkout leaves the wheel too.
    """
    shutil.rmtree(package_dir / RESOURCES, ignore_errors=True)
    copies = []
    for rel in shipped_files(root):
        target = package_dir / RESOURCES / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)
        copies.append(target)
    return copies
