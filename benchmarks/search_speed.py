"""Search speed at 10k and 100k generated articles, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/search_speed.py                      # 10k and 100k, both backends
    .venv/bin/python benchmarks/search_speed.py --sizes 10000        # quicker
    .venv/bin/python benchmarks/search_speed.py --backends sqlite

Articles are generated (560 words each, a Zipf-distributed vocabulary, so common words are as
common as in news) and written through the real Store (FTS5 triggers, the PostgreSQL generated
tsvector column). Stored vectors are random unit vectors: computing 100k real ones would take
hours on 2 cores, and brute-force cosine costs the same whatever the values. Every query is
embedded with the real model, and that time is counted in semantic and hybrid.

One client, queries one after another; p50/p95 in milliseconds, QPS = 1000 / mean. The floor is
a plain LIKE/ILIKE substring scan for the same words. Each search returns 20 hits with snippets
and the hits' articles loaded, as the API does.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg

from newsdesk import embeddings, pipeline, search
from newsdesk.model import Article, RawDocument, Section, Timestamp
from newsdesk.search import vectors
from newsdesk.store import Store, open_store

WORDS_PER_ARTICLE = 560
VOCABULARY = 30_000
BATCH = 1_000
SEED = 7
SOURCES = ["NK News", "The Korea Herald", "Yonhap News Agency", "Reuters", "38 North", "TASS"]
BEAT = [
    "korea",
    "north",
    "south",
    "pyongyang",
    "seoul",
    "russia",
    "moscow",
    "putin",
    "kim",
    "missile",
    "satellite",
    "launch",
    "troops",
    "sanctions",
    "nuclear",
    "ukraine",
    "border",
    "china",
    "tariffs",
    "exports",
    "defence",
    "ministry",
    "military",
    "rocket",
]


def vocabulary(rng: np.random.Generator) -> list[str]:
    syllables = ["ka", "ri", "mo", "sun", "pa", "de", "lo", "ven", "tor", "im", "ga", "shi", "ro"]
    words = list(BEAT)
    while len(words) < VOCABULARY:
        size = int(rng.integers(2, 5))
        words.append("".join(rng.choice(syllables, size)))
    return list(dict.fromkeys(words))


def zipf_sampler(rng: np.random.Generator, size: int) -> np.ndarray:
    ranks = np.arange(1, size + 1)
    weights = 1.0 / ranks**1.07
    return weights / weights.sum()


def generate(count: int, start: int, words: list[str], rng: np.random.Generator) -> list[Article]:
    probabilities = zipf_sampler(rng, len(words))
    picks = rng.choice(len(words), size=(count, WORDS_PER_ARTICLE), p=probabilities)
    base = datetime(2024, 1, 1, tzinfo=UTC)
    articles = []
    for row, number in zip(picks, range(start, start + count), strict=True):
        text = [words[i] for i in row]
        paragraphs = [" ".join(text[i : i + 80]) + "." for i in range(12, WORDS_PER_ARTICLE, 80)]
        articles.append(
            Article(
                title=" ".join(text[:12]).capitalize(),
                sections=[Section(None, paragraphs)],
                guid=f"bench-{number}",
                source=SOURCES[number % len(SOURCES)],
                language="en",
                published=Timestamp(base + timedelta(minutes=7 * number)),
            )
        )
    return articles


def build(store: Store, size: int, words: list[str], rng: np.random.Generator) -> float:
    """Fill the store up to `size` articles, with random vectors; seconds taken."""
    started = time.perf_counter()
    have = store.count_articles()
    for start in range(have, size, BATCH):
        batch = generate(min(BATCH, size - start), start, words, rng)
        with store.transaction():
            raw_id, _ = store.add_raw(
                RawDocument(content=f"bench {start}".encode(), origin="bench")
            )
            outcomes = store.save_articles(raw_id, batch)
            vectors = rng.standard_normal((len(batch), embeddings.DIMENSION)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            store.save_embeddings(
                embeddings.MODEL_ID,
                [
                    (o.article_id, o.version, embeddings.to_bytes(v), embeddings.DIMENSION)
                    for o, v in zip(outcomes, vectors, strict=True)
                ],
            )
            store.mark_done(pipeline.EMBED.name, [(o.article_id, o.version) for o in outcomes])
        print(f"  {start + len(batch)} articles", end="\r", flush=True)
    pipeline.run_stage(store, pipeline.INDEX)  # the full-text index, as the pipeline builds it
    return time.perf_counter() - started


def queries(words: list[str], rng: np.random.Generator, count: int) -> list[str]:
    """A mix: one common word, one rarer word, two words, a phrase, a prefix, a beat sentence."""
    probabilities = zipf_sampler(rng, len(words))
    made = []
    for index in range(count):
        a, b = (words[i] for i in rng.choice(len(words), 2, p=probabilities))
        rare = words[int(rng.integers(200, 5000))]
        kind = index % 6
        made.append(
            [a, rare, f"{a} {rare}", f'"{a} {b}"', rare[:4] + "*", "north korea missile launch"][
                kind
            ]
        )
    return made


def timed(run, items: list[str], warmup: int = 5) -> dict[str, float]:  # type: ignore[no-untyped-def]
    for item in items[:warmup]:
        run(item)
    samples = []
    for item in items:
        started = time.perf_counter()
        run(item)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "p50": samples[len(samples) // 2],
        "p95": samples[int(len(samples) * 0.95) - 1],
        "qps": 1000 / statistics.mean(samples),
        "n": len(samples),
    }


def measure(store: Store, items: list[str], like_count: int) -> dict[str, dict[str, float]]:
    embeddings.shared_embedder()  # loaded before timing
    # Random vectors sit near cosine 0 with any query, under the noise floor: without this no
    # semantic query would return (and load) its 20 hits, and the figures would flatter it.
    search.SEMANTIC_FLOOR = -1.0
    started = time.perf_counter()
    vectors.vector_index(store)
    load = (time.perf_counter() - started) * 1000
    results = {}
    for mode in ("fulltext", "semantic", "hybrid"):
        results[mode] = timed(lambda q, m=mode: search.search(store, q, m, limit=20), items)
    words = lambda q: [w for w in q.replace('"', " ").replace("*", " ").split() if w]  # noqa: E731
    results["LIKE floor"] = timed(lambda q: store.like_scan(words(q), 20), items[:like_count], 2)
    results["vector index load (once)"] = {"p50": load, "p95": load, "qps": 0.0, "n": 1}
    return results


def open_backend(
    backend: str, folder: Path, pg_admin: str, pg_keep: str | None
) -> tuple[Store, str | None]:
    """The store to fill, and the PostgreSQL database to drop afterwards (None: keep it)."""
    if backend == "sqlite":
        return open_store(f"sqlite:///{folder / 'bench.db'}"), None
    name = pg_keep or f"newsdesk_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_admin, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    return open_store(f"{pg_admin.rsplit('/', 1)[0]}/{name}"), None if pg_keep else name


def drop_pg(pg_admin: str, name: str) -> None:
    with psycopg.connect(pg_admin, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--like-queries", type=int, default=30)
    parser.add_argument("--pg-admin", default="postgresql://127.0.0.1:5432/test")
    parser.add_argument(
        "--workdir", type=Path, help="Keep the SQLite store here and reuse it on the next run."
    )
    parser.add_argument(
        "--pg-keep", metavar="DATABASE", help="Keep the PostgreSQL store in this database."
    )
    args = parser.parse_args()
    rows = []
    for backend in args.backends:
        rng = np.random.default_rng(SEED)
        words = vocabulary(rng)
        items = queries(words, rng, args.queries)
        with tempfile.TemporaryDirectory() as scratch:
            folder = args.workdir or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            store, pg_name = open_backend(backend, folder, args.pg_admin, args.pg_keep)
            try:
                for size in sorted(args.sizes):
                    seconds = build(store, size, words, rng)
                    if backend == "postgresql":
                        with store.transaction() as conn:
                            conn.exec_driver_sql("ANALYZE")
                    print(f"{backend} {size}: built in {seconds:.0f} s" + " " * 20)
                    for method, figures in measure(store, items, args.like_queries).items():
                        rows.append((backend, size, method, figures))
                        p50, p95, qps = figures["p50"], figures["p95"], figures["qps"]
                        print(
                            f"  {method:26s} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms"
                            f"  {qps:7.1f} q/s  (n={figures['n']})",
                            flush=True,
                        )
            finally:
                store.close()
                if pg_name:
                    drop_pg(args.pg_admin, pg_name)
    print("\n| backend | articles | method | p50 ms | p95 ms | queries/s |")
    print("|---|---|---|---|---|---|")
    for backend, size, method, f in rows:
        qps = f"{f['qps']:.1f}" if f["qps"] else "-"
        print(f"| {backend} | {size:,} | {method} | {f['p50']:.1f} | {f['p95']:.1f} | {qps} |")


if __name__ == "__main__":
    main()
