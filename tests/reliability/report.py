"""The matrix's table: one row per scenario, written by the tests, assembled at the end.

Each scenario writes `output/reliability/<scenario>.json`, tagged with the test run
(pytest-xdist workers share the run's id); at the end of its session every process renders
the rows of its run into `output/reliability.md` and `output/reliability.json`, so the
process that finishes last writes the whole table.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline_stack import ROOT

OUTPUT = ROOT / "output"
ROWS = OUTPUT / "reliability"
COLUMNS = ("scenario", "what the user sees", "lost", "duplicated", "extra", "secret hits")


@dataclass
class Row:
    """One scenario's outcome."""

    scenario: str  # "1. 429 storm"
    user_sees: str  # exit codes and the key error line
    lost: int
    duplicated: int
    extra: int  # records deleted in IGDB still live in the marts
    secret_hits: int
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    run: str = ""  # the test run (see `render`)

    def write(self) -> Path:
        """Save this row for the session's table."""
        ROWS.mkdir(parents=True, exist_ok=True)
        slug = "".join(c if c.isalnum() else "-" for c in self.scenario.lower()).strip("-")
        path = ROWS / f"{slug[:80]}.json"
        path.write_text(json.dumps(asdict(self), indent=2))
        return path


def render(run: str) -> Path | None:
    """Write the table of the rows of test run `run`; None when there are none."""
    rows = []
    for path in sorted(ROWS.glob("*.json")) if ROWS.exists() else []:
        data = json.loads(path.read_text())
        if data.get("run") == run:
            rows.append(Row(**data))
    if not rows:
        return None
    rows.sort(key=lambda row: _order(row.scenario))
    lines = [
        "# Reliability matrix",
        "",
        "Every scenario ends with a reconciliation of the warehouse against the emulator"
        " (staging: live ids and checksums of all 71 endpoints; marts: ids and current"
        " values) and a scan of every log and output for the client secret, the AWS secret"
        " key and every access token minted. lost: records missing or stale; duplicated:"
        " surplus rows of a record; extra: rows of records IGDB does not hold (summed over"
        " the relations checked).",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join(":--" if i < 2 else "--:" for i in range(len(COLUMNS))) + "|",
    ]
    for row in rows:
        cells = [
            row.scenario,
            row.user_sees.replace("|", "\\|"),
            str(row.lost),
            str(row.duplicated),
            str(row.extra),
            str(row.secret_hits),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [(row.scenario, note) for row in rows for note in row.notes]
    if notes:
        lines += ["", "Notes:", ""]
        lines += [f"- {scenario}: {note}" for scenario, note in notes]
    total = sum(row.seconds for row in rows)
    lines += ["", f"{len(rows)} scenarios, {total:.0f} s of scenario time.", ""]
    markdown = OUTPUT / "reliability.md"
    markdown.write_text("\n".join(lines))
    (OUTPUT / "reliability.json").write_text(json.dumps([asdict(r) for r in rows], indent=2))
    return markdown


def _order(scenario: str) -> tuple[int, str]:
    number = scenario.split(".", 1)[0].split(" ", 1)[0]
    digits = "".join(c for c in number if c.isdigit())
    return (int(digits) if digits else 99, scenario)
