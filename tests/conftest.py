"""Shared fixtures: a real store on SQLite and on the PostgreSQL server (a database of its own)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from newsdesk.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "samples"
WORDPRESS_SEED = SAMPLES / "000_d313320253c2a931.txt"
TEXTPAGE_SEED = SAMPLES / "003_93ec7c8496a2a74c.txt"

# Reading is public in the tests' apps (and the servers they start) unless a test says
# otherwise: the access tests (tests/test_access.py) take it away. Set at import, before any
# module-scoped app or server is made.
os.environ["NEWSDESK_PUBLIC_READING"] = "1"

# The API takes writes only with the operator's token; the tests' apps are given this one.
API_TOKEN = "test-api-token"
WRITER = {"Authorization": f"Bearer {API_TOKEN}"}


@pytest.fixture(autouse=True)
def _api_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_API_TOKEN", API_TOKEN)


# The server the tests create their own database on (CI starts it: see .ci/run).
PG_ADMIN_URL = os.environ.get("NEWSDESK_TEST_PG", "postgresql://127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    name = f"newsdesk_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store URL on each backend; the PostgreSQL one is emptied after every test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = request.getfixturevalue("pg_url")
    yield url
    store = open_store(url)
    with store.transaction() as conn:
        tables = (
            conn.execute(
                text(
                    "SELECT tablename FROM pg_tables "
                    "WHERE schemaname='public' AND tablename<>'alembic_version'"
                )
            )
            .scalars()
            .all()
        )
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    store.close()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, one per test process: a second sync Playwright in
    the same process fails ("Sync API inside the asyncio loop"), so every browser test shares
    this one (tests/web/conftest.py has its constants)."""
    from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-browser (Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
