"""Changes and faults at a chosen point of a run, told by the emulator's request counter."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass
class Trigger:
    """Whether the action ran, and at which request count."""

    fired_at: int | None = None


@contextlib.contextmanager
def after_requests(admin: Any, count: int, action: Callable[[], object]) -> Iterator[Trigger]:
    """Run `action` once the emulator has answered `count` more API requests."""
    start = admin.stats()["api_requests"]
    trigger = Trigger()
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.02):
            seen = admin.stats()["api_requests"]
            if seen - start >= count:
                action()
                trigger.fired_at = seen - start
                return

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield trigger
    finally:
        stop.set()
        thread.join()
    assert trigger.fired_at is not None, f"the run made fewer than {count} API requests"


def change_some_records(admin: Any) -> None:
    """What a day brings: updates and creations in incremental endpoints."""
    admin.mutate("games", update=2, create=1)
    admin.mutate("platforms", update=1)
    admin.mutate("companies", update=1)
    admin.mutate("release_dates", update=1, create=1)
    admin.mutate("involved_companies", create=1)
