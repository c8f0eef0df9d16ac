"""Poll benchmark: sources polled per minute by newsdesk's real poller, against plain sequential
httpx GETs of the same feed URLs in the same run, and whether the later stages keep up.

--sources simulated sources (default 1,000) are spread over --hosts local HTTP servers (default
50, each its own publisher on its own port, with a robots.txt: the fetcher keeps one request at a
time per host:port, so one server would serialise everything). The servers run in a child process,
so the poller's CPU time (this process) is measured apart from theirs, and both are printed. Each
source serves an RSS feed of --items items with the full text in content:encoded (so no teaser
page is fetched), built from the paragraphs and titles of the real beat posts in
tests/fixtures/web/beat_posts.json, distinct per source and item. The mix, by source:

  round 1  every source new: sources x items new articles (min_delay=0: throughput)
  round 2  70% unchanged with an ETag (the poller sends If-None-Match: 304), 20% changed (1 or 2
           new items), 10% the same bytes without ETag support (the raw document's hash is
           already stored: "no change") (min_delay=0)
  round 3  the round-2 mix again with min_delay=--delay (default 1.0 s): what politeness costs;
           one request per host at a time and a pause after each bound it to hosts / delay
           requests per second (sources are added, so due, in an order that alternates hosts)

Each round is `poll_due(store, fetcher, ...)` over a fresh SQLite store (or --db, a fresh
PostgreSQL database created on that server and dropped after). The later stages (index, enrich,
embed, stories: what `advance(store)` runs) are timed stage by stage, twice: on the first
--stage-sample articles of round 1 (default 500: all 10,000 would take many minutes; the rest
are marked done unprocessed), and on all of round 2's new articles. The goal from the issue:
10,000 sources an hour on this machine (167 per minute); the stages keep up when they process
articles at least as fast as the round-2 mix brings them at that rate. The peer is one
`httpx.Client().get()` after another of the same feed URLs (no store, no parsing). CPU is user +
system time of a process; peak RSS is this process's peak so far.

    .venv/bin/python benchmarks/poll_speed.py [--sources 1000] [--hosts 50] [--items 10]
        [--threads 16] [--delay 1.0] [--stage-sample 500] [--db postgresql://127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.http_server import LocalServer  # noqa: E402

from newsdesk.fetch import Fetcher  # noqa: E402
from newsdesk.live.schedule import poll_due  # noqa: E402
from newsdesk.model.live import Source  # noqa: E402
from newsdesk.pipeline import STAGES, advance  # noqa: E402
from newsdesk.settings import FetchSettings  # noqa: E402
from newsdesk.store import Store, open_store  # noqa: E402

POSTS = ROOT / "tests" / "fixtures" / "web" / "beat_posts.json"
GOAL_PER_HOUR = 10_000
GOAL_PER_MINUTE = GOAL_PER_HOUR / 60
MAX_BYTES = 10 * 1024 * 1024
RSS = "application/rss+xml; charset=utf-8"


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the publishers (in the child process) ----------------------------------------------------


class Publishers:
    """`sources` feeds on `hosts` local servers; `next_round` changes them as the mix says."""

    def __init__(self, sources: int, hosts: int, items: int) -> None:
        posts = json.loads(POSTS.read_text("utf-8"))
        self.titles = [html.unescape(p["title"]["rendered"]) for p in posts]
        self.paragraphs = [
            p for post in posts for p in re.findall(r"<p>(.*?)</p>", post["content"]["rendered"])
        ]
        self.items = items
        self.servers = [LocalServer().start() for _ in range(hosts)]
        for server in self.servers:
            server.robots("User-agent: *\nAllow: /\n")
        self.published = [items] * sources  # items each source has published so far
        self.round = 0

    def server_of(self, source: int) -> LocalServer:
        return self.servers[source % len(self.servers)]

    def urls(self) -> list[str]:
        return [self.server_of(i).url(f"/news/{i}.xml") for i in range(len(self.published))]

    def next_round(self) -> None:
        """Round 1 serves every feed; later rounds add 1 item to sources with i % 10 == 7 and 2
        to those with 8 (20%) and keep the others' bytes; 9 never sends an ETag (10%)."""
        self.round += 1
        for i in range(len(self.published)):
            kind = i % 10
            if self.round > 1 and kind in (7, 8):
                self.published[i] += 1 if kind == 7 else 2
            elif self.round > 1:
                continue  # the same bytes as before: 304, or the same hash without an ETag
            etag = None if kind == 9 else f'"{i}-{self.published[i]}"'
            self.server_of(i).add(f"/news/{i}.xml", self.feed(i), content_type=RSS, etag=etag)

    def feed(self, source: int) -> bytes:
        base = self.server_of(source).url("").rstrip("/")
        newest = self.published[source]
        entries = "".join(
            self.item(source, n, base) for n in range(newest - 1, newest - 1 - self.items, -1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Desk {source}</title><link>{base}/</link><language>en</language>"
            f"{entries}</channel></rss>"
        ).encode()

    def item(self, source: int, n: int, base: str) -> str:
        pick = random.Random(source * 100_003 + n)
        body = "".join(f"<p>{p}</p>" for p in pick.sample(self.paragraphs, pick.randint(4, 6)))
        title = f"{pick.choice(self.titles)} ({source}.{n})"
        return (
            f"<item><title>{html.escape(title)}</title><link>{base}/news/{source}/{n}.html</link>"
            f"<guid>{base}/news/{source}/{n}</guid>"
            f"<pubDate>Wed, 16 Apr 2025 {n % 24:02d}:{n % 60:02d}:00 +0000</pubDate>"
            f"<description>{html.escape(title)}</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )

    def take_log(self) -> Counter[str]:
        """Requests since the last call: robots.txt, feeds, anything else."""
        paths = [request.path for server in self.servers for request in server.requests]
        for server in self.servers:
            server.clear()
        return Counter(
            "robots" if p == "/robots.txt" else "feed" if ".xml" in p else "other" for p in paths
        )


def serve_publishers(conn: Connection, sources: int, hosts: int, items: int) -> None:
    """The child process: answers ("urls",), ("round",), ("log",) and ("stop",) on `conn`;
    ("log",) answers the request counts and this process's CPU seconds since the last ("log",)."""
    publishers = Publishers(sources, hosts, items)
    cpu = cpu_seconds()
    while True:
        (command,) = conn.recv()
        if command == "urls":
            conn.send((publishers.urls(), [s.host_port for s in publishers.servers]))
        elif command == "round":
            publishers.next_round()
            conn.send(None)
        elif command == "log":
            now = cpu_seconds()
            conn.send((publishers.take_log(), now - cpu))
            cpu = now
        else:
            conn.send(None)
            return


def ask(conn: Connection, command: str) -> object:
    conn.send((command,))
    return conn.recv()


# -- the poller (this process) ---------------------------------------------------------------


@dataclass
class Round:
    name: str
    threads: int
    sources: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    server_cpu: float = 0.0
    new: int = 0
    requests: Counter[str] | None = None
    statuses: Counter[str] | None = None
    errors: Counter[str] | None = None

    @property
    def per_minute(self) -> float:
        return self.sources / self.seconds * 60

    @property
    def arriving_at_goal(self) -> float:
        """New articles per second at 10,000 sources an hour, with this round's mix."""
        return self.new / self.sources * GOAL_PER_HOUR / 3600

    @property
    def requests_per_second(self) -> float:
        return sum((self.requests or Counter()).values()) / self.seconds


def poll_round(store: Store, fetcher: Fetcher, publishers: Connection, round_: Round) -> Round:
    """Poll every due source once, as the publishers now serve them."""
    ask(publishers, "log")  # starts the server's count and CPU clock here
    cpu, start = cpu_seconds(), time.perf_counter()
    reports = poll_due(store, fetcher, MAX_BYTES, threads=round_.threads)
    round_.seconds, round_.cpu = time.perf_counter() - start, cpu_seconds() - cpu
    round_.requests, round_.server_cpu = ask(publishers, "log")  # type: ignore[misc]
    round_.sources = len(reports)
    round_.new = sum(r.articles_new for r in reports)
    round_.statuses = Counter(r.status for r in reports)
    round_.errors = Counter((r.error or "")[:120] for r in reports if r.status == "failed")
    return round_


def next_round(store: Store, publishers: Connection) -> None:
    """Every source due again, and the publishers' feeds as the next round serves them."""
    ask(publishers, "round")
    for source in store.list_sources():
        source.next_due_at = None
        store.save_source(source)


def skip_all_but(store: Store, sample: int) -> int:
    """Mark every pending article after the first `sample` done by every stage, unprocessed, so
    that the stages are timed on the sample now and on the next round's articles alone later."""
    with store.transaction():
        skipped = [(s.id, s.version) for s in store.pending(STAGES[0].name, 10**9)[sample:]]
        for stage in STAGES:
            store.mark_done(stage.name, skipped)
    return len(skipped)


def time_stages(store: Store, label: str, arriving: float) -> float:
    """`advance(store)` one stage at a time over what is pending; prints each stage's articles/s
    and whether the stages keep up with `arriving` articles/s; returns the stages' articles/s."""
    total, done, notes = 0.0, 0, []
    for stage in STAGES:
        start = time.perf_counter()
        (report,) = advance(store, stages=(stage,))
        seconds = time.perf_counter() - start
        total += seconds
        if report.unavailable:
            notes.append(f"{stage.name} UNAVAILABLE: {report.unavailable}")
            continue
        done = max(done, report.done)
        failed = f", {len(report.failed)} FAILED" if report.failed else ""
        notes.append(f"{stage.name} {report.done / seconds:.0f}/s{failed}")
    rate = done / total if total else 0.0
    keeps = "keep up" if rate >= arriving else "DO NOT keep up"
    print(
        f"{'':<4}stages on {label}: {done} articles in {total:.1f} s = {rate:.1f} articles/s "
        f"({', '.join(notes)}; peak RSS now {peak_mb():.0f} MB); at the goal rate this mix "
        f"brings {arriving:.2f} articles/s: the stages {keeps} ({rate / arriving:.1f}x)"
    )
    return rate


def sequential_gets(urls: list[str]) -> float:
    """Requests per second of one plain httpx GET after another (the peer)."""
    with httpx.Client(trust_env=False) as client:
        start = time.perf_counter()
        for url in urls:
            client.get(url).raise_for_status()
        return len(urls) / (time.perf_counter() - start)


@contextmanager
def fresh_store_url(db: str | None) -> Iterator[str]:
    """A SQLite file in a temporary folder, or a new database on --db's server, dropped after."""
    if not db:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/poll.db"
        return
    import psycopg

    admin_url = db.replace("postgresql+psycopg://", "postgresql://")
    name = f"newsdesk_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def print_round(r: Round, peer: float) -> None:
    requests = r.requests or Counter()
    goal = "meets" if r.per_minute >= GOAL_PER_MINUTE else "MISSES"
    print(
        f"{r.name:<24} {r.sources:>7} {r.seconds:>6.1f} {r.per_minute:>8.0f} "
        f"{r.requests_per_second:>6.0f} {r.requests_per_second / peer:>7.2f} {r.new:>7} "
        f"{r.cpu:>6.1f} {1000 * r.cpu / max(r.new, 1):>8.1f} {r.server_cpu:>7.1f} "
        f"{peak_mb():>5.0f}  {goal}"
    )
    statuses = ", ".join(f"{n} {s}" for s, n in sorted((r.statuses or Counter()).items()))
    requests_seen = f"{requests['feed']} feeds, {requests['robots']} robots.txt"
    print(f"{'':<24} statuses: {statuses}; requests: {requests_seen}, {requests['other']} other")
    for error, n in (r.errors or Counter()).most_common(3):
        print(f"{'':<24} failed x{n}: {error}")
    if r.server_cpu > r.cpu:
        print(f"{'':<24} (the servers used more CPU than the poller: they may be the bottleneck)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--items", type=int, default=10, help="items per feed")
    parser.add_argument("--threads", type=int, default=16, help="poller threads")
    parser.add_argument("--delay", type=float, default=1.0, help="min_delay of round 3; 0 skips it")
    parser.add_argument("--stage-sample", type=int, default=500, help="round-1 articles staged")
    parser.add_argument("--db", help="a PostgreSQL server URL to create a fresh database on")
    args = parser.parse_args()

    spawn = multiprocessing.get_context("spawn")
    publishers, child_end = spawn.Pipe()
    sizes = (args.sources, args.hosts, args.items)
    child = spawn.Process(target=serve_publishers, args=(child_end, *sizes), daemon=True)
    child.start()
    urls, host_ports = ask(publishers, "urls")  # type: ignore[misc]
    ask(publishers, "round")  # round 1's feeds: the peer gets the same

    peer = sequential_gets(urls)
    _, peer_server_cpu = ask(publishers, "log")  # type: ignore[misc]
    print(
        f"{args.sources} sources on {args.hosts} hosts ({args.sources // args.hosts} each), "
        f"{args.items} items per feed, {args.threads} poller threads, min_delay 0 in rounds 1 "
        f"and 2, store {'PostgreSQL' if args.db else 'SQLite'}"
    )
    print(
        f"peer: sequential httpx.Client().get() of the {len(urls)} feed URLs: {peer:.0f} req/s "
        f"({len(urls) / peer:.1f} s; servers used {peer_server_cpu:.1f} CPU s)"
    )
    print(f"goal: {GOAL_PER_HOUR:,} sources an hour = {GOAL_PER_MINUTE:.0f} sources per minute\n")
    print(
        f"{'round':<24} {'sources':>7} {'wall s':>6} {'src/min':>8} {'req/s':>6} {'x peer':>7} "
        f"{'new art':>7} {'CPU s':>6} {'CPU ms/art':>8} {'srv CPU':>7} {'RSS MB':>5}  goal"
    )
    rounds: list[Round] = []
    with fresh_store_url(args.db) as url:
        store = open_store(url)
        for source_url in urls:
            store.add_source(Source(url=source_url, every_seconds=900))
        settings = FetchSettings(allow=tuple(host_ports), min_delay=0.0)
        with Fetcher(settings) as fetcher:  # kept across rounds 1 and 2 (robots.txt cached)
            rounds.append(poll_round(store, fetcher, publishers, Round("1 new", args.threads)))
            print_round(rounds[-1], peer)
            skipped = skip_all_but(store, args.stage_sample)
            time_stages(store, f"round 1's first {args.stage_sample}", rounds[-1].arriving_at_goal)
            print(f"{'':<4}(the other {skipped} articles of round 1 are marked done, unprocessed)")
            next_round(store, publishers)
            rounds.append(poll_round(store, fetcher, publishers, Round("2 mix", args.threads)))
            print_round(rounds[-1], peer)
            stage_rate = time_stages(store, "round 2's", rounds[-1].arriving_at_goal)
        if args.delay > 0:
            next_round(store, publishers)
            with Fetcher(replace(settings, min_delay=args.delay)) as fetcher:
                name = f"3 mix, min_delay {args.delay:g} s"
                rounds.append(poll_round(store, fetcher, publishers, Round(name, args.threads)))
            print_round(rounds[-1], peer)
            bound, reached = args.hosts / args.delay, rounds[-1].requests_per_second
            print(
                f"{'':<4}politeness bound: {args.hosts} hosts / {args.delay:g} s = {bound:.0f} "
                f"req/s, reached {reached:.1f} ({reached / bound:.0%}): the due sources alternate "
                "hosts here; due host by host, the threads would queue on one host at a time"
            )
        store.engine.dispose()
    ask(publishers, "stop")
    child.join(5)

    met = [f"round {r.name[0]} {r.per_minute / GOAL_PER_MINUTE:.1f}x" for r in rounds]
    print(f"\ngoal {GOAL_PER_MINUTE:.0f} sources/min, reached: {', '.join(met)}")
    arriving = rounds[1].arriving_at_goal
    verdict = "they keep up" if stage_rate >= arriving else "THEY FALL BEHIND"
    print(
        f"stages at the goal with the round-2 mix: {arriving:.2f} articles/s arrive, the stages "
        f"did {stage_rate:.1f} articles/s on round 2's articles: {verdict}"
    )


if __name__ == "__main__":
    main()
