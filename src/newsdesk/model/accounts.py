"""People who use a newsdesk: their accounts and roles, and their own desk (what they read,
saved, follow and mute)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum


class Role(str, Enum):  # noqa: UP042
    READER = "reader"  # reads, follows, comments
    EDITOR = "editor"  # also ingests, moderates comments, keeps the team's tags
    ADMIN = "admin"  # also users, sources and settings

    @property
    def rank(self) -> int:
        return [Role.READER, Role.EDITOR, Role.ADMIN].index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class User:
    name: str
    role: Role = Role.READER
    id: int | None = None
    password_hash: str = ""
    created_at: datetime = field(default_factory=_now)
    disabled: bool = False


@dataclass
class ApiToken:
    """A token for scripts and apps (and the Google Reader API's password): shown once, kept
    only as a hash, revocable."""

    user_id: int
    name: str
    token_hash: str
    id: int | None = None
    created_at: datetime = field(default_factory=_now)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class FollowKind(str, Enum):  # noqa: UP042
    SOURCE = "source"  # a followed source's id
    ENTITY = "entity"  # an entity id
    STORY = "story"  # a story id
    STORYLINE = "storyline"  # a storyline id
    SEARCH = "search"  # a saved search's query


@dataclass
class Follow:
    user_id: int
    kind: FollowKind
    target: str
    label: str = ""  # what the reader sees: the entity's name, the query
    id: int | None = None
    created_at: datetime = field(default_factory=_now)
    last_looked_at: datetime = field(default_factory=_now)  # "new since you last looked"
    alert: bool = False  # tell the reader when a new article matches


class MuteKind(str, Enum):  # noqa: UP042
    WORD = "word"
    SOURCE = "source"  # a publisher's name
    ENTITY = "entity"  # an entity id


@dataclass
class Mute:
    user_id: int
    kind: MuteKind
    value: str
    id: int | None = None
    created_at: datetime = field(default_factory=_now)
