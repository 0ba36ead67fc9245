"""The notebook runner: every numbered notebook in order → a report (``bqw report``).

:mod:`.runner` executes the notebooks with papermill into HTML pages, figure
files and an index; :mod:`.nbtools` keeps the committed notebooks output-free
and their nbval references fresh; :mod:`.notebooks` holds what both share
(finding the notebooks, the kernel of this interpreter).
"""

from bqw_research.report.notebooks import find_notebooks
from bqw_research.report.runner import NotebookResult, ReportResult, run_report

__all__ = ["NotebookResult", "ReportResult", "find_notebooks", "run_report"]
