"""Comments in the reader (TestClient, the real forms with their CSRF tokens, signed in with
a session): the thread on the article and story pages, posting, replying, editing, deleting
and reporting through the forms, text shown as typed and never as markup, the page that says
why a comment was refused (with the text kept), and the editors' moderation page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from lxml import html

from newsdesk import comments
from newsdesk.app import create_app
from newsdesk.model.comments import CommentStatus, TargetKind
from newsdesk.web.comments import comment_html
from tests.comments.conftest import PASSWORD, Desk

PAYLOAD = (
    "Line one <script>alert(1)</script>\n"
    '"><img src=x onerror=alert(1)>\n'
    "https://example.com/a?b=1&c=2 and javascript:alert(1)"
)


class Reader:
    """A browser-like client signed in through the sign-in form."""

    def __init__(self, client: TestClient, name: str) -> None:
        self.client = client
        token = self.token("/signin")
        signed = client.post(
            "/signin", data={"csrftoken": token, "name": name, "password": PASSWORD}
        )
        assert signed.status_code == 303

    def token(self, path: str) -> str:
        page = html.fromstring(self.client.get(path).text)
        return page.xpath("string(//input[@name='csrftoken']/@value)")

    def page(self, path: str) -> html.HtmlElement:
        response = self.client.get(path)
        assert response.status_code == 200, response.text[:300]
        return html.fromstring(response.text)

    def submit(self, on: str, action: str, **fields: object):  # type: ignore[no-untyped-def]
        """Send a form of page `on` (its CSRF token included) to `action`."""
        return self.client.post(action, data={"csrftoken": self.token(on), **fields})


@pytest.fixture
def app(desk: Desk) -> Iterator[object]:
    yield create_app(desk.url, run_stages=False)


def reader(app: object, name: str) -> Reader:
    return Reader(TestClient(app, follow_redirects=False), name)  # type: ignore[arg-type]


def thread_of(doc: html.HtmlElement) -> list[tuple[int, str]]:
    """(nesting depth, text) of each comment shown, in page order."""
    found = []
    for li in doc.xpath("//li[starts-with(@id, 'comment-')]"):
        depth = len(li.xpath("ancestor::ol[contains(@class, 'comment-replies')]"))
        text = li.xpath("string(./p[contains(@class, 'comment-text')])") or li.xpath(
            "string(./p[contains(@class, 'comment-gone')])"
        )
        found.append((depth, text))
    return found


def test_a_reader_comments_replies_and_sees_it_as_typed(app: object, desk: Desk) -> None:
    ana, bo = reader(app, "ana"), reader(app, "bo")
    article = f"/articles/{desk.article}"
    sent = ana.submit(
        article,
        "/comments",
        kind="article",
        target=desk.article,
        text=PAYLOAD.replace("\n", "\r\n"),  # as a browser sends a textarea
    )
    assert sent.status_code == 303
    (stored,) = desk.store.comments_on(TargetKind.ARTICLE, desk.article)
    assert sent.headers["location"] == f"{article}#comment-{stored.id}"
    assert stored.text == PAYLOAD  # line breaks as typed, everything else untouched

    reply = bo.submit(
        article,
        "/comments",
        kind="article",
        target=desk.article,
        parent=stored.id,
        text="Agreed about the date.",
    )
    assert reply.status_code == 303
    doc = bo.page(article)
    assert thread_of(doc) == [(0, PAYLOAD), (1, "Agreed about the date.")]
    text = doc.xpath(f"//li[@id='comment-{stored.id}']/p[contains(@class,'comment-text')]")[0]
    assert text.xpath(".//script") == [] and text.xpath(".//img") == []
    assert len(text.xpath("./br")) == 2
    (link,) = text.xpath(".//a")
    assert link.get("href") == "https://example.com/a?b=1&c=2"
    assert link.get("rel") == "nofollow ugc noopener"
    assert "javascript:alert(1)" in text.text_content()  # shown as text, never a link
    raw = bo.client.get(article).text
    assert "<script>alert(1)</script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_the_story_page_has_its_own_thread(app: object, desk: Desk) -> None:
    ana = reader(app, "ana")
    story = f"/stories/{desk.story}"
    sent = ana.submit(story, "/comments", kind="story", target=desk.story, text="Good summary.")
    assert sent.status_code == 303 and sent.headers["location"].startswith(story + "#comment-")
    assert thread_of(ana.page(story)) == [(0, "Good summary.")]
    assert thread_of(ana.page(f"/articles/{desk.article}")) == []


def test_anonymous_visitors_read_and_are_asked_to_sign_in(app: object, desk: Desk) -> None:
    comments.post(desk.store, desk.users["ana"], TargetKind.ARTICLE, desk.article, "Seen by all.")
    client = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    doc = html.fromstring(client.get(f"/articles/{desk.article}").text)
    assert thread_of(doc) == [(0, "Seen by all.")]
    assert doc.xpath("//section[@id='comments']//form") == []
    assert doc.xpath("string(//section[@id='comments']//a[text()='Sign in']/@href)") == (
        f"/signin?next=/articles/{desk.article}%23comments"
    )
    cookieless = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    form = {"kind": "article", "target": desk.article, "text": "hi"}
    assert cookieless.post("/comments", data=form).status_code == 401
    assert client.post("/comments", data=form).status_code == 403  # no CSRF token either


def test_editing_deleting_and_reporting_through_the_forms(app: object, desk: Desk) -> None:
    ana, bo = reader(app, "ana"), reader(app, "bo")
    article = f"/articles/{desk.article}"
    first = comments.post(desk.store, desk.users["ana"], TargetKind.ARTICLE, desk.article, "Frist")
    comments.post(
        desk.store, desk.users["bo"], TargetKind.ARTICLE, desk.article, "Typo there.", first.id
    )
    doc = ana.page(article)
    assert doc.xpath(f"string(//textarea[@id='edit-{first.id}'])").strip() == "Frist"
    assert (
        doc.xpath(
            f"//details[contains(@class,'comment-report')]//form[@action='/comments/{first.id}/report']"
        )
        == []
    )
    edited = ana.submit(article, f"/comments/{first.id}/edit", text="First")
    assert edited.status_code == 303
    assert "edited" in ana.page(article).xpath(f"string(//li[@id='comment-{first.id}']/p[1])")
    # Someone else's comment: no edit form, and the form's address refuses them.
    assert bo.page(article).xpath(f"//form[@action='/comments/{first.id}/edit']") == []
    assert bo.submit(article, f"/comments/{first.id}/edit", text="hijack").status_code == 403

    reported = bo.submit(article, f"/comments/{first.id}/report", reason="off topic")
    assert reported.status_code == 303
    doc = bo.page(article)
    assert "you reported this" in doc.xpath(f"string(//li[@id='comment-{first.id}'])")
    assert desk.store.open_reports([first.id])[first.id][0].reason == "off topic"

    assert ana.submit(article, f"/comments/{first.id}/delete").status_code == 303
    assert thread_of(bo.page(article)) == [(0, "deleted"), (1, "Typo there.")]


def test_a_held_comment_is_marked_for_its_author_and_hidden_from_others(
    app: object, desk: Desk
) -> None:
    ana, bo = reader(app, "ana"), reader(app, "bo")
    article = f"/articles/{desk.article}"
    ana.submit(article, "/comments", kind="article", target=desk.article, text="You idiot.")
    (held,) = desk.store.comments_on(TargetKind.ARTICLE, desk.article)
    assert held.status == CommentStatus.HELD
    mine = ana.page(article).xpath(f"//li[@id='comment-{held.id}']")[0]
    assert "awaiting review" in mine.text_content()
    assert mine.xpath(".//*[contains(@class,'comment-reasons')]") == []  # reasons: editors only
    assert thread_of(bo.page(article)) == []


def test_a_refused_comment_says_why_and_keeps_the_text(app: object, desk: Desk) -> None:
    ana = reader(app, "ana")
    article = f"/articles/{desk.article}"
    typed = "y" * 5001
    refused = ana.submit(article, "/comments", kind="article", target=desk.article, text=typed)
    assert refused.status_code == 400
    doc = html.fromstring(refused.text)
    assert "at most 5,000 characters (this one has 5,001)" in doc.xpath(
        "string(//p[@class='error'])"
    )
    assert doc.xpath("string(//textarea[@id='comment-retry'])").strip() == typed
    assert doc.xpath("string(//a[text()='Back']/@href)") == article


def test_editors_decide_from_the_moderation_page(app: object, desk: Desk) -> None:
    held = comments.post(
        desk.store, desk.users["ana"], TargetKind.ARTICLE, desk.article, "Shut up, moron."
    )
    reported = comments.post(
        desk.store, desk.users["bo"], TargetKind.ARTICLE, desk.article, "The date is wrong."
    )
    comments.report(desk.store, desk.users["cy"], reported.id, "it is not wrong")
    bo, ed = reader(app, "bo"), reader(app, "ed")
    assert bo.client.get("/moderation").status_code == 403
    doc = ed.page("/moderation")
    queued = doc.xpath("//li[contains(@class,'queued')]")
    assert [li.get("id") for li in queued] == [f"queued-{held.id}", f"queued-{reported.id}"]
    assert "offensive language" in queued[0].text_content()
    assert "Reported by cy" in queued[1].text_content()
    assert "it is not wrong" in queued[1].text_content()
    # Editors see held comments in the thread too, with why they were held.
    article = ed.page(f"/articles/{desk.article}")
    assert "Held because: offensive language" in article.xpath(
        f"string(//li[@id='comment-{held.id}'])"
    )

    rejected = ed.submit(
        "/moderation", f"/moderation/{held.id}", decision="reject", reason="insult"
    )
    assert rejected.status_code == 303 and rejected.headers["location"].startswith(
        "/moderation?done=rejected"
    )
    approved = ed.submit(
        "/moderation", f"/moderation/{reported.id}", decision="approve", reason="date checked"
    )
    assert approved.status_code == 303
    doc = ed.page("/moderation?done=approved")
    assert doc.xpath("//li[contains(@class,'queued')]") == []
    rows = [
        [" ".join(td.text_content().split()) for td in tr.xpath("./td")[1:]]
        for tr in doc.xpath("//table[@class='decisions']/tbody/tr")
    ]
    assert rows == [
        ["ed", f"#{reported.id}", "approved", "date checked"],
        ["ed", f"#{held.id}", "rejected", "insult"],
    ]
    assert thread_of(bo.page(f"/articles/{desk.article}")) == [(0, "The date is wrong.")]


def test_addresses_become_links_and_everything_else_stays_text() -> None:
    rendered = str(
        comment_html(
            "See https://en.wikipedia.org/wiki/Rason_(city). Or (www.38north.org/x),\r\n"
            "not javascript:alert(1) nor data:text/html,<b>x</b> nor ftp://files.example/"
        )
    )
    assert rendered == (
        'See <a href="https://en.wikipedia.org/wiki/Rason_(city)" rel="nofollow ugc noopener">'
        "https://en.wikipedia.org/wiki/Rason_(city)</a>. Or "
        '(<a href="https://www.38north.org/x" rel="nofollow ugc noopener">www.38north.org/x</a>),'
        "<br>\nnot javascript:alert(1) nor data:text/html,&lt;b&gt;x&lt;/b&gt; nor "
        "ftp://files.example/"
    )
