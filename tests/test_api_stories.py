"""The stories/entities/figures API on a store filled by the real stages: ingest (the seeds, the
feeds, the beat posts, script-carrying posts and a group of copies), enrich, then stories.
Every endpoint, paging, ETags, and the 4xx JSON errors a bad id or parameter gets (never 500)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsdesk import pipeline
from newsdesk.app import create_app
from newsdesk.store import Store, open_store
from tests.conftest import FIXTURES, SAMPLES
from tests.search_support import BEAT_POSTS, INJECTION_POSTS

FEEDS = FIXTURES / "feeds"
DUPLICATES = FIXTURES / "stories" / "duplicates.jsonl"
BAD_FEEDS = ["empty.xml", "no_items.xml", "truncated_in_first_entry.xml"]
KIM = "person:kim-jong-un"


def write_copy_feeds(directory: Path) -> None:
    """duplicates.jsonl as JSON Feeds, one per outlet (an aggregator copy names its `site`)."""
    directory.mkdir(parents=True, exist_ok=True)
    outlets: dict[str, list[dict]] = {}
    for line in DUPLICATES.read_text(encoding="utf-8").splitlines():
        post = json.loads(line)
        item = {
            "id": post["id"],
            "url": post["url"],
            "title": post["title"],
            "content_text": post["body"],
            "date_published": post["published"],
        }
        outlets.setdefault(post.get("site") or post["source"], []).append(item)
    for number, (outlet, items) in enumerate(sorted(outlets.items())):
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": outlet, "items": items}
        (directory / f"copies_{number}.json").write_text(json.dumps(feed), encoding="utf-8")


def build_story_store(directory: Path) -> str:
    """A SQLite store with articles, entities, figures, copies, stories and storylines; its URL."""
    url = f"sqlite:///{directory / 'stories.db'}"
    write_copy_feeds(directory / "copies")
    store = open_store(url)
    inputs = [SAMPLES, FEEDS, BEAT_POSTS, INJECTION_POSTS, directory / "copies"]
    report = pipeline.ingest_paths(store, [str(p) for p in inputs], 50 * 1024 * 1024)
    assert sorted(Path(f.origin).name for f in report.failed) == BAD_FEEDS
    pipeline.run_stage(store, pipeline.INDEX)
    pipeline.run_stage(store, pipeline.ENRICH)
    pipeline.run_stage(store, pipeline.STORIES)
    store.close()
    return url


@pytest.fixture(scope="session")
def story_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_story_store(tmp_path_factory.mktemp("stories"))


@pytest.fixture(scope="module")
def client(story_store_url: str) -> Iterator[TestClient]:
    app = create_app(story_store_url, run_stages=False)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def store(story_store_url: str) -> Iterator[Store]:
    opened = open_store(story_store_url)
    yield opened
    opened.close()


def _error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] and body["error"]["message"]
    return body["error"]


def _story_with_sources(store: Store, at_least: int) -> int:
    return next(s.id for s in store.list_stories(100) if len(set(s.sources)) >= at_least)


# Stories -----------------------------------------------------------------------------------


def test_stories_page_latest_first_with_next_links(client: TestClient, store: Store) -> None:
    first = client.get("/api/stories?limit=5")
    assert first.status_code == 200
    body = first.json()
    assert body["total"] == store.count_stories() and len(body["items"]) == 5
    assert body["next"] == "/api/stories?limit=5&offset=5"
    lasts = [s["last_published"] for s in body["items"]]
    assert lasts == sorted(lasts, reverse=True)
    story = body["items"][0]
    assert story["title"] == "US steel levies on household appliances weigh on Samsung and LG"
    assert story["sources"] == ["The Korea Times"]
    assert {"id": "org:samsung", "name": "Samsung", "type": "org"} in story["main_entities"]
    second = client.get(body["next"]).json()
    assert {s["id"] for s in second["items"]}.isdisjoint(s["id"] for s in body["items"])
    everything = client.get("/api/stories?limit=100").json()
    assert everything["next"] is None and len(everything["items"]) == body["total"]


def test_a_story_has_its_articles_in_time_order_sources_entities_and_figures(
    client: TestClient, store: Store
) -> None:
    story_id = _story_with_sources(store, 2)
    response = client.get(f"/api/stories/{story_id}")
    assert response.status_code == 200
    story = response.json()
    articles = story["article_list"]
    assert len(articles) == story["articles"] >= 2
    dates = [a["published"]["utc"] for a in articles if a["published"]]
    assert dates == sorted(dates)
    assert set(story["sources"]) == {a["source"] for a in articles}
    assert all(e["name"] for e in story["main_entities"])
    article_ids = {a["id"] for a in articles}
    assert all(f["article"]["id"] in article_ids for f in story["figures"])
    again = client.get(
        f"/api/stories/{story_id}", headers={"If-None-Match": response.headers["etag"]}
    )
    assert again.status_code == 304


def test_a_story_with_a_reported_revenue_carries_the_figure(
    client: TestClient, store: Store
) -> None:
    row = next(
        r for r in store.find_figures(about="revenue") if r.figure.text == "28.7 trillion won"
    )
    story_id = store.story_of(row.article_id)
    figures = client.get(f"/api/stories/{story_id}").json()["figures"]
    revenue = [f for f in figures if f["item"] == "revenue"]
    assert revenue and revenue[0]["text"] == "28.7 trillion won"
    assert revenue[0]["unit"] == "KRW" and revenue[0]["value"] == 28.7e12


def test_a_storyline_lists_its_stories_oldest_first(client: TestClient, store: Store) -> None:
    (line, *_) = store.list_storylines(1)
    body = client.get(f"/api/storylines/{line.id}").json()
    assert {s["id"] for s in body["stories"]} == set(line.story_ids)
    firsts = [s["first_published"] for s in body["stories"] if s["first_published"]]
    assert firsts == sorted(firsts)
    listed = client.get("/api/storylines").json()["items"]
    assert listed[0]["id"] == line.id and listed[0]["stories"] == len(line.story_ids)
    only_line = client.get(f"/api/stories?storyline={line.id}&limit=100").json()["items"]
    assert {s["id"] for s in only_line} == set(line.story_ids)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/stories/999999", 404),
        ("/api/stories/abc", 400),
        ("/api/stories/-1", 400),
        ("/api/stories/99999999999999999999999", 400),
        ("/api/stories?limit=0", 400),
        ("/api/stories?limit=abc", 400),
        ("/api/stories?offset=-3", 400),
        ("/api/stories?storyline=x", 400),
        ("/api/storylines/999999", 404),
        ("/api/storylines/1.5", 400),
    ],
)
def test_bad_story_ids_and_parameters_get_a_json_error(
    client: TestClient, path: str, status: int
) -> None:
    _error(client.get(path), status)


# Entities ----------------------------------------------------------------------------------


def test_top_entities_with_counts_and_the_names_seen(client: TestClient) -> None:
    items = client.get("/api/entities?limit=10").json()["items"]
    assert items[0]["id"] == "country:north-korea"
    assert [i["articles"] for i in items] == sorted((i["articles"] for i in items), reverse=True)
    people = client.get("/api/entities?type=person").json()["items"]
    assert {p["type"] for p in people} == {"person"}
    kim = next(p for p in people if p["id"] == KIM)
    assert {"Kim Jong Un", "Kim Jong-un"} <= set(kim["variants"])
    assert kim["roles"] == ["Leader of North Korea"]


def test_an_entity_has_its_timeline_co_mentions_and_recent_articles(client: TestClient) -> None:
    response = client.get(f"/api/entities/{KIM}")
    assert response.status_code == 200
    kim = response.json()
    assert kim["name"] == "Kim Jong Un" and "Kim Jong-un" in kim["aliases"]
    dated = [t["date"] for t in kim["timeline"] if t["date"]]
    assert dated == sorted(dated) and "2023-09-13" in dated
    assert "person:vladimir-putin" in {c["entity"]["id"] for c in kim["co_mentioned"]}
    recent = kim["recent_articles"]
    assert "Kim Jong Un and Vladimir Putin meet at Vostochny cosmodrome" in {
        a["title"] for a in recent
    }
    assert all(a["mentions"] >= 1 for a in recent)
    by_name = client.get("/api/entities/" + quote("Kim Jong-un")).json()
    assert by_name["id"] == KIM


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/entities/person:nobody-at-all", 404),
        ("/api/entities?type=planet", 400),
        ("/api/entities?limit=100000", 400),
        ("/api/entities/" + "x" * 300, 400),
        (f"/api/entities/{KIM}?limit=0", 400),
    ],
)
def test_bad_entity_ids_and_parameters_get_a_json_error(
    client: TestClient, path: str, status: int
) -> None:
    _error(client.get(path), status)


# Figures -----------------------------------------------------------------------------------


def test_figures_about_a_thing_with_their_sentence_and_article(client: TestClient) -> None:
    body = client.get("/api/figures?about=revenue").json()
    won = [f for f in body["items"] if f["text"] == "28.7 trillion won"]
    assert won and won[0]["unit"] == "KRW" and won[0]["kind"] == "money"
    assert "28.7 trillion won" in won[0]["sentence"]
    assert won[0]["article"]["href"].startswith("/api/articles/")


def test_figures_by_entity_id_or_name_and_paging(client: TestClient, store: Store) -> None:
    subject = next(
        r.figure.subject_entity_id
        for r in store.find_figures(limit=500)
        if r.figure.subject_entity_id
    )
    by_id = client.get(f"/api/figures?entity={subject}&limit=100").json()["items"]
    assert by_id and {f["subject_entity_id"] for f in by_id} == {subject}
    name = store.get_entity(subject).name  # type: ignore[union-attr]
    by_name = client.get("/api/figures", params={"entity": name, "limit": 100}).json()["items"]
    assert by_name == by_id
    page = client.get("/api/figures?limit=2").json()
    assert len(page["items"]) == 2 and page["next"] == "/api/figures?limit=2&offset=2"
    following = client.get(page["next"]).json()["items"]
    assert following and following != page["items"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/figures?entity=nobody-at-all", 404),
        ("/api/figures?article=0000000000000000", 404),
        ("/api/figures?about=", 400),
        ("/api/figures?limit=-1", 400),
        ("/api/figures?about=" + "x" * 300, 400),
    ],
)
def test_bad_figure_parameters_get_a_json_error(client: TestClient, path: str, status: int) -> None:
    _error(client.get(path), status)


def test_the_copies_group_is_in_the_store(store: Store) -> None:
    """The web tests rely on it: a Korea Herald original with copies from other outlets."""
    groups = {store.copies(s.id)[0] for s in store.iter_articles() if store.copies(s.id)[1]}
    assert groups


def test_the_openapi_schema_lists_the_story_endpoints(client: TestClient) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert paths >= {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/storylines",
        "/api/storylines/{storyline_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/figures",
    }
