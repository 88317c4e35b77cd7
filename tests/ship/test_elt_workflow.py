"""The scheduled ELT workflow: its contract, and its job run here against the local stack."""

from __future__ import annotations

import gzip
import json
import tomllib
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from pipeline_stack import ACCESS, ROOT, base_env, run_local_stack
from workflow_runner import JobRunner, load_workflow

ELT = ROOT / ".github" / "workflows" / "elt.yml"
ORCHESTRATE = ROOT / "orchestrate" / "orchestrate.meltano.yml"
BUCKET = "igdb-prod-lake"
WAREHOUSE_KEY = "igdb/prod/warehouse/warehouse.duckdb"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return load_workflow(ELT)


@pytest.fixture(scope="module")
def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = workflow["jobs"]["elt"]["steps"]
    return steps


def test_cron_is_the_meltano_schedule_interval(workflow: dict[str, Any]) -> None:
    schedules = yaml.safe_load(ORCHESTRATE.read_text())["schedules"]
    daily = next(s for s in schedules if s["name"] == "igdb-daily")
    assert daily["job"] == "igdb-elt"
    assert [entry["cron"] for entry in workflow["on"]["schedule"]] == [daily["interval"]]
    assert "workflow_dispatch" in workflow["on"]


def test_runs_prod_with_state_in_s3(workflow: dict[str, Any]) -> None:
    env = workflow["env"]
    assert env["MELTANO_ENVIRONMENT"] == "prod"
    assert env["MELTANO_STATE_BACKEND_URI"] == "s3://${{ vars.IGDB_LAKE_BUCKET }}/meltano/state"
    assert env["IGDB_LAKE_BUCKET"] == "${{ vars.IGDB_LAKE_BUCKET }}"
    assert env["AWS_REGION"] == "${{ vars.AWS_REGION }}"
    # The S3 state backend needs Meltano's s3 extra, in the locked environment the job installs.
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    assert any(dep.startswith("meltano[s3]") for dep in dev)


def test_one_run_at_a_time_with_minimal_permissions(workflow: dict[str, Any]) -> None:
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert workflow["permissions"] == {"contents": "read", "id-token": "write"}
    assert "permissions" not in workflow["jobs"]["elt"]


def test_credentials_come_from_secrets_only(steps: list[dict[str, Any]]) -> None:
    run_step = next(s for s in steps if s.get("name") == "meltano schedule run igdb-daily")
    assert run_step["env"] == {
        "TAP_IGDB_CLIENT_ID": "${{ secrets.TAP_IGDB_CLIENT_ID }}",
        "TAP_IGDB_CLIENT_SECRET": "${{ secrets.TAP_IGDB_CLIENT_SECRET }}",
    }
    aws = next(s for s in steps if s.get("uses", "").startswith("aws-actions/"))
    assert aws["uses"].startswith("aws-actions/configure-aws-credentials@v")
    for key in ("role-to-assume", "aws-access-key-id", "aws-secret-access-key"):
        assert aws["with"][key].startswith("${{ secrets."), key
    assert aws["with"]["aws-region"] == "${{ vars.AWS_REGION }}"


def test_installs_then_runs_the_schedule_with_a_cache_keyed_on_the_locks(
    steps: list[dict[str, Any]],
) -> None:
    runs = [str(s.get("run", "")) for s in steps]
    install = next(i for i, run in enumerate(runs) if run.strip() == "meltano install")
    schedule = next(i for i, run in enumerate(runs) if "meltano schedule run igdb-daily" in run)
    download = next(i for i, s in enumerate(steps) if "Download the warehouse" in s.get("name", ""))
    upload = next(i for i, s in enumerate(steps) if "Upload the warehouse" in s.get("name", ""))
    assert install < download < schedule < upload
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    for lock in ("'uv.lock'", "'plugins/**/*.lock'", "'meltano.yml'"):
        assert lock in cache["with"]["key"]
    assert ".meltano/extractors" in cache["with"]["path"]


def test_logs_are_kept_when_a_run_fails(steps: list[dict[str, Any]]) -> None:
    artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert artifact["if"] == "failure()"
    for path in ("output/logs/", ".meltano/logs/", "transform/logs/"):
        assert path in artifact["with"]["path"]


def _read_jsonl_gz(s3: Any, keys: list[str]) -> list[dict[str, Any]]:
    records = []
    for key in keys:
        body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        records += [json.loads(line) for line in gzip.decompress(body).splitlines() if line]
    return records


def _keys(s3: Any, prefix: str) -> list[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


def test_the_job_runs_here_twice_with_state_and_warehouse_in_s3(tmp_path: Path) -> None:
    """elt.yml's own steps, in prod, with moto standing in for AWS and the emulator for IGDB.

    The second run starts like a new runner (no warehouse on disk): it must download the first
    run's warehouse, resume from the state in S3 and add only what changed in between.
    """
    with run_local_stack(tmp_path, scale=100, bucket=BUCKET) as stack:
        s3 = stack.s3.client()
        warehouse = tmp_path / "runner" / "output" / "warehouse.duckdb"
        # What aws-actions/configure-aws-credentials exports, for moto.
        runner_env = {
            **base_env(),
            "AWS_ACCESS_KEY_ID": ACCESS["aws_access_key_id"],
            "AWS_SECRET_ACCESS_KEY": ACCESS["aws_secret_access_key"],
            "AWS_SESSION_TOKEN": "local-session-token",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
        # The local stack instead of AWS and IGDB: the only settings not in the workflow.
        local = {
            **stack.plugin_env(),
            "AWS_ENDPOINT_URL_S3": stack.s3.url,
            "DBT_DUCKDB_PATH": str(warehouse),
            "DBT_DUCKDB_TARGET_PATH": str(tmp_path / "dbt-target"),
            "DBT_LOG_PATH": str(tmp_path / "dbt-logs"),
            "MELTANO_DATABASE_URI": f"sqlite:///{tmp_path / 'meltano.db'}",
        }
        runner = JobRunner(
            ELT,
            "elt",
            contexts={
                "vars": {"IGDB_LAKE_BUCKET": BUCKET, "AWS_REGION": "us-east-1"},
                "secrets": {
                    "TAP_IGDB_CLIENT_ID": stack.emulator.client_id,
                    "TAP_IGDB_CLIENT_SECRET": stack.emulator.client_secret,
                },
                "github": {"workspace": str(ROOT), "run_id": "1", "run_attempt": "1"},
                "runner": {"os": "Linux"},
            },
            env=runner_env,
            overrides=local,
            cwd=ROOT,
        )

        first = runner.run()
        assert not first.failed, first.log()
        skipped = {s.name: s.skipped for s in first.steps if s.skipped}
        assert set(skipped) == {
            "actions/checkout@v6",
            "actions/setup-python@v6",
            "Cache uv's downloads and Meltano's plugin environments",
            "aws-actions/configure-aws-credentials@v6",
            "Keep the logs of a failed run",
        }, skipped
        assert "No warehouse at" in first.step("Download the warehouse of the previous run").output
        assert _keys(s3, WAREHOUSE_KEY) == [WAREHOUSE_KEY]
        assert _keys(s3, "meltano/state/"), "Meltano wrote no state to S3"
        first_games = set(_keys(s3, "igdb/prod/raw/games/"))
        assert first_games

        # Between two runs: a new runner (no warehouse, a new Meltano database), and IGDB changes.
        warehouse.unlink()
        runner.overrides["MELTANO_DATABASE_URI"] = f"sqlite:///{tmp_path / 'meltano-2.db'}"
        changed = stack.emulator.admin.mutate("games", create=2, update=3)
        games_now = stack.emulator.admin.counts()["games"]

        second = runner.run()
        assert not second.failed, second.log()
        assert (
            "Downloaded s3://" in second.step("Download the warehouse of the previous run").output
        )
        # Resumed from the state in S3: only the changed games were extracted again.
        new_files = sorted(set(_keys(s3, "igdb/prod/raw/games/")) - first_games)
        extracted = {record["id"] for record in _read_jsonl_gz(s3, new_files)}
        assert set(changed.created) | set(changed.updated) <= extracted
        assert len(extracted) < games_now / 2
        # The uploaded warehouse holds both runs: the incremental models kept the first one.
        uploaded = tmp_path / "uploaded.duckdb"
        s3.download_file(BUCKET, WAREHOUSE_KEY, str(uploaded))
        with duckdb.connect(str(uploaded), read_only=True) as con:
            (count,) = con.sql("select count(*) from marts.dim_games").fetchone() or (0,)
            ids = {row[0] for row in con.sql("select game_id from marts.dim_games").fetchall()}
        assert count == games_now
        assert set(changed.created) <= ids
