"""Twitch tokens: minted, renewed before expiry, re-minted once on a 401, bad credentials."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from igdb_emulator.admin import EmulatorProcess
from tap_harness import RunTap

SMALL = ["genres", "platforms", "game_modes", "themes", "player_perspectives", "keywords"]


def test_token_is_renewed_before_it_expires(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    # 6-second tokens (renewed with 3 s left) and slow answers: the sync outlives several.
    emulator = own_emulator(token_ttl=6, latency_ms=400, requests_per_second=0, max_concurrent=0)
    run = run_tap(tap_config(emulator, page_size=20, multiquery_size=1), streams=SMALL)
    assert run.returncode == 0, run.stderr[-3000:]
    stats = emulator.admin.stats()
    assert stats["tokens_minted"] >= 3
    assert "401" not in stats["responses_by_status"], "a request went out with an expired token"
    counts = emulator.admin.counts()
    assert {s: len(run.records[s]) for s in SMALL} == {s: counts[s] for s in SMALL}


def test_revoked_token_is_reminted_once(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(latency_ms=300, requests_per_second=0, max_concurrent=0)
    done = threading.Event()

    def revoke_mid_run() -> None:
        while not done.is_set():
            if emulator.admin.stats()["api_requests"] >= 5:
                emulator.admin.faults(revoke_tokens=True)
                return
            time.sleep(0.05)

    revoker = threading.Thread(target=revoke_mid_run)
    revoker.start()
    try:
        run = run_tap(tap_config(emulator, page_size=20, multiquery_size=1), streams=SMALL)
    finally:
        done.set()
        revoker.join()
    assert run.returncode == 0, run.stderr[-3000:]
    stats = emulator.admin.stats()
    assert stats["responses_by_status"].get("401", 0) >= 1
    assert stats["tokens_minted"] == 2
    assert "minting a new token and retrying once" in run.stderr
    counts = emulator.admin.counts()
    assert {s: len(run.records[s]) for s in SMALL} == {s: counts[s] for s in SMALL}


def test_persistent_401_stops_with_a_clear_error(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    emulator.admin.faults(fail_next=5, fail_status=401, fail_body='{"message":"Unauthorized"}')
    run = run_tap(tap_config(emulator, multiquery_size=1), streams=["genres"])
    assert run.returncode != 0
    assert "answered HTTP 401 (Unauthorized) twice, with a freshly minted token" in run.stderr
    assert emulator.admin.stats()["tokens_minted"] == 2
    assert emulator.client_secret not in run.stderr + run.stdout


def test_unknown_client_id_is_named(
    emulator: EmulatorProcess, run_tap: RunTap, tap_config: Any
) -> None:
    run = run_tap(tap_config(emulator, client_id="not-a-client"), streams=["genres"])
    assert run.returncode != 0
    assert "Twitch rejected the client_id (HTTP 400)" in run.stderr
    assert "invalid client" in run.stderr
    assert not run.records


def test_wrong_secret_is_named_and_never_printed(
    emulator: EmulatorProcess, run_tap: RunTap, tap_config: Any
) -> None:
    secret = "wrong-secret-0123456789abcdef"
    run = run_tap(tap_config(emulator, client_secret=secret), streams=["genres"])
    assert run.returncode != 0
    assert "Twitch rejected the client_secret (HTTP 403)" in run.stderr
    assert secret not in run.stderr + run.stdout
    assert not run.records
