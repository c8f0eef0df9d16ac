"""The reader in a real browser: every page type, links followed, search, dark mode, a phone
screen, and script injected through ingested titles, bodies, authors and addresses never running."""

from __future__ import annotations

import re

from tests.web.conftest import LiveSite


def _luminance(css_color: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_home_lists_the_latest_articles_by_day_and_links_to_them(site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(site.url + "/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Latest"
    days = page.locator("section.day > h2").all_inner_texts()
    # Undated teasers come under the day newsdesk saw them, and say so; then the newest day.
    assert days[0].startswith("Date unknown, first seen")
    dated = page.locator("section.day:not(.undated-day) > h2").all_inner_texts()
    assert dated[0] == "Friday 20 June 2025" and len(dated) >= 10
    first_card = page.locator("section.day:not(.undated-day)").first.locator(".card h3 a").first
    assert (
        first_card.inner_text() == "US steel levies on household appliances weigh on Samsung and LG"
    )
    site.shot(page, "home")
    first_card.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{16}$"))
    assert page.locator("article h1").inner_text() == (
        "US steel levies on household appliances weigh on Samsung and LG"
    )


def test_an_article_page_has_its_sections_source_link_provenance_and_related(
    site: LiveSite, page
) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site.url}/articles/{site.ids['kim-putin-vostochny-summit']}")
    assert page.locator("article h1").inner_text() == (
        "Kim Jong Un and Vladimir Putin meet at Vostochny cosmodrome"
    )
    assert page.locator(".byline .source").first.inner_text() == "NK News"
    assert page.locator(".byline time").first.inner_text() == "13 Sep 2023, 15:30 (UTC+9)"
    assert page.locator(".named-section h2").all_inner_texts() == ["Why It Matters"]
    original = page.locator(".original a")
    assert original.get_attribute("href") == (
        "https://www.nknews.org/2023/09/kim-putin-vostochny-summit/"
    )
    assert set(original.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert "beat_posts.json" in page.locator(".provenance").inner_text()
    related = page.locator(".related-articles .related a").all_inner_texts()
    assert "What Pyongyang can learn from Moscow's rocket builders" in related[:3]
    assert "South Korea's semiconductor shipments hit a record as AI demand grows" not in related
    site.shot(page, "article")
    page.get_by_role("link", name="What Pyongyang can learn from Moscow's rocket builders").click()
    page.wait_for_url(f"**/articles/{site.ids['vostochny-space-cooperation-analysis']}")
    assert "rocket builders" in page.locator("article h1").inner_text()


def test_an_aggregator_page_links_its_listed_articles_both_ways(site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    (daily8,) = [
        s
        for s in site.store.iter_articles()
        if s.article.extra.get("layout") == "daily8" and s.article.relation.value == "main"
    ]
    page.goto(site.url + "/")
    page.locator(f"a[href='/articles/{daily8.id}']").click()
    assert page.locator("article h1").inner_text().startswith("Seoul should bolster")
    listed = page.locator("section:has(h2:text('Listed on its page')) a")
    assert listed.count() == 3
    listed.first.click()
    assert page.locator(".found-on a").inner_text().startswith("Seoul should bolster")
    assert page.locator(".badge", has_text="listed on another page").count() == 1


def test_search_from_the_header_finds_by_meaning_and_highlights_words(site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site.url + "/publishers")
    page.fill("#quick-q", "Russian help for the North's satellite programme")
    page.press("#quick-q", "Enter")
    page.wait_for_url("**/search?q=*")
    titles = page.locator(".results .card h3").all_inner_texts()
    assert any("Vostochny" in t for t in titles[:3])
    assert any("spy satellite" in t for t in titles[:3])
    site.shot(page, "search-meaning")

    page.select_option("select[name=mode]", "fulltext")
    page.fill("#q", "satellite")
    page.click("button[type=submit]")
    page.wait_for_url("**mode=fulltext**")
    marks = page.locator(".results mark").all_inner_texts()
    assert marks and all(m.casefold().startswith("satellite") for m in marks)
    site.shot(page, "search-words")
    page.locator(".results .card h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{16}$"))
    assert "satellite" in page.locator("article h1").inner_text().casefold()


def test_search_filters_and_pages(site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site.url + "/search?q=korea&mode=fulltext")
    page.select_option("select[name=source]", "NK News")
    page.click("button[type=submit]")
    page.wait_for_url("**source=NK+News**")
    sources = page.locator(".results .byline .source").all_inner_texts()
    assert sources and set(sources) == {"NK News"}

    page.goto(site.url + "/search?q=korea&mode=fulltext")
    links = "[...document.querySelectorAll('.results .card h3 a')].map(a => a.getAttribute('href'))"
    first_page = page.evaluate(links)
    assert len(first_page) == 15
    page.click("a[rel=next]")
    page.wait_for_url("**page=2**")
    second_page = page.evaluate(links)  # (two publishers' copies may share a title, not an id)
    assert second_page and not set(second_page) & set(first_page)

    page.goto(site.url + "/search?q=korea&mode=fulltext")
    page.select_option("select[name=order]", "newest")
    page.click("button[type=submit]")
    page.wait_for_url("**order=newest**")
    times = page.locator(".results .byline time").evaluate_all("els => els.map(e => e.dateTime)")
    assert len(times) > 5 and times == sorted(times, reverse=True)
    assert page.locator("select[name=order]").input_value() == "newest"

    page.goto(site.url + "/search?q=korea&since=2025-13-01")
    assert page.locator(".error").inner_text() == "'since' must be a date like 2025-04-16"


def test_the_sources_page_leads_to_a_publisher_s_articles(site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site.url + "/publishers")
    row = page.locator("tr", has_text="NK News")
    assert row.locator(".num").inner_text() == "6"  # five beat posts and one injection test
    row.locator("a").click()
    assert page.locator("h1").inner_text() == "Latest from NK News"
    assert set(page.locator(".card .byline .source").all_inner_texts()) == {"NK News"}


def test_dark_mode_follows_the_system_setting(site: LiveSite, browser) -> None:  # type: ignore[no-untyped-def]
    backgrounds = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{site.url}/articles/{site.ids['troops-kursk-deployment']}")
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        site.shot(page, f"article-{scheme}")
        context.close()
    assert _luminance(backgrounds["light"]) > 0.9
    assert _luminance(backgrounds["dark"]) < 0.15


def test_pages_fit_a_phone_screen(site: LiveSite, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    for name, path in [
        ("phone-home", "/"),
        ("phone-article", f"/articles/{site.ids['kim-putin-vostochny-summit']}"),
        ("phone-search", "/search?q=satellite"),
        ("phone-publishers", "/publishers"),
    ]:
        page.goto(site.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('main *')]"
            ".map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= 390, f"{path}: something reaches {widest}px on a 390px screen"
        font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert font >= 16
        site.shot(page, name, full_page=False)  # what a phone shows first
    context.close()


def test_a_missing_page_says_so(site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(site.url + "/articles/ffffffffffffffff")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Not found"
    page.click("text=Back to the latest articles")
    assert page.locator("h1").inner_text() == "Latest"


# Script injection --------------------------------------------------------------------------

_NO_SCRIPT_CHECK = """() => ({
  pwned: typeof window.__pwned,
  scripts: document.scripts.length,
  handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
      .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name)),
  jsLinks: [...document.querySelectorAll('[href],[src],[action],[formaction]')].filter(el =>
      ['href', 'src', 'action', 'formaction'].some(
          name => /^\\s*javascript:/i.test(el.getAttribute(name) || ''))).length,
  frames: document.querySelectorAll('iframe, object, embed, svg, img').length,
})"""


def test_script_in_ingested_titles_bodies_and_addresses_never_runs(site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: console.append(message.text))
    assert len(site.injected) == 3
    paths = [f"/articles/{article_id}" for article_id in site.injected]
    paths += ["/", "/publishers", "/search?q=pyongyang&mode=fulltext", "/search?q=Tumen+bridge"]
    paths += ["/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&mode=fulltext"]
    for path in paths:
        response = page.goto(site.url + path)
        assert response.status in (200, 400), path
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp  # no script source at all
        found = page.evaluate(_NO_SCRIPT_CHECK)
        assert found == {
            "pwned": "undefined",
            "scripts": 0,
            "handlers": [],
            "jsLinks": 0,
            "frames": 0,
        }, path
    assert dialogs == []
    assert not [
        m for m in console if "Content Security Policy" in m
    ]  # escaping held; CSP had nothing to stop

    # The markup is shown to the reader as the text it is.
    page.goto(f"{site.url}/articles/{site.injected[0]}")
    text = page.locator("main").inner_text()
    assert "<script>" in text or "<svg onload=" in text
    site.shot(page, "injection-article")


def test_an_article_whose_address_is_script_gets_no_link(site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    (article_id,) = [
        i
        for i in site.injected
        if (site.store.get_article(i).article.url or "").startswith("javascript:")
    ]
    page.goto(f"{site.url}/articles/{article_id}")
    assert page.locator(".original a").count() == 0
    assert "not a web link" in page.locator(".original").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
