"""Duplicate detection speed and accuracy on a generated stream, against a brute-force peer.

    .venv/bin/python benchmarks/dedupe_speed.py [--articles 3000] [--copy-share 0.1]

The stream: articles of ~300 words drawn from a Zipf vocabulary (fixed seed), and among them
copies of earlier articles: with boilerplate added, trimmed to their opening, lightly edited,
or identical. DuplicateIndex (MinHash LSH, then an exact shingle check) is compared with the
peer measured in the same run: the same exact check against every earlier article.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np

from newsdesk.dedupe.fingerprint import normalise, shingle_hashes
from newsdesk.dedupe.index import DuplicateIndex

BOILER_HEAD = "Republished from the Korea Herald. Read the original on koreaherald.com."
BOILER_TAIL = "Copyright Herald Corporation. All rights reserved. Redistribution is prohibited."


def make_stream(n: int, copy_share: float, seed: int = 7) -> list[tuple[str, str, str | None]]:
    """(article id, text, id of the article it copies or None)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20_000)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    stream: list[tuple[str, str, str | None]] = []
    originals: list[tuple[str, str]] = []
    for k in range(n):
        if originals and rng.random() < copy_share:
            source_id, text = rng.choice(originals)
            words = text.split()
            kind = rng.choice(["boilerplate", "trimmed", "edited", "identical"])
            if kind == "boilerplate":
                copy = f"{BOILER_HEAD} {text} {BOILER_TAIL}"
            elif kind == "trimmed":
                copy = " ".join(words[: max(40, len(words) // rng.choice([2, 3, 4]))])
            elif kind == "edited":
                for _ in range(4):
                    words[rng.randrange(len(words))] = rng.choice(vocab)
                copy = " ".join(words)
            else:
                copy = text
            stream.append((f"a{k}", copy, source_id))
        else:
            length = rng.randint(150, 450)
            text = " ".join(rng.choices(vocab, weights, k=length))
            originals.append((f"a{k}", text))
            stream.append((f"a{k}", text, None))
    return stream


def brute_force(
    stream, min_jaccard=0.7, min_containment=0.8
) -> tuple[dict[str, str | None], float]:
    seen: list[tuple[str, np.ndarray]] = []
    found: dict[str, str | None] = {}
    started = time.perf_counter()
    for article_id, text, _ in stream:
        mine = shingle_hashes(normalise(text))
        found[article_id] = None
        for other_id, theirs in seen:
            common = len(np.intersect1d(mine, theirs, assume_unique=True))
            j = common / (len(mine) + len(theirs) - common)
            c = common / min(len(mine), len(theirs))
            if j >= min_jaccard or c >= min_containment:
                found[article_id] = other_id
                break
        seen.append((article_id, mine))
    return found, len(stream) / (time.perf_counter() - started)


def with_index(stream) -> tuple[dict[str, str | None], float]:
    index = DuplicateIndex()
    found: dict[str, str | None] = {}
    started = time.perf_counter()
    for article_id, text, _ in stream:
        match = index.add(article_id, text)
        found[article_id] = match.duplicate_of if match else None
    rate = len(stream) / (time.perf_counter() - started)
    # Report the group a copy landed in: its original must be the article it was copied from.
    for article_id, _, _ in stream:
        if found[article_id] is not None:
            found[article_id] = index.original_of(article_id)
    return found, rate


def accuracy(stream, found) -> tuple[float, float]:
    copies = [(a, s) for a, _, s in stream if s is not None]
    caught = sum(1 for a, s in copies if found[a] is not None)
    false = sum(1 for a, _, s in stream if s is None and found[a] is not None)
    originals = len(stream) - len(copies)
    return caught / max(1, len(copies)), false / max(1, originals)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--copy-share", type=float, default=0.1)
    ap.add_argument("--peer-articles", type=int, default=1500, help="brute force is quadratic")
    args = ap.parse_args(argv)

    stream = make_stream(args.articles, args.copy_share)
    found, rate = with_index(stream)
    recall, false_rate = accuracy(stream, found)
    print(f"{len(stream)} articles, {sum(1 for *_, s in stream if s)} copies")
    print(
        f"DuplicateIndex (LSH + exact check): {rate:.0f} articles/s, copies found {recall:.3f},"
        f" originals wrongly flagged {false_rate:.4f}"
    )

    small = stream[: args.peer_articles]
    peer_found, peer_rate = brute_force(small)
    ours_small, ours_rate = with_index(small)
    peer_recall, _ = accuracy(small, peer_found)
    ours_recall, _ = accuracy(small, ours_small)
    print(
        f"on the first {len(small)}: brute force {peer_rate:.0f} articles/s"
        f" (recall {peer_recall:.3f}),"
        f" index {ours_rate:.0f} articles/s (recall {ours_recall:.3f}):"
        f" {ours_rate / peer_rate:.1f}x the peer's speed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
