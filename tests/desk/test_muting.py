"""Mute rules: one function decides (`is_muted`), whole words in any case, publishers by name,
entities by id; and the rules applied to the beat corpus on both stores."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.desk import MuteRules, Muting, is_muted, muting_for
from newsdesk.desk.muting import new_mute
from newsdesk.errors import NewsdeskError, NotFound
from newsdesk.model import Article, Section, StoredArticle
from newsdesk.model.accounts import Mute, MuteKind, User
from tests.desk.conftest import Beat, new_reader


def stored(title: str, body: str = "", source: str | None = "Desk Wire", tags=()) -> StoredArticle:  # type: ignore[no-untyped-def]
    moment = datetime(2025, 6, 1, tzinfo=UTC)
    article = Article(title=title, sections=[Section(None, [body])], source=source, tags=list(tags))
    return StoredArticle("a" * 16, 1, article, 1, moment, moment)


def rules(*mutes: tuple[MuteKind, str]) -> MuteRules:
    return MuteRules.of(Mute(user_id=1, kind=kind, value=value) for kind, value in mutes)


def test_a_muted_word_matches_whole_words_in_any_case_in_title_text_or_tags() -> None:
    kim = rules((MuteKind.WORD, "kim"))
    assert is_muted(kim, stored("Kim Jong Un visits Sinpo"))
    assert is_muted(kim, stored("A port visit", "State media said KIM inspected it."))
    assert is_muted(kim, stored("A port visit", tags=["kim"]))
    assert not is_muted(kim, stored("Kimchi prices rise in Pyongyang markets"))
    assert not is_muted(kim, stored("Akim and others", "no match inside a word"))


def test_a_muted_phrase_matches_across_any_spaces_and_line_breaks() -> None:
    phrase = rules((MuteKind.WORD, "  hypersonic   missile "))
    assert is_muted(phrase, stored("Test", "a new Hypersonic\nmissile flew"))
    assert not is_muted(phrase, stored("Test", "a hypersonic glide vehicle, not a missile"))


def test_a_muted_publisher_is_matched_by_name_in_any_case() -> None:
    nk = rules((MuteKind.SOURCE, "nk news"))
    assert is_muted(nk, stored("Anything", source="NK News"))
    assert not is_muted(nk, stored("Anything", source="NK News Pro"))
    assert not is_muted(nk, stored("Anything", source=None))


def test_a_muted_entity_is_matched_by_the_entities_an_article_names() -> None:
    russia = rules((MuteKind.ENTITY, "country:russia"))
    assert is_muted(russia, stored("Talks"), {"country:russia", "country:north-korea"})
    assert not is_muted(russia, stored("Russia talks"), {"country:north-korea"})  # not a word mute


def test_no_rules_mute_nothing() -> None:
    assert not rules()
    assert not is_muted(rules(), stored("Kim"), {"country:russia"})
    assert not rules((MuteKind.WORD, "   "))  # blank values are no rule


def test_new_mutes_are_checked_and_entities_kept_by_id(beat: Beat) -> None:
    user, _ = new_reader(beat.store)
    assert user.id is not None
    mute = new_mute(beat.store, user.id, "entity", "Kim Jong Un")
    assert (mute.kind, mute.value) == (MuteKind.ENTITY, "person:kim-jong-un")
    assert new_mute(beat.store, user.id, "WORD", "  rice   prices ").value == "rice prices"
    with pytest.raises(NotFound):
        new_mute(beat.store, user.id, "entity", "Nobody Anyone")
    with pytest.raises(NewsdeskError, match="no mute kind"):
        new_mute(beat.store, user.id, "colour", "red")
    with pytest.raises(NewsdeskError, match="say what to mute"):
        new_mute(beat.store, user.id, "word", "   ")


def test_a_readers_mutes_leave_out_publishers_entities_and_words(beat: Beat) -> None:
    store = beat.store
    user, _ = new_reader(store)
    assert user.id is not None
    latest = store.list_articles(50)
    assert muting_for(store, user).keep(latest) == latest  # nothing muted yet
    for kind, value in [
        (MuteKind.SOURCE, "NK News"),
        (MuteKind.ENTITY, "country:russia"),
        (MuteKind.WORD, "semiconductor"),
    ]:
        store.add_mute(Mute(user_id=user.id, kind=kind, value=value))
    kept = muting_for(store, user).keep(latest)
    named = store.entity_ids_of(s.id for s in kept)
    assert kept and len(kept) < len(latest)
    assert all(s.article.source != "NK News" for s in kept)
    assert all("country:russia" not in named.get(s.id, set()) for s in kept)
    assert all("semiconductor" not in s.article.body_text.lower() for s in kept)
    left_out = {s.id for s in latest} - {s.id for s in kept}
    assert beat.ids["chip-exports-record"] in left_out  # the semiconductor record
    assert beat.ids["kim-putin-vostochny-summit"] in left_out
    # Another reader, and anyone not signed in, still sees everything.
    other, _ = new_reader(store)
    assert muting_for(store, other).keep(latest) == latest
    assert muting_for(store, None).keep(latest) == latest
    assert muting_for(store, User(name="operator")).keep(latest) == latest


def test_keep_takes_hits_and_pairs_as_well_as_articles(beat: Beat) -> None:
    user, _ = new_reader(beat.store)
    assert user.id is not None
    beat.store.add_mute(Mute(user_id=user.id, kind=MuteKind.SOURCE, value="Reuters"))
    muting = muting_for(beat.store, user)
    reuters = [s for s in beat.store.list_articles(50) if s.article.source == "Reuters"]
    others = [s for s in beat.store.list_articles(50) if s.article.source != "Reuters"]
    assert muting.keep([(s, 1) for s in reuters + others]) == [(s, 1) for s in others]
    assert muting.muted(reuters[0]) and not muting.muted(others[0])
    assert isinstance(muting, Muting)
