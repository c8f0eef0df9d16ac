"""`newsdesk enrich`, `entities`, `entity`, `figures` and `embed` run for real against stores the
two seeds were ingested into (`newsdesk ingest` runs every stage), on SQLite and PostgreSQL.

The counts below were checked by hand against the seeds' text: the Korea Pro post
(WORDPRESS_SEED) and the Korea Herald page (TEXTPAGE_SEED: the KIDA think-tank story and three
related articles, on steel tariffs, President Lee and North Korean schools).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk import embeddings
from tests.cli.conftest import UNREACHABLE_DB, ok, run, table_rows
from tests.conftest import FIXTURES, TEXTPAGE_SEED, WORDPRESS_SEED

SEEDS = (str(WORDPRESS_SEED), str(TEXTPAGE_SEED))
KIDA_TITLE = (
    "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank"
)
INDOCTRINATION_TITLE = "North Korea ramps up anti-US indoctrination for students with new tactics"
TROOPS_SENTENCE = (
    "The KIDA report aligns with the concerns of the South Korean military, which said last month "
    "that the North had deployed around 3,000 additional troops to Russia in January and February "
    "in continued support for its prolonged war against Ukraine."
)


@pytest.fixture(scope="module")
def seeded(fresh_url: str) -> Iterator[str]:
    """A store holding the five seed articles, every stage run; shared by tests that only read."""
    ok(fresh_url, "ingest", *SEEDS)
    yield fresh_url


def wordpress_seed_text() -> str:
    """The Korea Pro post's words, its markup dropped (the file is cut off: not valid JSON)."""
    raw = WORDPRESS_SEED.read_text(encoding="utf-8").replace("\\/", "/")
    return " ".join(re.sub(r"<[^>]*>", "", raw).split())


def by_name(rows: list[dict[str, str]], column: str) -> dict[str, dict[str, str]]:
    return {row[column]: row for row in rows}


# entities ----------------------------------------------------------------------------------


def test_entities_counts_the_articles_naming_each_country(seeded: str) -> None:
    rows = table_rows(ok(seeded, "entities"))
    entities = by_name(rows, "entity")

    # Russia (or Moscow): the Korea Pro post and the KIDA story. North Korea (Pyongyang,
    # N. Korean): those two and the schools story. The tariff and President Lee stories name
    # neither; South Korea is in every article but the schools story.
    assert entities["Russia"]["type"] == "country"
    assert entities["Russia"]["articles"] == "2"
    assert {"Russia", "Moscow"} <= set(entities["Russia"]["written as"].split(", "))
    assert entities["North Korea"]["articles"] == "3"
    assert {"Pyongyang", "N. Korean"} <= set(entities["North Korea"]["written as"].split(", "))
    assert entities["South Korea"]["articles"] == "4"
    counts = [int(row["articles"]) for row in rows]
    assert counts == sorted(counts, reverse=True)  # most articles first
    assert len(rows) == 30  # the default --limit; the seeds name more than 50 entities


def test_entities_by_type_and_limit(seeded: str) -> None:
    rows = table_rows(ok(seeded, "entities", "--type", "person", "--limit", "2"))
    assert [(r["entity"], r["type"], r["articles"]) for r in rows] == [
        ("Kim Jong Un", "person", "3"),  # the Korea Pro post, the KIDA and the schools stories
        ("Donald Trump", "person", "2"),  # the KIDA and the steel tariff stories
    ]
    refused = run(["--db", seeded, "entities", "--type", "planet"])
    assert refused.exit_code == 2
    assert "'planet' is not one of" in refused.stderr


# entity ------------------------------------------------------------------------------------


def test_both_spellings_of_kim_jong_un_are_one_entity(seeded: str) -> None:
    shown = ok(seeded, "entity", "Kim Jong Un")

    for spelling in ("Kim Jong-un", "kim jong un", "person:kim-jong-un", "김정은"):
        assert ok(seeded, "entity", spelling) == shown, spelling
    lines = shown.splitlines()
    assert lines[0] == "Kim Jong Un  person:kim-jong-un (person)"
    assert lines[1] == "Leader of North Korea"
    assert {"Kim Jong Un", "Kim Jong-un", "김정은"} <= set(
        lines[2].removeprefix("also written ").split(", ")
    )
    # Twice in the Korea Pro post of 17 Sep 2023 UTC ("Kim Jong Un's recent trip", "... visit to
    # Russia"), twice in the KIDA story ("Kim Jong-un regime's request", "the Kim regime"), once
    # in the undated schools story ("the Kim Jong-un regime resumed").
    # The undated row comes first on SQLite and last on PostgreSQL (the store's query leaves
    # where NULL days sort to the backend), so it is compared apart from the dated ones.
    timeline = [(r["day"], r["articles"], r["mentions"]) for r in table_rows(shown)]
    assert sorted(timeline, key=lambda row: row[0] != "date unknown") == [
        ("date unknown", "1", "1"),
        ("2023-09-17", "1", "2"),
        ("2025-04-16", "1", "2"),
    ]
    beside = next(line for line in lines if line.startswith("named beside it: "))
    assert "North Korea (3)" in beside and "Russia (2)" in beside


def test_an_unknown_entity_exits_1_with_a_hint(seeded: str) -> None:
    result = run(["--db", seeded, "entity", "Nobody At All"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no entity called 'Nobody At All'; `newsdesk entities` lists them" in result.stderr


# figures -----------------------------------------------------------------------------------


def test_figures_about_troops_show_the_kida_sentence(seeded: str) -> None:
    output = ok(seeded, "figures", "--about", "troops")

    assert output.splitlines()[0].strip() == "1 figures"
    [row] = table_rows(output, lines_between_rows=True)
    assert row == {
        "date": "2025-04-16",
        "source": "Korea Herald",
        "value": "around 3,000",
        "unit": "troops",
        "what": "additional troops",
        "about": "country:north-korea",
        "sentence": TROOPS_SENTENCE,
    }
    assert TROOPS_SENTENCE in TEXTPAGE_SEED.read_text(encoding="utf-8")


def test_figures_about_coal_come_from_the_korea_pro_post(seeded: str) -> None:
    rows = table_rows(ok(seeded, "figures", "--about", "coal"), lines_between_rows=True)

    assert [(r["value"], r["unit"], r["what"]) for r in rows] == [
        ("17.38 million", "metric tons", "coal"),
        ("8.29 million", "metric tons", "coal imports"),
        ("change: increase nearly 39", "percent", "coal imports"),
    ]
    text = wordpress_seed_text()
    for row in rows:
        assert (row["date"], row["source"]) == ("2023-09-17", "Korea Pro")
        assert row["sentence"] in text


def test_figures_of_one_entity(seeded: str) -> None:
    rows = table_rows(ok(seeded, "figures", "--entity", "N. Korea"), lines_between_rows=True)
    assert {r["about"] for r in rows} == {"country:north-korea"}
    assert {r["value"] for r in rows} >= {"28.7 trillion", "around 3,000"}
    refused = run(["--db", seeded, "figures", "--entity", "Atlantis"])
    assert refused.exit_code == 1
    assert "no entity called 'Atlantis'" in refused.stderr


# enrich ------------------------------------------------------------------------------------


def test_enrich_skips_enriched_articles_and_all_redoes_them(store_url: str) -> None:
    ok(store_url, "ingest", *SEEDS)
    before = ok(store_url, "entities", "--limit", "100")

    assert ok(store_url, "enrich").strip() == "enriched 0 articles"
    assert ok(store_url, "enrich", "--all").strip() == "enriched 5 articles"
    assert ok(store_url, "entities", "--limit", "100") == before  # replaced, not counted twice


def test_enrich_all_with_new_knowledge_relinks_enriched_articles(
    store_url: str, tmp_path: Path
) -> None:
    # The steel tariff story cites "market tracker Traqline"; without knowledge it reads as a place.
    knowledge = tmp_path / "trackers.toml"
    knowledge.write_text(
        '[[org]]\nname = "Traqline"\nroles = ["Home appliance market tracker"]\n', "utf-8"
    )
    ok(store_url, "ingest", *SEEDS)
    assert ok(store_url, "entity", "Traqline").splitlines()[0] == "Traqline  place:traqline (place)"

    assert ok(store_url, "enrich", "--knowledge", str(knowledge)).strip() == "enriched 0 articles"
    assert "place:traqline" in ok(store_url, "entity", "Traqline")

    redone = ok(store_url, "enrich", "--all", "--knowledge", str(knowledge))
    assert redone.strip() == "enriched 5 articles"
    lines = ok(store_url, "entity", "Traqline").splitlines()
    assert lines[:2] == ["Traqline  org:traqline (org)", "Home appliance market tracker"]
    places = table_rows(ok(store_url, "entities", "--type", "place", "--limit", "100"))
    assert "Traqline" not in {row["entity"] for row in places}


# embed -------------------------------------------------------------------------------------


def test_embed_has_nothing_to_do_after_a_full_ingest(seeded: str) -> None:
    shown = ok(seeded, "embed")
    assert shown.startswith(f"0 articles embedded ({embeddings.MODEL_ID}). Store: ")


def test_embed_after_a_deferred_ingest_embeds_every_article_once(store_url: str) -> None:
    ok(store_url, "ingest", "--defer", *SEEDS)

    assert ok(store_url, "embed").startswith("5 articles embedded")
    assert ok(store_url, "embed").startswith("0 articles embedded")
    # Search by meaning needs the vectors: a paraphrase finds the schools story.
    query = "classrooms in the North teach pupils to hate America"
    found = ok(store_url, "search", query, "--mode", "semantic", "--json")
    titles = [json.loads(line)["article"]["title"] for line in found.splitlines()]
    assert titles[:1] == [INDOCTRINATION_TITLE]


# the store named after the command ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["entities"],
        ["entity", "Russia"],
        ["figures", "--about", "troops"],
        ["enrich"],
        ["embed"],
    ],
    ids=lambda args: args[0],
)
def test_db_is_accepted_after_the_command_name(seeded: str, args: list[str]) -> None:
    # The environment names a store that cannot be opened: only the --db given after the
    # command's name can make this work.
    after = run([*args, "--db", seeded], env={"NEWSDESK_DB": UNREACHABLE_DB})
    assert after.exit_code == 0, after.output
    before = run(["--db", seeded, *args])
    assert after.stdout == before.stdout


# ledger ------------------------------------------------------------------------------------


def test_ledger_lists_each_claim_with_its_claimant_and_marks_the_disagreement(
    tmp_path: Path,
) -> None:
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    ok(db, "ingest", str(FIXTURES / "ledger" / "deployment.json"))
    rows = table_rows(ok(db, "ledger", "North Korea", "deployed"))
    numbers = [re.search(r"\d[\d,]*", r["value"]).group() for r in rows]  # type: ignore[union-attr]
    assert [(r["date"], n) for r, n in zip(rows, numbers, strict=True)] == [
        ("2024-10-23", "3,000"),
        ("2024-10-28", "10,000"),
        ("2024-11-05", "11,000"),
        ("2025-01-13", "11,000"),
    ]
    assert "Pentagon" in rows[1]["claimant"] and "Zelenskyy" in rows[2]["claimant"]
    assert [r[""] for r in rows] == ["disputed", "disputed", "", ""]
    missing = run(["--db", db, "ledger", "North Korea", "containers"])
    assert missing.exit_code != 0 and "no 'containers' figures about North Korea" in missing.stderr
