"""The enrichment stage through the store, on SQLite and PostgreSQL: stored, queried, resumable."""

from __future__ import annotations

from datetime import date

from newsdesk import pipeline
from newsdesk.model.enrichment import Enrichment, Entity, LanguageGuess, Mention
from newsdesk.store import Store
from tests.conftest import SAMPLES

MAX = 50 * 2**20


def ingest_and_enrich(store: Store) -> int:
    pipeline.ingest_paths(store, [str(SAMPLES)], MAX)
    return pipeline.run_stage(store, pipeline.ENRICH).done


def test_every_article_is_enriched_once_and_the_stage_resumes(store: Store) -> None:
    assert ingest_and_enrich(store) == 5
    assert store.pending("enrich") == []
    assert (
        pipeline.run_stage(store, pipeline.ENRICH).done == 0
    )  # nothing left: a re-run does nothing
    store.reset_stage("enrich")
    assert (
        pipeline.run_stage(store, pipeline.ENRICH).done == 5
    )  # after a knowledge change: all again


def test_seed_entities_are_canonical_across_articles(store: Store) -> None:
    ingest_and_enrich(store)
    top = {row.entity.id: row for row in store.top_entities(50)}
    kim = top["person:kim-jong-un"]
    # "Kim Jong Un" (Korea Pro), "Kim Jong-un" (Korea Herald and a related article): one person.
    assert kim.articles == 3
    assert {"Kim Jong Un", "Kim Jong-un"} <= set(kim.variants)
    assert "person:yoon-suk-yeol" in top and "org:kida" in top
    assert [e.id for e in store.find_entities("kim jong-un")] == ["person:kim-jong-un"]
    assert [e.id for e in store.find_entities("KIDA")] == ["org:kida"]


def test_figures_keep_their_sentence_subject_and_date(store: Store) -> None:
    ingest_and_enrich(store)
    (troops,) = store.find_figures(about="troops")
    assert troops.figure.value == 3000 and troops.figure.qualifier == "approximately"
    assert troops.figure.subject_entity_id == "country:north-korea"
    assert troops.figure.sentence.startswith("The KIDA report aligns with the concerns")
    assert troops.source == "Korea Herald" and troops.figure.date == date(2025, 4, 16)
    coal = store.find_figures(about="coal", entity_ids=["country:south-korea"])
    assert {round(f.figure.value) for f in coal} == {17_380_000, 8_290_000, 39}
    (change,) = [f.figure for f in coal if f.figure.unit == "percent"]
    assert change.is_change and change.qualifier_text == "nearly"  # "an increase of nearly 39%"
    won = [
        f for f in store.find_figures(entity_ids=["country:north-korea"]) if f.figure.unit == "KRW"
    ]
    assert [f.figure.value for f in won] == [28.7e12]


def test_timeline_and_co_mentions(store: Store) -> None:
    ingest_and_enrich(store)
    days = {day: articles for day, articles, _ in store.entity_timeline("person:kim-jong-un")}
    assert days[date(2023, 9, 17)] == 1 and days[date(2025, 4, 16)] == 1
    beside = {entity.id for entity, _ in store.co_mentioned("org:kida")}
    assert "person:park-yong-han" in beside


def test_enriching_again_replaces_and_keeps_document_frequencies_exact(store: Store) -> None:
    ingest_and_enrich(store)
    article = store.list_articles(limit=1)[0]
    before = store.keyword_frequencies()
    store.reset_stage("enrich")
    pipeline.run_stage(store, pipeline.ENRICH)
    after = store.keyword_frequencies()
    assert after.documents == before.documents == 5
    assert after.counts == before.counts
    mentions = store.article_mentions(article.id)
    assert len(mentions) == len({(m.start, m.end) for m in mentions})  # not stored twice


def test_saved_enrichment_round_trips(store: Store) -> None:
    pipeline.ingest_paths(store, [str(SAMPLES)], MAX)
    stored = store.list_articles(limit=1)[0]
    enrichment = Enrichment(
        article_id=stored.id,
        language=LanguageGuess("en", 0.99),
        entities=[Entity("person:park-yong-han", "Park Yong-han", "person", ["Park"])],
        mentions=[Mention("person:park-yong-han", "Park", 10, 14, "PERSON", 0, 0, 40)],
        terms=["think tank", "diplomatic ties"],
    )
    store.save_enrichment(enrichment, stored.version)
    assert store.article_entities(stored.id)[0][0].name == "Park Yong-han"
    assert store.article_mentions(stored.id)[0].text == "Park"
    assert store.article_enrichment(stored.id).language == LanguageGuess("en", 0.99)
    assert store.keyword_frequencies().counts["think tank"] == 1


def test_ledger_fields_round_trip_and_measures_count_per_subject(store: Store) -> None:
    from newsdesk.model.enrichment import Figure
    from tests.store.test_store import T0, article, raw

    [saved] = store.save_articles(raw(store, b"ledger"), [article()], seen_at=T0)
    north = Entity("country:north-korea", "North Korea", "country")

    def figure(value: float, measure: str | None, claimant: str | None) -> Figure:
        return Figure(
            text=f"{value:,.0f}",
            start=0,
            end=5,
            number=value,
            value=value,
            kind="count",
            unit="troops",
            subject_entity_id=north.id,
            measure=measure,
            claimant=claimant,
            claimant_entity_id="org:nis" if claimant else None,
            as_of="2024-12" if claimant else None,
        )

    figures = [
        figure(11_000, "deployed", "NIS"),
        figure(100, "killed", None),
        figure(7, None, None),
    ]
    figures.append(figure(1_000, "killed", None))
    language = LanguageGuess("en", 1.0)
    store.save_enrichment(Enrichment(saved.article_id, language, [north], [], figures), 1)
    assert store.figure_measures(north.id) == [("killed", 2), ("deployed", 1)]
    (deployed,) = store.find_figures(entity_ids=[north.id], measure="deployed")
    f = deployed.figure
    assert (f.measure, f.claimant, f.claimant_entity_id, f.as_of) == (
        "deployed",
        "NIS",
        "org:nis",
        "2024-12",
    )
    assert {r.figure.value for r in store.find_figures(measure="killed")} == {100, 1_000}
