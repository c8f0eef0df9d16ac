"""The desk in the reader's pages, through its own forms (CSRF token and all) and a session:
following from an entity page, "new since you last looked" on the home page, read and unread,
saved, mutes on the home, search and story pages, highlights and their Markdown, the alert
count in the masthead; and the web app manifest."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from lxml import html

from newsdesk import desk
from newsdesk.app import create_app
from newsdesk.model.accounts import User
from newsdesk.settings import Settings
from tests.desk.conftest import PASSWORD, Beat, arrive, new_reader


class Reader:
    """A signed-in reader's browser, without the browser: pages, and their forms submitted."""

    def __init__(self, client: TestClient, user: User) -> None:
        self.client, self.user = client, user

    def page(self, path: str) -> html.HtmlElement:
        answer = self.client.get(path)
        assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
        return html.fromstring(answer.text)

    def submit(self, path: str, form_xpath: str, **fields: str) -> str:
        """Fill and send a form of the page at `path`; where it sent the reader."""
        (form,) = self.page(path).xpath(form_xpath)
        data = {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@type='hidden']")}
        answer = self.client.post(form.get("action"), data=data | fields)
        assert answer.status_code == 303, answer.text[:300]
        return answer.headers["location"]


@pytest.fixture
def reader(beat: Beat) -> Iterator[Reader]:
    user, _ = new_reader(beat.store)
    with TestClient(create_app(beat.url, run_stages=False), follow_redirects=False) as client:
        signin = html.fromstring(client.get("/signin").text)
        token = signin.xpath("string(//input[@name='csrftoken']/@value)")
        fields = {"csrftoken": token, "name": user.name, "password": PASSWORD, "next": "/"}
        assert client.post("/signin", data=fields).status_code == 303
        yield Reader(client, user)


def text(page: html.HtmlElement, xpath: str) -> str:
    return " ".join(page.xpath(f"string({xpath})").split())


def test_following_an_entity_shows_what_is_new_on_the_home_page(beat: Beat, reader: Reader) -> None:
    entity = "/entities/person:kim-jong-un"
    went = reader.submit(entity, "//form[@class='desk-follow']", alert="on")
    assert went == entity
    assert text(reader.page(entity), "//form[contains(@class, 'following')]").startswith(
        "You follow Kim Jong Un (with alerts)"
    )
    home = reader.page("/")
    assert text(home, "//p[contains(@class, 'desk-nothing-new')]").startswith("Nothing new")

    title = "Kim Jong Un opens a seaside hotel"
    article_id = arrive(beat.store, title, "Kim Jong Un cut the ribbon at Wonsan.")
    home = reader.page("/")
    assert text(home, "//section[@class='desk-new']/h2") == "New since you last looked"
    assert text(home, "//section[@class='follow-new']/h3") == "Kim Jong Un 1 new"
    assert home.xpath("//section[@class='follow-new']//a/@href")[1] == f"/articles/{article_id}"
    (follow,) = beat.store.follows_of(reader.user.id)  # type: ignore[arg-type]
    looked = reader.page(f"/desk/follows/{follow.id}")
    assert text(looked, "//span[@class='new-count']") == "1 new"
    assert looked.xpath("//li[contains(@class, 'new')]/@id") == [f"article-{article_id}"]
    assert reader.page("/").xpath("//section[@class='desk-new']") == []  # looked at: not new
    following = reader.page("/desk/following")
    assert text(following, f"//tr[@id='follow-{follow.id}']") == (
        "Kim Jong Un entity 0 on Turn off Unfollow"
    )
    reader.submit(
        "/desk/following", f"//tr[@id='follow-{follow.id}']//form[contains(@action, 'remove')]"
    )
    assert beat.store.follows_of(reader.user.id) == []  # type: ignore[arg-type]


def test_opening_an_article_marks_it_read_and_a_button_marks_it_unread(
    beat: Beat, reader: Reader
) -> None:
    article_id = beat.ids["tumen-road-bridge"]
    path = f"/articles/{article_id}"
    page = reader.page(path)
    (read_at, saved_at) = beat.store.article_states_of(reader.user.id, [article_id])[article_id]  # type: ignore[arg-type]
    assert read_at is not None and saved_at is None
    assert reader.submit(path, "//form[.//input[@name='read']]") == "/"
    assert beat.store.article_states_of(reader.user.id, [article_id])[article_id][0] is None  # type: ignore[arg-type]
    assert text(page, "//section[@class='desk-article']//form[1]//button") == "Save"
    assert reader.submit(path, "//form[.//input[@name='saved']]") == path
    assert text(reader.page(path), "//section[@class='desk-article']//form[1]//button") == "Unsave"
    saved = reader.page("/desk/saved")
    assert saved.xpath("//ul[contains(@class, 'saved')]/li/h3/a/@href") == [path]
    reader.submit("/desk/saved", "//ul[contains(@class, 'saved')]//form")
    assert beat.store.saved_article_ids(reader.user.id) == []  # type: ignore[arg-type]


def test_a_muted_publisher_leaves_the_home_search_and_story_pages(
    beat: Beat, reader: Reader
) -> None:
    summit = beat.ids["kim-putin-vostochny-summit"]  # NK News
    story = beat.store.story_of(summit)

    def nk_news_on(path: str, xpath: str) -> bool:
        return "NK News" in text(reader.page(path), xpath)

    assert nk_news_on("/?source=NK+News", "//section[contains(@class, 'day')]")
    assert nk_news_on("/search?q=Kim+Putin&mode=fulltext", "//ol[contains(@class, 'results')]")
    assert nk_news_on(f"/stories/{story}", "//ol[@class='timeline']")
    assert nk_news_on("/entities/person:kim-jong-un", "//ul[contains(@class, 'recent')]")
    assert reader.submit(f"/articles/{summit}", "//form[@class='desk-mute']") == "/"
    assert not nk_news_on("/?source=NK+News", "//section[contains(@class, 'day')]")
    assert not nk_news_on("/search?q=Kim+Putin&mode=fulltext", "//ol[contains(@class, 'results')]")
    assert not nk_news_on(f"/stories/{story}", "//ol[@class='timeline']")
    assert not nk_news_on("/entities/person:kim-jong-un", "//ul[contains(@class, 'recent')]")
    mutes = reader.page("/desk/mutes")
    assert text(mutes, "//table[contains(@class, 'mutes')]//tbody//td[1]") == "NK News"
    reader.submit("/desk/mutes", "//table[contains(@class, 'mutes')]//form")
    assert nk_news_on("/?source=NK+News", "//section[contains(@class, 'day')]")


def test_a_highlight_and_a_note_from_the_article_page_to_markdown(
    beat: Beat, reader: Reader
) -> None:
    article_id = beat.ids["kim-putin-vostochny-summit"]
    path = f"/articles/{article_id}"
    second = beat.store.get_article(article_id).article.paragraphs[1]
    quote = " ".join(second.split()[1:5])
    went = reader.submit(
        path, "//form[@class='highlight-form']", paragraph="2", quote=quote, note="Ask <b>who</b>"
    )
    assert went == f"{path}#p2"
    page = reader.page(path)
    assert page.xpath("//p[@id='p2']/@class") == ["highlighted"]
    assert page.xpath("string(//p[@id='p2']/mark)") == quote
    assert text(page, "//section[@class='desk-highlights']//p[@class='note']") == "Ask <b>who</b>"
    listed = reader.page("/desk/highlights")
    assert listed.xpath("//li[starts-with(@id, 'highlight-')]//a/@href") == [f"{path}#p2"]
    export = reader.client.get("/desk/highlights.md")
    assert export.headers["content-type"] == "text/markdown; charset=utf-8"
    assert "attachment" in export.headers["content-disposition"]
    assert f"> {quote}\n>\n> — [paragraph 2](http://testserver{path}#p2)\n\nAsk <b>who</b>\n" in (
        export.text
    )
    wrong = reader.client.post(
        "/desk/highlights",
        data={
            "csrftoken": page.xpath(
                "string(//form[@class='highlight-form']//input[@name='csrftoken']/@value)"
            ),
            "article_id": article_id,
            "paragraph": "2",
            "quote": "words nobody wrote",
        },
    )
    assert wrong.status_code == 400 and "not in paragraph 2" in wrong.text


def test_the_masthead_counts_unseen_alerts_until_the_alerts_page_is_seen(
    beat: Beat, reader: Reader
) -> None:
    reader.submit("/entities/person:kim-jong-un", "//form[@class='desk-follow']", alert="on")
    arrive(beat.store, "Kim Jong Un at a stadium", "Kim Jong Un watched the match.")
    desk.send_due(beat.store, Settings())
    assert text(reader.page("/"), "//a[@class='alerts']") == "Alerts 1"
    alerts = reader.page("/desk/alerts")
    assert text(alerts, "//ul[contains(@class, 'alerts')]/li/h3") == "Kim Jong Un at a stadium new"
    assert text(reader.page("/"), "//a[@class='alerts']") == "Alerts"
    reader.submit(
        "/desk/alerts", "//form[@class='mail-form']", address="ana@desk.example", digest="on"
    )
    settings = beat.store.mail_settings_of(reader.user.id)  # type: ignore[arg-type]
    assert settings is not None
    assert (settings.address, settings.alerts, settings.digest) == ("ana@desk.example", False, True)


def test_a_form_without_its_csrf_token_is_refused(beat: Beat, reader: Reader) -> None:
    answer = reader.client.post("/desk/follow", data={"kind": "entity", "target": "Russia"})
    assert answer.status_code == 403
    assert beat.store.follows_of(reader.user.id) == []  # type: ignore[arg-type]


def test_the_web_app_manifest_installs_the_reader(beat: Beat, reader: Reader) -> None:
    home = reader.client.get("/")
    assert "manifest-src 'self'" in home.headers["content-security-policy"]
    (link,) = html.fromstring(home.text).xpath("//link[@rel='manifest']/@href")
    answer = reader.client.get(link)
    assert answer.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(answer.text)
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    css = reader.client.get("/static/style.css").text
    assert manifest["theme_color"] in css and manifest["background_color"] in css
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        image = reader.client.get(icon["src"])
        assert image.status_code == 200 and image.headers["content-type"] == icon["type"]
        if icon["type"] == "image/png":
            width = int.from_bytes(image.content[16:20], "big")
            assert f"{width}x{width}" == icon["sizes"]


def test_a_search_and_a_story_are_followed_from_their_pages(beat: Beat, reader: Reader) -> None:
    search = "/search?q=satellite&source=38+North"
    assert reader.submit(search, "//form[@class='desk-follow']") == search
    assert text(reader.page(search), "//form[contains(@class, 'following')]//p").startswith(
        "You follow “satellite”"
    )
    story_id = beat.store.story_of(beat.ids["kim-putin-vostochny-summit"])
    story = f"/stories/{story_id}"
    forms = reader.page(story).xpath("//form[@class='desk-follow']")
    assert [f.xpath("string(.//button)") for f in forms][0] == "Follow this story"
    reader.submit(story, "(//form[@class='desk-follow'])[1]")
    follows = beat.store.follows_of(reader.user.id)  # type: ignore[arg-type]
    assert [(f.kind.value, f.target, f.label) for f in follows] == [
        ("search", "q=satellite&source=38+North", "satellite"),
        ("story", str(story_id), beat.store.get_story(story_id).title),  # type: ignore[union-attr]
    ]
