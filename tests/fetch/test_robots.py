"""robots.txt: read once per origin, obeyed (wildcards, $, Crawl-delay), and Google's fallbacks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdesk.errors import FetchError
from newsdesk.fetch import Fetcher
from newsdesk.settings import FetchSettings
from tests.http_server import LocalServer

ROBOTS = """\
User-agent: *
Disallow: /

User-agent: newsdesk
Disallow: /*.pdf$
Disallow: /*?session=
Disallow: /private
Allow: /private/open
"""


def test_our_group_is_obeyed_with_wildcards_and_dollar(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.robots(ROBOTS)
    allowed = ["/news", "/doc.pdf?page=2", "/doc.pdfx", "/a?id=1", "/private/open/1"]
    disallowed = ["/doc.pdf", "/files/annual.pdf", "/a?session=1", "/private", "/private/x"]

    assert [fetcher.allowed_by_robots(server.url(p)) for p in allowed] == [True] * 5
    assert [fetcher.allowed_by_robots(server.url(p)) for p in disallowed] == [False] * 5
    assert len(server.requests_to("/robots.txt")) == 1


def test_a_disallowed_url_is_refused_without_asking_for_it(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.robots(ROBOTS)
    server.add("/files/annual.pdf", b"%PDF")
    server.add("/news", b"ok")

    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/files/annual.pdf"))
    assert fetcher.get(server.url("/news")).content == b"ok"

    assert caught.value.refused
    assert caught.value.reason == f"robots.txt of {server.host_port} disallows /files/annual.pdf"
    assert [r.path for r in server.requests] == ["/robots.txt", "/news"]


def test_robots_of_a_redirect_target_is_obeyed_too(server: LocalServer, fetcher: Fetcher) -> None:
    server.robots(ROBOTS)
    server.redirect("/latest", "/private/report")

    with pytest.raises(FetchError, match="disallows /private/report"):
        fetcher.get(server.url("/latest"))

    assert [r.path for r in server.requests] == ["/robots.txt", "/latest"]


def test_crawl_delay_spaces_requests_when_longer_than_min_delay(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.robots("User-agent: *\nCrawl-delay: 0.2\n")
    server.add("/a", b"a")
    server.add("/b", b"b")

    fetcher.get(server.url("/a"))
    fetcher.get(server.url("/b"))

    times = [request.time for request in server.requests]
    assert [r.path for r in server.requests] == ["/robots.txt", "/a", "/b"]
    # The robots.txt request itself waited only min_delay: nothing was known before it.
    assert times[1] - times[0] >= 0.2
    assert times[2] - times[1] >= 0.2


def test_min_delay_spaces_requests_without_robots(
    server: LocalServer, settings: FetchSettings
) -> None:
    server.add("/a", b"a")
    with Fetcher(replace(settings, min_delay=0.15)) as fetcher:
        for _ in range(3):
            fetcher.get(server.url("/a"))

    times = [request.time for request in server.requests]
    assert len(times) == 4  # robots.txt (404) and three pages
    assert all(later - earlier >= 0.15 for earlier, later in zip(times, times[1:], strict=False))


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_a_4xx_robots_means_everything_is_allowed(
    server: LocalServer, fetcher: Fetcher, status: int
) -> None:
    server.robots("User-agent: *\nDisallow: /\n", status=status)
    server.add("/news", b"ok")

    assert fetcher.get(server.url("/news")).content == b"ok"


@pytest.mark.parametrize(
    ("status", "words"), [(503, "Service Unavailable"), (429, "Too Many Requests")]
)
def test_a_5xx_robots_means_nothing_is_fetched_for_now(
    server: LocalServer, fetcher: Fetcher, status: int, words: str
) -> None:
    server.robots("", status=status)
    server.add("/news", b"ok")

    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/news"))
    assert not fetcher.allowed_by_robots(server.url("/news"))

    assert not caught.value.refused
    assert caught.value.reason == (
        f"robots.txt of {server.host_port} could not be read (HTTP {status} {words}); "
        "not fetching from it for now"
    )
    assert [r.path for r in server.requests] == ["/robots.txt"]


def test_robots_is_read_once_per_origin(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/a", b"a")
    with LocalServer() as other:
        other.add("/a", b"a")
        both = replace(fetcher.settings, allow=(server.host_port, other.host_port))
        with Fetcher(both) as shared:
            for _ in range(2):
                shared.get(server.url("/a"))
                shared.get(other.url("/a"))
        assert len(other.requests_to("/robots.txt")) == 1
    assert len(server.requests_to("/robots.txt")) == 1


def test_only_the_first_500_kib_of_robots_are_read(server: LocalServer, fetcher: Fetcher) -> None:
    filler = "# nothing to see here\n" * 30_000  # about 650 KiB
    server.robots(f"User-agent: *\nDisallow: /early\n{filler}Disallow: /late\n")

    assert not fetcher.allowed_by_robots(server.url("/early"))
    assert fetcher.allowed_by_robots(server.url("/late"))


def test_a_robots_redirect_into_a_private_network_means_no_rules(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.redirect("/robots.txt", "http://169.254.169.254/robots.txt")
    server.add("/news", b"ok")

    assert fetcher.get(server.url("/news")).content == b"ok"
