"""Re-exports imported on first use (PEP 562), for the package and its stage packages.

``import bqw_research`` or ``from bqw_research.textplot import save_figure`` then
imports only the modules that define what is asked for: the command line, the
report runner and worker processes do not pay for matplotlib, scikit-learn or
the rhetoric rules they never call.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package`` re-exporting ``{name: module}``.

    A name is imported from its module on first access and then kept in the
    package's namespace; an unknown name raises ``AttributeError`` as usual.
    """

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
