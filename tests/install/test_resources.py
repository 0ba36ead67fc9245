"""config resolves every data file from the checkout and from an installed copy.

The installed copy is built for real (``setup.py build_py`` into a temporary folder,
the hook that fills the wheel) and imported in a fresh interpreter from another
folder; the resolver is also tried on fake package trees.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bqw_research import config
from bqw_research.shipped import RESOURCES, SHIPPED, copy_shipped, is_checkout, shipped_files

ROOT = Path(__file__).resolve().parents[2]

#: Data files and folders named in config (each read by the package).
CONFIG_PATHS = [
    "DATA_DIR",
    "RAW_DIR",
    "LEXICON_DIR",
    "GAZETTEER_DIR",
    "LABELS_DIR",
    "NOTEBOOKS_DIR",
    "DEFAULT_CORPUS",
    "DEFAULT_MANIFEST",
    "DOMAIN_LEXICON",
    "STOPWORDS",
    "GENRE_RULES",
]
#: Data files that other modules name from config's folders.
MODULE_PATHS = [
    ("bqw_research.textstat.frequency", "SINGLE_CHAR_TERMS"),
    ("bqw_research.textstat.regions.themes", "THEMES"),
    ("bqw_research.textstat.regions.cues", "CUES"),
    ("bqw_research.textstat.regions.gazetteer", "DIVISIONS"),
    ("bqw_research.textstat.regions.gazetteer", "REGION_FILE"),
    ("bqw_research.textstat.regions.gazetteer", "ALIASES"),
    ("bqw_research.textplot.maps", "CITY_BOUNDARIES"),
    ("bqw_research.textplot.maps", "REGION_BOUNDARIES"),
    ("bqw_research.textstat.rhetoric.common", "RHETORIC_LEXICON_DIR"),
]


def data_paths() -> dict[str, Path]:
    """Every data path above, as this process resolved it (``module.NAME`` → path)."""
    paths = {name: getattr(config, name) for name in CONFIG_PATHS}
    for module, name in MODULE_PATHS:
        paths[f"{module}.{name}"] = getattr(importlib.import_module(module), name)
    return paths


def test_checkout_resolves_every_data_path_inside_the_checkout():
    assert config.IN_CHECKOUT and config.PROJECT_ROOT == ROOT
    for name, path in data_paths().items():
        assert path.exists(), name
        assert path.is_relative_to(ROOT), name
    assert config.cache_dir() != ROOT / "data" / "interim" / "cache"  # tests: $BQW_CACHE_DIR
    assert config.INTERIM_DIR == ROOT / "data" / "interim"


def test_manifest_in_grafts_exactly_the_shipped_folders():
    lines = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    grafts = [line.split(maxsplit=1)[1] for line in lines if line.startswith("graft ")]
    assert grafts == list(SHIPPED)


def fake_package(site: Path, name: str) -> Path:
    """An importable, empty package ``name`` in ``site``."""
    package = site / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""假的包"""\n', encoding="utf-8")
    return package


def test_installed_copy_resolves_every_data_path(tmp_path, monkeypatch):
    package = fake_package(tmp_path / "site-packages", "bqw_fake_installed")
    copies = copy_shipped(ROOT, package)
    monkeypatch.syspath_prepend(str(tmp_path / "site-packages"))
    importlib.invalidate_caches()

    root = config.resource_root("bqw_fake_installed")
    assert root == package / RESOURCES
    assert len(copies) == len(list(shipped_files(ROOT)))
    for name, path in data_paths().items():
        assert (root / path.relative_to(ROOT)).exists(), name


def test_checkout_detected_beside_the_package(tmp_path, monkeypatch):
    for folder in SHIPPED:
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "bqw_research"\n', encoding="utf-8")
    fake_package(tmp_path, "bqw_fake_checkout")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    assert is_checkout(tmp_path)
    assert config.resource_root("bqw_fake_checkout") == tmp_path


@pytest.mark.parametrize(
    "name",
    ["__pycache__/lexicon.cpython-311.pyc", ".ipynb_checkpoints/01_概览-checkpoint.ipynb"],
)
def test_editor_and_bytecode_files_are_not_shipped(tmp_path, name):
    for folder in SHIPPED:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "说明.md").write_text("百千万工程", encoding="utf-8")
    junk = tmp_path / "notebooks" / name
    junk.parent.mkdir(parents=True)
    junk.write_text("{}", encoding="utf-8")
    shipped = list(shipped_files(tmp_path))
    assert Path("notebooks", name) not in shipped
    assert shipped == [Path(folder, "说明.md") for folder in SHIPPED]


PROBE = textwrap.dedent(
    """
    import importlib, json, sys
    from bqw_research import config
    paths = {name: str(getattr(config, name)) for name in sys.argv[1].split(",")}
    for spec in sys.argv[2].split(","):
        module, name = spec.rsplit(".", 1)
        paths[spec] = str(getattr(importlib.import_module(module), name))
    print(json.dumps({
        "file": config.__file__, "in_checkout": config.IN_CHECKOUT,
        "root": str(config.PROJECT_ROOT), "cache": str(config.cache_dir()),
        "reports": str(config.REPORTS_DIR), "figures": str(config.FIGURES_DIR),
        "paths": paths,
    }))
    """
)


def probe(python_path: Path, cwd: Path, env: dict[str, str]) -> dict:
    """config as a fresh interpreter resolves it, importing the package from ``python_path``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BQW_")} | env
    env["PYTHONPATH"] = str(python_path)
    specs = ",".join(f"{module}.{name}" for module, name in MODULE_PATHS)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(CONFIG_PATHS), specs],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def built_package(tmp_path_factory) -> Path:
    """The package as the wheel holds it: ``setup.py build_py`` into a temporary folder.

    The egg-info goes there too, so the checkout is left untouched.
    """
    out = tmp_path_factory.mktemp("build")
    subprocess.run(
        [
            *(sys.executable, "setup.py", "-q"),
            *("egg_info", "--egg-base", str(out)),
            *("build_py", "--build-lib", str(out / "lib")),
        ],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return out / "lib"


def test_build_hook_ships_every_data_file_and_notebook(built_package):
    resources = built_package / "bqw_research" / RESOURCES
    built = sorted(p.relative_to(resources) for p in resources.rglob("*") if p.is_file())
    assert built == sorted(shipped_files(ROOT))
    assert (resources / "notebooks" / "references").is_dir()
    assert not (ROOT / "bqw_research" / RESOURCES).exists()  # the checkout is never filled


def test_installed_copy_reads_package_data_and_writes_outside_it(built_package, tmp_path):
    work = tmp_path / "工作"
    work.mkdir()
    got = probe(built_package, work, {"XDG_CACHE_HOME": str(tmp_path / "cache")})
    resources = built_package / "bqw_research" / RESOURCES
    assert Path(got["file"]).parent == built_package / "bqw_research"
    assert not got["in_checkout"]
    assert Path(got["root"]) == resources
    for name, path in got["paths"].items():
        assert Path(path).is_relative_to(resources), name
        assert Path(path).exists(), name
    assert Path(got["cache"]) == tmp_path / "cache" / "bqw_research" / "cache"
    assert Path(got["reports"]) == work / "reports"


@pytest.mark.parametrize("variable", ["BQW_CACHE_DIR", "BQW_REPORTS_DIR"])
def test_environment_overrides_the_output_folders(built_package, tmp_path, variable):
    target = tmp_path / "输出"
    got = probe(built_package, tmp_path, {variable: str(target)})
    folder = got["cache"] if variable == "BQW_CACHE_DIR" else got["reports"]
    assert Path(folder) == target
    if variable == "BQW_REPORTS_DIR":
        assert Path(got["figures"]) == target / "figures"
