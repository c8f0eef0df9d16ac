"""The JSON API on a real store (SQLite and PostgreSQL): every endpoint, paging, ETags, and the
errors a bad request gets (a clear 4xx JSON body, never a 500)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsdesk import accounts
from newsdesk.app import create_app
from newsdesk.model.accounts import Role
from newsdesk.search import vectors
from newsdesk.settings import MAX_INPUT_ENV
from newsdesk.store import open_store
from tests.conftest import WORDPRESS_SEED, WRITER
from tests.search_support import BEAT_POSTS, INJECTION_PAGE


@pytest.fixture
def client(store_url: str) -> Iterator[TestClient]:
    app = create_app(store_url, run_stages=False)
    with TestClient(app, raise_server_exceptions=False, headers=WRITER) as test_client:
        yield test_client


@pytest.fixture
def beat(client: TestClient) -> dict[str, str]:
    """The beat posts ingested through the API; {slug: id}."""
    response = client.post(
        "/api/ingest",
        files={"file": ("beat_posts.json", BEAT_POSTS.read_bytes(), "application/json")},
    )
    assert response.status_code == 201, response.text
    slugs = [post["slug"] for post in json.loads(BEAT_POSTS.read_text(encoding="utf-8"))]
    return {slug: a["id"] for slug, a in zip(slugs, response.json()["articles"], strict=True)}


def _error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] and body["error"]["message"]
    return body["error"]


# Ingest ------------------------------------------------------------------------------------


def test_ingest_an_upload_then_the_same_bytes_again(client: TestClient) -> None:
    files = {"file": ("beat_posts.json", BEAT_POSTS.read_bytes(), "application/json")}
    first = client.post("/api/ingest", files=files)
    assert first.status_code == 201
    body = first.json()
    assert body["status"] == "parsed" and body["format"] == "wordpress"
    assert body["origin"] == "upload:beat_posts.json"
    assert len(body["articles"]) == 22 and {a["change"] for a in body["articles"]} == {"new"}
    article = client.get(body["articles"][0]["href"])
    assert article.status_code == 200 and article.json()["id"] == body["articles"][0]["id"]

    again = client.post("/api/ingest", files=files)
    assert again.status_code == 200 and again.json()["status"] == "seen"
    assert again.json()["raw_document_id"] == body["raw_document_id"]


def test_ingest_a_posted_document_with_a_forced_format(client: TestClient) -> None:
    response = client.post(
        "/api/ingest?format=text",
        content=INJECTION_PAGE.read_bytes(),
        headers={"content-type": "text/plain"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["format"] == "text" and response.json()["origin"] == "api:body"
    (article,) = response.json()["articles"]
    title = client.get(article["href"]).json()["title"]
    assert title.startswith("<svg onload=")  # kept as text; the reader escapes it


def test_ingest_refusals(client: TestClient) -> None:
    assert _error(client.post("/api/ingest", content=b""), 400)["code"] == "empty"
    missing = client.post("/api/ingest", data={"other": "x"}, files={"x": ("a.txt", b"abc")})
    assert _error(missing, 400)["code"] == "missing_file"
    bad_format = client.post("/api/ingest?format=pdf", content=b"hello")
    assert _error(bad_format, 400)["parameters"][0]["name"] == "format"
    unreadable = client.post("/api/ingest", content=b"\x00\x01\x02\xff" * 50)
    error = _error(unreadable, 422)
    assert error["code"] == "unreadable_input"
    assert error["result"]["status"] == "failed" and error["result"]["raw_document_id"]


def test_ingest_over_the_size_limit_is_refused(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MAX_INPUT_ENV, "0.001")  # about 1 KB
    with TestClient(create_app(store_url, run_stages=False), headers=WRITER) as small:
        response = small.post("/api/ingest", content=BEAT_POSTS.read_bytes())
        assert _error(response, 413)["code"] == "too_large"
        assert small.get("/api/articles").json()["items"] == []


# Articles ----------------------------------------------------------------------------------


def test_articles_page_through_with_next_links(client: TestClient, beat: dict[str, str]) -> None:
    seen: list[str] = []
    url: str | None = "/api/articles?limit=5"
    while url:
        page = client.get(url).json()
        assert page["limit"] == 5 and len(page["items"]) <= 5
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 22
    assert set(seen) == set(beat.values())
    dates = [client.get(f"/api/articles/{i}").json()["published"]["utc"] for i in seen]
    assert dates == sorted(dates, reverse=True)


def test_articles_filters(client: TestClient, beat: dict[str, str]) -> None:
    nk = client.get("/api/articles?source=NK%20News&limit=100").json()["items"]
    assert nk and {a["source"] for a in nk} == {"NK News"}
    window = client.get("/api/articles?since=2025-01-01&until=2025-02-01").json()["items"]
    assert {a["published"]["utc"][:7] for a in window} == {"2025-01"} and len(window) == 3
    zoned = client.get("/api/articles?since=" + quote("2025-01-01T09:00:00+09:00")).json()
    assert len(zoned["items"]) == len(client.get("/api/articles?since=2025-01-01").json()["items"])
    assert client.get("/api/articles?relation=related").json()["items"] == []


def test_an_article_with_provenance_and_a_stable_etag(
    client: TestClient, beat: dict[str, str]
) -> None:
    article_id = beat["kim-putin-vostochny-summit"]
    response = client.get(f"/api/articles/{article_id}")
    body = response.json()
    assert body["id"] == article_id and body["title"].startswith("Kim Jong Un and Vladimir Putin")
    assert [s["heading"] for s in body["sections"]] == [None, "Why It Matters"]
    assert body["provenance"][0]["origin"] == "upload:beat_posts.json"
    assert body["related_href"] == f"/api/articles/{article_id}/related"
    etag = response.headers["etag"]
    cached = client.get(f"/api/articles/{article_id}", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    assert (
        client.get(f"/api/articles/{article_id}", headers={"If-None-Match": '"other"'}).status_code
        == 200
    )
    # A short unique prefix finds it too; the answer names the full id.
    assert client.get(f"/api/articles/{article_id[:8]}").json()["id"] == article_id
    other = client.get(f"/api/articles/{beat['tumen-road-bridge']}")
    assert other.headers["etag"] != etag


def test_unknown_articles_are_404s(client: TestClient, beat: dict[str, str]) -> None:
    assert "no article" in _error(client.get("/api/articles/0123456789abcdef"), 404)["message"]
    assert _error(client.get("/api/articles/0123456789abcdef/related"), 404)["code"] == "not_found"
    assert _error(client.get("/api/articles/zz/versions"), 404)["code"] == "not_found"


def test_versions_and_related(client: TestClient, beat: dict[str, str]) -> None:
    article_id = beat["troops-kursk-deployment"]
    versions = client.get(f"/api/articles/{article_id}/versions").json()
    assert versions["id"] == article_id and [v["version"] for v in versions["items"]] == [1]
    related = client.get(f"/api/articles/{article_id}/related?limit=3").json()["items"]
    assert 1 <= len(related) <= 3 and article_id not in {r["article"]["id"] for r in related}
    assert (
        _error(client.get(f"/api/articles/{article_id}/related?limit=0"), 400)["parameters"][0][
            "name"
        ]
        == "limit"
    )


# Search ------------------------------------------------------------------------------------


def test_search_returns_highlighted_hits_and_pages(
    client: TestClient, beat: dict[str, str]
) -> None:
    page = client.get("/api/search?q=satellite&mode=fulltext&limit=2").json()
    assert page["mode"] == "fulltext" and page["query"] == "satellite"
    assert len(page["items"]) == 2 and page["next"]
    for item in page["items"]:
        text, ranges = item["snippet"]["text"], item["snippet"]["highlights"]
        assert ranges and all(text[a:b].casefold().startswith("satellite") for a, b in ranges)
        assert item["matched_by"] == ["fulltext"] and item["article"]["href"].startswith(
            "/api/articles/"
        )
    rest = client.get(page["next"]).json()
    assert rest["offset"] == 2
    assert not {i["article"]["id"] for i in rest["items"]} & {
        i["article"]["id"] for i in page["items"]
    }


def test_search_filters(client: TestClient, beat: dict[str, str]) -> None:
    nk = client.get("/api/search?q=korea&mode=fulltext&source=NK%20News&limit=50").json()["items"]
    assert nk and {i["article"]["source"] for i in nk} == {"NK News"}
    ko = client.get("/api/search?" + "q=" + quote("러시아*") + "&mode=fulltext&language=ko").json()
    assert [i["article"]["id"] for i in ko["items"]] == [beat["korean-satellite-report"]]
    dated = client.get(
        "/api/search?q=rocket&mode=fulltext&since=2023-10-01&until=2024-01-01"
    ).json()
    assert {i["article"]["id"] for i in dated["items"]} == {
        beat["russian-engineers-satellite-launch"],
        beat["vostochny-space-cooperation-analysis"],
    }


def test_search_newest_first(client: TestClient, beat: dict[str, str]) -> None:
    items = client.get("/api/search?q=korea&mode=fulltext&order=newest&limit=50").json()["items"]
    published = [i["article"]["published"]["utc"] for i in items if i["article"]["published"]]
    assert len(published) > 6 and published == sorted(published, reverse=True)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("", "q"),
        ("q=", "q"),
        ("q=x&mode=fuzzy", "mode"),
        ("q=x&limit=0", "limit"),
        ("q=x&limit=101", "limit"),
        ("q=x&limit=ten", "limit"),
        ("q=x&offset=-1", "offset"),
        ("q=x&order=oldest", "order"),
        ("q=x&since=yesterday", "since"),
        ("q=" + "x" * 501, "q"),
    ],
)
def test_bad_search_parameters_are_named(client: TestClient, query: str, parameter: str) -> None:
    error = _error(client.get("/api/search?" + query), 400)
    assert error["code"] == "invalid_parameter"
    assert parameter in {p["name"] for p in error["parameters"]}


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("q=-war", "no words"),
        ("q=x&entity=Q42", "entity"),
        ("q=x&story=s1", "story"),
        ("q=x&since=2025-02-01&until=2025-01-01", "before"),
    ],
)
def test_searches_that_cannot_run_say_why(client: TestClient, query: str, words: str) -> None:
    error = _error(client.get("/api/search?" + query), 400)
    assert error["code"] == "invalid_request" and words in error["message"]


def test_semantic_search_through_the_api_after_background_embedding(store_url: str) -> None:
    with TestClient(create_app(store_url, run_stages=True), headers=WRITER) as live:
        files = {"file": ("beat_posts.json", BEAT_POSTS.read_bytes(), "application/json")}
        assert live.post("/api/ingest", files=files).status_code == 201
        live.app.state.stages.wait()  # type: ignore[attr-defined]
        assert live.get("/api/health").json()["embedded"] == 22
        # The vectors were loaded by the background thread, before any search asked for them.
        assert vectors._indexes[live.app.state.engine].size == 22  # type: ignore[attr-defined]
        query = quote("Russian help for the North's satellite programme")
        page = live.get(f"/api/search?q={query}&mode=semantic&limit=3").json()
        titles = [i["article"]["title"] for i in page["items"]]
        assert any("Vostochny" in t for t in titles) and page["notes"] == []
        hybrid = live.get(f"/api/search?q={query}&limit=3").json()
        assert hybrid["mode"] == "hybrid" and len(hybrid["items"]) == 3


# Sources, health, the schema, and the rest -------------------------------------------------


def test_sources_and_health(client: TestClient, beat: dict[str, str]) -> None:
    sources = {s["name"]: s for s in client.get("/api/publishers").json()["items"]}
    assert sources["NK News"]["articles"] == 5
    assert sources["NK News"]["newest_published"].startswith("2025-05-01")
    listed = client.get(sources["NK News"]["href"]).json()["items"]
    assert len(listed) == 5
    health = client.get("/api/health").json()
    assert health == {
        "status": "ok",
        "articles": 22,
        "embedded": 0,
        "stages_error": None,
        # Indexed for full text at once; the other stages are left to the background thread.
        "pending": {"index": 0, "enrich": 22, "embed": 22, "stories": 22},
        "stage_failures": 0,
    }


def test_the_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/health",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/articles/{article_id}/keypoints",
        "/api/articles/{article_id}/related",
        "/api/articles/{article_id}/state",
        "/api/articles/{article_id}/versions",
        "/api/articles/{article_id}/why",
        "/api/ask",
        "/api/comments",
        "/api/comments/{comment_id}",
        "/api/comments/{comment_id}/reports",
        "/api/desk/alerts",
        "/api/desk/alerts/seen",
        "/api/desk/articles/{article_id}",
        "/api/desk/follows",
        "/api/desk/follows/{follow_id}",
        "/api/desk/follows/{follow_id}/articles",
        "/api/desk/highlights",
        "/api/desk/highlights/{highlight_id}",
        "/api/desk/mail",
        "/api/desk/mutes",
        "/api/desk/mutes/{mute_id}",
        "/api/desk/new",
        "/api/desk/saved",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/figures",
        "/api/ingest",
        "/api/ledger/{entity_id}/{measure}",
        "/api/moderation",
        "/api/moderation/{comment_id}",
        "/api/publishers",
        "/api/search",
        "/api/sources",
        "/api/sources/export",
        "/api/sources/import",
        "/api/sources/{source_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/brief",
        "/api/stories/{story_id}/perspectives",
        "/api/storylines",
        "/api/storylines/{storyline_id}",
        "/api/wrapup",
    }
    assert "multipart/form-data" in schema["paths"]["/api/ingest"]["post"]["requestBody"]["content"]


def test_unknown_paths_and_methods_get_json_errors(client: TestClient) -> None:
    assert _error(client.get("/api/nothing-here"), 404)["code"] == "not_found"
    assert _error(client.delete("/api/articles"), 405)["code"] == "method_not_allowed"
    assert _error(client.get("/api/ingest"), 405)["code"] == "method_not_allowed"


NASTY = [
    "",
    " ",
    "-1",
    "0",
    "1e9",
    "9" * 40,
    "null",
    "%00",
    "\u0000",
    "'; DROP TABLE articles;--",
    '"',
    "*",
    "NEAR(a b)",
    "<script>",
    "../../etc/passwd",
    "한국어",
    "2025-13-45",
    "true",
]


def test_no_parameter_value_makes_the_api_fail(client: TestClient, beat: dict[str, str]) -> None:
    article_id = beat["tumen-road-bridge"]
    endpoints = {
        "/api/articles": ["limit", "offset", "source", "since", "until", "relation"],
        "/api/search": [
            *("q", "mode", "limit", "offset", "source", "language", "since", "until"),
            *("entity", "story", "order"),
        ],
        f"/api/articles/{article_id}/related": ["limit"],
    }
    for path, names in endpoints.items():
        for name in names:
            for value in NASTY:
                params = {"q": "korea", name: value} if path == "/api/search" else {name: value}
                response = client.get(path, params=params)
                assert response.status_code < 500, (path, name, value, response.text)
                json.loads(response.text)
    for value in NASTY[1:]:
        response = client.get("/api/articles/" + quote(value, safe=""))
        assert response.status_code in (400, 404), (value, response.text)


def test_an_ingest_needs_an_editor_and_a_refused_one_stores_nothing(store_url: str) -> None:
    upload = {"file": (WORDPRESS_SEED.name, WORDPRESS_SEED.read_bytes())}
    store = open_store(store_url)
    reader = accounts.create_user(store, "mina", "a long passphrase", Role.READER)
    editor = accounts.create_user(store, "jun", "another long one", Role.EDITOR)
    _, reader_token = accounts.create_api_token(store, reader, "script")
    _, editor_token = accounts.create_api_token(store, editor, "script")
    store.close()
    with TestClient(create_app(store_url, run_stages=False)) as client:
        anonymous = client.post("/api/ingest", files=upload)
        assert anonymous.status_code == 401
        assert "sign in first" in anonymous.json()["error"]["message"]
        wrong = client.post("/api/ingest", files=upload, headers=bearer("nd_not-a-token"))
        assert wrong.status_code == 401 and "unknown or revoked" in wrong.text
        as_reader = client.post("/api/ingest", files=upload, headers=bearer(reader_token))
        assert as_reader.status_code == 403
        assert "needs the editor role" in as_reader.json()["error"]["message"]
        assert client.get("/api/articles").json()["items"] == []
        as_editor = client.post("/api/ingest", files=upload, headers=bearer(editor_token))
        assert as_editor.status_code == 201
        assert len(client.get("/api/articles").json()["items"]) == 1


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
