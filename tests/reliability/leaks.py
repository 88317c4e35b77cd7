"""Secret scan: where, in everything a pipeline wrote, its secrets appear.

Looked at: the stdout and stderr of every Meltano command (Meltano, tap, target and dbt log
there), dbt's log and target directories, every lake object (decompressed), the Meltano
system directory (system database with runs and state, run directories) and the
warehouse. Run directories (`<system dir>/run/`) are where Meltano writes each plugin's
config for the plugin to read, and deletes it when the run ends: they are reported apart,
since holding config is their job (a run killed with SIGKILL leaves its files behind).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import Pipeline


@dataclass
class Leaks:
    """Hits of secrets, by place: `hits` in logs and outputs, `run_dir` in config files."""

    secrets: int
    hits: Counter[str] = field(default_factory=Counter)
    run_dir: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        """Hits in logs and outputs."""
        return sum(self.hits.values())

    def describe(self) -> str:
        """Where the hits are."""
        places = ", ".join(f"{place} ({n})" for place, n in sorted(self.hits.items()))
        return places or "none"


class LeakScanner:
    """Scans a pipeline's outputs for its secrets, each lake object once."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self._lake_hits: Counter[str] = Counter()
        self._lake_seen: set[str] = set()
        self._watched: dict[str, str] = {}
        self._reported: set[str] = set()

    def new_config_files(self, leaks: Leaks) -> list[str]:
        """Files of Meltano's run directory holding secrets not reported before."""
        files = sorted({place.split(": ", 1)[0] for place in leaks.run_dir} - self._reported)
        self._reported.update(files)
        return files

    def watch(self, name: str, value: str) -> None:
        """Look for one more secret from now on (a wrong secret a scenario tried, say)."""
        self._watched[name] = value
        self._lake_seen.clear()  # lake objects read so far must be read for it too
        self._lake_hits.clear()

    def secrets(self) -> dict[str, bytes]:
        """The client secret, the AWS secret key and every access token minted so far."""
        found = {
            "client_secret": self.pipeline.secrets.client_secret,
            "aws_secret_access_key": self.pipeline.secrets.aws_secret_access_key,
            **self._watched,
        }
        for n, token in enumerate(sorted(self.pipeline.access_tokens()), start=1):
            found[f"access_token_{n}"] = token
        return {name: value.encode() for name, value in found.items()}

    def scan(self, texts: Iterable[tuple[str, str]] = ()) -> Leaks:
        """Scan the pipeline's files and lake, and `texts` ((place, text) pairs)."""
        wanted = self.secrets()
        leaks = Leaks(secrets=len(wanted))
        pipeline = self.pipeline
        for place, text in texts:
            self._count(leaks.hits, place, wanted, text.encode())
        for directory, place in (
            (pipeline.outputs, "stdout/stderr of meltano"),
            (pipeline.dbt_logs, "dbt logs"),
            (pipeline.dbt_target, "dbt target/"),
        ):
            for path in _files(directory):
                self._count(leaks.hits, place, wanted, path.read_bytes())
        system = pipeline.system_dir
        for path in _files(system):
            in_run_dir = system / "run" in path.parents
            counter = leaks.run_dir if in_run_dir else leaks.hits
            place = str(path.relative_to(system)) if in_run_dir else "Meltano system dir"
            self._count(counter, place, wanted, path.read_bytes())
        for path in sorted(pipeline.workdir.glob(pipeline.warehouse.name + "*")):  # and .wal
            self._count(leaks.hits, "warehouse", wanted, path.read_bytes())
        for key in pipeline.lake_keys():
            if key not in self._lake_seen:
                self._lake_seen.add(key)
                self._count(self._lake_hits, "lake", wanted, pipeline.lake_object(key))
        leaks.hits.update(self._lake_hits)
        return leaks

    @staticmethod
    def _count(counter: Counter[str], place: str, wanted: dict[str, bytes], data: bytes) -> None:
        for name, value in wanted.items():
            if value in data:
                counter[f"{place}: {name}"] += 1


def _files(directory: Path) -> list[Path]:
    """Regular files under `directory` (linked directories, the plugins' venvs, not entered)."""
    found = []
    for parent, _, names in os.walk(directory):
        found += [Path(parent) / name for name in names if (Path(parent) / name).is_file()]
    return found
