"""Body-text quality of the HTML adapter beside trafilatura's plain `extract()`, in one run.

Data: the article-extraction benchmark's development pages (gzipped HTML plus ground truth; see
the README.md beside them, which defines the metric reimplemented below). Rows:
- newsdesk body_text: what newsdesk stores as the article's text, its paragraphs joined
  (`Article.body_text`; section headings are kept apart, in `Section.heading`);
- newsdesk + headings: the same with the section headings in place, as a reader sees it;
- trafilatura's plain `extract()`, the peer, and trafilatura with the adapter's settings (to
  tell what the settings give from what the adapter's own steps give).
Nothing here is tuned to single pages; a held-out part of the benchmark is kept elsewhere.

    .venv/bin/python benchmarks/extraction_quality.py [--data DIR] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsdesk.errors import IngestError
from newsdesk.ingest import html as html_adapter
from newsdesk.model import Article, RawDocument

DEFAULT_DATA = Path("/work/shared/eval/article-extraction")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_SHINGLE = 4


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages_per_second: float


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """All 4-token shingles, counted; a text under 4 tokens gives one shorter shingle."""
    words = tokens(text)
    spans = (tuple(words[i : i + _SHINGLE]) for i in range(max(1, len(words) - _SHINGLE + 1)))
    return Counter(s for s in spans if s)


def page_match(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) shingle counts of one page, normalised to sum to 1 so pages weigh alike."""
    true_counts, pred_counts = shingles(truth), shingles(predicted)
    tp = fp = fn = 0
    for key in true_counts.keys() | pred_counts.keys():
        true_n, pred_n = true_counts.get(key, 0), pred_counts.get(key, 0)
        tp += min(true_n, pred_n)
        fp += max(0, pred_n - true_n)
        fn += max(0, true_n - pred_n)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision_recall(tp: float, fp: float, fn: float) -> tuple[float | None, float | None]:
    """Per-page precision and recall; None where the page stays out of that mean (tp+fp = 0 for
    precision, tp+fn = 0 for recall). With fp = fn = 0 both come out 1.0."""
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return precision, recall


def score(truths: dict[str, str], predictions: dict[str, str], seconds: float) -> Scores:
    precisions, recalls, exact = [], [], 0
    for key, truth in truths.items():
        predicted = predictions.get(key, "")
        precision, recall = page_precision_recall(*page_match(truth, predicted))
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
        exact += tokens(truth) == tokens(predicted)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f1, exact / len(truths), len(truths) / seconds if seconds else 0.0)


def load_pages(data: Path) -> tuple[dict[str, str], dict[str, str], dict[str, bytes]]:
    """(truth texts, page URLs, page bytes), keyed by page id."""
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    pages = {key: gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()) for key in truth}
    texts = {key: entry["articleBody"] for key, entry in truth.items()}
    urls = {key: entry.get("url", "") for key, entry in truth.items()}
    return texts, urls, pages


def newsdesk_body(page: bytes, url: str) -> str:
    """What newsdesk stores as the article's text: its paragraphs, section headings apart."""
    article = _newsdesk_article(page, url)
    return article.body_text if article else ""


def newsdesk_with_headings(page: bytes, url: str) -> str:
    """The paragraphs with the section headings in their place, as a reader sees the article."""
    article = _newsdesk_article(page, url)
    if article is None:
        return ""
    return "\n\n".join(
        "\n\n".join(([s.heading] if s.heading else []) + s.paragraphs) for s in article.sections
    )


def _newsdesk_article(page: bytes, url: str) -> Article | None:
    try:
        return html_adapter.parse(RawDocument(content=page, origin=url))[0]
    except IngestError:
        return None


def trafilatura_body(page: bytes, url: str) -> str:
    return trafilatura.extract(page) or ""


def trafilatura_newsdesk_settings(page: bytes, url: str) -> str:
    """trafilatura with the settings the adapter uses, without the adapter's own steps."""
    return trafilatura.extract(page, include_comments=False, favor_precision=True) or ""


def run(
    extractor: Callable[[bytes, str], str], pages: dict[str, bytes], urls: dict[str, str]
) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    predictions = {key: extractor(page, urls[key]) for key, page in pages.items()}
    return predictions, time.perf_counter() - start


def print_worst(
    truths: dict[str, str], predictions: dict[str, str], urls: dict[str, str], n: int
) -> None:
    """The pages newsdesk does worst on: where to look, never what to tune to."""
    rows = []
    for key, truth in truths.items():
        precision, recall = page_precision_recall(*page_match(truth, predictions.get(key, "")))
        rows.append((min(precision or 0.0, recall or 0.0), precision, recall, urls[key]))
    for _, precision, recall, url in sorted(rows, key=lambda r: r[0])[:n]:
        print(f"  P {precision or 0:.3f} R {recall or 0:.3f}  {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages for newsdesk")
    args = parser.parse_args()
    truths, urls, pages = load_pages(args.data)
    extractors = {
        "newsdesk html.parse: body_text": newsdesk_body,
        "newsdesk html.parse: + headings": newsdesk_with_headings,
        "trafilatura.extract() defaults": trafilatura_body,
        "trafilatura, newsdesk's settings": trafilatura_newsdesk_settings,
    }
    predictions, results = {}, {}
    for name, extractor in extractors.items():
        predictions[name], seconds = run(extractor, pages, urls)
        results[name] = score(truths, predictions[name], seconds)
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'extractor':34} {'F1':>6} {'prec':>6} {'recall':>6} {'acc':>6} {'pages/s':>8}")
    for name, s in results.items():
        print(
            f"{name:34} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} {s.accuracy:6.3f} "
            f"{s.pages_per_second:8.1f}"
        )
    print("(pages/s here is only indicative: see html_speed.py for the speed comparison)")
    if args.worst:
        print(f"worst {args.worst} pages for newsdesk:")
        print_worst(truths, predictions["newsdesk html.parse: body_text"], urls, args.worst)


if __name__ == "__main__":
    main()
