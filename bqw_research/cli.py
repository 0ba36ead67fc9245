"""The ``bqw`` command line.

``bqw report [--corpus PATH] [--out DIR]``
    run the numbered notebooks and render ``reports/index.html``;
``bqw ingest PATH -o OUT [--manifest CSV] [--pos] [--follow-links]``
    load a corpus and write its tables as Parquet;
``bqw validate [--corpus-dev PATH] [--measure NAME ...] [--dry-run]``
    score every measure on its labelled set and write ``data/labels/validity.csv``;
``bqw doctor``
    check the environment figures depend on (only when ``bqw_research.doctor`` exists).

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
from pathlib import Path
from typing import NoReturn

from bqw_research.config import OutputPathError, check_output_dir

__all__ = ["SUBCOMMANDS", "CliError", "build_parser", "main"]

#: Names of the tables ``bqw ingest`` writes, in order.
INGEST_TABLES = ("corpus", "paragraphs", "sentences", "tokens", "emphasis", "cleaning")


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


def _cmd_report(args: argparse.Namespace) -> int:
    from bqw_research.report import run_report

    if args.corpus is not None and not args.corpus.exists():
        raise CliError(f"corpus not found: {args.corpus}")
    result = run_report(
        args.corpus, out=args.out, kernel_name=args.kernel, progress=True, jobs=args.jobs
    )
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
        "notebooks, HTML pages, figures and index.html into the output folder.",
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
        help="notebooks run side by side after the first (default: 2 with two free CPUs)",
    )
    p.set_defaults(handler=_cmd_report)


# --------------------------------------------------------------------------- ingest


def _parquet_ready(df):  # -> pandas.DataFrame
    """A copy of *df* that pyarrow writes without surprises.

    ``attrs`` are dropped (they may hold objects that are not JSON), object
    columns whose values are all timestamps become a datetime column (kept in
    their time zone when they share one, else converted to UTC).
    """
    import datetime as dt

    import pandas as pd

    out = df.copy()
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


def _cmd_ingest(args: argparse.Namespace) -> int:
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
    for name in INGEST_TABLES:
        # under a name of this run's own, then renamed: a killed or concurrent run never
        # leaves a half-written table where a reader looks
        target = args.output / f"{name}.parquet"
        partial = args.output / f".{name}.parquet.{os.getpid()}.partial"
        try:
            _parquet_ready(tables[name]).to_parquet(partial, index=False)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    problems = pd.DataFrame(
        list(corpus.attrs.get("problems", [])), columns=["path", "reason"]
    ).astype("string")
    problems.to_csv(args.output / "problems.csv", index=False)

    print(
        f"{len(corpus)} documents, {len(paragraphs)} paragraphs, {len(sentences)} sentences, "
        f"{len(toks)} tokens; {len(problems)} files skipped"
    )
    print(
        f"wrote {', '.join(f'{n}.parquet' for n in INGEST_TABLES)}, problems.csv to {args.output}"
    )
    return 0


def _add_ingest(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ingest",
        help="load a corpus and write its tables as Parquet",
        description="Load a folder or table of articles and write corpus, paragraphs, "
        "sentences, tokens, emphasis and cleaning tables (Parquet) plus problems.csv "
        "(skipped files).",
    )
    p.add_argument("path", type=_path, metavar="PATH", help="folder or file of articles")
    p.add_argument("-o", "--output", type=_path, required=True, metavar="OUT", help="output folder")
    p.add_argument("--manifest", type=_path, default=None, metavar="CSV", help="metadata manifest")
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
        help="tokenizer engine (default: exact, the compiled replica of jieba; see docs/scale.md)",
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


def _engines() -> tuple[str, ...]:
    from bqw_research.tokens import ENGINES

    return ENGINES


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


# --------------------------------------------------------------------------- main

#: Subcommand registrars, in the order ``bqw --help`` lists them. Extension point.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_report,
    _add_ingest,
    _add_validate,
    _add_doctor,
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
