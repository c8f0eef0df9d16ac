"""The rules of the WordPress adapter, one test each, so that breaking a rule fails a test.

Found by mutation testing (benchmarks/mutation_score.py): these are the rules the tests in
test_wordpress.py let a deliberate small bug through on. Fixtures: posts_embedded.json cut off
inside its second post (cut_in_second_post.json), and yoast_and_odd_fields.json, posts with the
Yoast SEO block and the odd values real exports carry (null names, strings among terms).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.errors import IngestError
from newsdesk.ingest import wordpress
from newsdesk.model import Article, RawDocument
from tests.conftest import FIXTURES

WP = FIXTURES / "wordpress"


def parse_file(path: Path) -> list[Article]:
    return wordpress.parse(RawDocument(content=path.read_bytes(), origin=str(path)))


def parse_text(text: str) -> list[Article]:
    return wordpress.parse(RawDocument(content=text.encode(), origin="test.json"))


# A cut-off list --------------------------------------------------------------------------


def test_only_the_post_that_was_cut_carries_the_cut_off_note():
    first, second = parse_file(WP / "cut_in_second_post.json")
    assert (
        first.title == "Putin and Kim sign \u2018comprehensive strategic partnership\u2019 treaty"
    )
    assert not first.is_truncated and first.notes == []  # it arrived whole
    assert second.title == "Seoul summons Russian ambassador over treaty"
    assert second.is_truncated
    assert second.notes == [
        "input is cut off inside [1].content.rendered: that field is partial; "
        "the fields after it are missing"
    ]
    assert second.paragraphs == ["South Korea\u2019s foreign ministry summoned the Russian ambass"]


def test_a_list_cut_just_after_a_whole_post_keeps_that_post_whole_and_says_posts_are_lost():
    text = (WP / "posts_embedded.json").read_text(encoding="utf-8")
    cut = text.index('{\n    "id": 88102')  # the cut falls after "},\n  " closing post 0
    (first,) = parse_text(text[:cut])
    assert first.title.startswith("Putin and Kim sign")
    assert not first.is_truncated
    assert first.notes == [
        "input is cut off after this post, which is whole: any posts after it are missing"
    ]


def test_a_list_cut_inside_an_unreadable_next_post_says_so_on_the_whole_one_before():
    text = (WP / "posts_embedded.json").read_text(encoding="utf-8")
    cut = text.index('"date":', text.index('"id": 88102')) + 12  # inside post 1's date
    (first,) = parse_text(text[:cut])  # post 1 has no title, content or link yet: not a post
    assert not first.is_truncated
    assert first.notes == [
        "input is cut off in the next post, before its title, content or link: "
        "that post and any after it are missing"
    ]


def test_leading_white_space_does_not_move_the_cut():
    text = (WP / "cut_in_key.json").read_text(encoding="utf-8")
    (article,) = parse_text("\n\n  " + text)
    assert article.notes == [
        "input is cut off after [0].content.protected; the fields after it are missing"
    ]


@pytest.mark.parametrize(
    ("text", "closed", "in_string"),
    [
        ("[1, 2", "[1, 2]", False),  # no string at all
        ('{"a": "b"', '{"a": "b"}', False),  # the last string is whole
        ('{"a": "x\\u00A', '{"a": "x"}', True),  # half an escape, in capitals, goes
        ("[1, 22,", "[1, 22]", False),
        ("[1, 22, \n ", "[1, 22]", False),  # white space after the last comma
        ('{"a": 1, "b":', '{"a": 1, "b":null}', False),
    ],
)
def test_close_truncated_json(text: str, closed: str, in_string: bool) -> None:
    assert wordpress.close_truncated_json(text) == (closed, in_string)
    assert wordpress.close_truncated_json(text)[1] is in_string


# What is a post --------------------------------------------------------------------------


def test_any_of_title_content_link_or_guid_makes_a_post_and_other_items_are_passed_over():
    items = [
        {"title": {"rendered": "Title only"}},
        {"id": 1, "slug": "no-post-fields"},  # not a post: passed over, the rest still read
        {"content": {"rendered": "<p>Content only</p>"}},
        "a stray string",
        {"link": "https://example.com/link-only/"},
        {"guid": {"rendered": "https://example.com/?p=4"}},
    ]
    articles = parse_text(json.dumps(items))
    assert [a.title for a in articles] == ["Title only", "", "", ""]
    assert articles[1].paragraphs == ["Content only"]
    assert articles[2].url == "https://example.com/link-only/"
    assert articles[3].guid == "https://example.com/?p=4"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[{"id": 1}]', "JSON holds no WordPress post (no title, content or link)"),
        ("[" * 100_000, "JSON is nested too deeply to read"),
    ],
)
def test_unreadable_posts_are_refused_with_the_reason_and_origin(text: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_text(text)
    assert caught.value.reason == reason
    assert caught.value.origin == "test.json"


# Fields ------------------------------------------------------------------------------------


@pytest.fixture
def odd() -> list[Article]:
    # Parsed in each test, not once per module: mutation testing maps the code a test runs to
    # the test, and a shared parse would be counted for the first test only.
    return parse_file(WP / "yoast_and_odd_fields.json")


def test_yoast_gives_canonical_url_site_name_language_and_author(odd: list[Article]) -> None:
    article = odd[0]
    assert article.url == "https://www.dailynk.com/english/?p=301944"
    assert article.canonical_url == "https://dailynk.com/english/north-korea-russia-treaty-reaction"
    assert article.source == "Daily NK English"  # og_site_name, not the name of the host
    assert article.language == "ko"  # og_locale ko_KR
    # The embedded authors are unusable (a null name, a bare string): Yoast's author stands.
    assert article.authors == ["Jeong Tae-joo"]


def test_terms_skip_what_is_not_a_named_term_and_appear_once(odd: list[Article]) -> None:
    # Groups: null; a category group with a bare string and a numeric name; a tag group.
    assert odd[0].tags == ["Russia", "Treaty"]


def test_a_post_with_only_site_time_says_so_and_keeps_its_language(odd: list[Article]) -> None:
    article = odd[1]
    assert article.published is None
    assert article.date_text == "2024-06-20T07:00:00 (site time, zone unknown)"
    assert article.title == ""  # a null title is no title
    assert article.language == "en"  # og_locale en-US
    assert odd[0].date_text is None and odd[2].date_text is None  # dated posts need none


def test_times_are_utc_with_the_sites_offset_when_one_can_be_told(odd: list[Article]) -> None:
    with_zones, kiritimati, no_local = odd[0], odd[2], odd[3]
    # Both fields carry their zone: 13:15Z, and +09:00 from the local one.
    assert with_zones.published.utc == datetime(2024, 6, 19, 13, 15, tzinfo=UTC)
    assert with_zones.published.utc_offset_minutes == 540
    # Local time 14 hours ahead of UTC is the Line Islands (+14:00); 14 h 10 min is no zone.
    assert kiritimati.published.utc == datetime(2024, 6, 19, 22, 0, tzinfo=UTC)
    assert kiritimati.published.utc_offset_minutes == 14 * 60
    assert kiritimati.updated.utc == datetime(2024, 6, 19, 22, 0, tzinfo=UTC)
    assert kiritimati.updated.utc_offset_minutes is None
    # No local time at all: UTC known, offset unknown.
    assert no_local.published.utc == datetime(2024, 6, 19, 22, 0, tzinfo=UTC)
    assert no_local.published.utc_offset_minutes is None
    # A "GMT" field written with the site's offset is converted, not taken as UTC.
    assert odd[4].published.utc == datetime(2024, 6, 19, 22, 0, tzinfo=UTC)
    assert odd[4].published.utc_offset_minutes == 540
