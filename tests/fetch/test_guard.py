"""Never into the operator's network: refused URLs, refused redirect hops, and the allow list."""

from __future__ import annotations

import socket

import pytest

from newsdesk.errors import FetchError, NewsdeskError
from newsdesk.fetch import Fetcher
from newsdesk.fetch.guard import Guard, NotListed, parse_allow_entry
from newsdesk.settings import FetchSettings
from tests.http_server import LocalServer


def refusal(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.refused, caught.value.reason
    return caught.value


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (
            "http://10.0.0.1/feed",
            "refused: 10.0.0.1 is not fetched: 10.0.0.0/8 is Private-Use (RFC1918); "
            "list 10.0.0.1:80 in NEWSDESK_FETCH_ALLOW to fetch it anyway",
        ),
        (
            "http://localhost/feed",
            "refused: 127.0.0.1 (localhost) is not fetched: 127.0.0.0/8 is Loopback (RFC1122); "
            "list localhost:80 in NEWSDESK_FETCH_ALLOW to fetch it anyway",
        ),
        ("http://0x7f000001/", "refused: 127.0.0.1 (0x7f000001) is not fetched: 127.0.0.0/8"),
        ("http://2130706433/", "refused: host '2130706433' is made only of digits and dots"),
        (
            "http://169.254.169.254/latest/meta-data/",
            "refused: 169.254.169.254 is not fetched: 169.254.169.254/32 is Cloud metadata",
        ),
        ("http://100.64.0.1/", "refused: 100.64.0.1 is not fetched: 100.64.0.0/10 is Shared"),
        ("http://224.0.0.1/", "refused: 224.0.0.1 is not fetched: 224.0.0.0/4 is Multicast"),
        ("http://240.0.0.1/", "refused: 240.0.0.1 is not fetched: 240.0.0.0/4 is Reserved"),
        ("http://[::1]/", "refused: ::1 is not fetched: ::1/128 is Loopback Address"),
        ("file:///etc/passwd", "refused: scheme 'file' is not fetched (only http and https)"),
        ("gopher://example.org/", "refused: scheme 'gopher' is not fetched"),
        (
            "http://example.org:8080/",
            "refused: port 8080 of example.org is not fetched (only 80 and 443, unless "
            "example.org:8080 is listed in NEWSDESK_FETCH_ALLOW)",
        ),
        ("http://user:pw@example.org/", "refused: carries credentials in its authority"),
    ],
)
def test_a_url_into_a_private_network_or_odd_scheme_is_refused(
    fetcher: Fetcher, url: str, reason: str
) -> None:
    assert refusal(fetcher, url).reason.startswith(reason)


def test_metadata_refusals_do_not_suggest_allowing_them(fetcher: Fetcher) -> None:
    assert "NEWSDESK_FETCH_ALLOW" not in refusal(fetcher, "http://169.254.169.254/").reason


def test_a_redirect_to_the_metadata_endpoint_is_refused(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.redirect("/feed", "http://169.254.169.254/latest/meta-data/")

    refused = refusal(fetcher, server.url("/feed"))

    assert refused.url == server.url("/feed")
    assert refused.reason == (
        "refused: 169.254.169.254 is not fetched: 169.254.169.254/32 is Cloud metadata "
        "(AWS, GCP, Azure IMDS) (RFC3927) "
        "(after a redirect to http://169.254.169.254/latest/meta-data/)"
    )


def test_a_redirect_to_the_allowed_port_on_another_loopback_address_is_refused(
    server: LocalServer, fetcher: Fetcher
) -> None:
    # Same port, other address: allowing 127.0.0.2:PORT must not open 127.0.0.1:PORT.
    with LocalServer(host="127.0.0.1", port=server.port) as other:
        other.add("/x", b"secret")
        server.redirect("/feed", other.url("/x"))

        refused = refusal(fetcher, server.url("/feed"))

        assert other.requests == []
    assert refused.reason.startswith(f"refused: port {server.port} of 127.0.0.1 is not fetched")


def test_a_redirect_to_another_port_of_the_allowed_address_is_refused(
    server: LocalServer, fetcher: Fetcher
) -> None:
    with LocalServer() as other:
        server.redirect("/feed", other.url("/x"))

        refused = refusal(fetcher, server.url("/feed"))

        assert other.requests == []
    assert refused.reason.startswith(f"refused: port {other.port} of 127.0.0.2 is not fetched")


def test_an_allow_entry_opens_exactly_its_address_and_port() -> None:
    guard = Guard(FetchSettings(allow=("127.0.0.2:8765",)))

    guard.check_url("http://127.0.0.2:8765/feed")
    for url in ("http://127.0.0.3:8765/", "http://127.0.0.2/", "http://127.0.0.2:8766/"):
        with pytest.raises(FetchError) as caught:
            guard.check_url(url)
        assert caught.value.refused
    assert [info[4][0] for info in guard.resolve("127.0.0.2", 8765, 0, socket.SOCK_STREAM)] == [
        "127.0.0.2"
    ]
    # At connect time too: a name that resolves to 127.0.0.2 on port 80 is still refused.
    with pytest.raises(NotListed, match="127.0.0.2 is not fetched: 127.0.0.0/8 is Loopback"):
        guard.resolve("127.0.0.2", 80, 0, socket.SOCK_STREAM)


def test_an_allow_entry_naming_a_host_is_resolved_once_and_fetched() -> None:
    with LocalServer(host="127.0.0.1") as local:
        local.add("/feed", b"inside")
        settings = FetchSettings(allow=(f"localhost:{local.port}",), min_delay=0.01)

        with Fetcher(settings) as fetcher:
            assert fetcher.get(f"http://localhost:{local.port}/feed").content == b"inside"
            assert refusal(fetcher, "http://localhost/feed").reason.startswith("refused: 127.0.0.1")


def test_allow_entries_are_parsed_or_rejected() -> None:
    assert parse_allow_entry("127.0.0.2:8765") == ("127.0.0.2", 8765)
    assert parse_allow_entry(" Feeds.LAN.:8080 ") == ("feeds.lan", 8080)
    assert parse_allow_entry("[::1]:9000") == ("::1", 9000)
    assert parse_allow_entry("intranet") == ("intranet", 80)
    for bad in ("host:port", "http://x:1/path", ":80"):
        with pytest.raises(NewsdeskError, match="NEWSDESK_FETCH_ALLOW"):
            parse_allow_entry(bad)


def test_a_redirect_to_a_file_url_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.redirect("/feed", "file:///etc/passwd")

    assert refusal(fetcher, server.url("/feed")).reason.startswith(
        "refused: scheme 'file' is not fetched (only http and https) (after a redirect to file:"
    )
