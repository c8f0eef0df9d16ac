"""A publisher on the local test server: a home page that advertises its feed and WordPress
API, an RSS feed of teasers (a real Yonhap feed fixture, its links moved onto this server), a
WordPress REST API over the real beat posts with WordPress's paging and `modified_after`, a
section page and a news sitemap linking article pages."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from tests.conftest import FIXTURES
from tests.http_server import LocalServer, Logged, Reply

YNA = "https://en.yna.co.kr"
TEASER_FEED = (FIXTURES / "feeds" / "rss2_teasers.xml").read_text("utf-8")
MISSILE_PAGE = (FIXTURES / "live" / "yna_missile.html").read_text("utf-8")
BEAT_POSTS = json.loads((FIXTURES / "web" / "beat_posts.json").read_text("utf-8"))
# WordPress sites may cap a page below what was asked; this one does, so paging is exercised.
WP_PAGE_CAP = 5


def serve_feed(server: LocalServer, path: str = "/rss/nk.xml", etag: str = '"feed-v1"') -> str:
    server.add(
        path,
        TEASER_FEED.replace(YNA, server.url("").rstrip("/")),
        content_type="application/rss+xml; charset=utf-8",
        etag=etag,
    )
    server.add(
        "/view/AEN20250508000451315",
        MISSILE_PAGE.replace("{BASE}", server.url("").rstrip("/")),
        content_type="text/html; charset=utf-8",
    )
    return server.url(path)


def serve_home(server: LocalServer, feed: str | None, wp_api: bool = False) -> str:
    links = []
    if feed:
        links.append(f'<link rel="alternate" type="application/rss+xml" href="{feed}">')
    if wp_api:
        links.append(f'<link rel="https://api.w.org/" href="{server.url("/wp-json/")}">')
    page = (
        f"<!doctype html><html><head><title>Korea Desk</title>{''.join(links)}</head>"
        "<body><h1>Korea Desk</h1><p>News of the peninsula.</p></body></html>"
    )
    server.add("/", page, content_type="text/html; charset=utf-8")
    return server.url("/")


class WordPressSite:
    """/wp-json/wp/v2/posts over a list of posts that a test may change."""

    def __init__(self, server: LocalServer, posts: list[dict] | None = None) -> None:
        self.posts = list(posts if posts is not None else BEAT_POSTS)
        server.add("/wp-json/wp/v2/posts", handler=self.handle)

    def handle(self, request: Logged) -> Reply:
        query = {k: v[0] for k, v in parse_qs(urlsplit(request.path).query).items()}
        posts = self.posts
        if "modified_after" in query:
            posts = [p for p in posts if p["modified"] > query["modified_after"]]
        if query.get("orderby") == "modified":
            posts = sorted(posts, key=lambda p: p["modified"], reverse=query.get("order") != "asc")
        else:
            posts = sorted(posts, key=lambda p: p["date"], reverse=True)
        per_page = min(int(query.get("per_page", 10)), WP_PAGE_CAP)
        page = int(query.get("page", 1))
        pages = max(1, -(-len(posts) // per_page))
        chunk = posts[(page - 1) * per_page : page * per_page]
        headers = {
            "Content-Type": "application/json; charset=UTF-8",
            "X-WP-Total": str(len(posts)),
            "X-WP-TotalPages": str(pages),
        }
        return Reply(200, json.dumps(chunk).encode(), headers)


def article_page(server: LocalServer, slug: str, title: str, paragraphs: list[str]) -> str:
    """An article page at /news/<slug> whose canonical address is itself."""
    url = server.url(f"/news/{slug}")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    server.add(
        f"/news/{slug}",
        f'<!doctype html><html lang="en"><head><title>{title}</title>'
        f'<link rel="canonical" href="{url}"></head><body><article><h1>{title}</h1>{body}'
        "</article></body></html>",
        content_type="text/html; charset=utf-8",
    )
    return url


def post_paragraphs(post: dict) -> list[str]:
    text = post["content"]["rendered"]
    return [p.split(">", 1)[-1] for p in text.split("</p>") if p.strip()][:6]


def serve_articles(server: LocalServer, count: int) -> list[tuple[str, str]]:
    """Article pages made of the first `count` beat posts: [(url, title)]."""
    made = []
    for post in BEAT_POSTS[:count]:
        title = post["title"]["rendered"]
        made.append((article_page(server, post["slug"], title, post_paragraphs(post)), title))
    return made


def serve_section(server: LocalServer, articles: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{url}">{title}</a></li>' for url, title in articles)
    nav = '<a href="/tag/missiles">Missiles tag</a> <a href="/about">About us</a>'
    server.add(
        "/section/north-korea",
        f"<!doctype html><html><head><title>North Korea</title></head><body>{nav}"
        f"<ul>{items}</ul></body></html>",
        content_type="text/html; charset=utf-8",
    )
    return server.url("/section/north-korea")


def serve_sitemap(server: LocalServer, articles: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<url><loc>{url}</loc><news:news><news:publication_date>2025-05-0{i + 1}T09:00:00+09:00"
        f"</news:publication_date><news:title>{title}</news:title></news:news></url>"
        for i, (url, title) in enumerate(articles)
    )
    server.add(
        "/news-sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>',
        content_type="application/xml",
    )
    return server.url("/news-sitemap.xml")
