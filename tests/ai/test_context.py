"""Why it matters: the source's own section first, then the storyline before, then the figures
that changed; all from stored records, every sentence cited."""

from __future__ import annotations

import pytest

from newsdesk.ai import why_it_matters
from newsdesk.errors import NotFound
from tests.ai.conftest import Desk

SEED = "south-korea-faces-limited-options-to-respond-to-russia-north-korea-cooperation"


def test_the_seeds_own_why_it_matters_section_comes_first(desk: Desk) -> None:
    why = why_it_matters(desk.store, desk.ids[SEED])
    stored = desk.store.get_article(desk.ids[SEED])
    assert why.heading == "Why It Matters"
    assert why.own[0].text.startswith("South Korea’s growing reliance on Russia for energy")
    assert any("17.38 million metric tons of coal" in c.text for c in why.own)
    for cited in why.own:
        assert cited.text in stored.article.paragraphs[cited.citation.paragraph]
    # The cited paragraphs are those of the named section, not the lead.
    section = next(s for s in stored.article.sections if s.heading == "Why It Matters")
    first = stored.article.paragraphs.index(section.paragraphs[0])
    assert {c.citation.paragraph for c in why.own} <= set(
        range(first, first + len(section.paragraphs))
    )


def test_an_article_in_a_storyline_gets_the_earlier_stories_newest_first(desk: Desk) -> None:
    why = why_it_matters(desk.store, desk.ids["kursk-troops-reuters"])
    assert why.own == []  # Reuters' piece has no section of its own
    assert why.storyline_id is not None
    dates = [e.first_published for e in why.earlier]
    assert dates == sorted(dates, reverse=True)
    story = desk.store.get_story(desk.story_of("kursk-troops-reuters"))
    assert all(d < story.first_published for d in dates)
    titles = [e.title for e in why.earlier]
    assert len(titles) == len(set(titles))  # a piece stored twice is one earlier story
    assert (
        "North Korean soldiers engaged in combat in Russia's Kursk region, Seoul confirms" in titles
    )
    for earlier in why.earlier:
        assert earlier.lead is not None and earlier.sources
        first = desk.store.get_article(earlier.lead.citation.article_id)
        assert earlier.lead.text in first.article.paragraphs[earlier.lead.citation.paragraph]


def test_a_figure_that_changed_is_shown_with_both_sentences(desk: Desk) -> None:
    why = why_it_matters(desk.store, desk.ids["kursk-troops-reuters"])
    troops = next(c for c in why.changes if c.measure == "troops")
    assert troops.now.text == "Roughly 10,000"
    assert troops.before.text == "roughly 11,000"
    assert troops.before.cited.citation.source == "The Korea Herald"
    assert troops.before.cited.citation.published < troops.now.cited.citation.published
    for figure in (troops.before, troops.now):
        article = desk.store.get_article(figure.cited.citation.article_id)
        assert figure.cited.text in article.article.paragraphs[figure.cited.citation.paragraph]
        assert figure.text in figure.cited.text


def test_an_article_alone_in_its_storyline_has_only_its_own_words(desk: Desk) -> None:
    # The Lazarus crypto theft shares no storyline with the rest of the beat posts.
    why = why_it_matters(desk.store, desk.ids["lazarus-crypto-theft"])
    assert why.is_empty


def test_an_unknown_article_is_not_found(desk: Desk) -> None:
    with pytest.raises(NotFound):
        why_it_matters(desk.store, "0000000000000000")
