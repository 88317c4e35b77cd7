"""One pipeline under test: a local stack, proxies, a Meltano system directory of its own, runs.

Each pipeline gets its own S3 server, IGDB emulator, Meltano system directory and dbt
directories (`PipelineDirs`), so that runs, logs, state and warehouses of one pipeline never
mix with another's (or with a developer's own `.meltano/`). The loader reaches S3 through a
fault proxy; the tap gets its tokens through a recording proxy; every secret is a fresh,
distinctive value, so a scan of the outputs can tell a leak from a coincidence.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from http_proxy import Exchange, HttpProxy, run_proxy
from pipeline_stack import MELTANO, ROOT, LocalStack, PipelineDirs, base_env, run_local_stack

BUCKET = "igdb-lake"
LAKE_PREFIX = "igdb/dev/raw/"  # meltano.yml, environment dev
STATE_ID = "dev:tap-igdb-to-target-s3"
ELT = ("run", "tap-igdb", "target-s3", "dbt-duckdb:build")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Snapshot:
    """What a pipeline holds at one moment (to tell whether a failed run wrote anything)."""

    lake_keys: frozenset[str]
    state: str  # the job's state as sorted JSON
    warehouse: str  # digest of the warehouse files
    api_requests: int  # answered by the emulator so far

    def changes(self, later: Snapshot) -> list[str]:
        """What differs in `later`, in words."""
        changed = []
        if new := later.lake_keys - self.lake_keys:
            changed.append(f"{len(new)} new lake objects")
        if later.state != self.state:
            changed.append("state changed")
        if later.warehouse != self.warehouse:
            changed.append("warehouse changed")
        if later.api_requests != self.api_requests:
            changed.append(f"{later.api_requests - self.api_requests} API requests")
        return changed


@dataclass(frozen=True)
class Secrets:
    """Credentials of one pipeline: fresh values that appear nowhere else."""

    client_id: str
    client_secret: str
    aws_access_key_id: str
    aws_secret_access_key: str

    @classmethod
    def fresh(cls) -> Secrets:
        """New random credentials."""
        return cls(
            client_id=f"relclient{secrets.token_hex(8)}",
            client_secret=f"relsecret{secrets.token_hex(12)}",
            aws_access_key_id=f"RELKEY{secrets.token_hex(6).upper()}",
            aws_secret_access_key=f"relaws{secrets.token_hex(16)}",
        )


@dataclass
class RunResult:
    """A finished Meltano command."""

    label: str
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        """stdout and stderr together, without terminal colour codes."""
        return ANSI.sub("", self.stdout + self.stderr)

    def lines(self, *needles: str) -> list[str]:
        """Lines of the output that contain every needle (case-insensitive)."""
        wanted = [needle.lower() for needle in needles]
        return [
            line.strip()
            for line in self.output.splitlines()
            if all(needle in line.lower() for needle in wanted)
        ]

    def summary(self, *needles: str) -> str:
        """`exit N` and the first output line with every needle (the key error line)."""
        found = self.lines(*needles) if needles else []
        text = f"exit {self.returncode}"
        return f"{text}: {_short(found[0])}" if found else text


def _short(line: str, limit: int = 220) -> str:
    # Meltano's log lines start with a timestamp and level; the message is what a user reads.
    for marker in ("] ", "event="):
        if marker in line[:60]:
            line = line.split(marker, 1)[1]
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


@dataclass
class Running:
    """A Meltano command running in a process group of its own."""

    label: str
    args: tuple[str, ...]
    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path
    started: float = field(default_factory=time.monotonic)

    def output_so_far(self) -> str:
        """What the command wrote so far, without terminal colour codes."""
        text = self.stdout_path.read_text(errors="replace")
        return ANSI.sub("", text + self.stderr_path.read_text(errors="replace"))

    def running(self) -> bool:
        """Whether the command has not ended yet."""
        return self.process.poll() is None

    def kill_group(self) -> None:
        """`kill -9` every process of the run (Meltano, tap, target, dbt)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def wait(self, timeout: float = 900) -> RunResult:
        """Wait for the command; kill its group if it overruns `timeout`."""
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill_group()
            self.process.wait()
        return RunResult(
            self.label,
            self.args,
            self.process.returncode,
            self.stdout_path.read_text(errors="replace"),
            self.stderr_path.read_text(errors="replace"),
            time.monotonic() - self.started,
        )


class Pipeline:
    """The Meltano project run against one local stack, through proxies, with fresh secrets."""

    def __init__(
        self,
        workdir: Path,
        stack: LocalStack,
        secret: Secrets,
        s3_proxy: HttpProxy,
        auth_proxy: HttpProxy,
    ) -> None:
        self.workdir = workdir
        self.stack = stack
        self.secrets = secret
        self.s3_proxy = s3_proxy
        self.auth_proxy = auth_proxy
        self.dirs = PipelineDirs(workdir)
        self.system_dir = self.dirs.system_dir
        self.warehouse = self.dirs.warehouse
        self.dbt_target = self.dirs.dbt_target
        self.dbt_logs = self.dirs.dbt_logs
        self.outputs = workdir / "outputs"
        self.results: list[RunResult] = []
        self._count = 0
        self._dirs_env = self.dirs.env()
        self._lake_cache: dict[str, list[dict[str, Any]]] = {}
        self.outputs.mkdir(exist_ok=True)

    @property
    def emulator(self) -> Any:
        """The emulator process (`.admin` is its admin API)."""
        return self.stack.emulator

    def env(self, *, tests: bool = False, **extra: str) -> dict[str, str]:
        """The environment of a run: every plugin on this stack, telemetry off.

        `tests=False` keeps dbt's tests and unit tests out of `dbt build` (they do not change
        the warehouse; a few scenarios run them); `extra` overrides anything.
        """
        s3 = self.stack.s3
        env = {
            **base_env(),
            **self._dirs_env,
            "MELTANO_ENVIRONMENT": "dev",
            "TAP_IGDB_API_URL": self.emulator.api_url,
            "TAP_IGDB_AUTH_URL": f"{self.auth_proxy.url}/oauth2/token",
            "TAP_IGDB_CLIENT_ID": self.secrets.client_id,
            "TAP_IGDB_CLIENT_SECRET": self.secrets.client_secret,
            # Deletions are swept on every run (meltano.yml: weekly).
            "TAP_IGDB_ID_SWEEP_INTERVAL_HOURS": "0",
            # The emulator here has no rate limit: a run takes seconds, not minutes.
            "TAP_IGDB_REQUESTS_PER_SECOND": "50",
            "TARGET_S3_CLOUD_PROVIDER_AWS_AWS_ENDPOINT_OVERRIDE": self.s3_proxy.url,
            "TARGET_S3_CLOUD_PROVIDER_AWS_AWS_ACCESS_KEY_ID": self.secrets.aws_access_key_id,
            "TARGET_S3_CLOUD_PROVIDER_AWS_AWS_SECRET_ACCESS_KEY": (
                self.secrets.aws_secret_access_key
            ),
            "DBT_DUCKDB_S3_ENDPOINT": f"127.0.0.1:{s3.port}",
            "DBT_DUCKDB_S3_USE_SSL": "false",
            "DBT_DUCKDB_S3_URL_STYLE": "path",
            "DBT_DUCKDB_S3_ACCESS_KEY_ID": self.secrets.aws_access_key_id,
            "DBT_DUCKDB_S3_SECRET_ACCESS_KEY": self.secrets.aws_secret_access_key,
        }
        if not tests:
            env["DBT_EXCLUDE_RESOURCE_TYPES"] = "test unit_test"
        return {**env, **extra}

    def start(
        self, *args: str, label: str, env: dict[str, str] | None = None, tests: bool = False
    ) -> Running:
        """Start `meltano <args>` in a process group of its own."""
        self._count += 1
        stem = self.outputs / f"{self._count:03d}-{label}"
        stdout_path, stderr_path = stem.with_suffix(".out"), stem.with_suffix(".err")
        with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
            process = subprocess.Popen(
                [MELTANO, *args],
                cwd=ROOT,
                env=env if env is not None else self.env(tests=tests),
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
        return Running(label, args, process, stdout_path, stderr_path)

    def run(
        self,
        *args: str,
        label: str,
        env: dict[str, str] | None = None,
        tests: bool = False,
        timeout: float = 900,
    ) -> RunResult:
        """Run `meltano <args>` to the end."""
        result = self.start(*args, label=label, env=env, tests=tests).wait(timeout)
        self.results.append(result)
        return result

    def elt(
        self, *, label: str, env: dict[str, str] | None = None, tests: bool = False
    ) -> RunResult:
        """`meltano run tap-igdb target-s3 dbt-duckdb:build`, the daily job."""
        return self.run(*ELT, label=label, env=env, tests=tests)

    def start_elt(self, *, label: str, env: dict[str, str] | None = None) -> Running:
        """Start the daily job without waiting for it."""
        return self.start(*ELT, label=label, env=env)

    def loaded(self) -> None:
        """Make sure one run has loaded everything (the start of most scenarios)."""
        if not any(r.args == ELT and r.returncode == 0 for r in self.results):
            result = self.elt(label="initial-load")
            assert result.returncode == 0, result.output[-5000:]

    def snapshot(self) -> Snapshot:
        """What a run could have written: lake objects, state, warehouse; API requests."""
        digest = hashlib.sha256()
        for path in sorted(self.workdir.glob("warehouse.duckdb*")):
            digest.update(path.name.encode() + path.read_bytes())
        return Snapshot(
            lake_keys=frozenset(self.lake_keys()),
            state=json.dumps(self.state(), sort_keys=True),
            warehouse=digest.hexdigest(),
            api_requests=self.emulator.admin.stats()["api_requests"],
        )

    def running_jobs(self) -> int:
        """Runs of the job the system database holds for running (dead or alive)."""
        with contextlib.closing(sqlite3.connect(self.system_dir / "meltano.db")) as con:
            row = con.execute(
                "select count(*) from runs where job_name = ? and state = 'RUNNING'", (STATE_ID,)
            ).fetchone()
        return int(row[0])

    def let_heartbeats_go_stale(self) -> None:
        """Let the 5 minutes pass after which Meltano takes a job for dead (tests cannot wait).

        Meltano records each run of the job in the system database with a heartbeat, and
        refuses to start the job while a run with a recent heartbeat is marked running; a
        run killed with SIGKILL stays marked so. This ages those heartbeats by 6 minutes,
        as waiting would: the next run then marks them failed itself.
        """
        stale = (datetime.now(UTC) - timedelta(minutes=6)).replace(tzinfo=None)
        with contextlib.closing(sqlite3.connect(self.system_dir / "meltano.db")) as con, con:
            con.execute(
                "update runs set last_heartbeat_at = ? where job_name = ? and state = 'RUNNING'",
                (stale.isoformat(sep=" "), STATE_ID),
            )

    def bookmarks(self) -> dict[str, Any]:
        """The tap's bookmarks in the job's state, by stream."""
        state = self.state() or {}
        bookmarks: dict[str, Any] = state.get("singer_state", {}).get("bookmarks", {})
        return bookmarks

    def lake_records(self) -> dict[str, list[dict[str, Any]]]:
        """Every record in the lake, by stream (objects are immutable: each is read once)."""
        for key in self.lake_keys():
            if key not in self._lake_cache:
                lines = self.lake_object(key).splitlines()
                self._lake_cache[key] = [json.loads(line) for line in lines if line.strip()]
        by_stream: dict[str, list[dict[str, Any]]] = {}
        for key, records in self._lake_cache.items():
            by_stream.setdefault(key.removeprefix(LAKE_PREFIX).split("/", 1)[0], []).extend(records)
        return by_stream

    def state(self) -> dict[str, Any] | None:
        """The job's state, as `meltano state get` prints it (None when there is none).

        Read from the system database's `state` table (the systemdb backend): a
        `meltano state get` takes seconds, and scenarios read the state often.
        """
        database = self.system_dir / "meltano.db"
        if not database.exists():
            return None
        with contextlib.closing(sqlite3.connect(database)) as con:
            row = con.execute(
                "select completed_state, partial_state from state where state_id = ?",
                (STATE_ID,),
            ).fetchone()
        if row is None:
            return None
        completed, partial = (json.loads(part) if part else {} for part in row)
        return _merge(completed, partial) if partial else completed

    def lake_keys(self) -> list[str]:
        """Every object the loader wrote, by key."""
        s3 = self.stack.s3.client()
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=LAKE_PREFIX)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def lake_object(self, key: str) -> bytes:
        """An object of the lake, decompressed."""
        body: bytes = self.stack.s3.client().get_object(Bucket=BUCKET, Key=key)["Body"].read()
        return gzip.decompress(body) if key.endswith(".gz") else body

    def access_tokens(self) -> set[str]:
        """Every access token the token endpoint handed out through the recording proxy."""
        tokens = set()
        for exchange in self.auth_proxy.recorded:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                tokens.add(str(json.loads(exchange.body)["access_token"]))
        return tokens


def _merge(base: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """`update` merged into `base`, dicts recursively (how Meltano applies partial state)."""
    merged = dict(base)
    for key, value in update.items():
        old = merged.get(key)
        merged[key] = (
            _merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
        )
    return merged


def _is_token_answer(exchange: Exchange) -> bool:
    return exchange.path.startswith("/oauth2/token") and exchange.status == 200


@contextlib.contextmanager
def open_pipeline(workdir: Path, *, scale: int, **emulator_options: Any) -> Iterator[Pipeline]:
    """A pipeline on a fresh stack (`emulator_options`: more emulator options)."""
    secret = Secrets.fresh()
    workdir.mkdir(parents=True, exist_ok=True)
    with (
        run_local_stack(
            workdir,
            scale=scale,
            bucket=BUCKET,
            client_id=secret.client_id,
            client_secret=secret.client_secret,
            **emulator_options,
        ) as stack,
        run_proxy(stack.s3.url) as s3_proxy,
        run_proxy(stack.emulator.url, record=_is_token_answer) as auth_proxy,
    ):
        yield Pipeline(workdir, stack, secret, s3_proxy, auth_proxy)


def wait_all(runs: list[Running], timeout: float = 900) -> list[RunResult]:
    """Wait for commands running side by side; each result has its own duration."""
    deadline = time.monotonic() + timeout
    ended: dict[int, float] = {}
    while len(ended) < len(runs) and time.monotonic() < deadline:
        for n, run in enumerate(runs):
            if n not in ended and not run.running():
                ended[n] = time.monotonic()
        time.sleep(0.1)
    results = [run.wait(timeout=0 if n in ended else 1) for n, run in enumerate(runs)]
    for n, result in enumerate(results):
        if n in ended:
            result.seconds = ended[n] - runs[n].started
    return results


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll `condition` every 50 ms; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            msg = f"timed out after {timeout:.0f} s waiting for {what}"
            raise TimeoutError(msg)
        time.sleep(0.05)
