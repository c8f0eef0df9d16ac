"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector): ranking, query syntax, filters,
snippets, paging, and an index that follows the articles as they are written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk import pipeline, search
from newsdesk.model import Article, RawDocument, Section, Timestamp
from newsdesk.search import SearchError, parse_query
from newsdesk.store import Store
from newsdesk.store.fulltext import TextQuery
from tests.conftest import SAMPLES
from tests.search_support import ingest_beat


def _slugs(page: search.SearchPage, ids: dict[str, str]) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return [by_id.get(hit.article.id, hit.article.id) for hit in page.hits]


def _fulltext(store: Store, query: str, **kwargs: object) -> search.SearchPage:
    return search.search(store, query, "fulltext", **kwargs)  # type: ignore[arg-type]


# Query syntax ------------------------------------------------------------------------------


def test_parse_query_reads_words_phrases_prefixes_and_exclusions() -> None:
    query = parse_query('satellite "armoured train" hyperson* -Vostochny')
    assert query == TextQuery(
        terms=("satellite",),
        phrases=(("armoured", "train"),),
        prefixes=("hyperson",),
        excluded=("Vostochny",),
    )


@pytest.mark.parametrize("text", ["", "   ", "-war", '-"armoured train"', "!!! ??? ---", '""'])
def test_a_query_with_nothing_to_find_is_refused_with_a_reason(store: Store, text: str) -> None:
    with pytest.raises(SearchError):
        _fulltext(store, text)


def test_bad_modes_limits_and_dates_are_refused(store: Store) -> None:
    with pytest.raises(SearchError, match="mode"):
        search.search(store, "korea", "fuzzy")
    with pytest.raises(SearchError, match="limit"):
        _fulltext(store, "korea", limit=0)
    with pytest.raises(SearchError, match="limit"):
        _fulltext(store, "korea", limit=search.MAX_LIMIT + 1)
    with pytest.raises(SearchError, match="before"):
        _fulltext(
            store,
            "korea",
            since=datetime(2025, 1, 2, tzinfo=UTC),
            until=datetime(2025, 1, 1, tzinfo=UTC),
        )


def test_unknown_entity_and_story_filters_are_refused_with_a_reason(store: Store) -> None:
    with pytest.raises(SearchError, match="entity"):
        _fulltext(store, "korea", entity="Q423")
    with pytest.raises(SearchError, match="story"):
        _fulltext(store, "korea", story="s1")


def test_entity_and_story_filters_keep_only_their_articles(store: Store) -> None:
    pipeline.ingest_paths(store, [str(SAMPLES)], 50 * 2**20)
    pipeline.run_stage(store, pipeline.INDEX)
    pipeline.run_stage(store, pipeline.ENRICH)
    pipeline.run_stage(store, pipeline.STORIES)
    everything = {h.article.id for h in _fulltext(store, "korea").hits}
    park = {h.article.id for h in _fulltext(store, "korea", entity="Park Yong-han").hits}
    assert park and park < everything
    assert all(
        any(e.id == "person:park-yong-han" for e, _ in store.article_entities(i)) for i in park
    )
    (story, *_) = store.list_stories()
    in_story = {h.article.id for h in _fulltext(store, "korea", story=str(story.id)).hits}
    assert in_story <= set(story.article_ids)


# Ranking and matching ----------------------------------------------------------------------


def test_words_match_in_any_form_and_title_matches_rank_first(store: Store) -> None:
    ids = ingest_beat(store)
    page = _fulltext(store, "satellites")  # stemmed: finds "satellite"
    slugs = _slugs(page, ids)
    assert set(slugs) == {
        "russian-engineers-satellite-launch",
        "artillery-shells-containers",
        "kim-putin-vostochny-summit",
        "punggye-ri-tunnel-activity",
    }  # not the analysis piece: it says "orbital surveillance", never "satellite"
    # The two with "satellite" in the title come before those with it only in the body.
    assert set(slugs[:2]) == {"russian-engineers-satellite-launch", "artillery-shells-containers"}
    assert all(hit.matched_by == ("fulltext",) for hit in page.hits)
    assert [h.score for h in page.hits] == sorted((h.score for h in page.hits), reverse=True)


def test_every_word_must_match(store: Store) -> None:
    ids = ingest_beat(store)
    assert _slugs(_fulltext(store, "satellite Vostochny cosmodrome"), ids) == [
        "kim-putin-vostochny-summit"
    ]


def test_phrases_match_only_in_order(store: Store) -> None:
    ids = ingest_beat(store)
    assert _slugs(_fulltext(store, '"armoured train"'), ids) == ["kim-armoured-train-vladivostok"]
    assert _fulltext(store, '"train armoured"').hits == []
    assert _fulltext(store, '"train armoured" "putin military"').hits == []


def test_prefix_queries_match_word_beginnings(store: Store) -> None:
    ids = ingest_beat(store)
    assert _slugs(_fulltext(store, "hyperso*"), ids) == ["hypersonic-missile-launch"]
    assert "chip-exports-record" in _slugs(_fulltext(store, "semicond*"), ids)


def test_excluded_words_remove_articles(store: Store) -> None:
    ids = ingest_beat(store)
    with_it = _slugs(_fulltext(store, "satellite"), ids)
    without = _slugs(_fulltext(store, "satellite -Vostochny"), ids)
    assert "kim-putin-vostochny-summit" in with_it
    assert "kim-putin-vostochny-summit" not in without
    assert "artillery-shells-containers" in without


def test_korean_text_is_searchable(store: Store) -> None:
    ids = ingest_beat(store)
    assert _slugs(_fulltext(store, "정찰위성"), ids) == ["korean-satellite-report"]


def test_when_no_article_has_every_word_some_words_are_enough_and_a_note_says_so(
    store: Store,
) -> None:
    ids = ingest_beat(store)
    page = _fulltext(store, "marathon zebra")
    assert _slugs(page, ids) == ["pyongyang-marathon-foreign-runners"]
    assert page.notes and "some of them" in page.notes[0]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("ab\"*-()^:+.,'NEAR AND OR NOT{}[]\\/%_;") + ["é", "한"]),
        max_size=30,
    )
)
def test_no_query_text_breaks_the_search(store: Store, text: str) -> None:
    """FTS5 and tsquery syntax typed by a user is only ever searched for, never executed."""
    try:
        page = _fulltext(store, text)
    except SearchError:
        return
    assert page.hits == [] or all(hit.article.id for hit in page.hits)


# Snippets ----------------------------------------------------------------------------------


def test_snippets_and_titles_mark_the_matching_words(store: Store) -> None:
    ingest_beat(store)
    page = _fulltext(store, "ammunition Rajin")
    assert len(page.hits) == 1
    hit = page.hits[0]
    marked = [hit.snippet.text[a:b].casefold() for a, b in hit.snippet.highlights]
    assert marked and set(marked) <= {"ammunition", "rajin"}
    assert "\ue000" not in hit.snippet.text and "\ue001" not in hit.snippet.text
    title_page = _fulltext(store, "containers")
    title = title_page.hits[0].title
    assert [title.text[a:b] for a, b in title.highlights] == ["containers"]
    assert title.text == title_page.hits[0].article.article.title


# Filters and paging ------------------------------------------------------------------------


def test_filters_by_source_language_and_date(store: Store) -> None:
    ids = ingest_beat(store)
    nk = _fulltext(store, "korea", source="nk news", limit=50)
    assert nk.hits and {h.article.article.source for h in nk.hits} == {"NK News"}
    korean = _fulltext(store, "러시아*", language="ko")  # "러시아가": Russia + a particle
    assert _slugs(korean, ids) == ["korean-satellite-report"]
    assert _fulltext(store, "러시아*", language="en").hits == []
    window = _fulltext(
        store,
        "rocket",
        since=datetime(2023, 10, 1, tzinfo=UTC),
        until=datetime(2024, 1, 1, tzinfo=UTC),
    )
    assert set(_slugs(window, ids)) == {
        "russian-engineers-satellite-launch",
        "vostochny-space-cooperation-analysis",
    }


def test_pages_do_not_overlap_and_say_when_there_is_more(store: Store) -> None:
    ingest_beat(store)
    everything = _fulltext(store, "korea", limit=50)
    assert not everything.has_more and len(everything.hits) > 6
    first = _fulltext(store, "korea", limit=3)
    second = _fulltext(store, "korea", limit=3, offset=3)
    assert first.has_more and second.has_more
    first_ids = [h.article.id for h in first.hits]
    second_ids = [h.article.id for h in second.hits]
    assert first_ids + second_ids == [h.article.id for h in everything.hits][:6]
    last = _fulltext(store, "korea", limit=3, offset=len(everything.hits) - 1)
    assert len(last.hits) == 1 and not last.has_more


def _published(page: search.SearchPage) -> list[datetime | None]:
    return [
        hit.article.article.published.utc if hit.article.article.published else None
        for hit in page.hits
    ]


def test_newest_first_lists_every_match_by_publication_time(store: Store) -> None:
    ingest_beat(store)
    best = _fulltext(store, "korea", limit=50)
    newest = _fulltext(store, "korea", limit=50, order="newest")
    assert {h.article.id for h in newest.hits} == {h.article.id for h in best.hits}
    dated = [when for when in _published(newest) if when is not None]
    assert dated == sorted(dated, reverse=True) and len(dated) > 6
    assert _published(newest)[: len(dated)] == dated  # undated ones last
    assert [h.article.id for h in newest.hits] != [h.article.id for h in best.hits]
    second = _fulltext(store, "korea", limit=3, offset=3, order="newest")
    assert [h.article.id for h in second.hits] == [h.article.id for h in newest.hits][3:6]
    with pytest.raises(SearchError, match="order"):
        _fulltext(store, "korea", order="oldest")


# The index follows the store ---------------------------------------------------------------


def _article(title: str, body: str, guid: str) -> Article:
    return Article(
        title=title,
        sections=[Section(None, [body])],
        guid=guid,
        source="Test Wire",
        published=Timestamp(datetime(2025, 6, 1, 9, 0, tzinfo=UTC)),
    )


def test_new_and_changed_articles_are_searchable_once_indexed(store: Store) -> None:
    raw_id, _ = store.add_raw(RawDocument(content=b"v1", origin="wire-1"))
    store.save_articles(raw_id, [_article("Ferry service resumes", "The Rason ferry sails.", "g1")])
    assert _fulltext(store, "ferry Rason").hits == []  # stored, not indexed yet
    assert pipeline.run_stage(store, pipeline.INDEX).done == 1
    assert len(_fulltext(store, "ferry Rason").hits) == 1

    raw_id, _ = store.add_raw(RawDocument(content=b"v2", origin="wire-2"))
    outcome = store.save_articles(
        raw_id, [_article("Ferry service resumes", "The Wonsan ferry sails.", "g1")]
    )
    assert outcome[0].change == "updated"
    pipeline.run_stage(store, pipeline.INDEX)
    assert _fulltext(store, "Rason").hits == []
    updated = _fulltext(store, "Wonsan")
    assert [h.article.version for h in updated.hits] == [2]

    # A re-sighting (same text) leaves the index as it was.
    raw_id, _ = store.add_raw(RawDocument(content=b"v2 again", origin="wire-3"))
    store.save_articles(
        raw_id, [_article("Ferry service resumes", "The Wonsan ferry sails.", "g1")]
    )
    assert pipeline.run_stage(store, pipeline.INDEX).done == 0  # nothing changed: not pending
    assert len(_fulltext(store, "Wonsan ferry").hits) == 1


def test_rebuilding_the_index_changes_no_result(store: Store) -> None:
    ingest_beat(store)
    before = [h.article.id for h in _fulltext(store, "russia", limit=50).hits]
    store.rebuild_search_index()
    after = [h.article.id for h in _fulltext(store, "russia", limit=50).hits]
    assert before == after and len(before) > 5


def test_like_scan_floor_finds_substrings(store: Store) -> None:
    ids = ingest_beat(store)
    assert store.like_scan(["Vostochny", "Putin"], limit=50) == [ids["kim-putin-vostochny-summit"]]
    assert len(store.like_scan(["ostochn"], limit=50)) == 1  # a substring, not a word


# The command -------------------------------------------------------------------------------


def test_the_search_command_prints_json_hits_and_refuses_empty_queries(store_url: str) -> None:
    import json

    from click.testing import CliRunner

    from newsdesk.cli import main
    from newsdesk.store import open_store

    store = open_store(store_url)
    ids = ingest_beat(store)
    store.close()
    runner = CliRunner()
    result = runner.invoke(
        main, ["--db", store_url, "search", "--mode", "fulltext", "--json", '"armoured train"']
    )
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    hit = json.loads(line)
    assert hit["article"]["id"] == ids["kim-armoured-train-vladivostok"]
    assert hit["matched_by"] == ["fulltext"]  # the same shape as the API's hits
    text = hit["snippet"]["text"]
    marked = " ".join(text[a:b] for a, b in hit["snippet"]["highlights"])
    assert marked.split() == ["armoured", "train"]  # one mark (SQLite) or one a word (PostgreSQL)
    newest = runner.invoke(
        main,
        [
            "--db",
            store_url,
            "search",
            "--mode",
            "fulltext",
            "--newest",
            "--limit",
            "30",
            "--json",
            "korea",
        ],
    )
    assert newest.exit_code == 0, newest.output
    hits = [json.loads(line)["article"] for line in newest.stdout.strip().splitlines()]
    dated = [h["published"]["utc"] for h in hits if h["published"]]
    assert len(dated) > 6 and dated == sorted(dated, reverse=True)
    refused = runner.invoke(main, ["--db", store_url, "search", "--mode", "fulltext", "!!!"])
    assert refused.exit_code == 2 and "no words" in refused.output
