"""What the desk's tests share: the beat corpus through every stage on each backend (once per
module), readers with accounts of their own, new articles arriving, and a real SMTP server."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller

from newsdesk import accounts, pipeline
from newsdesk.model import Article, RawDocument, Section, Timestamp
from newsdesk.model.accounts import Role, User
from newsdesk.store import Store, open_store
from tests.conftest import PG_ADMIN_URL
from tests.search_support import ingest_beat

PASSWORD = "a long enough passphrase"


@dataclass
class Beat:
    store: Store
    url: str
    ids: dict[str, str]  # {slug: article id} of the beat posts


def _database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'store.db'}"
        return
    name = f"newsdesk_desk_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def beat(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Beat]:
    """The 22 beat posts, every stage run, on each backend; tests add readers (and articles
    of their own making) but never change what is there."""
    for url in _database(request.param, tmp_path_factory.mktemp("desk")):
        store = open_store(url)
        ids = ingest_beat(store)
        pipeline.advance(store)
        yield Beat(store, url, ids)
        store.close()


def new_reader(store: Store, role: Role = Role.READER) -> tuple[User, str]:
    """A fresh account (a name of its own) and an API token of it."""
    user = accounts.create_user(store, f"reader-{uuid.uuid4().hex[:8]}", PASSWORD, role)
    return user, accounts.create_api_token(store, user, "test")[1]


def arrive(
    store: Store, title: str, body: str, source: str = "Desk Wire", source_id: int | None = None
) -> str:
    """A new article arrives (stored from a raw document of its own) and every stage runs;
    its id."""
    article = Article(
        title=title,
        sections=[Section(None, [body, "A second paragraph closes the report."])],
        guid=f"desk-{uuid.uuid4().hex}",
        source=source,
        published=Timestamp(datetime.now(UTC)),
    )
    fetch = {"url": "https://desk-wire.example/feed", "status": 200} if source_id else None
    raw = RawDocument(
        content=repr(article).encode(), origin="desk-test", fetch=fetch, source_id=source_id
    )
    raw_id, _ = store.add_raw(raw)
    (outcome,) = store.save_articles(raw_id, [article])
    pipeline.advance(store)
    return outcome.article_id


@dataclass
class Mailbox:
    """A real SMTP server (aiosmtpd) on a free local port, keeping every message it takes."""

    port: int
    messages: list[Message] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        message = message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox(free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()
