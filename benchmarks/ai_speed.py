"""Speed of the offline AI features, each beside a peer measured in the same run.

    .venv/bin/python benchmarks/ai_speed.py                  # a 100,000-article store
    .venv/bin/python benchmarks/ai_speed.py --size 20000     # quicker

- key points: LexRank (newsdesk.ai.key_points) against the plain tf-idf centroid method, over
  the real articles (beat posts, samples, the Kursk story) and over 560-word generated ones
- an answer (`ask`, with the threshold): p50/p95 over the 66 benchmark questions on a SQLite store
  of `--size` generated articles (search_speed.py's generator: Zipf vocabulary, random unit
  vectors, since embedding 100k articles would take hours here) plus the real articles, fully
  processed; the peer is the hybrid search alone that `ask` starts with
- the wrap-up of a day (about 200 generated articles a day, one story each, plus real ones):
  the peer is reading that day's articles from the store
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_speed import build, vocabulary  # noqa: E402

from newsdesk import ai, embeddings, pipeline, search  # noqa: E402
from newsdesk.ai.wrapup import day_bounds  # noqa: E402
from newsdesk.store import Store, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REAL = [
    ROOT / "tests" / "fixtures" / "web" / "beat_posts.json",
    ROOT / "samples",
    ROOT / "tests" / "fixtures" / "ai" / "kursk_story.json",
]
QUESTIONS = ROOT / "benchmarks" / "data" / "ai_questions.jsonl"


def timed(run: Callable[[object], object], items: list, repeat: int = 1) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        for item in items:
            started = time.perf_counter()
            run(item)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "mean": statistics.mean(samples),
        "p50": samples[len(samples) // 2],
        "p95": samples[max(int(len(samples) * 0.95) - 1, 0)],
        "n": len(samples),
    }


def line(label: str, found: dict[str, float]) -> str:
    return (
        f"  {label:34} mean {found['mean']:8.2f} ms  p50 {found['p50']:8.2f}  "
        f"p95 {found['p95']:8.2f}  (n={found['n']})"
    )


def key_points(store: Store) -> None:
    real = [s for s in store.iter_articles() if not (s.article.guid or "").startswith("bench-")]
    generated = store.list_articles(200)
    print("key points per article (goal < 50 ms):")
    for name, items in (("real articles", real), ("generated 560-word articles", generated)):
        print(line(f"LexRank, {name}", timed(ai.key_points, items, repeat=3)))
        print(line(f"peer: tf-idf centroid, {name}", timed(ai.centroid_points, items, repeat=3)))


def answers(store: Store) -> None:
    questions = [json.loads(row)["question"] for row in QUESTIONS.read_text().splitlines()]
    embeddings.shared_embedder()  # loaded before timing
    search.SEMANTIC_FLOOR = -1.0  # random vectors: let the semantic half return its hits
    started = time.perf_counter()
    ai.ask(store, questions[0])  # the vector index loads once per process
    print(f"answers (goal p95 < 1 s), {store.count_articles():,} articles:")
    print(f"  first question (loads the vector index): {(time.perf_counter() - started):.1f} s")
    print(line("ask", timed(lambda q: ai.ask(store, q), questions)))
    hybrid = timed(lambda q: search.search(store, q, "hybrid", limit=12), questions)
    print(line("peer: hybrid search alone", hybrid))


def wrapups(store: Store, days: list[date]) -> None:
    print("wrap-up of a day (goal < 5 s):")
    print(line("daily_wrapup", timed(lambda d: ai.daily_wrapup(store, d), days)))
    floor = timed(
        lambda d: store.list_articles(5000, since=day_bounds(d)[0], until=day_bounds(d)[1]), days
    )
    print(line("peer: reading the day's articles", floor))
    counts = [ai.daily_wrapup(store, d).article_count for d in days]
    print(f"  articles a day: {min(counts)} to {max(counts)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="generated articles")
    parser.add_argument("--db", help="reuse (or keep) this SQLite file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(options.db) if options.db else Path(folder) / "ai-speed.db"
        store = open_store(f"sqlite:///{path}")
        if store.count_articles() < options.size:
            started = time.perf_counter()
            report = pipeline.ingest_paths(store, [str(p) for p in REAL], 50 * 1024 * 1024)
            assert not report.failed
            pipeline.advance(store)
            rng = np.random.default_rng(7)
            build(store, options.size + store.count_articles(), vocabulary(rng), rng)
            took = time.perf_counter() - started
            print(f"built {store.count_articles():,} articles in {took:.0f} s")
        key_points(store)
        answers(store)
        wrapups(store, [date(2024, 1, 2), date(2024, 3, 1), date(2024, 12, 16), date(2025, 6, 20)])
        store.close()


if __name__ == "__main__":
    main()
