"""One request at a time per host, hosts in parallel, Retry-After, and backoff between tries."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from statistics import mean

import pytest

from newsdesk.errors import FetchError
from newsdesk.fetch import Fetcher, backoff_delay
from newsdesk.fetch.hosts import MAX_WAIT, HostGate, parse_retry_after
from newsdesk.settings import FetchSettings
from tests.http_server import LocalServer, Reply


def fetch_all(fetcher: Fetcher, urls: list[str]) -> list[object]:
    """GET every URL from its own thread at once; the responses or errors, in order."""
    results: list[object] = [None] * len(urls)

    def run(index: int, url: str) -> None:
        try:
            results[index] = fetcher.get(url)
        except FetchError as failed:
            results[index] = failed

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(urls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return results


def test_one_host_is_served_one_request_at_a_time(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/slow", b"ok", delay=0.2)
    assert fetcher.allowed_by_robots(server.url("/"))  # robots.txt out of the way

    fetch_all(fetcher, [server.url("/slow?1"), server.url("/slow?2")])

    first, second = server.requests_to("/slow")
    assert second.time - first.time >= 0.2 + fetcher.settings.min_delay


def test_different_hosts_are_fetched_in_parallel(
    server: LocalServer, settings: FetchSettings
) -> None:
    with LocalServer() as other:
        for each in (server, other):
            each.add("/slow", b"ok", delay=0.3)
        with Fetcher(replace(settings, allow=(server.host_port, other.host_port))) as fetcher:
            fetcher.allowed_by_robots(server.url("/"))
            fetcher.allowed_by_robots(other.url("/"))
            started = time.monotonic()
            fetch_all(fetcher, [server.url("/slow"), other.url("/slow")])
            elapsed = time.monotonic() - started
        (mine,), (theirs,) = server.requests_to("/slow"), other.requests_to("/slow")
    assert abs(mine.time - theirs.time) < 0.2
    assert elapsed < 0.55


def test_many_threads_on_two_hosts_never_overlap_on_one(
    server: LocalServer, settings: FetchSettings
) -> None:
    with LocalServer() as other:
        for each in (server, other):
            each.add("/page", b"ok", delay=0.05)
        both = replace(settings, allow=(server.host_port, other.host_port), min_delay=0.01)
        with Fetcher(both) as fetcher:
            urls = [each.url(f"/page?{n}") for n in range(4) for each in (server, other)]
            results = fetch_all(fetcher, urls)
        for each in (server, other):
            served = [request.time for request in each.requests_to("/page")]
            assert len(each.requests) == 5  # robots.txt once, four pages
            # Each page takes the server 0.05 s: a request arriving sooner after the one
            # before would have overlapped it.
            assert all(b - a >= 0.05 for a, b in zip(served, served[1:], strict=False))
    assert all(getattr(result, "status", None) == 200 for result in results)


def test_retry_after_is_reported_and_holds_the_host_back(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.add("/limited", handler=lambda _: Reply(429, b"slow down", {"Retry-After": "1"}))
    server.add("/news", b"ok")

    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/limited"))
    fetcher.get(server.url("/news"))

    assert caught.value.status == 429
    assert caught.value.retry_after == 1.0
    assert caught.value.reason == "HTTP 429 Too Many Requests"
    (limited,), (news,) = server.requests_to("/limited"), server.requests_to("/news")
    assert news.time - limited.time >= 0.95


def test_a_503_without_retry_after_has_none(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/down", b"", status=503)

    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/down"))

    assert caught.value.reason == "HTTP 503 Service Unavailable"
    assert caught.value.retry_after is None


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_the_gate_pauses_after_each_request_and_fails_a_long_block_at_once() -> None:
    fake = FakeTime()
    gate = HostGate(clock=fake.clock, sleep=fake.sleep)

    for _ in range(2):
        with gate.slot("a.example:443", 2.0, "https://a.example/"):
            fake.now += 0.5  # the request itself
    with gate.slot("b.example:443", 2.0, "https://b.example/"):
        pass
    gate.block("a.example:443", 30.0)
    with gate.slot("a.example:443", 2.0, "https://a.example/"):
        pass
    gate.block("a.example:443", MAX_WAIT + 60)
    with pytest.raises(FetchError) as caught, gate.slot("a.example:443", 2.0, "https://a.example/"):
        pass

    assert fake.slept == [2.0, 30.0]
    assert caught.value.retry_after == MAX_WAIT + 60
    assert (
        caught.value.reason == "a.example:443 asked us to wait 120 s more before the next request"
    )


def test_retry_after_is_read_as_seconds_or_a_date() -> None:
    now = datetime(2026, 10, 21, 7, 28, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2026 07:30:00 GMT", now) == 120.0
    assert parse_retry_after("Wed, 21 Oct 2026 07:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_backoff_grows_with_failures_and_stays_under_the_cap() -> None:
    base, cap = 60.0, 6 * 3600.0
    draws = {n: [backoff_delay(n, base, cap) for _ in range(400)] for n in range(1, 16)}

    assert backoff_delay(0) == 0.0
    for n, values in draws.items():
        assert all(0.0 <= value <= min(cap, base * 2 ** (n - 1)) for value in values)
    means = [mean(draws[n]) for n in range(1, 9)]
    assert means == sorted(means)
    assert max(max(values) for values in draws.values()) <= cap
    assert mean(draws[15]) > cap / 3  # capped, not shrinking: full jitter over [0, cap]
    assert backoff_delay(10_000) <= cap
