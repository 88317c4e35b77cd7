"""Typed clients of a running emulator, and ``run_emulator`` to start one (tests, benchmarks).

Example::

    with run_emulator(scale=500, requests_per_second=0) as emu:
        emu.admin.mutate("games", update=3)  # Admin: the /_emulator API
        api = ApiClient(emu)  # the IGDB API, with a token of its own
        rows = api.rows("games", "fields *; where updated_at > 1788220800; limit 5;")
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict, cast

import orjson
import requests

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


class MutationEventJson(TypedDict):
    """One entry of the mutation log."""

    endpoint: str
    time: float
    monotonic: float
    source: str  # "mutate" or "churn"
    created: list[int]
    updated: list[int]
    deleted: list[int]


class Stats(TypedDict):
    """``GET /_emulator/stats``."""

    api_requests: int
    api_requests_by_path: dict[str, int]
    responses_by_status: dict[str, int]  # "0" counts connections closed without an answer
    throttled: int
    tokens_minted: int
    max_concurrent_observed: int
    in_flight: int
    now_monotonic: float
    arrivals: list[float]  # monotonic seconds (same clock as time.monotonic() here)
    mutations: list[MutationEventJson]
    faults: dict[str, Any]
    limits: dict[str, float]
    churn: dict[str, dict[str, int]]


@dataclass(frozen=True)
class MutationResult:
    """Ids changed by ``POST /_emulator/mutate``."""

    created: list[int]
    updated: list[int]
    deleted: list[int]


class AdminError(RuntimeError):
    """The admin API refused a request."""


class Admin:
    """Client of ``/_emulator/*`` (no authentication)."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()

    def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.session.post(
            f"{self.url}/_emulator/{path}", data=orjson.dumps(body or {}), timeout=self.timeout
        )
        if response.status_code != 200:
            msg = f"{path}: HTTP {response.status_code}: {response.text}"
            raise AdminError(msg)
        return response.json()

    def _get(self, path: str) -> Any:
        response = self.session.get(f"{self.url}/_emulator/{path}", timeout=self.timeout)
        if response.status_code != 200:
            msg = f"{path}: HTTP {response.status_code}: {response.text}"
            raise AdminError(msg)
        return orjson.loads(response.content)

    def mutate(
        self,
        endpoint: str,
        *,
        create: int = 0,
        update: int | Sequence[int] = 0,
        delete: int | Sequence[int] = 0,
        same_second_as: int | None = None,
        values: dict[str, Any] | None = None,
    ) -> MutationResult:
        """Create/update/delete records (counts pick random ones); updated_at = now or given.

        ``values``: updated records get these fields (new names or other types: schema
        drift) instead of random changes.
        """
        body: dict[str, Any] = {
            "endpoint": endpoint,
            "create": create,
            "update": update if isinstance(update, int) else list(update),
            "delete": delete if isinstance(delete, int) else list(delete),
        }
        if same_second_as is not None:
            body["same_second_as"] = same_second_as
        if values is not None:
            body["set"] = values
        result = self._post("mutate", body)
        return MutationResult(result["created"], result["updated"], result["deleted"])

    def add_endpoint(self, endpoint: str, records: Sequence[dict[str, Any]]) -> None:
        """Serve a new endpoint with these records (IGDB added an endpoint)."""
        self._post("endpoints", {"endpoint": endpoint, "records": list(records)})

    def churn(
        self,
        endpoint: str,
        *,
        every_requests: int = 1,
        create: int = 0,
        update: int = 0,
        delete: int = 0,
    ) -> None:
        """Mutate after every N API requests touching ``endpoint`` (0 stops it)."""
        self._post(
            "churn",
            {
                "endpoint": endpoint,
                "every_requests": every_requests,
                "create": create,
                "update": update,
                "delete": delete,
            },
        )

    def stop_churn(self, endpoint: str) -> None:
        """Stop churning ``endpoint``."""
        self.churn(endpoint, every_requests=0)

    def faults(
        self,
        *,
        throttle_seconds: float | None = None,
        fail_next: int | None = None,
        fail_status: int = 502,
        fail_body: str = "502 Bad Gateway",
        fail_content_type: str = "text/plain",
        malformed_next: int | None = None,
        malformed_kind: Literal["truncated", "html200", "not_array"] = "truncated",
        too_large_next: int | None = None,
        reset_next: int | None = None,
        slow_next: int | None = None,
        slow_seconds: float = 1.0,
        revoke_tokens: bool = False,
        latency_ms: float | None = None,
        error_rate: float | None = None,
    ) -> dict[str, Any]:
        """Schedule faults (all optional and combinable); returns what is pending."""
        body: dict[str, Any] = {}
        if throttle_seconds is not None:
            body["throttle_seconds"] = throttle_seconds
        if fail_next is not None:
            body["fail_next"] = {
                "count": fail_next,
                "status": fail_status,
                "body": fail_body,
                "content_type": fail_content_type,
            }
        if malformed_next is not None:
            body["malformed_next"] = {"count": malformed_next, "kind": malformed_kind}
        if too_large_next is not None:
            body["too_large_next"] = too_large_next
        if reset_next is not None:
            body["reset_next"] = reset_next
        if slow_next is not None:
            body["slow_next"] = {"count": slow_next, "seconds": slow_seconds}
        if revoke_tokens:
            body["revoke_tokens"] = True
        if latency_ms is not None:
            body["latency_ms"] = latency_ms
        if error_rate is not None:
            body["error_rate"] = error_rate
        return cast("dict[str, Any]", self._post("faults", body))

    def set_limits(
        self,
        *,
        requests_per_second: float | None = None,
        max_concurrent: int | None = None,
        max_subqueries: int | None = None,
        max_response_bytes: int | None = None,
    ) -> dict[str, Any]:
        """Change limits at run time (0 = unlimited for the first two)."""
        limits = {
            k: v
            for k, v in {
                "requests_per_second": requests_per_second,
                "max_concurrent": max_concurrent,
                "max_subqueries": max_subqueries,
                "max_response_bytes": max_response_bytes,
            }.items()
            if v is not None
        }
        return cast("dict[str, Any]", self._post("faults", {"limits": limits}))

    def reset(self, *, data: bool = False) -> None:
        """Clear faults, churn, stats and limit changes; ``data`` also drops mutations."""
        self._post("reset?data=1" if data else "reset")

    def stats(self) -> Stats:
        """Request counters, arrivals, mutation log."""
        return cast("Stats", self._get("stats"))

    def counts(self) -> dict[str, int]:
        """Current number of records per endpoint."""
        return cast("dict[str, int]", self._get("counts"))

    def records(self, endpoint: str) -> Iterator[dict[str, Any]]:
        """Every current record of ``endpoint`` (streamed)."""
        with self.session.get(
            f"{self.url}/_emulator/records/{endpoint}", stream=True, timeout=self.timeout
        ) as response:
            if response.status_code != 200:
                msg = f"records/{endpoint}: HTTP {response.status_code}: {response.text}"
                raise AdminError(msg)
            for line in response.iter_lines(chunk_size=1 << 16):
                if line:
                    yield orjson.loads(line)


class EmulatorProcess:
    """A running ``igdb-emulator`` subprocess and helpers to talk to it."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        urls: dict[str, str],
        client_id: str,
        client_secret: str,
        log_path: Path | None,
    ) -> None:
        self.process = process
        self.url = urls["url"]
        self.api_url = urls["api_url"]
        self.auth_url = urls["auth_url"]
        self.client_id = client_id
        self.client_secret = client_secret
        self.log_path = log_path
        self.admin = Admin(self.url)
        self.session = requests.Session()

    def token(self) -> str:
        """Mint an access token with the accepted credentials."""
        response = self.session.post(
            self.auth_url,
            params={
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "grant_type": "client_credentials",
            },
            timeout=30,
        )
        response.raise_for_status()
        return str(response.json()["access_token"])

    def headers(self, token: str) -> dict[str, str]:
        """The headers IGDB requires."""
        return {"Client-ID": self.client_id, "Authorization": f"Bearer {token}"}

    def query(self, path: str, body: str, token: str | None = None) -> requests.Response:
        """POST an Apicalypse body to ``/v4/<path>`` (mints a token when none is given)."""
        token = token or self.token()
        return self.session.post(
            f"{self.api_url}/{path.lstrip('/')}",
            data=body.encode(),
            headers=self.headers(token),
            timeout=120,
        )

    def log_text(self) -> str:
        """What the server wrote to stderr so far."""
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, then SIGKILL after ``timeout``; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.session.close()
        self.admin.session.close()
        return self.process.returncode


class ApiClient:
    """An IGDB API client of one emulator with a token of its own (for tests)."""

    def __init__(self, emulator: EmulatorProcess) -> None:
        self.emu = emulator
        self.session = requests.Session()
        self.token = emulator.token()

    def post(
        self, path: str, body: str = "", token: str | None = None, **headers: str
    ) -> requests.Response:
        """POST ``body`` to ``/v4/<path>`` with this client's token (or ``token``)."""
        sent = self.emu.headers(token or self.token)
        sent.update(headers)
        return self.session.post(
            f"{self.emu.api_url}/{path}", data=body.encode(), headers=sent, timeout=120
        )

    def rows(self, path: str, body: str) -> list[dict[str, Any]]:
        """The records a query answers; raises unless the answer is 200 with an array."""
        response = self.post(path, body)
        if response.status_code != 200:
            msg = f"{path}: HTTP {response.status_code}: {response.text[:500]}"
            raise AdminError(msg)
        rows = orjson.loads(response.content)
        if not isinstance(rows, list):
            msg = f"{path}: not an array: {response.text[:500]}"
            raise AdminError(msg)
        return rows

    def ids(self, path: str, body: str) -> list[int]:
        """The ids of the records a query answers, in order."""
        return [row["id"] for row in self.rows(path, body)]


def write_jsonl(directory: Path, endpoint: str, records: Sequence[dict[str, Any]]) -> Path:
    """Write ``directory/<endpoint>.jsonl`` for ``--data`` (the directory is created)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{endpoint}.jsonl"
    path.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in records))
    return path


def emulator_args(options: dict[str, Any]) -> list[str]:
    """Command-line arguments for keyword options (``requests_per_second=0`` and so on)."""
    args: list[str] = []
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append(flag)
        else:
            args += [flag, str(value)]
    return args


@contextlib.contextmanager
def run_emulator(startup_timeout: float = 300.0, **cli_options: Any) -> Iterator[EmulatorProcess]:
    """Start ``igdb-emulator`` on a free port, wait for its URL line, stop it on exit.

    Keyword options are its command-line options (``scale=500``, ``latency_ms=20``...).
    Its stderr goes to a temporary file (``EmulatorProcess.log_text()``).
    """
    options = {"port": 0, **cli_options}
    client_id = str(options.get("client_id", "emulator-client-id"))
    client_secret = str(options.get("client_secret", "emulator-client-secret"))
    fd, log_name = tempfile.mkstemp(prefix="igdb-emulator-", suffix=".log")
    log_path = Path(log_name)
    command = [sys.executable, "-m", "igdb_emulator", *emulator_args(options)]
    with os.fdopen(fd, "wb") as log_file:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log_file)  # noqa: S603
    try:
        line = _read_line(process, startup_timeout)
        if not line:
            process.wait(5)
            msg = f"igdb-emulator exited ({process.returncode}): {log_path.read_text()[-2000:]}"
            raise RuntimeError(msg)
        emulator = EmulatorProcess(process, orjson.loads(line), client_id, client_secret, log_path)
    except BaseException:
        if process.poll() is None:
            process.kill()
        process.wait()
        raise
    try:
        yield emulator
    finally:
        emulator.stop()
        with contextlib.suppress(OSError):
            log_path.unlink()


def _read_line(process: subprocess.Popen[bytes], timeout: float) -> bytes:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    buffer = b""
    while b"\n" not in buffer:
        left = deadline - time.monotonic()
        if left <= 0:
            msg = f"igdb-emulator printed no URL line within {timeout:.0f} s"
            raise TimeoutError(msg)
        ready, _, _ = select.select([process.stdout], [], [], min(left, 0.5))
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                return b""
            buffer += chunk
        elif process.poll() is not None:
            return b""
    return buffer.split(b"\n", 1)[0]
