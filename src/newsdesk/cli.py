"""The `newsdesk` command: a thin shell over the pipeline and the store.

Exit status: 0 when everything worked, 1 when some inputs failed (or a record was not found),
2 for a usage error or a store that cannot be opened.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from newsdesk import pipeline
from newsdesk.errors import NewsdeskError, NotFound, StoreError
from newsdesk.export import article_json
from newsdesk.ingest import FORMATS
from newsdesk.model import RawStatus, StoredArticle, Timestamp
from newsdesk.settings import DB_ENV, Settings
from newsdesk.store import Store, open_store

# Piped output is not squeezed to 80 columns: tables stay one row per article.
out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True, highlight=False)
_PROGRESS_MIN_INPUTS = 20


@click.group()
@click.option("--db", envvar=DB_ENV, help="Store URL: a SQLite path, sqlite:///… or postgresql://…")
@click.version_option(package_name="newsdesk")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """newsdesk: ingest news in any form into a clean, searchable store."""
    settings = Settings()
    if db:
        settings.db_url = db
    ctx.obj = settings


@contextmanager
def _store(ctx: click.Context) -> Iterator[Store]:
    settings: Settings = ctx.obj
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


@main.command()
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
    with _store(ctx) as store:
        with _progress(len(inputs)) as advance:
            report = pipeline.ingest_paths(
                store,
                inputs,
                settings.max_input_bytes,
                fmt=fmt,
                crawled_at=crawled,
                on_input=advance,
            )
        if not defer:
            from newsdesk.cli_enrich import run_later_stages

            run_later_stages(store)
        if not quiet and len(inputs) <= 200:
            _print_ingested(store, report)
    _print_failures(report)
    _print_summary(report, store.url)
    sys.exit(1 if report.failed else 0)


@contextmanager
def _progress(total: int) -> Iterator:
    if total < _PROGRESS_MIN_INPUTS:
        yield lambda outcome: None
        return
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=total)
        yield lambda outcome: progress.advance(task)


def _print_ingested(store: Store, report: pipeline.IngestReport) -> None:
    rows = [
        a
        for o in report.outcomes
        if o.raw_id and o.status != "failed"
        for a in store.articles_from_raw(o.raw_id)
    ]
    if rows:
        out.print(_articles_table(rows, title="Articles in these inputs"))


def _print_failures(report: pipeline.IngestReport) -> None:
    for outcome in report.failed:
        err.print(
            f"[red]failed[/red] {escape(outcome.origin)}: {escape(outcome.error or '')}",
            soft_wrap=True,
        )


def _print_summary(report: pipeline.IngestReport, url: str) -> None:
    out.print(
        f"{len(report.outcomes)} inputs: {report.count('parsed')} parsed, "
        f"{report.count('failed')} failed, {report.count('seen')} already ingested. "
        f"Articles: {report.changes('new')} new, {report.changes('updated')} updated, "
        f"{report.changes('unchanged')} unchanged. Store: {url}"
    )


def _articles_table(rows: list[StoredArticle], title: str) -> Table:
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
            _date(a.published, a.date_text),
            a.title,
            str(a.word_count),
            _flags(stored),
        )
        table.add_row(*(escape(cell) for cell in cells))
    return table


def _date(stamp: Timestamp | None, date_text: str | None) -> str:
    if stamp is None:
        return f"unknown ({date_text})" if date_text else "unknown"
    if stamp.precision == "day":
        return stamp.utc.strftime("%Y-%m-%d")
    return stamp.utc.strftime("%Y-%m-%d %H:%M UTC")


def _flags(stored: StoredArticle) -> str:
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


@main.command()
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
    with _store(ctx) as store:
        rows = store.list_articles(limit, offset, source, utc(since), utc(until))
        if as_json:
            for stored in rows:
                click.echo(
                    json.dumps(article_json(store, stored, provenance=False), ensure_ascii=False)
                )
            return
        out.print(_articles_table(rows, title=f"{len(rows)} of {store.count_articles()} articles"))


@main.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="The whole record as JSON.")
@click.pass_context
def show(ctx: click.Context, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, clean text, and where it came from."""
    with _store(ctx) as store:
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
        ("flags", _flags(stored) or None),
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
    text = _date(stamp, None)
    if stamp.utc_offset_minutes is not None:
        hours, minutes = divmod(abs(stamp.utc_offset_minutes), 60)
        sign = "+" if stamp.utc_offset_minutes >= 0 else "-"
        text += f" (source's zone UTC{sign}{hours:02d}:{minutes:02d})"
    return text


@main.command()
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
    """Write every article, with its provenance, as one JSON object a line."""
    with _store(ctx) as store:
        count = 0
        for stored in store.iter_articles():
            output.write(json.dumps(article_json(store, stored), ensure_ascii=False) + "\n")
            count += 1
    err.print(f"exported {count} articles")


@main.command()
@click.option("--limit", default=100, show_default=True)
@click.pass_context
def failures(ctx: click.Context, limit: int) -> None:
    """List inputs that failed, with their reasons (their raw bytes are kept)."""
    with _store(ctx) as store:
        failed = store.raw_documents(RawStatus.FAILED, limit=limit)
        for raw in failed:
            out.print(
                f"raw #{raw.id} {escape(raw.origin)}: {escape(raw.error or '')}", soft_wrap=True
            )
        out.print(f"{len(failed)} failed inputs")


# Search, the API and the reader ------------------------------------------------------------


@main.command()
@click.option("--batch-size", default=64, show_default=True, help="Articles per model run.")
@click.pass_context
def embed(ctx: click.Context, batch_size: int) -> None:
    """Embed every article not embedded yet (title and lead), for search by meaning."""
    from newsdesk import embeddings

    with _store(ctx) as store:
        count = 0

        def progress(done: int) -> None:
            nonlocal count
            count += done
            err.print(f"embedded {count} articles…", end="\r")

        done = embeddings.embed_pending(store, batch_size=batch_size, on_batch=progress)
    out.print(f"{done} articles embedded ({embeddings.MODEL_ID}). Store: {store.url}")


@main.command("search")
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
    from newsdesk import search

    utc = lambda d: d.replace(tzinfo=UTC) if d else None  # noqa: E731
    with _store(ctx) as store:
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
            click.echo(json.dumps(_hit_record(hit), ensure_ascii=False))
        return
    for rank, hit in enumerate(page.hits, start=offset + 1):
        a = hit.article.article
        out.print(
            f"[bold]{rank}. {escape(a.title)}[/bold]  [dim]{hit.article.id[:10]} · "
            f"{escape(a.source or '?')} · {_date(a.published, a.date_text)} · "
            f"{'+'.join(hit.matched_by)} {hit.score:.3f}[/dim]",
            soft_wrap=True,
        )
        out.print(_highlight_text(hit.snippet), soft_wrap=True)
    out.print(f"[dim]{len(page.hits)} results in {page.took_ms:.0f} ms[/dim]")


def _hit_record(hit) -> dict:  # type: ignore[no-untyped-def]
    a = hit.article.article
    return {
        "id": hit.article.id,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "published": a.published.utc.isoformat() if a.published else None,
        "score": round(hit.score, 6),
        "matched_by": list(hit.matched_by),
        "snippet": {"text": hit.snippet.text, "highlights": hit.snippet.highlights},
    }


def _highlight_text(value):  # type: ignore[no-untyped-def]
    from rich.text import Text

    text = Text(value.text)
    for start, end in value.highlights:
        text.stylize("bold yellow", start, end)
    return text


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--no-embed", is_flag=True, help="Do not run the embed stage in the background.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, no_embed: bool) -> None:
    """Serve the reader web app (/) and the JSON API (/api) over the store."""
    settings: Settings = ctx.obj
    _serve(settings.db_url, host, port, embed=not no_embed)


def _serve(db_url: str, host: str, port: int, embed: bool) -> None:
    import uvicorn

    from newsdesk.api import create_app

    try:
        app = create_app(db_url, embed_in_background=embed)
    except StoreError as error:
        err.print(f"[red]newsdesk: {escape(str(error))}[/red]")
        sys.exit(2)
    address = f"http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/"
    out.print(
        f"newsdesk is serving at {address}  (API: {address}api, OpenAPI: "
        f"{address}api/openapi.json). Ctrl-C stops it."
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _bundled_samples() -> str | None:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "samples"
    return str(folder) if folder.is_dir() else None


@main.command()
@click.option(
    "--samples", type=click.Path(exists=True), help="Inputs to ingest (default: samples/)."
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Ingest and embed, then stop.")
@click.pass_context
def demo(ctx: click.Context, samples: str | None, host: str, port: int, no_serve: bool) -> None:
    """Ingest the bundled samples into the store and serve the reader on localhost."""
    from newsdesk import embeddings

    settings: Settings = ctx.obj
    folder = samples or _bundled_samples()
    if folder is None:
        err.print("newsdesk: no samples folder here; pass --samples PATH")
        sys.exit(2)
    with _store(ctx) as store:
        report = pipeline.ingest_paths(store, [folder], settings.max_input_bytes)
        _print_failures(report)
        _print_summary(report, store.url)
        try:
            from newsdesk.cli_enrich import run_later_stages

            run_later_stages(store)  # entities, figures, vectors, duplicates, stories
            out.print(f"{store.count_stories()} stories; entities and figures are in the reader.")
        except embeddings.EmbeddingUnavailable as error:
            err.print(f"[yellow]search by meaning is off: {escape(str(error))}[/yellow]")
    if not no_serve:
        _serve(settings.db_url, host, port, embed=True)


# Commands over later stages live in their own modules and register on `main` when imported.
from newsdesk import cli_enrich, cli_stories  # noqa: E402,F401
