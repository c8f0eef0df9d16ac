"""Polling what is due: only due, unpaused sources; each leased to one poller at a time;
a poller that died leaves its sources due again once the lease ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.fetch import Fetcher
from newsdesk.live.schedule import LEASE, by_turns_of_host, poll_due, seconds_until_due
from newsdesk.model.live import Source
from newsdesk.store import Store
from tests.http_server import LocalServer
from tests.live.publisher import serve_feed

MAX_BYTES = 10 * 1024 * 1024


def test_only_due_unpaused_sources_are_polled_and_each_once(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    later = datetime.now(UTC) + timedelta(hours=1)
    urls = [serve_feed(server, f"/feed{n}.xml", etag=f'"v{n}"') for n in range(4)]
    due, also_due, _, _ = (
        store.add_source(Source(url=urls[0]))[0],
        store.add_source(Source(url=urls[1]))[0],
        store.add_source(Source(url=urls[2], paused=True))[0],
        store.add_source(Source(url=urls[3], next_due_at=later))[0],
    )
    polled = []
    reports = poll_due(store, fetcher, MAX_BYTES, threads=4, on_polled=polled.append)
    assert sorted(r.source_id for r in reports) == sorted([due.id, also_due.id])
    assert len(polled) == 2
    feed_requests = [r.path for r in server.requests if r.path.startswith("/feed")]
    assert sorted(feed_requests) == ["/feed0.xml", "/feed1.xml"]
    # Polled sources are due again in about their interval: nothing is due now.
    assert poll_due(store, fetcher, MAX_BYTES) == []
    assert 0 < seconds_until_due(store, cap=7200) <= 1.1 * 900


def test_a_leased_source_is_not_taken_twice_and_falls_due_when_the_lease_ends(
    store: Store,
) -> None:
    store.add_source(Source(url="https://example.org/feed.xml"))
    now = datetime.now(UTC)
    first = store.claim_due_sources(now, 10, LEASE)
    assert len(first) == 1
    assert store.claim_due_sources(now, 10, LEASE) == []  # another poller gets nothing
    # The poller died without saving: after the lease the source is due again.
    assert len(store.claim_due_sources(now + LEASE + timedelta(seconds=1), 10, LEASE)) == 1


def test_sources_are_polled_one_host_at_a_turn() -> None:
    sources = [Source(url=f"https://a.example/{n}.xml") for n in range(3)]
    sources += [Source(url=f"https://b.example/{n}.xml") for n in range(2)]
    sources.append(Source(url="https://c.example/feed", poll_url="https://c.example/rss.xml"))
    hosts = [s.url.split("/")[2] for s in by_turns_of_host(sources)]
    assert hosts == ["a.example", "b.example", "c.example", "a.example", "b.example", "a.example"]
