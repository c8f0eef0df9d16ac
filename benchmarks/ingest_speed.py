"""Ingest benchmark: articles per second and peak memory per input form, through the whole pipeline.

Generates a few thousand inputs per form from real material (the seeds, the extraction eval pages),
ingests each form into a fresh SQLite store in a child process (so peak memory is that form's own),
then runs the full-text index stage over it, and prints articles/s for ingest alone and for
ingest + index (with their ratio, and against the 1,000 articles/s target for WordPress JSON and
RSS), peak RSS at N and 2N inputs (flat memory means streaming works), and for HTML the ratio to
calling trafilatura alone on the same pages, all measured in the same run.

    .venv/bin/python benchmarks/ingest_speed.py [--inputs 2000] [--forms wordpress,feed,text,html]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "samples"
EVAL_HTML = ROOT.parent / "shared" / "eval" / "article-extraction" / "html"
ITEMS_PER_FEED = 50
TARGET = 1_000  # articles per second that ingest + index should reach (WordPress JSON, RSS)


def write_wordpress(folder: Path, count: int) -> None:
    seed = (SEEDS / "000_d313320253c2a931.txt").read_text()
    for i in range(count):
        text = seed.replace("2202283", str(3000000 + i)).replace(
            "south-korea-faces-limited-options", f"story-{i}-limited-options"
        )
        (folder / f"post_{i:05d}.json").write_text(text)


def write_feeds(folder: Path, count: int) -> None:
    body = (SEEDS / "003_93ec7c8496a2a74c.txt").read_text().splitlines()[8:12]
    content = "".join(f"<p>{line}</p>" for line in body).replace("&", "&amp;").replace("<", "&lt;")
    for f in range(max(1, count // ITEMS_PER_FEED)):
        items = "".join(
            f"<item><title>Story {f}-{i} on Seoul and Moscow</title>"
            f"<link>https://example-news.kr/{f}/{i}</link>"
            f"<guid>https://example-news.kr/{f}/{i}</guid>"
            f"<pubDate>Wed, 16 Apr 2025 09:{i % 60:02d}:00 +0900</pubDate>"
            f"<description>Teaser {i}</description>"
            f"<content:encoded>{content}</content:encoded></item>"
            for i in range(ITEMS_PER_FEED)
        )
        (folder / f"feed_{f:04d}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Example News {f}</title><link>https://example-news.kr/</link>{items}</channel></rss>"
        )


def write_textpages(folder: Path, count: int) -> None:
    seed = (SEEDS / "003_93ec7c8496a2a74c.txt").read_text()
    title = (
        "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank"
    )
    for i in range(count):
        (folder / f"page_{i:05d}.txt").write_text(seed.replace(title, f"{title} ({i})"))


def eval_pages() -> list[bytes]:
    return [gzip.decompress(p.read_bytes()) for p in sorted(EVAL_HTML.glob("*.html.gz"))]


def write_html(folder: Path, count: int) -> None:
    pages = eval_pages()
    for i in range(count):
        # A comment makes each copy a distinct raw document (same bytes would be skipped).
        (folder / f"page_{i:05d}.html").write_bytes(
            pages[i % len(pages)] + f"<!-- {i} -->".encode()
        )


WRITERS = {
    "wordpress": write_wordpress,
    "feed": write_feeds,
    "text": write_textpages,
    "html": write_html,
}


def run_child(form: str, folder: Path) -> dict:
    """Ingest `folder` in a fresh process and store, then run the index stage over it; returns
    the timing of each and the peak RSS.

    Ingest no longer keeps the full-text index current inside its transaction: the index stage
    runs right after it, in batches. Both are timed, so ingest alone and ingest + index can be
    compared within one run.
    """
    code = (
        "import json,resource,sys,tempfile,time\n"
        "from newsdesk.pipeline import INDEX, ingest_paths, run_stage\n"
        "from newsdesk.store import open_store\n"
        "store=open_store(tempfile.mkdtemp()+'/bench.db')\n"
        "t=time.perf_counter()\n"
        f"r=ingest_paths(store,[{str(folder)!r}],max_bytes=50*2**20)\n"
        "s=time.perf_counter()-t\n"
        "t=time.perf_counter()\n"
        "indexed=run_stage(store,INDEX).done\n"
        "i=time.perf_counter()-t\n"
        "print(json.dumps({'seconds':s,'index_seconds':i,'indexed':indexed,"
        "'articles':r.changes('new'),'failed':r.count('failed'),'parsed':r.count('parsed'),"
        "'rss_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def trafilatura_alone(folder: Path) -> float:
    """Pages per second of trafilatura.extract by itself, the peer for HTML."""
    import trafilatura

    files = sorted(folder.iterdir())
    start = time.perf_counter()
    for path in files:
        trafilatura.extract(path.read_bytes())
    return len(files) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=2000, help="inputs (feed items) per form")
    parser.add_argument("--forms", default="wordpress,feed,text,html")
    args = parser.parse_args()
    print(
        f"{'form':<10} {'inputs':>7} {'articles':>8} {'failed':>6} {'inputs/s':>8} {'art/s':>8} "
        f"{'+index':>8} {'peak MB @N/2':>12} {'peak MB @N':>10}"
    )
    for form in args.forms.split(","):
        results = {}
        for n in (args.inputs // 2, args.inputs):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                WRITERS[form](folder, n)
                results[n] = run_child(form, folder)
                if form == "html" and n == args.inputs:
                    peer = trafilatura_alone(folder)
        full, half = results[args.inputs], results[args.inputs // 2]
        assert full["indexed"] == full["articles"], full  # every new article was indexed
        rate = full["articles"] / full["seconds"]
        with_index = full["articles"] / (full["seconds"] + full["index_seconds"])
        inputs_rate = full["parsed"] / full["seconds"]
        print(
            f"{form:<10} {args.inputs:>7} {full['articles']:>8} {full['failed']:>6} "
            f"{inputs_rate:>8.0f} {rate:>8.0f} {with_index:>8.0f} "
            f"{half['rss_mb']:>12.0f} {full['rss_mb']:>10.0f}"
        )
        if form in ("wordpress", "feed"):
            index_rate = full["indexed"] / full["index_seconds"]
            print(
                f"{'':<10} ingest alone {rate:.0f} articles/s, ingest + index stage "
                f"{with_index:.0f} articles/s (the index stage alone {index_rate:.0f}/s): "
                f"ratio {with_index / rate:.2f}; against the {TARGET:,} articles/s target: "
                f"ingest {rate / TARGET:.2f}x, ingest + index {with_index / TARGET:.2f}x"
            )
        if form == "html":
            pages_per_s = args.inputs / full["seconds"]
            print(
                f"{'':<10} html pipeline {pages_per_s:.1f} pages/s vs trafilatura.extract alone "
                f"{peer:.1f} pages/s: ratio {pages_per_s / peer:.2f}x"
            )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(peak memory of this process: {peak_mb:.0f} MB)")


if __name__ == "__main__":
    main()
