"""One poll of one source: fetch what is new (finding out what the source is on its first
poll), keep every response as a raw document with its provenance, ingest the articles, fetch
the full page of any new teaser, and record how it went on the source."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsdesk.errors import FetchError
from newsdesk.fetch import Fetcher, Response, backoff_delay
from newsdesk.live.discover import discover
from newsdesk.live.readers import Fetched, fetch_page, read_source
from newsdesk.model import RawDocument, RawStatus
from newsdesk.model.live import Source, SourceKind
from newsdesk.pipeline.ingest import InputOutcome, ingest_raws
from newsdesk.store import Store

TEASER_PAGES_PER_POLL = 10


@dataclass
class PollReport:
    source_id: int
    url: str
    status: str  # "new articles", "no change", "not modified" or "failed"
    items_found: int = 0
    articles_new: int = 0
    error: str | None = None


def poll_source(store: Store, fetcher: Fetcher, source: Source, max_bytes: int) -> PollReport:
    """Poll `source` once and save its new state; never raises for what the web did."""
    assert source.id is not None
    try:
        fetched = _fetch(store, fetcher, source)
        outcomes = _keep(store, source, fetched, max_bytes)
        if not fetched.links_found:
            fetched.links_found = sum(len(o.saved) for o in outcomes)
        if source.kind == SourceKind.FEED:
            outcomes += _full_pages_of_teasers(store, fetcher, source, outcomes, fetched, max_bytes)
    except FetchError as error:
        report = _failed(source, error.reason, error.retry_after, error.status)
    except Exception as error:  # a bug must not stop the other sources; say it is one
        report = _failed(source, f"internal error (please report): {error!r}"[:500], None, None)
    else:
        report = _succeeded(source, fetched, outcomes)
        if outcomes:  # a 304 brought nothing: the count stands
            source.articles_total = store.count_source_articles(source.id)
    store.save_source(source)
    return report


def _fetch(store: Store, fetcher: Fetcher, source: Source) -> Fetched:
    first, pages = None, []
    if source.kind is None or not source.poll_url:
        found = discover(fetcher, source.url)
        source.kind, source.poll_url, first = found.kind, found.poll_url, found.response
        source.name = source.name or found.name
        pages = found.pages
    fetched = read_source(fetcher, source, first, store.known_urls)
    fetched.index = pages + fetched.index
    return fetched


def raw_of(response: Response, source: Source) -> RawDocument:
    """A response as a raw document: the bytes, and where and how they were fetched."""
    return RawDocument(
        content=response.content,
        origin=response.final_url,
        received_at=response.fetched_at,
        crawled_at=response.fetched_at,
        fetch={
            "url": response.url,
            "final_url": response.final_url,
            "status": response.status,
            "headers": response.headers,
        },
        source_id=source.id,
    )


def _keep(store: Store, source: Source, fetched: Fetched, max_bytes: int) -> list[InputOutcome]:
    """Store index pages as they are (kept, not parsed: a sitemap is no article), then ingest
    the article responses."""
    if fetched.index:
        raws = [raw_of(r, source) for r in fetched.index]
        with store.transaction():
            stored = store.add_raws(raws)
            store.finish_raws(
                [
                    (raw_id, RawStatus.PARSED, _index_format(source), None, 0)
                    for raw_id, new in stored
                    if new
                ]
            )
    raws = [raw_of(r, source) for r in fetched.articles]
    return ingest_raws(store, raws, max_bytes) if raws else []


def _index_format(source: Source) -> str:
    """What a kept, unparsed response was: the sitemap or section page a poll read, or else
    the page that led to a feed or WordPress API (a home page)."""
    if source.kind in (SourceKind.SITEMAP, SourceKind.SECTION):
        return source.kind.value
    return "page"


def _full_pages_of_teasers(
    store: Store,
    fetcher: Fetcher,
    source: Source,
    outcomes: list[InputOutcome],
    fetched: Fetched,
    max_bytes: int,
) -> list[InputOutcome]:
    """A feed item that carries only a teaser gets its article page fetched, once, when new."""
    new_ids = [s.article_id for o in outcomes for s in o.saved if s.change == "new"]
    stored = store.get_articles(new_ids)
    urls = [a.article.url for a in stored.values() if a.article.is_teaser and a.article.url]
    pages = Fetched()
    for url in urls[:TEASER_PAGES_PER_POLL]:
        fetch_page(fetcher, url, pages)
    fetched.errors += pages.errors
    return _keep(store, source, pages, max_bytes)


def _now() -> datetime:
    return datetime.now(UTC)


def _succeeded(source: Source, fetched: Fetched, outcomes: list[InputOutcome]) -> PollReport:
    now = _now()
    source.last_fetch_at, source.failures = now, 0
    source.last_status = 304 if fetched.not_modified else 200
    source.last_error = "; ".join(fetched.errors)[:1000] or None
    new = sum(s.change == "new" for o in outcomes for s in o.saved)
    if not fetched.not_modified:
        source.items_found = fetched.links_found
    source.articles_new = new
    # A little jitter keeps sources added together from polling in lockstep forever.
    source.next_due_at = now + timedelta(seconds=source.every_seconds * random.uniform(0.9, 1.1))
    status = "not modified" if fetched.not_modified else "new articles" if new else "no change"
    return PollReport(source.id or 0, source.url, status, source.items_found, new)


def _failed(
    source: Source, reason: str, retry_after: float | None, status: int | None
) -> PollReport:
    now = _now()
    source.last_fetch_at, source.last_status, source.last_error = now, status, reason
    source.failures += 1
    source.articles_new = 0
    wait = max(source.every_seconds, backoff_delay(source.failures), retry_after or 0)
    source.next_due_at = now + timedelta(seconds=wait)
    return PollReport(source.id or 0, source.url, "failed", error=reason)
