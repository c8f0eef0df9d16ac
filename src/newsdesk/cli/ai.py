"""Commands over the offline AI features: keypoints, why, brief, perspectives, ask, wrapup.

Every sentence printed is a source's own, followed by its citation (source, date, paragraph).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.markup import escape

from newsdesk import ai
from newsdesk.ai.cite import Cited
from newsdesk.ai.model import LocalModel, ModelUnavailable, Written, write_answer, write_brief
from newsdesk.ai.shapes import (
    answer_json,
    brief_json,
    key_points_json,
    perspectives_json,
    why_json,
    wrapup_json,
)
from newsdesk.ai.wrapup import latest_day
from newsdesk.cli.main import command, err, out, store_from

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
MODEL_OPTION = click.option(
    "--model",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A local GGUF model that rewrites the cited sentences (each checked against them); "
    "default: NEWSDESK_AI_MODEL.",
)


def _model(path: Path) -> LocalModel:
    try:
        return LocalModel(path)
    except ModelUnavailable as error:
        err.print(f"[red]newsdesk: {escape(str(error))}[/red]")
        sys.exit(2)


def _print_written(written: Written) -> None:
    """A local model's sentences (those that passed the grounding check), or say why not."""
    if written.used_model:
        out.print("[bold]Written by the local model from the passages below (checked):[/bold]")
        for sentence in written.sentences:
            out.print(f"  {escape(sentence)}", soft_wrap=True)
    elif written.raw:
        out.print("[dim]The local model's text failed the grounding check; the sources':[/dim]")
    for sentence, missing in written.check.dropped:
        out.print(
            f"  [dim]dropped: {escape(sentence)} (not in the sources: "
            f"{escape(', '.join(missing))})[/dim]",
            soft_wrap=True,
        )


def _print_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _print_cited(cited: Cited, first: str = "  ") -> None:
    out.print(f"{first}{escape(cited.text)}", soft_wrap=True)
    where = f"{cited.citation.label} · {cited.citation.href}"
    out.print(f"{' ' * max(len(first), 2)}[dim]— {escape(where)}[/dim]", soft_wrap=True)


@command()
@click.argument("article_id")
@JSON_OPTION
@click.pass_context
def keypoints(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """The key sentences of an article (LexRank), each with its paragraph."""
    with store_from(ctx) as store:
        stored = store.get_article(article_id)
        points = ai.key_points(stored)
    if as_json:
        _print_json(key_points_json(stored.id, points))
        return
    out.print(f"[bold]{escape(stored.article.title)}[/bold]")
    for point in points:
        _print_cited(point, "• ")


@command()
@click.argument("article_id")
@JSON_OPTION
@click.pass_context
def why(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Why an article matters: its own section, the storyline before it, figures changed."""
    with store_from(ctx) as store:
        found = ai.why_it_matters(store, article_id)
    if as_json:
        _print_json(why_json(found))
        return
    if found.own:
        out.print(f"[bold]{escape(found.heading or 'Why it matters')}[/bold] (the source's own)")
        for cited in found.own:
            _print_cited(cited)
    if found.earlier:
        out.print(f"[bold]Before this[/bold] in “{escape(found.storyline_title or '')}”")
        for story in found.earlier:
            day = f"{story.first_published:%Y-%m-%d}" if story.first_published else "undated"
            out.print(f"  {day} {escape(story.title)} ({escape(', '.join(story.sources))})")
            if story.lead:
                _print_cited(story.lead, "    ")
    for change in found.changes:
        out.print(
            f"[bold]{escape(change.measure)}[/bold]: {escape(change.before.text)} → "
            f"{escape(change.now.text)}"
        )
        _print_cited(change.before.cited, "  before: ")
        _print_cited(change.now.cited, "  now: ")
    if found.is_empty:
        out.print("Nothing stored says more about this article yet.")


@command()
@click.argument("story_id", type=int)
@click.option("--since", type=click.DateTime(), help="What changed since (UTC).")
@MODEL_OPTION
@JSON_OPTION
@click.pass_context
def brief(
    ctx: click.Context, story_id: int, since: datetime | None, model: Path | None, as_json: bool
) -> None:
    """A story's brief: what its sources agree on, what only one says, what changed."""
    with store_from(ctx) as store:
        found = ai.story_brief(store, story_id, since=since.replace(tzinfo=UTC) if since else None)
    if as_json:
        _print_json(brief_json(found))
        return
    model = model or ctx.find_root().obj.ai_model
    if model is not None:
        _print_written(write_brief(_model(model), found))
    out.print(
        f"[bold]{escape(found.story.title)}[/bold] "
        f"[dim]({found.article_count} articles, {found.source_count} sources)[/dim]"
    )
    if found.agreed:
        out.print("[bold]The sources agree[/bold]")
    for agreed in found.agreed:
        _print_cited(agreed.sentence)
        out.print(
            f"    [dim]also: {escape(', '.join(c.citation.label for c in agreed.also))}[/dim]"
        )
    for source, sentences in found.only_one:
        out.print(f"[bold]Only {escape(source)}[/bold]")
        for cited in sentences:
            _print_cited(cited)
    if found.changed:
        out.print(f"[bold]New {escape(found.since_reason)}[/bold]")
        for cited in found.changed:
            _print_cited(cited)


@command()
@click.argument("story_id", type=int)
@JSON_OPTION
@click.pass_context
def perspectives(ctx: click.Context, story_id: int, as_json: bool) -> None:
    """A story's sources side by side, and the figures they disagree on."""
    with store_from(ctx) as store:
        found = ai.story_perspectives(store, story_id)
    if as_json:
        _print_json(perspectives_json(found))
        return
    for disagreement in found.disagreements:
        out.print(f"[bold]Figures disagree: {escape(disagreement.measure)}[/bold]")
        for figure in disagreement.figures:
            _print_cited(figure.cited, f"  {escape(figure.text)}: ")
    for outlet in found.outlets:
        side = f" [dim]({escape(outlet.side)})[/dim]" if outlet.side else ""
        out.print(f"[bold]{escape(outlet.source)}[/bold]{side}")
        for cited in outlet.says:
            _print_cited(cited)


@command()
@click.argument("question")
@MODEL_OPTION
@JSON_OPTION
@click.pass_context
def ask(ctx: click.Context, question: str, model: Path | None, as_json: bool) -> None:
    """Answer a question with stored sentences, each cited, or say it is not stated."""
    with store_from(ctx) as store:
        answer = ai.ask(store, question)
    if as_json:
        _print_json(answer_json(answer))
        return
    if not answer.stated:
        out.print(f"{ai.NOT_STATED.capitalize()}.")
        sys.exit(1)
    model = model or ctx.find_root().obj.ai_model
    if model is not None:
        _print_written(write_answer(_model(model), answer))
    if answer.span:
        out.print(f"[bold]{escape(answer.span)}[/bold]")
    for cited in answer.sentences:
        _print_cited(cited)


@command()
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="The UTC day.")
@JSON_OPTION
@click.pass_context
def wrapup(ctx: click.Context, day: datetime | None, as_json: bool) -> None:
    """The day's top stories (the latest day by default), one or two cited sentences each."""
    with store_from(ctx) as store:
        found = ai.daily_wrapup(store, day.date() if day else latest_day(store))
    if as_json:
        _print_json(wrapup_json(found))
        return
    click.echo(ai.wrapup_text(found), nl=False)
