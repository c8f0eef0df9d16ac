"""CLI commands over the enrichment stage: enrich, entities, entity, figures."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from newsdesk import pipeline
from newsdesk.cli import _store, err, main, out
from newsdesk.model.enrichment import Entity
from newsdesk.store import Store


def run_enrichment(store: Store, workers: int, knowledge: tuple[Path, ...] = ()) -> int:
    """Enrich what is pending, with a progress bar on the terminal for long runs."""
    return _with_progress(
        store,
        "enrich",
        "enriching",
        lambda step: pipeline.enrich_pending(store, workers, knowledge, on_batch=step),
    )


def run_later_stages(store: Store, workers: int = 1) -> None:
    """Every stage after ingestion, in order, over what is pending (fast when nothing is):
    entities and figures, then vectors for search, then duplicates and stories (which use both).
    """
    from newsdesk import embeddings

    run_enrichment(store, workers)
    _with_progress(
        store, "embed", "embedding", lambda step: embeddings.embed_pending(store, on_batch=step)
    )
    _with_progress(
        store, "stories", "clustering", lambda step: pipeline.stories_pending(store, step)
    )


def _with_progress(store: Store, stage: str, label: str, run) -> int:  # type: ignore[no-untyped-def]
    pending = len(store.pending(stage, limit=100_000))
    if pending == 0:
        return 0
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True, disable=pending < 20) as progress:
        task = progress.add_task(stage, total=pending)
        return run(lambda n: progress.advance(task, n))


@main.command()
@click.option("--workers", default=1, show_default=True, help="Worker processes.")
@click.pass_context
def process(ctx: click.Context, workers: int) -> None:
    """Run the stages after ingestion over every article still pending (resumable)."""
    with _store(ctx) as store:
        run_later_stages(store, workers)
    out.print("all stages are up to date")


@main.command()
@click.option("--workers", default=1, show_default=True, help="Worker processes.")
@click.option(
    "--all", "redo", is_flag=True, help="Enrich every article again (after the knowledge changed)."
)
@click.option(
    "--knowledge",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An extra knowledge file (TOML), after the bundled ones.",
)
@click.pass_context
def enrich(ctx: click.Context, workers: int, redo: bool, knowledge: tuple[Path, ...]) -> None:
    """Find entities, figures, language and keywords in articles not enriched yet."""
    with _store(ctx) as store:
        if redo:
            store.reset_stage("enrich")
        done = run_enrichment(store, workers, knowledge)
    out.print(f"enriched {done} articles")


@main.command()
@click.option("--limit", default=30, show_default=True)
@click.option(
    "--type", "entity_type", type=click.Choice(["person", "org", "country", "place", "group"])
)
@click.pass_context
def entities(ctx: click.Context, limit: int, entity_type: str | None) -> None:
    """Top entities by the number of articles naming them, with the variants seen."""
    with _store(ctx) as store:
        rows = store.top_entities(limit, entity_type)
    table = Table(title="Entities", title_justify="left")
    for name in ("entity", "type", "articles", "mentions", "written as"):
        table.add_column(name, justify="right" if name in ("articles", "mentions") else "left")
    for row in rows:
        table.add_row(
            escape(row.entity.name),
            row.entity.type,
            str(row.articles),
            str(row.mentions),
            escape(", ".join(row.variants[:6])),
        )
    out.print(table)


@main.command()
@click.argument("name")
@click.pass_context
def entity(ctx: click.Context, name: str) -> None:
    """One entity: who or what it is, its mentions over time, and who appears beside it."""
    with _store(ctx) as store:
        found = _one_entity(store, name)
        out.print(f"[bold]{escape(found.name)}[/bold]  [dim]{found.id} ({found.type})[/dim]")
        if found.roles:
            out.print(escape("; ".join(found.roles)))
        if found.aliases:
            out.print(f"[dim]also written[/dim] {escape(', '.join(found.aliases))}")
        out.print()
        table = Table(title="Mentions over time", title_justify="left")
        for column in ("day", "articles", "mentions", ""):
            table.add_column(column)
        for day, articles_count, mention_count in store.entity_timeline(found.id):
            table.add_row(
                day.isoformat() if day else "date unknown",
                str(articles_count),
                str(mention_count),
                "█" * min(mention_count, 40),
            )
        out.print(table)
        beside = store.co_mentioned(found.id, limit=10)
        if beside:
            out.print(
                "[dim]named beside it:[/dim] "
                + escape(", ".join(f"{e.name} ({n})" for e, n in beside))
            )


def _one_entity(store: Store, name: str) -> Entity:
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


@main.command()
@click.option(
    "--about", help="A word in what was counted, its unit or its sentence (e.g. troops, coal, won)."
)
@click.option("--entity", "entity_name", help="Only figures whose subject is this entity.")
@click.option("--limit", default=50, show_default=True)
@click.pass_context
def figures(ctx: click.Context, about: str | None, entity_name: str | None, limit: int) -> None:
    """Reported figures: date, source, value, unit, what was counted, and the sentence."""
    with _store(ctx) as store:
        entity_ids = [_one_entity(store, entity_name).id] if entity_name else None
        rows = store.find_figures(about=about, entity_ids=entity_ids, limit=limit)
    table = Table(title=f"{len(rows)} figures", title_justify="left", show_lines=True)
    for column in ("date", "source", "value", "unit", "what", "about", "sentence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        f = row.figure
        table.add_row(
            row.published_at.date().isoformat() if row.published_at else "?",
            escape(row.source or "?"),
            escape(_value_text(f)),
            escape(f.unit or ""),
            escape(f.item or ""),
            escape(f.subject_entity_id or ""),
            escape(f.sentence),
        )
    out.print(table)


def _value_text(figure) -> str:  # type: ignore[no-untyped-def]
    """ "≈3,000", "17.38 million", "+39%": the figure as reported, qualifiers kept."""
    number = f"{figure.number:,.2f}".rstrip("0").rstrip(".")
    text = f"{number} {figure.scale}" if figure.scale else number
    if figure.low is not None and figure.high is not None and figure.high != figure.low:
        text = f"{figure.low:,.0f}–{figure.high:,.0f}"
    if figure.qualifier_text:
        text = f"{figure.qualifier_text} {text}"
    if figure.is_change:
        text = f"change: {figure.direction or ''} {text}".replace("  ", " ")
    return text
