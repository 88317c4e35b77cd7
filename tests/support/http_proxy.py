"""An HTTP/1.1 forwarding proxy in front of one local server: faults on demand, answers recorded.

The S3 server (moto) keeps its whole state in memory, so it must not be stopped to make S3
unavailable: the loader talks to it through this proxy instead, which can be switched to
refuse connections or to answer 503 from the Nth request on, mid-run. The same proxy in
front of the emulator's token endpoint records the access tokens it hands out, so that tests
can look for them in logs.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import urlsplit

FaultMode = Literal["refuse", "503"]
# Headers that describe one connection, not the message: never forwarded.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "expect",
    }
)
S3_UNAVAILABLE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ServiceUnavailable</Code>'
    b"<Message>Please reduce your request rate.</Message></Error>"
)


@dataclass(frozen=True)
class Exchange:
    """One forwarded request and its answer."""

    method: str
    path: str
    status: int
    body: bytes


@dataclass
class _Fault:
    mode: FaultMode
    method: str | None  # only requests with this method count towards `after` and fail
    after: int  # matching requests still let through before failing


class HttpProxy:
    """Forwards every request to `upstream`; `fail()` breaks it, `heal()` mends it."""

    def __init__(self, upstream: str, *, record: Callable[[Exchange], bool] | None = None) -> None:
        parts = urlsplit(upstream)
        assert parts.hostname is not None, upstream
        assert parts.port is not None, upstream
        self.upstream = (parts.hostname, parts.port)
        self.requests: Counter[str] = Counter()  # by method, forwarded or not
        self.failed: Counter[str] = Counter()  # by method, answered with a fault
        self.recorded: list[Exchange] = []
        self._record = record
        self._fault: _Fault | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        """The port the proxy listens on."""
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self.port}"

    def fail(self, mode: FaultMode, *, after: int = 0, method: str | None = None) -> None:
        """From the `after`+1-th request (of `method`, or any) on: refuse or answer 503."""
        with self._lock:
            self._fault = _Fault(mode, method, after)

    def heal(self) -> None:
        """Forward everything again."""
        with self._lock:
            self._fault = None

    def _verdict(self, method: str) -> FaultMode | None:
        """Count a request; the fault it gets, if any."""
        with self._lock:
            self.requests[method] += 1
            fault = self._fault
            if fault is None or (fault.method is not None and fault.method != method):
                return None
            if fault.after > 0:
                fault.after -= 1
                return None
            self.failed[method] += 1
            return fault.mode

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            upstream_connection: http.client.HTTPConnection | None = None

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: one line per request would drown the test output."""

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    chunks = []
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        chunk = self.rfile.read(size)
                        self.rfile.readline()
                        if size == 0:
                            break
                        chunks.append(chunk)
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _forward(self) -> None:
                body = self._body()
                verdict = proxy._verdict(self.command)
                if verdict == "refuse":
                    # Reset the connection: the client sees it die without an answer.
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    return
                if verdict == "503":
                    self._answer(503, [("Content-Type", "application/xml")], S3_UNAVAILABLE)
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                headers["Content-Length"] = str(len(body))
                try:
                    response = self._send_upstream(body, headers)
                except (OSError, http.client.HTTPException):
                    self.close_connection = True
                    return
                data = response.read()
                exchange = Exchange(self.command, self.path, response.status, data)
                if proxy._record is not None and proxy._record(exchange):
                    with proxy._lock:
                        proxy.recorded.append(exchange)
                passed = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
                self._answer(response.status, passed, data, has_body=self.command != "HEAD")

            def _send_upstream(
                self, body: bytes, headers: dict[str, str]
            ) -> http.client.HTTPResponse:
                for attempt in (1, 2):  # a kept-alive upstream connection may have closed
                    if self.upstream_connection is None:
                        self.upstream_connection = http.client.HTTPConnection(
                            *proxy.upstream, timeout=120
                        )
                    try:
                        self.upstream_connection.request(
                            self.command, self.path, body=body, headers=headers
                        )
                        return self.upstream_connection.getresponse()
                    except (OSError, http.client.HTTPException):
                        self.upstream_connection.close()
                        self.upstream_connection = None
                        if attempt == 2:
                            raise
                raise AssertionError("unreachable")

            def _answer(
                self,
                status: int,
                headers: list[tuple[str, str]],
                data: bytes,
                *,
                has_body: bool = True,
            ) -> None:
                self.send_response_only(status)
                for key, value in headers:
                    if key.lower() != "content-length":
                        self.send_header(key, value)
                length = dict((k.lower(), v) for k, v in headers).get("content-length")
                self.send_header(
                    "Content-Length", length if not has_body and length else str(len(data))
                )
                self.end_headers()
                if has_body:
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward

        return Handler

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@contextlib.contextmanager
def run_proxy(
    upstream: str, *, record: Callable[[Exchange], bool] | None = None
) -> Iterator[HttpProxy]:
    """An `HttpProxy` to `upstream`, serving for the duration of the block."""
    proxy = HttpProxy(upstream, record=record)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
