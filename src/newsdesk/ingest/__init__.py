"""Input adapters: one module per form news arrives in, each `parse(raw) -> list[Article]`.

`parse_raw` picks the adapter (by content, see detect.py, unless a format is forced) and is the
one entry point the pipeline calls.
"""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.errors import IngestError
from newsdesk.ingest import detect
from newsdesk.model import Article, RawDocument

Adapter = Callable[[RawDocument], list[Article]]

FORMATS = ("wordpress", "feed", "jsonfeed", "html", "text")


def adapter_for(fmt: str) -> Adapter:
    # Imported on demand: trafilatura and feedparser are slow to import, and not every run
    # needs them.
    if fmt == "wordpress":
        from newsdesk.ingest import wordpress

        return wordpress.parse
    if fmt == "feed":
        from newsdesk.ingest import feeds

        return feeds.parse
    if fmt == "jsonfeed":
        from newsdesk.ingest import jsonfeed

        return jsonfeed.parse
    if fmt == "html":
        from newsdesk.ingest import html

        return html.parse
    if fmt == "text":
        from newsdesk.ingest import textpage

        return textpage.parse
    raise IngestError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def parse_raw(raw: RawDocument) -> tuple[str, list[Article]]:
    """(format, articles) for one raw document; IngestError says why it could not be read."""
    fmt = raw.format_hint or detect.detect_format(raw)
    raw.detected_format = fmt
    articles = adapter_for(fmt)(raw)
    if not articles:
        raise IngestError(f"no article found in this {fmt} input", raw.origin)
    return fmt, articles
