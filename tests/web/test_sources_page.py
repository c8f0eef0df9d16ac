"""The Sources page's forms: an admin follows, pauses, resumes and unfollows a source with plain
forms (CSRF token included); a reader sees the page without the forms and cannot post them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from lxml import html

from newsdesk import accounts
from newsdesk.app import create_app
from newsdesk.model.accounts import Role
from newsdesk.model.live import Source
from newsdesk.store import Store
from tests.web.test_account import form_token, sign_in


@pytest.fixture
def client(store: Store, store_url: str) -> Iterator[TestClient]:
    accounts.create_user(store, "ana", "correct horse battery", Role.ADMIN)
    accounts.create_user(store, "mina", "a reader's passphrase", Role.READER)
    with TestClient(create_app(store_url, run_stages=False), follow_redirects=False) as test:
        yield test


def rows(client: TestClient) -> list[list[str]]:
    doc = html.fromstring(client.get("/sources").text)
    return [
        [td.text_content().split("\n")[0].strip() for td in tr.xpath("./td")[:3]]
        for tr in doc.xpath("//table[contains(@class,'followed')]/tbody/tr")
    ]


def test_an_admin_follows_pauses_resumes_and_unfollows_from_the_page(
    client: TestClient, store: Store
) -> None:
    sign_in(client, "ana", "correct horse battery")
    token = form_token(client, "/sources")
    bad = client.post("/sources", data={"csrftoken": token, "url": "ftp://x.example/feed"})
    assert bad.status_code == 400 and "not an http(s) address" in bad.text
    made = client.post(
        "/sources", data={"csrftoken": token, "url": "https://www.nknews.org/", "every": "1h"}
    )
    assert made.status_code == 303 and made.headers["location"] == "/sources#source-1"
    assert store.get_source(1).every_seconds == 3600
    assert rows(client) == [["https://www.nknews.org/", "not yet known", "new"]]

    client.post("/sources/1/pause", data={"csrftoken": token})
    assert rows(client)[0][2] == "paused" and store.get_source(1).paused
    client.post("/sources/1/resume", data={"csrftoken": token})
    assert not store.get_source(1).paused
    assert client.post("/sources/1/remove", data={"csrftoken": token}).status_code == 303
    assert store.list_sources() == []


def test_a_reader_sees_no_forms_and_cannot_post_them(client: TestClient, store: Store) -> None:
    store.add_source(Source(url="https://www.nknews.org/"))
    sign_in(client, "mina", "a reader's passphrase")
    page = html.fromstring(client.get("/sources").text)
    assert page.xpath("//form[@class='follow-source']") == []
    assert page.xpath("//td[@class='actions']") == []
    token = form_token(client, "/sources")
    refused = client.post("/sources/1/pause", data={"csrftoken": token})
    assert refused.status_code == 403 and not store.get_source(1).paused
