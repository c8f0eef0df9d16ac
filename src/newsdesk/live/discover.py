"""What a subscribed URL is, found from what it serves rather than from its shape: a feed, a
WordPress site's REST API, a sitemap, or a page from which articles are linked."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from newsdesk.errors import FetchError, IngestError
from newsdesk.fetch import Fetcher, Response
from newsdesk.ingest.detect import detect_format
from newsdesk.live.links import is_sitemap, page_links
from newsdesk.model import RawDocument
from newsdesk.model.live import SourceKind

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "text/html;q=0.8, application/xml;q=0.7, */*;q=0.5"
)
_FEEDS_TRIED = 3


@dataclass
class Discovery:
    kind: SourceKind
    poll_url: str
    name: str | None
    response: Response  # what poll_url served while finding out, read as the first poll
    pages: list[Response] = field(default_factory=list)  # the pages that led there, kept too


def content_kind(response: Response) -> SourceKind | None:
    """The kind of source a response is, by its bytes; None for an HTML page."""
    if is_sitemap(response.content):
        return SourceKind.SITEMAP
    try:
        fmt = detect_format(RawDocument(content=response.content, origin=response.final_url))
    except IngestError:
        return None
    if fmt in ("feed", "jsonfeed"):
        return SourceKind.FEED
    if fmt == "wordpress":
        return SourceKind.WORDPRESS
    return None


def discover(fetcher: Fetcher, url: str) -> Discovery:
    """Fetch `url` and decide how to follow it; FetchError says why it cannot be followed."""
    response = fetcher.get(url, accept=ACCEPT)
    kind = content_kind(response)
    if kind is not None:
        return Discovery(kind, url, None, response)
    links = page_links(response.content, response.final_url)
    for api in _wordpress_apis(response, links.wordpress_api):
        found = _try(fetcher, api, SourceKind.WORDPRESS)
        if found:
            return Discovery(SourceKind.WORDPRESS, found.url, links.title, found, [response])
    for feed in links.feeds[:_FEEDS_TRIED]:
        found = _try(fetcher, feed, SourceKind.FEED)
        if found:
            return Discovery(SourceKind.FEED, feed, links.title, found, [response])
    if links.articles:
        return Discovery(SourceKind.SECTION, response.final_url, links.title, response)
    raise FetchError(
        "found no feed, WordPress API, sitemap or article links on this page", response.final_url
    )


def _wordpress_apis(response: Response, advertised: str | None) -> list[str]:
    """Where a WordPress site's posts may be read: the API root the page advertises; failing
    that, /wp-json/ on the site when the URL or the page itself says WordPress."""
    if advertised:
        return [advertised.rstrip("/") + "/wp/v2/posts"]
    address = response.final_url.split("?", 1)[0].rstrip("/")
    if address.endswith("/wp-json"):
        return [address + "/wp/v2/posts"]
    if b"/wp-content/" in response.content or b"/wp-includes/" in response.content:
        return [urljoin(response.final_url, "/wp-json/wp/v2/posts")]
    return []


def _try(fetcher: Fetcher, url: str, kind: SourceKind) -> Response | None:
    """The response of `url` if it serves that kind; a failure here only means 'not this way'."""
    try:
        response = fetcher.get(url, accept=ACCEPT)
    except FetchError:
        return None
    return response if content_kind(response) == kind else None
