"""The GitHub Actions workflows: actionlint's rules, and what CI and the release must do."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tap_igdb
from pipeline_stack import BIN, ROOT, base_env
from workflow_runner import JobRunner, load_workflow

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40}|release/v\d+)$")


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    """actionlint with shellcheck on `run:` scripts and pyflakes on `shell: python` ones."""
    command = [str(BIN / "actionlint"), "-no-color", "-oneline"]
    command += ["-shellcheck", str(BIN / "shellcheck"), "-pyflakes", str(BIN / "pyflakes")]
    return subprocess.run(
        [*command, *map(str, files)], cwd=ROOT, capture_output=True, text=True, check=False
    )


def steps_of(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows_are_there() -> None:
    assert [path.name for path in FILES] == ["ci.yml", "elt.yml", "release.yml"]


def test_actionlint_passes() -> None:
    result = actionlint(*FILES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """Negative control: actionlint and its shellcheck and pyflakes do run on these files."""
    broken = (WORKFLOWS / "elt.yml").read_text()
    broken = broken.replace("cancel-in-progress: false", "cancel-in-progress: maybe")
    broken = broken.replace("mkdir -p output/logs", "mkdir -p $LOG_DIR")
    broken = broken.replace("import os\n", "import os\n          import sys\n", 1)
    path = tmp_path / "elt.yml"
    path.write_text(broken)
    result = actionlint(path)
    assert result.returncode == 1
    rules = re.findall(r"\[([\w-]+)\]$", result.stdout, re.MULTILINE)
    assert sorted(rules) == ["pyflakes", "shellcheck", "syntax-check"], result.stdout


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_actions_are_pinned_and_permissions_are_explicit(path: Path) -> None:
    workflow = load_workflow(path)
    for step in steps_of(workflow):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
    assert "permissions" in workflow
    assert workflow["permissions"].get("contents") == "read"
    assert set(workflow["permissions"]) <= {"contents", "id-token"}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_no_expression_is_pasted_into_a_script(path: Path) -> None:
    """Values reach scripts through `env:`, never `${{ }}` inside `run:` (script injection)."""
    for step in steps_of(load_workflow(path)):
        assert "${{" not in str(step.get("run", "")), step


def test_ci_lints_and_tests_every_supported_python_and_builds_the_tap() -> None:
    ci = load_workflow(WORKFLOWS / "ci.yml")
    jobs = ci["jobs"]
    assert [str(s.get("run")) for s in jobs["lint"]["steps"] if "run" in s] == [
        "make check PYTHON=python"
    ]
    classifiers = tomllib.loads((ROOT / "tap-igdb" / "pyproject.toml").read_text())["project"][
        "classifiers"
    ]
    supported = [c.rsplit(" ", 1)[1] for c in classifiers if re.match(r".*:: 3\.\d+$", c)]
    assert jobs["test"]["strategy"]["matrix"]["python"] == supported == ["3.11", "3.12", "3.13"]
    assert jobs["test"]["strategy"]["fail-fast"] is False
    setup = next(s for s in jobs["test"]["steps"] if s.get("uses", "").startswith("actions/setup-"))
    # target-s3 needs 3.11 or 3.12 next to any matrix Python; the matrix one is the default.
    versions = str(setup["with"]["python-version"]).splitlines()
    assert versions[-1] == "${{ matrix.python }}"
    assert "3.12" in versions
    runs = [str(s.get("run")) for s in jobs["test"]["steps"]]
    assert "make install PYTHON=python" in runs
    assert ".venv/bin/pytest" in runs
    build = [str(s.get("run")) for s in jobs["build"]["steps"]]
    assert ".venv/bin/uv build --out-dir dist tap-igdb" in build
    artifact = next(s for s in jobs["build"]["steps"] if "upload-artifact" in s.get("uses", ""))
    assert artifact["with"]["path"] == "dist/"


def test_release_publishes_tags_with_trusted_publishing() -> None:
    release = load_workflow(WORKFLOWS / "release.yml")
    assert release["on"] == {"push": {"tags": ["v*"]}}
    publish = release["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    uses = [step["uses"] for step in publish["steps"]]
    assert uses[-1] == "pypa/gh-action-pypi-publish@release/v1"
    assert "password" not in publish["steps"][-1].get("with", {})  # no token: OIDC
    assert "permissions" not in release["jobs"]["build"]  # the workflow's: contents: read
    build = [str(s.get("run")) for s in release["jobs"]["build"]["steps"]]
    assert ".venv/bin/uv build --out-dir dist tap-igdb" in build
    assert any("twine check --strict" in run for run in build)


def _release_check(tag: str) -> tuple[int, str]:
    """The release's version check, run as GitHub would for a push of `tag`."""
    runner = JobRunner(
        WORKFLOWS / "release.yml",
        "build",
        contexts={"github": {"ref_name": tag}},
        env=base_env(),
        cwd=ROOT,
    )
    step = next(
        s for s in runner.job["steps"] if s.get("name", "").startswith("Check that the tag")
    )
    runner.job["steps"] = [step]
    result = runner.run().steps[0]
    return result.returncode, result.output


def test_the_release_refuses_a_tag_that_is_not_the_version() -> None:
    version = tap_igdb.__version__
    assert _release_check(f"v{version}") == (0, "")
    code, output = _release_check(f"v{version}.post1")
    assert code == 1
    assert f"is not v{version}" in output
    assert _release_check(version)[0] == 1  # no leading v
