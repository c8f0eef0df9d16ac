"""Comments in a real browser (Debian's Chromium through Playwright), against a live server:
readers sign in, post, reply and edit through the page's own forms, with script in every shape
a comment can carry. None of it runs and all of it shows as typed.

The browser here ignores the Content-Security-Policy (bypass_csp), so the page's escaping is
what is tested, not the header that would also have stopped an inline script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from newsdesk import pipeline
from newsdesk.model.accounts import Role, User
from newsdesk.model.comments import CommentStatus, TargetKind
from newsdesk.store import open_store
from tests.comments.conftest import PASSWORD, PASSWORD_HASH
from tests.search_support import ingest_beat
from tests.web.conftest import LiveSite, serve

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    '<a href="javascript:alert(3)">click me</a> and javascript:alert(4)',
    "<svg onload=alert(5)></svg> '; alert(6); //",
    "https://example.com/a?b=1&c=2",
]
TYPED = "\n".join(PAYLOADS)

# What the comments section holds that could run: script elements, inline handlers,
# javascript: addresses, and the elements the payloads would have made.
_INERT_CHECK = """() => {
  const section = document.querySelector('#comments');
  return {
    pwned: typeof window.__pwned,
    scripts: section.querySelectorAll('script').length,
    handlers: [...section.querySelectorAll('*')].flatMap(el => [...el.attributes]
        .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name)),
    jsLinks: [...section.querySelectorAll('[href],[src],[action],[formaction]')].filter(el =>
        ['href', 'src', 'action', 'formaction'].some(
            name => /^\\s*javascript:/i.test(el.getAttribute(name) || ''))).length,
    made: section.querySelectorAll('img, svg, iframe, object, embed').length,
  };
}"""
INERT = {"pwned": "undefined", "scripts": 0, "handlers": [], "jsLinks": 0, "made": 0}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    url = f"sqlite:///{tmp_path_factory.mktemp('comments') / 'store.db'}"
    store = open_store(url)
    ingest_beat(store)
    pipeline.run_stage(store, pipeline.STORIES)
    for name, role in [("ana", Role.READER), ("bo", Role.READER), ("ed", Role.EDITOR)]:
        store.add_user(User(name=name, role=role, password_hash=PASSWORD_HASH))
    yield from serve(url, store)


@pytest.fixture
def signed_in(browser, live: LiveSite):  # type: ignore[no-untyped-def]
    """A function giving a page signed in as the named reader, in a browser context of its
    own that ignores the CSP and records every dialog."""
    contexts = []
    dialogs: list[str] = []

    def open_as(name: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(live.url + "/signin")
        page.fill("#name", name)
        page.fill("#password", PASSWORD)
        page.click("form.signin button[type=submit]")
        page.wait_for_url(live.url + "/")
        return page

    open_as.dialogs = dialogs  # type: ignore[attr-defined]
    yield open_as
    for context in contexts:
        context.close()


def _comment_ids(live: LiveSite, article_id: str) -> list[int]:
    return [c.id for c in live.store.comments_on(TargetKind.ARTICLE, article_id)]  # type: ignore[misc]


def test_script_in_comments_never_runs_and_shows_as_typed(live: LiveSite, signed_in) -> None:  # type: ignore[no-untyped-def]
    article_id = live.ids["kim-putin-vostochny-summit"]
    ana = signed_in("ana")
    ana.goto(f"{live.url}/articles/{article_id}")
    ana.fill("#comment-new", TYPED)
    ana.click("form.comment-form button[type=submit]")
    ana.wait_for_url(re.compile(r"#comment-\d+$"))
    (comment_id,) = _comment_ids(live, article_id)
    assert live.store.get_comment(comment_id).text == TYPED  # stored as typed

    text = ana.locator(f"#comment-{comment_id} > .comment-text")
    assert text.inner_text() == TYPED  # shown as typed, line breaks and all
    assert ana.evaluate(_INERT_CHECK) == INERT
    links = text.locator("a")
    assert links.count() == 1  # only the http(s) address; javascript: stays text
    assert links.get_attribute("href") == "https://example.com/a?b=1&c=2"
    assert links.get_attribute("rel") == "nofollow ugc noopener"
    live.shot(ana, "comments-injection")

    # Another reader replies with more of the same; the edit form gets a payload too.
    bo = signed_in("bo")
    bo.goto(f"{live.url}/articles/{article_id}")
    bo.click(f"#comment-{comment_id} details.comment-reply summary")
    reply_text = "</textarea><script>alert(7)</script>\nNested & escaped"
    bo.fill(f"#reply-{comment_id}", reply_text)
    bo.click(f"#comment-{comment_id} details.comment-reply button[type=submit]")
    bo.wait_for_url(re.compile(r"#comment-\d+$"))
    reply_id = _comment_ids(live, article_id)[-1]
    nested = bo.locator(f"#comment-{comment_id} ol.comment-replies > #comment-{reply_id}")
    assert nested.locator(".comment-text").inner_text() == reply_text
    assert bo.evaluate(_INERT_CHECK) == INERT

    ana.goto(f"{live.url}/articles/{article_id}")
    ana.click(f"#comment-{comment_id} details.comment-edit summary")
    editor = ana.locator(f"#edit-{comment_id}")
    assert editor.input_value() == TYPED  # the edit form holds the text as typed
    edited = TYPED + "\n<iframe src=javascript:alert(8)></iframe>"
    editor.fill(edited)
    ana.click(f"#comment-{comment_id} details.comment-edit button[type=submit]")
    ana.wait_for_url(re.compile(r"#comment-\d+$"))
    assert ana.locator(f"#comment-{comment_id} > .comment-text").inner_text() == edited
    assert ana.evaluate(_INERT_CHECK) == INERT
    live.shot(ana, "comments-thread")

    assert signed_in.dialogs == []


def test_a_held_comment_is_marked_for_its_author_only(live: LiveSite, signed_in) -> None:  # type: ignore[no-untyped-def]
    article_id = live.ids["vostochny-space-cooperation-analysis"]
    ana = signed_in("ana")
    ana.goto(f"{live.url}/articles/{article_id}")
    ana.fill("#comment-new", "Shut up, moron. <b>Nobody</b> asked.")
    ana.click("form.comment-form button[type=submit]")
    ana.wait_for_url(re.compile(r"#comment-\d+$"))
    (held_id,) = _comment_ids(live, article_id)
    assert live.store.get_comment(held_id).status == CommentStatus.HELD
    mine = ana.locator(f"#comment-{held_id}")
    assert mine.locator(".comment-held").inner_text() == "awaiting review"
    assert mine.locator(".comment-text").inner_text() == "Shut up, moron. <b>Nobody</b> asked."

    bo = signed_in("bo")
    bo.goto(f"{live.url}/articles/{article_id}")
    assert bo.locator(f"#comment-{held_id}").count() == 0
    assert bo.locator("#comments .empty").inner_text() == "No comments yet."

    ed = signed_in("ed")
    ed.goto(f"{live.url}/moderation")
    queued = ed.locator(f"#queued-{held_id}")
    assert "offensive language" in queued.inner_text()
    live.shot(ed, "comments-moderation")
    queued.locator("input[name=reason]").fill("blunt but on topic")
    queued.locator("button[value=approve]").click()
    ed.wait_for_url(re.compile(r"/moderation\?done=approved"))
    bo.goto(f"{live.url}/articles/{article_id}")
    assert bo.locator(f"#comment-{held_id} .comment-text").inner_text() == (
        "Shut up, moron. <b>Nobody</b> asked."
    )
    assert bo.evaluate(_INERT_CHECK) == INERT
    assert signed_in.dialogs == []
