"""robots.txt: fetched once per origin, kept an hour, read by protego.

What an unreadable robots.txt means follows Google's convention: a 4xx answer (404, 410, but
also 401 and 403) means there are no rules, so everything is allowed; a 5xx or 429 answer, or no
answer at all, means the site is in trouble, so nothing is fetched from it until robots.txt can
be read (after a 5xx it is asked again in a few minutes rather than an hour; after no answer, at
the next request). A robots.txt is read up to its first 500 KiB, as Google does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from protego import Protego

from newsdesk.errors import FetchError

# The product token a robots.txt group names to address newsdesk ("User-agent: newsdesk").
ROBOTS_AGENT = "newsdesk"
KEEP_SECONDS = 3600.0
RETRY_SECONDS = 300.0
# A Crawl-delay above this is read as this: a politeness pause, not a way to park a worker.
MAX_CRAWL_DELAY = 60.0


class _Fetched(Protocol):
    status: int
    content: bytes


@dataclass(frozen=True)
class Rules:
    """What one origin's robots.txt says.

    `trouble` says why it could not be read (a 5xx, or no answer: then `unreachable`, and the
    reason is the network's, such as "connection refused").
    """

    parser: Protego | None = None
    trouble: str | None = None
    unreachable: bool = False

    def allows(self, url: str) -> bool:
        if self.trouble is not None:
            return False
        return self.parser is None or self.parser.can_fetch(url, ROBOTS_AGENT)

    def crawl_delay(self) -> float:
        delay = self.parser.crawl_delay(ROBOTS_AGENT) if self.parser is not None else None
        return min(delay or 0.0, MAX_CRAWL_DELAY)


def origin_of(url: str) -> str:
    """scheme://host:port of a URL, lower-cased, with the default port spelled out."""
    split = urlsplit(url)
    scheme = split.scheme.lower()
    port = split.port or (443 if scheme == "https" else 80)
    host = (split.hostname or "").rstrip(".")
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}:{port}"


def rules_from(fetch: Callable[[str], _Fetched], robots_url: str) -> Rules:
    """Fetch one robots.txt with `fetch` and read it; FetchError never escapes."""
    try:
        response = fetch(robots_url)
    except FetchError as failed:
        if failed.status is not None and failed.status < 500 and failed.status != 429:
            return Rules()
        if failed.refused:
            # A robots.txt we may not read (redirected into a private network, say) is no rules.
            return Rules()
        return Rules(trouble=failed.reason, unreachable=failed.status is None)
    if response.status >= 300:
        return Rules()
    text = response.content.decode("utf-8", errors="replace")
    return Rules(parser=Protego.parse(text))


class RobotsCache:
    """Rules per origin, fetched on first need; concurrent askers for one origin wait for one fetch.

    `fetch(robots_url)` must return something with `status` and `content` or raise FetchError.
    """

    def __init__(
        self, fetch: Callable[[str], _Fetched], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._fetch = fetch
        self._clock = clock
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, tuple[float, Rules]] = {}

    def rules_for(self, url: str) -> Rules:
        """The rules that apply to `url`, from the cache or fetched now."""
        origin = origin_of(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            with self._guard:
                cached = self._rules.get(origin)
            if cached is not None and cached[0] > self._clock():
                return cached[1]
            rules = rules_from(self._fetch, f"{origin}/robots.txt")
            if rules.unreachable:
                return rules  # asked again next time: the host may be back by then
            keep = RETRY_SECONDS if rules.trouble is not None else KEEP_SECONDS
            with self._guard:
                self._rules[origin] = (self._clock() + keep, rules)
            return rules
