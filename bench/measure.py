"""Measuring commands: wall time, CPU time and peak memory of a process tree."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import psutil


@dataclass
class Measured:
    """How a command ran: exit code, seconds, and peak RSS per executable name."""

    returncode: int
    seconds: float
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def peak_total_mb(self) -> float:
        """Largest sum of RSS over the whole tree seen at one time."""
        return self.peak_rss_mb.get("(total)", 0.0)


def _name(process: psutil.Process) -> str:
    try:
        cmdline = process.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return "?"
    # Python console scripts show up as `python /path/bin/<script>`: name them by script.
    for part in cmdline[:3]:
        stem = Path(part).name
        if stem and not stem.startswith("python"):
            return stem
    return Path(cmdline[0]).name if cmdline else "?"


class TreeSampler:
    """Samples RSS and CPU time of a process and all its descendants."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root = psutil.Process(root)
        self.interval = interval
        self.peak: dict[str, float] = {}
        self.cpu: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        """Record the current RSS per executable, the tree total, and CPU times."""
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        total = 0.0
        by_name: dict[str, float] = {}
        for process in processes:
            try:
                rss = process.memory_info().rss / 2**20
                times = process.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            name = self.cpu.get(process.pid, (_name(process), 0.0))[0]
            self.cpu[process.pid] = (name, times.user + times.system)
            by_name[name] = max(by_name.get(name, 0.0), rss)
            total += rss
        for name, rss in by_name.items():
            self.peak[name] = max(self.peak.get(name, 0.0), rss)
        self.peak["(total)"] = max(self.peak.get("(total)", 0.0), total)

    def cpu_by_name(self) -> dict[str, float]:
        """CPU seconds used, per executable name (summed over processes)."""
        totals: dict[str, float] = {}
        for name, seconds in self.cpu.values():
            totals[name] = totals.get(name, 0.0) + seconds
        return totals


def run_measured(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdout: IO[Any] | int | None = subprocess.DEVNULL,
    stderr: IO[Any] | int | None = None,
    timeout: float | None = None,
) -> Measured:
    """Run a command to completion while sampling its process tree."""
    started = time.monotonic()
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=stdout, stderr=stderr)
    with TreeSampler(process.pid) as sampler:
        returncode = process.wait(timeout)
    return Measured(
        returncode,
        time.monotonic() - started,
        peak_rss_mb=sampler.peak,
        cpu_seconds=sampler.cpu_by_name(),
    )
