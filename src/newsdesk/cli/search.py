"""Commands over search: embed, search."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import click
from rich.markup import escape
from rich.text import Text

from newsdesk import embeddings, pipeline, search
from newsdesk.cli.main import command, err, format_date, out, progress_bar, store_from
from newsdesk.views import hit_json


@command()
@click.option("--batch-size", default=64, show_default=True, help="Articles per model run.")
@click.pass_context
def embed(ctx: click.Context, batch_size: int) -> None:
    """Embed every article not embedded yet (title and lead), for search by meaning."""
    options = pipeline.StageOptions(embed_batch_size=batch_size)
    with store_from(ctx) as store:
        pending = store.count_pending(pipeline.EMBED.name)
        with progress_bar("embedding", pending) as advance:
            report = pipeline.run_stage(store, pipeline.EMBED, options, on_batch=advance)
    if report.unavailable:
        err.print(f"[red]newsdesk: {escape(report.unavailable)}[/red]")
        sys.exit(2)
    out.print(f"{report.done} articles embedded ({embeddings.MODEL_ID}). Store: {store.url}")


@command("search")
@click.argument("query")
@click.option(
    "--mode",
    type=click.Choice(["hybrid", "fulltext", "semantic"]),
    default="hybrid",
    show_default=True,
    help="Words, meaning, or both.",
)
@click.option("--source", help="Only this publisher.")
@click.option("--language", help="Only this language (e.g. en).")
@click.option("--since", type=click.DateTime(), help="Published at or after (UTC).")
@click.option("--until", type=click.DateTime(), help="Published before (UTC).")
@click.option("--entity", help="Only articles naming this entity (id or name).")
@click.option("--story", help="Only articles of this story (its id).")
@click.option("--newest", is_flag=True, help="Latest published first, not best first.")
@click.option("--limit", default=10, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.pass_context
def search_command(
    ctx: click.Context,
    query: str,
    mode: str,
    source: str | None,
    language: str | None,
    since: datetime | None,
    until: datetime | None,
    entity: str | None,
    story: str | None,
    newest: bool,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Search stored articles: words must all match; "a phrase", prefix*, -excluded."""

    utc = lambda d: d.replace(tzinfo=UTC) if d else None  # noqa: E731
    with store_from(ctx) as store:
        page = search.search(
            store,
            query,
            mode,
            source=source,
            language=language,
            since=utc(since),
            until=utc(until),
            entity=entity,
            story=story,
            limit=limit,
            offset=offset,
            order="newest" if newest else "relevance",
        )
    for note in page.notes:
        err.print(f"[yellow]note[/yellow] {escape(note)}")
    if as_json:
        for hit in page.hits:
            click.echo(json.dumps(hit_json(hit), ensure_ascii=False))
        return
    for rank, hit in enumerate(page.hits, start=offset + 1):
        a = hit.article.article
        out.print(
            f"[bold]{rank}. {escape(a.title)}[/bold]  [dim]{hit.article.id[:10]} · "
            f"{escape(a.source or '?')} · {format_date(a.published, a.date_text)} · "
            f"{'+'.join(hit.matched_by)} {hit.score:.3f}[/dim]",
            soft_wrap=True,
        )
        out.print(_highlight_text(hit.snippet), soft_wrap=True)
    out.print(f"[dim]{len(page.hits)} results in {page.took_ms:.0f} ms[/dim]")


def _highlight_text(value):  # type: ignore[no-untyped-def]

    text = Text(value.text)
    for start, end in value.highlights:
        text.stylize("bold yellow", start, end)
    return text
