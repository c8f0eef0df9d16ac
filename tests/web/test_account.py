"""Signing in and out through the reader's own forms (CSRF token and all), sessions, the
sign-in rate limit, API tokens made and revoked, password changes, and an admin adding a user."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from lxml import html

from newsdesk import accounts
from newsdesk.app import create_app
from newsdesk.model.accounts import Role
from newsdesk.store import Store

PASSWORD = "correct horse battery"


@pytest.fixture
def client(store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("NEWSDESK_PUBLIC_READING")
    accounts.create_user(store, "Ana", PASSWORD, Role.ADMIN)
    with TestClient(create_app(store_url, run_stages=False), follow_redirects=False) as test:
        yield test


def form_token(client: TestClient, path: str) -> str:
    page = html.fromstring(client.get(path).text)
    return page.xpath("string(//input[@name='csrftoken']/@value)")


def sign_in(client: TestClient, name: str = "ana", password: str = PASSWORD, next: str = "/"):  # type: ignore[no-untyped-def]  # noqa: A002
    token = form_token(client, "/signin")
    return client.post(
        "/signin", data={"csrftoken": token, "name": name, "password": password, "next": next}
    )


def test_a_reader_is_sent_to_sign_in_and_back_to_the_page_asked_for(client: TestClient) -> None:
    asked = client.get("/sources")
    assert asked.status_code == 303 and asked.headers["location"] == "/signin?next=/sources"
    signed = sign_in(client, next="/sources")
    assert signed.status_code == 303 and signed.headers["location"] == "/sources"
    cookie = signed.headers["set-cookie"]
    assert "newsdesk_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http here; behind https the cookie is Secure
    page = html.fromstring(client.get("/sources").text)
    assert page.xpath("string(//a[@class='me'])") == "Ana"  # as typed when the account was made

    token = page.xpath("string(//form[@class='signout']/input[@name='csrftoken']/@value)")
    assert client.post("/signout", data={"csrftoken": token}).status_code == 303
    assert client.get("/sources").status_code == 303  # the session ended


def test_only_local_addresses_are_followed_after_sign_in(client: TestClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        assert sign_in(client, next=target).headers["location"] == "/"


def test_a_form_without_its_csrf_token_is_refused(client: TestClient) -> None:
    form_token(client, "/signin")  # the browser now holds the CSRF cookie
    forged = client.post("/signin", data={"name": "ana", "password": PASSWORD})
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "csrf_failed"
    wrong = client.post(
        "/signin", data={"csrftoken": "forged", "name": "ana", "password": PASSWORD}
    )
    assert wrong.status_code == 403


def test_failed_sign_ins_are_limited_per_account(client: TestClient) -> None:
    for _ in range(accounts.MAX_FAILS_PER_ACCOUNT):
        refused = sign_in(client, password="not the password")
        assert refused.status_code == 401 and "wrong name or password" in refused.text
    unknown = sign_in(client, name="nobody", password="whatever it is")
    assert "wrong name or password" in unknown.text  # no hint that the name does not exist
    locked = sign_in(client)  # even the right password, for now
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) == 900
    assert "too many failed sign-ins" in locked.text


def test_api_tokens_are_shown_once_work_and_can_be_revoked(client: TestClient) -> None:
    sign_in(client)
    made = client.post(
        "/account/tokens", data={"csrftoken": form_token(client, "/account"), "name": "phone"}
    )
    secret = html.fromstring(made.text).xpath("string(//code[@class='secret'])")
    assert secret.startswith("nd_")
    again = client.get("/account").text
    assert secret not in again and "phone" in again

    api = TestClient(client.app)
    assert (
        api.get("/api/articles", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    )
    token_id = html.fromstring(again).xpath("string(//table[@class='tokens']//tr/@id)")[6:]
    revoked = client.post(
        f"/account/tokens/{token_id}/revoke", data={"csrftoken": form_token(client, "/account")}
    )
    assert revoked.status_code == 303
    refused = api.get("/api/articles", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 401 and "unknown or revoked" in refused.text


def test_a_password_change_ends_every_session(client: TestClient) -> None:
    sign_in(client)
    other = TestClient(client.app, follow_redirects=False)
    sign_in(other)
    changed = client.post(
        "/account/password",
        data={
            "csrftoken": form_token(client, "/account"),
            "current": PASSWORD,
            "new": "a brand new passphrase",
        },
    )
    assert changed.status_code == 303
    assert other.get("/account").status_code == 303  # the other browser is signed out too
    assert sign_in(client).status_code == 401
    assert sign_in(client, password="a brand new passphrase").status_code == 303


def test_an_admin_adds_a_user_who_can_then_sign_in(client: TestClient) -> None:
    sign_in(client)
    token = form_token(client, "/admin/users")
    short = client.post(
        "/admin/users", data={"csrftoken": token, "name": "mina", "password": "short"}
    )
    assert short.status_code == 400 and "at least 10 characters" in short.text
    added = client.post(
        "/admin/users",
        data={
            "csrftoken": token,
            "name": "mina",
            "password": "mina's passphrase",
            "role": "editor",
        },
    )
    assert added.status_code == 303
    listed = html.fromstring(client.get("/admin/users").text)
    rows = listed.xpath("//table[@class='users']/tbody/tr")
    cells = [[td.text_content().strip() for td in row.xpath("./td")][:2] for row in rows]
    assert cells == [["Ana", "admin"], ["mina", "editor"]]
    newcomer = TestClient(client.app, follow_redirects=False)
    assert sign_in(newcomer, "mina", "mina's passphrase").status_code == 303
    assert newcomer.get("/admin/users").status_code == 403
