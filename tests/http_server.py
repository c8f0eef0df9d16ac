"""A real HTTP server for tests: stdlib ThreadingHTTPServer in a background thread.

It binds 127.0.0.2 (Linux routes all of 127.0.0.0/8 to loopback) on a free port, so a test
allows exactly that pair and nothing else:

    from tests.http_server import LocalServer, Reply

    with LocalServer() as server:
        server.add("/feed.xml", b"<rss/>", content_type="application/rss+xml", etag='"v1"')
        server.redirect("/old", "/feed.xml")
        settings = FetchSettings(allow=(server.host_port,), min_delay=0.05)
        ...
        assert server.requests[0].headers["user-agent"].startswith("newsdesk/")

Routes (`add`, `redirect`, `stream`, `robots`, or `add(path, handler=...)` for anything else)
match the path with its query first, then the path alone; an unknown path answers 404. Every
request is logged in `requests` with its headers and the `time.monotonic()` it arrived and
finished, so a test can assert what was sent and when.
"""

from __future__ import annotations

import gzip as gzip_codec
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit


@dataclass
class Logged:
    """One request the server received; header names are lower-cased."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    time: float
    finished: float | None = None


@dataclass
class Reply:
    """What a route answers; a `body` that is an iterable of bytes is sent chunked."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Handler = Callable[[Logged], Reply]


def _not_modified(request: Logged, etag: str | None, last_modified: str | None) -> bool:
    match = request.headers.get("if-none-match")
    if etag is not None and match is not None:
        return match.strip() == "*" or etag in [tag.strip() for tag in match.split(",")]
    since = request.headers.get("if-modified-since")
    if last_modified is None or since is None:
        return False
    try:
        return parsedate_to_datetime(since) >= parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return since == last_modified


def static(
    body: bytes | str = b"",
    *,
    status: int = 200,
    content_type: str = "text/plain; charset=utf-8",
    headers: dict[str, str] | None = None,
    delay: float = 0.0,
    etag: str | None = None,
    last_modified: str | None = None,
    gzip: bool = False,
) -> Handler:
    """A handler for a fixed answer, with 304 on a matching If-None-Match / If-Modified-Since."""
    data = body.encode() if isinstance(body, str) else body

    def handle(request: Logged) -> Reply:
        sent = {"Content-Type": content_type, **(headers or {})}
        if etag is not None:
            sent["ETag"] = etag
        if last_modified is not None:
            sent["Last-Modified"] = last_modified
        if _not_modified(request, etag, last_modified):
            return Reply(304, b"", {k: v for k, v in sent.items() if k != "Content-Type"}, delay)
        payload = data
        if gzip and "gzip" in request.headers.get("accept-encoding", ""):
            payload = gzip_codec.compress(data)
            sent["Content-Encoding"] = "gzip"
        return Reply(status, payload, sent, delay)

    return handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up (a size cap, a timeout, a closed pool) is not a test failure.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class LocalServer:
    """A threaded local HTTP server with registered routes and a request log (a context manager)."""

    def __init__(self, host: str = "127.0.0.2", port: int = 0) -> None:
        self.host = host
        self._routes: dict[str, Handler] = {}
        self._log: list[Logged] = []
        self._lock = threading.Lock()
        self._server = _Server((host, port), _make_handler(self))
        self.port: int = self._server.server_address[1]
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> LocalServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses --------------------------------------------------------------------------

    @property
    def host_port(self) -> str:
        """'127.0.0.2:PORT', the entry for FetchSettings.allow."""
        return f"{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return f"http://{self.host_port}{path}"

    # -- routes -----------------------------------------------------------------------------

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        handler: Handler | None = None,
        **options: object,
    ) -> None:
        """Answer `path` with `body` (see `static` for the options), or with `handler(request)`."""
        with self._lock:
            self._routes[path] = handler or static(body, **options)  # type: ignore[arg-type]

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        """Answer `path` with a redirect to `location`, sent as written (relative or not)."""
        self.add(path, handler=lambda _: Reply(status, b"", {"Location": location}))

    def stream(
        self,
        path: str,
        size: int,
        *,
        chunk: int = 64 * 1024,
        content_type: str = "application/octet-stream",
        declare_length: bool = False,
    ) -> None:
        """Answer `path` with `size` bytes sent in chunks (chunked, or with Content-Length)."""

        def pieces() -> Iterator[bytes]:
            left = size
            while left > 0:
                yield b"x" * min(chunk, left)
                left -= chunk

        def handle(_: Logged) -> Reply:
            headers = {"Content-Type": content_type}
            if declare_length:
                headers["Content-Length"] = str(size)
            return Reply(200, pieces(), headers)

        self.add(path, handler=handle)

    def robots(self, text: str, status: int = 200) -> None:
        """Serve `text` as /robots.txt."""
        self.add("/robots.txt", text, status=status)

    def handler_for(self, path_and_query: str) -> Handler | None:
        with self._lock:
            path = urlsplit(path_and_query).path
            return self._routes.get(path_and_query) or self._routes.get(path)

    # -- the log ----------------------------------------------------------------------------

    @property
    def requests(self) -> list[Logged]:
        """Every request so far, oldest first (a copy)."""
        with self._lock:
            return list(self._log)

    def requests_to(self, path: str) -> list[Logged]:
        return [request for request in self.requests if urlsplit(request.path).path == path]

    def clear(self) -> None:
        with self._lock:
            self._log.clear()

    def record(self, request: Logged) -> None:
        with self._lock:
            self._log.append(request)


def _make_handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class RequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 30

        def do_GET(self) -> None:
            self._serve()

        def do_HEAD(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # the request log is `server.requests`, not stderr

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = Logged(
                method=self.command,
                path=self.path,
                headers={name.lower(): value for name, value in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
                time=time.monotonic(),
            )
            server.record(request)
            handler = server.handler_for(self.path)
            reply = handler(request) if handler else Reply(404, b"not found")
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (a size cap, a timeout)
            request.finished = time.monotonic()

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            bodiless = self.command == "HEAD" or reply.status in (204, 304)
            streamed = not isinstance(reply.body, bytes)
            chunked = streamed and "content-length" not in {n.lower() for n in reply.headers}
            if chunked and not bodiless:
                self.send_header("Transfer-Encoding", "chunked")
            elif isinstance(reply.body, bytes) and not bodiless:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if bodiless:
                return
            pieces = [reply.body] if isinstance(reply.body, bytes) else reply.body
            for piece in pieces:
                self.wfile.write(
                    f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
                )
            if chunked:
                self.wfile.write(b"0\r\n\r\n")

    return RequestHandler
