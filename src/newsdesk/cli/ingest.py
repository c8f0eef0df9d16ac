"""Commands that move input through the pipeline: ingest, process, failures, retry."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click
from rich.markup import escape

from newsdesk import pipeline
from newsdesk.cli.main import (
    articles_table,
    command,
    err,
    out,
    progress_bar,
    run_stages,
    store_from,
)
from newsdesk.ingest import FORMATS
from newsdesk.model import RawStatus
from newsdesk.settings import Settings
from newsdesk.store import Store


@command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Skip detection: read as this.")
@click.option("--crawled-at", type=click.DateTime(), help="When the pages were fetched (UTC).")
@click.option("--quiet", is_flag=True, help="Print only the summary and failures.")
@click.option(
    "--defer", is_flag=True, help="Store only; run the later stages with `newsdesk process`."
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str | None,
    crawled_at: datetime | None,
    quiet: bool,
    defer: bool,
) -> None:
    """Ingest files, folders (recursively) or - (standard input), then process new articles."""
    settings: Settings = ctx.obj
    crawled = crawled_at.replace(tzinfo=UTC) if crawled_at else None
    inputs = pipeline.list_inputs(list(paths))
    with store_from(ctx) as store:
        with progress_bar("ingesting", len(inputs)) as advance:
            report = pipeline.ingest_paths(
                store,
                inputs,
                settings.max_input_bytes,
                fmt=fmt,
                crawled_at=crawled,
                on_input=lambda outcome: advance(1),
            )
        stage_reports = [] if defer else run_stages(store)
        if not quiet and len(inputs) <= 200:
            _print_ingested(store, report)
    print_failures(report)
    print_summary(report, store.url)
    stage_failed = any(r.failed for r in stage_reports)
    sys.exit(1 if report.failed or stage_failed else 0)


def _print_ingested(store: Store, report: pipeline.IngestReport) -> None:
    rows = [
        a
        for o in report.outcomes
        if o.raw_id and o.status != "failed"
        for a in store.articles_from_raw(o.raw_id)
    ]
    if rows:
        out.print(articles_table(rows, title="Articles in these inputs"))


def print_failures(report: pipeline.IngestReport) -> None:
    for outcome in report.failed:
        err.print(
            f"[red]failed[/red] {escape(outcome.origin)}: {escape(outcome.error or '')}",
            soft_wrap=True,
        )


def print_summary(report: pipeline.IngestReport, url: str) -> None:
    out.print(
        f"{len(report.outcomes)} inputs: {report.count('parsed')} parsed, "
        f"{report.count('failed')} failed, {report.count('seen')} already ingested. "
        f"Articles: {report.changes('new')} new, {report.changes('updated')} updated, "
        f"{report.changes('unchanged')} unchanged. Store: {url}"
    )


@command()
@click.option("--workers", default=1, show_default=True, help="Worker processes (enrichment).")
@click.pass_context
def process(ctx: click.Context, workers: int) -> None:
    """Run every stage after ingestion over what is still pending (resumable)."""
    with store_from(ctx) as store:
        reports = run_stages(store, pipeline.StageOptions(workers=workers))
    for report in reports:
        failed = f", {len(report.failed)} failed" if report.failed else ""
        out.print(f"{report.stage}: {report.done} articles{failed}")
    sys.exit(1 if any(r.failed for r in reports) else 0)


@command()
@click.option("--limit", default=100, show_default=True)
@click.pass_context
def failures(ctx: click.Context, limit: int) -> None:
    """List inputs that failed and articles a stage failed on, with their reasons."""
    with store_from(ctx) as store:
        failed = store.raw_documents(RawStatus.FAILED, limit=limit)
        for raw in failed:
            out.print(
                f"input raw #{raw.id} {escape(raw.origin)}: {escape(raw.error or '')}",
                soft_wrap=True,
            )
        stage_failed = store.stage_failures(limit=limit)
        for f in stage_failed:
            retry = " (retry asked)" if f.retry else ""
            out.print(
                f"stage {f.stage} article {f.article_id[:10]} v{f.version} "
                f"{escape(f.title[:60])!r}: {escape(f.error)} "
                f"[dim]{f.failed_at:%Y-%m-%d %H:%M} UTC, {f.attempts} attempt(s){retry}[/dim]",
                soft_wrap=True,
            )
    out.print(f"{len(failed)} failed inputs, {len(stage_failed)} stage failures")


@command()
@click.option("--stage", type=click.Choice(pipeline.STAGE_NAMES), help="Only this stage's.")
@click.option("--article", "article_id", help="Only this article (its id or a prefix).")
@click.pass_context
def retry(ctx: click.Context, stage: str | None, article_id: str | None) -> None:
    """Run the stage failures again (once their cause is fixed), then every later stage."""
    with store_from(ctx) as store:
        count = pipeline.retry(store, stage, article_id)
        reports = run_stages(store)
    still = sum(len(r.failed) for r in reports)
    out.print(f"retried {count} stage failures; {still} failed again")
    sys.exit(1 if still else 0)
