"""A store with the beat corpus, its stories, and four accounts: two readers, a third reader
for reports, and an editor."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from pwdlib import PasswordHash

from newsdesk import accounts, pipeline
from newsdesk.model.accounts import Role, User
from newsdesk.store import Store
from tests.search_support import ingest_beat

PASSWORD = "a long passphrase"
# Hashed once: argon2 takes half a second a hash, and every test makes four accounts.
PASSWORD_HASH = PasswordHash.recommended().hash(PASSWORD)


@dataclass
class Desk:
    store: Store
    url: str
    article: str  # an article id
    other_article: str
    story: str  # a story id, as text
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}


@pytest.fixture
def desk(store: Store, store_url: str) -> Iterator[Desk]:
    ids = ingest_beat(store)
    pipeline.run_stage(store, pipeline.STORIES)
    story = store.list_stories(1)[0]
    made = Desk(
        store,
        store_url,
        article=ids["kim-putin-vostochny-summit"],
        other_article=ids["vostochny-space-cooperation-analysis"],
        story=str(story.id),
    )
    for name, role in [
        ("ana", Role.READER),
        ("bo", Role.READER),
        ("cy", Role.READER),
        ("ed", Role.EDITOR),
    ]:
        user = store.add_user(User(name=name, role=role, password_hash=PASSWORD_HASH))
        assert user is not None
        made.users[name] = user
        made.tokens[name] = accounts.create_api_token(store, user, "test")[1]
    yield made
