"""The store on SQLite and PostgreSQL: raw documents, versions, provenance, stage progress."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsdesk.errors import NotFound
from newsdesk.model import Article, RawDocument, RawStatus, Relation, Section, Timestamp
from newsdesk.store import Store, open_store
from newsdesk.urls import canonical_url

KST = timezone(timedelta(hours=9))
T0 = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def article(
    title: str = "Seoul bolsters ties with Moscow",
    url: str | None = "https://koreaherald.com/view.php?ud=1",
    body: str = "South Korea needs to bolster relations with Russia, a think tank said.",
    published: datetime | None = None,
    source: str | None = "Korea Herald",
    relation: Relation = Relation.MAIN,
    guid: str | None = None,
) -> Article:
    return Article(
        title=title,
        sections=[Section(heading=None, paragraphs=[body])],
        url=url,
        canonical_url=canonical_url(url),
        guid=guid,
        source=source,
        published=Timestamp(published) if published else None,
        relation=relation,
    )


def raw(store: Store, content: bytes, origin: str = "inbox/post.json", at: datetime = T0) -> int:
    raw_id, _ = store.add_raw(RawDocument(content=content, origin=origin, received_at=at))
    return raw_id


# Raw documents -----------------------------------------------------------------------------


def test_a_raw_document_is_stored_with_its_bytes_hash_origin_and_time(store: Store) -> None:
    content = b'{"title": {"rendered": "x"}}\x00\xff'
    received = datetime(2025, 6, 1, 21, 15, 30, 250000, tzinfo=KST)
    raw_id, is_new = store.add_raw(
        RawDocument(content=content, origin="feeds/kh.json", received_at=received)
    )

    assert is_new is True
    kept = store.get_raw(raw_id)
    assert kept.id == raw_id
    assert kept.content == content
    assert kept.content_sha256 == hashlib.sha256(content).hexdigest()
    assert kept.size == len(content)
    assert kept.origin == "feeds/kh.json"
    assert kept.received_at == received
    assert kept.received_at.utcoffset() == timedelta(0)
    assert kept.status is RawStatus.PENDING


def test_the_same_bytes_again_return_the_existing_raw_document(store: Store) -> None:
    first_id, first_new = store.add_raw(RawDocument(content=b"same bytes", origin="a.txt"))
    again_id, again_new = store.add_raw(RawDocument(content=b"same bytes", origin="copy/of/a.txt"))
    other_id, other_new = store.add_raw(RawDocument(content=b"other bytes", origin="b.txt"))

    assert (again_id, again_new) == (first_id, False)
    assert other_new is True and other_id != first_id
    assert store.get_raw(first_id).origin == "a.txt"
    assert [r.id for r in store.raw_documents()] == [first_id, other_id]


def test_finishing_a_raw_document_records_status_format_and_reason(store: Store) -> None:
    good, bad = raw(store, b"good"), raw(store, b"bad")
    store.finish_raw(good, RawStatus.PARSED, "text", None, 4)
    store.finish_raw(bad, RawStatus.FAILED, None, "input is binary data, not text", 0)

    failed = store.raw_documents(RawStatus.FAILED)
    assert [(r.id, r.error) for r in failed] == [(bad, "input is binary data, not text")]
    assert failed[0].content == b"bad"
    assert store.get_raw(good).status is RawStatus.PARSED
    assert store.get_raw(good).detected_format == "text"


def test_an_unknown_raw_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_raw(999)


# Saving articles: new, unchanged, updated -------------------------------------------------


def test_a_new_article_is_version_1(store: Store) -> None:
    raw_id = raw(store, b"one")
    [outcome] = store.save_articles(raw_id, [article()], seen_at=T0)

    assert (outcome.change, outcome.version) == ("new", 1)
    stored = store.get_article(outcome.article_id)
    assert stored.version == 1
    assert stored.raw_document_id == raw_id
    assert stored.article.title == "Seoul bolsters ties with Moscow"
    assert stored.article.paragraphs == [
        "South Korea needs to bolster relations with Russia, a think tank said."
    ]
    assert stored.first_seen_at == stored.last_seen_at == T0
    assert [s.raw_document_id for s in store.provenance(outcome.article_id)] == [raw_id]


def test_the_same_article_again_is_unchanged_and_a_new_sighting(store: Store) -> None:
    first_raw = raw(store, b"first copy", origin="a/post.json")
    second_raw = raw(store, b"second copy", origin="b/post.json")
    [first] = store.save_articles(first_raw, [article()], seen_at=T0)
    [again] = store.save_articles(second_raw, [article()], seen_at=T0 + timedelta(hours=1))

    assert (again.article_id, again.change, again.version) == (first.article_id, "unchanged", 1)
    stored = store.get_article(first.article_id)
    assert stored.version == 1
    assert stored.raw_document_id == first_raw
    assert stored.first_seen_at == T0
    assert stored.last_seen_at == T0 + timedelta(hours=1)
    sightings = store.provenance(first.article_id)
    assert [(s.raw_document_id, s.origin, s.version) for s in sightings] == [
        (first_raw, "a/post.json", 1),
        (second_raw, "b/post.json", 1),
    ]
    assert [v for v, _, _ in store.article_versions(first.article_id)] == [1]
    assert store.count_articles() == 1


def test_the_same_url_with_an_edited_body_and_title_is_version_2(store: Store) -> None:
    first_raw, second_raw = raw(store, b"v1"), raw(store, b"v2")
    [first] = store.save_articles(first_raw, [article()], seen_at=T0)
    edited = article(
        title="Seoul should bolster ties with Moscow, think tank says",
        url="http://www.koreaherald.com/view.php?ud=1&utm_source=rss",  # same canonical URL
        body="South Korea needs to bolster relations with Russia. (Updated with the author.)",
    )
    [second] = store.save_articles(second_raw, [edited], seen_at=T0 + timedelta(days=1))

    assert (second.article_id, second.change, second.version) == (first.article_id, "updated", 2)
    stored = store.get_article(first.article_id)
    assert stored.version == 2
    assert stored.raw_document_id == second_raw
    assert stored.article.title == "Seoul should bolster ties with Moscow, think tank says"
    assert stored.first_seen_at == T0
    versions = store.article_versions(first.article_id)
    assert [v for v, _, _ in versions] == [1, 2]
    assert versions[0][2].title == "Seoul bolsters ties with Moscow"
    assert versions[0][2].paragraphs == [
        "South Korea needs to bolster relations with Russia, a think tank said."
    ]
    assert versions[1][2].title == "Seoul should bolster ties with Moscow, think tank says"
    assert versions[0][1] == T0
    assert [(s.raw_document_id, s.version) for s in store.provenance(first.article_id)] == [
        (first_raw, 1),
        (second_raw, 2),
    ]
    assert store.count_articles() == 1


def test_the_same_guid_without_a_url_is_one_article_in_versions(store: Store) -> None:
    first_raw, second_raw = raw(store, b"g1"), raw(store, b"g2")
    [first] = store.save_articles(first_raw, [article(url=None, guid="https://koreapro.org/?p=1")])
    [second] = store.save_articles(
        second_raw,
        [
            article(
                url=None,
                guid="https://koreapro.org/?p=1",
                body="South Korea must bolster its ties with Russia, a think tank said on Friday.",
            )
        ],
    )
    assert second.article_id == first.article_id
    assert (second.change, second.version) == ("updated", 2)


def test_a_teaser_of_a_stored_full_text_is_a_sighting_not_a_new_version(store: Store) -> None:
    full_body = " ".join(["South Korea needs to bolster relations with Russia."] * 20)
    [full] = store.save_articles(raw(store, b"page"), [article(body=full_body)])
    teaser = article(body="South Korea needs to bolster relations with Russia.")
    teaser.is_teaser = True
    [seen] = store.save_articles(raw(store, b"feed"), [teaser])
    assert (seen.article_id, seen.change, seen.version) == (full.article_id, "unchanged", 1)
    assert store.get_article(full.article_id).article.body_text == full_body
    assert len(store.provenance(full.article_id)) == 2  # the feed is still a recorded source


def test_an_article_repeated_within_one_raw_document_is_not_a_second_version(store: Store) -> None:
    raw_id = raw(store, b"list with a repeat")
    outcomes = store.save_articles(raw_id, [article(), article()])
    assert [(o.change, o.version) for o in outcomes] == [("new", 1), ("unchanged", 1)]
    assert len(store.provenance(outcomes[0].article_id)) == 1


def test_last_seen_is_the_latest_sighting_within_one_batch(store: Store) -> None:
    [first] = store.save_articles(raw(store, b"v1"), [article()], seen_at=T0)
    later, latest = T0 + timedelta(hours=1), T0 + timedelta(hours=2)
    edited = article(body="South Korea needs to bolster relations with Russia (edited).")
    store.save_batch(
        [(raw(store, b"v1 again"), [article()], later), (raw(store, b"v2"), [edited], latest)]
    )
    stored = store.get_article(first.article_id)
    assert stored.version == 2
    assert stored.last_seen_at == latest


def test_article_ids_are_stable_across_stores(store: Store, tmp_path: Path) -> None:
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        items = [
            article(),
            article(url=None, guid="guid-7"),
            article(url=None, title="No link at all"),
        ]
        here = [o.article_id for o in store.save_articles(raw(store, b"x"), items)]
        there = [o.article_id for o in other.save_articles(raw(other, b"y"), items)]
    finally:
        other.close()
    assert here == there
    assert len(set(here)) == 3


def test_article_fields_round_trip(store: Store) -> None:
    item = Article(
        title="북한, 반미 교양 강화",
        sections=[
            Section(None, ["Lead paragraph."]),
            Section("Why It Matters", ["Because.", "Also."]),
        ],
        url="https://koreapro.org/2023/09/post/",
        canonical_url="https://koreapro.org/2023/09/post",
        guid="https://koreapro.org/?p=2202283",
        source="Korea Pro",
        site="Daily8",
        authors=["Kim Ji-hoon", "Jane Doe"],
        published=Timestamp(datetime(2023, 9, 18, 8, 0, 40, tzinfo=KST), utc_offset_minutes=540),
        updated=Timestamp(datetime(2023, 9, 17, 10, 43, 30, tzinfo=UTC), utc_offset_minutes=None),
        date_text=None,
        language="ko",
        excerpt="An excerpt.",
        tags=["North Korea", "Russia"],
        is_truncated=True,
        is_teaser=True,
        relation=Relation.RELATED,
        found_on="0123456789abcdef",
        notes=["input is cut off inside content.rendered"],
        extra={"id": 2202283, "slug": "post", "nested": {"a": [1, 2]}},
    )
    [outcome] = store.save_articles(raw(store, b"fields"), [item])
    back = store.get_article(outcome.article_id).article
    assert back == item
    [(_, _, from_version)] = store.article_versions(outcome.article_id)
    assert from_version == item


# Time ----------------------------------------------------------------------------------------


def test_datetimes_come_back_aware_in_utc_with_offset_and_precision(store: Store) -> None:
    published = datetime(2024, 3, 1, 9, 30, 15, 123456, tzinfo=KST)
    items = [
        Article(
            title="Exact",
            url="https://example.com/exact",
            canonical_url="https://example.com/exact",
            published=Timestamp(published, utc_offset_minutes=540, precision="second"),
        ),
        Article(
            title="A day",
            url="https://example.com/day",
            canonical_url="https://example.com/day",
            published=Timestamp(datetime(2025, 4, 16, tzinfo=UTC), precision="day"),
            updated=Timestamp(
                datetime(2025, 4, 16, 6, 5, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
                utc_offset_minutes=-330,
                precision="minute",
            ),
        ),
    ]
    seen = datetime(2025, 6, 1, 23, 59, 59, 999999, tzinfo=KST)
    exact, day = store.save_articles(raw(store, b"times"), items, seen_at=seen)

    stamp = store.get_article(exact.article_id).article.published
    assert stamp.utc == published
    assert stamp.utc.tzinfo is not None and stamp.utc.utcoffset() == timedelta(0)
    assert (stamp.utc.hour, stamp.utc.microsecond) == (0, 123456)
    assert (stamp.utc_offset_minutes, stamp.precision) == (540, "second")

    stored_day = store.get_article(day.article_id)
    assert stored_day.article.published == Timestamp(datetime(2025, 4, 16, tzinfo=UTC), None, "day")
    updated = stored_day.article.updated
    assert updated.utc == datetime(2025, 4, 16, 11, 35, tzinfo=UTC)
    assert (updated.utc_offset_minutes, updated.precision) == (-330, "minute")
    assert stored_day.first_seen_at == seen
    assert stored_day.first_seen_at.utcoffset() == timedelta(0)


# Reading articles ----------------------------------------------------------------------------


def test_get_article_by_full_id_or_unique_prefix_of_six_or_more(store: Store) -> None:
    [outcome] = store.save_articles(raw(store, b"x"), [article()])
    full = outcome.article_id

    assert store.get_article(full).id == full
    assert store.get_article(full[:6]).id == full
    assert store.get_article(full[:10]).id == full
    for wrong in (full[:5], full[:1], "zzzzzz", full + "0", ""):
        with pytest.raises(NotFound):
            store.get_article(wrong)


def test_an_ambiguous_prefix_is_not_found(store: Store) -> None:
    by_prefix: dict[str, Article] = {}
    n = 0
    while True:  # two guids whose ids share six leading characters (a few thousand tries)
        candidate = article(url=None, guid=f"guid-{n}")
        prefix = candidate.id[:6]
        if prefix in by_prefix:
            pair = [by_prefix[prefix], candidate]
            break
        by_prefix[prefix] = candidate
        n += 1
    first, second = store.save_articles(raw(store, b"pair"), pair)

    with pytest.raises(NotFound):
        store.get_article(prefix)
    assert store.get_article(first.article_id).article.guid == pair[0].guid
    assert store.get_article(second.article_id).article.guid == pair[1].guid


def _filter_set(store: Store) -> dict[str, str]:
    items = {
        "old": article(
            title="Old", url="https://a.com/old", published=datetime(2025, 1, 5, tzinfo=UTC)
        ),
        "mid": article(
            title="Mid",
            url="https://a.com/mid",
            published=datetime(2025, 3, 1, tzinfo=UTC),
            source="Yonhap",
        ),
        "new": article(
            title="New", url="https://a.com/new", published=datetime(2025, 5, 1, tzinfo=UTC)
        ),
        "related": article(
            title="Related",
            url="https://a.com/rel",
            relation=Relation.RELATED,
            published=datetime(2025, 4, 1, tzinfo=UTC),
        ),
        "undated": article(title="Undated", url="https://a.com/undated"),
    }
    outcomes = store.save_articles(raw(store, b"set"), list(items.values()), seen_at=T0)
    return {name: o.article_id for name, o in zip(items, outcomes, strict=True)}


def test_list_articles_newest_first_undated_by_first_seen(store: Store) -> None:
    ids = _filter_set(store)
    titles = [s.article.title for s in store.list_articles()]
    assert titles == [
        "Undated",
        "New",
        "Related",
        "Mid",
        "Old",
    ]  # undated were first seen 2025-06-01
    assert [s.article.title for s in store.list_articles(limit=2, offset=1)] == ["New", "Related"]
    assert store.list_articles(limit=1)[0].id == ids["undated"]


def test_list_articles_filters(store: Store) -> None:
    _filter_set(store)

    def titles(**filters: object) -> list[str]:
        return [s.article.title for s in store.list_articles(**filters)]

    assert titles(source="yonhap") == ["Mid"]
    assert titles(source="Korea Herald") == ["Undated", "New", "Related", "Old"]
    assert titles(since=datetime(2025, 3, 1, tzinfo=UTC)) == ["New", "Related", "Mid"]
    assert titles(until=datetime(2025, 3, 1, tzinfo=UTC)) == ["Old"]
    assert titles(
        since=datetime(2025, 2, 1, tzinfo=KST), until=datetime(2025, 4, 2, tzinfo=KST)
    ) == ["Related", "Mid"]
    assert titles(relation=Relation.RELATED) == ["Related"]
    assert titles(relation=Relation.MAIN, source="Korea Herald") == ["Undated", "New", "Old"]


def test_since_and_until_compare_instants_not_wall_clocks(store: Store) -> None:
    store.save_articles(
        raw(store, b"edge"),
        [
            article(
                title="Late KST evening",
                url="https://a.com/e",
                published=datetime(2025, 3, 1, 23, 30, tzinfo=KST),
            ),  # 14:30 UTC
        ],
    )
    in_utc = datetime(2025, 3, 1, 14, 30, tzinfo=UTC)
    assert len(store.list_articles(since=in_utc)) == 1
    assert len(store.list_articles(since=in_utc + timedelta(seconds=1))) == 0
    assert len(store.list_articles(until=in_utc + timedelta(seconds=1))) == 1
    assert len(store.list_articles(until=in_utc)) == 0


@pytest.mark.parametrize("count", [4, 5])
def test_iter_articles_streams_every_article_in_batches(store: Store, count: int) -> None:
    items = [article(title=f"Story {n}", url=f"https://a.com/{n}") for n in range(count)]
    ids = {o.article_id for o in store.save_articles(raw(store, b"many"), items)}

    streamed = list(store.iter_articles(batch_size=2))
    assert [s.id for s in streamed] == sorted(ids)
    assert {s.article.title for s in streamed} == {f"Story {n}" for n in range(count)}


def test_articles_from_raw_lists_what_one_input_held(store: Store) -> None:
    first_raw, second_raw = raw(store, b"page one"), raw(store, b"page two")
    a, b = store.save_articles(
        first_raw,
        [article(title="A", url="https://a.com/a"), article(title="B", url="https://a.com/b")],
    )
    store.save_articles(
        second_raw,
        [article(title="B", url="https://a.com/b"), article(title="C", url="https://a.com/c")],
    )
    assert {s.article.title for s in store.articles_from_raw(first_raw)} == {"A", "B"}
    assert {s.article.title for s in store.articles_from_raw(second_raw)} == {"B", "C"}


# Stage progress ------------------------------------------------------------------------------


def test_pending_mark_done_and_reset_stage(store: Store) -> None:
    one, two = store.save_articles(
        raw(store, b"two stories"),
        [article(title="One", url="https://a.com/1"), article(title="Two", url="https://a.com/2")],
        seen_at=T0,
    )

    def pending(stage: str) -> list[tuple[str, int]]:
        return [(s.id, s.version) for s in store.pending(stage)]

    assert sorted(pending("enrich")) == sorted([(one.article_id, 1), (two.article_id, 1)])

    store.mark_done("enrich", [(one.article_id, 1)])
    assert pending("enrich") == [(two.article_id, 1)]
    assert len(pending("stories")) == 2  # stages keep their own progress

    # A new version of a processed article is pending again.
    [edited] = store.save_articles(
        raw(store, b"one edited"),
        [article(title="One, edited", url="https://a.com/1")],
        seen_at=T0 + timedelta(hours=1),
    )
    assert edited.version == 2
    assert sorted(pending("enrich")) == sorted([(one.article_id, 2), (two.article_id, 1)])

    store.mark_done("enrich", [(one.article_id, 2), (two.article_id, 1)])
    assert pending("enrich") == []
    store.mark_done("enrich", [(one.article_id, 2)])  # marking twice is harmless
    assert pending("enrich") == []

    store.mark_done("stories", [(two.article_id, 1)])
    store.reset_stage("enrich")
    assert len(pending("enrich")) == 2
    assert pending("stories") == [(one.article_id, 2)]  # other stages keep their progress


def test_an_unchanged_resighting_does_not_make_an_article_pending(store: Store) -> None:
    [first] = store.save_articles(raw(store, b"a"), [article()])
    store.mark_done("enrich", [(first.article_id, 1)])
    store.save_articles(raw(store, b"b"), [article()])
    assert store.pending("enrich") == []


def test_pending_is_oldest_first_and_limited(store: Store) -> None:
    for hour in (3, 1, 2):
        store.save_articles(
            raw(store, f"h{hour}".encode()),
            [article(title=f"Hour {hour}", url=f"https://a.com/{hour}")],
            seen_at=T0 + timedelta(hours=hour),
        )
    assert [s.article.title for s in store.pending("enrich")] == ["Hour 1", "Hour 2", "Hour 3"]
    assert [s.article.title for s in store.pending("enrich", limit=2)] == ["Hour 1", "Hour 2"]


# Transactions --------------------------------------------------------------------------------


def test_a_failed_transaction_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        raw_id = raw(store, b"rolled back")
        store.save_articles(raw_id, [article()])
        raise RuntimeError("stop")
    assert store.raw_documents() == []
    assert store.count_articles() == 0
