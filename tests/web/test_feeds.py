"""Feeds out (/feeds/...) over a store the real pipeline filled, on SQLite and PostgreSQL: every
feed parses with feedparser without complaint, and its entries are the stored articles, field by
field (id, title, link, dates, authors, source, summary), newest first; an undated article is
never given a date; unknown ids are 404 and a search feed without words is 400.

The store holds the two seeds (text pages from the Korea Herald: no address, one without any
date), the 22 beat posts, the two injection posts (one whose address is a javascript: URL) and a
small wire feed written here: one undated analysis with a byline, one dated follow-up with two
authors and a later modification.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import feedparser
import pytest
from fastapi.testclient import TestClient
from lxml import etree, html

from newsdesk import pipeline, search
from newsdesk.app import create_app
from newsdesk.model import StoredArticle
from newsdesk.store import Store, open_store
from tests.conftest import SAMPLES
from tests.search_support import BEAT_POSTS, INJECTION_POSTS, fresh_database_url

BASE = "http://testserver"
ATOM = "{http://www.w3.org/2005/Atom}"
UNDATED_TITLE = "What Kim Jong Un took home from Vostochny"
FOLLOW_UP_TITLE = "Russian engineers to visit Pyongyang after Vostochny talks"
SUMMIT_TITLE = "Kim Jong Un and Vladimir Putin meet at Vostochny cosmodrome"
KIDA_TITLE = (
    "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank"
)
STEEL_TITLE = "US steel tariffs on home appliances spark concerns for Samsung, LG"
WIRE_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Example Wire",
    "home_page_url": "https://wire.example.org/",
    "items": [
        {
            "id": "https://wire.example.org/analysis/vostochny-takeaways",
            "url": "https://wire.example.org/analysis/vostochny-takeaways",
            "title": UNDATED_TITLE,
            "content_text": (
                "Kim Jong Un left the Vostochny cosmodrome with promises of Russian help on "
                "satellites, analysts said.\n\nVladimir Putin did not say what Moscow would get "
                "in return.\n\nA third paragraph that no summary needs."
            ),
            "authors": [{"name": "Jane Roe"}],
            "tags": ["analysis"],
        },
        {
            "id": "https://wire.example.org/2023/09/engineers-visit",
            "url": "https://wire.example.org/2023/09/engineers-visit",
            "title": FOLLOW_UP_TITLE,
            "content_text": (
                "A delegation of Russian rocket engineers will travel to Pyongyang next month, "
                "a day after Kim Jong Un's talks at Vostochny, officials said.\n\nThe visit "
                "was agreed at the cosmodrome."
            ),
            "authors": [{"name": "Min-ji Park"}, {"name": "Ivan Petrov"}],
            "date_published": "2023-09-14T09:00:00+09:00",
            "date_modified": "2023-09-15T18:30:00+09:00",
        },
    ],
}


@dataclass
class Desk:
    client: TestClient
    store: Store

    def atom(self, path: str) -> feedparser.FeedParserDict:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
        return parsed

    def json(self, path: str) -> dict[str, Any]:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert response.headers["content-type"] == "application/feed+json; charset=utf-8"
        data = json.loads(response.content)
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        return data

    def titled(self, title: str) -> list[StoredArticle]:
        return [s for s in self.store.iter_articles() if s.article.title == title]

    def one(self, title: str) -> StoredArticle:
        [found] = self.titled(title)
        return found


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def desk(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Desk]:
    folder = tmp_path_factory.mktemp("feeds")
    wire = folder / "wire.json"
    wire.write_text(json.dumps(WIRE_FEED), encoding="utf-8")
    inputs = [SAMPLES, BEAT_POSTS, INJECTION_POSTS, wire]
    with fresh_database_url(request.param, folder) as url:
        store = open_store(url)
        report = pipeline.ingest_paths(store, [str(p) for p in inputs], 50 * 1024 * 1024)
        assert not report.failed, [f.error for f in report.failed]
        pipeline.advance(store)  # every stage: entities and stories
        with TestClient(create_app(url, run_stages=False)) as client:
            yield Desk(client, store)
        store.close()


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def sort_time(stored: StoredArticle) -> datetime:
    stamp = stored.article.published or stored.article.updated
    return stamp.utc if stamp else stored.first_seen_at


def newest_first(articles: list[StoredArticle]) -> list[StoredArticle]:
    return sorted(articles, key=lambda s: (-sort_time(s).timestamp(), s.id))


def assert_atom_entry(entry: feedparser.FeedParserDict, stored: StoredArticle) -> None:
    """One Atom entry is the stored article, field by field; an undated one gets no date."""
    a = stored.article
    assert entry.id == f"urn:newsdesk:article:{stored.id}"
    assert entry.title == a.title
    assert entry.link == (a.url or f"{BASE}/articles/{stored.id}")
    if a.published:
        assert moment(entry.published) == a.published.utc
    else:
        assert "published" not in entry
    # Atom requires <updated>: the article's own time, else when newsdesk first stored it.
    expected = a.updated or a.published
    assert moment(entry.updated) == (expected.utc if expected else stored.first_seen_at)
    assert [author.name for author in entry.authors] == (a.authors or [a.source])
    assert entry.source.title == a.source
    assert_summary(entry.summary, stored)


def assert_summary(summary: str, stored: StoredArticle) -> None:
    """The excerpt, else the first two paragraphs; a long one cut at a word after 600 chars."""
    text = stored.article.excerpt or "\n\n".join(stored.article.paragraphs[:2])
    if summary != text:
        assert summary.endswith("…") and len(summary) > 600
        assert text.startswith(summary.removesuffix("…"))


def assert_json_item(item: dict[str, Any], stored: StoredArticle) -> None:
    a = stored.article
    assert item["id"] == f"urn:newsdesk:article:{stored.id}"
    assert item["url"] == (a.url or f"{BASE}/articles/{stored.id}")
    assert item["title"] == a.title
    assert item["content_text"] == a.body_text
    assert_summary(item["summary"], stored)
    if a.published:
        assert moment(item["date_published"]) == a.published.utc
    else:
        assert "date_published" not in item
    if a.updated:
        assert moment(item["date_modified"]) == a.updated.utc
    else:
        assert "date_modified" not in item
    assert item.get("authors", []) == [{"name": name} for name in a.authors]
    assert item["_newsdesk"]["source"] == a.source
    assert item["_newsdesk"]["reader_url"] == f"{BASE}/articles/{stored.id}"


# search ------------------------------------------------------------------------------------


def test_a_search_feed_in_atom_lists_the_matching_articles_newest_first(desk: Desk) -> None:
    feed = desk.atom("/feeds/search.xml?q=Vostochny")

    assert feed.feed.title == "newsdesk: search “Vostochny”"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {
        "self": f"{BASE}/feeds/search.xml?q=Vostochny",
        "alternate": f"{BASE}/search?q=Vostochny&mode=fulltext&order=newest",
    }
    # The undated analysis first (newsdesk saw it today), then the follow-up of 14 Sep 2023
    # and the summit of 13 Sep 2023.
    assert [e.title for e in feed.entries] == [UNDATED_TITLE, FOLLOW_UP_TITLE, SUMMIT_TITLE]
    for entry, title in zip(
        feed.entries, [UNDATED_TITLE, FOLLOW_UP_TITLE, SUMMIT_TITLE], strict=True
    ):
        assert_atom_entry(entry, desk.one(title))


def test_the_atom_entries_carry_the_articles_own_dates_and_bylines(desk: Desk) -> None:
    entries = {e.title: e for e in desk.atom("/feeds/search.xml?q=Vostochny").entries}

    follow_up = entries[FOLLOW_UP_TITLE]
    assert follow_up.published == "2023-09-14T09:00:00+09:00"  # in the zone it was published in
    assert follow_up.updated == "2023-09-15T18:30:00+09:00"
    assert [a.name for a in follow_up.authors] == ["Min-ji Park", "Ivan Petrov"]
    assert entries[SUMMIT_TITLE].published == "2023-09-13T15:30:00+09:00"
    assert (
        entries[SUMMIT_TITLE].link == "https://www.nknews.org/2023/09/kim-putin-vostochny-summit/"
    )
    undated = entries[UNDATED_TITLE]
    assert "published" not in undated
    assert moment(undated.updated) == desk.one(UNDATED_TITLE).first_seen_at
    assert [a.name for a in undated.authors] == ["Jane Roe"]
    assert undated.summary == (
        "Kim Jong Un left the Vostochny cosmodrome with promises of Russian help on satellites, "
        "analysts said.\n\nVladimir Putin did not say what Moscow would get in return."
    )
    assert [t.term for t in undated.tags] == ["analysis"]


def test_a_search_feed_in_json_feed_1_1(desk: Desk) -> None:
    feed = desk.json("/feeds/search.json?q=Vostochny")

    assert feed["title"] == "newsdesk: search “Vostochny”"
    assert feed["feed_url"] == f"{BASE}/feeds/search.json?q=Vostochny"
    assert feed["home_page_url"] == f"{BASE}/search?q=Vostochny&mode=fulltext&order=newest"
    titles = [item["title"] for item in feed["items"]]
    assert titles == [UNDATED_TITLE, FOLLOW_UP_TITLE, SUMMIT_TITLE]
    for item, title in zip(feed["items"], titles, strict=True):
        assert_json_item(item, desk.one(title))
    follow_up = feed["items"][1]
    assert follow_up["date_published"] == "2023-09-14T09:00:00+09:00"
    assert follow_up["date_modified"] == "2023-09-15T18:30:00+09:00"
    assert follow_up["authors"] == [{"name": "Min-ji Park"}, {"name": "Ivan Petrov"}]
    assert follow_up["summary"] == WIRE_FEED["items"][1]["content_text"]  # two paragraphs


def test_a_search_feed_keeps_the_search_filters(desk: Desk) -> None:
    feed = desk.json("/feeds/search.json?q=Vostochny&source=NK+News")

    assert [item["title"] for item in feed["items"]] == [SUMMIT_TITLE]


def test_a_search_feed_may_ask_for_more_than_a_search_page_holds(desk: Desk) -> None:
    # Search pages hold at most 100 hits; a feed of up to 200 asks for them page by page.
    words = search.search(desk.store, "Korea", "fulltext", order="newest", limit=100)
    assert len(words.hits) >= 20 and not words.has_more

    feed = desk.json("/feeds/search.json?q=Korea&limit=200")

    ids = [item["id"] for item in feed["items"]]
    assert ids == [
        f"urn:newsdesk:article:{s.id}" for s in newest_first([h.article for h in words.hits])
    ]


def test_an_article_whose_address_is_javascript_links_to_newsdesk_instead(desk: Desk) -> None:
    [hostile] = [s for s in desk.store.iter_articles() if "javascript: URL" in s.article.title]
    reader = f"{BASE}/articles/{hostile.id}"

    atom = desk.atom("/feeds/search.xml?q=javascript+address")
    feed = desk.json("/feeds/search.json?q=javascript+address")

    assert [e.link for e in atom.entries if e.id.endswith(hostile.id)] == [reader]
    assert [i["url"] for i in feed["items"] if i["id"].endswith(hostile.id)] == [reader]


# entities ----------------------------------------------------------------------------------


def test_an_entity_feed_lists_the_articles_that_name_it(desk: Desk) -> None:
    ids = [i for i, _ in desk.store.entity_articles("person:kim-jong-un", 200)]
    expected = newest_first(list(desk.store.get_articles(ids).values()))
    assert {UNDATED_TITLE, FOLLOW_UP_TITLE, SUMMIT_TITLE} <= {s.article.title for s in expected}

    atom = desk.atom("/feeds/entities/person:kim-jong-un.xml")
    feed = desk.json("/feeds/entities/person:kim-jong-un.json")

    assert atom.feed.title == feed["title"] == "newsdesk: Kim Jong Un"
    assert {link.rel: link.href for link in atom.feed.links}["alternate"] == (
        f"{BASE}/entities/person:kim-jong-un"
    )
    assert feed["home_page_url"] == f"{BASE}/entities/person:kim-jong-un"
    assert [e.id for e in atom.entries] == [f"urn:newsdesk:article:{s.id}" for s in expected]
    for entry, item, stored in zip(atom.entries, feed["items"], expected, strict=True):
        assert_atom_entry(entry, stored)
        assert_json_item(item, stored)


def test_an_entity_feed_takes_at_most_limit_items(desk: Desk) -> None:
    ids = [i for i, _ in desk.store.entity_articles("country:north-korea", 200)]
    assert len(ids) > 5
    newest = newest_first(list(desk.store.get_articles(ids).values()))[:3]

    feed = desk.json("/feeds/entities/country:north-korea.json?limit=3")

    assert [item["id"] for item in feed["items"]] == [
        f"urn:newsdesk:article:{s.id}" for s in newest
    ]
    assert len(desk.json("/feeds/entities/country:north-korea.json")["items"]) == len(ids)
    assert desk.client.get("/feeds/entities/country:north-korea.json?limit=201").status_code == 400
    assert desk.client.get("/feeds/entities/country:north-korea.json?limit=0").status_code == 400


# stories -----------------------------------------------------------------------------------


def test_a_story_feed_lists_its_articles_newest_first(desk: Desk) -> None:
    page_copy = next(s for s in desk.titled(KIDA_TITLE) if s.article.source == "Korea Herald")
    post = next(s for s in desk.titled(KIDA_TITLE) if s.article.source == "The Korea Herald")
    story_id = desk.store.story_of(page_copy.id)
    assert story_id is not None and desk.store.story_of(post.id) == story_id

    atom = desk.atom(f"/feeds/stories/{story_id}.xml")
    feed = desk.json(f"/feeds/stories/{story_id}.json")

    assert atom.feed.title == feed["title"] == f"newsdesk: {KIDA_TITLE}"
    assert feed["home_page_url"] == f"{BASE}/stories/{story_id}"
    # The post (11:00 in Seoul, 02:00 UTC) after the page (a bare day: midnight UTC).
    assert [e.id for e in atom.entries] == [
        f"urn:newsdesk:article:{post.id}",
        f"urn:newsdesk:article:{page_copy.id}",
    ]
    assert atom.entries[0].published == "2025-04-16T11:00:00+09:00"
    assert atom.entries[1].published == "2025-04-16T00:00:00+00:00"
    assert atom.entries[1].link == f"{BASE}/articles/{page_copy.id}"  # the page had no address
    for entry, item, stored in zip(atom.entries, feed["items"], [post, page_copy], strict=True):
        assert_atom_entry(entry, stored)
        assert_json_item(item, stored)


def test_an_undated_article_is_never_given_a_date(desk: Desk) -> None:
    stored = desk.one(STEEL_TITLE)  # a seed text page with no date at all
    assert stored.article.published is None and stored.article.updated is None
    story_id = desk.store.story_of(stored.id)

    raw = desk.client.get(f"/feeds/stories/{story_id}.xml").content
    feed = desk.json(f"/feeds/stories/{story_id}.json")

    [entry] = etree.fromstring(raw).findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}published") is None
    assert moment(entry.findtext(f"{ATOM}updated") or "") == stored.first_seen_at
    [item] = feed["items"]
    assert not {"date_published", "date_modified"} & set(item)
    assert_json_item(item, stored)


def test_every_undated_article_in_every_feed_is_left_undated(desk: Desk) -> None:
    undated = {s.id: s for s in desk.store.iter_articles() if not s.article.published}
    assert len(undated) >= 4
    paths = ["/feeds/entities/country:north-korea", "/feeds/entities/country:south-korea"]
    paths += [f"/feeds/stories/{desk.store.story_of(i)}" for i in undated]
    seen = set()
    for path in paths:
        for entry in desk.atom(path + ".xml").entries:
            if (article_id := entry.id.rsplit(":", 1)[1]) in undated:
                assert "published" not in entry
                assert moment(entry.updated) == undated[article_id].first_seen_at
                seen.add(article_id)
        for item in desk.json(path + ".json")["items"]:
            if item["id"].rsplit(":", 1)[1] in undated:
                assert "date_published" not in item and "date_modified" not in item
    assert seen == set(undated)


# errors and caching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/feeds/entities/person:nobody-at-all.xml", 404, "no entity with id or name"),
        ("/feeds/entities/person:nobody-at-all.json", 404, "no entity with id or name"),
        ("/feeds/stories/999999.xml", 404, "no story with id 999999"),
        ("/feeds/stories/999999.json", 404, "no story with id 999999"),
        ("/feeds/search.xml", 400, "a search feed needs words to look for"),
        ("/feeds/search.json?q=%20%20", 400, "a search feed needs words to look for"),
        ("/feeds/search.xml?q=Kim&entity=person:nobody-at-all", 400, "no entity called"),
        ("/feeds/search.rss?q=Kim", 400, "Input should be 'xml' or 'json'"),
    ],
)
def test_unknown_records_and_missing_words_are_refused_clearly(
    desk: Desk, path: str, status: int, message: str
) -> None:
    response = desk.client.get(path)

    assert response.status_code == status
    assert message in " ".join(html.fromstring(response.text).xpath("string(//main)").split())


def test_a_reader_that_holds_the_feed_gets_304(desk: Desk) -> None:
    first = desk.client.get("/feeds/stories/1.xml")
    again = desk.client.get(
        "/feeds/stories/1.xml", headers={"If-None-Match": first.headers["etag"]}
    )

    assert first.status_code == 200
    assert again.status_code == 304 and again.content == b""


# discovery from the reader's pages ---------------------------------------------------------


def feed_link(desk: Desk, path: str) -> str:
    doc = html.fromstring(desk.client.get(path).text)
    [href] = doc.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")
    return href


def test_the_reader_pages_name_their_feeds(desk: Desk) -> None:
    kida_story = desk.store.story_of(desk.titled(KIDA_TITLE)[0].id)

    assert feed_link(desk, "/search?q=Vostochny") == "/feeds/search.xml?q=Vostochny"
    assert feed_link(desk, "/search?q=Vostochny&source=NK+News&mode=hybrid") == (
        "/feeds/search.xml?q=Vostochny&source=NK+News"
    )
    entity = feed_link(desk, "/entities/person:kim-jong-un")
    assert entity == "/feeds/entities/person%3Akim-jong-un.xml"
    assert feed_link(desk, f"/stories/{kida_story}") == f"/feeds/stories/{kida_story}.xml"
    assert desk.atom(entity).feed.title == "newsdesk: Kim Jong Un"
    doc = html.fromstring(desk.client.get("/search").text)
    assert not doc.xpath("//head/link[@rel='alternate']")  # no words, no feed
