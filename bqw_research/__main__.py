"""``python -m bqw_research …``: the ``bqw`` command line without its script (e.g. on Windows)."""

from bqw_research.cli import main

raise SystemExit(main())
