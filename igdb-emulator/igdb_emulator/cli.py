"""Command line: ``igdb-emulator [options]`` serves; ``igdb-emulator generate`` writes JSONL."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import signal
import sys
import time
from pathlib import Path

from aiohttp import web

from igdb_emulator import __version__
from igdb_emulator.dataset import Dataset, LoadError
from igdb_emulator.server import Emulator, Settings

log = logging.getLogger("igdb_emulator")


def _serve_parser() -> argparse.ArgumentParser:
    d = Settings()
    p = argparse.ArgumentParser(
        prog="igdb-emulator",
        description="Emulate the IGDB v4 API and its Twitch token endpoint over HTTP. "
        "`igdb-emulator generate --help` writes the generated data as JSONL instead.",
    )
    p.add_argument("--version", action="version", version=__version__)
    p.add_argument("--host", default=d.host, help="address to bind (default %(default)s)")
    p.add_argument("--port", type=int, default=d.port, help="port; 0 picks a free one")
    p.add_argument("--seed", type=int, default=d.seed, help="data seed (default %(default)s)")
    p.add_argument(
        "--scale", type=int, default=d.scale, help="number of games (default %(default)s)"
    )
    p.add_argument(
        "--requests-per-second",
        type=float,
        default=d.requests_per_second,
        help="token-bucket rate and capacity; 0 = unlimited (default %(default)s)",
    )
    p.add_argument(
        "--max-concurrent",
        type=int,
        default=d.max_concurrent,
        help="API requests in flight before 429; 0 = unlimited (default %(default)s)",
    )
    p.add_argument(
        "--max-subqueries",
        type=int,
        default=d.max_subqueries,
        help="blocks per /multiquery (default %(default)s)",
    )
    p.add_argument(
        "--max-response-bytes",
        type=int,
        default=d.max_response_bytes,
        help="larger answers get 413 (default %(default)s)",
    )
    p.add_argument(
        "--token-ttl",
        type=int,
        default=d.token_ttl,
        help="token lifetime in seconds (default %(default)s)",
    )
    p.add_argument(
        "--error-rate",
        type=float,
        default=d.error_rate,
        help="share of API requests answered with a random 5xx",
    )
    p.add_argument(
        "--latency-ms",
        type=float,
        default=d.latency_ms,
        help="milliseconds added to every API answer",
    )
    p.add_argument("--client-id", default=d.client_id)
    p.add_argument("--client-secret", default=d.client_secret)
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        help="serve DIR/<endpoint>.jsonl instead of generated data",
    )
    p.add_argument(
        "--cache-mb",
        type=int,
        default=d.cache_mb,
        help="cache of serialized records in MB; 0 disables (default %(default)s)",
    )
    p.add_argument("--access-log", action="store_true", help="log every request to stderr")
    p.add_argument("--log-level", default="INFO")
    return p  # fmt: skip


def _generate_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="igdb-emulator generate",
        description="Write the generated dataset as OUT/<endpoint>.jsonl (what the server serves).",
    )
    p.add_argument("--seed", type=int, default=Settings.seed)
    p.add_argument("--scale", type=int, default=Settings.scale)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--log-level", default="INFO")
    return p


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


async def serve(settings: Settings) -> None:
    """Build the data, listen, print the URL line, and run until SIGTERM/SIGINT."""
    started = time.monotonic()
    if settings.data is not None:
        dataset = Dataset.load(settings.data, settings.seed, settings.cache_mb << 20)
    else:
        dataset = Dataset.generate(settings.seed, settings.scale, settings.cache_mb << 20)
    log.info(
        "data ready in %.1f s: %d records in %d endpoints",
        time.monotonic() - started,
        sum(dataset.counts().values()),
        len(dataset.tables),
    )
    # The data's long-lived objects (value pools, arrays) never become garbage: keep the
    # collector from traversing them again and again while requests allocate records.
    gc.collect()
    gc.freeze()
    emulator = Emulator(settings, dataset)
    runner = web.AppRunner(
        emulator.app(), access_log=log if settings.access_log else None, handle_signals=False
    )
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    await site.start()
    port = runner.addresses[0][1]
    url = f"http://{_url_host(settings.host)}:{port}"
    line = {"url": url, "api_url": f"{url}/v4", "auth_url": f"{url}/oauth2/token"}
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()
    log.info("listening on %s", url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log.info("stopping")
    await runner.cleanup()


def generate(seed: int, scale: int, out: Path) -> dict[str, int]:
    """Write every endpoint's records as ``out/<endpoint>.jsonl``, one record at a time."""
    dataset = Dataset.generate(seed, scale, cache_bytes=0)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for name, table in dataset.tables.items():
        count = 0
        with (out / f"{name}.jsonl").open("wb", buffering=1 << 20) as f:
            for hit in table.scan():
                f.write(table.json(hit, cache=False))
                f.write(b"\n")
                count += 1
        written[name] = count
        log.info("%s: %d records", name, count)
    return written


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``igdb-emulator`` command."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["generate"]:
        opts = _generate_parser().parse_args(args[1:])
        _logging(opts.log_level)
        written = generate(opts.seed, opts.scale, opts.out)
        log.info("wrote %d records to %s", sum(written.values()), opts.out)
        return
    opts = _serve_parser().parse_args(args)
    _logging(opts.log_level)
    settings = Settings(
        host=opts.host,
        port=opts.port,
        seed=opts.seed,
        scale=opts.scale,
        requests_per_second=opts.requests_per_second,
        max_concurrent=opts.max_concurrent,
        max_subqueries=opts.max_subqueries,
        max_response_bytes=opts.max_response_bytes,
        token_ttl=opts.token_ttl,
        error_rate=opts.error_rate,
        latency_ms=opts.latency_ms,
        client_id=opts.client_id,
        client_secret=opts.client_secret,
        data=opts.data,
        cache_mb=opts.cache_mb,
        access_log=opts.access_log,
    )
    try:
        asyncio.run(serve(settings))
    except LoadError as exc:
        sys.stderr.write(f"igdb-emulator: {exc}\n")
        sys.exit(2)


def _logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(), stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s"
    )
