"""What goes wrong while loading: the two exceptions, and how a problem is recorded."""

from __future__ import annotations

import warnings


class CorpusError(ValueError):
    """Nothing could be loaded (no supported files, or every file failed)."""


class CorpusWarning(UserWarning):
    """One file or manifest row could not be used; the message starts with its path."""


def report_problem(problems: list[dict], path: str, reason: str, *, stacklevel: int = 3) -> None:
    """Record ``{"path", "reason"}`` in ``problems`` and warn with :class:`CorpusWarning`."""
    problems.append({"path": path, "reason": reason})
    warnings.warn(f"{path}: {reason}", CorpusWarning, stacklevel=stacklevel)
