"""A story the clusterer merged into another, through the store (SQLite and PostgreSQL): its
articles, readers' comments and follows move to the story that absorbed it, and its row goes."""

from __future__ import annotations

from newsdesk import accounts, pipeline
from newsdesk.model.accounts import Follow, FollowKind
from newsdesk.model.comments import Comment, TargetKind
from newsdesk.store import Store
from tests.store.test_stories_stage import partition, rows, store_rows


def test_a_merged_story_hands_its_articles_comments_and_follows_to_its_absorber(
    store: Store,
) -> None:
    fixture = [r for r in rows("korea-beat.jsonl") if r["id"] in {"ms-1", "ms-2", "ms-3", "ms-4"}]
    ids = store_rows(store, fixture)
    pipeline.run_stage(store, pipeline.STORIES)
    stories = partition(store, ids)
    kept, gone = stories["ms-1"], stories["ms-3"]
    assert kept != gone  # two missile events a week apart: two stories to merge by hand
    one = accounts.create_user(store, "follows-both", "a long passphrase")
    two = accounts.create_user(store, "follows-one", "a long passphrase")
    for user, story in ((one, kept), (one, gone), (two, gone)):
        store.add_follow(Follow(user.id, FollowKind.STORY, str(story), "a story"))
    store.add_comment(Comment(TargetKind.STORY, str(gone), two.id, "On the second launch."))

    store.merge_stories([gone], kept)

    assert set(partition(store, ids).values()) == {kept}
    assert store.get_story(gone) is None
    assert [c.text for c in store.comments_on(TargetKind.STORY, str(kept))] == [
        "On the second launch."
    ]
    assert store.comments_on(TargetKind.STORY, str(gone)) == []
    for user in (one, two):  # one follow of the kept story each, none of the gone one
        targets = [f.target for f in store.follows_of(user.id) if f.kind == FollowKind.STORY]
        assert targets == [str(kept)]
