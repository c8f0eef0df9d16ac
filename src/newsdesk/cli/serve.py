"""Commands that serve the reader and the API: serve, demo."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape

from newsdesk import pipeline
from newsdesk.app import create_app
from newsdesk.cli.ingest import print_failures, print_summary
from newsdesk.cli.main import command, err, out, run_stages, store_from
from newsdesk.errors import StoreError
from newsdesk.settings import Settings


@command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option(
    "--no-stages", is_flag=True, help="Do not run the pipeline's stages in the background."
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, no_stages: bool) -> None:
    """Serve the reader web app (/) and the JSON API (/api) over the store."""
    settings: Settings = ctx.obj
    _serve(settings.db_url, host, port, stages=not no_stages)


@command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.pass_context
def run(ctx: click.Context, host: str, port: int) -> None:
    """The whole service: the reader and API, a scheduler polling the followed sources as they
    fall due, and the stages on what arrives. Ctrl-C stops it cleanly."""
    settings: Settings = ctx.obj
    _serve(settings.db_url, host, port, stages=True, poll=True)


def _serve(
    db_url: str, host: str, port: int, stages: bool, poll: bool = False, public: bool = False
) -> None:
    import uvicorn

    try:
        app = create_app(
            db_url, run_stages=stages, poll_sources=poll, public_reading=public or None
        )
    except StoreError as error:
        err.print(f"[red]newsdesk: {escape(str(error))}[/red]")
        sys.exit(2)
    address = f"http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/"
    out.print(
        f"newsdesk is serving at {address}  (API: {address}api, OpenAPI: "
        f"{address}api/openapi.json){', polling its sources' if poll else ''}. Ctrl-C stops it."
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _bundled_samples() -> str | None:

    folder = Path(__file__).resolve().parents[3] / "samples"
    return str(folder) if folder.is_dir() else None


@command()
@click.option(
    "--samples", type=click.Path(exists=True), help="Inputs to ingest (default: samples/)."
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Ingest and embed, then stop.")
@click.pass_context
def demo(ctx: click.Context, samples: str | None, host: str, port: int, no_serve: bool) -> None:
    """Ingest the bundled samples into the store and serve the reader on localhost."""
    settings: Settings = ctx.obj
    folder = samples or _bundled_samples()
    if folder is None:
        err.print("newsdesk: no samples folder here; pass --samples PATH")
        sys.exit(2)
    with store_from(ctx) as store:
        report = pipeline.ingest_paths(store, [folder], settings.max_input_bytes)
        print_failures(report)
        print_summary(report, store.url)
        run_stages(store)  # entities, figures, vectors, duplicates, stories
        out.print(f"{store.count_stories()} stories; entities and figures are in the reader.")
    if not no_serve:
        # A demo on this machine alone is read without an account; elsewhere, sign-in as usual.
        local = host in ("127.0.0.1", "::1", "localhost")
        if local:
            out.print(
                "Reading is open for this demo (on this machine only); writes need an "
                "account: `newsdesk users add NAME --role admin`."
            )
        _serve(settings.db_url, host, port, stages=True, public=local)
