"""Feed adapter speed: articles per second per feed form, against feedparser alone in the same run.

Generates FEEDS feeds of ITEMS entries each (RSS 2.0 with content:encoded, Atom, JSON Feed 1.1)
from the Korea Herald seed text, times `feeds.parse` / `feeds.parse_json_feed` on all of them, then
the bare parser on the same bytes (feedparser for RSS and Atom, `json.loads` for JSON Feed), and
prints the ratio: how much of the time is ours. Peak memory is taken in a second pass under
tracemalloc (which slows code down, so it is not timed).

    .venv/bin/python benchmarks/feed_speed.py [--feeds 50] [--items 50]
"""

from __future__ import annotations

import argparse
import html
import io
import json
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from newsdesk.ingest import feeds
from newsdesk.model import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "003_93ec7c8496a2a74c.txt"
TARGET_PER_SECOND = 1000


def seed_paragraphs() -> list[str]:
    lines = [line.strip() for line in SEED.read_text().splitlines()]
    return [line for line in lines if len(line) > 80][:5]


def body_html(paragraphs: list[str], n: int) -> str:
    lead, *rest = paragraphs
    return f"<p>{html.escape(lead)} ({n})</p><h3>Background</h3>" + "".join(
        f"<p>{html.escape(p)}</p>" for p in rest
    )


def rss_feed(f: int, items: int, paragraphs: list[str]) -> bytes:
    entries = "".join(
        f"<item><title>Seoul weighs ties with Moscow, part {f}-{i}</title>"
        f"<link>https://www.koreaherald.com/article/{f:03d}{i:04d}?utm_source=rss</link>"
        f"<guid>kh-{f}-{i}</guid>"
        f"<pubDate>Wed, 16 Apr 2025 {i % 24:02d}:{i % 60:02d}:00 +0900</pubDate>"
        f"<dc:creator>Son Ji-hyoung</dc:creator><category>North Korea</category>"
        f"<description>{html.escape(paragraphs[0][:160])}</description>"
        f"<content:encoded><![CDATA[{body_html(paragraphs, i)}]]></content:encoded></item>"
        for i in range(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>The Korea Herald</title>'
        f"<link>https://www.koreaherald.com/</link><language>en</language>{entries}</channel></rss>"
    ).encode()


def atom_feed(f: int, items: int, paragraphs: list[str]) -> bytes:
    entries = "".join(
        f"<entry><title>Kim inspects destroyer, part {f}-{i}</title>"
        f'<link href="https://www.nknews.org/2025/04/story-{f}-{i}/"/>'
        f"<id>tag:nknews.org,2025:{f}-{i}</id>"
        f"<published>2025-04-16T{i % 24:02d}:15:00+09:00</published>"
        f"<updated>2025-04-16T{i % 24:02d}:45:00+09:00</updated>"
        f"<author><name>Colin Zwirko</name></author><author><name>Jeongmin Kim</name></author>"
        f'<category term="military"/><summary>{html.escape(paragraphs[0][:160])}</summary>'
        f'<content type="html">{html.escape(body_html(paragraphs, i))}</content></entry>'
        for i in range(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:lang="en"><title>NK News</title><id>tag:nknews.org,2011:feed</id>'
        f"<updated>2025-04-16T19:30:00+09:00</updated>{entries}</feed>"
    ).encode()


def json_feed(f: int, items: int, paragraphs: list[str]) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "The Korea Times",
            "language": "en",
            "items": [
                {
                    "id": f"kt-{f}-{i}",
                    "url": f"https://www.koreatimes.co.kr/www/nation/2025/04/{f}_{i}.html",
                    "title": f"Seoul, Tokyo share missile data, part {f}-{i}",
                    "content_html": body_html(paragraphs, i),
                    "summary": paragraphs[0][:160],
                    "date_published": f"2025-04-16T{i % 24:02d}:20:00+09:00",
                    "authors": [{"name": "Jung Min-ho"}],
                    "tags": ["North Korea"],
                }
                for i in range(items)
            ],
        }
    ).encode()


def feedparser_alone(data: bytes) -> int:
    import feedparser

    result = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    return len(result.entries)


def json_alone(data: bytes) -> int:
    return len(json.loads(data)["items"])


def timed_pair(
    ours: Callable[[bytes], int], peer: Callable[[bytes], int], documents: list[bytes]
) -> tuple[int, float, int, float]:
    """Both on each document in turn, so that load from other work on the machine hits both."""
    count = peer_count = 0
    seconds = peer_seconds = 0.0
    for data in documents:
        start = time.perf_counter()
        count += ours(data)
        middle = time.perf_counter()
        peer_count += peer(data)
        seconds += middle - start
        peer_seconds += time.perf_counter() - middle
    return count, seconds, peer_count, peer_seconds


def peak_memory_mib(run: Callable[[bytes], int], documents: list[bytes]) -> float:
    tracemalloc.start()
    for data in documents:
        run(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    paragraphs = seed_paragraphs()
    forms = [
        ("RSS 2.0", rss_feed, feeds.parse, feedparser_alone, "feedparser"),
        ("Atom", atom_feed, feeds.parse, feedparser_alone, "feedparser"),
        ("JSON Feed", json_feed, feeds.parse_json_feed, json_alone, "json.loads"),
    ]
    feedparser_alone(rss_feed(0, 1, paragraphs))  # import feedparser before any timing
    print(f"{args.feeds} feeds x {args.items} entries per form; target {TARGET_PER_SECOND}/s")
    columns = ("form", "articles/s", "peer", "peer/s", "ours/peer", "peak MiB")
    print("{:<10} {:>10} {:>11} {:>8} {:>9} {:>9}".format(*columns))
    for name, make, adapter, peer, peer_name in forms:
        documents = [make(f, args.items, paragraphs) for f in range(args.feeds)]

        def ours(data: bytes, adapter=adapter) -> int:
            return len(adapter(RawDocument(content=data, origin="https://example.kr/feed")))

        count, seconds, peer_count, peer_seconds = timed_pair(ours, peer, documents)
        assert count == peer_count == args.feeds * args.items, (count, peer_count)
        peak = peak_memory_mib(ours, documents[:5])
        print(
            f"{name:<10} {count / seconds:>10,.0f} {peer_name:>11} "
            f"{peer_count / peer_seconds:>8,.0f} {seconds / peer_seconds:>8.2f}x {peak:>9.1f}"
        )
    print("ours/peer: our adapter's time over the bare parser's on the same bytes;")
    print("peak MiB: tracemalloc peak (Python objects only) while parsing 5 of the feeds;")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
