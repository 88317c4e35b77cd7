"""Faults scheduled through the admin API."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import orjson
import pytest
import requests

from igdb_emulator.admin import ApiClient, run_emulator

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def api() -> Iterator[ApiClient]:
    with run_emulator(scale=100, requests_per_second=0, max_concurrent=0) as emu:
        yield ApiClient(emu)


@pytest.fixture(autouse=True)
def clean(api: ApiClient) -> Iterator[None]:
    api.emu.admin.reset()
    yield
    api.emu.admin.reset()


BODY = "fields *; limit 50;"


def test_throttle_window(api: ApiClient) -> None:
    api.emu.admin.faults(throttle_seconds=0.6)
    response = api.post("games", BODY)
    assert response.status_code == 429
    assert response.content == b'{"message":"Too Many Requests"}'
    time.sleep(0.7)
    assert api.post("games", BODY).status_code == 200


def test_fail_next(api: ApiClient) -> None:
    api.emu.admin.faults(fail_next=2, fail_status=502, fail_body="502 Bad Gateway")
    for _ in range(2):
        response = api.post("games", BODY)
        assert response.status_code == 502
        assert response.text == "502 Bad Gateway"
        assert response.headers["Content-Type"].startswith("text/plain")
    assert api.post("games", BODY).status_code == 200


def test_faults_wait_for_authenticated_requests(api: ApiClient) -> None:
    api.emu.admin.faults(fail_next=1)
    assert api.post("games", BODY, token="bad").status_code == 401
    assert api.post("games", BODY).status_code == 502


@pytest.mark.parametrize("kind", ["truncated", "html200", "not_array"])
def test_malformed_answers(api: ApiClient, kind: str) -> None:
    api.emu.admin.faults(malformed_next=1, malformed_kind=kind)  # type: ignore[arg-type]
    response = api.post("games", BODY)
    assert response.status_code == 200
    if kind == "truncated":
        with pytest.raises(orjson.JSONDecodeError):
            orjson.loads(response.content)
    elif kind == "html200":
        assert response.headers["Content-Type"].startswith("text/html")
        assert response.text.startswith("<html>")
    else:
        assert isinstance(response.json(), dict)
    assert isinstance(api.post("games", BODY).json(), list)


def test_too_large_next(api: ApiClient) -> None:
    api.emu.admin.faults(too_large_next=1)
    response = api.post("games", BODY)
    assert response.status_code == 413
    assert response.content == (
        b'[{"title":"Payload Too Large","status":413,"cause":"Response exceeds 10MB limit."}]'
    )
    assert api.post("games", BODY).status_code == 200


def test_reset_next_closes_the_connection(api: ApiClient) -> None:
    api.emu.admin.faults(reset_next=2)
    for _ in range(2):
        with pytest.raises(requests.ConnectionError):
            requests.post(
                f"{api.emu.api_url}/games",
                data=BODY,
                headers=api.emu.headers(api.token),
                timeout=10,
            )
    assert api.post("games", BODY).status_code == 200
    assert api.emu.admin.stats()["responses_by_status"]["0"] == 2


def test_slow_next_and_latency(api: ApiClient) -> None:
    api.emu.admin.faults(slow_next=1, slow_seconds=0.8)
    started = time.monotonic()
    assert api.post("games", BODY).status_code == 200
    assert time.monotonic() - started >= 0.8
    started = time.monotonic()
    api.post("games", BODY)
    assert time.monotonic() - started < 0.8
    api.emu.admin.faults(latency_ms=300)
    started = time.monotonic()
    assert api.post("games", BODY).status_code == 200
    assert time.monotonic() - started >= 0.3


def test_error_rate(api: ApiClient) -> None:
    api.emu.admin.faults(error_rate=1.0)
    statuses = {api.post("games", BODY).status_code for _ in range(10)}
    assert statuses <= {500, 502, 503, 504}
    api.emu.admin.faults(error_rate=0.0)
    assert api.post("games", BODY).status_code == 200


def test_faults_combine_and_reset_clears(api: ApiClient) -> None:
    pending = api.emu.admin.faults(fail_next=1, too_large_next=1, latency_ms=10)
    assert pending["faults"]["fail_next"] == 1
    assert api.post("games", BODY).status_code == 502
    assert api.post("games", BODY).status_code == 413
    api.emu.admin.faults(fail_next=5, reset_next=3, throttle_seconds=60)
    api.emu.admin.reset()
    assert api.post("games", BODY).status_code == 200


def test_invalid_fault_is_refused(api: ApiClient) -> None:
    response = requests.post(
        f"{api.emu.url}/_emulator/faults", data=b'{"error_rate": 3}', timeout=10
    )
    assert response.status_code == 400
    assert "error_rate" in response.json()["error"]
