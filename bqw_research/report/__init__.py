"""The notebook runner: every numbered notebook in order → a report (``bqw report``).

:mod:`.runner` executes the notebooks with papermill into HTML pages, figure
files and an index; :mod:`.nbtools` keeps the committed notebooks output-free
and their nbval references fresh; :mod:`.notebooks` holds what both share
(finding the notebooks, their parameters, the kernel of this interpreter);
:mod:`.pages` finishes the HTML pages (contents, link to the index, embedded
CJK font). The tables the notebooks show are written by
:func:`bqw_research.export.save_table` (re-exported here).
"""

from bqw_research.export import save_table, show_table
from bqw_research.report.notebooks import find_notebooks
from bqw_research.report.runner import NotebookResult, ReportError, ReportResult, run_report

__all__ = [
    "NotebookResult",
    "ReportError",
    "ReportResult",
    "find_notebooks",
    "run_report",
    "save_table",
    "show_table",
]
