"""The daily wrap-up: the day's top stories by sources and articles, cited sentences each; as
data, plain text (for the e-mail digest) and an Atom feed."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import feedparser

from newsdesk import accounts
from newsdesk.ai import daily_wrapup, wrapup_feed, wrapup_text
from newsdesk.ai.wrapup import latest_day
from newsdesk.model.accounts import Follow, FollowKind, Role
from tests.ai.conftest import Desk

KURSK_DAY = date(2024, 12, 16)


def test_the_day_s_top_story_is_the_one_most_sources_carried(desk: Desk) -> None:
    wrapup = daily_wrapup(desk.store, KURSK_DAY)
    assert wrapup.scope == "the beat" and wrapup.article_count == 3
    top = wrapup.stories[0]
    assert top.story_id == desk.story_of("kursk-troops-yonhap")
    assert set(top.sources) == {"Yonhap News Agency", "The Kyiv Independent", "Reuters"}
    assert 1 <= len(top.sentences) <= 2
    for cited in top.sentences:
        article = desk.store.get_article(cited.citation.article_id)
        assert cited.text in article.article.paragraphs[cited.citation.paragraph]
        assert cited.citation.published.date() == KURSK_DAY
        assert cited.citation.article_id in top.article_ids


def test_a_day_without_news_has_no_stories(desk: Desk) -> None:
    wrapup = daily_wrapup(desk.store, date(2020, 1, 1))
    assert wrapup.stories == [] and "Nothing was published that day." in wrapup_text(wrapup)


def test_a_reader_s_wrap_up_holds_only_what_they_follow(desk: Desk) -> None:
    user = accounts.create_user(desk.store, "wrapup-reader", "a long passphrase", Role.READER)
    desk.store.add_follow(
        Follow(user.id, FollowKind.ENTITY, "org:federal-bureau-of-investigation", "FBI")
    )
    day = date(2025, 2, 24)
    assert daily_wrapup(desk.store, day).article_count == 1
    mine = daily_wrapup(desk.store, day, user.id)
    assert mine.scope == "your follows"
    assert [s.title for s in mine.stories] == [
        "FBI blames North Korean hackers for 1.5 billion dollar cryptocurrency heist"
    ]
    nothing = daily_wrapup(desk.store, KURSK_DAY, user.id)
    assert nothing.stories == [] and nothing.scope == "your follows"


def test_the_plain_text_cites_every_sentence(desk: Desk) -> None:
    text = wrapup_text(daily_wrapup(desk.store, KURSK_DAY), "https://desk.example")
    assert text.startswith("newsdesk wrap-up of the beat, 16 December 2024")
    assert "[Yonhap News Agency, 16 Dec 2024, ¶1] https://desk.example/articles/" in text


def test_the_atom_feed_has_an_entry_a_day_with_cited_html(desk: Desk) -> None:
    days = [KURSK_DAY, date(2024, 12, 17)]
    body = wrapup_feed(
        [daily_wrapup(desk.store, d) for d in days],
        "https://desk.example/feeds/wrapup.xml",
        "https://desk.example/wrapup",
        "https://desk.example",
    )
    feed = feedparser.parse(body)
    assert not feed.bozo
    assert [e.id for e in feed.entries] == [
        "urn:newsdesk:wrapup:2024-12-16",
        "urn:newsdesk:wrapup:2024-12-17",
    ]
    html = feed.entries[0].content[0].value
    assert "https://desk.example/stories/" in html
    assert "[Yonhap News Agency, 16 Dec 2024, ¶1]" in html


def test_the_latest_day_is_the_newest_dated_article_s(desk: Desk) -> None:
    assert latest_day(desk.store) == date(2025, 6, 20)


def test_a_day_s_wrap_up_takes_under_five_seconds(desk: Desk) -> None:
    started = time.perf_counter()
    daily_wrapup(desk.store, KURSK_DAY)
    assert time.perf_counter() - started < 5
    assert datetime.now(UTC).year >= 2024
