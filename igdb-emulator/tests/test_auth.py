"""Twitch token endpoint and IGDB's 401, with exact bodies."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
import requests

from igdb_emulator.admin import EmulatorProcess, run_emulator
from igdb_emulator.server import AUTH_FAILURE

if TYPE_CHECKING:
    from collections.abc import Iterator

CREDS = {"client_id": "me", "client_secret": "s3cret", "grant_type": "client_credentials"}


@pytest.fixture(scope="module")
def emu() -> Iterator[EmulatorProcess]:
    with run_emulator(
        scale=50, client_id="me", client_secret="s3cret", token_ttl=2, requests_per_second=0
    ) as emu:
        yield emu


def mint(emu: EmulatorProcess, *, form: bool = False, **override: str) -> requests.Response:
    params = {**CREDS, **override}
    if form:
        return requests.post(emu.auth_url, data=params, timeout=10)
    return requests.post(emu.auth_url, params=params, timeout=10)


def games(emu: EmulatorProcess, headers: dict[str, str]) -> requests.Response:
    return requests.post(f"{emu.api_url}/games", data=b"fields id;", headers=headers, timeout=10)


@pytest.mark.parametrize("form", [False, True])
def test_token_from_query_or_form(emu: EmulatorProcess, form: bool) -> None:
    response = mint(emu, form=form)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type"}
    assert body["expires_in"] == 2
    assert body["token_type"] == "bearer"
    assert len(body["access_token"]) == 30
    assert games(emu, emu.headers(body["access_token"])).status_code == 200


@pytest.mark.parametrize(
    ("override", "status", "body"),
    [
        ({"client_id": "other"}, 400, b'{"status":400,"message":"invalid client"}'),
        ({"client_secret": "wrong"}, 403, b'{"status":403,"message":"invalid client secret"}'),
        ({"grant_type": "password"}, 400, b'{"status":400,"message":"unsupported grant type"}'),
    ],
)
def test_token_errors(
    emu: EmulatorProcess, override: dict[str, str], status: int, body: bytes
) -> None:
    for form in (False, True):
        response = mint(emu, form=form, **override)
        assert response.status_code == status
        assert response.json() == __import__("json").loads(body)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Client-ID": "me"},
        {"Authorization": "Bearer x"},
        {"Client-ID": "me", "Authorization": "Bearer not-a-token"},
        {"Client-ID": "someone-else", "Authorization": "Bearer {token}"},
        {"Client-ID": "me", "Authorization": "bearer {token}"},  # "Bearer" is case-sensitive
        {"Client-ID": "me", "Authorization": "{token}"},
        {"Client-ID": "me", "Authorization": "Bearer s3cret"},  # the secret is not a token
    ],
)
def test_401_body_is_igdbs(emu: EmulatorProcess, headers: dict[str, str]) -> None:
    token = mint(emu).json()["access_token"]
    headers = {k: v.format(token=token) for k, v in headers.items()}
    response = games(emu, headers)
    assert response.status_code == 401
    assert response.content == AUTH_FAILURE
    assert len(response.content) == 437
    assert response.json()["message"] == "Authorization Failure. Have you tried:"
    assert response.headers["Content-Type"].startswith("application/json")


def test_tokens_expire(emu: EmulatorProcess) -> None:
    token = mint(emu).json()["access_token"]
    assert games(emu, emu.headers(token)).status_code == 200
    time.sleep(2.1)
    assert games(emu, emu.headers(token)).status_code == 401
    assert games(emu, emu.headers(mint(emu).json()["access_token"])).status_code == 200


def test_revoke_tokens(emu: EmulatorProcess) -> None:
    token = mint(emu).json()["access_token"]
    emu.admin.faults(revoke_tokens=True)
    assert games(emu, emu.headers(token)).status_code == 401
    fresh = mint(emu).json()["access_token"]
    assert games(emu, emu.headers(fresh)).status_code == 200


def test_only_25_tokens_stay_active(emu: EmulatorProcess) -> None:
    tokens = [mint(emu).json()["access_token"] for _ in range(26)]
    assert games(emu, emu.headers(tokens[0])).status_code == 401  # the oldest is inactivated
    assert games(emu, emu.headers(tokens[1])).status_code == 200
    assert games(emu, emu.headers(tokens[-1])).status_code == 200


def test_token_endpoint_is_not_an_api_request(emu: EmulatorProcess) -> None:
    emu.admin.reset()
    mint(emu)
    stats = emu.admin.stats()
    assert stats["api_requests"] == 0
    assert stats["tokens_minted"] == 1
