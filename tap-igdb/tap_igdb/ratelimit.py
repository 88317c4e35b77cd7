"""One limiter per process for every request the tap sends to IGDB."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from pyrate_limiter import Limiter, Rate


class RequestLimiter:
    """Cap request starts per second and requests in flight.

    Starts are spaced evenly (one every 1/rps seconds) rather than let through in
    bursts of `rps`: IGDB counts requests when they arrive, and even spacing
    leaves a whole interval of slack for network jitter before a 429.
    """

    def __init__(self, requests_per_second: float, max_concurrent: int) -> None:
        if requests_per_second <= 0:
            msg = "requests_per_second must be positive"
            raise ValueError(msg)
        if max_concurrent < 1:
            msg = "max_concurrent must be at least 1"
            raise ValueError(msg)
        self.requests_per_second = requests_per_second
        self.max_concurrent = max_concurrent
        interval_ms = max(1, round(1000 / requests_per_second))
        self._starts = Limiter(Rate(1, interval_ms), buffer_ms=1)
        self._slots = threading.BoundedSemaphore(max_concurrent)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one in-flight slot, then wait for the next start time."""
        with self._slots:
            self._starts.try_acquire("igdb")
            yield
