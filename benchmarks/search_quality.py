"""Search quality on the hand-made beat set: full-text vs semantic vs hybrid, and embedding speed.

    .venv/bin/python benchmarks/search_quality.py

Corpus: the 22 hand-written beat posts of tests/fixtures/web/beat_posts.json, plus (when
../shared/eval/article-extraction is there) the 123 real article bodies of that set as
distractors on other subjects. Queries: tests/fixtures/web/beat_queries.json, 20 questions
phrased in other words than the articles, each with the posts that answer it. Small and written
by one person: it shows the difference between the modes, not a general figure.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from newsdesk import embeddings, pipeline, search
from newsdesk.model import Article, RawDocument, Section
from newsdesk.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
POSTS = ROOT / "tests" / "fixtures" / "web" / "beat_posts.json"
QUERIES = ROOT / "tests" / "fixtures" / "web" / "beat_queries.json"
DISTRACTORS = ROOT.parent / "shared" / "eval" / "article-extraction" / "ground-truth.json"


def add_distractors(store: Store) -> int:
    if not DISTRACTORS.exists():
        return 0
    articles = []
    for record in json.loads(DISTRACTORS.read_text(encoding="utf-8")).values():
        paragraphs = [p for p in record["articleBody"].split("\n") if p.strip()]
        if paragraphs:
            articles.append(
                Article(
                    title=paragraphs[0][:120],
                    sections=[Section(None, paragraphs[1:] or paragraphs)],
                    canonical_url=record["url"],
                    source="distractor",
                )
            )
    raw_id, _ = store.add_raw(RawDocument(content=b"distractors", origin=str(DISTRACTORS)))
    store.save_articles(raw_id, articles)
    return len(articles)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/quality.db")
        pipeline.ingest_paths(store, [str(POSTS)], 50 * 1024 * 1024)
        distractors = add_distractors(store)
        pipeline.run_stage(store, pipeline.INDEX)
        embedder = embeddings.shared_embedder()
        started = time.perf_counter()
        count = pipeline.run_stage(
            store, pipeline.EMBED, pipeline.StageOptions(embedder=embedder)
        ).done
        seconds = time.perf_counter() - started
        print(
            f"{count} articles ({distractors} distractors) embedded in {seconds:.1f} s: "
            f"{count / seconds:.1f} articles/s (title + lead, up to {embeddings.LEAD_WORDS} words)"
        )
        started = time.perf_counter()
        for _ in range(50):
            embedder.embed_one("Russian help for the North's satellite programme")
        print(f"one query embedded in {(time.perf_counter() - started) / 50 * 1000:.1f} ms")
        slug = {s.id: s.article.extra.get("slug") for s in store.iter_articles()}
        queries = json.loads(QUERIES.read_text(encoding="utf-8"))
        print("\n| mode | P@1 | hit@5 | MRR@10 | queries with no hit |")
        print("|---|---|---|---|---|")
        for mode in search.MODES:
            first = top5 = reciprocal = empty = 0.0
            for q in queries:
                hits = search.search(store, q["query"], mode, limit=10).hits
                ranks = [i for i, h in enumerate(hits) if slug.get(h.article.id) in q["relevant"]]
                empty += not hits
                if ranks:
                    first += ranks[0] == 0
                    top5 += ranks[0] < 5
                    reciprocal += 1 / (ranks[0] + 1)
            n = len(queries)
            figures = f"{first / n:.2f} | {top5 / n:.2f} | {reciprocal / n:.3f} | {empty:.0f}"
            print(f"| {mode} | {figures} |")
        store.close()


if __name__ == "__main__":
    main()
