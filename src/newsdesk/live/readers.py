"""How each kind of source is read in one poll: which requests, in which order, and where the
last poll stopped. Each reader returns the responses to keep; nothing here touches the store
except through the `known` callable (which article pages were fetched before)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from newsdesk.errors import FetchError
from newsdesk.fetch import Fetcher, Response
from newsdesk.live.discover import ACCEPT
from newsdesk.live.links import page_links, sitemap_entries
from newsdesk.model.live import Source, SourceKind

Known = Callable[[list[str]], set[str]]

PAGES_PER_POLL = 10  # article pages one poll may fetch from a sitemap or section page
WP_PER_PAGE = 50
WP_MAX_PAGES = 5
SITEMAPS_PER_POLL = 2


@dataclass
class Fetched:
    """What one poll brought back."""

    articles: list[Response] = field(default_factory=list)  # to parse into articles
    index: list[Response] = field(default_factory=list)  # kept, not parsed (sitemaps, sections)
    not_modified: bool = False
    links_found: int = 0  # article links listed by a sitemap or section page
    errors: list[str] = field(default_factory=list)  # pages that could not be fetched, and why


def read_source(fetcher: Fetcher, source: Source, first: Response | None, known: Known) -> Fetched:
    reader = {
        SourceKind.FEED: read_feed,
        SourceKind.WORDPRESS: read_wordpress,
        SourceKind.SITEMAP: read_sitemap,
        SourceKind.SECTION: read_section,
    }[source.kind or SourceKind.FEED]
    return reader(fetcher, source, first, known)


def conditional_get(fetcher: Fetcher, source: Source, url: str) -> Response:
    """GET with the validators of the last poll, keeping the new ones."""
    response = fetcher.get(url, etag=source.etag, last_modified=source.last_modified, accept=ACCEPT)
    if not response.not_modified:
        source.etag = response.headers.get("etag")
        source.last_modified = response.headers.get("last-modified")
    return response


def read_feed(fetcher: Fetcher, source: Source, first: Response | None, known: Known) -> Fetched:
    response = first or conditional_get(fetcher, source, source.poll_url or source.url)
    if first is not None:
        source.etag = first.headers.get("etag")
        source.last_modified = first.headers.get("last-modified")
    if response.not_modified:
        return Fetched(not_modified=True)
    return Fetched(articles=[response])


def read_wordpress(
    fetcher: Fetcher, source: Source, first: Response | None, known: Known
) -> Fetched:
    """Posts modified since the last poll, oldest first, page by page (WordPress's own paging
    headers say how many); the first poll reads the newest page only."""
    if first is not None:
        _advance_cursor(source, first)
        return Fetched(articles=[first])
    base = source.poll_url or source.url
    since = source.cursor  # fixed for the whole poll: pages count from the same query
    fetched = Fetched()
    for page in range(1, WP_MAX_PAGES + 1):
        query = {"per_page": WP_PER_PAGE, "page": page}
        if since:
            query |= {"orderby": "modified", "order": "asc", "modified_after": since}
        separator = "&" if "?" in base else "?"
        response = fetcher.get(f"{base}{separator}{urlencode(query)}", accept="application/json")
        if response.content.strip() in (b"", b"[]"):
            break
        fetched.articles.append(response)
        _advance_cursor(source, response)
        total_pages = response.headers.get("x-wp-totalpages", "1")
        if not since or not total_pages.isdigit() or page >= int(total_pages):
            break
    return fetched


def _advance_cursor(source: Source, response: Response) -> None:
    """Move the cursor to the latest `modified` time in a page of posts. WordPress compares
    `modified_after` with the site-local `modified` field, so that is the one kept."""
    try:
        posts = json.loads(response.content)
    except ValueError:
        return  # a damaged page is still ingested; the next poll asks from the old cursor
    stamps = (
        [p.get("modified") for p in posts if isinstance(p, dict)] if isinstance(posts, list) else []
    )
    stamps = [s for s in stamps if isinstance(s, str)]
    if stamps and max(stamps) > (source.cursor or ""):
        source.cursor = max(stamps)


def read_sitemap(fetcher: Fetcher, source: Source, first: Response | None, known: Known) -> Fetched:
    response = first or conditional_get(fetcher, source, source.poll_url or source.url)
    if response.not_modified:
        return Fetched(not_modified=True)
    fetched = Fetched(index=[response])
    pages, children = sitemap_entries(response.content)
    for child in children[:SITEMAPS_PER_POLL]:
        child_response = fetcher.get(child.url, accept="application/xml")
        fetched.index.append(child_response)
        pages += sitemap_entries(child_response.content)[0]
    urls = [entry.url for entry in pages]
    fetched.links_found = len(urls)
    _fetch_new_pages(fetcher, urls, known, fetched)
    return fetched


def read_section(fetcher: Fetcher, source: Source, first: Response | None, known: Known) -> Fetched:
    response = first or conditional_get(fetcher, source, source.poll_url or source.url)
    if response.not_modified:
        return Fetched(not_modified=True)
    fetched = Fetched(index=[response])
    urls = page_links(response.content, response.final_url).articles
    fetched.links_found = len(urls)
    _fetch_new_pages(fetcher, urls, known, fetched)
    return fetched


def _fetch_new_pages(fetcher: Fetcher, urls: list[str], known: Known, fetched: Fetched) -> None:
    seen = known(urls)
    for url in [u for u in urls if u not in seen][:PAGES_PER_POLL]:
        fetch_page(fetcher, url, fetched)


def fetch_page(fetcher: Fetcher, url: str, fetched: Fetched) -> None:
    """One article page; its failure is noted and the poll goes on with the others."""
    try:
        fetched.articles.append(fetcher.get(url, accept="text/html"))
    except FetchError as error:
        fetched.errors.append(str(error))
