"""The readers issue's walkthrough, end to end, as a new user does it: the first admin made with
`newsdesk users add`; signing in in a real browser; following a source from the Sources page and
fetching it; following an entity and seeing what is new since last looked; commenting, with an
abusive comment held for review; and the same unread list in Miniflux's Google Reader client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.store import open_store
from tests.cli.conftest import run
from tests.http_server import LocalServer
from tests.live.publisher import TEASER_FEED, YNA
from tests.web.conftest import LiveSite, serve

PASSWORD = "a long admin passphrase"
NEW_ITEM = """<item><title>North Korea fires cruise missiles off its west coast</title>
<link>{base}/view/AEN20250509000100315</link><guid>{base}/view/AEN20250509000100315</guid>
<pubDate>Fri, 09 May 2025 07:10:00 +0900</pubDate>
<description><![CDATA[<p>North Korea fired several cruise missiles into the Yellow Sea on Friday,
South Korea's Joint Chiefs of Staff said, a day after a ballistic missile launch.</p>
<p>The missiles flew for about two hours, the JCS said. North Korea's state media did not
immediately report the launch.</p>]]></description></item>"""


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, LocalServer]]:
    monkeypatch.delenv("NEWSDESK_PUBLIC_READING")  # the default: reading needs an account
    with LocalServer() as publisher:
        monkeypatch.setenv("NEWSDESK_FETCH_ALLOW", publisher.host_port)
        monkeypatch.setenv("NEWSDESK_FETCH_DELAY", "0")
        yield f"sqlite:///{tmp_path / 'desk.db'}", publisher


def serve_feed(publisher: LocalServer, extra: str = "", etag: str = '"v1"') -> str:
    base = publisher.url("").rstrip("/")
    feed = TEASER_FEED.replace(YNA, base).replace(
        "</channel>", extra.format(base=base) + "</channel>"
    )
    publisher.add("/rss/nk.xml", feed, content_type="application/rss+xml", etag=etag)
    return publisher.url("/rss/nk.xml")


def test_a_new_desk_from_the_first_admin_to_a_phone_app(desk, page) -> None:  # type: ignore[no-untyped-def]
    url, publisher = desk
    made = run(
        ["--db", url, "users", "add", "ana", "--role", "admin", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert made.exit_code == 0 and "made admin ana" in made.stdout
    feed = serve_feed(publisher)
    store = open_store(url)
    site_serving = serve(url, store)
    site = next(site_serving)
    try:
        walk(site, page, url, publisher, feed)
    finally:
        site_serving.close()


def walk(site: LiveSite, page, url: str, publisher: LocalServer, feed: str) -> None:  # type: ignore[no-untyped-def]
    import google_reader  # installed by scripts/setup

    store = site.store
    page.goto(site.url + "/")  # private by default: to the sign-in page and back
    page.fill("#name", "ana")
    page.fill("#password", PASSWORD)
    page.click("form.signin button[type=submit]")
    page.wait_for_url(site.url + "/")

    # Follow the publisher's feed from the Sources page, then poll it as cron would.
    page.goto(site.url + "/sources")
    page.fill("#source-url", feed)
    page.get_by_role("button", name="Follow").click()
    page.wait_for_url("**/sources#source-1")
    fetched = run(["--db", url, "fetch"])
    assert "4 new articles" in fetched.stdout, fetched.stdout + fetched.stderr
    page.reload()
    assert page.locator("#source-1 td.state").inner_text().startswith("ok")

    # Follow North Korea; a new article about it arrives; the home page says so.
    page.goto(site.url + "/entities/country:north-korea")
    page.get_by_role("button", name="Follow North Korea").click()
    page.wait_for_url("**/entities/country:north-korea")
    serve_feed(publisher, NEW_ITEM, etag='"v2"')
    source = store.get_source(1)
    source.next_due_at = None
    store.save_source(source)
    assert "1 new articles" in run(["--db", url, "fetch"]).stdout
    page.goto(site.url + "/")
    new = page.locator("section.desk-new")
    assert new.locator("h3").inner_text() == "North Korea 1 new"
    new.get_by_role("link", name="North Korea fires cruise missiles off its west coast").click()
    page.wait_for_url("**/articles/*")
    opened = page.url.rsplit("/", 1)[1].split("#")[0]

    # Comment; an abusive one is held for review, seen by its author as waiting.
    page.fill("#comment-new", "The JCS said two hours of flight: worth checking.")
    page.get_by_role("button", name="Post comment").click()
    page.fill("#comment-new", "You are a fucking idiot if you believe the JCS.")
    page.get_by_role("button", name="Post comment").click()
    comments = page.locator("li.comment")
    assert comments.count() == 2
    assert page.locator("li.comment.held .comment-text").inner_text().startswith("You are a")
    page.goto(site.url + "/moderation")
    assert "You are a fucking idiot" in page.locator("main").inner_text()
    site.shot(page, "walkthrough-moderation")

    # The phone app: the same unread list (the opened article is read), through the client.
    client = google_reader.Client(site.url)
    auth = client.login("ana", "a long admin passphrase")
    unread = client.get_stream_items_ids(
        auth,
        "user/-/state/com.google/reading-list",
        limit=1000,
        exclude_target=google_reader.STREAM_READ,
    )
    unread_ids = {f"{int(r.id) & (2**64 - 1):016x}" for r in unread.item_refs}
    user = store.user_named("ana")
    assert user is not None
    everything = {a.id for a in store.iter_articles()}
    assert unread_ids == everything - store.read_article_ids(user.id or 0)
    assert opened not in unread_ids and len(unread_ids) == len(everything) - 1
