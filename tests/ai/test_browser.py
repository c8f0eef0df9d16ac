"""The AI blocks in a real browser (Debian's chromium): a key point's citation lands on its
paragraph, the story page shows the brief and the figures that disagree, the ask box answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.store import open_store
from tests.ai.conftest import Desk
from tests.web.conftest import LiveSite, page, serve

__all__ = ["page"]  # the page fixture, shared with tests/web (the browser is in tests/conftest.py)


@pytest.fixture(scope="module")
def ai_site(desk: Desk) -> Iterator[LiveSite]:
    yield from serve(desk.url, open_store(desk.url))


def test_a_key_point_s_citation_opens_its_paragraph(ai_site: LiveSite, page, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    article_id = desk.ids["kursk-troops-reuters"]
    page.goto(f"{ai_site.url}/articles/{article_id}")
    points = page.locator(".ai-key-points li.cited")
    assert points.count() >= 2
    first = points.nth(0)
    quoted = first.inner_text().rsplit("[", 1)[0].strip()
    first.locator("a.cite").click()
    anchor = page.url.split("#")[1]
    assert quoted in page.locator(f"#{anchor}").inner_text()
    assert page.locator(".ai-why").is_visible()
    ai_site.shot(page, "ai-article")


def test_the_story_page_shows_the_brief_and_the_figures_side_by_side(
    ai_site: LiveSite, page, desk: Desk
) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{ai_site.url}/stories/{desk.story_of('kursk-troops-yonhap')}")
    assert page.locator("#brief").is_visible()
    table = page.locator(".ai-perspectives table.figures").first
    text = table.inner_text()
    assert "Roughly 10,000" in text and "Some 12,000" in text and "About 11,000" in text
    ai_site.shot(page, "ai-story")


def test_the_ask_box_answers_with_a_citation(ai_site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{ai_site.url}/ask")
    page.fill("#ask-q", "How many containers did North Korea send to Russia?")
    page.click(".ask-form button")
    page.wait_for_url("**/ask?q=*")
    answer = page.locator("section.answer")
    assert "about 6,700" in answer.inner_text()
    answer.locator("a.cite").first.click()
    assert "#p" in page.url and "/articles/" in page.url
    page.goto(f"{ai_site.url}/ask?q=How+many+people+live+in+Pyongyang%3F")
    assert page.locator(".not-stated").is_visible()
    ai_site.shot(page, "ai-ask-not-stated")
