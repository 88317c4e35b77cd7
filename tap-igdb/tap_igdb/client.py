"""The base stream every IGDB stream builds on, and the connection all streams share."""

from __future__ import annotations

import gc
import logging
import random
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import backoff
import msgspec
import requests
from singer_sdk import RESTStream
from singer_sdk.exceptions import FatalAPIError, RetriableAPIError
from singer_sdk.helpers.conform import TypeConformanceLevel

from tap_igdb.apicalypse import Named, Query, id_window, multiquery
from tap_igdb.auth import TwitchAuthenticator
from tap_igdb.paging import FIRST_AFTER, IdListPlanner, Planner, Window, WindowPlanner
from tap_igdb.ratelimit import RequestLimiter

if TYPE_CHECKING:
    from backoff.types import Details
    from singer_sdk import Tap
    from singer_sdk.helpers.types import Context

# Statuses IGDB (or its gateway) uses for "try again later"; 5xx are retried too.
_RETRIABLE = frozenset({408, 429})
# Records requested ahead of writing, per stream: bounds memory. Eight multiqueries of
# 5,000 records keep IGDB's 4 requests/s busy even when an answer takes 2 s.
_PREFETCH_RECORDS = 40_000


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Run CPython's cyclic garbage collector less often while pages stream through.

    Pages of up to 5,000 records (millions of dicts and lists) are decoded and freed
    continuously; at the default threshold (a pass every 700 new containers) the collector
    walks the pages in flight thousands of times: the tap took 17 CPU-s for 375,000 games
    with it and 12-16 with this (`python bench/run.py extract-games`). Records hold no
    reference cycles, so collecting less often frees nothing later.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


class PayloadTooLargeError(FatalAPIError):
    """IGDB answered 413: the response would exceed its 10 MB cap."""


class _CancelledError(Exception):
    """The stream stopped; a request still queued in a worker must not go out."""


class IGDBConnection:
    """What every stream of one tap shares: token, limiter, HTTP session, counters."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.authenticator = TwitchAuthenticator(
            client_id=config["client_id"],
            client_secret=config["client_secret"],
            auth_endpoint=config["auth_url"],
        )
        self.limiter = RequestLimiter(
            config["requests_per_second"], config["max_concurrent_requests"]
        )
        self.multiquery_size: int = config["multiquery_size"]
        self.session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=self.limiter.max_concurrent)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        # First pages fetched ahead by `prefetch_first_pages`, until their read starts.
        self.first_pages: dict[Read, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.requests_sent = 0
        self.retried: dict[int, int] = {}

    def count_request(self) -> None:
        """Count one request sent to IGDB."""
        with self._lock:
            self.requests_sent += 1

    def count_retry(self, status: int) -> None:
        """Count one failed attempt that will be retried, by HTTP status (0: network)."""
        with self._lock:
            self.retried[status] = self.retried.get(status, 0) + 1


@dataclass(frozen=True)
class Read:
    """What to read from IGDB: an endpoint, fields, `where` conditions, maybe only some ids."""

    endpoint: str
    fields: str = "*"
    filters: tuple[str, ...] = ()
    ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Page:
    """The records of one window read, and up to which id the window is now complete."""

    window: Window
    records: list[dict[str, Any]]
    complete_until: int


def _complete_until(window: Window, count: int, page_size: int, last_id: int | None) -> int:
    """The highest id up to which `window` is read completely once this page is in.

    A full page leaves the rest of the window (after `last_id`) to a continuation, and an
    open-ended window says nothing about ids above the last one it returned.
    """
    if last_id is None:
        return window.after if window.until is None else window.until
    if count >= page_size or window.until is None:
        return last_id
    return window.until


@dataclass
class _Batch:
    """Windows (and maybe the max-id query) sent together in one request."""

    windows: list[Window]
    page_size: int
    asks_max_id: bool = False


@dataclass
class _Answer:
    pages: list[tuple[Window, list[dict[str, Any]]]] = field(default_factory=list)
    max_id: int | None = None


class IGDBStream(RESTStream[int]):
    """What every IGDB stream shares: connection, requests, retries and windowed paging."""

    payload_as_json = False
    is_sorted = False  # pages follow ids, not `updated_at`
    # IGDB's JSON already holds Singer types; skipping conformance also keeps fields
    # that are not (yet) in the schema instead of dropping them.
    TYPE_CONFORMANCE_LEVEL = TypeConformanceLevel.NONE

    def __init__(self, tap: Tap, *, name: str, schema: dict[str, Any]) -> None:
        super().__init__(tap, name=name, schema=schema, path=f"/{name}", http_method="POST")
        self._cancelled = threading.Event()

    # -- connection -------------------------------------------------------------

    @property
    def connection(self) -> IGDBConnection:
        """The tap's shared connection."""
        return self._tap.connection  # type: ignore[attr-defined, no-any-return]

    @property
    def url_base(self) -> str:
        """Base URL of the API, from the `api_url` setting."""
        return str(self.config["api_url"]).rstrip("/")

    @property
    def authenticator(self) -> TwitchAuthenticator:
        """The tap's one token holder."""
        return self.connection.authenticator

    @property
    def requests_session(self) -> requests.Session:
        """One session (and connection pool) for every stream."""
        return self.connection.session

    @property
    def http_headers(self) -> dict[str, str]:
        """Headers IGDB requires besides the bearer token."""
        return {
            "Client-ID": str(self.config["client_id"]),
            "Accept": "application/json",
            "Content-Type": "text/plain",
        }

    @property
    def timeout(self) -> int:
        """Seconds to wait for an answer, from `request_timeout`."""
        return self.config["request_timeout"]  # type: ignore[no-any-return]

    # -- retries ---------------------------------------------------------------

    def backoff_wait_generator(self) -> Generator[float, None, None]:
        """Exponential waits: 1, 2, 4 … seconds, capped at a minute (IGDB sends no Retry-After)."""
        return backoff.expo(base=2, factor=1, max_value=60)

    def backoff_max_tries(self) -> int:
        """Attempts per request, from `backoff_max_tries`."""
        return self.config["backoff_max_tries"]  # type: ignore[no-any-return]

    def backoff_jitter(self, value: float) -> float:
        """Equal jitter: at least half the wait, so a throttled burst still spreads out."""
        return value / 2 + random.uniform(0, value / 2)  # noqa: S311

    def backoff_handler(self, details: Details) -> None:
        """Log each retry as a warning with its cause."""
        exc = details.get("exception")
        response = getattr(exc, "response", None)
        status = response.status_code if response is not None else 0
        self.connection.count_retry(status)
        self.log(
            "%s: attempt %d of %d failed (%s); retrying in %.1f s",
            self.name,
            details["tries"],
            self.backoff_max_tries(),
            exc,
            details.get("wait", 0.0),
            level=logging.WARNING,
        )

    # -- one request -----------------------------------------------------------

    def _request(
        self, prepared_request: requests.PreparedRequest, context: Context | None
    ) -> requests.Response:
        """Send once within the limits; on 401 mint a new token and send once more."""
        for attempt in (1, 2):
            if self._cancelled.is_set():
                raise _CancelledError
            request = self.authenticator(prepared_request)
            with self.connection.limiter.slot():
                self.connection.count_request()
                response = self.requests_session.send(request, timeout=self.timeout)
            if response.status_code != 401 or attempt == 2:  # noqa: PLR2004
                break
            self.log("IGDB answered 401: minting a new token and retrying once")
            self.authenticator.invalidate(request)
        self._write_request_duration_log(
            endpoint=self.path, response=response, context=context, extra_tags=None
        )
        self.validate_response(response)
        return response

    def validate_response(self, response: requests.Response) -> None:
        """Classify IGDB errors: retry transient ones, fail clearly on the rest."""
        status = response.status_code
        if status < 400:  # noqa: PLR2004
            return
        problem = _igdb_problem(response)
        where = f"IGDB {self.name!r} answered HTTP {status} ({problem})"
        if status in _RETRIABLE or status >= 500:  # noqa: PLR2004
            raise RetriableAPIError(where, response)
        if status == 413:  # noqa: PLR2004
            raise PayloadTooLargeError(where)
        if status == 401:  # noqa: PLR2004
            msg = (
                f"{where} twice, with a freshly minted token: check that client_id "
                "and client_secret belong to the same Twitch application"
            )
            raise FatalAPIError(msg)
        body = response.request.body
        query = body.decode() if isinstance(body, bytes) else body
        raise FatalAPIError(f"{where} to the query: {query}")

    def _post(self, path: str, body: str) -> list[Any]:
        """POST an Apicalypse body, with retries; the decoded JSON array."""
        # request_decorator adds the SDK's backoff to any callable, not only `_request`.
        send = cast("Callable[[str, str], list[Any]]", self.request_decorator(self._post_once))  # type: ignore[arg-type]
        return send(path, body)

    def _post_once(self, path: str, body: str) -> list[Any]:
        prepared = self.build_prepared_request(
            method="POST", url=self.url_base + path, headers=self.http_headers, data=body
        )
        response = self._request(prepared, None)
        try:
            payload = msgspec.json.decode(response.content)
        except msgspec.DecodeError as exc:
            # A truncated body or a proxy's HTML page: transient, so retried.
            msg = (
                f"IGDB {self.name!r} answered HTTP {response.status_code} with a body that "
                f"is not JSON ({_snippet(response)})"
            )
            raise RetriableAPIError(msg, response) from exc
        if not isinstance(payload, list):
            msg = (
                f"IGDB {self.name!r} answered with JSON that is not an array ({_snippet(response)})"
            )
            raise RetriableAPIError(msg, response)
        return payload

    # -- paging ----------------------------------------------------------------

    def read_windows(self, read: Read) -> Iterator[Page]:
        """Read every window of `read`, several requests in flight, in window order."""
        page_size = self.config["page_size"]
        planner: Planner = (
            WindowPlanner(page_size)
            if read.ids is None
            else IdListPlanner(list(read.ids), page_size)
        )
        depth = max(
            2,
            min(
                self.connection.limiter.max_concurrent,
                _PREFETCH_RECORDS // (planner.page_size * self.connection.multiquery_size),
            ),
        )
        self._cancelled.clear()
        prefetched = self.connection.first_pages.pop(read, None)
        if prefetched is not None and isinstance(planner, WindowPlanner):
            (window,) = planner.take(1)
            last_id = prefetched[-1]["id"] if prefetched else None
            planner.done(window, len(prefetched), last_id)
            yield Page(
                window, prefetched, _complete_until(window, len(prefetched), page_size, last_id)
            )
        pool = ThreadPoolExecutor(max_workers=depth, thread_name_prefix=f"igdb-{read.endpoint}")
        pending: deque[tuple[_Batch, Future[_Answer]]] = deque()
        asked_max_id = False
        try:
            with self.get_http_request_counter() as request_counter, _fewer_gc_passes():
                while True:
                    while len(pending) < depth:
                        batch = self._next_batch(planner, asked_max_id=asked_max_id)
                        if batch is None:
                            break
                        asked_max_id |= batch.asks_max_id
                        pending.append((batch, pool.submit(self._send_batch, batch, read)))
                    if not pending:
                        break
                    batch, future = pending.popleft()
                    try:
                        answer = future.result()
                    except PayloadTooLargeError:
                        if batch.page_size == planner.page_size:
                            planner.shrink()
                            self.log(
                                "%s: response too large; page size now %d",
                                read.endpoint,
                                planner.page_size,
                            )
                        for window in batch.windows:
                            planner.retry(window)
                        asked_max_id &= not batch.asks_max_id
                        continue
                    request_counter.increment()
                    if batch.asks_max_id:
                        planner.set_max_id(answer.max_id)
                    for window, records in answer.pages:
                        last_id = records[-1]["id"] if records else None
                        planner.done(window, len(records), last_id)
                        until = _complete_until(window, len(records), batch.page_size, last_id)
                        yield Page(window, records, until)
            if not planner.finished:  # pragma: no cover - a planner bug must not lose data
                msg = f"{read.endpoint}: paging stopped before every id window was read"
                raise RuntimeError(msg)
        finally:
            self._cancelled.set()
            pool.shutdown(wait=False, cancel_futures=True)

    def _next_batch(self, planner: Planner, *, asked_max_id: bool) -> _Batch | None:
        """The next request's windows; the max-id query rides along when it is due."""
        size = self.connection.multiquery_size
        page_size = planner.page_size
        if size == 1:
            if planner.needs_max_id and not asked_max_id:
                return _Batch([], page_size, asks_max_id=True)
            windows = planner.take(1)
            return _Batch(windows, page_size) if windows else None
        asks = planner.max_id is None and not asked_max_id
        windows = planner.take(size - 1 if asks else size)
        if not windows and not (asks and planner.needs_max_id):
            return None
        return _Batch(windows, page_size, asks_max_id=asks)

    def _send_batch(self, batch: _Batch, read: Read) -> _Answer:
        """Fetch a batch: one `/multiquery`, or plain queries (one request each)."""
        queries = [
            Named(
                f"w{i}",
                read.endpoint,
                Query(
                    fields=read.fields,
                    where=read.filters + id_window(w.after, w.until, w.ids),
                    limit=batch.page_size,
                ),
            )
            for i, w in enumerate(batch.windows)
        ]
        if batch.asks_max_id:
            max_query = Query(fields="id", where=read.filters, sort="id desc", limit=1)
            queries.append(Named("max", read.endpoint, max_query))
        results = self._run_queries(queries)
        answer = _Answer(pages=[(w, results[f"w{i}"]) for i, w in enumerate(batch.windows)])
        if batch.asks_max_id and results["max"]:
            answer.max_id = results["max"][0]["id"]
        for _, records in answer.pages:
            _check_records(read.endpoint, records)
        return answer

    def _run_queries(self, queries: list[Named]) -> dict[str, list[Any]]:
        """Run queries as one `/multiquery` (falling back to plain ones); results by name."""
        if len(queries) > 1 and self.connection.multiquery_size > 1:
            try:
                blocks = self._post("/multiquery", multiquery(queries))
            except PayloadTooLargeError:
                raise
            except FatalAPIError as exc:
                self.log(
                    "IGDB refused /multiquery (%s); sending plain queries from now on",
                    exc,
                    level=logging.WARNING,
                )
                self.connection.multiquery_size = 1
            else:
                return _multiquery_results(blocks, [q.name for q in queries])
        return {q.name: self._post(f"/{q.endpoint}", q.query.body()) for q in queries}

    def prefetch_first_pages(self, reads: list[Read]) -> None:
        """Fetch the first page of many reads together, ten per `/multiquery`.

        Most IGDB endpoints fit in one page, and on an incremental run most reads find
        nothing new: one request per endpoint would cost 71 requests (18 s at 4/s).
        `read_windows` then starts from the prefetched page.
        """
        size = self.connection.multiquery_size
        page_size = self.config["page_size"]
        if size < 2 or len(reads) < 2:  # noqa: PLR2004
            return
        first = Window(FIRST_AFTER, None)
        batches = [reads[i : i + size] for i in range(0, len(reads), size)]

        def fetch(batch: list[Read]) -> dict[Read, list[Any]]:
            queries = [
                Named(
                    f"p{i}",
                    read.endpoint,
                    Query(
                        fields=read.fields,
                        where=read.filters + id_window(first.after, None),
                        limit=page_size,
                    ),
                )
                for i, read in enumerate(batch)
            ]
            try:
                results = self._run_queries(queries)
            except PayloadTooLargeError:
                # Ten first pages together can pass IGDB's 10 MB cap where one would not:
                # leave these reads to `read_windows`, which shrinks its pages on a 413.
                self.log(
                    "First pages of %s too large together; read one by one",
                    ", ".join(read.endpoint for read in batch),
                    level=logging.WARNING,
                )
                return {}
            pages = {read: results[f"p{i}"] for i, read in enumerate(batch)}
            for read, records in pages.items():
                _check_records(read.endpoint, records)
            return pages

        workers = self.connection.limiter.max_concurrent
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="igdb-first") as pool:
            for pages in pool.map(fetch, batches):
                self.connection.first_pages.update(pages)
        self.log("Fetched the first page of %d endpoints in %d requests", len(reads), len(batches))


def _check_records(stream: str, records: list[Any]) -> None:
    for record in records:
        if not isinstance(record, dict) or not isinstance(record.get("id"), int):
            msg = f"IGDB {stream!r} sent a record without an integer id: {str(record)[:200]}"
            raise FatalAPIError(msg)


def _multiquery_results(blocks: list[Any], names: list[str]) -> dict[str, list[Any]]:
    results: dict[str, list[Any]] = {}
    for block in blocks:
        if isinstance(block, dict) and isinstance(block.get("result"), list):
            results[str(block.get("name"))] = block["result"]
    if missing := [name for name in names if name not in results]:
        msg = f"IGDB answered a multiquery without results for {missing}"
        raise FatalAPIError(msg)
    return results


def _igdb_problem(response: requests.Response) -> str:
    """IGDB's own words for an error: `title: cause`, `message`, or the text."""
    try:
        body = response.json()
    except ValueError:
        return _snippet(response)
    if isinstance(body, list) and body and isinstance(body[0], dict):
        first = body[0]
        title = first.get("title", "error")
        detail = first.get("cause") or first.get("details")
        return f"{title}: {detail}" if detail else str(title)
    if isinstance(body, dict) and "message" in body:
        return str(body["message"])
    return _snippet(response)


def _snippet(response: requests.Response) -> str:
    kind = response.headers.get("Content-Type", "no content type")
    text = " ".join(response.text.split())[:200]
    return f"{kind}, {len(response.content)} bytes: {text!r}"
