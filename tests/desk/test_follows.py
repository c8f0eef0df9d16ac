"""Follows on both stores: what each kind matches, labels, "new since you last looked" moving
when the reader looks, and mutes applied to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk import desk
from newsdesk.desk.follows import DeskError, arrived, follow_of, followed, look, matching_ids
from newsdesk.errors import NotFound
from newsdesk.model.accounts import FollowKind, Mute, MuteKind
from newsdesk.model.live import Source
from newsdesk.search import search
from tests.desk.conftest import Beat, arrive, new_reader

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def test_a_follow_is_resolved_and_labelled_by_what_it_follows(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    by_name = desk.new_follow(store, user.id, "entity", "Kim Jong Un")
    assert (by_name.kind, by_name.target, by_name.label) == (
        FollowKind.ENTITY,
        "person:kim-jong-un",
        "Kim Jong Un",
    )
    story_id = store.story_of(beat.ids["kim-putin-vostochny-summit"])
    story = desk.new_follow(store, user.id, "story", str(story_id))
    assert story.label == store.get_story(story_id).title  # type: ignore[union-attr]
    saved_search = desk.new_follow(store, user.id, "search", "q=satellite&source=38+North&mode=x")
    assert (saved_search.target, saved_search.label) == ("q=satellite&source=38+North", "satellite")
    assert desk.new_follow(store, user.id, "search", "rice prices").target == "q=rice+prices"
    with pytest.raises(DeskError, match="no follow kind"):
        desk.new_follow(store, user.id, "colour", "red")
    with pytest.raises(DeskError, match="by its id"):
        desk.new_follow(store, user.id, "story", "the big one")
    with pytest.raises(NotFound):
        desk.new_follow(store, user.id, "entity", "Nobody Anyone")
    with pytest.raises(NotFound):
        desk.new_follow(store, user.id, "storyline", "999999")
    with pytest.raises(DeskError, match="needs words"):
        desk.new_follow(store, user.id, "search", "source=NK+News")


def test_each_kind_matches_its_articles(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    summit = beat.ids["kim-putin-vostochny-summit"]

    def ids(kind: str, target: str) -> set[str]:
        follow = desk.new_follow(store, user.id, kind, target)  # type: ignore[arg-type]
        return set(matching_ids(store, follow, LONG_AGO, 100))

    kim = ids("entity", "person:kim-jong-un")
    assert summit in kim and kim == {a for a, _ in store.entity_articles("person:kim-jong-un")}
    story_id = store.story_of(summit)
    assert ids("story", str(story_id)) == set(store.get_story(story_id).article_ids)  # type: ignore[union-attr]
    line = store.get_story(story_id).storyline_id  # type: ignore[union-attr]
    in_line = {a for s in store.list_stories(100, storyline_id=line) for a in s.article_ids}
    assert ids("storyline", str(line)) == in_line
    words = {h.article.id for h in search(store, "satellite", "fulltext", limit=100).hits}
    assert words and ids("search", "satellite") == words
    assert ids("search", "q=satellite&source=38 North") == {
        i for i in words if store.get_article(i).article.source == "38 North"
    }


def test_a_followed_source_matches_what_was_fetched_from_it(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    source, _ = store.add_source(Source(url="https://desk-wire.example/feed", name="Desk Wire"))
    follow = store.add_follow(desk.new_follow(store, user.id, "source", str(source.id)))
    assert follow.label == "Desk Wire"
    fetched = arrive(
        store, "Ferry link to Rason reopens", "The ferry sails weekly.", source_id=source.id
    )
    arrive(store, "Ferry link elsewhere", "Not from the followed source.")
    assert matching_ids(store, follow, LONG_AGO, 100) == [fetched]


def test_new_since_last_looked_counts_what_arrived_and_looking_clears_it(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    follow = store.add_follow(desk.new_follow(store, user.id, "entity", "Kim Jong Un"))
    assert [n.new for n in desk.news(store, user.id, desk.muting_for(store, user))] == [[]]

    first = arrive(store, "Kim Jong Un opens a greenhouse farm", "Kim Jong Un cut the ribbon.")
    second = arrive(store, "Kim Jong Un tours a tractor plant", "Kim Jong Un praised the workers.")
    arrive(store, "Grain harvest estimates rise", "Nobody followed is named here.")
    (news,) = desk.news(store, user.id, desk.muting_for(store, user))
    assert [s.id for s in news.new] == [second, first]  # the latest arrived first
    assert (news.count, news.more) == ("2", False)

    look(store, follow_of(store, user.id, follow.id))  # type: ignore[arg-type]
    assert desk.news(store, user.id, desk.muting_for(store, user))[0].new == []
    third = arrive(store, "Kim Jong Un visits a hospital", "Kim Jong Un met doctors.")
    assert [s.id for s in desk.news(store, user.id, desk.muting_for(store, user))[0].new] == [third]


def test_new_since_last_looked_leaves_out_what_the_reader_muted(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    follow = store.add_follow(desk.new_follow(store, user.id, "entity", "Kim Jong Un"))
    follow.last_looked_at = LONG_AGO
    store.update_follow(follow)
    everything, _ = arrived(store, follow, LONG_AGO, desk.muting_for(store, user))
    assert beat.ids["kim-putin-vostochny-summit"] in {s.id for s in everything}
    store.add_mute(Mute(user_id=user.id, kind=MuteKind.SOURCE, value="NK News"))
    kept, _ = arrived(store, follow, LONG_AGO, desk.muting_for(store, user))
    assert kept == [s for s in everything if s.article.source != "NK News"]
    assert len(kept) < len(everything)


def test_more_than_the_limit_is_counted_with_a_plus(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    follow = desk.new_follow(store, user.id, "entity", "North Korea")
    follow.last_looked_at = LONG_AGO
    store.add_follow(follow)
    (news,) = desk.news(store, user.id, desk.muting_for(store, user), limit=5)
    assert (len(news.new), news.more, news.count) == (5, True, "5+")


def test_followed_finds_a_readers_follow_and_a_saved_search_by_its_fields(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    made = store.add_follow(
        desk.new_follow(store, user.id, "search", "q=satellite&source=38 North")
    )
    assert followed(store, user.id, "search", "source=38+North&q=satellite") == made
    assert followed(store, user.id, "search", "satellite") is None
    assert followed(store, user.id, "entity", "person:kim-jong-un") is None
    other, _ = new_reader(store)
    with pytest.raises(NotFound):
        follow_of(store, other.id, made.id)  # type: ignore[arg-type]
    assert desk.follow_href(made) == "/search?q=satellite&source=38+North&order=newest"
    assert made.created_at > datetime.now(UTC) - timedelta(minutes=5)
