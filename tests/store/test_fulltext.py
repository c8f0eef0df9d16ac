"""The index stage, and full-text ranking on a store big enough for its shortcuts.

An article is found by full-text search only once the index stage has run over it; a new
version replaces the words the index held (on SQLite FTS5 removes them given the exact text
indexed, which the stage finds from its progress and the version records).

Ranking: above RANK_SAMPLE articles, words found in half the articles or more are left out of
ranking (FTS5 gives them an idf of 1e-6) and phrases are ranked by their words. These tests
shrink RANK_SAMPLE so a store of a dozen hand-written articles takes that path, and check it
against what plain FTS5 bm25 says for the same query on the same index. On PostgreSQL the
search is steered between two query plans; both must find the same.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from newsdesk.model import Article, RawDocument, Section, Timestamp
from newsdesk.search import parse_query
from newsdesk.store import Store, fulltext, fulltext_postgres, fulltext_sqlite, open_store
from newsdesk.store.fulltext import Filters, TextHit
from tests.search_support import (
    assert_index_matches_articles,
    found_ids,
    index_pending,
    store_articles,
    wire_article,
)

# (title, body, source). Every article says "Korea"; "satellite" is in four of twelve, with
# different counts and lengths so that bm25 puts them in one order without ties.
ARTICLES = [
    ("Korea trade figures for March", "Korea exports rose in March. Chip sales led.", "Yonhap"),
    (
        "Satellite launch from Sohae",
        "Korea fired a satellite from Sohae on a new rocket. The satellite reached orbit.",
        "NK News",
    ),
    ("Korea weather", "Rain in Korea all week, heavier in the south.", "Yonhap"),
    (
        "Rocket engine test",
        "Korea tested an engine for a future satellite carrier at a site in the west, one of "
        "several tests this year that analysts tie to a military programme.",
        "38 North",
    ),
    ("Korea football", "The Korea side won the cup final in Seoul.", "Yonhap"),
    ("Korea tariffs", "Korea and the US agreed tariffs on steel.", "Reuters"),
    (
        "Russia and the satellite programme",
        "Russia may help Korea with satellite work; a satellite engineer visited. Satellite "
        "images showed the visit.",
        "NK News",
    ),
    ("Korea housing", "House prices in Korea fell again.", "Yonhap"),
    ("North Korea border", "North Korea closed a border crossing with China.", "Reuters"),
    (
        "Images of the pad",
        "Commercial satellite images show Korea expanding the launch pad.",
        "38 North",
    ),
    ("Korea elections", "Korea votes in June for local posts.", "Yonhap"),
    ("Korea and North Korea talks", "North Korea said no to talks with South Korea.", "Reuters"),
]


@pytest.fixture
def big_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(fulltext_sqlite, "RANK_SAMPLE", 10)
    return _filled(open_store(f"sqlite:///{tmp_path / 'store.db'}"))


def _filled(store: Store) -> Store:
    base = datetime(2025, 3, 1, tzinfo=UTC)
    with store.transaction():
        raw_id, _ = store.add_raw(RawDocument(content=b"hand-written", origin="test"))
        store.save_articles(
            raw_id,
            [
                Article(
                    title=title,
                    sections=[Section(None, [body])],
                    guid=f"ranking-{number}",
                    source=source,
                    language="en",
                    published=Timestamp(base + timedelta(days=number)),
                )
                for number, (title, body, source) in enumerate(ARTICLES)
            ],
        )
    index_pending(store)
    return store


def _titles(store: Store, query: str, filters: Filters | None = None) -> list[str]:
    hits = store.search_text(parse_query(query), filters or Filters(), 20)
    found = store.get_articles(hit.article_id for hit in hits)
    return [found[hit.article_id].article.title for hit in hits]


def _plain_bm25(store: Store, expression: str, source: str | None = None) -> list[str]:
    """Titles in plain FTS5 bm25 order (ties: newest first), the reference to agree with."""
    where = " AND a.source = :source" if source else ""
    sql = f"""
        SELECT a.title FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
        WHERE articles_fts MATCH :q{where}
        ORDER BY bm25(articles_fts, {fulltext.TITLE_WEIGHT}, {fulltext.BODY_WEIGHT}),
                 articles_fts.rowid DESC
    """
    with store.transaction() as conn:
        return list(conn.execute(text(sql), {"q": expression, "source": source}).scalars())


def test_a_word_in_every_article_is_required_but_does_not_move_the_ranking(
    big_store: Store,
) -> None:
    found = _titles(big_store, "korea satellite")
    assert len(found) == 4  # every article with both words
    assert found == _plain_bm25(big_store, '"korea" AND "satellite"')
    # In the title and three times in the body, then in the title and twice in the body.
    assert found[:2] == ["Russia and the satellite programme", "Satellite launch from Sohae"]


# 200: the pool is ranked by a second statement; -1000: the sample already calls it too sparse,
# one pass; -8: the sample (which knows no filter) says dense, the filtered pool is too sparse.
@pytest.mark.parametrize("slack", [fulltext_sqlite.RANK_SLACK_ROWS, -1_000, -8])
def test_a_filtered_pool_ranks_like_bm25_dense_or_sparse(
    big_store: Store, monkeypatch: pytest.MonkeyPatch, slack: int
) -> None:
    monkeypatch.setattr(fulltext_sqlite, "RANK_SLACK_ROWS", slack)
    found = _titles(big_store, "korea satellite", Filters(source="38 North"))
    assert found == ["Images of the pad", "Rocket engine test"]  # shorter text, same count
    assert found == _plain_bm25(big_store, '"korea" AND "satellite"', source="38 North")


def test_a_phrase_is_matched_as_a_phrase_and_ranked_by_its_words(big_store: Store) -> None:
    found = _titles(big_store, '"satellite images"')
    assert sorted(found) == ["Images of the pad", "Russia and the satellite programme"]
    assert found == _plain_bm25(big_store, '"satellite" AND "images"')[:2]


def test_when_every_word_is_common_the_newest_come_first(big_store: Store) -> None:
    found = _titles(big_store, "korea")
    assert len(found) == len(ARTICLES)
    assert found == [title for title, _, _ in reversed(ARTICLES)]


def test_a_small_store_is_ranked_by_plain_bm25(big_store: Store) -> None:
    fulltext_sqlite.RANK_SAMPLE = 2_000  # back above the store's size (monkeypatch restores it)
    assert _titles(big_store, "korea") == _plain_bm25(big_store, '"korea"')
    assert _titles(big_store, "korea") != [title for title, _, _ in reversed(ARTICLES)]


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("query", ['"satellite images"', "satellite", "korea satellite", "korea"])
def test_postgresql_finds_the_same_whichever_plan_it_is_steered_to(
    store: Store, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    _filled(store)
    found = {}
    for short_walk in (0, math.inf):  # 0: the GIN index whenever the walk looks long; inf: never
        monkeypatch.setattr(fulltext_postgres, "PG_SHORT_WALK", short_walk)
        found[short_walk] = [(hit.article_id, hit.score) for hit in _hits(store, query)]
    assert found[0] and found[0] == found[math.inf]
    monkeypatch.setattr(fulltext_postgres, "PG_SHORT_WALK", 0)
    with store.transaction() as conn:  # the steering ends with the search, not the transaction
        assert _hits(store, query) and conn.execute(text("SHOW enable_indexscan")).scalar() == "on"


def _hits(store: Store, query: str) -> list[TextHit]:
    return store.search_text(parse_query(query), Filters(), 20)


# The index stage ------------------------------------------------------------------------------


def test_an_article_is_found_once_the_index_stage_has_run_over_it(store: Store) -> None:
    assert store_articles(store, wire_article("The Rason ferry sails.")) == ["new"]
    assert found_ids(store, "Rason ferry") == []
    [pending] = store.pending("index")
    assert index_pending(store) == 1
    assert found_ids(store, "Rason ferry") == [pending.id]
    assert store.pending("index") == []
    assert_index_matches_articles(store)


def test_a_new_version_is_found_by_its_new_words_and_not_by_the_removed_ones(store: Store) -> None:
    # Several articles in one batch: new ones beside updated ones, non-ASCII text in both.
    store_articles(
        store,
        wire_article("The Rason ferry sails to Vladivostok.", "g1"),
        wire_article("Café Sinŭiju opens.", "g2"),
    )
    index_pending(store)
    assert store_articles(store, wire_article("The Wonsan ferry sails to Vladivostok.", "g1")) == [
        "updated"
    ]
    assert found_ids(store, "Wonsan") == []  # not indexed yet: the old words are still found
    assert len(found_ids(store, "Rason")) == 1
    store_articles(
        store,
        wire_article("Café Hamhŭng opens; tea is served.", "g2", title="Café moves"),
        wire_article("A new café opens in Rason.", "g3", title="Another café"),
    )
    assert index_pending(store) == 3
    assert found_ids(store, "Wonsan ferry") and found_ids(store, "Rason ferry") == []
    assert found_ids(store, "Sinŭiju") == [] and len(found_ids(store, "Hamhŭng tea")) == 1
    assert len(found_ids(store, "Rason")) == 1  # g3 only
    assert len(found_ids(store, "café")) == 2 and len(found_ids(store, "Vladivostok")) == 1
    assert_index_matches_articles(store)


def test_versions_written_between_two_index_runs_are_replaced_at_once(store: Store) -> None:
    store_articles(store, wire_article("Version one mentions Chongjin."))
    index_pending(store)
    store_articles(store, wire_article("Version two mentions Kaesong and more words."))
    store_articles(store, wire_article("Version three mentions Haeju and more words still."))
    assert index_pending(store) == 1
    assert found_ids(store, "Chongjin") == [] and found_ids(store, "Kaesong") == []
    assert len(found_ids(store, "Haeju")) == 1
    assert_index_matches_articles(store)


def test_unchanged_re_sightings_are_not_pending_and_leave_the_index_alone(store: Store) -> None:
    store_articles(store, wire_article("The Rason ferry sails."))
    index_pending(store)
    assert store_articles(store, wire_article("The Rason ferry sails.")) == ["unchanged"]
    assert store.pending("index") == []
    assert len(found_ids(store, "Rason ferry")) == 1
    assert_index_matches_articles(store)


def test_a_batch_read_before_a_newer_version_was_written_indexes_the_version_it_names(
    store: Store,
) -> None:
    store_articles(store, wire_article("First text about Nampo."))
    index_pending(store)
    store_articles(store, wire_article("Second text about Sinpo."))
    batch = store.pending("index")  # version 2; version 3 is written before it is indexed
    store_articles(store, wire_article("Third text about Tanchon."))
    with store.transaction():
        store.index_articles(batch)
        store.mark_done("index", [(stored.id, stored.version) for stored in batch])
    assert found_ids(store, "Nampo") == []
    assert [stored.version for stored in store.pending("index")] == [3]
    store_articles(store, wire_article("Fourth text about Kimchaek."))
    index_pending(store)  # removes what the index holds: version 2's words, not version 3's
    assert (
        found_ids(store, "Nampo") == found_ids(store, "Sinpo") == found_ids(store, "Tanchon") == []
    )
    assert len(found_ids(store, "Kimchaek")) == 1
    assert_index_matches_articles(store)


def test_resetting_the_stage_re_indexes_without_finding_anything_twice(store: Store) -> None:
    store_articles(
        store,
        wire_article("The Rason ferry sails.", "g1"),
        wire_article("A Rason market opens.", "g2"),
    )
    index_pending(store)
    store_articles(store, wire_article("The Wonsan ferry sails.", "g1"))
    store.reset_stage("index")
    assert index_pending(store) == 2
    assert len(found_ids(store, "Rason")) == 1 and len(found_ids(store, "Wonsan ferry")) == 1
    assert_index_matches_articles(store)


def test_a_rebuild_indexes_everything_and_leaves_nothing_pending(store: Store) -> None:
    store_articles(
        store,
        wire_article("The Rason ferry sails.", "g1"),
        wire_article("A Wonsan market opens.", "g2"),
    )
    store.rebuild_search_index()
    assert store.pending("index") == []
    assert len(found_ids(store, "Rason")) == 1 and len(found_ids(store, "Wonsan")) == 1
    assert_index_matches_articles(store)
