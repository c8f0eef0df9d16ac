"""Stories, storylines, entities and figures in a real browser, on a store the real stages filled
(see tests/test_api_stories.py): home -> story -> entity -> article, links followed, screenshots,
and text from the inputs shown as text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from newsdesk.store import open_store
from tests.test_api_stories import KIM, build_story_store
from tests.web.conftest import LiveSite, serve

_NO_SCRIPT_CHECK = """() => ({
  pwned: typeof window.__pwned,
  scripts: document.scripts.length,
  handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
      .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name)),
  jsLinks: [...document.querySelectorAll('[href],[src],[action]')].filter(el =>
      ['href', 'src', 'action'].some(
          name => /^\\s*javascript:/i.test(el.getAttribute(name) || ''))).length,
  frames: document.querySelectorAll('iframe, object, embed, img, svg:not(.mentions-chart)').length,
})"""


@pytest.fixture(scope="session")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    url = build_story_store(tmp_path_factory.mktemp("story-web"))
    store = open_store(url)
    yield from serve(url, store)


def test_home_lists_the_latest_stories_and_a_story_page_its_timeline(
    story_site: LiveSite, page
) -> None:  # type: ignore[no-untyped-def]
    page.goto(story_site.url + "/")
    cards = page.locator(".latest-stories .story-card")
    assert cards.count() == 8
    first = cards.first
    assert first.locator("h3 a").inner_text() == (
        "US steel levies on household appliances weigh on Samsung and LG"
    )
    assert first.locator(".span").inner_text() == "20 Jun 2025"
    assert first.locator(".count").inner_text() == "1 article"
    assert first.locator(".story-sources").inner_text() == "The Korea Times"
    assert "Samsung" in first.locator(".entities a").all_inner_texts()
    # The article list is still there below the stories.
    assert page.locator("h2.latest-articles").inner_text() == "Latest articles"
    assert page.locator("section.day .card").count() > 10
    story_site.shot(page, "home-stories")

    # A story of one launch told by two outlets, in English and in Korean. (The undated Daily8
    # teaser about US steel tariffs no longer joins a dated story on its words alone, and
    # JoongAng's "shares slide after the launch" is a markets story of its own.)
    title = "N. Korea fires ballistic missile into East Sea: JCS"
    page.locator(".story-card h3 a", has_text=title).click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    assert page.locator("h1").inner_text() == title
    assert page.locator("ul.story-sources li").all_inner_texts() == [
        "연합뉴스 - 북한",
        "Yonhap News Agency - North Korea",
    ]
    assert page.locator(".timeline li").count() == 2
    times = page.locator(".timeline time").evaluate_all("els => els.map(e => e.dateTime)")
    assert times == sorted(times)
    (story,) = [s for s in story_site.store.list_stories(100) if s.title == title]
    line = story_site.store.get_storyline(story.storyline_id)
    assert page.locator(".storyline-link a").count() == (1 if len(line.story_ids) > 1 else 0)
    story_site.shot(page, "story")

    page.locator(".entities a", has_text="North Korea").first.click()
    page.wait_for_url("**/entities/country:north-korea")
    assert page.locator("h1").inner_text() == "North Korea"


def test_a_storyline_page_lists_its_stories_oldest_first(story_site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    (line,) = story_site.store.list_storylines(1)
    page.goto(f"{story_site.url}/storylines/{line.id}")
    assert page.locator("h1").inner_text() == line.title
    titles = page.locator(".storyline-timeline .story-card h3 a").all_inner_texts()
    assert len(titles) == len(line.story_ids)
    story_site.shot(page, "storyline")
    page.locator(".storyline-timeline .story-card h3 a").first.click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    assert page.locator(".storyline-link a").inner_text() == line.title


def test_the_kim_jong_un_page_has_names_roles_a_chart_and_co_mentions(
    story_site: LiveSite, page
) -> None:  # type: ignore[no-untyped-def]
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(story_site.url + "/entities?type=person")
    assert page.locator("h1").inner_text() == "Entities: person"
    page.get_by_role("link", name="Kim Jong Un", exact=True).click()
    page.wait_for_url(f"**/entities/{KIM}")
    assert page.locator("h1").inner_text() == "Kim Jong Un"
    assert page.locator(".roles").inner_text() == "Leader of North Korea"
    aliases = page.locator(".aliases .alias").all_inner_texts()
    assert "Kim Jong Un" in aliases and "Kim Jong-un" in aliases
    # Mentions over time: one bar a month from Sep 2023 to Apr 2025, drawn without script.
    bars = page.locator("svg.mentions-chart rect")
    assert bars.count() == 20
    heights = [float(bars.nth(i).get_attribute("height")) for i in range(bars.count())]
    assert heights[0] > 0 and heights[-1] > 0 and 0.0 in heights
    assert "Sep 2023" in page.locator("svg.mentions-chart").text_content()
    assert page.locator("svg.mentions-chart rect").first.bounding_box()["height"] > 10
    assert "Vladimir Putin" in page.locator(".co-mentioned a").all_inner_texts()
    story_site.shot(page, "entity-kim")
    page.emulate_media(color_scheme="dark")
    story_site.shot(page, "entity-kim-dark")
    assert not [m for m in console if "Content Security Policy" in m]

    page.get_by_role(
        "link", name="Kim Jong Un and Vladimir Putin meet at Vostochny cosmodrome"
    ).click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{16}$"))
    entities = page.locator(".article-entities a").all_inner_texts()
    assert "Kim Jong Un" in entities and "Vladimir Putin" in entities
    story_link = page.locator(".article-story a")
    assert story_link.count() == 1
    story_link.click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    assert "Kim Jong Un and Vladimir Putin meet at Vostochny cosmodrome" in (
        page.locator(".timeline").inner_text()
    )


_RESULT_IDS = (
    "[...document.querySelectorAll('.results .card h3 a')].map(a => a.pathname.split('/').pop())"
)


def test_search_within_an_entity_and_within_a_story(story_site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    store = story_site.store
    kim_articles = {article_id for article_id, _ in store.entity_articles(KIM, 1_000)}
    page.goto(f"{story_site.url}/entities/{KIM}")
    page.fill(".search-within input[name=q]", "korea")
    page.click(".search-within button")
    page.wait_for_url(re.compile(r"/search\?entity=person%3Akim-jong-un&q=korea$"))
    within = page.evaluate(_RESULT_IDS)
    assert within and set(within) <= kim_articles
    assert page.locator("input[name=entity]").input_value() == "Kim Jong Un"  # the id, named
    story_site.shot(page, "search-within-entity")
    page.fill("input[name=entity]", "")  # the same words without the filter find more
    page.click(".search-form button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?q=korea"))
    assert set(page.evaluate(_RESULT_IDS)) - kim_articles

    (story,) = [s for s in store.list_stories(100) if s.title.startswith("N. Korea fires ball")]
    page.goto(f"{story_site.url}/stories/{story.id}")
    page.fill(".search-within input[name=q]", "missile")
    page.click(".search-within button")
    page.wait_for_url(f"**/search?story={story.id}&q=missile")
    within = page.evaluate(_RESULT_IDS)
    assert within and set(within) <= set(story.article_ids)
    assert page.locator(".within a").first.inner_text() == story.title
    page.locator(".within a", has_text="search every story").click()
    page.wait_for_url(re.compile(r"/search\?q=missile"))
    assert set(page.evaluate(_RESULT_IDS)) - set(story.article_ids)

    bad_filters = [
        ("entity=Nobody+At+All", "no entity called"),
        ("story=x1", "no story"),
        ("story=99999999999999999999", "no story"),  # beyond any database integer
    ]
    for bad, message in bad_filters:
        response = page.goto(f"{story_site.url}/search?q=korea&{bad}")
        assert response.status == 400 and message in page.locator(".error").inner_text()


def test_figures_show_value_unit_what_and_sentence(story_site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    store = story_site.store
    row = next(
        r for r in store.find_figures(about="revenue") if r.figure.text == "28.7 trillion won"
    )
    page.goto(f"{story_site.url}/stories/{store.story_of(row.article_id)}")
    figure = page.locator("table.figures:not(.ai-figures) tr", has_text="28.7 trillion won").first
    assert figure.locator(".figure-unit").inner_text() == "KRW"
    assert figure.locator(".figure-item").inner_text() == "revenue"
    assert "28.7 trillion won" in figure.locator(".figure-sentence").inner_text()
    story_site.shot(page, "story-figures")

    page.goto(f"{story_site.url}/articles/{row.article_id}")
    item = page.locator(".figure-list li", has_text="28.7 trillion won").first
    assert item.locator(".figure-text").inner_text() == "28.7 trillion won"
    assert item.locator(".figure-unit").inner_text() == "KRW"
    story_site.shot(page, "article-figures")


def test_an_article_page_names_the_original_and_the_outlets_that_copied_it(
    story_site: LiveSite, page
) -> None:  # type: ignore[no-untyped-def]
    store = story_site.store
    original = next(
        s for s in store.iter_articles() if store.copies(s.id)[1] and store.copies(s.id)[0] == s.id
    )
    _, copies = store.copies(original.id)
    page.goto(f"{story_site.url}/articles/{original.id}")
    section = page.locator(".article-copies")
    assert "Original: this article" in section.inner_text()
    assert section.locator(".copies li").count() == len(copies)
    story_site.shot(page, "article-copies")
    section.locator(".copies a").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{16}$"))
    assert page.locator(".article-copies p a").get_attribute("href") == f"/articles/{original.id}"


def test_bad_addresses_get_the_error_page(story_site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    for path, status in [
        ("/stories/999999", 404),
        ("/stories/99999999999999999999999", 400),  # beyond any id: refused
        ("/storylines/99999999999999999999999", 400),
        ("/stories/abc", 400),
        ("/storylines/999999", 404),
        ("/entities/person:nobody-at-all", 404),
        ("/entities?type=planet", 400),
    ]:
        response = page.goto(story_site.url + path)
        assert response.status == status, path
        assert page.locator("p.error").count() == 1
    response = page.goto(story_site.url + "/entities/Kim%20Jong-un")
    assert response.status == 200 and page.url.endswith(f"/entities/{KIM}")


def test_script_in_inputs_stays_text_on_story_and_entity_pages(story_site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    store = story_site.store
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    stories = {store.story_of(i) for i in story_site.injected} - {None}
    paths = [f"/stories/{i}" for i in stories] + [f"/articles/{i}" for i in story_site.injected]
    paths += ["/", "/entities"]
    for entity, _ in store.article_entities(story_site.injected[0])[:3]:
        paths.append(f"/entities/{entity.id}")
    for path in paths:
        response = page.goto(story_site.url + path)
        assert response.status == 200, path
        found = page.evaluate(_NO_SCRIPT_CHECK)
        assert found == {
            "pwned": "undefined",
            "scripts": 0,
            "handlers": [],
            "jsLinks": 0,
            "frames": 0,
        }, path
    assert dialogs == []
    page.goto(f"{story_site.url}/stories/{min(stories)}")
    assert (
        "<script>" in page.locator("main").inner_text()
        or "<img" in page.locator("main").inner_text()
    )
