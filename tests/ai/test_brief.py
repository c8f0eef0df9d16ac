"""A story's brief and perspectives over five outlets' reports of one event (Kursk, 2024)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk import accounts
from newsdesk.ai import story_brief, story_perspectives
from newsdesk.ai.cite import Cited
from newsdesk.errors import NotFound
from newsdesk.model.accounts import Follow, FollowKind, Role
from tests.ai.conftest import Desk

OUTLETS = {"Yonhap News Agency", "The Kyiv Independent", "Reuters", "TASS", "NK News"}


def assert_verbatim(desk: Desk, cited: Cited) -> None:
    article = desk.store.get_article(cited.citation.article_id)
    assert cited.text in article.article.paragraphs[cited.citation.paragraph]
    assert cited.citation.source == (article.article.source or article.article.site)


def test_the_five_reports_are_one_story(desk: Desk) -> None:
    story = desk.store.get_story(desk.story_of("kursk-troops-yonhap"))
    assert set(story.sources) == OUTLETS


def test_the_brief_says_what_several_outlets_agree_on(desk: Desk) -> None:
    brief = story_brief(desk.store, desk.story_of("kursk-troops-yonhap"))
    assert brief.article_count == 5 and brief.source_count == 5
    first = brief.agreed[0]
    assert "joined Russian assaults" in first.sentence.text
    assert {"Yonhap News Agency", "The Kyiv Independent", "Reuters"} <= set(first.sources)
    assert len(first.also) == len(first.sources) - 1
    # A sentence is never counted as agreeing with one that gives another figure.
    for agreed in brief.agreed:
        numbers = {
            tuple(sorted(n for n in c.text.split() if n[0].isdigit()))
            for c in [agreed.sentence, *agreed.also]
        }
        assert len(numbers) == 1 or () in numbers
    for agreed in brief.agreed:
        for cited in [agreed.sentence, *agreed.also]:
            assert_verbatim(desk, cited)


def test_the_brief_says_what_only_one_outlet_says(desk: Desk) -> None:
    brief = story_brief(desk.store, desk.story_of("kursk-troops-yonhap"))
    only = dict(brief.only_one)
    assert set(only) == OUTLETS
    assert any("12,000" in c.text for c in only["The Kyiv Independent"])
    assert any("Peskov" in c.text for c in only["TASS"])
    for items in only.values():
        for cited in items:
            assert_verbatim(desk, cited)


def test_without_a_follow_what_changed_is_the_story_s_latest_day(desk: Desk) -> None:
    brief = story_brief(desk.store, desk.story_of("kursk-troops-yonhap"))
    assert brief.since == datetime(2024, 12, 18, tzinfo=UTC)
    assert brief.since_reason == "since the story's previous day"
    assert brief.changed and all(c.citation.source == "NK News" for c in brief.changed)
    assert any(
        "At least 100 North Korean soldiers have been killed" in c.text for c in brief.changed
    )
    # The NK News piece repeats the 11,000 figure Yonhap gave on Monday: not new.
    assert not any("About 11,000" in c.text for c in brief.changed)


def test_a_reader_following_the_story_sees_what_changed_since_they_looked(desk: Desk) -> None:
    story_id = desk.story_of("kursk-troops-yonhap")
    user = accounts.create_user(desk.store, "brief-reader", "a long passphrase", Role.READER)
    looked = datetime(2024, 12, 16, 12, 0, tzinfo=UTC)
    desk.store.add_follow(
        Follow(user.id, FollowKind.STORY, str(story_id), "Kursk", last_looked_at=looked)
    )
    brief = story_brief(desk.store, story_id, user.id)
    assert brief.since == looked and brief.since_reason == "since you last looked"
    # Yonhap and Kyiv published before the reader looked; the rest after.
    assert {c.citation.source for c in brief.changed} == {"Reuters", "TASS", "NK News"}
    assert all(c.citation.published > looked for c in brief.changed)
    assert any("Roughly 10,000" in c.text for c in brief.changed)


def test_a_story_of_one_article_has_nothing_agreed(desk: Desk) -> None:
    brief = story_brief(desk.store, desk.story_of("pyongyang-marathon-foreign-runners"))
    assert brief.agreed == [] and brief.only_one == [] and brief.changed == []


def test_perspectives_put_the_outlets_side_by_side_with_their_figures(desk: Desk) -> None:
    found = story_perspectives(desk.store, desk.story_of("kursk-troops-yonhap"))
    outlets = {o.source: o for o in found.outlets}
    assert set(outlets) == OUTLETS
    assert outlets["TASS"].side == "Moscow state media"
    assert outlets["The Kyiv Independent"].side == "Kyiv"
    assert outlets["Yonhap News Agency"].side == "Seoul"
    troops = next(d for d in found.disagreements if d.measure == "troops")
    given = {f.cited.citation.source: f.text for f in troops.figures}
    assert given["Reuters"] == "Roughly 10,000"
    assert given["The Kyiv Independent"] == "Some 12,000"
    assert given["Yonhap News Agency"] == "About 11,000"
    for figure in troops.figures:
        assert figure.text in figure.cited.text
        assert_verbatim(desk, figure.cited)
    # Deaths are not a deployment: the losses figure is not set against troop numbers.
    assert all("killed" not in f.cited.text for f in troops.figures)
    claim = found.claims[0]
    assert len(claim.by_source) >= 3
    for cited in claim.by_source.values():
        assert_verbatim(desk, cited)


def test_an_unknown_story_is_not_found(desk: Desk) -> None:
    with pytest.raises(NotFound):
        story_brief(desk.store, 999_999)
    with pytest.raises(NotFound):
        story_perspectives(desk.store, 999_999)
