"""Workers on several machines share the work through the PostgreSQL queue (procrastinate):
real `newsdesk worker` processes, a real local publisher, a real database.

500 sources, two workers: every feed is read exactly once, every article stored once. Then the
same with one worker killed by SIGKILL in the middle of its work: the other takes over the
job it held (once its heartbeat is stale) and nothing is lost or doubled.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsdesk.model.live import Source
from newsdesk.store import Store, open_store
from newsdesk.store.schema import raw_documents
from tests.http_server import LocalServer
from tests.search_support import fresh_database_url

SOURCES = 500
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Desk {n}</title><link>{base}/</link>
<item><title>Report {n} from the border county of Hyesan</title>
<link>{base}/news/{n}</link><guid>{base}/news/{n}</guid>
<pubDate>Thu, 08 May 2025 08:41:00 +0900</pubDate>
<content:encoded><![CDATA[<p>Report {n}: traders in Hyesan said rice prices rose again.</p>
<p>Border guards were seen checking carts at the Yalu crossing near the customs house.</p>
]]></content:encoded></item></channel></rss>"""


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    with fresh_database_url("postgresql", tmp_path) as url:
        yield url


@pytest.fixture
def publisher() -> Iterator[LocalServer]:
    with LocalServer() as server:
        base = server.url("").rstrip("/")
        for n in range(SOURCES):
            # A little latency, as a real site has: a kill lands inside a job, not between.
            server.add(
                f"/feeds/{n}.xml",
                FEED.format(n=n, base=base),
                content_type="application/rss+xml",
                delay=0.02,
            )
        yield server


def follow_all(store: Store, server: LocalServer) -> None:
    with store.transaction():
        for n in range(SOURCES):
            store.add_source(Source(url=server.url(f"/feeds/{n}.xml"), every_seconds=86400))


def start_worker(
    database: str, server: LocalServer, name: str, log: Path
) -> subprocess.Popen[bytes]:
    env = dict(os.environ, NEWSDESK_FETCH_ALLOW=server.host_port, NEWSDESK_FETCH_DELAY="0")
    with open(log / f"{name}.log", "wb") as output:  # a file: a full pipe would block the worker
        return subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "worker", "--db", database, "--name", name],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def polled(store: Store) -> int:
    return sum(1 for s in store.list_sources() if s.last_fetch_at is not None)


def wait_for(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def stop(*workers: subprocess.Popen[bytes]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(60)
        except subprocess.TimeoutExpired:
            worker.kill()


def assert_each_source_stored_once(store: Store) -> None:
    with store.transaction() as conn:
        per_source = dict(
            conn.execute(
                select(raw_documents.c.source_id, func.count()).group_by(raw_documents.c.source_id)
            ).all()
        )
    assert len(per_source) == SOURCES and set(per_source.values()) == {1}
    assert store.count_articles() == SOURCES
    odd = [s for s in store.list_sources() if s.articles_total != 1 or s.failures]
    assert not odd, [(s.url, s.articles_total, s.failures, s.last_error) for s in odd]


def test_two_workers_read_every_source_exactly_once(
    database: str, publisher: LocalServer, tmp_path: Path
) -> None:
    store = open_store(database)
    follow_all(store, publisher)
    workers = [start_worker(database, publisher, f"w{i}", tmp_path) for i in (1, 2)]
    try:
        assert wait_for(lambda: polled(store) == SOURCES, timeout=240), polled(store)
    finally:
        stop(*workers)
    requests = Counter(r.path for r in publisher.requests if r.path.startswith("/feeds/"))
    assert len(requests) == SOURCES and set(requests.values()) == {1}
    assert_each_source_stored_once(store)
    # SIGTERM: the job at hand, then a clean stop.
    assert [w.returncode for w in workers] == [0, 0], (tmp_path / "w1.log").read_text()
    store.close()


def test_a_worker_killed_mid_job_loses_nothing(
    database: str, publisher: LocalServer, tmp_path: Path
) -> None:
    store = open_store(database)
    follow_all(store, publisher)
    doomed = start_worker(database, publisher, "doomed", tmp_path)
    survivor = None
    try:
        assert wait_for(lambda: polled(store) >= 50, timeout=120)
        survivor = start_worker(database, publisher, "survivor", tmp_path)
        assert wait_for(lambda: polled(store) >= 150, timeout=120)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(10)
        # The survivor finishes the rest, and the job the dead worker held once its heartbeat
        # is stale (30 s), through the queue's stalled-job retry.
        assert wait_for(lambda: polled(store) == SOURCES, timeout=240), polled(store)
    finally:
        stop(*(w for w in (doomed, survivor) if w is not None))
    requests = Counter(r.path for r in publisher.requests if r.path.startswith("/feeds/"))
    assert len(requests) == SOURCES
    assert set(requests.values()) <= {1, 2}  # a feed the dead worker was reading is read again
    assert_each_source_stored_once(store)
    store.close()
