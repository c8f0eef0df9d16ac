"""The rules of search ranking and paging, one test each, so that breaking a rule fails a test.

Found by mutation testing (benchmarks/mutation_score.py): these are the rules the tests in
test_search.py and test_embeddings.py let a deliberate small bug through on. The corpus is the
hand-made beat corpus (tests/fixtures/web/beat_posts.json, 22 posts); the counts below were
read off it: "korea" is in 15 posts, "satellite" in 4, "Vostochny" in 3.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk import embeddings, pipeline, search
from newsdesk.model import Article, Section, Timestamp
from newsdesk.model.enrichment import Enrichment, Entity, LanguageGuess, Mention
from newsdesk.model.stories import Story
from newsdesk.search import MAX_LIMIT, MAX_QUERY_CHARS, SearchError, parse_query
from newsdesk.store import Store, open_store
from tests.search_support import index_pending, ingest_beat, store_articles, wire_article

QUERY = "Russia satellite help"  # 13 posts within the semantic floor; 1 has every word


def ids_of(page: search.SearchPage) -> list[str]:
    return [hit.article.id for hit in page.hits]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, str]]]:
    """The beat corpus, ingested and indexed once, on SQLite: read-only for these tests (the
    search code under test is the same on PostgreSQL, whose index test_search.py covers)."""
    folder: Path = tmp_path_factory.mktemp("beat")
    store = open_store(f"sqlite:///{folder / 'store.db'}")
    ids = ingest_beat(store)
    yield store, ids
    store.close()


@pytest.fixture(scope="module")
def embedded(indexed: tuple[Store, dict[str, str]]) -> tuple[Store, dict[str, str]]:
    """The same store with every post embedded (searching by words gives the same results)."""
    store, ids = indexed
    options = pipeline.StageOptions(embedder=embeddings.shared_embedder())
    pipeline.run_stage(store, pipeline.EMBED, options)
    assert store.embeddings_state(embeddings.MODEL_ID)[0] == len(ids)
    return store, ids


PUTIN = Entity("person:vladimir-putin", "Vladimir Putin", "person", aliases=["Putin"])
PUTIN_POSTS = [  # the posts that name Putin
    "comprehensive-partnership-treaty",
    "kim-armoured-train-vladivostok",
    "kim-putin-vostochny-summit",
]
SPACE_STORY = [  # a story of our own: Russia's help with the North's satellites
    "kim-putin-vostochny-summit",
    "russian-engineers-satellite-launch",
    "vostochny-space-cooperation-analysis",
]


@pytest.fixture(scope="module")
def labelled(indexed: tuple[Store, dict[str, str]]) -> tuple[Store, dict[str, str]]:
    """The same store with Putin linked in the posts naming him, and SPACE_STORY as story 7."""
    store, ids = indexed
    for slug in PUTIN_POSTS:
        stored = store.get_article(ids[slug])
        mention = Mention(
            entity_id=PUTIN.id,
            text="Putin",
            start=0,
            end=5,
            label="PERSON",
            sentence=0,
            sentence_start=0,
            sentence_end=5,
        )
        enrichment = Enrichment(
            stored.id, LanguageGuess("en", 1.0), entities=[PUTIN], mentions=[mention]
        )
        store.save_enrichment(enrichment, stored.version)
    story = Story(7, "Russia and the satellites", [], None, None, [], [], 7, True)
    store.save_stories([story])
    for slug in SPACE_STORY:
        store.assign_story(ids[slug], 7, 1.0)
    return store, ids


# Paging: `has_more` is true exactly when a next page has something on it --------------------


@pytest.mark.parametrize("order", ["relevance", "newest"])
def test_full_text_pages_say_there_is_more_only_when_there_is(
    indexed: tuple[Store, dict[str, str]], order: str
) -> None:
    store, _ = indexed
    everything = ids_of(search.search(store, "korea", "fulltext", limit=50, order=order))
    assert len(everything) == 15

    def page(limit: int, offset: int) -> search.SearchPage:
        return search.search(store, "korea", "fulltext", limit=limit, offset=offset, order=order)

    assert not page(15, 0).has_more  # exactly every match on one page
    assert page(14, 0).has_more
    last_full = page(5, 10)  # the last five: a full page, and nothing after it
    assert ids_of(last_full) == everything[10:] and not last_full.has_more
    one_more = page(5, 9)
    assert ids_of(one_more) == everything[9:14] and one_more.has_more
    assert ids_of(page(5, 15)) == [] and not page(5, 15).has_more


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
@pytest.mark.parametrize("order", ["relevance", "newest"])
def test_meaning_pages_say_there_is_more_only_when_there_is(
    embedded: tuple[Store, dict[str, str]], mode: str, order: str
) -> None:
    store, _ = embedded

    def page(limit: int, offset: int) -> search.SearchPage:
        return search.search(store, QUERY, mode, limit=limit, offset=offset, order=order)

    everything = ids_of(page(50, 0))
    assert len(everything) == 13 and not page(13, 0).has_more
    assert page(12, 0).has_more
    last_full = page(5, 8)
    assert ids_of(last_full) == everything[8:] and not last_full.has_more
    one_more = page(5, 7)
    assert ids_of(one_more) == everything[7:12] and one_more.has_more
    # Pages put together are the whole list, in order, without overlaps.
    pages = [ids_of(page(4, offset)) for offset in range(0, 16, 4)]
    assert [i for p in pages for i in p] == everything


def test_limits_offsets_and_dates_at_their_bounds(indexed: tuple[Store, dict[str, str]]) -> None:
    store, _ = indexed
    assert len(search.search(store, "korea", "fulltext", limit=1).hits) == 1
    assert len(search.search(store, "korea", "fulltext", limit=MAX_LIMIT).hits) == 15
    for limit, offset in [(0, 0), (MAX_LIMIT + 1, 0), (1, -1)]:
        with pytest.raises(SearchError, match=f"limit must be 1 to {MAX_LIMIT}"):
            search.search(store, "korea", "fulltext", limit=limit, offset=offset)
    day = datetime(2024, 6, 19, tzinfo=UTC)
    with pytest.raises(SearchError, match="^'since' must be before 'until'$"):
        search.search(store, "korea", "fulltext", since=day, until=day)
    with pytest.raises(SearchError, match="unknown search mode 'exact'"):
        search.search(store, "korea", "exact")


# Ranking ----------------------------------------------------------------------------------


def test_hybrid_ranks_by_reciprocal_rank_fusion(embedded: tuple[Store, dict[str, str]]) -> None:
    store, ids = embedded
    semantic = search.search(store, QUERY, "semantic", limit=50).hits
    hybrid = search.search(store, QUERY, "hybrid", limit=50).hits
    # Only the summit piece has every word; it is second by meaning. Both lists count:
    # 1/(60 + 1) for first in one list plus 1/(60 + 2) for second in the other.
    summit = ids["kim-putin-vostochny-summit"]
    assert [h.article.id for h in semantic[:2]][1] == summit
    assert hybrid[0].article.id == summit
    assert hybrid[0].matched_by == ("fulltext", "semantic")
    assert hybrid[0].score == pytest.approx(1 / 61 + 1 / 62, abs=1e-12)
    # The rest come by meaning alone, each scored by its rank in the semantic list.
    rest = [h for h in semantic if h.article.id != summit]
    assert [h.article.id for h in hybrid[1:]] == [h.article.id for h in rest]
    for hit in hybrid[1:]:
        rank = [h.article.id for h in semantic].index(hit.article.id)
        assert hit.matched_by == ("semantic",)
        assert hit.score == pytest.approx(1 / (60 + rank + 1), abs=1e-12)


def test_newest_first_by_meaning_keeps_rank_order_among_equals(
    embedded: tuple[Store, dict[str, str]],
) -> None:
    store, _ = embedded
    best = search.search(store, QUERY, "semantic", limit=50).hits
    newest = search.search(store, QUERY, "semantic", limit=50, order="newest").hits
    when = {h.article.id: h.article.article.published.utc for h in best}
    expected = sorted(best, key=lambda h: (-when[h.article.id].timestamp(), best.index(h)))
    assert [h.article.id for h in newest] == [h.article.id for h in expected]


def test_semantic_hits_keep_their_cosine_and_stay_above_the_floor(
    embedded: tuple[Store, dict[str, str]],
) -> None:
    store, _ = embedded
    hits = search.search(store, QUERY, "semantic", limit=50).hits
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert 0.2 <= scores[-1] < scores[0] < 1.0  # cosines, none under SEMANTIC_FLOOR
    second_page = search.search(store, QUERY, "semantic", limit=3, offset=3).hits
    assert [h.score for h in second_page] == scores[3:6]


# When no article has every word ----------------------------------------------------------


def test_some_words_are_enough_only_when_no_article_has_them_all(
    indexed: tuple[Store, dict[str, str]],
) -> None:
    store, ids = indexed
    note = "no article has every word: showing articles with some of them"
    loose = search.search(store, "satellite zebra", "fulltext", limit=2)
    assert loose.notes == [note] and len(loose.hits) == 2 and loose.has_more
    later = search.search(store, "satellite zebra", "fulltext", limit=2, offset=2)
    assert later.notes == [note] and len(later.hits) == 2 and not later.has_more
    # One post has "satellite" and "Vostochny": past it, the next page is empty, not filled
    # up with posts having one of the words.
    strict = search.search(store, "satellite Vostochny cosmodrome", "fulltext", limit=1, offset=1)
    assert strict.hits == [] and strict.notes == []
    assert ids_of(search.search(store, "satellite Vostochny", "fulltext")) == [
        ids["kim-putin-vostochny-summit"]
    ]


SATELLITE_POSTS = {  # the four posts with "satellite", none with "zebra"
    "artillery-shells-containers",  # 2024-02-27
    "kim-putin-vostochny-summit",  # 2023-09-13, the one with "Vostochny"
    "punggye-ri-tunnel-activity",  # 2024-09-10
    "russian-engineers-satellite-launch",  # 2023-11-22
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"armoured train" zebra', {"kim-armoured-train-vladivostok"}),
        ("hyperso* zebra", {"hypersonic-missile-launch"}),
        ("satellite zebra -Vostochny", SATELLITE_POSTS - {"kim-putin-vostochny-summit"}),
    ],
)
def test_any_word_keeps_phrases_prefixes_and_exclusions(
    indexed: tuple[Store, dict[str, str]], query: str, expected: set[str]
) -> None:
    store, ids = indexed
    page = search.search(store, query, "fulltext", limit=50)
    assert slugs_of(page, ids) == expected and page.notes


def test_any_word_results_come_newest_first_when_asked(
    indexed: tuple[Store, dict[str, str]],
) -> None:
    store, ids = indexed
    page = search.search(store, "satellite zebra", "fulltext", limit=3, order="newest")
    assert [
        ids[slug] for slug in ["punggye-ri-tunnel-activity", "artillery-shells-containers"]
    ] == (ids_of(page)[:2])
    later = search.search(store, "satellite zebra", "fulltext", limit=3, offset=3, order="newest")
    assert ids_of(later) == [ids["kim-putin-vostochny-summit"]]


@pytest.mark.parametrize("query", ["The zebra", "zebra OF", "zebra*", '"zebra"'])
def test_one_word_and_stop_words_never_widen_to_any_word(
    indexed: tuple[Store, dict[str, str]], query: str
) -> None:
    # "the", "of" are stop words (in any case): one real word left, nothing to widen to.
    store, _ = indexed
    page = search.search(store, query, "fulltext")
    assert page.hits == [] and page.notes == []


# The query ------------------------------------------------------------------------------


def test_a_query_may_be_as_long_as_the_limit_and_no_longer() -> None:
    longest = ("korea " * MAX_QUERY_CHARS)[:MAX_QUERY_CHARS]
    assert parse_query(longest).terms[0] == "korea"
    with pytest.raises(SearchError, match=f"longer than {MAX_QUERY_CHARS} characters"):
        parse_query(longest + "x")


@pytest.mark.parametrize(
    ("text", "terms", "phrases", "prefixes", "excluded"),
    [
        ('"Kim"', ("Kim",), (), (), ()),  # one quoted word is a word, not a phrase
        ('"armoured train', (), (("armoured", "train"),), (), ()),  # an unclosed quote
        ('Kim -"armoured train"', ("Kim",), (), (), ("armoured", "train")),
        ("north-korea*", ("north",), (), ("korea",), ()),  # the last word is the prefix
        ("Kim - * train", ("Kim", "train"), (), (), ()),  # a lone - or * is no word
        ("Kim -Putin-Xi", ("Kim",), (), (), ("Putin", "Xi")),
        ('"Kim" "Putin" Xi', ("Kim", "Putin", "Xi"), (), (), ()),  # words add up
        (
            'Kim -"armoured train" -"Far East"',
            ("Kim",),
            (),
            (),
            ("armoured", "train", "Far", "East"),
        ),
        ("Kim -Putin -X", ("Kim",), (), (), ("Putin", "X")),  # a one-letter exclusion
    ],
)
def test_query_syntax(text, terms, phrases, prefixes, excluded) -> None:
    query = parse_query(text)
    assert (query.terms, query.phrases, query.prefixes, query.excluded) == (
        terms,
        phrases,
        prefixes,
        excluded,
    )


def test_nul_characters_in_a_query_or_filter_mean_nothing(
    indexed: tuple[Store, dict[str, str]],
) -> None:
    store, _ = indexed
    plain = ids_of(search.search(store, "korea", "fulltext", source="NK News", limit=50))
    assert plain
    nul = search.search(store, "\x00korea\x00", "fulltext", source="NK\x00 News", limit=50)
    assert ids_of(nul) == plain and nul.query == "korea"


# Related articles ------------------------------------------------------------------------


def test_related_articles_by_meaning_are_the_close_ones_only(
    embedded: tuple[Store, dict[str, str]],
) -> None:
    store, ids = embedded
    summit = ids["kim-putin-vostochny-summit"]
    related = search.related_articles(store, summit, limit=MAX_LIMIT)
    # 21 other posts; 15 are within RELATED_FLOOR (cosine 0.3) of the summit piece.
    assert len(related) == 15 and summit not in [hit.article.id for hit in related]
    scores = [hit.score for hit in related]
    assert scores == sorted(scores, reverse=True) and scores[-1] >= 0.3
    assert all(hit.matched_by == ("semantic",) for hit in related)
    assert [hit.article.id for hit in search.related_articles(store, summit)] == [
        hit.article.id for hit in related[:5]
    ]  # five unless asked
    for limit in (0, MAX_LIMIT + 1):
        with pytest.raises(SearchError, match=f"^limit must be 1 to {MAX_LIMIT}$"):
            search.related_articles(store, summit, limit=limit)


def title_of(store: Store, article_id: str) -> str:
    return store.get_article(article_id).article.title


def test_related_articles_before_embedding_share_title_words_but_not_the_title(
    store: Store,
) -> None:
    ids = ingest_beat(store)
    summit = ids["kim-putin-vostochny-summit"]
    # Two copies under the summit piece's title (one in other case and punctuation): they
    # match every title word, and are no related reading.
    store_articles(
        store,
        wire_article("A shorter copy from another desk.", "copy-1", title_of(store, summit)),
        wire_article(
            "The same, retitled by hand.",
            "copy-2",
            "Kim Jong-un and Vladimir Putin meet at Vostochny Cosmodrome!",
        ),
        # A syndicated copy of a related post: one related article to a reader, not two.
        wire_article(
            "Syndicated.", "copy-3", title_of(store, ids["kim-armoured-train-vladivostok"])
        ),
        wire_article("A photo gallery.", "no-words", "— · —"),
    )
    index_pending(store)
    related = search.related_articles(store, summit, limit=MAX_LIMIT)
    # The posts sharing a title word (Kim, Putin, Russia, ...), best first.
    assert [hit.article.article.title for hit in related] == [
        title_of(store, ids[slug])
        for slug in (
            "kim-armoured-train-vladivostok",
            "comprehensive-partnership-treaty",
            "russian-engineers-satellite-launch",
            "un-sanctions-panel-veto",
        )
    ]
    assert all(hit.matched_by == ("fulltext",) and hit.score > 0 for hit in related)
    # A title without words has no words to share.
    gallery = next(s.id for s in store.iter_articles() if s.article.guid == "no-words")
    assert search.related_articles(store, gallery) == []


# Filters -----------------------------------------------------------------------------------


def slugs_of(page: search.SearchPage, ids: dict[str, str]) -> set[str]:
    by_id = {article_id: slug for slug, article_id in ids.items()}
    return {by_id[hit.article.id] for hit in page.hits}


def test_filters_by_entity_or_story_keep_their_articles_and_combine_as_both(
    labelled: tuple[Store, dict[str, str]],
) -> None:
    store, ids = labelled

    def russia(**filters: str) -> set[str]:
        return slugs_of(search.search(store, "russia", "fulltext", limit=50, **filters), ids)

    # "Russia" is in ten posts; two of them name Putin (the treaty post does not say Russia).
    by_putin = {"kim-armoured-train-vladivostok", "kim-putin-vostochny-summit"}
    assert russia(entity=PUTIN.id) == by_putin
    assert russia(entity="Putin") == by_putin  # by an alias, when no entity has that id
    assert russia(story="7") == set(SPACE_STORY)
    assert russia(entity=PUTIN.id, story="7") == {"kim-putin-vostochny-summit"}
    assert len(russia()) == 10


@pytest.mark.parametrize(
    ("filters", "reason"),
    [
        ({"entity": "person:nobody"}, "no entity called 'person:nobody'"),
        ({"story": "s7"}, "no story with id 's7'"),
        ({"story": "99"}, "no story with id '99'"),
    ],
)
def test_unknown_entities_and_stories_are_refused_by_name(
    labelled: tuple[Store, dict[str, str]], filters: dict[str, str], reason: str
) -> None:
    store, _ = labelled
    with pytest.raises(SearchError, match=f"^{reason}$"):
        search.search(store, "russia", "fulltext", **filters)


def test_until_leaves_out_what_was_published_since(indexed: tuple[Store, dict[str, str]]) -> None:
    store, ids = indexed
    before_2024 = search.search(
        store, "korea", "fulltext", until=datetime(2024, 1, 1, tzinfo=UTC), limit=50
    )
    assert slugs_of(before_2024, ids) == {
        "russian-engineers-satellite-launch",  # 2023-11-22
        "vostochny-space-cooperation-analysis",  # 2023-10-02
        "yoon-limited-options-response",  # 2023-09-17
    }


# What a page says about itself -------------------------------------------------------------


def test_a_page_names_its_query_mode_limit_offset_and_time_taken(
    embedded: tuple[Store, dict[str, str]],
) -> None:
    store, _ = embedded
    started = time.perf_counter()
    page = search.search(store, "korea", "fulltext", limit=5, offset=10)
    wall_ms = (time.perf_counter() - started) * 1000
    assert (page.query, page.mode, page.limit, page.offset) == ("korea", "fulltext", 5, 10)
    assert wall_ms / 2 < page.took_ms <= wall_ms
    default = search.search(store, QUERY)
    assert (default.mode, default.limit, default.offset) == ("hybrid", 20, 0)
    assert ids_of(default) == ids_of(search.search(store, QUERY, "hybrid"))


@pytest.mark.parametrize(
    ("mode", "order", "reason"),
    [
        (
            "exact",
            "relevance",
            "unknown search mode 'exact': use one of fulltext, semantic, hybrid",
        ),
        ("hybrid", "oldest", "unknown order 'oldest': use one of relevance, newest"),
    ],
)
def test_unknown_modes_and_orders_are_refused_with_the_choices(
    indexed: tuple[Store, dict[str, str]], mode: str, order: str, reason: str
) -> None:
    store, _ = indexed
    with pytest.raises(SearchError, match=f"^{reason}$"):
        search.search(store, "korea", mode, order=order)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("\x00 \x00", "the query is empty"),
        ("-war", r"the query has no words to search for \(exclusions alone find nothing\)"),
    ],
)
def test_queries_with_nothing_to_search_say_why(
    indexed: tuple[Store, dict[str, str]], text: str, reason: str
) -> None:
    store, _ = indexed
    with pytest.raises(SearchError, match=f"^{reason}$"):
        search.search(store, text, "fulltext")


def test_search_by_meaning_reads_the_query_as_a_sentence_not_as_syntax(
    embedded: tuple[Store, dict[str, str]],
) -> None:
    # "-war" is only an exclusion to the full-text syntax, which refuses it; as a sentence it
    # is about war.
    store, ids = embedded
    page = search.search(store, "-war", "semantic", limit=3)
    assert page.hits and all(hit.matched_by == ("semantic",) for hit in page.hits)


# Before the embed stage, and articles with little text -------------------------------------


def test_without_vectors_meaning_finds_nothing_and_says_why(store: Store) -> None:
    ids = ingest_beat(store)
    note = "no article has been embedded yet: run `newsdesk embed`"
    for order in ("relevance", "newest"):
        semantic = search.search(store, "satellite", "semantic", order=order)
        assert semantic.hits == [] and semantic.notes == [note]
        hybrid = search.search(store, "satellite", "hybrid", order=order, limit=50)
        assert hybrid.notes == [note]  # the words are still searched
        assert {hit.article.id for hit in hybrid.hits} == {
            ids[slug]
            for slug in (
                "artillery-shells-containers",
                "kim-putin-vostochny-summit",
                "punggye-ri-tunnel-activity",
                "russian-engineers-satellite-launch",
            )
        }


def _ferry(guid: str, when: datetime | None, title: str = "Rason ferry sails again") -> Article:
    body = "The ferry between Rason and Vladivostok resumed service this week."
    published = Timestamp(when) if when else None
    return Article(title=title, sections=[Section(None, [body])], guid=guid, published=published)


def test_newest_first_by_meaning_puts_undated_articles_last(store: Store) -> None:
    store_articles(
        store,
        _ferry("undated", None),
        _ferry("older", datetime(2024, 5, 1, tzinfo=UTC)),
        _ferry("newer", datetime(2025, 5, 1, tzinfo=UTC)),
    )
    index_pending(store)
    options = pipeline.StageOptions(embedder=embeddings.shared_embedder())
    assert pipeline.run_stage(store, pipeline.EMBED, options).done == 3
    for mode in ("semantic", "hybrid"):
        page = search.search(store, "ferry to Vladivostok", mode, order="newest")
        assert [hit.article.article.guid for hit in page.hits] == ["newer", "older", "undated"]


def test_a_snippet_falls_back_to_the_excerpt_and_then_to_nothing(store: Store) -> None:
    teaser = Article(
        title="Rason ferry timetable", sections=[], guid="t1", excerpt="Sailings resume in June."
    )
    bare = Article(title="Rason ferry photos", sections=[], guid="t2")
    store_articles(store, teaser, bare)
    index_pending(store)
    hits = {hit.article.article.guid: hit for hit in search.search(store, "Rason", "fulltext").hits}
    assert hits["t1"].snippet.text == "Sailings resume in June."
    assert hits["t2"].snippet.text == ""
