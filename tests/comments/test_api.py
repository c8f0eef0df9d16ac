"""The comments API: who may do what (anonymous 401, someone else's comment 403, moderation for
editors only), held comments seen by their author and editors only, editors approving and
rejecting with a kept reason, and the limits answered with their own status."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdesk.app import create_app
from tests.comments.conftest import Desk
from tests.conftest import WRITER

CLEAN = "The treaty was signed in June, not July; the timeline needs a fix."
ABUSE = "Shut up, moron. Nobody asked for your stupid opinion."


@pytest.fixture
def api(desk: Desk) -> Iterator[TestClient]:
    with TestClient(create_app(desk.url, run_stages=False)) as client:
        yield client


def post(api: TestClient, desk: Desk, who: str, text: str, **extra: object):  # type: ignore[no-untyped-def]
    body = {"article": desk.article, "text": text} | extra
    return api.post("/api/comments", json=body, headers=desk.headers(who))


def test_anyone_reads_but_only_accounts_write(api: TestClient, desk: Desk) -> None:
    made = post(api, desk, "ana", CLEAN)
    assert made.status_code == 201
    comment = made.json()
    assert comment["author"] == "ana" and comment["text"] == CLEAN
    assert comment["status"] == "published" and comment["mine"] is True
    assert "score" not in comment  # moderation details are for editors
    listed = api.get("/api/comments", params={"article": desk.article}).json()
    assert listed["count"] == 1 and listed["items"][0]["text"] == CLEAN
    assert listed["items"][0]["mine"] is False
    for method, path, body in [
        ("POST", "/api/comments", {"article": desk.article, "text": CLEAN}),
        ("PATCH", f"/api/comments/{comment['id']}", {"text": "changed"}),
        ("DELETE", f"/api/comments/{comment['id']}", None),
        ("POST", f"/api/comments/{comment['id']}/reports", {"reason": "spam"}),
        ("POST", f"/api/moderation/{comment['id']}", {"decision": "reject", "reason": "x"}),
    ]:
        refused = api.request(method, path, json=body)
        assert refused.status_code == 401 and "sign in first" in refused.text, (method, path)
    assert api.get("/api/moderation").status_code == 401


def test_reading_comments_needs_an_account_when_reading_is_private(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSDESK_PUBLIC_READING")
    with TestClient(create_app(desk.url, run_stages=False)) as client:
        params = {"article": desk.article}
        assert client.get("/api/comments", params=params).status_code == 401
        assert (
            client.get("/api/comments", params=params, headers=desk.headers("bo")).status_code
            == 200
        )


def test_the_operator_token_cannot_comment(api: TestClient, desk: Desk) -> None:
    refused = api.post(
        "/api/comments", json={"article": desk.article, "text": CLEAN}, headers=WRITER
    )
    assert refused.status_code == 403


def test_only_its_author_edits_or_deletes_a_comment(api: TestClient, desk: Desk) -> None:
    comment_id = post(api, desk, "ana", CLEAN).json()["id"]
    for who in ("bo", "ed"):
        edit = api.patch(
            f"/api/comments/{comment_id}", json={"text": "hijacked"}, headers=desk.headers(who)
        )
        assert edit.status_code == 403 and "only its author" in edit.json()["error"]["message"]
        gone = api.delete(f"/api/comments/{comment_id}", headers=desk.headers(who))
        assert gone.status_code == 403
    edited = api.patch(
        f"/api/comments/{comment_id}",
        json={"text": CLEAN + " Thanks."},
        headers=desk.headers("ana"),
    )
    assert edited.status_code == 200 and edited.json()["edited_at"] is not None
    assert api.get(f"/api/comments/{comment_id}").json()["text"] == CLEAN + " Thanks."
    missing = api.patch("/api/comments/99999", json={"text": "x"}, headers=desk.headers("ana"))
    assert missing.status_code == 404
    deleted = api.delete(f"/api/comments/{comment_id}", headers=desk.headers("ana"))
    assert deleted.status_code == 200 and deleted.json() == {"id": comment_id, "deleted": True}
    assert api.get(f"/api/comments/{comment_id}").status_code == 404


def test_a_held_comment_is_seen_by_its_author_and_editors_only(api: TestClient, desk: Desk) -> None:
    root = post(api, desk, "bo", CLEAN).json()
    held = post(api, desk, "ana", ABUSE, parent_id=root["id"]).json()
    assert held["status"] == "held"
    path = f"/api/comments/{held['id']}"
    assert api.get(path).status_code == 404
    assert api.get(path, headers=desk.headers("bo")).status_code == 404
    assert api.get(path, headers=desk.headers("ana")).json()["status"] == "held"
    as_editor = api.get(path, headers=desk.headers("ed")).json()
    assert as_editor["reasons"][0].startswith("offensive language") and as_editor["score"] > 0.9

    def replies(who: str | None) -> list[dict]:  # type: ignore[type-arg]
        headers = desk.headers(who) if who else {}
        listed = api.get("/api/comments", params={"article": desk.article}, headers=headers)
        return listed.json()["items"][0]["replies"]

    assert replies(None) == [] and replies("bo") == []
    assert [r["id"] for r in replies("ana")] == [held["id"]]
    assert [r["id"] for r in replies("ed")] == [held["id"]]


def test_editors_approve_and_reject_with_a_reason_that_is_kept(api: TestClient, desk: Desk) -> None:
    first = post(api, desk, "ana", ABUSE).json()
    second = post(api, desk, "bo", "Anyone who believes this crap is a complete dumbass.").json()
    assert api.get("/api/moderation", headers=desk.headers("bo")).status_code == 403
    queue = api.get("/api/moderation", headers=desk.headers("ed")).json()
    assert queue["total"] == 2 and [i["id"] for i in queue["items"]] == [first["id"], second["id"]]
    assert queue["items"][0]["target_title"] == (
        "Kim Jong Un and Vladimir Putin meet at Vostochny cosmodrome"
    )

    path = f"/api/moderation/{first['id']}"
    assert (
        api.post(
            path, json={"decision": "approve", "reason": "ok"}, headers=desk.headers("bo")
        ).status_code
        == 403
    )
    no_reason = api.post(
        path, json={"decision": "approve", "reason": " "}, headers=desk.headers("ed")
    )
    assert no_reason.status_code == 400 and "needs a reason" in no_reason.text
    approved = api.post(
        path,
        json={"decision": "approve", "reason": "blunt, not abusive"},
        headers=desk.headers("ed"),
    ).json()
    assert approved["decision"] == "approved" and approved["decider"] == "ed"
    assert approved["comment"]["status"] == "published"
    assert api.get(f"/api/comments/{first['id']}").status_code == 200  # now everyone sees it

    rejected = api.post(
        f"/api/moderation/{second['id']}",
        json={"decision": "reject", "reason": "insults readers"},
        headers=desk.headers("ed"),
    ).json()
    assert rejected["comment"]["status"] == "rejected"
    assert api.get(f"/api/comments/{second['id']}").status_code == 404
    assert (
        api.get(f"/api/comments/{second['id']}", headers=desk.headers("bo")).json()["status"]
        == "rejected"
    )

    after = api.get("/api/moderation", headers=desk.headers("ed")).json()
    assert after["total"] == 0 and after["items"] == []
    assert [
        (d["comment_id"], d["decision"], d["reason"], d["decider"])
        for d in after["recent_decisions"]
    ] == [
        (second["id"], "rejected", "insults readers", "ed"),
        (first["id"], "approved", "blunt, not abusive", "ed"),
    ]


def test_reports_put_a_comment_in_the_queue(api: TestClient, desk: Desk) -> None:
    comment_id = post(api, desk, "ana", CLEAN).json()["id"]
    path = f"/api/comments/{comment_id}/reports"
    own = api.post(path, json={"reason": "mine"}, headers=desk.headers("ana"))
    assert own.status_code == 400
    filed = api.post(
        path, json={"reason": "the date is wrong on purpose"}, headers=desk.headers("bo")
    )
    assert filed.status_code == 201 and filed.json()["new"] is True
    assert api.post(path, json={"reason": "again"}, headers=desk.headers("bo")).status_code == 200
    (item,) = api.get("/api/moderation", headers=desk.headers("ed")).json()["items"]
    assert item["id"] == comment_id and item["status"] == "published"
    assert item["reports"][0]["reporter"] == "bo"
    assert item["reports"][0]["reason"] == "the date is wrong on purpose"


def test_limits_are_answered_with_their_own_status(api: TestClient, desk: Desk) -> None:
    long = post(api, desk, "ana", "x" * 5001)
    assert long.status_code == 400 and "at most 5,000 characters" in long.text
    both = api.post(
        "/api/comments",
        json={"article": desk.article, "story": 1, "text": CLEAN},
        headers=desk.headers("ana"),
    )
    assert both.status_code == 400
    unknown = api.post(
        "/api/comments", json={"story": 999999, "text": CLEAN}, headers=desk.headers("ana")
    )
    assert unknown.status_code == 404
    texts = [
        "The port is in Rason.",
        "It was leased to China in 2008.",
        "Russia rebuilt the rail link to it.",
        "Coal left through it until 2017.",
        "Now it handles mostly fuel.",
    ]
    for text in texts:
        assert post(api, desk, "ana", text).status_code == 201
    limited = post(api, desk, "ana", "And one more thing.")
    assert limited.status_code == 429 and limited.headers["retry-after"] == "60"
    assert limited.json()["error"]["code"] == "rate_limited"


def test_story_comments_through_the_api(api: TestClient, desk: Desk) -> None:
    made = api.post(
        "/api/comments", json={"story": int(desk.story), "text": CLEAN}, headers=desk.headers("bo")
    )
    assert made.status_code == 201 and made.json()["target"] == {"kind": "story", "id": desk.story}
    listed = api.get("/api/comments", params={"story": desk.story}).json()
    assert listed["count"] == 1
