"""The generated part of the dbt project matches the endpoint table and the generator."""

from __future__ import annotations

import subprocess
import sys

from dbt_runner import TRANSFORM


def test_generated_files_are_current() -> None:
    completed = subprocess.run(
        [sys.executable, str(TRANSFORM / "scripts" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, (
        "run `.venv/bin/python transform/scripts/generate.py`:\n" + completed.stderr
    )
