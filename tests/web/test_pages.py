"""Every reader page served by the app (FastAPI's TestClient, no browser) over a store the real
pipeline filled, on SQLite and PostgreSQL: status, the titles and names the inputs hold, the
not-found page for unknown ids, and Korean text kept as UTF-8 and escaped exactly once.

The store holds the two seeds, the 22 beat posts (one in Korean, from the Hankyoreh), Yonhap's
EUC-KR feed (tests/fixtures/feeds/rss2_euckr.xml) and one Korean report written here whose title
and text hold what HTML must escape: a film title in angle brackets, as the Korean press writes
them, and an ampersand in a company's name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from lxml import html

from newsdesk import pipeline
from newsdesk.app import create_app
from newsdesk.store import Store, open_store
from tests.conftest import FIXTURES, SAMPLES, WORDPRESS_SEED
from tests.search_support import BEAT_POSTS, fresh_database_url

WORDPRESS_TITLE = "South Korea faces limited options to respond to Russia-North Korea cooperation"
KIDA_TITLE = (
    "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank"
)
KURSK_TITLE = "North Korean soldiers engaged in combat in Russia's Kursk region, Seoul confirms"
KIM_SUMMIT = "Kim Jong Un and Vladimir Putin meet at Vostochny cosmodrome"
HANKYOREH_TITLE = "북한 정찰위성 발사 성공 주장…러시아 기술 지원 의혹"
YONHAP_TITLE = '북한, 동해상으로 탄도미사일 발사…합참 "추가 발사 대비"'
KOREAN_OUTLET = "예시일보"  # a made-up paper ("Example Daily") on a made-up host
PARASITE_TITLE = "봉준호 감독 <기생충>, 칸 영화제 황금종려상 수상"
PARASITE_PARAGRAPHS = [
    "봉준호 감독의 영화 <기생충>이 25일(현지시간) 프랑스 칸에서 열린 제72회 칸 국제영화제에서 "
    "최고상인 황금종려상을 받았다.",
    "한국 영화가 황금종려상을 받은 것은 이번이 처음이다. 제작사 바른손이앤에이(Barunson E&A)는 "
    '"배우와 제작진 모두의 상"이라고 밝혔다.',
]
PARASITE_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": KOREAN_OUTLET,
    "home_page_url": "https://news.example.kr/",
    "items": [
        {
            "id": "https://news.example.kr/2019/05/26/parasite-palme-dor",
            "url": "https://news.example.kr/2019/05/26/parasite-palme-dor",
            "title": PARASITE_TITLE,
            "content_text": "\n\n".join(PARASITE_PARAGRAPHS),
            "date_published": "2019-05-26T04:45:00+09:00",
        }
    ],
}


@dataclass
class Reader:
    client: TestClient
    store: Store

    def page(self, path: str, status: int = 200) -> html.HtmlElement:
        response = self.client.get(path, follow_redirects=False)
        assert response.status_code == status, (path, response.text[:500])
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        return html.fromstring(response.text)

    def get(self, path: str) -> Response:
        return self.client.get(path, follow_redirects=False)

    def article_id(self, title: str, source: str | None = None, url_part: str = "") -> str:
        [found] = [
            s.id
            for s in self.store.iter_articles()
            if s.article.title == title
            and source in (None, s.article.source)
            and url_part in (s.article.url or "")
        ]
        return found


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def reader(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Reader]:
    folder = tmp_path_factory.mktemp("pages")
    feed = folder / "parasite.json"
    feed.write_text(json.dumps(PARASITE_FEED, ensure_ascii=False), encoding="utf-8")
    inputs = [SAMPLES, BEAT_POSTS, FIXTURES / "feeds" / "rss2_euckr.xml", feed]
    with fresh_database_url(request.param, folder) as url:
        store = open_store(url)
        report = pipeline.ingest_paths(store, [str(p) for p in inputs], 50 * 1024 * 1024)
        assert not report.failed, [f.error for f in report.failed]
        pipeline.advance(store)  # every stage, as `newsdesk ingest` runs them
        with TestClient(create_app(url, run_stages=False)) as client:
            yield Reader(client, store)
        store.close()


def texts(doc: html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in doc.xpath(xpath)]


def css_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# home, articles ----------------------------------------------------------------------------


def test_home_lists_the_latest_stories_then_every_article(reader: Reader) -> None:
    doc = reader.page("/")

    assert texts(doc, "//h1") == ["Latest"]
    story_titles = texts(doc, f"//li[{css_class('story-card')}]/h3")
    assert len(story_titles) == 8
    # The newest event of all: the Korea Times on 20 June 2025.
    assert story_titles[0] == "US steel levies on household appliances weigh on Samsung and LG"
    # 5 seed articles, 22 beat posts, 2 Yonhap items and the Parasite report: one page of 30.
    cards = texts(doc, f"//section[{css_class('day')}]//li[{css_class('card')}]/h3")
    assert len(cards) == 30
    assert {WORDPRESS_TITLE, KIDA_TITLE, HANKYOREH_TITLE, YONHAP_TITLE, PARASITE_TITLE} <= set(
        cards
    )
    assert texts(doc, "//main/p[@class='meta'][last()]") == ["30 articles in this store."]
    assert not doc.xpath("//a[@rel='next']")


def test_an_article_page_has_its_text_byline_and_provenance(reader: Reader) -> None:
    # The seed, not the beat's shorter post under the same headline.
    article_id = reader.article_id(WORDPRESS_TITLE, url_part="/south-korea-faces-limited-options")
    doc = reader.page(f"/articles/{article_id}")

    assert texts(doc, "//article//h1") == [WORDPRESS_TITLE]
    assert texts(doc, "//article//p[@class='byline']/span[@class='source']") == ["Korea Pro"]
    # Published 2023-09-18T08:00:40 in Seoul (date_gmt 2023-09-17T23:00:40).
    assert texts(doc, "//article//p[@class='byline']/time") == ["18 Sep 2023, 08:00 (UTC+9)"]
    assert "cut off" in texts(doc, "//article//span[@class='badge']")  # the seed is truncated
    assert texts(doc, "//section[@class='named-section']/h2") == ["Why It Matters"]
    assert texts(doc, "//ul[@class='provenance']//span[@class='origin']") == [str(WORDPRESS_SEED)]
    assert doc.xpath("//p[@class='original']/a/@href") == [
        "https://koreapro.org/2023/09/south-korea-faces-limited-options-to-respond-to-russia-north-korea-cooperation/"
    ]
    entities = texts(doc, "//section[@class='article-entities']//a")
    assert {"Russia", "North Korea", "Kim Jong Un", "Vladimir Putin"} <= set(entities)

    short = reader.get(f"/articles/{article_id[:8]}")
    assert short.status_code == 301
    assert short.headers["location"] == f"/articles/{article_id}"


# stories, storylines -----------------------------------------------------------------------


def test_a_story_page_lists_its_articles_in_time_order(reader: Reader) -> None:
    # The KIDA report, told by the Korea Herald's page (a seed) and its WordPress post.
    page_copy = reader.article_id(KIDA_TITLE, source="Korea Herald")
    post = reader.article_id(KIDA_TITLE, source="The Korea Herald")
    story_id = reader.store.story_of(page_copy)
    assert story_id is not None and reader.store.story_of(post) == story_id

    doc = reader.page(f"/stories/{story_id}")

    assert texts(doc, "//h1") == [KIDA_TITLE]
    assert doc.xpath("//ol[@class='timeline']/li/a/@href") == [
        f"/articles/{page_copy}",  # 16 Apr 2025 (a day: midnight UTC)
        f"/articles/{post}",  # 16 Apr 2025, 11:00 in Seoul
    ]
    assert texts(doc, "//ol[@class='timeline']/li/time") == [
        "16 Apr 2025",
        "16 Apr 2025, 11:00 (UTC+9)",
    ]
    assert "28.7 trillion won" in texts(doc, "//table[@class='figures']//td[@class='figure-text']")
    assert {"Russia", "North Korea"} <= set(texts(doc, "//p[@class='entities']/a"))


def test_a_storyline_page_lists_its_stories_oldest_first(reader: Reader) -> None:
    kida_story = reader.store.get_story(
        reader.store.story_of(reader.article_id(KIDA_TITLE, source="Korea Herald"))
    )
    assert kida_story is not None
    line = reader.store.get_storyline(kida_story.storyline_id)
    assert line is not None

    doc = reader.page(f"/storylines/{line.id}")

    assert texts(doc, "//h1") == [line.title]
    titles = texts(doc, f"//ol[{css_class('storyline-timeline')}]/li/h3")
    assert len(titles) == len(line.story_ids) > 1
    # North Korean troops sent to Russia's war, and Seoul's answer: one thread.
    assert {KIDA_TITLE, KURSK_TITLE} <= set(titles)
    assert titles.index(KURSK_TITLE) < titles.index(KIDA_TITLE)  # Nov 2024, then Apr 2025
    days = doc.xpath(f"//ol[{css_class('storyline-timeline')}]//time/@datetime")
    assert days == sorted(days)


# entities ----------------------------------------------------------------------------------


def test_the_entities_page_counts_the_articles_naming_each(reader: Reader) -> None:
    doc = reader.page("/entities")

    rows = {
        cells[0]: cells[1:]
        for cells in (
            texts(row, "./td") for row in doc.xpath("//table[@class='entities-table']/tbody/tr")
        )
    }
    # Counted by hand over the English articles: Russia (or Moscow) in 14, North Korea (or
    # Pyongyang) in 22. Names written in other languages now link: both Korean reports (the
    # satellite and the launch) name 북한, the satellite one also 러시아.
    assert rows["Russia"][:2] == ["country", "15"]
    assert rows["North Korea"][:2] == ["country", "24"]
    assert doc.xpath("//a[text()='Kim Jong Un']/@href") == ["/entities/person:kim-jong-un"]

    people = reader.page("/entities?type=person")
    assert texts(people, "//h1") == ["Entities: person"]
    types = texts(people, "//table[@class='entities-table']/tbody/tr/td[2]")
    assert types and set(types) == {"person"}


def test_an_entity_page_has_its_names_roles_and_articles(reader: Reader) -> None:
    doc = reader.page("/entities/person:kim-jong-un")

    assert texts(doc, "//h1") == ["Kim Jong Un"]
    assert texts(doc, "//p[@class='roles']") == ["Leader of North Korea"]
    assert {"Kim Jong-un", "김정은"} <= set(texts(doc, "//span[@class='alias']"))
    recent = texts(doc, f"//ul[{css_class('recent')}]/li/a")
    assert KIM_SUMMIT in recent and WORDPRESS_TITLE in recent
    assert "Vladimir Putin" in texts(doc, "//ul[@class='co-mentioned']/li/a")

    for name in ("Kim Jong-un", "김정은"):  # a name or alias, Hangul too, leads to the entity
        moved = reader.get("/entities/" + quote(name))
        assert moved.status_code == 302, name
        assert moved.headers["location"] == "/entities/person:kim-jong-un"


# search, sources ---------------------------------------------------------------------------


def test_the_search_page_finds_words_in_english_and_korean(reader: Reader) -> None:
    form = reader.page("/search")
    assert form.xpath("//form[@class='search-form']") and not form.xpath("//ol")

    doc = reader.page("/search?q=Vostochny&mode=fulltext")
    titles = texts(doc, f"//ol[{css_class('results')}]/li/h3")
    assert KIM_SUMMIT in titles
    assert {m.lower() for m in texts(doc, "//ol//mark")} == {"vostochny"}

    for word, title in [("정찰위성", HANKYOREH_TITLE), ("기생충", PARASITE_TITLE)]:
        found = reader.page("/search?mode=fulltext&q=" + quote(word))
        assert texts(found, f"//ol[{css_class('results')}]/li/h3") == [title], word
        assert word in texts(found, "//ol//h3/a/mark")

    bad = reader.page("/search?q=korea&since=2025-13-01", status=400)
    assert texts(bad, "//p[@class='error']") == ["'since' must be a date like 2025-04-16"]


def test_the_sources_page_counts_each_publisher(reader: Reader) -> None:
    doc = reader.page("/publishers")

    counts = {
        cells[0]: cells[1]
        for cells in (texts(row, "./td") for row in doc.xpath("//table[@class='sources']/tbody/tr"))
    }
    # By hand from the inputs' addresses and the seeds' bylines.
    assert counts["NK News"] == "5"
    assert counts["Reuters"] == "3"
    assert counts["Korea Pro"] == "2"
    assert counts["Korea Herald"] == "4"
    assert counts["The Hankyoreh"] == "1"
    assert counts["연합뉴스 - 북한"] == "2"
    assert counts[KOREAN_OUTLET] == "1"
    link = f"/?source={quote(KOREAN_OUTLET)}"
    assert doc.xpath(f"//a[text()='{KOREAN_OUTLET}']/@href") == [link]

    home = reader.page(link)
    assert texts(home, "//h1") == [f"Latest from {KOREAN_OUTLET}"]
    assert texts(home, f"//li[{css_class('card')}]/h3") == [PARASITE_TITLE]


# not found ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/articles/ffffffffffffffff", "no article with id 'ffffffffffffffff'"),
        ("/stories/99999", "no story with id 99999"),
        ("/storylines/99999", "no storyline with id 99999"),
        ("/entities/person:nobody-at-all", "no entity with id or name 'person:nobody-at-all'"),
        ("/no-such-page", "no such page"),
    ],
)
def test_an_unknown_id_gets_the_not_found_page(reader: Reader, path: str, message: str) -> None:
    doc = reader.page(path, status=404)
    assert texts(doc, "//h1") == ["Not found"]
    assert texts(doc, "//p[@class='error']") == [message]
    assert doc.xpath("//a[text()='Back to the latest articles']/@href") == ["/"]


# Korean text -------------------------------------------------------------------------------


def test_korean_text_is_sent_as_utf8_and_escaped_once(reader: Reader) -> None:
    article_id = reader.article_id(PARASITE_TITLE)
    response = reader.get(f"/articles/{article_id}")
    assert response.status_code == 200
    raw = response.text

    # Hangul as UTF-8 characters, not character references; what HTML must escape, escaped.
    assert "<h1>봉준호 감독 &lt;기생충&gt;, 칸 영화제 황금종려상 수상</h1>" in raw
    assert "<title>봉준호 감독 &lt;기생충&gt;, 칸 영화제 황금종려상 수상 · newsdesk</title>" in raw
    assert "바른손이앤에이(Barunson E&amp;A)" in raw
    assert "<기생충>" not in raw and "&amp;lt;" not in raw and "&#4" not in raw
    doc = html.fromstring(raw)
    assert texts(doc, "//article//h1") == [PARASITE_TITLE]  # read back exactly as written
    assert texts(doc, "//article//div[@class='body']//p") == PARASITE_PARAGRAPHS
    assert texts(doc, "//article//p[@class='byline']/span[@class='source']") == [KOREAN_OUTLET]
    assert texts(doc, "//article//p[@class='byline']/time") == ["26 May 2019, 04:45 (UTC+9)"]

    # Yonhap's feed arrives in EUC-KR: its title and quotes come out as the same characters.
    doc = reader.page(f"/articles/{reader.article_id(YONHAP_TITLE)}")
    assert texts(doc, "//article//h1") == [YONHAP_TITLE]
    assert texts(doc, "//article//div[@class='body']//p")[0] == (
        "북한이 8일 오전 동해상으로 단거리 탄도미사일을 발사했다고 합동참모본부가 밝혔다."
    )
    doc = reader.page(f"/articles/{reader.article_id(HANKYOREH_TITLE)}")
    assert texts(doc, "//article//p[@class='byline']/span[@class='source']") == ["The Hankyoreh"]
    story = texts(doc, "//section[@class='article-story']//a")
    assert story == [HANKYOREH_TITLE]
