"""Build hook: the checkout's ``data/`` and ``notebooks/`` go into the wheel as package data.

Everything else is declared in ``pyproject.toml``. The top-level folders stay where
they are in the checkout; ``build_py`` copies the shipped ones
(:data:`bqw_research.shipped.SHIPPED`) into ``bqw_research/_resources/`` of the build
tree only, where :mod:`bqw_research.config` finds them once installed. An editable
install reads the checkout itself and gets no copy.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PACKAGE = "bqw_research"


def _shipped_module():
    """``bqw_research/shipped.py`` loaded by path (standard library only; the package's
    dependencies need not be installed at build time)."""
    spec = importlib.util.spec_from_file_location("bqw_shipped", ROOT / PACKAGE / "shipped.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithResources(build_py):
    """``build_py``, then the shipped data folders and notebooks into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        copies = _shipped_module().copy_shipped(ROOT, Path(self.build_lib) / PACKAGE)
        self.announce(f"copied {len(copies)} data files and notebooks into {PACKAGE}/", level=2)


setup(cmdclass={"build_py": BuildPyWithResources})
