"""The scenario recorder: how each scenario of the matrix ends and gets its row."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from leaks import Leaks, LeakScanner
from pipeline import Pipeline
from reconcile import Reconciliation, emulator_records, reconcile
from report import Row

# Games in the emulator: about 2,800 records over the 71 endpoints, every one non-empty.
SCALE = 30


@dataclass
class Outcome:
    """How a scenario ended: the warehouse against the emulator, and the secret scan."""

    reconciliation: Reconciliation
    leaks: Leaks
    row: Row


@dataclass
class Scenario:
    """Records one scenario: call `finish` once the pipeline should be whole again."""

    pipeline: Pipeline
    scanner: LeakScanner
    run_id: str
    started: float = field(default_factory=time.monotonic)

    def finish(self, name: str, user_sees: str, *, notes: list[str] | None = None) -> Outcome:
        """Reconcile, scan for secrets, write the table row (before any assertion)."""
        expected = emulator_records(self.pipeline.emulator.admin)
        reconciliation = reconcile(self.pipeline.warehouse, expected)
        leaks = self.scanner.scan()
        all_notes = list(notes or [])
        if not reconciliation.ok:
            all_notes.append(reconciliation.describe().replace("\n", "; "))
        if leaks.count:
            all_notes.append(f"secrets found in: {leaks.describe()}")
        if files := self.scanner.new_config_files(leaks):
            all_notes.append(
                f"Meltano's run directory keeps {len(files)} plugin config file(s) with secrets"
                f" (not logs or outputs, not counted): {', '.join(files)}"
            )
        row = Row(
            scenario=name,
            user_sees=user_sees,
            lost=reconciliation.lost,
            duplicated=reconciliation.duplicated,
            extra=reconciliation.extra,
            secret_hits=leaks.count,
            notes=all_notes,
            seconds=round(time.monotonic() - self.started, 1),
            run=self.run_id,
        )
        row.write()
        return Outcome(reconciliation, leaks, row)


def assert_whole(outcome: Outcome) -> None:
    """Nothing lost, duplicated or extra; no secret in any log or output."""
    assert outcome.reconciliation.ok, outcome.reconciliation.describe()
    assert outcome.leaks.count == 0, outcome.leaks.describe()
