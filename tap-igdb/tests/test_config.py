"""Settings: bad config stops the tap before any request, naming the setting, never a secret."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TAP = str(Path(sys.executable).parent / "tap-igdb")

SECRET = "s3cr3t-value-that-must-never-be-printed"


class ConnectionRecorder:
    """A TCP listener that counts connection attempts (stands in for any remote host)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def recorder() -> Iterator[ConnectionRecorder]:
    rec = ConnectionRecorder()
    yield rec
    rec.close()


def run(
    args: list[str], config: dict[str, Any], tmp_path: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    return subprocess.run(
        [TAP, "--config", str(path), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def base_config(recorder: ConnectionRecorder, **overrides: Any) -> dict[str, Any]:
    url = f"http://127.0.0.1:{recorder.port}"
    return {
        "client_id": "id",
        "client_secret": SECRET,
        "api_url": f"{url}/v4",
        "auth_url": f"{url}/oauth2/token",
        **overrides,
    }


def test_discovery_makes_no_network_call(recorder: ConnectionRecorder, tmp_path: Path) -> None:
    done = run(["--discover"], base_config(recorder), tmp_path)
    assert done.returncode == 0, done.stderr
    names = [stream["tap_stream_id"] for stream in json.loads(done.stdout)["streams"]]
    assert len(names) == 72  # 71 IGDB endpoints, then id_sweeps
    assert names[-1] == "id_sweeps"
    assert recorder.connections == 0


def test_discovery_works_without_credentials(tmp_path: Path) -> None:
    done = run(["--discover"], {}, tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["streams"]) == 72


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"page_size": 0}, "config['page_size'] must be >= 1"),
        ({"page_size": 501}, "config['page_size'] must be <= 500"),
        ({"multiquery_size": 11}, "config['multiquery_size'] must be <= 10"),
        ({"requests_per_second": 0}, "config['requests_per_second'] must be >= 1"),
        ({"requests_per_second": 2.5}, "config['requests_per_second'] must be of type"),
        ({"max_concurrent_requests": "eight"}, "config['max_concurrent_requests'] must be of type"),
        ({"start_date": "yesterday-ish"}, "config['start_date'] must be an ISO 8601 date-time"),
        ({"api_url": "ftp://example.com"}, "config['api_url'] must be an http(s) URL"),
        ({"client_secret": ""}, "config['client_secret'] must not be empty"),
        ({"client_secret": 12345678}, "config['client_secret'] must be of type"),
        ({"client_id": None}, "config['client_id'] must be of type"),
    ],
)
def test_bad_config_fails_before_any_request(
    recorder: ConnectionRecorder, tmp_path: Path, overrides: dict[str, Any], message: str
) -> None:
    done = run([], base_config(recorder, **overrides), tmp_path)
    assert done.returncode != 0
    assert message in done.stderr
    assert done.stdout == ""
    assert recorder.connections == 0
    assert SECRET not in done.stderr
    assert "12345678" not in done.stderr


def test_missing_credentials_are_named(recorder: ConnectionRecorder, tmp_path: Path) -> None:
    config = base_config(recorder)
    del config["client_secret"]
    done = run([], config, tmp_path)
    assert done.returncode != 0
    assert "'client_secret' is a required property" in done.stderr
    assert recorder.connections == 0


@pytest.mark.parametrize(
    ("select", "message"),
    [
        (
            ["gamez.*"],
            "select pattern 'gamez.*' names no stream of tap-igdb (did you mean 'games'?)",
        ),
        (["games.*", "!platfroms.*"], "select pattern '!platfroms.*' names no stream"),
        (["gam?s.name", "xyz*.*"], "select pattern 'xyz*.*' names no stream of tap-igdb"),
    ],
)
def test_select_patterns_naming_no_stream_fail_before_any_request(
    recorder: ConnectionRecorder, tmp_path: Path, select: list[str], message: str
) -> None:
    # Meltano hands the tap its `select` patterns in this variable (and only warns itself).
    env = {"MELTANO_EXTRACT__SELECT": json.dumps(select)}
    done = run([], base_config(recorder), tmp_path, env)
    assert done.returncode != 0
    assert message in done.stderr
    assert done.stdout == ""
    assert recorder.connections == 0
    # Discovery (which Meltano runs to apply `select`) still works.
    done = run(["--discover"], base_config(recorder), tmp_path, env)
    assert done.returncode == 0, done.stderr


def test_select_patterns_of_known_streams_pass(
    recorder: ConnectionRecorder, tmp_path: Path
) -> None:
    env = {"MELTANO_EXTRACT__SELECT": json.dumps(["*.*", "!game_*.*", "games.name", "id_sweeps.*"])}
    done = run(["--test=schema"], base_config(recorder), tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert recorder.connections == 0
