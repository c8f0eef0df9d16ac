"""Polling every source that is due: sources are leased from the store (so pollers on several
machines never take the same one), fetched side by side in threads (the fetcher keeps each
host to one request at a time), and the pipeline's stages run on what arrived."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from newsdesk.fetch import Fetcher
from newsdesk.live.poll import PollReport, poll_source
from newsdesk.model.live import Source
from newsdesk.store import Store

# A poll that takes longer than this is presumed dead; its source falls due again.
LEASE = timedelta(minutes=15)
THREADS = 16


def poll_due(
    store: Store,
    fetcher: Fetcher,
    max_bytes: int,
    *,
    threads: int = THREADS,
    limit: int = 100_000,
    on_claimed: Callable[[int], None] | None = None,
    on_polled: Callable[[PollReport], None] | None = None,
) -> list[PollReport]:
    """Poll every source due now, once; returns one report per source polled.
    `on_claimed(n)` hears how many are due, `on_polled(report)` of each as it finishes."""
    claimed = store.claim_due_sources(datetime.now(UTC), limit, LEASE)
    if on_claimed:
        on_claimed(len(claimed))
    if not claimed:
        return []

    def poll(source: Source) -> PollReport:
        report = poll_source(store, fetcher, source, max_bytes)
        if on_polled:
            on_polled(report)
        return report

    with ThreadPoolExecutor(max_workers=min(threads, len(claimed))) as pool:
        return list(pool.map(poll, by_turns_of_host(claimed)))


def by_turns_of_host(sources: list[Source]) -> list[Source]:
    """One source of each host in turn: the fetcher lets a host have one request at a time, so
    twenty sources of one publisher in a row would leave every thread waiting on that host."""
    queues: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        queues[urlsplit(source.poll_url or source.url).netloc.lower()].append(source)
    ordered: list[Source] = []
    for turn in itertools.zip_longest(*queues.values()):
        ordered += [s for s in turn if s is not None]
    return ordered


def seconds_until_due(store: Store, cap: float = 60.0) -> float:
    """How long a scheduler may sleep before a source falls due (at most `cap`)."""
    due = store.next_due_at()
    if due is None:
        return cap
    return max(0.0, min(cap, (due - datetime.now(UTC)).total_seconds()))
