"""Start and stop the local stack the `dev` environment runs against.

    python orchestrate/local_stack.py up [--scale 2000] [--seed 1]
    python orchestrate/local_stack.py status
    python orchestrate/local_stack.py down

`up` starts moto's S3 server and the IGDB emulator on 127.0.0.1 (the ports the `dev`
environment in meltano.yml expects), waits until both answer, and creates the lake
bucket. Both run in the background; their logs and pids live in .meltano/local-stack/.
Everything is in memory: `down` discards the lake and the emulator's changes.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import boto3
import requests

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = ROOT / ".meltano" / "local-stack"
STATE_FILE = RUN_DIR / "stack.json"
BIN = Path(sys.executable).parent

S3_PORT = 5555
EMULATOR_PORT = 8484
BUCKET = "igdb-lake"


def _wait_until(check: str, url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            msg = f"{check} exited with code {process.returncode}; see {RUN_DIR}"
            raise SystemExit(msg)
        try:
            requests.get(url, timeout=1)
        except requests.ConnectionError:
            time.sleep(0.2)
            continue
        return
    msg = f"{check} did not answer at {url} within {timeout:.0f} s; see {RUN_DIR}"
    raise SystemExit(msg)


def _start(name: str, args: list[str]) -> subprocess.Popen[bytes]:
    log = (RUN_DIR / f"{name}.log").open("wb")
    return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def up(scale: int, seed: int) -> None:
    """Start S3 and the emulator, create the bucket, record the pids."""
    if STATE_FILE.exists():
        down()
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    s3 = _start("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT)])
    emulator = _start(
        "igdb-emulator",
        [
            str(BIN / "igdb-emulator"),
            "--host", "127.0.0.1",
            "--port", str(EMULATOR_PORT),
            "--seed", str(seed),
            "--scale", str(scale),
        ],
    )  # fmt: skip
    STATE_FILE.write_text(json.dumps({"s3": s3.pid, "igdb-emulator": emulator.pid}))
    s3_url = f"http://127.0.0.1:{S3_PORT}"
    _wait_until("S3 server", s3_url, s3, timeout=60)
    _wait_until(
        "IGDB emulator", f"http://127.0.0.1:{EMULATOR_PORT}/_emulator/counts", emulator, 300
    )
    boto3.client(
        "s3",
        endpoint_url=s3_url,
        aws_access_key_id="local",
        aws_secret_access_key="local",  # noqa: S106 - moto accepts any key pair
        region_name="us-east-1",
    ).create_bucket(Bucket=BUCKET)
    print(f"local stack up: S3 {s3_url} (bucket {BUCKET}), IGDB emulator "
          f"http://127.0.0.1:{EMULATOR_PORT} (scale {scale}, seed {seed})")  # fmt: skip


def down() -> None:
    """Stop whatever `up` started."""
    if not STATE_FILE.exists():
        print("local stack is not running")
        return
    for name, pid in json.loads(STATE_FILE.read_text()).items():
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.killpg(pid, signal.SIGKILL)
        print(f"stopped {name} (pid {pid})")
    STATE_FILE.unlink()


def status() -> None:
    """Print which stack processes are alive."""
    if not STATE_FILE.exists():
        print("local stack is not running")
        return
    for name, pid in json.loads(STATE_FILE.read_text()).items():
        try:
            os.kill(pid, 0)
            print(f"{name}: running (pid {pid})")
        except ProcessLookupError:
            print(f"{name}: not running")


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("up", help="start the S3 server and the IGDB emulator")
    start.add_argument("--scale", type=int, default=2000, help="number of games (default 2000)")
    start.add_argument("--seed", type=int, default=1, help="emulator data seed (default 1)")
    sub.add_parser("down", help="stop the stack")
    sub.add_parser("status", help="show whether the stack runs")
    args = parser.parse_args()
    if args.command == "up":
        up(args.scale, args.seed)
    elif args.command == "down":
        down()
    else:
        status()


if __name__ == "__main__":
    main()
