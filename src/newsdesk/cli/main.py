"""The `newsdesk` command group and what its commands share: the store, output, formatting.

Exit status: 0 when everything worked, 1 when some inputs failed (or a record was not found),
2 for a usage error or a store that cannot be opened.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from newsdesk import pipeline
from newsdesk.errors import NewsdeskError, NotFound, StoreError
from newsdesk.model import StoredArticle, Timestamp
from newsdesk.model.enrichment import Entity
from newsdesk.settings import DB_ENV, Settings
from newsdesk.store import Store, open_store

# Piped output is not squeezed to 80 columns: tables stay one row per article.
out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True, highlight=False)
PROGRESS_MIN_ARTICLES = 20
DB_HELP = "Store URL: a SQLite path, sqlite:///… or postgresql://…"


@click.group()
@click.option("--db", envvar=DB_ENV, help=DB_HELP)
@click.version_option(package_name="newsdesk")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """newsdesk: ingest news in any form into a clean, searchable store."""
    settings = Settings()
    if db:
        settings.db_url = db
    ctx.obj = settings


def _db_after_command(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.find_root().obj.db_url = value


def db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """`--db` accepted after a command's name too, as users type it."""
    return click.option("--db", help=DB_HELP, expose_value=False, callback=_db_after_command)(
        function
    )


def command(
    name: str | None = None, **options: Any
) -> Callable[[Callable[..., Any]], click.Command]:
    """`@main.command()` that also takes `--db` after the command name."""

    def register(function: Callable[..., Any]) -> click.Command:
        return main.command(name, **options)(db_option(function))

    return register


@contextmanager
def store_from(ctx: click.Context) -> Iterator[Store]:
    """The store the command names; a usage or store error ends the command with a message."""
    settings: Settings = ctx.find_root().obj
    try:
        store = open_store(settings.db_url)
    except StoreError as error:
        err.print(f"[red]newsdesk: {escape(str(error))}[/red]")
        sys.exit(2)
    try:
        yield store
    except NotFound as error:
        err.print(f"newsdesk: {escape(str(error))}")
        sys.exit(1)
    except NewsdeskError as error:
        err.print(f"[red]newsdesk: {escape(str(error))}[/red]")
        sys.exit(2)
    finally:
        store.close()


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error for long work; `advance(n)` moves it on."""
    if total < PROGRESS_MIN_ARTICLES:
        yield lambda done: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda done: progress.advance(task, done)


def run_stages(
    store: Store, options: pipeline.StageOptions | None = None
) -> list[pipeline.StageReport]:
    """Every stage after ingestion over what is pending, with a progress bar per stage."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    progress = Progress(*columns, TimeRemainingColumn(), console=err, transient=True)

    def on_stage(stage: pipeline.Stage, pending: int) -> Callable[[int], None]:
        if pending < PROGRESS_MIN_ARTICLES:
            return lambda done: None
        progress.start()  # only once there is long work: a quiet run prints nothing
        task = progress.add_task(stage.label, total=pending)
        return lambda done: progress.advance(task, done)

    try:
        reports = pipeline.advance(store, options, on_stage=on_stage)
    finally:
        if progress.task_ids:
            progress.stop()
    for report in reports:
        if report.unavailable:
            err.print(
                f"[yellow]{report.stage} stage skipped: {escape(report.unavailable)}[/yellow]"
            )
        for failure in report.failed:
            err.print(
                f"[red]{report.stage} failed[/red] on article {failure.article_id[:10]}: "
                f"{escape(failure.error)} (skipped; `newsdesk failures`, `newsdesk retry`)",
                soft_wrap=True,
            )
    return reports


def articles_table(rows: list[StoredArticle], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=False)
    for name, style in (
        ("id", "dim"),
        ("source", ""),
        ("published", ""),
        ("title", "bold"),
        ("words", ""),
        ("flags", "yellow"),
    ):
        table.add_column(
            name,
            style=style,
            justify="right" if name == "words" else "left",
            no_wrap=True,
            overflow="ellipsis",
            ratio=3 if name == "title" else None,
        )
    for stored in rows:
        a = stored.article
        cells = (
            stored.id[:10],
            a.source or "?",
            format_date(a.published, a.date_text),
            a.title,
            str(a.word_count),
            flags_text(stored),
        )
        table.add_row(*(escape(cell) for cell in cells))
    return table


def format_date(stamp: Timestamp | None, date_text: str | None) -> str:
    if stamp is None:
        return f"unknown ({date_text})" if date_text else "unknown"
    if stamp.precision == "day":
        return stamp.utc.strftime("%Y-%m-%d")
    return stamp.utc.strftime("%Y-%m-%d %H:%M UTC")


def flags_text(stored: StoredArticle) -> str:
    a = stored.article
    flags = [
        name
        for name, on in (
            ("truncated", a.is_truncated),
            ("teaser", a.is_teaser),
            ("related", a.relation.value == "related"),
        )
        if on
    ]
    if stored.version > 1:
        flags.append(f"v{stored.version}")
    return " ".join(flags)


def one_entity(store: Store, name: str) -> Entity:
    found = store.find_entities(name)
    if not found:
        err.print(f"newsdesk: no entity called {escape(name)!r}; `newsdesk entities` lists them")
        sys.exit(1)
    if len(found) > 1 and not found[0].known:
        names = ", ".join(f"{e.name} ({e.id})" for e in found)
        err.print(
            f"[yellow]{escape(name)!r} names several entities: {escape(names)}; "
            "showing the first[/yellow]"
        )
    return found[0]
