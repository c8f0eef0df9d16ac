"""Articles per second of each enrichment part, and of all parts together.

    .venv/bin/python benchmarks/enrich_speed.py [--articles 120] [--workers 2]

Times over one of three sets of texts (--source):
- real (default when present): the 123 human-extracted article bodies of the shared
  article-extraction dev set (../shared/eval/article-extraction/ground-truth.json; real news and
  blog pages from many sites, mean ~4,400 characters, 11 not in English), repeated to --articles;
- all: ~4,400-character articles built from the paragraphs of every enrichment fixture (dense in
  figures: a harsh case for the figure parse);
- seeds: the same built only from the paragraphs of the two seed pages.
Then it times, in this one run:
- NER: spaCy's entity pass alone (entity ruler + ner + sentencizer), the peer every other line
  is compared with;
- linking, figures, language, keywords: each part on its own, over the entity-pass docs where
  it needs them (figures and keywords include their share of the syntax pass);
- all together: `enrich_inputs` in one process and on `--workers` processes.
Rates are wall-clock articles per second; "per CPU-s" divides by this process's CPU time, which
is steadier when other work shares the cores. The machine's load average is printed first:
compare figures only within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from enrich_quality import FIXTURES, load_fixture  # noqa: E402

from newsdesk.enrich import EnrichOptions  # noqa: E402
from newsdesk.enrich.entities import link_entities  # noqa: E402
from newsdesk.enrich.figure_syntax import SentenceSyntax  # noqa: E402
from newsdesk.enrich.figures import complete_figures, find_figures  # noqa: E402
from newsdesk.enrich.keywords import candidate_terms, lead_text, score_keywords  # noqa: E402
from newsdesk.enrich.knowledge import load_knowledge  # noqa: E402
from newsdesk.enrich.language import detect_language  # noqa: E402
from newsdesk.enrich.nlp import entity_docs, get_nlp, syntax_docs  # noqa: E402
from newsdesk.enrich.stage import EnrichInput, enrich_inputs  # noqa: E402

ARTICLE_CHARS = 4400
REAL_BODIES = (
    Path(__file__).resolve().parents[2] / "shared/eval/article-extraction/ground-truth.json"
)


def real_articles(count: int, path: Path = REAL_BODIES) -> list[str]:
    """`count` real article bodies (cycled), each behind its URL's last part as a stand-in title."""
    truth = json.loads(path.read_text(encoding="utf-8"))
    bodies = []
    for entry in sorted(truth.values(), key=lambda e: e["url"]):
        slug = entry["url"].rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
        bodies.append(f"{slug}\n\n{entry['articleBody']}")
    return [bodies[i % len(bodies)] for i in range(count)]


def build_articles(count: int, seed: int = 7, pattern: str = "*.txt") -> list[str]:
    """`count` texts of ~4,400 characters: a fixture title and shuffled English paragraphs
    from the fixtures matching `pattern` ("seed*.txt": only the real seed articles)."""
    titles, paragraphs = [], []
    for path in sorted(FIXTURES.glob(pattern)):
        article = load_fixture(path)
        if "language: ko" in path.read_text(encoding="utf-8"):
            continue
        titles.append(article.title)
        paragraphs += article.paragraphs
    rng = random.Random(seed)
    texts = []
    for i in range(count):
        body: list[str] = []
        while sum(len(p) + 2 for p in body) < ARTICLE_CHARS - 100:
            body.append(rng.choice(paragraphs))
        text = titles[i % len(titles)] + "\n\n" + "\n\n".join(body)
        texts.append(_cut(text, ARTICLE_CHARS))
    return texts


def _cut(text: str, size: int) -> str:
    """At most `size` characters, ending at a sentence end when there is one."""
    if len(text) <= size:
        return text
    end = text.rfind(". ", 0, size)
    return text[: end + 1] if end > size // 2 else text[:size]


def timed(
    label: str, count: int, run: Callable[[], object], repeat: int, peer: float = 0.0
) -> float:
    """Best of `repeat` runs (the least disturbed by other work); returns articles per CPU-s.

    CPU time counts this process and its finished worker processes.
    """
    best_wall, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        before, wall = os.times(), time.perf_counter()
        run()
        after, wall = os.times(), time.perf_counter() - wall
        cpu = sum(after[:4]) - sum(before[:4])  # user + system, self + children
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    per_cpu = count / max(best_cpu, 1e-9)
    ratio = f"{per_cpu / peer:6.2f}x" if peer else "  peer"
    print(
        f"  {label:<36} {1000 * best_cpu / count:7.1f} ms CPU/article {per_cpu:7.1f} per CPU-s"
        f" {ratio}   wall {count / best_wall:6.1f} articles/s"
    )
    return per_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="runs per line; the best counts")
    parser.add_argument(
        "--source",
        choices=["real", "all", "seeds"],
        default="real" if REAL_BODIES.is_file() else "all",
        help="real article bodies, paragraphs of every fixture, or of the seeds only",
    )
    args = parser.parse_args(argv)

    if args.source == "real":
        texts = real_articles(args.articles)
    else:
        pattern = "seed*.txt" if args.source == "seeds" else "*.txt"
        texts = build_articles(args.articles, pattern=pattern)
    n, rep = len(texts), args.repeat
    mean = sum(map(len, texts)) / n
    print(
        f"{n} articles from {args.source} fixtures, mean {mean:.0f} characters; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; best of {rep}"
    )
    knowledge = load_knowledge()
    nlp = get_nlp(knowledge)
    list(entity_docs(nlp, texts[:4]))  # warm up: first calls allocate, models load
    list(syntax_docs(nlp, texts[:2]))
    detect_language(texts[0])

    print("Parts, one process (x: articles per CPU-s relative to NER alone)")
    docs = list(entity_docs(nlp, texts))
    linked = [link_entities(d, knowledge) for d in docs]
    peer = timed("NER (entity pass)", n, lambda: list(entity_docs(nlp, texts)), rep)
    timed("linking", n, lambda: [link_entities(d, knowledge) for d in docs], rep, peer)
    timed("figures (find + parse + complete)", n, lambda: _figures(nlp, docs, linked), rep, peer)
    timed("language", n, lambda: [detect_language(t) for t in texts], rep, peer)
    timed(
        "keywords (lead parse + tf-idf)", n, lambda: _keywords(nlp, texts, docs, linked), rep, peer
    )

    print("All together")
    items = [EnrichInput(str(i), t) for i, t in enumerate(texts)]
    one = EnrichOptions(workers=1, batch_size=args.batch_size)
    every = timed("everything, 1 process", n, lambda: list(enrich_inputs(items, one)), rep, peer)
    many = EnrichOptions(workers=args.workers, batch_size=args.batch_size)
    label = f"everything, {args.workers} processes"
    timed(label, n, lambda: list(enrich_inputs(items, many)), rep, peer)
    cores = min(args.workers, os.cpu_count() or 1)
    print(
        f"  on {cores} free cores, everything would run at about {cores * every:.1f} articles/s "
        f"(NER alone {cores * peer:.1f}); the wall figures above share the cores with a load "
        f"average of {os.getloadavg()[0]:.2f}"
    )
    return 0


def _figures(nlp, docs, linked) -> None:
    for doc, (_, mentions) in zip(docs, linked, strict=True):
        drafts = find_figures(doc)
        sentences = {d.figure.sentence_start: d.figure.sentence for d in drafts}
        parsed = syntax_docs(nlp, list(sentences.values()))
        syntax = {
            start: SentenceSyntax(p, start) for start, p in zip(sentences, parsed, strict=True)
        }
        complete_figures(drafts, syntax, mentions, doc.text)


def _keywords(nlp, texts, docs, linked) -> None:
    budget = EnrichOptions().keyword_lead_chars
    ends = [[s.end_char for s in d.sents] for d in docs]
    leads = syntax_docs(nlp, [lead_text(t, budget, e) for t, e in zip(texts, ends, strict=True)])
    for text, lead, (_, mentions) in zip(texts, leads, linked, strict=True):
        score_keywords(text, candidate_terms(lead, mentions))


if __name__ == "__main__":
    sys.exit(main())
