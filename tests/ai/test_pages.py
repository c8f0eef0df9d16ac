"""The AI features through every door: the reader's pages and blocks, the JSON API, the CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsdesk import accounts
from newsdesk.app import create_app
from newsdesk.cli import main
from newsdesk.model.accounts import Follow, FollowKind, Role
from tests.ai.conftest import Desk


@pytest.fixture(scope="module")
def client(desk: Desk) -> Iterator[TestClient]:
    with TestClient(create_app(desk.url, run_stages=False)) as made:
        yield made


def test_the_article_page_shows_key_points_linked_to_their_paragraphs(
    desk: Desk, client: TestClient
) -> None:
    article_id = desk.ids["kursk-troops-reuters"]
    html = client.get(f"/articles/{article_id}").text
    block = html[
        html.index('id="key-points"') : html.index("</section>", html.index('id="key-points"'))
    ]
    links = re.findall(rf'href="/articles/{article_id}#p(\d+)"', block)
    assert links and all(f'id="p{n}"' in html for n in links)
    assert "Why it matters" in html and "Figures that changed" in html
    assert "Roughly 10,000" in html


def test_the_seed_s_own_why_it_matters_is_shown_first(desk: Desk, client: TestClient) -> None:
    seed = desk.ids[
        "south-korea-faces-limited-options-to-respond-to-russia-north-korea-cooperation"
    ]
    html = client.get(f"/articles/{seed}").text
    why = html[html.index('id="why-it-matters"') :]
    assert why.index("the source's own words") < why.index("17.38 million metric tons")


def test_the_story_page_shows_the_brief_and_the_perspectives(
    desk: Desk, client: TestClient
) -> None:
    html = client.get(f"/stories/{desk.story_of('kursk-troops-tass')}").text
    for text in (
        "What the sources agree on",
        "Outlet by outlet",
        "Where the figures disagree",
        "Moscow state media",
        "Some 12,000",
        "New since the story&#39;s previous day",
    ):
        assert text in html


def test_a_signed_in_follower_sees_what_changed_since_they_looked(
    desk: Desk, client: TestClient
) -> None:
    from datetime import UTC, datetime

    story_id = desk.story_of("kursk-troops-tass")
    user = accounts.create_user(desk.store, "page-reader", "a long passphrase", Role.READER)
    looked = datetime(2024, 12, 17, 12, 0, tzinfo=UTC)
    desk.store.add_follow(
        Follow(user.id, FollowKind.STORY, str(story_id), "Kursk", last_looked_at=looked)
    )
    _, secret = accounts.create_api_token(desk.store, user, "test")
    headers = {"Authorization": f"Bearer {secret}"}
    data = client.get(f"/api/stories/{story_id}/brief", headers=headers).json()
    assert data["changed"]["reason"] == "since you last looked"
    assert {s["citation"]["source"] for s in data["changed"]["sentences"]} == {"NK News"}


def test_the_ask_page_answers_with_a_cited_sentence_or_says_not_stated(client: TestClient) -> None:
    html = client.get(
        "/ask", params={"q": "How many containers did North Korea send to Russia?"}
    ).text
    assert "about 6,700" in html and "[Reuters, 27 Feb 2024, ¶2]" in html
    html = client.get("/ask", params={"q": "How many people live in Pyongyang?"}).text
    assert "Not stated in the stored news" in html
    assert client.get("/ask").status_code == 200


def test_the_wrap_up_page_and_feed(client: TestClient) -> None:
    html = client.get("/wrapup", params={"date": "2024-12-16"}).text
    assert "Monday 16 December 2024" in html and "North Korean troops" in html
    response = client.get("/feeds/wrapup.xml")
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert b"urn:newsdesk:wrapup:2025-06-20" in response.content


def test_the_api_answers_every_feature(desk: Desk, client: TestClient) -> None:
    article_id = desk.ids["kursk-troops-reuters"]
    story_id = desk.story_of("kursk-troops-reuters")
    points = client.get(f"/api/articles/{article_id}/keypoints").json()
    assert points["method"] == "lexrank" and points["key_points"][0]["citation"]["href"].startswith(
        f"/articles/{article_id}#p"
    )
    why = client.get(f"/api/articles/{article_id}/why").json()
    assert why["figures_changed"][0]["now"]["text"] == "Roughly 10,000"
    perspectives = client.get(f"/api/stories/{story_id}/perspectives").json()
    assert perspectives["figures_disagree"][0]["measure"] == "troops"
    answer = client.get(
        "/api/ask", params={"q": "Who declined to comment on the reports of troops in Kursk?"}
    ).json()
    assert answer["stated"] and answer["answer"] == "Dmitry Peskov"
    assert answer["sentences"][0]["citation"]["source"] == "TASS"
    missing = client.get("/api/ask", params={"q": "How many people live in Pyongyang?"}).json()
    assert missing == missing | {
        "stated": False,
        "text": "not stated in the stored news",
        "sentences": [],
    }
    wrapup = client.get("/api/wrapup", params={"date": "2024-12-16"}).json()
    assert wrapup["stories"][0]["story_id"] == story_id
    assert client.get("/api/ask", params={"q": ""}).status_code == 400
    assert client.get("/api/stories/999999/brief").status_code == 404
    assert client.get("/api/wrapup", params={"date": "9999-12-31"}).status_code == 400
    assert client.get("/api/articles/0000000000000000/why").status_code == 404


def test_the_cli_commands(desk: Desk) -> None:
    runner = CliRunner()
    article_id = desk.ids["kursk-troops-reuters"]
    story_id = str(desk.story_of("kursk-troops-reuters"))
    result = runner.invoke(main, ["--db", desk.url, "keypoints", article_id])
    assert result.exit_code == 0 and f"/articles/{article_id}#p" in result.output
    result = runner.invoke(main, ["--db", desk.url, "brief", story_id, "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["sources"] == 5
    result = runner.invoke(main, ["--db", desk.url, "perspectives", story_id])
    assert "Figures disagree: troops" in result.output
    result = runner.invoke(main, ["--db", desk.url, "why", article_id])
    assert "troops: roughly 11,000 → Roughly 10,000" in result.output
    result = runner.invoke(
        main, ["--db", desk.url, "ask", "How far did the hypersonic missile fly?"]
    )
    assert result.exit_code == 0 and "about 1,100" in result.output
    result = runner.invoke(main, ["--db", desk.url, "ask", "How many people live in Pyongyang?"])
    assert result.exit_code == 1 and "Not stated in the stored news." in result.output
    result = runner.invoke(main, ["--db", desk.url, "wrapup", "--date", "2024-12-16"])
    assert (
        result.exit_code == 0 and "newsdesk wrap-up of the beat, 16 December 2024" in result.output
    )
