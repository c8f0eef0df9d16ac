"""Commands that read stored articles: articles, show, export."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
from rich.markup import escape

from newsdesk.cli.main import articles_table, command, err, flags_text, format_date, out, store_from
from newsdesk.model import StoredArticle, Timestamp
from newsdesk.store import Store
from newsdesk.views import article_json, export_json


@command()
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--source", help="Only this publisher.")
@click.option("--since", type=click.DateTime(), help="Published at or after (UTC).")
@click.option("--until", type=click.DateTime(), help="Published before (UTC).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.pass_context
def articles(
    ctx: click.Context,
    limit: int,
    offset: int,
    source: str | None,
    since: datetime | None,
    until: datetime | None,
    as_json: bool,
) -> None:
    """List stored articles, newest first."""
    utc = lambda d: d.replace(tzinfo=UTC) if d else None  # noqa: E731
    with store_from(ctx) as store:
        rows = store.list_articles(limit, offset, source, utc(since), utc(until))
        if as_json:
            for stored in rows:
                click.echo(
                    json.dumps(article_json(store, stored, provenance=False), ensure_ascii=False)
                )
            return
        out.print(articles_table(rows, title=f"{len(rows)} of {store.count_articles()} articles"))


@command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="The whole record as JSON.")
@click.pass_context
def show(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, clean text, and where it came from."""
    with store_from(ctx) as store:
        stored = store.get_article(article_id)
        if as_json:
            click.echo(json.dumps(article_json(store, stored), ensure_ascii=False, indent=2))
            return
        _print_article(store, stored)


def _print_article(store: Store, stored: StoredArticle) -> None:
    a = stored.article
    out.print(f"[bold]{escape(a.title)}[/bold]")
    meta = [
        ("id", f"{stored.id} (version {stored.version})"),
        ("source", a.source),
        ("site", a.site),
        ("url", a.url),
        ("guid", a.guid),
        ("authors", ", ".join(a.authors) or "unknown"),
        ("published", _date_full(a.published, a.date_text)),
        ("updated", _date_full(a.updated, None) if a.updated else None),
        ("language", a.language),
        ("tags", ", ".join(a.tags) or None),
        ("words", str(a.word_count)),
        ("flags", flags_text(stored) or None),
        ("found on", a.found_on),
    ]
    for name, value in meta:
        if value:
            out.print(f"[dim]{name:>10}[/dim]  {escape(value)}", soft_wrap=True)
    for note in a.notes:
        out.print(f"[yellow]{'note':>10}[/yellow]  {escape(note)}", soft_wrap=True)
    for section in a.sections:
        out.print()
        if section.heading:
            out.print(f"[bold underline]{escape(section.heading)}[/bold underline]\n")
        for paragraph in section.paragraphs:
            out.print(paragraph, soft_wrap=True, markup=False)
            out.print()
    out.print("[dim]Provenance[/dim]")
    for s in store.provenance(stored.id):
        out.print(
            f"  raw #{s.raw_document_id} {escape(s.origin)} ({s.format}, sha256 {s.sha256[:12]}…, "
            f"received {s.received_at:%Y-%m-%d %H:%M} UTC, version {s.version})",
            soft_wrap=True,
        )


def _date_full(stamp: Timestamp | None, date_text: str | None) -> str:
    if stamp is None:
        return f"unknown (source says {date_text!r})" if date_text else "unknown"
    text = format_date(stamp, None)
    if stamp.utc_offset_minutes is not None:
        hours, minutes = divmod(abs(stamp.utc_offset_minutes), 60)
        sign = "+" if stamp.utc_offset_minutes >= 0 else "-"
        text += f" (source's zone UTC{sign}{hours:02d}:{minutes:02d})"
    return text


@command()
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="File to write (default: standard output).",
)
@click.pass_context
def export(ctx: click.Context, fmt: str, output) -> None:  # type: ignore[no-untyped-def]
    """Write every article as one JSON object a line: its fields, provenance, entities,
    figures, keywords, story and duplicate group."""
    with store_from(ctx) as store:
        count = 0
        for stored in store.iter_articles():
            output.write(json.dumps(export_json(store, stored), ensure_ascii=False) + "\n")
            count += 1
    err.print(f"exported {count} articles")
