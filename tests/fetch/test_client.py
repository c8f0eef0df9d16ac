"""One GET against a real local server: what is sent, what comes back, and every way it fails."""

from __future__ import annotations

import gzip
import socket
from dataclasses import replace
from datetime import UTC

import pytest

import newsdesk
from newsdesk.errors import FetchError
from newsdesk.fetch import Fetcher, user_agent
from newsdesk.fetch.client import ACCEPT_ENCODING
from newsdesk.settings import FetchSettings
from tests.http_server import LocalServer

FEED = b"<rss><channel><title>Desk</title></channel></rss>"
LAST_MODIFIED = "Wed, 21 Oct 2026 07:28:00 GMT"


def test_a_plain_get_returns_status_headers_body_and_when(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.add("/feed.xml", FEED, content_type="application/rss+xml")

    response = fetcher.get(server.url("/feed.xml"))

    assert response.status == 200
    assert response.content == FEED
    assert response.url == response.final_url == server.url("/feed.xml")
    assert response.headers["content-type"] == "application/rss+xml"
    assert response.fetched_at.tzinfo == UTC
    assert not response.not_modified


def test_the_request_names_newsdesk_and_its_operator(
    server: LocalServer, settings: FetchSettings, fetcher: Fetcher
) -> None:
    server.add("/feed.xml", FEED)

    fetcher.get(server.url("/feed.xml"), accept="application/rss+xml")

    sent = server.requests_to("/feed.xml")[0].headers
    assert user_agent(settings) == f"newsdesk/{newsdesk.__version__} (+https://desk.example/about)"
    assert sent["user-agent"] == user_agent(settings)
    assert sent["accept"] == "application/rss+xml"
    assert sent["accept-encoding"] == ACCEPT_ENCODING
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_br_is_asked_for_only_when_it_can_be_decoded() -> None:
    try:
        import brotli  # noqa: F401

        decodable = True
    except ImportError:
        decodable = False
    assert ("br" in ACCEPT_ENCODING) is decodable
    assert ACCEPT_ENCODING.startswith("gzip, deflate")


def test_an_unchanged_etag_gets_304_and_no_body(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/feed.xml", FEED, etag='"v1"')

    first = fetcher.get(server.url("/feed.xml"))
    again = fetcher.get(server.url("/feed.xml"), etag=first.headers["etag"])

    assert first.status == 200 and first.headers["etag"] == '"v1"'
    assert again.status == 304 and again.not_modified and again.content == b""
    assert server.requests_to("/feed.xml")[1].headers["if-none-match"] == '"v1"'


def test_an_unchanged_last_modified_gets_304(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/feed.xml", FEED, last_modified=LAST_MODIFIED)

    again = fetcher.get(server.url("/feed.xml"), last_modified=LAST_MODIFIED)
    changed = fetcher.get(server.url("/feed.xml"), last_modified="Mon, 01 Jan 2024 00:00:00 GMT")

    assert again.not_modified and again.content == b""
    assert changed.status == 200 and changed.content == FEED
    assert server.requests_to("/feed.xml")[0].headers["if-modified-since"] == LAST_MODIFIED


def test_a_gzip_body_comes_back_decoded(server: LocalServer, fetcher: Fetcher) -> None:
    body = FEED * 200
    server.add("/feed.xml", body, gzip=True)

    response = fetcher.get(server.url("/feed.xml"))

    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) == len(gzip.compress(body))
    assert response.content == body


def test_a_streamed_body_over_the_cap_is_cut_off(server: LocalServer, fetcher: Fetcher) -> None:
    server.stream("/huge", 11 * 1024 * 1024)

    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/huge"))

    assert caught.value.reason == "response is over the 10.0 MB limit"
    assert not caught.value.refused


def test_a_declared_length_over_the_cap_is_refused_before_reading(
    server: LocalServer, settings: FetchSettings
) -> None:
    server.stream("/huge", 5000, declare_length=True)
    server.add("/small", b"x" * 900)

    with Fetcher(replace(settings, max_bytes=1000)) as fetcher:
        with pytest.raises(FetchError, match="over the 0.0 MB limit"):
            fetcher.get(server.url("/huge"))
        assert fetcher.get(server.url("/small")).content == b"x" * 900


def test_an_http_error_names_the_status_in_words(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/gone", b"no", status=410)

    with pytest.raises(FetchError) as missing:
        fetcher.get(server.url("/missing"))
    with pytest.raises(FetchError) as gone:
        fetcher.get(server.url("/gone"))

    assert missing.value.reason == "HTTP 404 Not Found" and missing.value.status == 404
    assert gone.value.reason == "HTTP 410 Gone" and gone.value.status == 410
    assert missing.value.retry_after is None and not missing.value.refused


def test_a_slow_server_times_out(server: LocalServer, settings: FetchSettings) -> None:
    server.add("/slow", FEED, delay=1.0)

    with Fetcher(replace(settings, timeout=0.3)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/slow"))

    assert caught.value.reason == "timed out after 0.3 s"
    assert not caught.value.refused


def test_nothing_listening_is_connection_refused(settings: FetchSettings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
        dead = probe.getsockname()[1]
    allowed = replace(settings, allow=(f"127.0.0.2:{dead}",))

    with Fetcher(allowed) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(f"http://127.0.0.2:{dead}/feed.xml")

    assert caught.value.reason == "connection refused"


def test_redirects_are_followed_and_the_final_url_kept(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.add("/new/feed.xml", FEED)
    server.redirect("/feed", "/old/feed.xml", status=301)
    server.redirect("/old/feed.xml", server.url("/new/feed.xml"), status=308)

    response = fetcher.get(server.url("/feed"))

    assert response.content == FEED
    assert response.url == server.url("/feed")
    assert response.final_url == server.url("/new/feed.xml")


def test_more_redirects_than_allowed_is_an_error_naming_the_count(
    server: LocalServer, settings: FetchSettings
) -> None:
    for hop in range(7):
        server.redirect(f"/r{hop}", f"/r{hop + 1}")
    server.add("/r7", FEED)

    settings = replace(settings, min_delay=0.01)
    with Fetcher(replace(settings, max_redirects=6)) as fetcher:
        assert fetcher.get(server.url("/r1")).content == FEED  # six redirects
    with Fetcher(settings) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/r1"))

    assert caught.value.reason.startswith("more than 5 redirects")
    assert caught.value.url == server.url("/r1")
