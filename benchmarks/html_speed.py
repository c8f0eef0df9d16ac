"""Pages per second of the HTML adapter beside trafilatura's plain `extract()`, in one run.

Both read the same pages (the article-extraction development set, made into RawDocuments before
any timing) in rounds over all the pages, taking turns (who goes first alternates), so that other
work on the machine slows both alike. Rates are given on wall-clock and on CPU time, the ratio
also as the median of the rounds' ratios, the steadiest figure on a shared machine: the one to
compare with the budget (the adapter at 0.8x trafilatura's page rate or better).

Peak memory is measured apart, each extractor in a fresh process reading every distinct page
once, one page in memory at a time: the process's peak resident size, and how far reading the
pages raised it above the peak after imports (lxml's trees live outside Python's heap, so
tracemalloc would not see them).

    .venv/bin/python benchmarks/html_speed.py [--pages N] [--data DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import multiprocessing
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from newsdesk.errors import IngestError
from newsdesk.ingest import html as html_adapter
from newsdesk.model import RawDocument

DEFAULT_DATA = Path("/work/shared/eval/article-extraction")


def load_pages(data: Path) -> list[RawDocument]:
    """The pages as the pipeline hands them to an adapter (made here, outside the timing)."""
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    return [_raw(data, key, entry.get("url", "")) for key, entry in truth.items()]


def _raw(data: Path, key: str, url: str) -> RawDocument:
    return RawDocument(
        content=gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()), origin=url
    )


def newsdesk_parse(page: RawDocument) -> None:
    with contextlib.suppress(IngestError):
        html_adapter.parse(page)


def trafilatura_extract(page: RawDocument) -> None:
    trafilatura.extract(page.content)


def timed(
    extractor: Callable[[RawDocument], None], pages: list[RawDocument]
) -> tuple[float, float]:
    """(wall seconds, CPU seconds) one extractor takes over the pages."""
    wall, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        extractor(page)
    return time.perf_counter() - wall, time.process_time() - cpu


def peak_rss_mib(name: str, data: Path) -> tuple[float, float]:
    """(peak RSS after loading the pages, peak RSS after reading them all), in a fresh process."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_measure_rss, (name, data))


def _measure_rss(name: str, data: Path) -> tuple[float, float]:
    extractor = EXTRACTORS[name]
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    first = next(iter(truth))
    extractor(_raw(data, first, ""))  # imports and caches belong to the baseline
    before = _peak_rss_mib()
    for key, entry in truth.items():  # one page in memory at a time: the growth is the reading
        extractor(_raw(data, key, entry.get("url", "")))
    return before, _peak_rss_mib()


def _peak_rss_mib() -> float:
    # VmHWM is this process's own peak; ru_maxrss would carry the parent's over the exec of spawn
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


EXTRACTORS = {"newsdesk": newsdesk_parse, "trafilatura": trafilatura_extract}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=1000, help="pages each extractor reads (whole rounds)"
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    corpus = load_pages(args.data)
    for extractor in EXTRACTORS.values():  # warm-up: imports, caches
        timed(extractor, corpus[:10])

    rounds = max(1, args.pages // len(corpus))
    wall = dict.fromkeys(EXTRACTORS, 0.0)
    cpu = dict.fromkeys(EXTRACTORS, 0.0)
    round_ratios = []
    for index in range(rounds):
        order = list(EXTRACTORS) if index % 2 else list(reversed(EXTRACTORS))
        round_cpu = {}
        for name in order:
            round_wall, round_cpu[name] = timed(EXTRACTORS[name], corpus)
            wall[name] += round_wall
            cpu[name] += round_cpu[name]
        round_ratios.append(round_cpu["trafilatura"] / round_cpu["newsdesk"])

    pages = rounds * len(corpus)
    print(f"{pages} pages each: {rounds} rounds over {len(corpus)} distinct pages")
    for name in EXTRACTORS:
        before, after = peak_rss_mib(name, args.data)
        print(
            f"{name:12} {pages / wall[name]:6.1f} pages/s wall {pages / cpu[name]:6.1f} "
            f"pages/CPU-s   peak RSS {after:4.0f} MiB ({after - before:+.0f} MiB reading pages)"
        )
    print(
        f"ratio newsdesk / trafilatura: {wall['trafilatura'] / wall['newsdesk']:.2f} wall, "
        f"{cpu['trafilatura'] / cpu['newsdesk']:.2f} CPU, median of rounds "
        f"{statistics.median(round_ratios):.2f} CPU (budget: 0.80 or more)"
    )


if __name__ == "__main__":
    main()
