"""The Google Reader API on a real store (SQLite and PostgreSQL) with the beat's articles and a
followed source's, through FastAPI's TestClient, then through Miniflux's own Python client
(`google-reader`) against a live server: sign-in, subscriptions, streams and their paging, the
id forms, read and starred state as newsdesk's own store and API see it."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx2 as httpx
import psycopg
import pytest
import uvicorn
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from newsdesk import accounts, pipeline
from newsdesk.api.greader_ids import (
    ITEM_PREFIX,
    article_ids_for,
    continuation,
    continued_after,
    long_item_id,
    short_item_id,
)
from newsdesk.app import create_app
from newsdesk.model import RawDocument
from newsdesk.model.accounts import Mute, MuteKind, Role, User
from newsdesk.model.live import Source
from newsdesk.store import Store, open_store
from tests.conftest import API_TOKEN, PG_ADMIN_URL
from tests.search_support import INJECTION_PAGE, ingest_beat
from tests.web.conftest import _free_port

API = "/reader/api/0"
READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
PASSWORD = "a long passphrase"
WIRE = "https://wire.example/feed.xml"
WIRE_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire Example</title><link>https://wire.example/</link>
<item><title>Ferry service resumes between Incheon and Dandong</title>
<link>https://wire.example/2025/06/ferry</link><guid>https://wire.example/2025/06/ferry</guid>
<pubDate>Mon, 02 Jun 2025 09:00:00 +0000</pubDate>
<description>Passenger ferries between Incheon and the Chinese border city of Dandong resumed on
Monday after a five-year pause, the operator said. Two sailings a week are planned.</description>
</item>
<item><title>Rail freight from Rajin to Khasan doubles</title>
<link>https://wire.example/2025/05/rail</link><guid>https://wire.example/2025/05/rail</guid>
<pubDate>Thu, 15 May 2025 06:30:00 +0000</pubDate>
<description>Freight trains between the North Korean port of Rajin and Khasan in Russia carried
twice as much coal in April as a year earlier, Russian railway data show.</description>
</item>
<item><title>Customs data show a drop in fertiliser shipments</title>
<link>https://wire.example/2025/04/fertiliser</link>
<guid>https://wire.example/2025/04/fertiliser</guid>
<pubDate>Tue, 08 Apr 2025 03:15:00 +0000</pubDate>
<description>Chinese customs figures show fertiliser shipments across the border fell by a
third in March, the lowest since the pandemic closures ended.</description>
</item>
</channel></rss>"""


@dataclass
class Desk:
    url: str
    store: Store
    client: TestClient
    source: Source
    wire_ids: set[str]  # the articles that came through the followed source


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def desk(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Desk]:
    """The beat's 22 articles and a followed source's 3, every stage run, served by the app.
    PostgreSQL gets a database of this module's own (other modules empty the shared one)."""
    database = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('greader') / 'store.db'}"
    else:
        database = f"newsdesk_greader_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{database}"
    store = open_store(url)
    ingest_beat(store)
    source, _ = store.add_source(Source(url=WIRE, name="Wire Example"))
    fetched = {"url": WIRE, "final_url": WIRE, "status": 200, "headers": {}}  # as a poll keeps it
    raw = RawDocument(content=WIRE_FEED, origin=WIRE, fetch=fetched, source_id=source.id)
    (outcome,) = pipeline.ingest_raws(store, [raw], 10 * 1024 * 1024)
    assert outcome.status == "parsed", outcome.error
    pipeline.advance(store)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSDESK_API_TOKEN", API_TOKEN)
        app = create_app(url, run_stages=False)
    with TestClient(app) as client:
        wire_ids = {s.id for s in store.articles_from_raw(raw.id or 0)}
        assert len(wire_ids) == 3
        yield Desk(url, store, client, source, wire_ids)
    store.close()
    if database:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@dataclass
class Reader:
    user: User
    auth: str  # what ClientLogin answered
    headers: dict[str, str]
    token: str  # T


def sign_up(desk: Desk, role: Role = Role.READER) -> Reader:
    """A new account of its own (so no test sees another's state), signed in as a client."""
    user = accounts.create_user(desk.store, f"r{uuid.uuid4().hex[:8]}", PASSWORD, role)
    answer = desk.client.post(
        "/accounts/ClientLogin", data={"Email": user.name, "Passwd": PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    auth = dict(line.split("=", 1) for line in answer.text.strip().splitlines())["Auth"]
    headers = {"Authorization": f"GoogleLogin auth={auth}"}
    token = desk.client.get(f"{API}/token", headers=headers).text
    return Reader(user, auth, headers, token)


@pytest.fixture
def reader(desk: Desk) -> Reader:
    return sign_up(desk)


def ids_of(desk: Desk, reader: Reader, **params: object) -> list[str]:
    """Every item id of a stream, page by page (n=5), as short ids."""
    found: list[str] = []
    query = {"s": READING_LIST, "n": 5} | params
    while True:
        answer = desk.client.get(f"{API}/stream/items/ids", params=query, headers=reader.headers)
        assert answer.status_code == 200, answer.text
        found += [ref["id"] for ref in answer.json()["itemRefs"]]
        if "continuation" not in answer.json():
            return found
        query["c"] = answer.json()["continuation"]


def article_id(short: str) -> str:
    (found,) = article_ids_for(short)
    return found


def newest_first(store: Store) -> list[str]:
    stored = list(store.iter_articles())
    stamp = {
        s.id: s.article.published.utc if s.article.published else s.first_seen_at for s in stored
    }
    return sorted(stamp, key=lambda i: (stamp[i], i), reverse=True)


# Signing in ----------------------------------------------------------------------------------


def test_client_login_answers_one_api_token_of_the_account_and_finds_it_again(desk: Desk) -> None:
    user = accounts.create_user(desk.store, f"l{uuid.uuid4().hex[:8]}", PASSWORD)
    form = {"Email": user.name, "Passwd": PASSWORD}
    first = desk.client.post("/accounts/ClientLogin", data=form)
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/plain")
    lines = first.text.strip().splitlines()
    assert [line.split("=", 1)[0] for line in lines] == ["SID", "LSID", "Auth"]
    auth = lines[2].split("=", 1)[1]
    assert accounts.token_user(desk.store, auth).id == user.id  # type: ignore[union-attr]
    again = desk.client.post("/accounts/ClientLogin", data=form | {"output": "json"})
    assert again.json() == {"SID": auth, "LSID": auth, "Auth": auth}
    assert [t.name for t in desk.store.api_tokens_of(user.id or 0)] == ["Google Reader client"]
    assert all(auth not in t.token_hash for t in desk.store.api_tokens_of(user.id or 0))
    assert "set-cookie" not in first.headers  # no session is left behind

    _, secret = accounts.create_api_token(desk.store, user, "phone")
    by_token = desk.client.post(
        "/accounts/ClientLogin", data={"Email": user.name, "Passwd": secret}
    )
    assert by_token.text.strip().endswith(f"Auth={secret}")


def test_client_login_refuses_wrong_passwords_and_is_rate_limited(desk: Desk) -> None:
    user = accounts.create_user(desk.store, f"w{uuid.uuid4().hex[:8]}", PASSWORD)
    other = sign_up(desk)
    wrong = desk.client.post("/accounts/ClientLogin", data={"Email": user.name, "Passwd": "nope"})
    assert wrong.status_code == 401 and wrong.text == "Error=BadAuthentication"
    # Another account's token is no password of this one.
    form = {"Email": user.name, "Passwd": other.auth}
    assert desk.client.post("/accounts/ClientLogin", data=form).status_code == 401
    assert desk.client.post("/accounts/ClientLogin", data={"Email": user.name}).status_code == 400
    for _ in range(accounts.MAX_FAILS_PER_ACCOUNT):
        desk.client.post("/accounts/ClientLogin", data={"Email": user.name, "Passwd": "nope"})
    limited = desk.client.post(
        "/accounts/ClientLogin", data={"Email": user.name, "Passwd": PASSWORD}
    )
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0


def test_a_wrong_or_missing_token_is_401_in_plain_text_without_a_cookie(
    desk: Desk, reader: Reader
) -> None:
    for headers in ({"Authorization": "GoogleLogin auth=nd_unknown"}, {}):
        answer = desk.client.get(f"{API}/subscription/list", headers=headers)
        assert answer.status_code == 401
        assert answer.headers["content-type"].startswith("text/plain")
        assert answer.headers["x-reader-google-bad-token"] == "true"
        assert "set-cookie" not in answer.headers  # a CSRF cookie would then refuse its POSTs
    operator = desk.client.get(f"{API}/user-info", headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert operator.status_code == 403 and "no desk" in operator.text
    info = desk.client.get(f"{API}/user-info", headers=reader.headers).json()
    assert info == {
        "userId": str(reader.user.id),
        "userName": reader.user.name,
        "userProfileId": str(reader.user.id),
        "userEmail": reader.user.name,
    }


def test_a_change_without_the_write_token_is_refused(desk: Desk, reader: Reader) -> None:
    (first, *_) = ids_of(desk, reader)
    form = {"i": first, "a": READ}
    for path, data in (
        ("edit-tag", form),
        ("edit-tag", form | {"T": "stale"}),
        ("mark-all-as-read", {"s": READING_LIST}),
        ("subscription/edit", {"s": "feed/entity:country:russia", "ac": "subscribe"}),
    ):
        answer = desk.client.post(f"{API}/{path}", data=data, headers=reader.headers)
        assert answer.status_code == 401, (path, answer.text)
        assert answer.headers["x-reader-google-bad-token"] == "true"
    assert desk.store.article_states_of(reader.user.id or 0, [article_id(first)]) == {}
    assert desk.store.follows_of(reader.user.id or 0) == []
    # The auth token itself is accepted as T (Miniflux's clients send it), and newsdesk's own
    # Bearer tokens need none (no browser sends one by itself).
    signed = desk.client.post(
        f"{API}/edit-tag", data=form | {"T": reader.auth}, headers=reader.headers
    )
    assert signed.status_code == 200 and signed.text == "OK"
    bearer = {"Authorization": f"Bearer {reader.auth}"}
    unread = desk.client.post(f"{API}/edit-tag", data={"i": first, "r": READ}, headers=bearer)
    assert unread.status_code == 200


# Ids and paging ------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_every_id_form_maps_back_to_the_article_id(bits: int) -> None:
    article = format(bits, "016x")
    short = short_item_id(article)
    assert -(2**63) <= int(short) < 2**63  # a Java long
    assert int(short) % 2**64 == bits
    assert article in article_ids_for(short)
    assert article_ids_for(long_item_id(article)) == [article]
    assert article_ids_for(ITEM_PREFIX + format(bits, "x")) == [article]  # NetNewsWire: unpadded
    assert article_ids_for(ITEM_PREFIX + f"{int(short):016x}") == [article]  # google_reader.py
    assert article in article_ids_for(article)  # Reeder: the bare 16 hex digits


def test_odd_item_ids() -> None:
    assert article_ids_for("1234567890123456") == ["1234567890123456", "000462d53c8abac0"]
    assert article_ids_for("-1") == ["ffffffffffffffff"]
    assert article_ids_for("tag:google.com,2005:reader/item/xyz") == []
    assert article_ids_for(str(2**64)) == [] and article_ids_for("") == []
    moment = datetime(2025, 6, 2, 9, 0, 0, 123456, tzinfo=UTC)
    assert continued_after(continuation(moment, "0123456789abcdef")) == (moment, "0123456789abcdef")
    assert continued_after("12_not-an-id") is None


def test_the_ids_of_a_stream_in_every_form_fetch_the_same_items(desk: Desk, reader: Reader) -> None:
    shorts = ids_of(desk, reader)
    articles = [article_id(s) for s in shorts]
    assert articles == newest_first(desk.store)  # every article, newest first
    forms = {
        "short": shorts,
        "long": [long_item_id(a) for a in articles],
        "bare hex": articles,
        "unpadded": [ITEM_PREFIX + format(int(a, 16), "x") for a in articles],
    }
    for name, ids in forms.items():
        answer = desk.client.post(
            f"{API}/stream/items/contents",
            data={"i": ids, "T": reader.token},
            headers=reader.headers,
        )
        assert answer.status_code == 200, (name, answer.text)
        assert [i["id"] for i in answer.json()["items"]] == [long_item_id(a) for a in articles]
    gets = desk.client.get(
        f"{API}/stream/items/contents", params={"i": shorts[:2]}, headers=reader.headers
    )
    assert [i["id"] for i in gets.json()["items"]] == [long_item_id(a) for a in articles[:2]]


def test_continuations_page_through_without_loss_or_repeats(desk: Desk, reader: Reader) -> None:
    everything = [article_id(s) for s in ids_of(desk, reader, n=1000)]
    assert everything == newest_first(desk.store) and len(everything) == len(set(everything))
    for n in (1, 4, 7, len(everything)):
        assert [article_id(s) for s in ids_of(desk, reader, n=n)] == everything
    assert [article_id(s) for s in ids_of(desk, reader, r="o")] == everything[::-1]
    # Reading while paging through the unread ones loses nothing (an offset would skip).
    query = {"s": READING_LIST, "xt": READ, "n": 6}
    seen: list[str] = []
    while True:
        page = desk.client.get(f"{API}/stream/items/ids", params=query, headers=reader.headers)
        ids = [ref["id"] for ref in page.json()["itemRefs"]]
        seen += ids
        desk.client.post(
            f"{API}/edit-tag", data={"i": ids, "a": READ, "T": reader.token}, headers=reader.headers
        )
        if "continuation" not in page.json():
            break
        query["c"] = page.json()["continuation"]
    assert [article_id(s) for s in seen] == everything
    assert ids_of(desk, reader, xt=READ) == []
    bad = desk.client.get(
        f"{API}/stream/items/ids", params={"s": READING_LIST, "c": "zz"}, headers=reader.headers
    )
    assert bad.status_code == 400


def test_time_bounds(desk: Desk, reader: Reader) -> None:
    june = int(datetime(2025, 6, 1, tzinfo=UTC).timestamp())
    recent = [article_id(s) for s in ids_of(desk, reader, ot=june)]
    older = [article_id(s) for s in ids_of(desk, reader, nt=june)]
    assert recent and older and recent + older == newest_first(desk.store)
    stored = desk.store.get_articles(recent)
    assert all(
        s.article.published and s.article.published.utc.timestamp() >= june for s in stored.values()
    )


# Read and starred ----------------------------------------------------------------------------


def test_edit_tag_marks_read_and_starred_as_the_store_and_api_see_it(
    desk: Desk, reader: Reader
) -> None:
    first, second, third = ids_of(desk, reader)[:3]
    edit = f"{API}/edit-tag"
    post = {"headers": reader.headers}
    desk.client.post(edit, data={"i": [first, second], "a": READ, "T": reader.token}, **post)
    desk.client.post(
        edit, data={"i": long_item_id(article_id(second)), "a": STARRED, "T": reader.token}, **post
    )
    states = desk.store.article_states_of(
        reader.user.id or 0, [article_id(i) for i in (first, second, third)]
    )
    assert set(states) == {article_id(first), article_id(second)}
    assert states[article_id(first)][0] and not states[article_id(first)][1]
    assert states[article_id(second)][0] and states[article_id(second)][1]
    bearer = {"Authorization": f"Bearer {reader.auth}"}
    seen = desk.client.get(f"/api/articles/{article_id(second)}/state", headers=bearer).json()
    assert seen["read"] and seen["saved"] and seen["id"] == article_id(second)

    assert ids_of(desk, reader, s=STARRED) == [second]
    assert ids_of(desk, reader, s=READ) == [first, second]
    assert ids_of(desk, reader, it=STARRED) == [second]
    assert first not in ids_of(desk, reader, xt=READ) and third in ids_of(desk, reader, xt=READ)
    items = desk.client.post(
        f"{API}/stream/items/contents", data={"i": [first, second, third]}, headers=reader.headers
    ).json()["items"]
    assert [READ in i["categories"] for i in items] == [True, True, False]
    assert [STARRED in i["categories"] for i in items] == [False, True, False]

    desk.client.post(edit, data={"i": first, "r": READ, "T": reader.token}, **post)
    desk.client.post(
        edit,
        data={
            "i": second,
            "a": "user/-/state/com.google/kept-unread",
            "r": STARRED,
            "T": reader.token,
        },
        **post,
    )
    assert ids_of(desk, reader, s=READ) == [] and ids_of(desk, reader, s=STARRED) == []
    seen = desk.client.get(f"/api/articles/{article_id(second)}/state", headers=bearer).json()
    assert seen == {
        "id": article_id(second),
        "read": False,
        "read_at": None,
        "saved": False,
        "saved_at": None,
    }
    clash = desk.client.post(
        edit, data={"i": first, "a": READ, "r": READ, "T": reader.token}, **post
    )
    assert clash.status_code == 400
    # Another reader's state is theirs.
    assert ids_of(desk, sign_up(desk), s=READ) == []


def test_mark_all_as_read_up_to_a_time(desk: Desk, reader: Reader) -> None:
    everything = ids_of(desk, reader)
    may = datetime(2025, 5, 1, tzinfo=UTC)
    for stamp in (str(int(may.timestamp())), str(int(may.timestamp() * 1_000_000))):
        one = sign_up(desk)
        answer = desk.client.post(
            f"{API}/mark-all-as-read",
            data={"s": READING_LIST, "ts": stamp, "T": one.token},
            headers=one.headers,
        )
        assert answer.status_code == 200 and answer.text == "OK"
        older = [article_id(s) for s in ids_of(desk, one, nt=int(may.timestamp()) + 1)]
        assert [article_id(s) for s in ids_of(desk, one, s=READ)] == older
        assert 0 < len(older) < len(everything)
    wire = f"feed/{desk.source.id}"
    desk.client.post(
        f"{API}/mark-all-as-read", data={"s": wire, "T": reader.token}, headers=reader.headers
    )
    assert {article_id(s) for s in ids_of(desk, reader, s=READ)} == desk.wire_ids


def test_unread_counts(desk: Desk, reader: Reader) -> None:
    def counts() -> dict[str, int]:
        answer = desk.client.get(
            f"{API}/unread-count", params={"output": "json"}, headers=reader.headers
        )
        return {c["id"]: c["count"] for c in answer.json()["unreadcounts"]}

    before = counts()
    wire = f"feed/{desk.source.id}"
    total = len(newest_first(desk.store))
    assert before[READING_LIST] == total and before[wire] == 3
    assert before["user/-/label/Sources"] == 3 and before["user/-/label/Publishers"] == total - 3
    assert before["feed/publisher:NK News"] == 5
    one = ids_of(desk, reader, s=wire)[0]
    desk.client.post(
        f"{API}/edit-tag", data={"i": one, "a": READ, "T": reader.token}, headers=reader.headers
    )
    after = counts()
    assert (
        after[READING_LIST] == total - 1
        and after[wire] == 2
        and after["feed/publisher:NK News"] == 5
    )


# Subscriptions and streams -------------------------------------------------------------------


def test_subscriptions_tags_and_their_streams(desk: Desk, reader: Reader) -> None:
    story = desk.store.list_stories(1)[0]
    for stream in ("feed/entity:person:kim-jong-un", f"feed/story:{story.id}"):
        answer = desk.client.post(
            f"{API}/subscription/edit",
            data={"s": stream, "ac": "subscribe", "T": reader.token},
            headers=reader.headers,
        )
        assert answer.status_code == 200, answer.text
    listed = desk.client.get(
        f"{API}/subscription/list", params={"output": "json"}, headers=reader.headers
    )
    subscriptions = {s["id"]: s for s in listed.json()["subscriptions"]}
    wire = subscriptions[f"feed/{desk.source.id}"]
    assert wire["title"] == "Wire Example" and wire["url"] == WIRE
    assert wire["categories"] == [
        {"id": "user/-/label/Sources", "label": "Sources", "type": "folder"}
    ]
    assert subscriptions["feed/publisher:NK News"]["htmlUrl"].endswith("/?source=NK+News")
    kim = subscriptions["feed/entity:person:kim-jong-un"]
    assert kim["title"] == "Kim Jong Un" and kim["htmlUrl"].endswith("/entities/person:kim-jong-un")
    assert kim["categories"][0]["label"] == "Following"
    assert subscriptions[f"feed/story:{story.id}"]["title"] == story.title
    publishers = {
        s.article.source or "" for s in desk.store.iter_articles() if s.id not in desk.wire_ids
    }
    assert len(subscriptions) == 1 + len(publishers) + 2  # the source, publishers, follows
    tags = desk.client.get(f"{API}/tag/list", params={"output": "json"}, headers=reader.headers)
    assert [t["id"] for t in tags.json()["tags"]] == [
        STARRED,
        READ,
        READING_LIST,
        "user/-/label/Sources",
        "user/-/label/Publishers",
        "user/-/label/Following",
    ]

    def articles(stream: str) -> set[str]:
        return {article_id(s) for s in ids_of(desk, reader, s=stream)}

    assert articles(f"feed/{desk.source.id}") == desk.wire_ids == articles("user/-/label/Sources")
    assert articles(f"feed/{WIRE}") == desk.wire_ids
    kim_ids = {i for i, _ in desk.store.entity_articles("person:kim-jong-un")}
    assert articles("feed/entity:person:kim-jong-un") == kim_ids
    assert articles(f"feed/story:{story.id}") == set(story.article_ids)
    assert articles("user/-/label/Following") == kim_ids | set(story.article_ids)
    nk_news = {s.id for s in desk.store.list_articles(100, source="NK News")}
    assert articles("feed/publisher:NK News") == nk_news
    for wrong, status in (("feed/999", 404), ("user/-/label/Nothing", 404), ("nonsense", 400)):
        answer = desk.client.get(
            f"{API}/stream/items/ids", params={"s": wrong}, headers=reader.headers
        )
        assert answer.status_code == status, wrong

    desk.client.post(
        f"{API}/subscription/edit",
        data={"s": "feed/entity:person:kim-jong-un", "ac": "edit", "t": "Kim", "T": reader.token},
        headers=reader.headers,
    )
    desk.client.post(
        f"{API}/subscription/edit",
        data={"s": f"feed/story:{story.id}", "ac": "unsubscribe", "T": reader.token},
        headers=reader.headers,
    )
    follows = desk.store.follows_of(reader.user.id or 0)
    assert [(f.kind.value, f.target, f.label) for f in follows] == [
        ("entity", "person:kim-jong-un", "Kim")
    ]
    refused = desk.client.post(
        f"{API}/subscription/edit",
        data={"s": f"feed/{desk.source.id}", "ac": "unsubscribe", "T": reader.token},
        headers=reader.headers,
    )
    assert refused.status_code == 403


def test_stream_contents(desk: Desk, reader: Reader) -> None:
    wire = f"feed/{desk.source.id}"
    first = desk.client.get(
        f"{API}/stream/contents/{wire}", params={"n": 2}, headers=reader.headers
    )
    body = first.json()
    assert body["id"] == wire and len(body["items"]) == 2 and body["continuation"]
    rest = desk.client.get(
        f"{API}/stream/contents/{wire}",
        params={"n": 2, "c": body["continuation"]},
        headers=reader.headers,
    ).json()
    items = body["items"] + rest["items"]
    assert "continuation" not in rest
    assert {i["id"] for i in items} == {long_item_id(a) for a in desk.wire_ids}
    ferry = items[0]
    assert ferry["title"] == "Ferry service resumes between Incheon and Dandong"
    assert ferry["origin"] == {"streamId": wire, "title": "Wire Example", "htmlUrl": WIRE}
    assert ferry["alternate"] == [
        {"href": "https://wire.example/2025/06/ferry", "type": "text/html"}
    ]
    assert ferry["published"] == int(datetime(2025, 6, 2, 9, tzinfo=UTC).timestamp())
    assert ferry["timestampUsec"] == str(ferry["published"] * 1_000_000)
    assert "Dandong" in ferry["content"]["content"] and ferry["content"]["content"].startswith(
        "<p>"
    )
    assert ferry["categories"] == [READING_LIST, "user/-/label/Sources"]
    default = desk.client.get(f"{API}/stream/contents", headers=reader.headers).json()
    assert len(default["items"]) == 20 and default["id"] == READING_LIST


def test_quickadd_follows_a_source_for_an_admin_only(desk: Desk, reader: Reader) -> None:
    url = "https://news.example/rss.xml"
    refused = desk.client.post(
        f"{API}/subscription/quickadd",
        data={"quickadd": url, "T": reader.token},
        headers=reader.headers,
    )
    assert refused.status_code == 403 and "admin" in refused.text
    admin = sign_up(desk, Role.ADMIN)
    missing_t = desk.client.post(
        f"{API}/subscription/quickadd", data={"quickadd": url}, headers=admin.headers
    )
    assert missing_t.status_code == 401
    added = desk.client.post(
        f"{API}/subscription/quickadd",
        params={"output": "json"},
        data={"quickadd": url, "T": admin.token},
        headers=admin.headers,
    ).json()
    (source,) = [s for s in desk.store.list_sources() if s.url == url]
    assert added == {
        "numResults": 1,
        "query": url,
        "streamId": f"feed/{source.id}",
        "streamName": url,
    }
    assert [(f.kind.value, f.target) for f in desk.store.follows_of(admin.user.id or 0)] == [
        ("source", str(source.id))
    ]
    desk.store.remove_source(source.id or 0)


def test_other_google_reader_calls_answer_plainly(desk: Desk, reader: Reader) -> None:
    listed = desk.client.get(f"{API}/preference/stream/list", headers=reader.headers)
    assert listed.status_code == 200 and listed.json() == []
    done = desk.client.post(f"{API}/rename-tag", data={"T": reader.token}, headers=reader.headers)
    assert done.status_code == 501 and "set-cookie" not in done.headers


def test_a_readers_mutes_apply_to_the_streams_a_client_reads(desk: Desk, reader: Reader) -> None:
    desk.store.add_mute(Mute(user_id=reader.user.id or 0, kind=MuteKind.SOURCE, value="NK News"))
    from_nk_news = {s.id for s in desk.store.iter_articles() if s.article.source == "NK News"}
    assert from_nk_news  # the beat has five
    seen = [article_id(i) for i in ids_of(desk, reader)]
    assert set(seen) == set(newest_first(desk.store)) - from_nk_news
    assert len(seen) == len(set(seen))  # short pages, but nothing repeated or lost
    contents = desk.client.get(
        f"{API}/stream/contents/{READING_LIST}", params={"n": 100}, headers=reader.headers
    ).json()
    assert not any(i["origin"]["title"] == "NK News" for i in contents["items"])
    assert {i["title"] for i in contents["items"]}.isdisjoint(
        {s.article.title for s in desk.store.iter_articles() if s.id in from_nk_news}
    )


# The real client -----------------------------------------------------------------------------


@pytest.fixture
def live(desk: Desk) -> Iterator[str]:
    """The app over the desk's store (each backend) on a free local port, in a thread."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(desk.url, run_stages=False), port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def test_miniflux_google_reader_client_reads_and_marks(desk: Desk, live: str) -> None:
    import google_reader  # installed by scripts/setup (pip --ignore-requires-python)

    user = accounts.create_user(desk.store, f"g{uuid.uuid4().hex[:8]}", PASSWORD)
    client = google_reader.Client(live)
    with pytest.raises(google_reader.AuthenticationError):
        client.login(user.name, "not the password")
    auth = client.login(user.name, PASSWORD)
    token = client.get_token(auth)
    assert client.get_user_info(auth).user_name == user.name
    subscriptions = {s.id: s for s in client.list_subscriptions(auth)}
    assert subscriptions[f"feed/{desk.source.id}"].title == "Wire Example"
    assert google_reader.Tag(id=STARRED) in client.list_tags(auth)

    refs, page = [], client.get_stream_items_ids(auth, READING_LIST, limit=10)
    while True:
        refs += [r.id for r in page.item_refs]
        if not page.continuation:
            break
        page = client.get_stream_items_ids(
            auth, READING_LIST, limit=10, continuation=page.continuation
        )
    assert [article_id(r) for r in refs] == newest_first(desk.store)

    contents = client.get_stream_items_contents(auth, token, refs[:3])
    assert [i.id for i in contents.items] == [long_item_id(article_id(r)) for r in refs[:3]]
    assert all(i.content.content and i.origin.stream_id for i in contents.items)
    long_ids = [google_reader.get_long_item_id(int(r)) for r in refs[:2]]  # negative ones too
    client.edit_tags(auth, token, long_ids, add_tags=[google_reader.STREAM_READ])
    client.edit_tags(auth, token, [refs[1]], add_tags=[google_reader.STREAM_STARRED])
    unread = client.get_stream_items_ids(
        auth, READING_LIST, limit=1000, exclude_target=google_reader.STREAM_READ
    )
    assert {r.id for r in unread.item_refs} == set(refs[2:])
    starred = client.get_stream_items_ids(auth, google_reader.STREAM_STARRED)
    assert [r.id for r in starred.item_refs] == [refs[1]]
    with pytest.raises(google_reader.ClientError):
        client.quick_add_subscription(auth, token, "https://other.example/feed")
    client.mark_all_as_read(auth, token, f"feed/{desk.source.id}")

    # The same state, as newsdesk's store and its own JSON API see it.
    read = {article_id(r) for r in refs[:2]} | desk.wire_ids
    assert desk.store.read_article_ids(user.id or 0) == read
    assert desk.store.saved_article_ids(user.id or 0) == [article_id(refs[1])]
    bearer = {"Authorization": f"Bearer {auth.AccessToken}"}
    state = httpx.get(f"{live}/api/articles/{article_id(refs[1])}/state", headers=bearer).json()
    assert state["read"] and state["saved"]
    unread_one = next(article_id(r) for r in refs[2:] if article_id(r) not in desk.wire_ids)
    state = httpx.get(f"{live}/api/articles/{unread_one}/state", headers=bearer).json()
    assert not state["read"] and not state["saved"]


def test_source_markup_reaches_a_client_as_text(desk: Desk, reader: Reader) -> None:
    """Last: it adds an article (a scraped page whose text carries script)."""
    answer = desk.client.post(
        "/api/ingest?format=text",
        content=INJECTION_PAGE.read_bytes(),
        headers={"Authorization": f"Bearer {API_TOKEN}", "content-type": "text/plain"},
    )
    assert answer.status_code == 201, answer.text
    (article,) = answer.json()["articles"]
    item = desk.client.post(
        f"{API}/stream/items/contents",
        data={"i": long_item_id(article["id"])},
        headers=reader.headers,
    ).json()["items"][0]
    html = item["content"]["content"]
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert item["alternate"][0]["href"].endswith(f"/articles/{article['id']}")  # no address


def test_a_source_s_opml_folder_is_its_category_in_the_client(store_url: str) -> None:
    store = open_store(store_url)
    store.add_source(Source(url="https://www.nknews.org/feed/", name="NK News", folder="Korea"))
    store.add_source(Source(url="https://wire.example/feed.xml", name="Wire"))
    user = accounts.create_user(store, "folders", PASSWORD)
    _, token = accounts.create_api_token(store, user, "phone")
    store.close()
    with TestClient(create_app(store_url, run_stages=False)) as client:
        me = {"Authorization": f"GoogleLogin auth={token}"}
        listed = client.get(f"{API}/subscription/list?output=json", headers=me).json()
        labels = {
            s["title"]: [c["label"] for c in s["categories"]] for s in listed["subscriptions"]
        }
        assert labels["NK News"] == ["Korea"] and labels["Wire"] == ["Sources"]
        tags = {
            t["id"] for t in client.get(f"{API}/tag/list?output=json", headers=me).json()["tags"]
        }
        assert "user/-/label/Korea" in tags
        for label in ("Korea", "Sources"):  # each folder's stream answers (no article yet)
            stream = client.get(
                f"{API}/stream/items/ids", params={"s": f"user/-/label/{label}"}, headers=me
            )
            assert stream.status_code == 200 and stream.json()["itemRefs"] == []
