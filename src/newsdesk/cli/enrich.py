"""Commands over the enrichment stage: enrich, entities, entity, figures, ledger."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from newsdesk import pipeline
from newsdesk.cli.main import command, one_entity, out, run_stages, store_from
from newsdesk.views import figure_ledger


@command()
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
    """Find entities, figures, language and keywords in articles not enriched yet (and run
    the stages after it)."""
    with store_from(ctx) as store:
        if redo:
            store.reset_stage("enrich")
        options = pipeline.StageOptions(workers=workers, knowledge_files=knowledge)
        reports = run_stages(store, options)
    enriched = next(r for r in reports if r.stage == "enrich")
    out.print(f"enriched {enriched.done} articles")


@command()
@click.option("--limit", default=30, show_default=True)
@click.option(
    "--type", "entity_type", type=click.Choice(["person", "org", "country", "place", "group"])
)
@click.pass_context
def entities(ctx: click.Context, limit: int, entity_type: str | None) -> None:
    """Top entities by the number of articles naming them, with the variants seen."""
    with store_from(ctx) as store:
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


@command()
@click.argument("name")
@click.pass_context
def entity(ctx: click.Context, name: str) -> None:
    """One entity: who or what it is, its mentions over time, and who appears beside it."""
    with store_from(ctx) as store:
        found = one_entity(store, name)
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


@command()
@click.option(
    "--about", help="A word in what was counted, its unit or its sentence (e.g. troops, coal, won)."
)
@click.option("--entity", "entity_name", help="Only figures whose subject is this entity.")
@click.option("--measure", help="Only figures that count this (deployed, killed, shells...).")
@click.option("--limit", default=50, show_default=True)
@click.pass_context
def figures(
    ctx: click.Context, about: str | None, entity_name: str | None, measure: str | None, limit: int
) -> None:
    """Reported figures: date, source, value, unit, what was counted, and the sentence."""
    with store_from(ctx) as store:
        entity_ids = [one_entity(store, entity_name).id] if entity_name else None
        rows = store.find_figures(about=about, entity_ids=entity_ids, limit=limit, measure=measure)
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


@command()
@click.argument("name")
@click.argument("measure")
@click.pass_context
def ledger(ctx: click.Context, name: str, measure: str) -> None:
    """One measure of one entity over time (e.g. `ledger "North Korea" deployed`): each number,
    who claims it, its source; numbers that disagree with another claimant's are marked."""
    with store_from(ctx) as store:
        subject = one_entity(store, name)
        found = figure_ledger(store, subject, measure)
    table = Table(
        title=f"{subject.name}: {measure} ({len(found.disagreements)} disagreements)",
        title_justify="left",
    )
    for column in ("date", "value", "claimant", "source", ""):
        table.add_column(column, overflow="fold")
    for point in found.points:
        table.add_row(
            (f"as of {point.figure.as_of}" if point.figure.as_of else None)
            or (point.day.isoformat() if point.day else "?"),
            escape(_value_text(point.figure)),
            escape(point.claimant),
            escape(point.source or "?"),
            "disputed" if found.disputed(point) else "",
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
