"""Canonical URLs: copies of one address, however tracked or spelled, compare equal."""

from __future__ import annotations

import pytest

from newsdesk.urls import canonical_url, host_of

BASE = "https://koreaherald.com/view.php?ud=20250416000123"


@pytest.mark.parametrize(
    "url",
    [
        "https://koreaherald.com/view.php?ud=20250416000123",
        "http://koreaherald.com/view.php?ud=20250416000123",
        "https://www.koreaherald.com/view.php?ud=20250416000123",
        "https://WWW.KoreaHerald.COM/view.php?ud=20250416000123",
        "https://koreaherald.com:443/view.php?ud=20250416000123",
        "http://koreaherald.com:80/view.php?ud=20250416000123",
        "https://koreaherald.com/view.php/?ud=20250416000123",
        "https://koreaherald.com/view.php?ud=20250416000123#comments",
        "https://koreaherald.com/view.php?utm_source=twitter&ud=20250416000123&utm_medium=social",
        "https://koreaherald.com/view.php?ud=20250416000123&fbclid=IwAR0abc",
        "https://koreaherald.com/view.php?gclid=Cj0KCQ&ud=20250416000123",
        "  https://koreaherald.com/view.php?ud=20250416000123  ",
    ],
)
def test_copies_of_one_address_share_one_canonical_url(url: str) -> None:
    assert canonical_url(url) == BASE


def test_remaining_parameters_are_sorted_so_their_order_does_not_matter() -> None:
    first = canonical_url("https://example.com/search?q=korea&page=2")
    second = canonical_url("https://example.com/search?page=2&q=korea")
    assert first == second == "https://example.com/search?page=2&q=korea"


def test_trailing_slash_is_dropped_but_the_root_keeps_its_slash() -> None:
    assert (
        canonical_url("https://koreapro.org/2023/09/some-post/")
        == "https://koreapro.org/2023/09/some-post"
    )
    assert canonical_url("https://koreapro.org/") == "https://koreapro.org/"
    assert canonical_url("https://koreapro.org") == "https://koreapro.org/"


def test_a_non_default_port_is_kept() -> None:
    assert canonical_url("http://localhost:8080/a/") == "https://localhost:8080/a"


def test_escaped_slashes_from_json_are_unescaped() -> None:
    assert (
        canonical_url(r"https:\/\/koreapro.org\/2023\/09\/post\/")
        == "https://koreapro.org/2023/09/post"
    )


def test_parameters_that_name_the_article_are_kept() -> None:
    assert canonical_url("https://example.com/article?id=42&utm_campaign=x") == (
        "https://example.com/article?id=42"
    )


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "ftp://example.com/file",
        "mailto:desk@example.com",
        "/relative/path",
        "koreaherald.com/view.php",
        "javascript:alert(1)",
        "https://",
    ],
)
def test_anything_but_an_absolute_http_url_has_no_canonical_url(url: str | None) -> None:
    assert canonical_url(url) is None


def test_host_of_drops_www() -> None:
    assert host_of("https://www.koreaherald.com/view.php?ud=1") == "koreaherald.com"
    assert host_of("not a url") is None
    assert host_of(None) is None
