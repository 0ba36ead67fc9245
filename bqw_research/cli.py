"""The ``bqw`` command line.

``bqw report [--corpus PATH] [--out DIR] [--notebooks 02,03] [-p NAME VALUE] [--manifest CSV]
[--no-input] [--formats png,svg,pdf]``
    run the numbered notebooks and render ``reports/index.html`` (figures and tables under
    the same folder);
``bqw ingest PATH -o OUT [--format parquet,csv,xlsx] [--manifest CSV] [--pos] [--follow-links]``
    load a corpus and write its tables as Parquet, CSV and/or XLSX;
``bqw validate [--corpus-dev PATH] [--measure NAME ...] [--dry-run]``
    score every measure on its labelled set and write ``data/labels/validity.csv``;
``bqw lexicon candidates PATH -o CSV [--top N]`` / ``bqw lexicon accept CSV``
    new-word discovery on a corpus into a review sheet; the sheet's accepted words into
    ``data/lexicons/domain_lexicon.csv``;
``bqw doctor``
    check the environment figures depend on (only when ``bqw_research.doctor`` exists);
``bqw kernel install [--sys-prefix] [--name NAME] [--display-name TEXT]``
    register this environment as the Jupyter kernel "Python (bqw)" (per user).

``python -m bqw_research …`` runs the same command line (e.g. on Windows, without make).

Adding a subcommand: write ``_add_<name>(subparsers)`` that creates the parser
and sets ``handler`` (a function taking the parsed ``argparse.Namespace`` and
returning an exit code), then append it to :data:`SUBCOMMANDS`. A registrar may
return without adding anything when its module is not available.

Errors print one line to stderr and exit with status 2 (among them an output
folder inside the corpus being read or ``data/raw``, checked before anything is
written, and an unusable ``$BQW_CACHE_DIR``); a report with a
failed notebook exits with 1.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NoReturn

from bqw_research.config import OutputPathError, check_output_dir

__all__ = ["SUBCOMMANDS", "CliError", "build_parser", "main"]

#: Names of the tables ``bqw ingest`` writes, in order.
INGEST_TABLES = ("corpus", "paragraphs", "sentences", "tokens", "emphasis", "cleaning")
#: Formats ``bqw ingest --format`` writes each table in.
INGEST_FORMATS = ("parquet", "csv", "xlsx")


class CliError(Exception):
    """A user error: printed as one line, exit status 2."""


def _path(value: str) -> Path:
    """A path argument; ``~`` is expanded (make passes it quoted, unexpanded)."""
    return Path(value).expanduser()


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (exit 2), not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


# --------------------------------------------------------------------------- report


def _comma_list(values: Sequence[str] | None) -> list[str]:
    """``["02,03", "04"]`` → ``["02", "03", "04"]`` (repeatable options taking comma lists)."""
    return [item.strip() for value in values or () for item in value.split(",") if item.strip()]


def _skip_iri_format_checker() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` in this process.

    jsonschema (under nbformat and papermill) imports it, when installed, to check
    the ``iri`` string formats, and that module compiles a Lark grammar on import
    (1.2 s of every ``bqw report``); the notebook schema uses no such format. Only
    the command line does this, never a user's own process calling ``run_report``.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _cmd_report(args: argparse.Namespace) -> int:
    _skip_iri_format_checker()
    from bqw_research.report import ReportError, run_report
    from bqw_research.report.runner import parse_parameter

    if args.corpus is not None and not args.corpus.exists():
        raise CliError(f"corpus not found: {args.corpus}")
    if args.manifest is not None and not args.manifest.is_file():
        raise CliError(f"manifest not found: {args.manifest}")
    parameters = {name: parse_parameter(value) for name, value in args.parameters or ()}
    try:
        result = run_report(
            args.corpus,
            out=args.out,
            kernel_name=args.kernel,
            progress=True,
            jobs=args.jobs,
            notebooks=_comma_list(args.notebooks) or None,
            parameters=parameters,
            manifest=args.manifest,
            no_input=args.no_input,
            formats=_comma_list(args.formats) or None,
        )
    except ReportError as exc:
        raise CliError(str(exc)) from None
    print(f"report: {result.index}")
    if result.failed:
        names = ", ".join(nb.name for nb in result.failed)
        print(f"bqw report: {len(result.failed)} notebook(s) failed: {names}", file=sys.stderr)
        return 1
    return 0


def _add_report(subparsers: argparse._SubParsersAction) -> None:
    from bqw_research.config import REPORTS_DIR

    p = subparsers.add_parser(
        "report",
        help="run the numbered notebooks and render the HTML report",
        description="Run notebooks/NN_*.ipynb in order on a corpus and write the executed "
        "notebooks, HTML pages, figures (figures/), tables (tables/: CSV and one XLSX per "
        "notebook) and index.html into the output folder.",
    )
    p.add_argument(
        "--corpus",
        type=_path,
        default=None,
        metavar="PATH",
        help="folder or file of articles (default: the shipped corpus in data/raw)",
    )
    p.add_argument(
        "--out",
        type=_path,
        default=REPORTS_DIR,
        metavar="DIR",
        help=f"output folder (default: {REPORTS_DIR})",
    )
    p.add_argument(
        "--kernel",
        default=None,
        metavar="NAME",
        help="Jupyter kernel to use (default: this Python environment)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="notebooks run side by side (default: 2 with two free CPUs)",
    )
    p.add_argument(
        "--notebooks",
        action="append",
        metavar="LIST",
        help="run only these notebooks, by number or name (comma list or repeated: 02,03)",
    )
    p.add_argument(
        "-p",
        "--parameter",
        dest="parameters",
        action="append",
        nargs=2,
        metavar=("NAME", "VALUE"),
        help="set a notebook parameter (e.g. -p CITY 茂名 -p TOP 20): VALUE is read as a "
        "Python literal, else as text; only notebooks whose parameters cell has NAME get it",
    )
    p.add_argument(
        "--manifest",
        type=_path,
        default=None,
        metavar="CSV",
        help="metadata manifest passed to every notebook's load (default: manifest.csv beside "
        "the articles)",
    )
    p.add_argument("--no-input", action="store_true", help="hide the code cells in the HTML pages")
    p.add_argument(
        "--formats",
        action="append",
        metavar="LIST",
        help="formats of the saved figures: comma list of png, svg, pdf (default: png,svg; "
        "PDF embeds TrueType fonts)",
    )
    p.set_defaults(handler=_cmd_report)


# --------------------------------------------------------------------------- ingest


def _parquet_ready(df):  # -> pandas.DataFrame
    """A shallow copy of *df* (its columns are not copied) that pyarrow writes without surprises.

    ``attrs`` are dropped (they may hold objects that are not JSON), object
    columns whose values are all timestamps become a datetime column (kept in
    their time zone when they share one, else converted to UTC).
    """
    import datetime as dt

    import pandas as pd

    out = df.copy(deep=False)
    out.attrs = {}
    for name in out.columns:
        col = out[name]
        if col.dtype != object:
            continue
        values = col.dropna()
        if values.empty or not all(isinstance(v, dt.datetime) for v in values):
            continue
        zones = {str(getattr(v, "tzinfo", None)) for v in values}
        if len(zones) == 1:
            out[name] = pd.to_datetime(col)
        else:
            out[name] = pd.to_datetime(col, utc=True)
    return out


def _ingest_formats(values: Sequence[str] | None) -> list[str]:
    """The ``--format`` values as a list in order (default Parquet); CliError naming the choices."""
    formats = list(dict.fromkeys(f.lower().lstrip(".") for f in _comma_list(values)))
    unknown = [f for f in formats if f not in INGEST_FORMATS]
    if unknown:
        raise CliError(
            f"--format {', '.join(unknown)}: not a table format (choose from "
            f"{', '.join(INGEST_FORMATS)}, repeated or as a comma list)"
        )
    return formats or ["parquet"]


def _write_table(table, folder: Path, name: str, fmt: str):  # -> tuple[Path, dict | None]
    """Write one ingest table as ``<folder>/<name>.<fmt>``; returns the path and, for XLSX,
    the cells that had to be cut (``{column: n}``).

    Parquet goes through a name of this run's own and is then renamed (a killed or
    concurrent run never leaves a half-written table where a reader looks); CSV is
    UTF-8 with BOM; XLSX splits a table longer than an Excel sheet over sheets
    ``<name>``, ``<name>~2``…, time-zone-aware dates made naive in Asia/Shanghai.
    """
    from bqw_research import export

    target = folder / f"{name}.{fmt}"
    if fmt == "csv":
        return export.write_csv(table, target), None
    if fmt == "xlsx":
        path, fits = export.write_xlsx({name: table}, target, max_rows=export.EXCEL_MAX_ROWS - 1)
        return path, fits.get(name)
    partial = folder / f".{name}.parquet.{os.getpid()}.partial"
    try:
        _parquet_ready(table).to_parquet(partial, index=False)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target, None


def _cmd_ingest(args: argparse.Namespace) -> int:
    formats = _ingest_formats(args.formats)
    if not args.path.exists():
        raise CliError(f"corpus not found: {args.path}")
    if args.manifest is not None and not args.manifest.is_file():
        raise CliError(f"manifest not found: {args.manifest}")
    if args.lexicon is not None and not args.lexicon.is_file():
        raise CliError(f"lexicon not found: {args.lexicon}")
    check_output_dir(args.output, reads=(args.path,))  # not a file, not into the corpus

    import pandas as pd

    from bqw_research import corpus as core
    from bqw_research.pipeline import ingest

    options = {"engine": args.engine} if args.engine else {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", core.CorpusWarning)
        try:
            # Worker processes and the content-addressed cache: the same tables as
            # load_corpus → corpus_paragraphs → corpus_sentences → tokens.
            res = ingest(
                args.path,
                manifest=args.manifest,
                pos=args.pos,
                workers=args.workers,
                cache=not args.no_cache,
                follow_links=args.follow_links,
                user_words=args.lexicon,
                convert=args.convert,
                **options,
            )
        except (core.CorpusError, ValueError) as exc:  # ValueError: a bad lexicon line
            raise CliError(str(exc)) from exc
    for w in caught:
        if issubclass(w.category, core.CorpusWarning):
            print(f"warning: {w.message}", file=sys.stderr)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)

    corpus, paragraphs, sentences, toks = res.corpus, res.paragraphs, res.sentences, res.tokens
    tables = {
        "corpus": corpus,
        "paragraphs": paragraphs,
        "sentences": sentences,
        "tokens": toks,
        "emphasis": res.emphasis,
        "cleaning": res.cleaning,
    }
    args.output.mkdir(parents=True, exist_ok=True)
    jobs = [(name, fmt) for fmt in formats for name in INGEST_TABLES]
    # two at a time: encoding Parquet releases the GIL, so the token table and the
    # text tables are written side by side (each file still atomically, in job order)
    with ThreadPoolExecutor(max_workers=2) as pool:
        written = list(pool.map(lambda job: _write_table(tables[job[0]], args.output, *job), jobs))
    from bqw_research.scale import settle_bundles

    with warnings.catch_warnings(record=True) as late:
        warnings.simplefilter("always")
        settle_bundles()  # the cache is written behind the load: say if that failed
    for w in late:
        print(f"warning: {w.message}", file=sys.stderr)
    problems = pd.DataFrame(
        list(corpus.attrs.get("problems", [])), columns=["path", "reason"]
    ).astype("string")
    problems.to_csv(args.output / "problems.csv", index=False)

    print(
        f"{len(corpus)} documents, {len(paragraphs)} paragraphs, {len(sentences)} sentences, "
        f"{len(toks)} tokens; {len(problems)} files skipped"
    )
    from bqw_research.export import EXCEL_MAX_CELL_CHARS

    for path, fit in written:
        for column, n in (fit or {}).items():
            print(
                f"warning: {path.name}: {n} cell(s) of column {column!r} cut to Excel's "
                f"{EXCEL_MAX_CELL_CHARS:,} characters (the CSV and Parquet files keep them whole)",
                file=sys.stderr,
            )
    print(f"wrote {', '.join(p.name for p, _ in written)}, problems.csv to {args.output}")
    return 0


def _add_ingest(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ingest",
        help="load a corpus and write its tables as Parquet, CSV or XLSX",
        description="Load a folder or table of articles and write corpus, paragraphs, "
        "sentences, tokens, emphasis and cleaning tables (Parquet, CSV and/or XLSX) plus "
        "problems.csv (skipped files).",
    )
    p.add_argument("path", type=_path, metavar="PATH", help="folder or file of articles")
    p.add_argument("-o", "--output", type=_path, required=True, metavar="OUT", help="output folder")
    p.add_argument("--manifest", type=_path, default=None, metavar="CSV", help="metadata manifest")
    p.add_argument(
        "--format",
        dest="formats",
        action="append",
        metavar="FORMAT",
        help="table format: parquet (default), csv (UTF-8 with BOM, opens in Excel) or xlsx "
        "(one workbook per table; a table over 1,048,575 rows continues on further sheets); "
        "repeat or give a comma list for several",
    )
    p.add_argument("--pos", action="store_true", help="add part-of-speech tags to tokens")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: every CPU; 1 = in this process)",
    )
    p.add_argument(
        "--engine",
        choices=_engines(),
        default=None,
        metavar="ENGINE",
        help="tokenizer engine: %(choices)s (default: exact, the compiled replica of jieba; "
        "see docs/scale.md)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the ingest cache (data/interim/cache or $BQW_CACHE_DIR)",
    )
    p.add_argument(
        "--follow-links",
        action="store_true",
        help="read symbolic links to files or folders outside PATH (default: list them in "
        "problems.csv)",
    )
    p.add_argument(
        "--lexicon",
        type=_path,
        default=None,
        metavar="FILE",
        help="your own words, kept whole by the segmenter: a CSV with a 'word' column "
        "(and 'pos'), or a text file with one 'word [frequency] [tag]' a line",
    )
    p.add_argument(
        "--convert",
        choices=("t2s", "hk2s", "tw2s"),
        default=None,
        help="convert traditional characters to simplified (OpenCC), keeping the original "
        "text in the corpus table's text_original column",
    )
    p.set_defaults(handler=_cmd_ingest)


class _Engines:
    """The tokenizer engines as ``--engine`` choices, imported when argparse first looks
    at them: importing the tokens stage (pandas, numba: ~0.5 s) only to build the parser
    would slow every command, ``bqw report`` included."""

    def _names(self) -> tuple[str, ...]:
        from bqw_research.tokens import ENGINES

        return ENGINES

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self):
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


def _engines() -> _Engines:
    return _Engines()


# --------------------------------------------------------------------------- validate


def _cmd_validate(args: argparse.Namespace) -> int:
    from bqw_research.evaluation import labelled_corpus, validity_table, write_validity

    try:
        corpus = labelled_corpus(args.corpus_dev)
    except FileNotFoundError as exc:
        raise CliError(str(exc)) from None
    table = validity_table(corpus, measures=args.measure or None)
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if not args.dry_run:
        print(f"wrote {write_validity(table)}")
    return 0


def _add_validate(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "validate",
        help="score every measure on its labelled set (data/labels/validity.csv)",
        description="Run each measure's detector on the development corpus and score it "
        "against data/labels/<measure>/ (parts tune, untouched, all); write the table the "
        "notebooks print.",
    )
    p.add_argument(
        "--corpus-dev",
        type=_path,
        default=None,
        metavar="PATH",
        help="the development corpus the labels were drawn from (default ../shared/corpus-dev "
        "or $BQW_CORPUS_DEV)",
    )
    p.add_argument("--measure", action="append", metavar="NAME", help="only this measure")
    p.add_argument("--dry-run", action="store_true", help="print the table, write nothing")
    p.set_defaults(handler=_cmd_validate)


# --------------------------------------------------------------------------- lexicon


def _cmd_lexicon_candidates(args: argparse.Namespace) -> int:
    from bqw_research.corpus import load_corpus
    from bqw_research.textstat.vocabulary import textstat_new_words
    from bqw_research.tokens.lexicon_review import review_sheet

    out = Path(args.output)
    if out.resolve().is_relative_to(Path(args.path).resolve()):
        raise CliError(f"the sheet must not be written into the corpus: {out}")
    candidates = textstat_new_words(
        load_corpus(args.path), min_count=args.min_count, new_only=not args.all
    )
    sheet = review_sheet(candidates, corpus=args.corpus_name or Path(args.path).name, top=args.top)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(out, index=False, lineterminator="\n", float_format="%.3f")
    print(
        f"wrote {len(sheet)} candidates to {out}: fill 'decision' (accept/reject), then "
        f"run bqw lexicon accept {out}"
    )
    return 0


def _cmd_lexicon_accept(args: argparse.Namespace) -> int:
    from bqw_research.tokens.lexicon_review import lexicon_accept

    try:
        path, added = lexicon_accept(args.sheet, lexicon_path=args.lexicon, reviewed=args.date)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    print(f"added {added} words to {path}")
    return 0


def _add_lexicon(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "lexicon",
        help="grow the domain lexicon: new-word discovery, review, accept",
        description="Find candidate words in a corpus by frequency, cohesion and boundary "
        "entropy (candidates), then add the ones a reviewer accepted to the domain lexicon "
        "with their evidence as source (accept). See docs/vocabulary.md.",
    )
    steps = p.add_subparsers(dest="step", metavar="STEP", parser_class=_Parser)
    steps.required = True
    c = steps.add_parser("candidates", help="write ranked candidate words to a review sheet")
    c.add_argument("path", type=_path, metavar="PATH", help="corpus folder")
    c.add_argument("-o", "--output", type=_path, required=True, metavar="CSV")
    c.add_argument("--top", type=int, default=300, help="rows in the sheet (default 300)")
    c.add_argument("--min-count", type=int, default=5, help="minimum occurrences (default 5)")
    c.add_argument(
        "--all",
        action="store_true",
        help="also list words jieba or the lexicon know or the segmenter keeps whole",
    )
    c.add_argument("--corpus-name", help="how sources name the corpus (default: folder name)")
    c.set_defaults(handler=_cmd_lexicon_candidates)
    a = steps.add_parser("accept", help="append a sheet's accepted words to the lexicon")
    a.add_argument("sheet", type=_path, metavar="CSV", help="a reviewed candidates sheet")
    a.add_argument(
        "--lexicon", type=_path, default=None, help="default data/lexicons/domain_lexicon.csv"
    )
    a.add_argument("--date", default=None, help="review date in sources (default today)")
    a.set_defaults(handler=_cmd_lexicon_accept)


# --------------------------------------------------------------------------- doctor


def _add_doctor(subparsers: argparse._SubParsersAction) -> None:
    """``bqw doctor`` → ``bqw_research.doctor.main()``, registered only if that module exists."""
    if importlib.util.find_spec("bqw_research.doctor") is None:
        return

    def _cmd_doctor(args: argparse.Namespace) -> int:
        from bqw_research import doctor

        return int(doctor.main() or 0)

    p = subparsers.add_parser(
        "doctor",
        help="check fonts, dictionaries and caches figures depend on",
        description="Print the environment a figure depends on; exit non-zero when "
        "something is missing.",
    )
    p.set_defaults(handler=_cmd_doctor)


# --------------------------------------------------------------------------- kernel


def _cmd_kernel(args: argparse.Namespace) -> int:
    from bqw_research.report.notebooks import KERNEL_DISPLAY_NAME, KERNEL_NAME, install_kernel

    name = args.name or KERNEL_NAME
    display_name = args.display_name or KERNEL_DISPLAY_NAME
    path = install_kernel(
        prefix=sys.prefix if args.sys_prefix else None, name=name, display_name=display_name
    )
    print(f'installed kernel "{display_name}" ({name}) for {sys.executable} in {path}')
    return 0


def _add_kernel(subparsers: argparse._SubParsersAction) -> None:
    # (the defaults live in bqw_research.report.notebooks, imported only when run: the
    # parser stays cheap to build)
    p = subparsers.add_parser(
        "kernel",
        help='register this environment as the Jupyter kernel "Python (bqw)"',
        description="Manage the Jupyter kernel that runs the notebooks in your own JupyterLab.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    actions.required = True
    install = actions.add_parser(
        "install",
        help="install the kernelspec (per user by default)",
        description="Write a kernelspec pointing at this Python, with the environment the "
        "report's kernels get, so any JupyterLab of this user can run the notebooks.",
    )
    where = install.add_mutually_exclusive_group()
    where.add_argument(
        "--user",
        dest="sys_prefix",
        action="store_false",
        help="for this user, seen by every JupyterLab the user runs (default)",
    )
    where.add_argument(
        "--sys-prefix",
        dest="sys_prefix",
        action="store_true",
        help="inside this environment only (seen by its own JupyterLab)",
    )
    install.add_argument("--name", default=None, help="kernel name (default bqw)")
    install.add_argument(
        "--display-name",
        default=None,
        metavar="TEXT",
        help='name shown in JupyterLab (default "Python (bqw)")',
    )
    install.set_defaults(handler=_cmd_kernel, sys_prefix=False)


# --------------------------------------------------------------------------- main

#: Subcommand registrars, in the order ``bqw --help`` lists them. Extension point.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_report,
    _add_ingest,
    _add_validate,
    _add_lexicon,
    _add_doctor,
    _add_kernel,
]


def build_parser() -> argparse.ArgumentParser:
    """The ``bqw`` parser with every available subcommand."""
    parser = _Parser(
        prog="bqw",
        description="Research tools for the 百千万工程 policy discourse corpus.",
    )
    try:
        from importlib.metadata import version

        parser.add_argument("--version", action="version", version=version("bqw_research"))
    except Exception:  # not installed (running from a checkout)
        pass
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for register in SUBCOMMANDS:
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``bqw``; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors (already printed)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return int(args.handler(args) or 0)
    except (CliError, OutputPathError) as exc:
        print(f"bqw {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (FileNotFoundError, NotADirectoryError, PermissionError) as exc:
        print(f"bqw {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"bqw {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
