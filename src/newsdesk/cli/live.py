"""`newsdesk fetch` (poll every due source once, for cron) and `newsdesk worker` (share the work
of several machines through the PostgreSQL queue)."""

from __future__ import annotations

import sys
from collections import Counter

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from newsdesk.cli.main import command, err, out, run_stages, store_from
from newsdesk.fetch import Fetcher
from newsdesk.live.poll import PollReport
from newsdesk.live.schedule import poll_due
from newsdesk.settings import Settings


@command()
@click.option("--no-stages", is_flag=True, help="Only fetch; leave the stages to `process`.")
@click.pass_context
def fetch(ctx: click.Context, no_stages: bool) -> None:
    """Poll every followed source that is due, once, then run the stages on what arrived."""
    settings: Settings = ctx.find_root().obj
    with store_from(ctx) as store:
        columns = (TextColumn("polling sources"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("poll", total=None, visible=False)

            def claimed(count: int) -> None:  # a bar only for long work
                progress.update(task, total=count, visible=count >= 5)

            with Fetcher(settings.fetch) as fetcher:
                reports = poll_due(
                    store,
                    fetcher,
                    settings.max_input_bytes,
                    on_claimed=claimed,
                    on_polled=lambda _: progress.advance(task),
                )
        if not no_stages and any(r.articles_new for r in reports):
            run_stages(store)
    _print_polls(reports)
    if any(r.status == "failed" for r in reports):
        sys.exit(1)


def _print_polls(reports: list[PollReport]) -> None:
    if not reports:
        out.print("no source is due (`newsdesk sources list` shows when each is next)")
        return
    for report in reports:
        if report.status == "failed":
            err.print(
                f"[red]failed[/red] {escape(report.url)}: {escape(report.error or '')}",
                soft_wrap=True,
            )
    counts = Counter(r.status for r in reports)
    new = sum(r.articles_new for r in reports)
    parts = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    out.print(f"polled {len(reports)} sources ({parts}): {new} new articles")


@command()
@click.option("--concurrency", default=1, show_default=True, help="Jobs run at once.")
@click.option("--name", help="This worker's name in the queue (default: chosen for it).")
@click.option("--until-idle", is_flag=True, help="Stop when no job is waiting (for tests, batch).")
@click.pass_context
def worker(ctx: click.Context, concurrency: int, name: str | None, until_idle: bool) -> None:
    """Take polls and stage runs from the PostgreSQL queue; run one on each machine that
    shares the store. Ctrl-C (or SIGTERM) finishes the job at hand, then stops."""
    from newsdesk.live.queue import run_worker

    settings: Settings = ctx.find_root().obj
    try:
        run_worker(
            settings.db_url, settings, concurrency=concurrency, name=name, wait=not until_idle
        )
    except ValueError as error:
        err.print(f"[red]newsdesk: {escape(str(error))}[/red]")
        sys.exit(2)
