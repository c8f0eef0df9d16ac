"""The fetcher: one GET, politely and safely, with every failure as a one-line FetchError.

Each hop of a redirect chain is its own request: checked by the guard, checked against its
origin's robots.txt, and sent through its host's gate, so a redirect to another host waits for
that host and obeys that host's rules.
"""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib.util import find_spec
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx
from ssrfguard import SSRFGuardError
from ssrfguard.httpx import Client

import newsdesk
from newsdesk.errors import FetchError
from newsdesk.fetch.guard import Guard, describe
from newsdesk.fetch.hosts import HostGate, parse_retry_after
from newsdesk.fetch.reasons import megabytes, network_reason, status_reason
from newsdesk.fetch.robots import RobotsCache, Rules
from newsdesk.settings import FetchSettings

# httpx decodes br only when a brotli package is installed; never ask for what cannot be read.
ACCEPT_ENCODING = (
    "gzip, deflate, br" if find_spec("brotli") or find_spec("brotlicffi") else "gzip, deflate"
)
# The whole exchange (not just each read) ends after this many timeouts: a server dripping one
# byte at a time cannot hold a worker forever.
WHOLE_EXCHANGE_TIMEOUTS = 3
ROBOTS_MAX_BYTES = 500 * 1024
# Statuses whose Retry-After keeps the host waiting.
BUSY = (429, 503)


@cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default (certifi, or SSL_CERT_FILE), built once: it is most of a Fetcher's cost."""
    return httpx.create_ssl_context()


def user_agent(settings: FetchSettings) -> str:
    """'newsdesk/0.1.0 (+https://contact.example)': names newsdesk and whoever runs it."""
    return f"newsdesk/{newsdesk.__version__} (+{settings.contact_url})"


@dataclass
class Response:
    """One fetched URL. `content` is decoded (gzip, deflate, br) and b"" on a 304."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class _Hop:
    response: Response | None = None
    location: str | None = None


class Fetcher:
    """GETs URLs for newsdesk; one Fetcher is shared by many threads.

    Refuses what the guard refuses and what robots.txt disallows (FetchError with refused=True),
    sends one request at a time to a host, and waits `min_delay` (or the host's Crawl-delay, if
    longer) between two requests to it.
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings if settings is not None else FetchSettings()
        self._guard = Guard(self.settings)
        self._gate = HostGate()
        self._robots = RobotsCache(self._fetch_robots)
        self._client = Client(
            policy=self._guard.policy,
            resolver=self._guard.resolve,
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            # No proxy from the environment: a proxy would resolve names where no guard runs.
            trust_env=False,
            verify=_tls_context(),
            headers={"User-Agent": user_agent(self.settings), "Accept-Encoding": ACCEPT_ENCODING},
        )

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """GET `url`, following redirects; conditional when `etag`/`last_modified` are given.

        Returns the final response (status 304 with empty content when not modified); raises
        FetchError for anything else: refusals, HTTP errors (>= 400), network trouble.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        return self._follow(url, headers, robots_file=False)

    def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt of the URL's origin lets newsdesk fetch it (fetched if not cached).

        False too while that robots.txt cannot be read (5xx, no answer).
        """
        return self._robots.rules_for(url).allows(url)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _follow(self, url: str, headers: dict[str, str], *, robots_file: bool) -> Response:
        current = url
        for _ in range(self.settings.max_redirects + 1):
            try:
                hop = self._one_hop(current, headers, robots_file=robots_file)
            except FetchError as failed:
                if current == url:
                    raise
                reason = f"{failed.reason} (after a redirect to {current})"
                raise FetchError(
                    reason,
                    url,
                    refused=failed.refused,
                    retry_after=failed.retry_after,
                    status=failed.status,
                ) from failed
            if hop.response is not None:
                hop.response.url = url
                return hop.response
            current = hop.location or current
        limit = self.settings.max_redirects
        raise FetchError(f"more than {limit} redirects (stopped at {current})", url)

    def _one_hop(self, url: str, headers: dict[str, str], *, robots_file: bool) -> _Hop:
        self._guard.check_url(url)
        delay = self.settings.min_delay
        if not robots_file:
            rules = self._robots.rules_for(url)
            _obey(rules, url)
            delay = max(delay, rules.crawl_delay())
        host = urlsplit(url).netloc.lower()
        with self._gate.slot(host, delay, url):
            return self._exchange(url, headers, host, robots_file)

    def _exchange(self, url: str, headers: dict[str, str], host: str, robots_file: bool) -> _Hop:
        started = time.monotonic()
        try:
            request = self._client.build_request("GET", url, headers=headers)
            response = self._client.send(request, stream=True)
        except SSRFGuardError as refused:
            raise FetchError(describe(refused), url, refused=True) from refused
        except httpx.InvalidURL as bad:
            raise FetchError(f"refused: not a usable URL ({bad})", url, refused=True) from bad
        except httpx.HTTPError as failed:
            reason = network_reason(failed, self.settings.timeout)
            raise FetchError(reason, url) from failed
        try:
            return self._answer(response, url, host, started, robots_file)
        finally:
            response.close()

    def _answer(
        self, response: httpx.Response, url: str, host: str, started: float, robots_file: bool
    ) -> _Hop:
        status = response.status_code
        if response.has_redirect_location:
            following = response.next_request
            location = str(following.url) if following is not None else ""
            return _Hop(location=location or urljoin(url, response.headers["location"]))
        if status >= 400:
            raise self._status_error(response, url, host)
        headers = {name.lower(): value for name, value in response.headers.items()}
        if status == 304:
            content = b""
        elif robots_file:  # Google reads the first 500 KiB of a robots.txt and ignores the rest
            content = self._body(response, url, started, ROBOTS_MAX_BYTES, cut=True)
        else:
            content = self._body(response, url, started, self.settings.max_bytes)
        return _Hop(
            Response(url=url, final_url=url, status=status, headers=headers, content=content)
        )

    def _status_error(self, response: httpx.Response, url: str, host: str) -> FetchError:
        status = response.status_code
        retry_after = None
        if status in BUSY:
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            if retry_after is not None:
                self._gate.block(host, retry_after)
        return FetchError(status_reason(status), url, retry_after=retry_after, status=status)

    def _body(
        self, response: httpx.Response, url: str, started: float, limit: int, cut: bool = False
    ) -> bytes:
        """The decoded body, streamed: FetchError past `limit` bytes (or, with `cut`, the first
        `limit` bytes), or past the whole-exchange deadline."""
        too_big = f"response is over the {megabytes(limit)} limit"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and not cut:
            raise FetchError(too_big, url)
        deadline = started + self.settings.timeout * WHOLE_EXCHANGE_TIMEOUTS
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit and cut:
                    chunks.append(chunk[: len(chunk) - (size - limit)])
                    break
                if size > limit:
                    raise FetchError(too_big, url)
                if time.monotonic() > deadline:
                    spent = self.settings.timeout * WHOLE_EXCHANGE_TIMEOUTS
                    raise FetchError(f"the download took over {spent:g} s", url)
                chunks.append(chunk)
        except httpx.HTTPError as failed:
            raise FetchError(network_reason(failed, self.settings.timeout), url) from failed
        return b"".join(chunks)

    def _fetch_robots(self, robots_url: str) -> Response:
        return self._follow(robots_url, {}, robots_file=True)


def _obey(rules: Rules, url: str) -> None:
    split = urlsplit(url)
    if rules.unreachable:
        raise FetchError(rules.trouble or "no answer", url)
    if rules.trouble is not None:
        reason = f"robots.txt of {split.netloc} could not be read ({rules.trouble}); not fetching"
        raise FetchError(f"{reason} from it for now", url)
    if not rules.allows(url):
        path = (split.path or "/") + (f"?{split.query}" if split.query else "")
        reason = f"robots.txt of {split.netloc} disallows {path}"
        raise FetchError(reason, url, refused=True)
