"""Running `tap-igdb` as a real process and reading its Singer output, for the tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from igdb_emulator.admin import EmulatorProcess

TAP = str(Path(sys.executable).parent / "tap-igdb")


@dataclass
class TapRun:
    """What one run of `tap-igdb` printed and how it ended."""

    returncode: int
    records: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    states: list[dict[str, Any]] = field(default_factory=list)
    stderr: str = ""
    stdout: str = ""
    seconds: float = 0.0

    @property
    def state(self) -> dict[str, Any]:
        """The last STATE message."""
        return self.states[-1] if self.states else {}

    def ids(self, stream: str) -> list[int]:
        """Record ids of a stream, in the order they were emitted."""
        return [record["id"] for record in self.records[stream]]


def config_for(emulator: EmulatorProcess, **overrides: Any) -> dict[str, Any]:
    """Config pointing the tap at `emulator`, with its credentials."""
    return {
        "client_id": emulator.client_id,
        "client_secret": emulator.client_secret,
        "api_url": emulator.api_url,
        "auth_url": emulator.auth_url,
        **overrides,
    }


def catalog_for(
    streams: list[str], tmp_path: Path, config_path: Path, deselect: list[str] | None = None
) -> Path:
    """A catalog selecting only `streams`, minus `stream.field` properties in `deselect`."""
    discovered = json.loads(
        subprocess.run(
            [TAP, "--config", str(config_path), "--discover"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    unwanted = {tuple(name.split(".", 1)) for name in deselect or []}
    for entry in discovered["streams"]:
        for metadata in entry["metadata"]:
            if metadata["breadcrumb"] == []:
                metadata["metadata"]["selected"] = entry["tap_stream_id"] in streams
            elif (entry["tap_stream_id"], metadata["breadcrumb"][-1]) in unwanted:
                metadata["metadata"]["selected"] = False
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(discovered))
    return path


RunTap = Callable[..., TapRun]


def run_tap_process(
    workdir: Path,
    config: dict[str, Any],
    *,
    streams: list[str] | None = None,
    deselect: list[str] | None = None,
    state: dict[str, Any] | None = None,
    timeout: float = 600,
) -> TapRun:
    """Run `tap-igdb` (selecting `streams`, from `state`) and parse what it printed."""
    config_path = workdir / "config.json"
    config_path.write_text(json.dumps(config))
    args = [TAP, "--config", str(config_path)]
    if streams is not None:
        args += ["--catalog", str(catalog_for(streams, workdir, config_path, deselect))]
    if state is not None:
        state_path = workdir / "state.json"
        state_path.write_text(json.dumps(state))
        args += ["--state", str(state_path)]
    started = time.monotonic()
    done = subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "TAP_IGDB_LOGLEVEL": "INFO"},
    )
    run = TapRun(done.returncode, stderr=done.stderr, stdout=done.stdout)
    run.seconds = time.monotonic() - started
    for line in done.stdout.splitlines():
        message = json.loads(line)
        if message["type"] == "RECORD":
            run.records[message["stream"]].append(message["record"])
        elif message["type"] == "SCHEMA":
            run.schemas[message["stream"]] = message["schema"]
        elif message["type"] == "STATE":
            run.states.append(message["value"])
    return run
