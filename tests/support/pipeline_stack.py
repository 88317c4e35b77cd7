"""The local stack on free ports, and the environment that points Meltano's plugins at it.

The `dev` environment in meltano.yml expects the stack on fixed ports (5555, 8484), which a
developer's `make stack-up` may hold. These tests start their own S3 server and IGDB emulator
on free ports and move every plugin over with Meltano's environment variables, the same
overrides a user has, so meltano.yml is exercised unchanged.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import requests
from igdb_emulator.admin import EmulatorProcess, run_emulator

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MELTANO = str(BIN / "meltano")
ACCESS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}
# What the Makefile exports: nothing phones home.
QUIET = {
    "MELTANO_SEND_ANONYMOUS_USAGE_STATS": "false",
    "MELTANO_CLI_DISABLE_VERSION_CHECK": "true",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
}


# Plugin venvs `meltano install` made in the project's .meltano/, linked into each pipeline's
# own Meltano system directory.
INSTALLED = ("extractors", "loaders", "utilities")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def base_env() -> dict[str, str]:
    """This process's environment without Meltano/dbt/AWS settings, telemetry off."""
    prefixes = ("MELTANO_", "TAP_IGDB_", "TARGET_S3_", "DBT_", "AWS_", "IGDB_LAKE_", "GITHUB_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(prefixes)}
    return {**env, **QUIET, "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"}


@dataclass(frozen=True)
class PipelineDirs:
    """Where one pipeline keeps everything it writes, so pipelines can run side by side.

    Meltano's system directory (`MELTANO_SYS_DIR_ROOT`) holds the system database (runs,
    state) and each run's plugin config and catalog; it links to the plugin venvs installed
    in the project. dbt gets its own warehouse, target (manifest, partial parse) and logs.
    """

    root: Path

    @property
    def system_dir(self) -> Path:
        """Meltano's system directory."""
        return self.root / "meltano-system"

    @property
    def warehouse(self) -> Path:
        """The DuckDB warehouse dbt builds."""
        return self.root / "warehouse.duckdb"

    @property
    def dbt_target(self) -> Path:
        """dbt's target directory."""
        return self.root / "dbt-target"

    @property
    def dbt_logs(self) -> Path:
        """dbt's log directory."""
        return self.root / "dbt-logs"

    def env(self) -> dict[str, str]:
        """The settings that move Meltano and dbt here (the system dir is created)."""
        self.system_dir.mkdir(parents=True, exist_ok=True)
        for name in INSTALLED:
            link = self.system_dir / name
            if not link.exists():
                link.symlink_to(ROOT / ".meltano" / name, target_is_directory=True)
        return {
            "MELTANO_SYS_DIR_ROOT": str(self.system_dir),
            "DBT_DUCKDB_PATH": str(self.warehouse),
            "DBT_DUCKDB_TARGET_PATH": str(self.dbt_target),
            "DBT_LOG_PATH": str(self.dbt_logs),
        }


def plugins_installed() -> bool:
    """Whether `meltano install` has made the plugin venvs."""
    return all((ROOT / ".meltano" / name).exists() for name in INSTALLED)


@dataclass(frozen=True)
class S3Server:
    """moto's S3 server in a process of its own (moto keeps one global state per process)."""

    port: int

    @property
    def url(self) -> str:
        """The endpoint URL."""
        return f"http://127.0.0.1:{self.port}"

    def client(self) -> Any:
        """A boto3 S3 client of this server."""
        return boto3.client("s3", endpoint_url=self.url, region_name="us-east-1", **ACCESS)


@contextlib.contextmanager
def run_s3_server(log_path: Path) -> Iterator[S3Server]:
    """Start `moto_server` on a free port; stop it (its process group) on exit."""
    port = free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                msg = f"moto_server exited with {process.returncode}: {log_path.read_text()}"
                raise RuntimeError(msg)
            try:
                requests.get(f"http://127.0.0.1:{port}", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield S3Server(port)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass(frozen=True)
class LocalStack:
    """A running S3 server and IGDB emulator."""

    s3: S3Server
    emulator: EmulatorProcess

    def plugin_env(self) -> dict[str, str]:
        """Settings that point tap-igdb, target-s3 and dbt-duckdb at this stack."""
        return {
            "TAP_IGDB_API_URL": self.emulator.api_url,
            "TAP_IGDB_AUTH_URL": self.emulator.auth_url,
            "TARGET_S3_CLOUD_PROVIDER_AWS_AWS_ENDPOINT_OVERRIDE": self.s3.url,
            "DBT_DUCKDB_S3_ENDPOINT": f"127.0.0.1:{self.s3.port}",
            "DBT_DUCKDB_S3_USE_SSL": "false",
            "DBT_DUCKDB_S3_URL_STYLE": "path",
        }


@contextlib.contextmanager
def run_local_stack(
    workdir: Path, *, scale: int, bucket: str, **emulator_options: Any
) -> Iterator[LocalStack]:
    """S3 (with `bucket` created) and the emulator (`scale` games), both on free ports.

    `emulator_options` are more `igdb-emulator` options (`client_secret`, `token_ttl`, `data`…).
    """
    options = {"scale": scale, "seed": 1, "requests_per_second": 0, "max_concurrent": 0}
    with (
        run_s3_server(workdir / "s3.log") as s3,
        run_emulator(**{**options, **emulator_options}) as emulator,
    ):
        s3.client().create_bucket(Bucket=bucket)
        yield LocalStack(s3, emulator)


@dataclass(frozen=True)
class PipelineRun:
    """A `meltano schedule run igdb-daily` on a local stack: its environment and result."""

    stack: LocalStack
    env: dict[str, str]
    warehouse: Path
    result: subprocess.CompletedProcess[str]


def meltano(
    *args: str, env: dict[str, str], timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """Run the project's `meltano` with `env`; output captured as text."""
    return subprocess.run(
        [MELTANO, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
