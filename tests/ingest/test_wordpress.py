"""WordPress REST posts: the damaged seed field by field, and hand-made posts of every shape."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.errors import IngestError
from newsdesk.ingest import parse_raw, wordpress
from newsdesk.model import RawDocument
from tests.conftest import FIXTURES, WORDPRESS_SEED

WP = FIXTURES / "wordpress"


def parse_file(path: Path) -> list:
    return wordpress.parse(RawDocument(content=path.read_bytes(), origin=str(path)))


def test_seed_is_detected_as_wordpress_by_content_although_named_txt() -> None:
    raw = RawDocument(content=WORDPRESS_SEED.read_bytes(), origin=str(WORDPRESS_SEED))
    fmt, articles = parse_raw(raw)
    assert fmt == "wordpress"
    assert len(articles) == 1


def test_seed_metadata_field_by_field() -> None:
    (article,) = parse_file(WORDPRESS_SEED)
    assert article.title == (
        "South Korea faces limited options to respond to Russia-North Korea cooperation"
    )
    assert article.url == (
        "https://koreapro.org/2023/09/south-korea-faces-limited-options-to-respond-to-"
        "russia-north-korea-cooperation/"
    )
    assert article.canonical_url == article.url.rstrip("/")
    assert article.guid == "https://koreapro.org/?p=2202283"
    assert article.source == "Korea Pro"  # from the publisher's host, koreapro.org
    assert article.extra == {
        "id": 2202283,
        "slug": "south-korea-faces-limited-options-to-respond-to-russia-north-korea-cooperation",
        "status": "publish",
        "type": "post",
    }
    # The record is cut before author, excerpt and terms: unknown stays unknown.
    assert article.authors == []
    assert article.excerpt is None
    assert article.tags == []


def test_seed_times_are_utc_from_date_gmt_with_the_sites_offset() -> None:
    (article,) = parse_file(WORDPRESS_SEED)
    # date_gmt 2023-09-17T23:00:40, date 2023-09-18T08:00:40 -> KST, +09:00
    assert article.published.utc == datetime(2023, 9, 17, 23, 0, 40, tzinfo=UTC)
    assert article.published.utc_offset_minutes == 540
    # modified_gmt 2023-09-17T10:43:30, modified 2023-09-17T19:43:30
    assert article.updated.utc == datetime(2023, 9, 17, 10, 43, 30, tzinfo=UTC)
    assert article.updated.utc_offset_minutes == 540


def test_seed_is_marked_truncated_and_says_which_field_was_cut() -> None:
    (article,) = parse_file(WORDPRESS_SEED)
    assert article.is_truncated
    assert article.notes == [
        "input is cut off inside content.rendered: that field is partial; "
        "the fields after it are missing"
    ]


def test_seed_body_has_clean_paragraphs_and_the_why_it_matters_section() -> None:
    (article,) = parse_file(WORDPRESS_SEED)
    assert [s.heading for s in article.sections] == [None, "Why It Matters"]
    lead, why = article.sections
    assert len(lead.paragraphs) == 2 and len(why.paragraphs) == 3
    assert lead.paragraphs[0].startswith(
        "South Korean President Yoon Suk-yeol expressed concerns on Sunday over the growing"
    )
    # Stripped-tag leftovers and JSON escapes are gone; entities are decoded.
    assert "Kim Jong Un\u2019s recent trip to Russia" in lead.paragraphs[0]
    assert "</" not in article.body_text and "\\/" not in article.body_text
    assert why.paragraphs[0].startswith("South Korea\u2019s growing reliance on Russia")
    assert "17.38 million metric tons of coal from Russia" in why.paragraphs[0]
    assert why.paragraphs[2].endswith(
        "avoid souring relations with Moscow and Beijing \u2014 two crucial trade partners."
    )
    assert article.word_count == 403


def test_list_of_posts_with_embedded_authors_and_terms() -> None:
    first, second = parse_file(WP / "posts_embedded.json")
    assert (
        first.title == "Putin and Kim sign \u2018comprehensive strategic partnership\u2019 treaty"
    )
    assert first.authors == ["Jeong Min-ho"]
    assert first.tags == ["Diplomacy", "Russia", "Kim Jong Un"]
    assert first.excerpt == "The two leaders signed the pact in Pyongyang \u2026"
    assert first.canonical_url == "https://example-news.kr/2024/06/putin-kim-sign-treaty"
    assert first.published.utc == datetime(2024, 6, 19, 13, 15, tzinfo=UTC)
    assert first.published.utc_offset_minutes == 540
    assert [s.heading for s in first.sections] == [None, "Why It Matters", "What comes next"]
    assert first.sections[2].paragraphs == [
        "Seoul said it would review sending weapons to Ukraine."
    ]
    assert not first.is_truncated
    assert second.title == "Seoul summons Russian ambassador over treaty"
    assert second.excerpt is None
    assert first.id != second.id


def test_cut_inside_a_key_keeps_every_complete_field() -> None:
    (article, *rest) = parse_file(WP / "cut_in_key.json")
    assert rest == []  # the second post never arrived
    assert article.is_truncated
    assert article.notes == [
        "input is cut off after [0].content.protected; the fields after it are missing"
    ]
    assert [s.heading for s in article.sections] == [None, "Why It Matters", "What comes next"]
    assert article.excerpt is None and article.authors == []


def test_cut_right_after_a_comma() -> None:
    (article,) = parse_file(WP / "cut_after_comma.json")
    assert article.is_truncated
    assert article.excerpt == "The two leaders signed the pact in Pyongyang \u2026"
    assert article.notes[0].startswith("input is cut off after [0].author")


def test_raw_control_characters_inside_strings() -> None:
    (article,) = parse_file(WP / "control_chars.json")
    assert article.title == "Line one"
    assert article.paragraphs == ["First paragraph with a tab.", "Second paragraph."]
    assert not article.is_truncated


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("not_wordpress.json", "JSON holds no WordPress post"),
        ("garbage.json", "malformed JSON at line 1 column 39"),
    ],
)
def test_unreadable_json_gives_one_clear_reason(name: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_file(WP / name)
    assert reason in caught.value.reason
    assert caught.value.origin.endswith(name)


def test_close_truncated_json_closes_strings_and_brackets() -> None:
    closed, in_string = wordpress.close_truncated_json('{"a": [1, {"b": "tex')
    assert closed == '{"a": [1, {"b": "tex"}]}'
    assert in_string
    closed, in_string = wordpress.close_truncated_json('{"a": "x\\u20')
    assert closed == '{"a": "x"}'
