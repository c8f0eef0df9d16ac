"""Key points: 3-5 of the article's own sentences (LexRank), each in the paragraph it cites."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.ai import centroid_points, key_points
from newsdesk.model import Article, Section, StoredArticle
from tests.ai.conftest import Desk


def stored(paragraphs: list[str], title: str = "A title") -> StoredArticle:
    article = Article(title=title, sections=[Section(None, paragraphs)], source="Test Wire")
    now = datetime(2025, 1, 1, tzinfo=UTC)
    return StoredArticle(article.id, 1, article, 1, now, now)


def test_every_key_point_is_a_sentence_of_the_paragraph_it_cites(desk: Desk) -> None:
    for article in desk.store.iter_articles():
        points = key_points(article)
        paragraphs = article.article.paragraphs
        assert len(points) <= 5
        for point in points:
            assert point.text in paragraphs[point.citation.paragraph]
            assert point.citation.article_id == article.id
            assert point.citation.href == f"/articles/{article.id}#p{point.citation.paragraph + 1}"
        order = [
            (p.citation.paragraph, paragraphs[p.citation.paragraph].index(p.text)) for p in points
        ]
        assert order == sorted(order)  # shown in the article's order


def test_a_long_article_gets_three_to_five_points_without_repeats(desk: Desk) -> None:
    seed = desk.store.get_article(
        desk.ids["south-korea-faces-limited-options-to-respond-to-russia-north-korea-cooperation"]
    )
    points = key_points(seed)
    assert 3 <= len(points) <= 5
    assert len({p.text for p in points}) == len(points)
    # The lead is the first thing the seed says, and LexRank with the lead prior keeps it.
    assert points[0].text.startswith("South Korean President Yoon Suk-yeol expressed concerns")


def test_the_title_is_not_a_key_point() -> None:
    article = stored(
        [
            "Russia vetoed the panel. Russia vetoed the panel again on Thursday at the council.",
            "The panel of experts will stop work in April. China abstained from the vote.",
        ],
        title="Russia vetoed the panel.",
    )
    assert "Russia vetoed the panel." not in [p.text for p in key_points(article)]


def test_an_empty_article_has_no_key_points() -> None:
    assert key_points(stored([])) == []
    assert centroid_points(stored([])) == []


def test_key_points_take_under_50_ms_an_article(desk: Desk) -> None:
    articles = list(desk.store.iter_articles())
    started = time.perf_counter()
    for article in articles:
        key_points(article)
    assert (time.perf_counter() - started) / len(articles) < 0.05


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdefgh ,.ABC123", min_size=1, max_size=300), min_size=1, max_size=8
    )
)
def test_key_points_are_always_verbatim(paragraphs: list[str]) -> None:
    article = stored(paragraphs)
    for point in key_points(article):
        assert point.text in " ".join(article.article.paragraphs[point.citation.paragraph].split())
