"""Politeness per host: one request at a time, a pause between two, and a server's Retry-After.

A host is a `host:port` (the URL's netloc, lower-cased): two servers on one machine behind
different ports are two hosts. Different hosts never wait for each other.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from newsdesk.errors import FetchError

# A Retry-After further away than this is not waited for inside one request: the request fails
# at once with `retry_after` set, and whoever schedules fetches tries again later.
MAX_WAIT = 60.0


class HostGate:
    """Lets one request per host through at a time, `delay` seconds after the previous one ended.

    Thread-safe; `clock` and `sleep` are injectable so a test can run without waiting.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last_end: dict[str, float] = {}
        self._blocked_until: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, delay: float, url: str) -> Iterator[None]:
        """Hold `host` for one request: wait for the previous one, then for the pause after it.

        Raises FetchError (with `retry_after`) when the host asked us to stay away for longer
        than MAX_WAIT; `url` is only for that message.
        """
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            self._wait(host, delay, url)
            try:
                yield
            finally:
                with self._guard:
                    self._last_end[host] = self._clock()

    def block(self, host: str, seconds: float) -> None:
        """Keep every request to `host` away for `seconds` (a server's Retry-After)."""
        until = self._clock() + max(0.0, seconds)
        with self._guard:
            self._blocked_until[host] = max(until, self._blocked_until.get(host, 0.0))

    def _wait(self, host: str, delay: float, url: str) -> None:
        now = self._clock()
        with self._guard:
            blocked = self._blocked_until.get(host, 0.0) - now
            last = self._last_end.get(host)
        if blocked > MAX_WAIT:
            raise FetchError(
                f"{host} asked us to wait {blocked:.0f} s more before the next request",
                url,
                retry_after=blocked,
            )
        pause = (last + delay - now) if last is not None else 0.0
        wait = max(blocked, pause)
        if wait > 0:
            self._sleep(wait)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP-date); None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(failures: int, base: float = 60.0, cap: float = 6 * 3600.0) -> float:
    """Seconds until a source that failed `failures` times in a row is tried again.

    Exponential with full jitter: uniform in [0, min(cap, base * 2 ** (failures - 1))], so many
    sources that failed together do not all come back at the same moment. 0 failures -> 0.
    """
    if failures <= 0:
        return 0.0
    ceiling = min(cap, base * 2.0 ** min(failures - 1, 64))
    return random.uniform(0.0, ceiling)
