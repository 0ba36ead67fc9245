"""Smoke test of an installed copy: run it with the installed interpreter, outside the checkout.

    python -m venv /tmp/v && /tmp/v/bin/pip install dist/bqw_research-*.whl
    cd /tmp && /tmp/v/bin/python /path/to/checkout/tests/install/smoke.py

Checks that the package works from any folder with only what the wheel carries:
the shipped corpus loads, tokens with part of speech (domain lexicon), paragraph
attribution (gazetteer), stopword removal, a Guangdong-shaped word cloud saved to a
temporary folder, ``bqw doctor`` exits 0 and ``python -m bqw_research report --out``
renders ``index.html`` from the installed notebooks. Finally nothing may have been
written inside ``site-packages`` (caches belong in the user's cache folder).
``--no-report`` skips the report (about 90 s). Exit status 0 when all passed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """``relative path → (size, mtime_ns)`` of every file under ``root``.

    Bytecode in ``__pycache__`` is Python's own (written on import when pip did not
    compile a module), not the package's, and is left out.
    """
    files = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in names:
            path = Path(folder, name)
            st = path.lstat()
            files[str(path.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return files


def changed(before: dict, after: dict) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def step(name: str, fn) -> None:
    """Run one check and print how long it took; exceptions propagate (the run fails)."""
    start = time.perf_counter()
    detail = fn()
    print(f"ok  {name} ({time.perf_counter() - start:.1f} s){f': {detail}' if detail else ''}")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """A command of the installed package; its output is shown when it fails."""
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"FAILED: {' '.join(args)} exited {proc.returncode}")
    return proc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-report", action="store_true", help="skip bqw report (about 90 s)")
    args = parser.parse_args(argv)

    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    before = snapshot(site)
    work = Path(tempfile.mkdtemp(prefix="bqw-smoke-"))
    os.chdir(work)  # outside any checkout

    from bqw_research import config

    package = Path(config.__file__).resolve().parent
    if config.IN_CHECKOUT or not package.is_relative_to(site):
        raise SystemExit(f"FAILED: bqw_research imported from {package}, not from {site}")
    print(f"bqw_research from {package}; data files {config.PROJECT_ROOT}")
    print(f"cache {config.cache_dir()}; working folder {work}")
    if config.cache_dir().resolve().is_relative_to(site):
        raise SystemExit(f"FAILED: cache folder {config.cache_dir()} is inside {site}")

    import bqw_research as bqw
    from bqw_research.textplot import save_figure, textplot_wordcloud
    from bqw_research.textstat import textstat_frequency
    from bqw_research.textstat.regions import attribute_paragraphs

    state: dict = {}

    def load():
        state["corpus"] = corpus = bqw.load_corpus()
        if corpus.empty or corpus["genre"].isna().all():
            raise SystemExit(
                f"FAILED: shipped corpus: {len(corpus)} rows, genres {corpus['genre']}"
            )
        return f"{len(corpus)} articles, genres {sorted(set(corpus['genre'].dropna()))}"

    def pos_tokens():
        sentences = bqw.corpus_sentences(state["corpus"])
        state["tokens"] = toks = bqw.tokens(sentences, pos=True)
        if "百千万工程" not in set(toks["token"]) or toks["pos"].isna().all():
            raise SystemExit("FAILED: the domain lexicon did not keep 百千万工程 whole, or no POS")
        return f"{len(toks)} tokens with part of speech"

    def attribution():
        paragraphs = bqw.corpus_paragraphs(state["corpus"])
        attributed = attribute_paragraphs(paragraphs)
        if len(attributed) != len(paragraphs) or attributed["mentioned"].isna().all():
            raise SystemExit("FAILED: attribute_paragraphs found no place (gazetteer missing?)")
        return f"{len(attributed)} paragraphs, levels {sorted(set(attributed['level']))}"

    def remove():
        state["kept"] = kept = bqw.tokens_remove(state["tokens"])
        if not 0 < len(kept) < len(state["tokens"]) or "的" in set(kept["token"]):
            raise SystemExit("FAILED: tokens_remove removed no stopword")
        return f"{len(kept)} of {len(state['tokens'])} tokens kept"

    def cloud():
        freq = textstat_frequency(state["kept"])
        fig = textplot_wordcloud(freq, mask="guangdong", max_words=60)
        paths = save_figure(fig, "smoke_cloud", out_dir=work / "figures")
        if not all(p.stat().st_size > 0 for p in paths.values()):
            raise SystemExit(f"FAILED: empty cloud files {paths}")
        return ", ".join(str(p) for p in paths.values())

    def doctor():
        bqw_script = Path(sys.executable).with_name("bqw")
        command = (
            [str(bqw_script)] if bqw_script.is_file() else [sys.executable, "-m", "bqw_research"]
        )
        proc = run(*command, "doctor", cwd=work)
        return proc.stdout.strip().splitlines()[-1]

    def report():
        out = work / "report"
        run(sys.executable, "-m", "bqw_research", "report", "--out", str(out), cwd=work)
        index = out / "index.html"  # (a failed notebook made the command exit 1 above)
        if not index.is_file():
            raise SystemExit(f"FAILED: no {index}")
        return f"{index} ({len(list(out.glob('*.html'))) - 1} notebook pages)"

    step("load_corpus() of the shipped corpus", load)
    step("tokens(pos=True)", pos_tokens)
    step("attribute_paragraphs", attribution)
    step("tokens_remove", remove)
    step("word cloud saved", cloud)
    step("bqw doctor", doctor)
    if not args.no_report:
        step("bqw report --out", report)

    written = changed(before, snapshot(site))
    if written:
        shown = "\n  ".join(written[:20])
        raise SystemExit(f"FAILED: {len(written)} file(s) written inside {site}:\n  {shown}")
    print(f"ok  nothing written inside {site}")
    print("install smoke test passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
