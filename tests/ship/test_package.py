"""The tap as PyPI and its users get it: sdist and wheel, checked, installed in a fresh venv.

The build is `uv build tap-igdb` (what ci.yml and release.yml run), checked with `twine check
--strict` (PyPI's own README rendering and metadata rules). The wheel is installed with its
dependencies from PyPI into a new virtual environment, then through Meltano the way a Hub user
adds it (`meltano add --from-ref <definition>`, as the Hub's own CI does).
"""

from __future__ import annotations

import json
import os
import subprocess
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
import tap_igdb
import yaml
from pipeline_stack import BIN, ROOT, base_env

VERSION = tap_igdb.__version__
STREAMS = 72  # 71 IGDB endpoints + id_sweeps
CONFIG = {"client_id": "someone", "client_secret": "something"}  # discovery never calls IGDB


def run(
    *command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command that must succeed (no Python is downloaded: uv uses this one)."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**base_env(), "UV_PYTHON_DOWNLOADS": "never", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built from the working tree."""
    out = tmp_path_factory.mktemp("dist")
    run(BIN / "uv", "build", "--out-dir", out, "tap-igdb", cwd=ROOT)
    files = {path.suffix: path for path in out.iterdir() if path.name != ".gitignore"}
    assert sorted(path.name for path in files.values()) == [
        f"tap_igdb-{VERSION}-py3-none-any.whl",
        f"tap_igdb-{VERSION}.tar.gz",
    ]
    return {"wheel": files[".whl"], "sdist": files[".gz"]}


@pytest.fixture(scope="module")
def fresh_venv(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with nothing but the wheel and its dependencies."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    run(BIN / "uv", "venv", "--python", os.path.realpath(BIN / "python"), venv)
    run(BIN / "uv", "pip", "install", "--python", venv / "bin" / "python", dist["wheel"])
    return venv


def test_twine_check_passes(dist: dict[str, Path]) -> None:
    result = run(BIN / "twine", "check", "--strict", dist["wheel"], dist["sdist"])
    assert result.stdout.count("PASSED") == 2


def test_the_version_has_one_source(dist: dict[str, Path]) -> None:
    project = (ROOT / "tap-igdb" / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in project
    assert 'path = "tap_igdb/__init__.py"' in project
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        metadata = Parser().parsestr(wheel.read(f"tap_igdb-{VERSION}.dist-info/METADATA").decode())
    assert metadata["Name"] == "tap-igdb"
    assert metadata["Version"] == VERSION
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "# tap-igdb" in metadata.get_payload()


def test_the_wheel_holds_the_package_only(dist: dict[str, Path]) -> None:
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        names = wheel.namelist()
        entry_points = wheel.read(f"tap_igdb-{VERSION}.dist-info/entry_points.txt").decode()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"tap_igdb", f"tap_igdb-{VERSION}.dist-info"}
    assert "tap_igdb/py.typed" in names
    assert f"tap_igdb-{VERSION}.dist-info/licenses/LICENSE" in names
    assert not [name for name in names if "/tests/" in name or "/scripts/" in name]
    assert "tap-igdb = tap_igdb.tap:TapIGDB.cli" in entry_points


def test_the_sdist_holds_readme_license_and_hub_definition(dist: dict[str, Path]) -> None:
    with tarfile.open(dist["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"README.md", "LICENSE", "meltano-hub.yml", "pyproject.toml", "PKG-INFO"} <= names
    assert "tap_igdb/__init__.py" in names


def test_the_installed_tap_describes_itself(fresh_venv: Path) -> None:
    about = json.loads(run(fresh_venv / "bin" / "tap-igdb", "--about", "--format=json").stdout)
    assert about["name"] == "tap-igdb"
    assert about["version"] == VERSION
    assert {"client_id", "client_secret"} <= set(about["settings"]["properties"])


def test_the_installed_tap_discovers_every_stream(fresh_venv: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps(CONFIG))
    command: list[str | Path] = [fresh_venv / "bin" / "tap-igdb", "--config", config, "--discover"]
    catalog = json.loads(run(*command, cwd=tmp_path).stdout)
    streams = {stream["tap_stream_id"] for stream in catalog["streams"]}
    assert len(streams) == STREAMS
    assert {"games", "platforms", "id_sweeps"} <= streams


def test_meltano_adds_and_runs_it_from_the_hub_definition(
    dist: dict[str, Path], tmp_path: Path
) -> None:
    """The Hub's CI (test_meltano_add_install.yml): a new project, `meltano add`, `meltano install`.

    Its command is `meltano add --no-install --from-ref <file> <type> <name>`; Meltano 4 reads
    both words as plugin names and adds the definition twice (an extractor and a utility). The
    definition's pip_url is the PyPI name: before the first release the wheel stands in for it.
    """
    meltano = BIN / "meltano"
    run(meltano, "init", "--no-usage-stats", "project", cwd=tmp_path)
    project = tmp_path / "project"
    definition = ROOT / "tap-igdb" / "meltano-hub.yml"
    add: list[str | Path] = [meltano, "add", "--no-install", "--from-ref", definition]
    run(*add, "extractors", "tap-igdb", cwd=project)
    meltano_yml = project / "meltano.yml"
    config = yaml.safe_load(meltano_yml.read_text())
    (extractor,) = config["plugins"]["extractors"]
    assert (extractor["name"], extractor["variant"]) == ("tap-igdb", "tap-igdb")
    for plugins in config["plugins"].values():
        for plugin in plugins:
            assert plugin["pip_url"] == "tap-igdb"
            plugin["pip_url"] = str(dist["wheel"])
    meltano_yml.write_text(yaml.safe_dump(config, sort_keys=False))
    run(meltano, "install", cwd=project)

    env = {"TAP_IGDB_CLIENT_ID": CONFIG["client_id"], "TAP_IGDB_CLIENT_SECRET": "x"}
    invoke: list[str | Path] = [meltano, "invoke", "--plugin-type", "extractor", "tap-igdb"]
    about = run(*invoke, "--about", "--format=json", cwd=project, env=env)
    assert json.loads(about.stdout)["version"] == VERSION
    catalog = run(*invoke, "--discover", cwd=project, env=env)
    assert len(json.loads(catalog.stdout)["streams"]) == STREAMS
