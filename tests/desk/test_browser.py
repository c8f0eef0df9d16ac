"""The desk in a real browser (Debian's Chromium through Playwright) against a live server:
a reader signs in, follows an entity with alerts, sees what arrived "new since you last
looked", saves an article, mutes a publisher and sees it leave the home page and the search
results, highlights words with a note and exports them as Markdown; the alert reaches a real
SMTP server (aiosmtpd) naming the right article."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from newsdesk import desk, pipeline
from newsdesk.settings import Settings
from newsdesk.store import open_store
from tests.desk.conftest import PASSWORD, Mailbox, arrive, new_reader
from tests.search_support import ingest_beat
from tests.web.conftest import LiveSite, serve


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    url = f"sqlite:///{tmp_path_factory.mktemp('desk-browser') / 'store.db'}"
    store = open_store(url)
    ingest_beat(store)
    pipeline.advance(store)
    yield from serve(url, store)


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


def test_a_readers_desk_from_following_to_a_mailed_alert(  # type: ignore[no-untyped-def]
    live: LiveSite, page, mailbox: Mailbox, tmp_path
) -> None:
    store = live.store
    user, _ = new_reader(store)
    page.goto(live.url + "/desk/following")  # a desk page sends one to sign in, and back
    page.fill("#name", user.name)
    page.fill("#password", PASSWORD)
    page.click("form.signin button[type=submit]")
    page.wait_for_url(live.url + "/desk/following")
    assert "You follow nothing yet" in page.locator("main").inner_text()

    # Follow an entity from its page, with alerts, and give an address for them.
    page.goto(live.url + "/entities/person:kim-jong-un")
    page.check("form.desk-follow input[name=alert]")
    page.get_by_role("button", name="Follow Kim Jong Un").click()
    page.wait_for_url("**/entities/person:kim-jong-un")
    assert page.locator("form.following").inner_text().startswith("You follow Kim Jong Un")
    page.get_by_role("link", name="Alerts").click()
    page.fill("#mail-address", "ana@desk.example")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/desk/alerts?saved=1")

    # New articles arrive; the home page says what is new since the reader last looked.
    wire = arrive(
        store, "Kim Jong Un opens a vinalon mill", "Kim Jong Un toured the mill's new looms."
    )
    muted = arrive(
        store, "Kim Jong Un inspects a rice farm", "Kim Jong Un walked the paddies.", "Rumour Mill"
    )
    page.goto(live.url + "/")
    new = page.locator("section.desk-new")
    assert new.locator("h3").inner_text() == "Kim Jong Un 2 new"
    assert new.locator("li a").all_inner_texts() == [
        "Kim Jong Un inspects a rice farm",
        "Kim Jong Un opens a vinalon mill",
    ]
    live.shot(page, "desk-home-new")

    # Save one; open the other and mute its publisher: it leaves the home page and search.
    new.get_by_role("link", name="Kim Jong Un opens a vinalon mill").click()
    page.wait_for_url(f"**/articles/{wire}")
    page.locator("section.desk-article").get_by_role("button", name="Save").click()
    assert page.locator("section.desk-article").get_by_role("button", name="Unsave").count() == 1
    page.goto(f"{live.url}/articles/{muted}")
    page.get_by_role("button", name="Mute Rumour Mill").click()
    page.wait_for_url(live.url + "/")
    assert page.locator("section.desk-new li a").all_inner_texts() == [
        "Kim Jong Un opens a vinalon mill"
    ]
    assert "Rumour Mill" not in " ".join(page.locator("section.day").all_inner_texts())
    page.fill("#quick-q", "Kim Jong Un rice farm")
    page.press("#quick-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert "Kim Jong Un inspects a rice farm" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Saved").click()
    assert page.locator("ul.saved h3 a").all_inner_texts() == ["Kim Jong Un opens a vinalon mill"]

    # Highlight words of a paragraph with a note, then export every highlight as Markdown.
    page.goto(f"{live.url}/articles/{wire}")
    page.select_option("#hl-paragraph", "1")
    page.fill("#hl-quote", "toured the mill's")
    page.fill("#hl-note", "Which mill? Check the 2019 visit.")
    page.get_by_role("button", name="Highlight").click()
    page.wait_for_url(f"**/articles/{wire}#p1")
    assert page.locator("#p1 mark").inner_text() == "toured the mill's"
    assert page.locator("section.desk-highlights .note").inner_text() == (
        "Which mill? Check the 2019 visit."
    )
    live.shot(page, "desk-article-highlight")
    page.goto(live.url + "/desk/highlights")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export as Markdown").click()
    saved_to = tmp_path / "highlights.md"
    download.value.save_as(saved_to)
    markdown = saved_to.read_text()
    assert f"## [Kim Jong Un opens a vinalon mill]({live.url}/articles/{wire})" in markdown
    assert f"> toured the mill's\n>\n> — [paragraph 1]({live.url}/articles/{wire}#p1)" in markdown
    assert "Which mill? Check the 2019 visit." in markdown

    # The alert: in the masthead, and mailed once, naming the article not muted.
    settings = Settings()
    settings.smtp, settings.public_url = mailbox.address, live.url
    desk.send_due(store, settings)
    page.goto(live.url + "/")
    assert page.locator("a.alerts").inner_text() == "Alerts 1"
    (letter,) = mailbox.messages
    assert letter["To"] == "ana@desk.example"
    assert letter["Subject"] == "newsdesk: Kim Jong Un opens a vinalon mill"
    text = letter.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert f"{live.url}/articles/{wire}" in text and muted not in text
    page.get_by_role("link", name="Alerts 1").click()
    assert page.locator("ul.alerts h3 a").all_inner_texts() == ["Kim Jong Un opens a vinalon mill"]
    assert page.locator("a.alerts").inner_text() == "Alerts"
