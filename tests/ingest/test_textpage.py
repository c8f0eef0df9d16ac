"""Aggregator text scrapes: the Daily8 seed field by field, and a layout learned from data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.errors import IngestError
from newsdesk.ingest import parse_raw, textpage
from newsdesk.model import RawDocument, Relation
from newsdesk.store import Store
from tests.conftest import FIXTURES, TEXTPAGE_SEED

PAGES = FIXTURES / "textpages"


def raw_of(path: Path, crawled_at: datetime | None = None) -> RawDocument:
    return RawDocument(content=path.read_bytes(), origin=str(path), crawled_at=crawled_at)


def test_seed_is_detected_as_text_and_uses_the_daily8_layout() -> None:
    fmt, articles = parse_raw(raw_of(TEXTPAGE_SEED))
    assert fmt == "text"
    assert {a.extra["layout"] for a in articles} == {"daily8"}


def test_seed_main_article_field_by_field() -> None:
    main, *_ = textpage.parse(raw_of(TEXTPAGE_SEED))
    assert main.title == (
        "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank"
    )
    assert main.source == "Korea Herald"  # split from "Korea Herald16-04-2025"
    assert main.site == "Daily8"
    assert main.published.utc == datetime(2025, 4, 16, tzinfo=UTC)
    assert main.published.precision == "day"  # the page gives no time: none is invented
    assert main.published.utc_offset_minutes is None
    assert main.relation is Relation.MAIN and main.found_on is None
    assert main.authors == [] and main.url is None


def test_seed_main_body_drops_every_line_of_app_boilerplate() -> None:
    main, *_ = textpage.parse(raw_of(TEXTPAGE_SEED))
    paragraphs = main.paragraphs
    assert len(paragraphs) == 12
    assert paragraphs[0].startswith("South Korea needs to bolster relations with Russia")
    assert paragraphs[-1].endswith("survival of the Kim regime.'")
    assert "around 3,000 additional troops to Russia" in paragraphs[7]
    for junk in (
        "logo",
        "Try Our AI Features",
        "Comments",
        "DOWNLOAD THE APP",
        "Orange background",
    ):
        assert junk not in paragraphs
    assert main.title not in paragraphs


def test_seed_related_articles_are_records_linked_to_the_page() -> None:
    main, *related = textpage.parse(raw_of(TEXTPAGE_SEED))
    assert [r.title for r in related] == [
        "US steel tariffs on home appliances spark concerns for Samsung, LG",
        "North Korea ramps up anti-US indoctrination for students with new tactics",
        "President Lee calls on business circles to restore public trust",
    ]
    for record in related:
        assert record.relation is Relation.RELATED
        assert record.found_on == main.id
        assert record.source == "Korea Herald"
        assert record.published is None  # "time2 days ago" with no crawl time: unknown
        assert record.date_text == "2 days ago"  # without the "time" icon label glued to it
        assert len(record.paragraphs) == 1
    assert related[0].paragraphs[0].startswith("The Trump administration's decision to expand")
    assert "at 50 percent" in related[0].paragraphs[0]
    assert related[2].paragraphs[0].endswith("Lotte Chair Shin Dong-bin.")


def test_seed_teasers_are_stored_with_the_date_words_alone(store: Store) -> None:
    raw = raw_of(TEXTPAGE_SEED)
    main, *_ = textpage.parse(raw)
    raw_id, _ = store.add_raw(raw)
    store.save_articles(raw_id, textpage.parse(raw))
    teasers = store.articles_found_on(main.id)
    assert sorted(t.article.title for t in teasers) == [
        "North Korea ramps up anti-US indoctrination for students with new tactics",
        "President Lee calls on business circles to restore public trust",
        "US steel tariffs on home appliances spark concerns for Samsung, LG",
    ]
    for teaser in teasers:
        assert teaser.article.date_text == "2 days ago"  # the page shows "time2 days ago"
        assert teaser.article.published is None
        assert teaser.article.notes == [
            "date '2 days ago' is relative and the crawl time is unknown"
        ]


def test_relative_dates_resolve_only_with_a_crawl_time() -> None:
    crawled = datetime(2025, 6, 14, 9, 30, tzinfo=UTC)
    _, *related = textpage.parse(raw_of(TEXTPAGE_SEED, crawled_at=crawled))
    for record in related:
        assert record.published.utc == datetime(2025, 6, 12, tzinfo=UTC)
        assert record.published.precision == "day"
        assert record.date_text == "2 days ago"  # the page's words are kept too


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("3 hours ago", datetime(2025, 6, 14, 6, 30, tzinfo=UTC), "hour"),
        ("yesterday", datetime(2025, 6, 13, tzinfo=UTC), "day"),
        ("an hour ago", datetime(2025, 6, 14, 8, 30, tzinfo=UTC), "hour"),
        ("1 week ago", datetime(2025, 6, 7, tzinfo=UTC), "day"),
    ],
)
def test_resolve_relative_date(text: str, expected: datetime, precision: str) -> None:
    crawled = datetime(2025, 6, 14, 9, 30, tzinfo=UTC)
    stamp, kept = textpage.resolve_relative_date(text, crawled)
    assert stamp.utc == expected and stamp.precision == precision and kept == text


def test_months_ago_stays_words_not_a_guessed_date() -> None:
    stamp, kept = textpage.resolve_relative_date("2 months ago", datetime.now(UTC))
    assert stamp is None and kept == "2 months ago"


def test_a_new_aggregator_is_learned_from_a_layout_file_alone() -> None:
    layouts = textpage.load_layouts([PAGES / "layouts"])
    crawled = datetime(2025, 5, 8, 12, 0, tzinfo=UTC)
    main, stocks, family = textpage.parse(raw_of(PAGES / "briefly_page.txt", crawled), layouts)
    assert main.title == "North Korea fires two short-range ballistic missiles into East Sea"
    assert main.source == "Yonhap" and main.site == "Briefly"
    assert main.published.utc == datetime(2025, 5, 8, tzinfo=UTC)
    assert len(main.paragraphs) == 3
    assert "Share this story" not in main.body_text and "Menu" not in main.paragraphs
    assert stocks.title == "Seoul stocks open higher on chip gains"
    assert stocks.published.utc == datetime(2025, 5, 8, 9, 0, tzinfo=UTC)
    assert stocks.paragraphs == [
        "Seoul shares opened higher on Friday as chipmakers extended gains."
    ]
    assert family.published.utc == datetime(2025, 5, 7, tzinfo=UTC)
    # The layout's pattern says which words are the date: "Posted" is not kept.
    assert (stocks.date_text, family.date_text) == ("3 hours ago", "yesterday")
    assert family.found_on == main.id


def test_unknown_layout_falls_back_to_title_then_body() -> None:
    (article,) = textpage.parse(raw_of(PAGES / "generic_article.txt"))
    assert article.title == "Kim Yo Jong warns Seoul over leaflet balloons"
    assert len(article.paragraphs) == 3
    assert article.source is None and article.published is None
    assert article.extra["layout"] == "generic"


def test_page_of_boilerplate_only_is_a_clear_error() -> None:
    with pytest.raises(IngestError) as caught:
        textpage.parse(raw_of(PAGES / "boilerplate_only.txt"))
    assert "holds no article" in caught.value.reason
    assert caught.value.origin.endswith("boilerplate_only.txt")
