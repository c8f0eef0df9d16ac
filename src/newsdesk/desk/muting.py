"""Mute rules: words, publishers and entities a reader does not want to see. `is_muted` is the
one place that decides; `Muting.keep` applies it to whatever list a page, feed, API answer,
alert or digest is about to show."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from newsdesk.errors import NewsdeskError, NotFound
from newsdesk.model import StoredArticle
from newsdesk.model.accounts import Mute, MuteKind, User
from newsdesk.model.stories import Story
from newsdesk.store import Store

Item = TypeVar("Item")


@dataclass(frozen=True)
class MuteRules:
    """One reader's mutes, ready to match: words as whole-word patterns (any case), publisher
    names and entity ids."""

    words: tuple[re.Pattern[str], ...] = ()
    sources: frozenset[str] = frozenset()  # case-folded publisher names
    entities: frozenset[str] = frozenset()

    @classmethod
    def of(cls, mutes: Iterable[Mute]) -> MuteRules:
        words, sources, entities = [], set(), set()
        for mute in mutes:
            value = mute.value.strip()
            if not value:
                continue
            if mute.kind is MuteKind.WORD:
                words.append(word_pattern(value))
            elif mute.kind is MuteKind.SOURCE:
                sources.add(value.casefold())
            else:
                entities.add(value)
        return cls(tuple(words), frozenset(sources), frozenset(entities))

    def __bool__(self) -> bool:
        return bool(self.words or self.sources or self.entities)


def word_pattern(words: str) -> re.Pattern[str]:
    """A muted word or phrase, matched whole (muting "Kim" leaves "Kimchi" alone), any case,
    with any run of spaces between the words of a phrase."""
    parts = [re.escape(part) for part in words.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def is_muted(rules: MuteRules, stored: StoredArticle, entity_ids: Iterable[str] = ()) -> bool:
    """Whether a reader with these rules should not see this article: its publisher is muted,
    it names a muted entity, or a muted word is in its title, text or tags."""
    article = stored.article
    if article.source and article.source.casefold() in rules.sources:
        return True
    if rules.entities and not rules.entities.isdisjoint(entity_ids):
        return True
    if rules.words:
        text = "\n".join([article.title, article.excerpt or "", article.body_text, *article.tags])
        return any(pattern.search(text) for pattern in rules.words)
    return False


def stored_in(item: Any) -> StoredArticle:
    """The article a list item shows: the item itself, a search hit's article, or the first
    member of a (article, …) pair."""
    if isinstance(item, StoredArticle):
        return item
    if isinstance(item, tuple):
        return stored_in(item[0])
    found = getattr(item, "article", None)
    if isinstance(found, StoredArticle):
        return found
    raise TypeError(f"no article in {type(item).__name__}")


@dataclass
class Muting:
    """A reader's rules over a store (entities looked up only when an entity is muted)."""

    store: Store
    rules: MuteRules = field(default_factory=MuteRules)

    def keep(
        self, items: list[Item], article: Callable[[Item], StoredArticle] = stored_in
    ) -> list[Item]:
        """The items whose article is not muted, in their order."""
        if not self.rules or not items:
            return items
        entities: dict[str, set[str]] = {}
        if self.rules.entities:
            entities = self.store.entity_ids_of(article(item).id for item in items)
        return [
            item
            for item in items
            if not is_muted(self.rules, article(item), entities.get(article(item).id, ()))
        ]

    def muted(self, stored: StoredArticle) -> bool:
        return not self.keep([stored])

    def keep_stories(self, stories: list[Story]) -> list[Story]:
        """The stories with at least one article the reader has not muted."""
        if not self.rules or not stories:
            return stories
        found = self.store.get_articles(i for story in stories for i in story.article_ids)
        kept = {s.id for s in self.keep(list(found.values()))}
        return [story for story in stories if kept.intersection(story.article_ids)]


def muting_for(store: Store, user: User | None) -> Muting:
    """The mutes of a signed-in reader; nobody's (nothing muted) for anyone else."""
    if user is None or user.id is None:
        return Muting(store)
    return Muting(store, MuteRules.of(store.mutes_of(user.id)))


MAX_MUTE = 200


def new_mute(store: Store, user_id: int, kind: str, value: str) -> Mute:
    """A mute of a word or phrase, a publisher (by name) or an entity (by id or name; kept as
    its id), not yet stored. NewsdeskError for an empty or unknown one."""
    try:
        chosen = MuteKind(kind.strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in MuteKind)
        raise NewsdeskError(f"no mute kind {kind!r}: choose one of {kinds}") from None
    value = " ".join(value.split())
    if not value or len(value) > MAX_MUTE:
        raise NewsdeskError(f"say what to mute: 1 to {MAX_MUTE} characters")
    if chosen is MuteKind.ENTITY:
        entity = store.get_entity(value) or next(iter(store.find_entities(value)), None)
        if entity is None:
            raise NotFound(f"no entity with id or name {value!r}")
        value = entity.id
    return Mute(user_id=user_id, kind=chosen, value=value)
