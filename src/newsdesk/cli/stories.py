"""Commands over duplicates and stories: stories, story, timeline, recluster."""

from __future__ import annotations

import sys

import click
from rich.markup import escape
from rich.table import Table

from newsdesk import pipeline
from newsdesk.cli.main import (
    command,
    err,
    format_date,
    one_entity,
    out,
    progress_bar,
    store_from,
)
from newsdesk.model import StoredArticle
from newsdesk.model.stories import Story
from newsdesk.store import Store


@command()
@click.option("--limit", default=20, show_default=True)
@click.pass_context
def stories(ctx: click.Context, limit: int) -> None:
    """The latest stories, with their article and source counts."""
    with store_from(ctx) as store:
        rows = store.list_stories(limit)
        total = store.count_stories()
    table = Table(title=f"{len(rows)} of {total} stories", title_justify="left")
    for column in ("id", "last", "articles", "sources", "title", "storyline"):
        table.add_column(column, no_wrap=column != "title")
    for story in rows:
        table.add_row(
            str(story.id),
            _day(story.last_published),
            str(len(story.article_ids)),
            str(len(story.sources)),
            escape(story.title),
            str(story.storyline_id),
        )
    out.print(table)


@command()
@click.argument("story_id", type=int)
@click.pass_context
def story(ctx: click.Context, story_id: int) -> None:
    """One story: its articles in time order, sources, entities and figures."""
    with store_from(ctx) as store:
        found = store.get_story(story_id)
        if found is None:
            err.print(f"newsdesk: no story {story_id}; `newsdesk stories` lists them")
            sys.exit(1)
        _print_story(store, found)


def _print_story(store: Store, found: Story) -> None:
    out.print(f"[bold]{escape(found.title)}[/bold]")
    out.print(
        f"[dim]story {found.id}, storyline {found.storyline_id}, "
        f"{_day(found.first_published)} to {_day(found.last_published)}[/dim]"
    )
    out.print(f"[dim]sources[/dim] {escape(', '.join(found.sources))}")
    names = [e.name for e in (store.get_entity(i) for i in found.main_entities) if e]
    out.print(f"[dim]entities[/dim] {escape(', '.join(names))}")
    members = store.get_articles(found.article_ids)
    table = Table(title="Articles", title_justify="left")
    for column in ("published", "source", "title", "copy of"):
        table.add_column(column)
    for article_id in found.article_ids:
        stored = members[article_id]
        original, _ = store.copies(article_id)
        table.add_row(
            format_date(stored.article.published, stored.article.date_text),
            escape(stored.article.source or "?"),
            escape(stored.article.title),
            original[:10] if original != article_id else "",
        )
    out.print(table)
    for row in store.find_figures(limit=200):
        if row.article_id in members:
            out.print(
                f"  [cyan]{escape(row.figure.text)}[/cyan] {escape(row.figure.item or '')} "
                f"[dim]({escape(row.source or '?')})[/dim]"
            )


@command()
@click.argument("name")
@click.pass_context
def timeline(ctx: click.Context, name: str) -> None:
    """A storyline (its id) or an entity (its name) over time: stories and figures by date."""
    with store_from(ctx) as store:
        if name.isdigit() and store.get_storyline(int(name)):
            line = store.get_storyline(int(name))
            out.print(f"[bold]Storyline {line.id}: {escape(line.title)}[/bold]")
            found = [s for s in (store.get_story(i) for i in line.story_ids) if s]
            for s in sorted(
                found, key=lambda s: (s.first_published is None, s.first_published or 0)
            ):
                out.print(
                    f"{_day(s.first_published):>10}  story {s.id:<5} "
                    f"{len(s.article_ids):>3} articles  "
                    f"{escape(s.title)}"
                )
            return
        entity = one_entity(store, name)
        out.print(f"[bold]{escape(entity.name)}[/bold] over time")
        rows = store.entity_articles(entity.id, limit=200)
        articles = store.get_articles([article_id for article_id, _ in rows])
        for article_id, count in rows:
            _print_line(store, articles[article_id], count)
        figures = store.find_figures(entity_ids=[entity.id], limit=50)
        if figures:
            out.print("\n[bold]Figures reported about it[/bold]")
            for row in sorted(figures, key=lambda r: (r.published_at is None, r.published_at or 0)):
                day = row.published_at.date().isoformat() if row.published_at else "?"
                out.print(
                    f"{day:>10}  {escape(row.figure.text):<28} {escape(row.figure.item or ''):<24} "
                    f"[dim]{escape(row.source or '?')}[/dim]"
                )


def _print_line(store: Store, stored: StoredArticle, count: int) -> None:
    a = stored.article
    story_id = store.story_of(stored.id)
    where = f"story {story_id}" if story_id is not None else ""
    out.print(
        f"{format_date(a.published, None):>22}  {count:>2}x  {escape(a.title)} "
        f"[dim]({escape(a.source or '?')}; {where})[/dim]"
    )


@command()
@click.pass_context
def recluster(ctx: click.Context) -> None:
    """Forget stories and duplicates and cluster every article again, in arrival order."""
    with store_from(ctx) as store:
        with progress_bar("clustering", store.count_articles()) as advance:
            report = pipeline.recluster(store, on_batch=advance)
        out.print(f"clustered {report.done} articles into {store.count_stories()} stories")


def _day(moment) -> str:  # type: ignore[no-untyped-def]
    return moment.date().isoformat() if moment else "?"
