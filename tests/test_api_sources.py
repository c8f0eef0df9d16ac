"""/api/sources: reading is open like the rest of the API, every write needs the token; and the
reader's Sources page shows each source's state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from lxml import html

from newsdesk.app import create_app
from newsdesk.model.live import SourceKind
from newsdesk.store import open_store
from tests.conftest import FIXTURES, WRITER


@pytest.fixture
def client(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url, run_stages=False)) as test_client:
        yield test_client


def test_writes_need_the_token_and_reads_do_not(client: TestClient) -> None:
    body = {"url": "https://www.nknews.org/feed/", "every": "1h"}
    refused = client.post("/api/sources", json=body)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    assert client.get("/api/sources").json() == {"sources": []}

    made = client.post("/api/sources", json=body, headers=WRITER)
    assert made.status_code == 201
    source = made.json()
    assert source["url"] == body["url"] and source["every_seconds"] == 3600
    assert source["state"] == "new" and source["kind"] is None and source["created"]
    again = client.post("/api/sources", json=body, headers=WRITER)
    assert again.status_code == 200 and again.json()["id"] == source["id"]

    path = f"/api/sources/{source['id']}"
    assert client.patch(path, json={"paused": True}).status_code == 401
    changed = client.patch(path, json={"paused": True, "name": "NK News"}, headers=WRITER)
    assert changed.json()["state"] == "paused" and changed.json()["name"] == "NK News"
    assert client.get(path).json()["paused"] is True
    assert client.delete(path).status_code == 401
    assert client.delete(path, headers=WRITER).status_code == 204
    assert client.get(path).status_code == 404


def test_bad_sources_get_a_clear_400(client: TestClient) -> None:
    for url, words in (
        ("file:///etc/passwd", "not an http(s) address"),
        ("javascript:alert(1)", "not an http(s) address"),
        ("https://", "names no host"),
    ):
        response = client.post("/api/sources", json={"url": url}, headers=WRITER)
        assert response.status_code == 400 and words in response.json()["error"]["message"]
    slow = client.post(
        "/api/sources", json={"url": "https://a.example/feed", "every": "5s"}, headers=WRITER
    )
    assert slow.status_code == 400 and "under a minute" in slow.json()["error"]["message"]


def test_opml_import_and_export_through_the_api(client: TestClient) -> None:
    data = (FIXTURES / "opml" / "miniflux.opml").read_bytes()
    assert client.post("/api/sources/import", content=data).status_code == 401
    imported = client.post(
        "/api/sources/import", content=data, headers=WRITER | {"Content-Type": "text/x-opml"}
    ).json()
    assert imported["added"] and all(s["url"].startswith("http") for s in imported["added"])
    exported = client.get("/api/sources/export")
    assert exported.headers["content-type"].startswith("text/x-opml")
    root = html.fromstring(exported.content)
    urls = {o.get("xmlurl") for o in root.iter("outline") if o.get("xmlurl")}
    assert urls == {s["url"] for s in imported["added"]}


def test_the_sources_page_shows_each_source_s_state(store_url: str, client: TestClient) -> None:
    assert "No sources followed yet" in client.get("/sources").text
    for url in ("https://www.nknews.org/feed/", "https://en.yna.co.kr/RSS/nk.xml"):
        client.post("/api/sources", json={"url": url}, headers=WRITER)
    store = open_store(store_url)
    failing = store.get_source(2)
    failing.kind, failing.failures, failing.last_status = SourceKind.FEED, 4, 503
    failing.last_error = "HTTP 503 Service Unavailable"
    failing.last_fetch_at = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    store.save_source(failing)
    store.close()
    page = html.fromstring(client.get("/sources").text)
    rows = page.xpath("//table[contains(@class,'followed')]/tbody/tr")
    assert [r.get("id") for r in rows] == ["source-1", "source-2"]
    assert rows[0].xpath("string(.//td[@class='state'])").strip() == "new"
    assert "backing off (4 failures)" in rows[1].xpath("string(.//td[@class='state'])")
    assert rows[1].xpath("string(.//p[@class='error'])") == "HTTP 503 Service Unavailable"
    assert rows[1].xpath("string(./td[4])").split() == ["6", "Dec", "09:30", "·", "HTTP", "503"]
