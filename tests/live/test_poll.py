"""Polling each kind of source against a real local server, on both stores: what is fetched,
what is kept, what is ingested, and how the source's state and schedule move."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.fetch import Fetcher
from newsdesk.live.poll import poll_source
from newsdesk.model import RawStatus
from newsdesk.model.live import Source, SourceKind
from newsdesk.store import Store
from tests.http_server import LocalServer, Reply
from tests.live.publisher import (
    BEAT_POSTS,
    WordPressSite,
    serve_articles,
    serve_feed,
    serve_home,
    serve_section,
    serve_sitemap,
)

MAX_BYTES = 10 * 1024 * 1024


def follow(store: Store, url: str, every: int = 900) -> Source:
    source, created = store.add_source(Source(url=url, every_seconds=every))
    assert created
    return source


def poll(store: Store, fetcher: Fetcher, source: Source):  # type: ignore[no-untyped-def]
    report = poll_source(store, fetcher, store.get_source(source.id or 0), MAX_BYTES)
    return report, store.get_source(source.id or 0)


def titles(store: Store) -> set[str]:
    return {a.article.title for a in store.list_articles(limit=100)}


def test_a_feed_is_read_then_asked_conditionally_and_a_teaser_gets_its_page(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    feed = serve_feed(server)
    source = follow(store, feed)

    report, source = poll(store, fetcher, source)
    # Five items, one with neither title nor text: four articles.
    assert report.status == "new articles" and report.articles_new == 4
    assert source.kind == SourceKind.FEED and source.poll_url == feed
    assert source.etag == '"feed-v1"' and source.last_status == 200 and source.failures == 0
    assert source.items_found == 4 and source.articles_total == 4
    due_in = (source.next_due_at - datetime.now(UTC)).total_seconds()
    assert 0.85 * 900 < due_in <= 1.1 * 900

    # The feed is kept as a raw document with where and how it was fetched.
    raws = [r for r in store.raw_documents(limit=10) if r.source_id == source.id]
    kept_feed = next(r for r in raws if r.origin == feed)
    assert kept_feed.fetch["status"] == 200 and kept_feed.fetch["url"] == feed
    assert kept_feed.fetch["headers"]["etag"] == '"feed-v1"'
    assert kept_feed.status == RawStatus.PARSED

    # The three teasers' pages were asked for once each (the full-text item's was not); the
    # one the server has replaced its teaser, the two it lacks are reported.
    teaser_paths = [r.path for r in server.requests if r.path.startswith("/view/")]
    assert sorted(teaser_paths) == [
        "/view/AEN20250506001200315",
        "/view/AEN20250507006700315",
        "/view/AEN20250508000451315",
    ]
    missile = next(
        a for a in store.list_articles(limit=50) if a.article.title.startswith("N. Korea fires")
    )
    assert missile.version == 2 and not missile.article.is_teaser
    assert "800 kilometers" in missile.article.body_text
    failed_pages = [p for p in teaser_paths if p != "/view/AEN20250508000451315"]
    assert all(p in (source.last_error or "") for p in failed_pages)  # said, not hidden
    assert "404" in (source.last_error or "")

    server.clear()
    report, source = poll(store, fetcher, source)
    asked = server.requests_to("/rss/nk.xml")
    assert asked[0].headers["if-none-match"] == '"feed-v1"'
    assert report.status == "not modified" and source.last_status == 304
    assert source.articles_new == 0 and source.articles_total == 4
    assert [r.path for r in server.requests if r.path.startswith("/view/")] == []


def test_a_home_page_leads_to_its_feed_and_a_wordpress_site_to_its_api(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    feed = serve_feed(server)
    home = serve_home(server, feed)
    source = follow(store, home)
    report, source = poll(store, fetcher, source)
    assert source.kind == SourceKind.FEED and source.poll_url == feed
    assert source.name == "Korea Desk" and report.articles_new == 4
    # The home page that led to the feed is kept too (as a page, not parsed into an article).
    kept_home = [r for r in store.raw_documents(limit=20) if r.origin == home]
    assert [(r.detected_format, r.status) for r in kept_home] == [("page", RawStatus.PARSED)]

    with LocalServer() as wp_server:
        WordPressSite(wp_server)
        allow = (wp_server.host_port,)
        with Fetcher(type(fetcher.settings)(allow=allow, min_delay=0.0)) as wp_fetcher:
            site = follow(store, serve_home(wp_server, feed=None, wp_api=True))
            report, site = poll(store, wp_fetcher, site)
    assert site.kind == SourceKind.WORDPRESS
    assert site.poll_url == wp_server.url("/wp-json/wp/v2/posts")


def test_wordpress_is_read_page_by_page_from_where_the_last_poll_stopped(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    wordpress = WordPressSite(server, BEAT_POSTS[:12])
    source = follow(store, server.url("/wp-json/wp/v2/posts"))
    report, source = poll(store, fetcher, source)
    # The first poll reads the newest page only (this site caps pages at 5 posts).
    assert source.kind == SourceKind.WORDPRESS and report.articles_new == 5
    newest_five = sorted(BEAT_POSTS[:12], key=lambda p: p["date"], reverse=True)[:5]
    assert source.cursor == max(p["modified"] for p in newest_five)

    # Seven posts change after the cursor: the next poll pages through exactly those.
    later = []
    for number, post in enumerate(BEAT_POSTS[12:19]):
        post = dict(post, modified=f"2030-01-01T00:00:0{number}")
        later.append(post)
    wordpress.posts += later
    server.clear()
    report, source = poll(store, fetcher, source)
    asked = [r.path for r in server.requests_to("/wp-json/wp/v2/posts")]
    assert len(asked) == 2  # 7 posts at 5 a page
    assert all("modified_after=" in path and "orderby=modified" in path for path in asked)
    assert report.articles_new == 7 and source.cursor == "2030-01-01T00:00:06"
    assert {p["title"]["rendered"] for p in later} <= titles(store)

    server.clear()
    report, source = poll(store, fetcher, source)
    assert report.articles_new == 0 and len(server.requests_to("/wp-json/wp/v2/posts")) == 1


def test_a_section_page_and_a_sitemap_lead_to_article_pages_fetched_once(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    articles = serve_articles(server, 4)
    section = follow(store, serve_section(server, articles[:3]))
    report, section = poll(store, fetcher, section)
    assert section.kind == SourceKind.SECTION and section.items_found == 3
    assert report.articles_new == 3
    assert not server.requests_to("/tag/missiles") and not server.requests_to("/about")

    sitemap = follow(store, serve_sitemap(server, articles))
    server.clear()
    report, sitemap = poll(store, fetcher, sitemap)
    assert sitemap.kind == SourceKind.SITEMAP and sitemap.items_found == 4
    fetched = [r.path for r in server.requests if r.path.startswith("/news/")]
    assert fetched == [urlpath(articles[3][0])]  # the three already read are not asked again
    assert report.articles_new == 1
    assert {title for _, title in articles} <= titles(store)
    # The sitemap itself is kept, not parsed into an article.
    kept = [r for r in store.raw_documents(limit=50) if r.origin.endswith("news-sitemap.xml")]
    assert kept and kept[0].detected_format == "sitemap" and kept[0].status == RawStatus.PARSED


def urlpath(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_a_failing_source_backs_off_and_says_why(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    server.add("/broken.xml", "oops", status=500)
    source = follow(store, server.url("/broken.xml"), every=60)
    for expected_failures in (1, 2, 3):
        report, source = poll(store, fetcher, source)
        assert report.status == "failed" and source.failures == expected_failures
    assert source.last_status == 500 and "500" in (source.last_error or "")
    assert source.state == "backing off"

    # Once it works again, the count of failures starts over.
    serve_feed(server, "/broken.xml")
    report, source = poll(store, fetcher, source)
    assert report.status == "new articles" and source.failures == 0
    assert "500" not in (source.last_error or "")  # only the two missing teaser pages remain

    # A server that asks for time gets it: the source is not due before then (and the
    # fetcher asks nothing more of that host meanwhile).
    server.add("/busy.xml", handler=lambda _: Reply(429, b"slow down", {"Retry-After": "7200"}))
    busy = follow(store, server.url("/busy.xml"), every=60)
    report, busy = poll(store, fetcher, busy)
    assert busy.next_due_at - datetime.now(UTC) > timedelta(seconds=7100)
    report, source = poll(store, fetcher, source)
    assert report.status == "failed" and source.next_due_at > busy.next_due_at - timedelta(
        seconds=60
    )


def test_an_address_in_the_operator_s_network_is_refused_without_a_request(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    source = follow(store, "http://169.254.169.254/latest/meta-data/")
    report, source = poll(store, fetcher, source)
    assert report.status == "failed" and "169.254.169.254" in (source.last_error or "")
    assert store.raw_documents(limit=5) == []


def test_a_damaged_feed_is_kept_failed_and_the_source_goes_on(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    server.add(
        "/bad.xml",
        "<rss><channel><title>x</title></channel></rss>",
        content_type="application/rss+xml",
    )
    source = follow(store, server.url("/bad.xml"))
    report, source = poll(store, fetcher, source)
    assert source.kind == SourceKind.FEED and report.articles_new == 0
    kept = store.raw_documents(limit=5)
    assert len(kept) == 1 and kept[0].status == RawStatus.FAILED and kept[0].error


def test_wordpress_is_found_without_the_api_link_from_its_paths(
    store: Store, server: LocalServer, fetcher: Fetcher
) -> None:
    WordPressSite(server, BEAT_POSTS[:3])
    server.add(
        "/blog/",
        '<html><head><title>A blog</title><link rel="stylesheet" '
        'href="/wp-content/themes/x/style.css"></head><body><p>Hello</p></body></html>',
        content_type="text/html",
    )
    server.add("/wp-json/", '{"namespaces": ["wp/v2"]}', content_type="application/json")
    by_page = follow(store, server.url("/blog/"))
    by_root = follow(store, server.url("/wp-json/"))
    for source in (by_page, by_root):
        report, source = poll(store, fetcher, source)
        assert source.kind == SourceKind.WORDPRESS, source.last_error
        assert source.poll_url == server.url("/wp-json/wp/v2/posts")
    assert store.count_articles() == 3
