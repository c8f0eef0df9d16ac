"""`newsdesk sources …`: follow, list, pause and unfollow sources; OPML in and out."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import click
from rich.markup import escape
from rich.table import Table

from newsdesk.cli.main import db_option, err, main, out, store_from
from newsdesk.live import follow as following
from newsdesk.model.live import Source
from newsdesk.views import source_json


@main.group()
def sources() -> None:
    """Sources newsdesk follows by itself (feeds, WordPress sites, sitemaps, section pages)."""


@sources.command("add")
@click.argument("url")
@click.option("--name", help="A name to show instead of the one the source gives.")
@click.option(
    "--every",
    default=following.DEFAULT_EVERY,
    show_default=True,
    help="How often to poll: 90s, 15m, 2h, 1d.",
)
@db_option
@click.pass_context
def add(ctx: click.Context, url: str, name: str | None, every: str) -> None:
    """Follow URL; what it is (feed, WordPress, sitemap, page) is found on its first poll."""
    with store_from(ctx) as store:
        source, created = following.follow(store, url, name, every)
    if created:
        out.print(
            f"following source {source.id}: {escape(source.url)} every {_every(source)}"
            " (`newsdesk fetch` polls it now)"
        )
    else:
        out.print(f"already following {escape(source.url)} as source {source.id}")


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
@click.pass_context
def list_sources(ctx: click.Context, as_json: bool) -> None:
    """Every followed source and how its polling goes."""
    with store_from(ctx) as store:
        found = store.list_sources()
    if as_json:
        for source in found:
            out.print_json(json.dumps(source_json(source)), indent=None)
        return
    if not found:
        out.print("no sources followed yet: `newsdesk sources add URL` or `sources import FILE`")
        return
    table = Table(title=f"{len(found)} sources", title_justify="left")
    for column in ("id", "name", "kind", "every", "state", "last fetch", "new", "total", "error"):
        table.add_column(column, overflow="ellipsis", no_wrap=column != "error")
    for s in found:
        table.add_row(
            str(s.id),
            escape(s.name or s.url),
            s.kind.value if s.kind else "?",
            _every(s),
            s.state,
            _when(s.last_fetch_at),
            str(s.articles_new),
            str(s.articles_total),
            escape(s.last_error or ""),
        )
    out.print(table)


@sources.command("show")
@click.argument("source_id", type=int)
@db_option
@click.pass_context
def show(ctx: click.Context, source_id: int) -> None:
    """One source in full, as JSON."""
    with store_from(ctx) as store:
        source = store.get_source(source_id)
        record = source_json(source) | {"raw_documents": store.source_raw_count(source_id)}
    out.print_json(json.dumps(record))


@sources.command("remove")
@click.argument("source_id", type=int)
@db_option
@click.pass_context
def remove(ctx: click.Context, source_id: int) -> None:
    """Stop following a source (what it brought in stays)."""
    with store_from(ctx) as store:
        source = store.get_source(source_id)
        store.remove_source(source_id)
    out.print(f"no longer following source {source_id}: {escape(source.url)}")


def _set_paused(ctx: click.Context, source_id: int, paused: bool) -> None:
    with store_from(ctx) as store:
        source = store.get_source(source_id)
        source.paused = paused
        store.save_source(source)
    out.print(f"source {source_id} {'paused' if paused else 'resumed'}: {escape(source.url)}")


@sources.command("pause")
@click.argument("source_id", type=int)
@db_option
@click.pass_context
def pause(ctx: click.Context, source_id: int) -> None:
    """Stop polling a source for now."""
    _set_paused(ctx, source_id, True)


@sources.command("resume")
@click.argument("source_id", type=int)
@db_option
@click.pass_context
def resume(ctx: click.Context, source_id: int) -> None:
    """Poll a paused source again."""
    _set_paused(ctx, source_id, False)


@sources.command("import")
@click.argument("opml_file", type=click.File("rb"))
@click.option("--every", default=following.DEFAULT_EVERY, show_default=True)
@db_option
@click.pass_context
def import_(ctx: click.Context, opml_file: click.utils.LazyFile, every: str) -> None:
    """Follow every feed an OPML file lists (read from the file only: nothing is fetched)."""
    data = opml_file.read()
    with store_from(ctx) as store:
        report = following.import_opml(store, data, opml_file.name, every)
    out.print(
        f"{len(report.added)} sources added, {len(report.already)} already followed, "
        f"{len(report.skipped)} skipped"
    )
    # Skipped outlines (not a feed, listed twice, a hostile address) are reported, not fatal.
    for what, why in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {escape(what)}: {escape(why)}", soft_wrap=True)


@sources.command("export")
@db_option
@click.pass_context
def export(ctx: click.Context) -> None:
    """Every followed source as OPML 2.0 on standard output."""
    with store_from(ctx) as store:
        data = following.export_opml(store)
    sys.stdout.buffer.write(data)


def _every(source: Source) -> str:
    seconds = source.every_seconds
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "never"
    minutes = int((datetime.now(UTC) - moment).total_seconds() // 60)
    return (
        "just now"
        if minutes < 1
        else f"{minutes} min ago"
        if minutes < 120
        else moment.strftime("%Y-%m-%d %H:%M")
    )
