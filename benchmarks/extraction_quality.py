"""Body-text quality of the HTML adapter beside trafilatura's plain `extract()`, in one run.

Data: the article-extraction benchmark's development pages (gzipped HTML plus ground truth; see
the README.md beside them, which defines the metric reimplemented below). Rows:
- newsdesk body_text: what newsdesk stores as the article's text, its paragraphs joined
  (`Article.body_text`; section headings are kept apart, in `Section.heading`);
- newsdesk + headings: the same with the section headings in place, as a reader sees it;
- trafilatura's plain `extract()` and readability-lxml's text, the peers, and trafilatura alone
  with the adapter's settings (to tell what the vote between the two gives).
A held-out part of the benchmark is kept elsewhere.

--cv scores what the adapter would score on pages it was not fitted to: the pages are split into
5 folds by site (a seeded shuffle of the sites), and for each fold every choice the adapter makes
from data (trafilatura's precision setting, whether and how readability votes, the promotional-
line filter: CHOICES below) is picked on the other 4 folds and scored on this one. The peers have
nothing to fit and are scored on the same folds. Each page is held out once, so the pooled rows
are means over all pages; the spread is that of the 5 folds' F1.

    .venv/bin/python benchmarks/extraction_quality.py [--data DIR] [--worst N] [--cv]
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from newsdesk.errors import IngestError
from newsdesk.ingest import html as html_adapter
from newsdesk.ingest import html_body
from newsdesk.ingest.html_consensus import Block, Rule, readable_blocks
from newsdesk.ingest.html_metadata import page_metadata
from newsdesk.model import Article, RawDocument, Section

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
    """trafilatura with the settings the adapter uses, without the vote or the adapter's steps."""
    favor_precision = html_body.FAVOR_PRECISION
    return trafilatura.extract(page, include_comments=False, favor_precision=favor_precision) or ""


def readability_body(page: bytes, url: str) -> str:
    """readability-lxml's article text, block by block, as the adapter's vote reads it."""
    text = html_adapter.decode_html(RawDocument(content=page, origin=url))
    return "\n".join(block.text for block in readable_blocks(text))


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
    parser.add_argument("--cv", action="store_true", help="cross-validate the adapter's choices")
    args = parser.parse_args()
    truths, urls, pages = load_pages(args.data)
    if args.cv:
        cross_validate(truths, urls, pages)
        print()
    extractors = {
        "newsdesk html.parse: body_text": newsdesk_body,
        "newsdesk html.parse: + headings": newsdesk_with_headings,
        "trafilatura.extract() defaults": trafilatura_body,
        "trafilatura, newsdesk's settings": trafilatura_newsdesk_settings,
        "readability-lxml": readability_body,
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


# --- cross-validation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One way the adapter could be set: what it would learn from data."""

    favor_precision: bool  # trafilatura's own setting
    rule: Rule | None  # the vote with readability-lxml; None: trafilatura alone
    drop_promo: bool  # the promotional-line filter

    def __str__(self) -> str:
        vote = "no vote" if self.rule is None else f"vote, add>={self.rule.min_added_words}"
        precision = "favor_precision" if self.favor_precision else "plain"
        return f"{precision}, {vote}, {'promo filter' if self.drop_promo else 'no filter'}"


CHOICES = [
    Choice(precision, rule, promo)
    for precision in (False, True)
    for rule in (None, *(Rule(min_added_words=n) for n in (None, 15, 25, 40)))
    for promo in (True, False)
]
ADAPTER = Choice(html_body.FAVOR_PRECISION, html_body.RULE, True)  # what html.parse runs
BEFORE = Choice(True, None, True)  # the adapter before the vote: trafilatura, favor_precision
FOLDS = 5
SEED = 16

# A page's (precision, recall) per view: body_text (paragraphs) and + headings; None: left out.
PageScore = tuple[float | None, float | None]


@dataclass
class PageInput:
    """What every choice starts from on one page, computed once."""

    bodies: dict[bool, etree._Element | None]  # trafilatura's, per favor_precision; None: no text
    other: list[Block]  # readability's blocks
    repeats: tuple[str | None, str | None]  # the title and standfirst the adapter drops


def page_input(page: bytes, url: str) -> PageInput:
    text = html_adapter.decode_html(RawDocument(content=page, origin=url))
    tree = load_html(text)
    page_url = url if url.startswith(("http://", "https://")) else None
    bodies = {fp: html_body.trafilatura_body(tree, page_url, fp) for fp in (False, True)}
    other = readable_blocks(tree)
    metadata = page_metadata(tree, page_url)
    return PageInput(bodies, other, (metadata.title, metadata.description))


def choice_sections(inputs: PageInput, choice: Choice) -> list[Section]:
    """The sections html.parse would give under this choice (its refusal of short text too)."""
    body = inputs.bodies[choice.favor_precision]
    if body is None:
        return []
    body = copy.deepcopy(body)
    if choice.rule is not None:
        body = html_body.agreed_body(body, inputs.other, choice.rule)
    sections = html_body.body_sections(body, *inputs.repeats, drop_promo=choice.drop_promo)
    too_short = sum(len(p) for s in sections for p in s.paragraphs) < html_adapter._MIN_BODY_CHARS
    return [] if too_short else sections


def views(sections: list[Section]) -> tuple[str, str]:
    """(body_text, + headings) of sections, as newsdesk_body and newsdesk_with_headings give."""
    paragraphs = "\n\n".join(p for s in sections for p in s.paragraphs)
    with_headings = "\n\n".join(
        "\n\n".join(([s.heading] if s.heading else []) + s.paragraphs) for s in sections
    )
    return paragraphs, with_headings


def site_folds(urls: dict[str, str]) -> list[set[str]]:
    """Page ids in FOLDS folds, all pages of one site in the same fold."""
    sites = sorted({_site(url) for url in urls.values()})
    random.Random(SEED).shuffle(sites)
    fold_of = {site: i % FOLDS for i, site in enumerate(sites)}
    folds: list[set[str]] = [set() for _ in range(FOLDS)]
    for key, url in urls.items():
        folds[fold_of[_site(url)]].add(key)
    return folds


def _site(url: str) -> str:
    return (urlsplit(url).hostname or url).removeprefix("www.")


def f1_of(scores: list[PageScore]) -> tuple[float, float, float]:
    """(F1, precision, recall) of pages' scores, by the benchmark's means."""
    precisions = [p for p, _ in scores if p is not None]
    recalls = [r for _, r in scores if r is not None]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def cross_validate(truths: dict[str, str], urls: dict[str, str], pages: dict[str, bytes]) -> None:
    start = time.perf_counter()
    inputs = {key: page_input(page, urls[key]) for key, page in pages.items()}
    # per choice, per page: (body_text score, + headings score)
    scored: dict[Choice, dict[str, tuple[PageScore, PageScore]]] = {}
    mismatches = 0
    for choice in CHOICES:
        scored[choice] = {}
        for key in pages:
            paragraphs, with_headings = views(choice_sections(inputs[key], choice))
            if choice == ADAPTER:
                mismatches += paragraphs != newsdesk_body(pages[key], urls[key])
            scored[choice][key] = (
                page_precision_recall(*page_match(truths[key], paragraphs)),
                page_precision_recall(*page_match(truths[key], with_headings)),
            )
    peers = {
        "trafilatura.extract() defaults": trafilatura_body,
        "readability-lxml": readability_body,
    }
    for name, extractor in peers.items():
        predictions, _ = run(extractor, pages, urls)
        page_scores = {
            key: page_precision_recall(*page_match(truths[key], predictions[key])) for key in pages
        }
        scored[name] = {key: (score, score) for key, score in page_scores.items()}
    print(f"every choice on all {len(pages)} pages (dev scores, for reading; the folds fit below):")
    for choice in CHOICES:
        body_f1, headings_f1 = (f1_of([scored[choice][k][v] for k in pages])[0] for v in (0, 1))
        print(f"  {body_f1:.3f} {headings_f1:.3f}  {choice}")
    folds = site_folds(urls)
    print(
        f"{FOLDS}-fold cross-validation by site (seed {SEED}) over {len(pages)} pages, "
        f"{len(CHOICES)} choices; fold sizes {[len(f) for f in folds]}"
    )
    held_out: dict[str, dict[str, tuple[PageScore, PageScore]]] = {"newsdesk, fitted per fold": {}}
    for i, fold in enumerate(folds):
        train = [key for key in pages if key not in fold]
        best = max(CHOICES, key=lambda c: _fit_score(scored[c], train))
        print(f"  fold {i + 1}: picked {best}")
        held_out["newsdesk, fitted per fold"].update({key: scored[best][key] for key in fold})
    held_out["newsdesk as set (no fitting)"] = scored[ADAPTER]
    held_out["newsdesk before the vote"] = scored[BEFORE]
    held_out.update({name: scored[name] for name in peers})
    print(
        f"{'held-out pages':32} {'view':10} {'F1':>6} {'prec':>6} {'recall':>6}"
        f"   {'fold F1 mean ± sd':>18} {'min':>6} {'max':>6}"
    )
    for name, per_page in held_out.items():
        for view, label in ((0, "body_text"), (1, "+ headings")):
            if name in peers and view == 1:
                continue  # a peer's text has one view
            f1, p, r = f1_of([per_page[key][view] for key in pages])
            fold_f1 = [f1_of([per_page[key][view] for key in fold])[0] for fold in folds]
            print(
                f"{name:32} {label if name not in peers else 'text':10} {f1:6.3f} {p:6.3f} "
                f"{r:6.3f}   {statistics.mean(fold_f1):9.3f} ± {statistics.stdev(fold_f1):.3f} "
                f"{min(fold_f1):6.3f} {max(fold_f1):6.3f}"
            )
    print(
        f"(the adapter's default choice: {ADAPTER}; pages where the replay differs from "
        f"html.parse: {mismatches}; {time.perf_counter() - start:.0f} s)"
    )


def _fit_score(per_page: dict[str, tuple[PageScore, PageScore]], keys: list[str]) -> float:
    """What a fold fits to: the mean of the two views' F1 on its training pages."""
    return sum(f1_of([per_page[key][view] for key in keys])[0] for view in (0, 1)) / 2


if __name__ == "__main__":
    main()
