"""The desk's JSON API with real accounts on both stores: follows and what is new, read and
saved, mutes applied to the API lists and the feeds out, highlights, alerts, mail settings;
and who may do what (one's own desk only; the operator token has none)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdesk import desk
from newsdesk.app import create_app
from newsdesk.settings import Settings
from tests.conftest import WRITER
from tests.desk.conftest import Beat, arrive, new_reader


@pytest.fixture
def client(beat: Beat) -> Iterator[TestClient]:
    with TestClient(create_app(beat.url, run_stages=False)) as test:
        yield test


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_follow_from_new_to_looked_at_to_gone(beat: Beat, client: TestClient) -> None:
    _, token = new_reader(beat.store)
    me = bearer(token)
    made = client.post(
        "/api/desk/follows", json={"kind": "entity", "target": "Kim Jong Un"}, headers=me
    )
    assert made.status_code == 201
    follow = made.json()
    assert (follow["label"], follow["target"], follow["alert"]) == (
        "Kim Jong Un",
        "person:kim-jong-un",
        False,
    )
    assert follow["page"] == "/entities/person:kim-jong-un"
    assert client.get("/api/desk/follows", headers=me).json()["items"][0]["new"] == 0
    assert client.get("/api/desk/new", headers=me).json()["items"] == []

    article_id = arrive(beat.store, "Kim Jong Un at an orchard", "Kim Jong Un picked apples.")
    (new,) = client.get("/api/desk/new", headers=me).json()["items"]
    assert (new["id"], new["new"]) == (follow["id"], 1)
    assert [a["id"] for a in new["articles"]] == [article_id]
    listed = client.get(f"/api/desk/follows/{follow['id']}/articles", headers=me).json()
    assert listed["items"][0] == listed["items"][0] | {"id": article_id, "new": True}
    assert not any(item["new"] for item in listed["items"][1:])
    assert len(listed["items"]) > 1  # the older ones too, not new

    changed = client.patch(
        f"/api/desk/follows/{follow['id']}", json={"looked": True, "alert": True}, headers=me
    )
    assert changed.json()["alert"] is True
    assert changed.json()["last_looked_at"] > follow["last_looked_at"]
    assert client.get("/api/desk/new", headers=me).json()["items"] == []
    assert client.delete(f"/api/desk/follows/{follow['id']}", headers=me).status_code == 204
    assert client.get("/api/desk/follows", headers=me).json()["items"] == []
    gone = client.get(f"/api/desk/follows/{follow['id']}/articles", headers=me)
    assert gone.status_code == 404


def test_a_desk_is_its_owners_only(beat: Beat, client: TestClient) -> None:
    _, token = new_reader(beat.store)
    _, other = new_reader(beat.store)
    body = {"kind": "search", "target": "satellite"}
    follow = client.post("/api/desk/follows", json=body, headers=bearer(token)).json()
    for method in ("PATCH", "DELETE"):
        answer = client.request(
            method, f"/api/desk/follows/{follow['id']}", json={}, headers=bearer(other)
        )
        assert answer.status_code == 404
    assert client.get("/api/desk/follows", headers=bearer(other)).json()["items"] == []
    operator = client.get("/api/desk/follows", headers=WRITER)
    assert operator.status_code == 403 and "no desk" in operator.json()["error"]["message"]
    assert client.get("/api/desk/follows").status_code == 401
    bad = client.post(
        "/api/desk/follows", json={"kind": "story", "target": "x"}, headers=bearer(token)
    )
    assert bad.status_code == 400 and "by its id" in bad.json()["error"]["message"]


def test_read_unread_and_saved(beat: Beat, client: TestClient) -> None:
    _, token = new_reader(beat.store)
    me = bearer(token)
    article_id = beat.ids["tumen-road-bridge"]
    state = client.get(f"/api/desk/articles/{article_id}", headers=me).json()
    assert (state["read"], state["saved"]) == (False, False)
    saved = client.put(
        f"/api/desk/articles/{article_id}", json={"saved": True, "read": True}, headers=me
    )
    assert saved.json() | {"read_at": None, "saved_at": None} == {
        "id": article_id,
        "read": True,
        "read_at": None,
        "saved": True,
        "saved_at": None,
    }
    unread = client.put(f"/api/desk/articles/{article_id[:8]}", json={"read": False}, headers=me)
    assert (unread.json()["read"], unread.json()["saved"]) == (False, True)
    assert [a["id"] for a in client.get("/api/desk/saved", headers=me).json()["items"]] == [
        article_id
    ]
    assert client.put("/api/desk/articles/00000000", json={}, headers=me).status_code == 404


def test_mutes_apply_to_the_api_lists_and_the_feeds_out(beat: Beat, client: TestClient) -> None:
    _, token = new_reader(beat.store)
    me = bearer(token)
    made = client.post("/api/desk/mutes", json={"kind": "source", "value": "NK News"}, headers=me)
    assert made.status_code == 201

    def sources(path: str, headers: dict[str, str] | None = None) -> set[str]:
        answer = client.get(path, headers=headers or {})
        assert answer.status_code == 200, answer.text
        return {(item.get("article") or item)["source"] for item in answer.json()["items"]}

    assert "NK News" in sources("/api/articles?limit=50")
    assert "NK News" not in sources("/api/articles?limit=50", me)
    assert "NK News" in sources("/api/search?q=Kim&mode=fulltext")
    assert "NK News" not in sources("/api/search?q=Kim&mode=fulltext", me)
    feed = "/feeds/entities/person:kim-jong-un.json"
    everyone = client.get(feed).json()["items"]
    theirs = client.get(f"{feed}?token={token}").json()["items"]
    summit = beat.ids["kim-putin-vostochny-summit"]  # an NK News article
    assert any(summit in item["id"] for item in everyone)
    assert not any(summit in item["id"] for item in theirs) and len(theirs) < len(everyone)
    # A story's article list and an entity's recent articles too.
    story = f"/api/stories/{beat.store.story_of(summit)}"
    assert summit in {a["id"] for a in client.get(story).json()["article_list"]}
    assert summit not in {a["id"] for a in client.get(story, headers=me).json()["article_list"]}
    kim = "/api/entities/person:kim-jong-un"
    recent = {a["id"] for a in client.get(kim).json()["recent_articles"]}
    assert summit in recent
    assert summit not in {a["id"] for a in client.get(kim, headers=me).json()["recent_articles"]}

    mute_id = made.json()["id"]
    listed = client.get("/api/desk/mutes", headers=me).json()["items"]
    assert listed == [{"id": mute_id, "kind": "source", "value": "NK News"}]
    assert client.delete(f"/api/desk/mutes/{mute_id}", headers=me).status_code == 204
    assert "NK News" in sources("/api/articles?limit=50", me)
    entity = client.post("/api/desk/mutes", json={"kind": "entity", "value": "Russia"}, headers=me)
    assert entity.json()["value"] == "country:russia"


def test_highlights_through_the_api(beat: Beat, client: TestClient) -> None:
    _, token = new_reader(beat.store)
    me = bearer(token)
    article_id = beat.ids["tumen-road-bridge"]
    quote = beat.store.get_article(article_id).article.paragraphs[1][:20]
    body = {"article_id": article_id, "paragraph": 1, "quote": quote, "note": "Check this."}
    made = client.post("/api/desk/highlights", json=body, headers=me)
    assert made.status_code == 201
    assert made.json()["page"] == f"/articles/{article_id}#p2"
    wrong = client.post("/api/desk/highlights", json=body | {"paragraph": 99}, headers=me)
    assert wrong.status_code == 400 and "paragraphs 1 to" in wrong.json()["error"]["message"]
    assert [h["id"] for h in client.get("/api/desk/highlights", headers=me).json()["items"]] == [
        made.json()["id"]
    ]
    assert client.delete(f"/api/desk/highlights/{made.json()['id']}", headers=me).status_code == 204


def test_alerts_and_mail_settings_through_the_api(beat: Beat, client: TestClient) -> None:
    user, token = new_reader(beat.store)
    me = bearer(token)
    body = {"kind": "entity", "target": "person:kim-jong-un", "alert": True}
    client.post("/api/desk/follows", json=body, headers=me)
    article_id = arrive(beat.store, "Kim Jong Un at a zoo", "Kim Jong Un fed a tiger.")
    desk.send_due(beat.store, Settings())
    alerts = client.get("/api/desk/alerts", headers=me).json()
    assert alerts["unseen"] == 1 and alerts["items"][0]["article_id"] == article_id
    assert alerts["items"][0]["mailed"] == "no-address"
    assert client.post("/api/desk/alerts/seen", headers=me).status_code == 204
    assert client.get("/api/desk/alerts", headers=me).json()["unseen"] == 0

    assert client.get("/api/desk/mail", headers=me).json() == {
        "address": "",
        "alerts": True,
        "digest": False,
    }
    bad = client.put("/api/desk/mail", json={"address": "ana@x.example\nBcc: all@x"}, headers=me)
    assert bad.status_code == 400
    settings = {"address": "ana@desk.example", "alerts": False, "digest": True}
    assert client.put("/api/desk/mail", json=settings, headers=me).json() == settings
    assert client.get("/api/desk/mail", headers=me).json() == settings
    assert beat.store.mail_settings_of(user.id).digest is True  # type: ignore[arg-type, union-attr]
