"""What an index response points at: the feeds a page advertises, its WordPress API, the
article links of a section page, the pages a sitemap lists. Pure functions over fetched bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree, html

_FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rss",
    "text/xml",
}
_WP_API_REL = "https://api.w.org/"
# Paths that are never articles: navigation, accounts, tags, media.
_NOT_ARTICLE = re.compile(
    r"/(tag|tags|category|categories|author|authors|topic|topics|search|login|signin|signup|"
    r"register|account|subscribe|newsletter|about|contact|privacy|terms|feed|rss|page/\d+)(/|$)"
    r"|\.(jpe?g|png|gif|svg|webp|pdf|mp[34]|zip|css|js|xml)$",
    re.I,
)
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)


@dataclass
class PageLinks:
    feeds: list[str]  # <link rel="alternate"> feeds, in page order
    wordpress_api: str | None  # the site's /wp-json/ root, when advertised
    articles: list[str]  # same-site links that look like articles
    title: str | None


def page_links(content: bytes, url: str) -> PageLinks:
    """Read an HTML page's feed links, WordPress API link and article-like links."""
    try:
        tree = html.fromstring(content, base_url=url)
    except (etree.ParserError, ValueError):
        return PageLinks([], None, [], None)
    feeds, wp_api = [], None
    for link in tree.iterfind(".//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        href = urljoin(url, link.get("href", "").strip())
        if "alternate" in rel and (link.get("type") or "").lower() in _FEED_TYPES:
            if "comments" not in href.lower() and href not in feeds:
                feeds.append(href)
        elif _WP_API_REL in rel:
            wp_api = href
    title = tree.findtext(".//title")
    return PageLinks(feeds, wp_api, article_links(tree, url), title.strip() if title else None)


def article_links(tree: html.HtmlElement, url: str) -> list[str]:
    """Links on the page's own site whose path looks like an article's, each once."""
    site = urlsplit(url).netloc.lower()
    found: dict[str, None] = {}
    for anchor in tree.iterfind(".//a[@href]"):
        href = urljoin(url, anchor.get("href", "").strip())
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != site:
            continue
        clean = urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
        if clean.rstrip("/") != url.rstrip("/") and looks_like_article(parts.path, anchor):
            found.setdefault(clean)
    return list(found)


def looks_like_article(path: str, anchor: html.HtmlElement) -> bool:
    """A path with a slug of several words or a long number, linked with a headline's words."""
    if _NOT_ARTICLE.search(path):
        return False
    last = [p for p in path.split("/") if p]
    if not last:
        return False
    slug = last[-1].rsplit(".", 1)[0]
    words = len(" ".join(anchor.itertext()).split())
    return (slug.count("-") >= 2 or bool(re.search(r"\d{5,}", path))) and words >= 3


@dataclass
class SitemapEntry:
    url: str
    when: str | None  # news:publication_date or lastmod, as written


def sitemap_entries(content: bytes) -> tuple[list[SitemapEntry], list[SitemapEntry]]:
    """(pages, child sitemaps) of a sitemap or sitemap index, newest first where dated."""
    try:
        root = etree.fromstring(content, _SAFE_XML)
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    pages, children = [], []
    for node in root:
        loc = (node.findtext(f"{_SITEMAP_NS}loc") or "").strip()
        if not loc.startswith(("http://", "https://")):
            continue
        when = node.findtext(f"{_NEWS_NS}news/{_NEWS_NS}publication_date") or node.findtext(
            f"{_SITEMAP_NS}lastmod"
        )
        entry = SitemapEntry(loc, when.strip() if when else None)
        (children if node.tag == f"{_SITEMAP_NS}sitemap" else pages).append(entry)
    newest_first = lambda entries: sorted(entries, key=lambda e: e.when or "", reverse=True)  # noqa: E731
    return newest_first(pages), newest_first(children)


def is_sitemap(content: bytes) -> bool:
    head = content[:2048].lstrip()
    return head.startswith(b"<") and (b"<urlset" in head or b"<sitemapindex" in head)
