"""Highlights and private notes on paragraphs, on both stores, and their Markdown export."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.desk.follows import DeskError
from newsdesk.desk.highlights import (
    add_highlight,
    anchor,
    by_article,
    escape_link_text,
    markdown,
)
from newsdesk.errors import NotFound
from tests.desk.conftest import Beat, new_reader


def test_a_highlight_marks_a_paragraph_or_words_quoted_from_it(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    article_id = beat.ids["kim-putin-vostochny-summit"]
    paragraphs = store.get_article(article_id).article.paragraphs
    words = " ".join(paragraphs[1].split()[2:6])
    whole = add_highlight(store, user.id, article_id, 0, note="  The lead.  ")
    quoted = add_highlight(store, user.id, article_id, 1, quote=words.upper().replace(" ", "\n "))
    assert (whole.quote, whole.note) == ("", "The lead.")
    assert quoted.quote == " ".join(words.upper().split())  # kept as typed, spaces squeezed
    assert [(h.paragraph, h.id) for h in store.highlights_of(user.id, article_id)] == [
        (0, whole.id),
        (1, quoted.id),
    ]
    assert anchor(1) == "p2"  # paragraphs are counted from 1 on the page


def test_a_highlight_must_be_on_the_article(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    article_id = beat.ids["kim-putin-vostochny-summit"]
    count = len(store.get_article(article_id).article.paragraphs)
    with pytest.raises(DeskError, match=f"paragraphs 1 to {count}"):
        add_highlight(store, user.id, article_id, count)
    with pytest.raises(DeskError, match="not in paragraph 1"):
        add_highlight(store, user.id, article_id, 0, quote="words nobody wrote")
    with pytest.raises(NotFound):
        add_highlight(store, user.id, "0000000000000000", 0)
    assert store.highlights_of(user.id) == []


def test_a_reader_removes_only_their_own_highlights(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    other, _ = new_reader(store)
    assert user.id is not None and other.id is not None
    made = add_highlight(store, user.id, beat.ids["tumen-road-bridge"], 0)
    assert made.id is not None
    with pytest.raises(NotFound):
        store.remove_highlight(other.id, made.id)
    store.remove_highlight(user.id, made.id)
    assert store.highlights_of(user.id) == []


def test_the_markdown_export_quotes_each_highlight_with_a_link_to_its_paragraph(
    beat: Beat,
) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    summit, bridge = beat.ids["kim-putin-vostochny-summit"], beat.ids["tumen-road-bridge"]
    lead = store.get_article(summit).article.paragraphs[0]
    add_highlight(store, user.id, summit, 0, note="Who else was there?\nCheck the list.")
    add_highlight(store, user.id, bridge, 1)
    add_highlight(
        store, user.id, summit, 2, quote=store.get_article(summit).article.paragraphs[2][:30]
    )
    groups = by_article(store, user.id)
    assert [s.id for s, _ in groups] == [summit, bridge]  # the article highlighted last first
    assert [m.highlight.paragraph for m in groups[0][1]] == [0, 2]  # in paragraph order
    text = markdown(groups, "http://desk.example/", "ana", datetime(2025, 6, 2, tzinfo=UTC))
    title = store.get_article(summit).article.title
    assert text.startswith("# Highlights and notes of ana\n\nFrom newsdesk, 2 June 2025.\n")
    assert f"## [{title}](http://desk.example/articles/{summit})" in text
    link = f"[paragraph 1](http://desk.example/articles/{summit}#p1)"
    note = "Who else was there?\nCheck the list.\n"
    assert f"> {' '.join(lead.split())}\n>\n> — {link}\n\n{note}" in text
    assert f"(http://desk.example/articles/{summit}#p3)" in text
    assert f"(http://desk.example/articles/{bridge}#p2)" in text
    assert text.index(summit) < text.index(bridge)


def test_titles_cannot_break_the_markdown_links(beat: Beat) -> None:
    groups = by_article(beat.store, new_reader(beat.store)[0].id)  # type: ignore[arg-type]
    assert groups == []
    assert "No highlights yet." in markdown(groups, "http://x/", "ana", datetime.now(UTC))
    assert escape_link_text("A [bracketed] \\ title\n") == "A \\[bracketed\\] \\\\ title"
