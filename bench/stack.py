"""An S3 server (moto) on a free port for the benchmarks, and the plugins Meltano installed."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The plugins exactly as `meltano install` set them up (make bench installs them first).
PLUGIN_TAP = ROOT / ".meltano" / "extractors" / "tap-igdb" / "venv" / "bin" / "tap-igdb"
PLUGIN_TARGET = ROOT / ".meltano" / "loaders" / "target-s3" / "venv" / "bin" / "target-s3"
ACCESS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class S3:
    """A running moto S3 server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def client(self) -> Any:
        """A boto3 client of this server."""
        return boto3.client("s3", endpoint_url=self.url, region_name="us-east-1", **ACCESS)

    def object_count(self, bucket: str) -> int:
        """Objects in `bucket`."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sum(page.get("KeyCount", 0) for page in pages)


@contextlib.contextmanager
def s3_server(log: Path, bucket: str) -> Iterator[S3]:
    """moto's S3 server in its own process, with `bucket` created."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"http://127.0.0.1:{port}", timeout=1)
                break
            except requests.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        server = S3(port)
        server.client().create_bucket(Bucket=bucket)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)


def target_config(s3: S3, bucket: str, prefix: str) -> dict[str, Any]:
    """target-s3's config as meltano.yml sets it (JSONL, gzip, one object per batch)."""
    return {
        "format": {"format_type": "jsonl"},
        "compression": "gzip",
        "prefix": prefix,
        "append_date_to_prefix": True,
        "append_date_to_prefix_grain": "day",
        "partition_name_enabled": True,
        "append_date_to_filename": True,
        "append_date_to_filename_grain": "microsecond",
        "append_uuid": True,
        "add_record_metadata": True,
        "max_batch_size": 10000,
        "cloud_provider": {
            "cloud_provider_type": "aws",
            "aws": {
                "aws_bucket": bucket,
                "aws_region": "us-east-1",
                "aws_endpoint_override": s3.url,
                **ACCESS,
            },
        },
    }
