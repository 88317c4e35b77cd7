"""Faults scheduled through the admin API: throttling, failures, malformed answers, resets.

Each one-shot fault is consumed by the next API request(s) that get past authentication and
the rate limits, in the order: reset, slow, fail (then a random error), too large, malformed.
"""

from __future__ import annotations

import random
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

MalformedKind = Literal["truncated", "html200", "not_array"]
MALFORMED_KINDS: tuple[MalformedKind, ...] = ("truncated", "html200", "not_array")

# Bodies of random 5xx answers: the plain-text pages IGDB's proxies send (igdb-api.md §3).
RANDOM_ERRORS: tuple[tuple[int, str], ...] = (
    (500, "Internal Server Error"),
    (502, "502 Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "504 Gateway Time-out"),
)
HTML_ERROR_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


class FaultError(ValueError):
    """An admin request with an invalid fault description."""


@dataclass(frozen=True)
class Failure:
    """A canned answer for ``fail_next``."""

    status: int
    body: bytes
    content_type: str


def _count(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        msg = f"{name} must be a non-negative integer"
        raise FaultError(msg)
    return value


def _number(value: Any, name: str, lo: float = 0.0, hi: float | None = None) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or value < lo:
        msg = f"{name} must be a number >= {lo}"
        raise FaultError(msg)
    if hi is not None and value > hi:
        msg = f"{name} must be <= {hi}"
        raise FaultError(msg)
    return float(value)


class Faults:
    """Pending and standing faults."""

    def __init__(self, *, latency_ms: float = 0.0, error_rate: float = 0.0, seed: int = 0) -> None:
        self.base_latency_ms = latency_ms
        self.base_error_rate = error_rate
        self.rng = random.Random(f"{seed}/faults")
        self.clear()

    def clear(self) -> None:
        """Back to the command-line settings, nothing pending."""
        self.throttle_until = 0.0
        self.failures: deque[Failure] = deque()
        self.malformed: deque[MalformedKind] = deque()
        self.too_large = 0
        self.resets = 0
        self.slow: deque[float] = deque()
        self.latency_ms = self.base_latency_ms
        self.error_rate = self.base_error_rate

    def schedule(self, spec: dict[str, Any]) -> None:
        """Apply a ``POST /_emulator/faults`` body (``limits``/``revoke_tokens`` excluded)."""
        if "throttle_seconds" in spec:
            seconds = _number(spec["throttle_seconds"], "throttle_seconds")
            self.throttle_until = time.monotonic() + seconds
        if "fail_next" in spec:
            fail = spec["fail_next"]
            if not isinstance(fail, dict):
                msg = "fail_next must be an object"
                raise FaultError(msg)
            status = fail.get("status", 502)
            if not isinstance(status, int) or not 100 <= status <= 599:
                msg = "fail_next.status must be an HTTP status"
                raise FaultError(msg)
            body = str(fail.get("body", "502 Bad Gateway")).encode()
            failure = Failure(status, body, str(fail.get("content_type", "text/plain")))
            self.failures.extend([failure] * _count(fail.get("count", 1), "fail_next.count"))
        if "malformed_next" in spec:
            bad = spec["malformed_next"]
            if not isinstance(bad, dict) or bad.get("kind", "truncated") not in MALFORMED_KINDS:
                msg = f"malformed_next needs a kind among {', '.join(MALFORMED_KINDS)}"
                raise FaultError(msg)
            kind: MalformedKind = bad.get("kind", "truncated")
            self.malformed.extend([kind] * _count(bad.get("count", 1), "malformed_next.count"))
        if "too_large_next" in spec:
            self.too_large += _count(spec["too_large_next"], "too_large_next")
        if "reset_next" in spec:
            self.resets += _count(spec["reset_next"], "reset_next")
        if "slow_next" in spec:
            slow = spec["slow_next"]
            if not isinstance(slow, dict):
                msg = "slow_next must be an object"
                raise FaultError(msg)
            seconds = _number(slow.get("seconds", 1), "slow_next.seconds")
            self.slow.extend([seconds] * _count(slow.get("count", 1), "slow_next.count"))
        if "latency_ms" in spec:
            self.latency_ms = _number(spec["latency_ms"], "latency_ms")
        if "error_rate" in spec:
            self.error_rate = _number(spec["error_rate"], "error_rate", 0.0, 1.0)

    def throttled(self) -> bool:
        """Whether a ``throttle_seconds`` window is open."""
        return time.monotonic() < self.throttle_until

    def take_reset(self) -> bool:
        """Consume one pending connection reset."""
        if self.resets:
            self.resets -= 1
            return True
        return False

    def take_slow(self) -> float:
        """Seconds to stall this request (0: none pending)."""
        return self.slow.popleft() if self.slow else 0.0

    def take_failure(self) -> Failure | None:
        """A pending canned failure, a pending 413, or a random 5xx."""
        if self.failures:
            return self.failures.popleft()
        if self.error_rate and self.rng.random() < self.error_rate:
            status, text = self.rng.choice(RANDOM_ERRORS)
            return Failure(status, text.encode(), "text/plain")
        return None

    def take_too_large(self) -> bool:
        """Consume one pending 413."""
        if self.too_large:
            self.too_large -= 1
            return True
        return False

    def take_malformed(self) -> MalformedKind | None:
        """Consume one pending malformed answer."""
        return self.malformed.popleft() if self.malformed else None

    def pending(self) -> dict[str, Any]:
        """What is scheduled, for the stats."""
        return {
            "throttle_seconds_left": max(0.0, self.throttle_until - time.monotonic()),
            "fail_next": len(self.failures),
            "malformed_next": len(self.malformed),
            "too_large_next": self.too_large,
            "reset_next": self.resets,
            "slow_next": len(self.slow),
            "latency_ms": self.latency_ms,
            "error_rate": self.error_rate,
        }


def malformed_body(kind: MalformedKind, body: bytes) -> tuple[bytes, str]:
    """A broken 200 answer in place of ``body``: (body, content type)."""
    if kind == "truncated":
        cut = body[: max(1, len(body) // 2)] if len(body) > 8 else b'[{"id":'
        return cut, "application/json"
    if kind == "html200":
        return HTML_ERROR_PAGE, "text/html"
    return b'{"message":"Internal server error"}', "application/json"
