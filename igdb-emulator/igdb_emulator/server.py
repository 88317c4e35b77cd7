"""The aiohttp application: Twitch token endpoint, IGDB API, and the admin API.

Request path of an API call (``/v4/...``), mirroring IGDB's gateway then backend:
arrival (counted in flight) -> scheduled connection reset -> authentication (401) ->
throttling (429: fault window, concurrency, token bucket) -> scheduled slowness and
failures -> query (400/403/404/413 or 200) -> malformed-answer fault -> latency -> written.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import Counter, OrderedDict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from aiohttp import web

from igdb_emulator import apicalypse, engine
from igdb_emulator.apicalypse import QueryError
from igdb_emulator.dataset import LoadError
from igdb_emulator.faults import FaultError, Faults, malformed_body

if TYPE_CHECKING:
    from pathlib import Path

    from igdb_emulator.dataset import Dataset, Table

log = logging.getLogger("igdb_emulator")

# IGDB's gateway answer to a missing/invalid token: verbatim, 437 bytes (igdb-api.md §1).
AUTH_FAILURE = (
    b"{\n"
    b'  "message": "Authorization Failure. Have you tried:",\n'
    b'  "Tip 1":   "Ensure you are sending Authorization and Client-ID as headers.",\n'
    b'  "Tip 2":   "Ensure Authorization value starts with \'Bearer \', including the space",\n'
    b'  "Tip 3":   "Ensure Authorization value ends with the App Access Token you generated,'
    b' NOT your Client Secret.",\n'
    b'  "Docs":    "https://api-docs.igdb.com/#authentication",\n'
    b'  "Discord": "https://discord.gg/FrvfwQg"\n'
    b"}\n"
)
assert len(AUTH_FAILURE) == 437
TOO_MANY_REQUESTS = b'{"message":"Too Many Requests"}'
PAYLOAD_TOO_LARGE = (
    b'[{"title":"Payload Too Large","status":413,"cause":"Response exceeds 10MB limit."}]'
)
MAX_ACTIVE_TOKENS = 25  # "your application can only have 25 active Access Tokens" (§1)
ARRIVALS_KEPT = 100_000
JSON = "application/json"


@dataclass
class Settings:
    """Command-line settings of a server."""

    host: str = "127.0.0.1"
    port: int = 0
    seed: int = 1
    scale: int = 1000
    requests_per_second: float = 4.0
    max_concurrent: int = 8
    max_subqueries: int = 10
    max_response_bytes: int = 10 * 1024 * 1024
    token_ttl: int = 5_587_808
    error_rate: float = 0.0
    latency_ms: float = 0.0
    client_id: str = "emulator-client-id"
    client_secret: str = "emulator-client-secret"  # noqa: S105 - a test credential
    data: Path | None = None
    cache_mb: int = 64
    access_log: bool = False


class Tokens:
    """Twitch app access tokens of the one accepted client."""

    def __init__(self, client_id: str, client_secret: str, ttl: int) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.ttl = ttl
        self.minted = 0
        self._expiry: OrderedDict[str, float] = OrderedDict()  # token -> monotonic expiry

    def mint(self) -> str:
        """A new token; beyond 25 active ones the oldest stops working, as at Twitch."""
        token = secrets.token_hex(15)  # 30 characters, like Twitch's tokens
        self._expiry[token] = time.monotonic() + self.ttl
        while len(self._expiry) > MAX_ACTIVE_TOKENS:
            self._expiry.popitem(last=False)
        self.minted += 1
        return token

    def valid(self, client_id: str | None, authorization: str | None) -> bool:
        """Whether the headers carry this client's id and one of its unexpired tokens."""
        if client_id != self.client_id or not authorization:
            return False
        if not authorization.startswith("Bearer "):
            return False
        expiry = self._expiry.get(authorization[7:])
        if expiry is None:
            return False
        if time.monotonic() >= expiry:
            del self._expiry[authorization[7:]]
            return False
        return True

    def revoke_all(self) -> None:
        """Invalidate every token minted so far."""
        self._expiry.clear()


class TokenBucket:
    """IGDB's request-rate limit: capacity = rate, refilled continuously, taken on arrival.

    A throttled request consumes nothing. A rate of 0 means unlimited.
    """

    def __init__(self, rate: float) -> None:
        self.set_rate(rate)

    def set_rate(self, rate: float) -> None:
        """Change the rate (and capacity); the bucket starts full."""
        self.rate = rate
        self.capacity = max(rate, 1.0)
        self.tokens = self.capacity
        self.updated = time.monotonic()

    def take(self, now: float) -> bool:
        """Take one token if there is one."""
        if self.rate <= 0:
            return True
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


@dataclass
class Churn:
    """A mutation applied after every ``every`` API requests touching an endpoint."""

    every: int
    create: int
    update: int
    delete: int
    seen: int = 0


@dataclass
class Stats:
    """API request counters (the token endpoint is not an API request)."""

    total: int = 0
    by_path: Counter[str] = field(default_factory=Counter)
    by_status: Counter[int] = field(default_factory=Counter)
    throttled: int = 0
    max_concurrent: int = 0
    arrivals: deque[float] = field(default_factory=lambda: deque(maxlen=ARRIVALS_KEPT))


class _Reset(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Close the connection without answering."""


def _error(status: int, body: bytes, content_type: str = JSON) -> web.Response:
    return web.Response(status=status, body=body, content_type=content_type)


def _admin_error(message: str, status: int = 400) -> web.Response:
    return web.json_response({"error": message}, status=status)


class Emulator:
    """One emulated IGDB: settings, data, tokens, limits, faults and counters."""

    def __init__(self, settings: Settings, dataset: Dataset) -> None:
        self.settings = settings
        self.dataset = dataset
        self.tokens = Tokens(settings.client_id, settings.client_secret, settings.token_ttl)
        self.bucket = TokenBucket(settings.requests_per_second)
        self.max_concurrent = settings.max_concurrent
        self.max_subqueries = settings.max_subqueries
        self.max_response_bytes = settings.max_response_bytes
        self.faults = Faults(
            latency_ms=settings.latency_ms, error_rate=settings.error_rate, seed=settings.seed
        )
        self.churns: dict[str, Churn] = {}
        self.stats = Stats()
        self.in_flight = 0

    def app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_post("/oauth2/token", self.token)
        app.router.add_route("*", "/v4/{tail:.*}", self.api)
        app.router.add_post("/_emulator/mutate", self.admin_mutate)
        app.router.add_post("/_emulator/churn", self.admin_churn)
        app.router.add_post("/_emulator/endpoints", self.admin_add_endpoint)
        app.router.add_post("/_emulator/faults", self.admin_faults)
        app.router.add_post("/_emulator/reset", self.admin_reset)
        app.router.add_get("/_emulator/stats", self.admin_stats)
        app.router.add_get("/_emulator/counts", self.admin_counts)
        app.router.add_get("/_emulator/records/{endpoint}", self.admin_records)
        return app

    # -- Twitch ----------------------------------------------------------------------------

    async def token(self, request: web.Request) -> web.Response:
        """``POST /oauth2/token``: client credentials as query string or form body."""
        params: dict[str, str] = dict(request.query)
        if request.can_read_body:
            form = await request.post()
            params.update({k: str(v) for k, v in form.items()})
        client_id = params.get("client_id")
        if not client_id:
            return web.json_response({"status": 400, "message": "missing client id"}, status=400)
        if client_id != self.tokens.client_id:
            return web.json_response({"status": 400, "message": "invalid client"}, status=400)
        secret = params.get("client_secret")
        if not secret:
            return web.json_response(
                {"status": 400, "message": "missing client secret"}, status=400
            )
        if secret != self.tokens.client_secret:
            return web.json_response(
                {"status": 403, "message": "invalid client secret"}, status=403
            )
        if params.get("grant_type") != "client_credentials":
            return web.json_response(
                {"status": 400, "message": "unsupported grant type"}, status=400
            )
        return web.json_response(
            {
                "access_token": self.tokens.mint(),
                "expires_in": self.tokens.ttl,
                "token_type": "bearer",
            }
        )

    # -- IGDB API --------------------------------------------------------------------------

    async def api(self, request: web.Request) -> web.StreamResponse:
        """Every ``/v4/...`` request: limits, faults and the query, timed until written."""
        arrival = time.monotonic()
        path = request.path
        stats = self.stats
        stats.total += 1
        stats.by_path[path] += 1
        stats.arrivals.append(arrival)
        self.in_flight += 1
        stats.max_concurrent = max(stats.max_concurrent, self.in_flight)
        try:
            try:
                response = await self._answer(request, arrival)
            except _Reset:
                stats.by_status[0] += 1  # no answer at all
                if request.transport is not None:
                    request.transport.abort()
                raise web.HTTPException(text="") from None  # never sent: the socket is gone
            latency = self.faults.latency_ms
            if latency:
                await asyncio.sleep(latency / 1000)
            stats.by_status[response.status] += 1
            try:
                await response.prepare(request)
                await response.write_eof()
            except ConnectionResetError:  # the client gave up waiting (timeouts, slow_next)
                log.debug("client left before the answer to %s", path)
            return response
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request, arrival: float) -> web.Response:
        faults = self.faults
        if faults.take_reset():
            raise _Reset
        if not self.tokens.valid(
            request.headers.get("Client-ID"), request.headers.get("Authorization")
        ):
            return _error(401, AUTH_FAILURE)
        if (
            faults.throttled()
            or (self.max_concurrent > 0 and self.in_flight > self.max_concurrent)
            or not self.bucket.take(arrival)
        ):
            self.stats.throttled += 1
            return _error(429, TOO_MANY_REQUESTS)  # and no Retry-After, like IGDB
        body = await request.read()
        stall = faults.take_slow()
        if stall:
            await asyncio.sleep(stall)
        failure = faults.take_failure()
        if failure is not None:
            return _error(failure.status, failure.body, failure.content_type)
        if faults.take_too_large():
            return _error(413, PAYLOAD_TOO_LARGE)
        response, touched = self._route(request.method, request.match_info["tail"], body)
        kind = faults.take_malformed()
        if kind is not None:
            broken, content_type = malformed_body(
                kind, response.body if isinstance(response.body, bytes) else b""
            )
            return web.Response(status=200, body=broken, content_type=content_type)
        if response.status == 200 and touched:
            self._churn(touched)
        return response

    def _route(self, method: str, tail: str, raw: bytes) -> tuple[web.Response, str | None]:
        """Answer a query; also name the endpoint it touched (for churn)."""
        parts = tail.strip("/").split("/")
        not_found = _error(404, f"Endpoint {method} /{tail} not found".encode(), "text/plain")
        if method != "POST" or not parts[0] or len(parts) > 2:
            return not_found, None
        text = raw.decode("utf-8", errors="replace")
        try:
            if parts == ["multiquery"]:
                return self._multiquery(text, method)
            table = self.dataset.tables.get(parts[0])
            if table is None:
                return not_found, None
            if len(parts) == 1:
                total, body = engine.run(table, apicalypse.parse(text))
                if len(body) > self.max_response_bytes:
                    return _error(413, PAYLOAD_TOO_LARGE), None
                response = web.Response(body=body, content_type=JSON)
                response.headers["X-Count"] = str(total)
                return response, table.name
            if parts[1] == "count":
                total = engine.count(table, apicalypse.parse(text))
                return web.Response(
                    body=orjson.dumps({"count": total}), content_type=JSON
                ), table.name
            if parts[1] == "meta":
                return web.Response(
                    body=orjson.dumps(sorted(table.known_fields)), content_type=JSON
                ), None
        except QueryError as exc:
            return _error(exc.status, exc.body), None
        return not_found, None

    def _multiquery(self, text: str, method: str) -> tuple[web.Response, str | None]:
        blocks = apicalypse.parse_multiquery(text, self.max_subqueries)
        parts: list[bytes] = []
        size = 2
        touched: str | None = None
        for block in blocks:
            table = self.dataset.tables.get(block.endpoint)
            if table is None:
                message = f"Endpoint {method} /{block.endpoint} not found"
                return _error(404, message.encode(), "text/plain"), None
            name = orjson.dumps(block.name)
            if block.count:
                total = engine.count(table, block.query)
                parts.append(b'{"name":' + name + b',"count":' + str(total).encode() + b"}")
            else:
                _, body = engine.run(table, block.query)
                parts.append(b'{"name":' + name + b',"result":' + body + b"}")
            size += len(parts[-1]) + 1
            if size > self.max_response_bytes:
                return _error(413, PAYLOAD_TOO_LARGE), None
            touched = touched or table.name
        return web.Response(body=b"[" + b",".join(parts) + b"]", content_type=JSON), touched

    def _churn(self, endpoint: str) -> None:
        churn = self.churns.get(endpoint)
        if churn is None:
            return
        churn.seen += 1
        if churn.seen % churn.every == 0:
            self.dataset.mutate(
                endpoint,
                create=churn.create,
                update=churn.update,
                delete=churn.delete,
                source="churn",
            )

    # -- admin -----------------------------------------------------------------------------

    async def _json_body(self, request: web.Request) -> dict[str, Any]:
        raw = await request.read()
        if not raw.strip():
            return {}
        body = orjson.loads(raw)
        if not isinstance(body, dict):
            msg = "the body must be a JSON object"
            raise ValueError(msg)
        return body

    def _table(self, body: dict[str, Any]) -> Table:
        name = body.get("endpoint")
        table = self.dataset.tables.get(name) if isinstance(name, str) else None
        if table is None:
            msg = f"unknown endpoint {name!r}"
            raise ValueError(msg)
        return table

    async def admin_mutate(self, request: web.Request) -> web.Response:
        """``POST /_emulator/mutate``: create/update/delete records now."""
        try:
            body = await self._json_body(request)
            table = self._table(body)
            create = _ids_or_count(body.get("create", 0), "create")
            update = _ids_or_count(body.get("update", 0), "update")
            delete = _ids_or_count(body.get("delete", 0), "delete")
            if not isinstance(create, int):
                msg = "create must be a count"
                raise ValueError(msg)
            stamp = body.get("same_second_as")
            if stamp is not None and (not isinstance(stamp, int) or isinstance(stamp, bool)):
                msg = "same_second_as must be unix seconds"
                raise ValueError(msg)
            values = body.get("set")
            if values is not None and (not isinstance(values, dict) or "id" in values):
                msg = "set must be an object of field values (not id)"
                raise ValueError(msg)
        except (ValueError, orjson.JSONDecodeError) as exc:
            return _admin_error(str(exc))
        event = self.dataset.mutate(
            table.name, create=create, update=update, delete=delete, stamp=stamp, values=values
        )
        return web.json_response(
            {"created": event.created, "updated": event.updated, "deleted": event.deleted}
        )

    async def admin_add_endpoint(self, request: web.Request) -> web.Response:
        """``POST /_emulator/endpoints``: serve a new endpoint (IGDB added one)."""
        try:
            body = await self._json_body(request)
            name, records = body.get("endpoint"), body.get("records", [])
            if not isinstance(name, str) or not isinstance(records, list):
                msg = "endpoint must be a name and records a list of objects"
                raise ValueError(msg)
            if not all(isinstance(record, dict) for record in records):
                msg = "records must be JSON objects"
                raise ValueError(msg)
            table = self.dataset.add_endpoint(name, records)
        except (ValueError, LoadError, orjson.JSONDecodeError) as exc:
            return _admin_error(str(exc))
        return web.json_response({"endpoint": table.name, "records": len(table)})

    async def admin_churn(self, request: web.Request) -> web.Response:
        """``POST /_emulator/churn``: mutate after every N requests touching an endpoint."""
        try:
            body = await self._json_body(request)
            table = self._table(body)
            every = body.get("every_requests", 1)
            counts = [body.get(k, 0) for k in ("create", "update", "delete")]
            if not all(isinstance(v, int) and v >= 0 for v in (every, *counts)):
                msg = "every_requests, create, update and delete must be non-negative integers"
                raise ValueError(msg)
        except (ValueError, orjson.JSONDecodeError) as exc:
            return _admin_error(str(exc))
        if every == 0:
            self.churns.pop(table.name, None)
        else:
            self.churns[table.name] = Churn(every, *counts)
        return web.json_response({"churn": {k: vars(v) for k, v in self.churns.items()}})

    async def admin_faults(self, request: web.Request) -> web.Response:
        """``POST /_emulator/faults``: schedule faults, revoke tokens, change limits."""
        try:
            body = await self._json_body(request)
            self.faults.schedule(body)
            limits = body.get("limits")
            if limits is not None:
                self._set_limits(limits)
        except (ValueError, FaultError, orjson.JSONDecodeError) as exc:
            return _admin_error(str(exc))
        if body.get("revoke_tokens"):
            self.tokens.revoke_all()
        return web.json_response({"faults": self.faults.pending(), "limits": self._limits()})

    def _set_limits(self, limits: Any) -> None:
        if not isinstance(limits, dict):
            msg = "limits must be an object"
            raise ValueError(msg)
        for key, value in limits.items():
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                msg = f"limits.{key} must be a non-negative number"
                raise ValueError(msg)
            if key == "requests_per_second":
                self.bucket.set_rate(float(value))
            elif key == "max_concurrent":
                self.max_concurrent = int(value)
            elif key == "max_subqueries":
                self.max_subqueries = int(value)
            elif key == "max_response_bytes":
                self.max_response_bytes = int(value)
            else:
                msg = f"unknown limit {key!r}"
                raise ValueError(msg)

    def _limits(self) -> dict[str, float]:
        return {
            "requests_per_second": self.bucket.rate,
            "max_concurrent": self.max_concurrent,
            "max_subqueries": self.max_subqueries,
            "max_response_bytes": self.max_response_bytes,
        }

    async def admin_reset(self, request: web.Request) -> web.Response:
        """``POST /_emulator/reset[?data=1]``: clear faults, churn, stats (and mutations)."""
        self.faults.clear()
        self.churns.clear()
        self.stats = Stats()
        self.tokens.minted = 0
        self.bucket.set_rate(self.settings.requests_per_second)
        self.max_concurrent = self.settings.max_concurrent
        self.max_subqueries = self.settings.max_subqueries
        self.max_response_bytes = self.settings.max_response_bytes
        if request.query.get("data") in ("1", "true", "yes"):
            self.dataset.reset()
        return web.json_response({"reset": True, "data": request.query.get("data") is not None})

    async def admin_stats(self, _request: web.Request) -> web.Response:
        """``GET /_emulator/stats``."""
        stats = self.stats
        body = {
            "api_requests": stats.total,
            "api_requests_by_path": dict(stats.by_path),
            "responses_by_status": {str(k): v for k, v in sorted(stats.by_status.items())},
            "throttled": stats.throttled,
            "tokens_minted": self.tokens.minted,
            "max_concurrent_observed": stats.max_concurrent,
            "in_flight": self.in_flight,
            "now_monotonic": time.monotonic(),
            "arrivals": list(stats.arrivals),
            "mutations": [event.as_json() for event in self.dataset.log],
            "faults": self.faults.pending(),
            "limits": self._limits(),
            "churn": {k: vars(v) for k, v in self.churns.items()},
        }
        return web.Response(body=orjson.dumps(body), content_type=JSON)

    async def admin_counts(self, _request: web.Request) -> web.Response:
        """``GET /_emulator/counts``: current records per endpoint."""
        return web.Response(body=orjson.dumps(self.dataset.counts()), content_type=JSON)

    async def admin_records(self, request: web.Request) -> web.StreamResponse:
        """``GET /_emulator/records/{endpoint}``: every current record, JSONL, streamed."""
        table = self.dataset.tables.get(request.match_info["endpoint"])
        if table is None:
            return _admin_error(f"unknown endpoint {request.match_info['endpoint']!r}", 404)
        response = web.StreamResponse(headers={"Content-Type": "application/x-ndjson"})
        await response.prepare(request)
        chunk: list[bytes] = []
        for hit in table.scan():
            chunk.append(table.json(hit, cache=False))
            if len(chunk) >= 2000:
                chunk.append(b"")
                await response.write(b"\n".join(chunk))
                chunk.clear()
        if chunk:
            chunk.append(b"")
            await response.write(b"\n".join(chunk))
        await response.write_eof()
        return response


def _ids_or_count(value: Any, name: str) -> int | list[int]:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        return value
    msg = f"{name} must be a count or a list of ids"
    raise ValueError(msg)
