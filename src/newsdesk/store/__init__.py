"""Storage: `open_store(url)` gives the one `Store` interface over SQLite or PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from newsdesk.errors import StoreError
from newsdesk.store.migrate import upgrade
from newsdesk.store.store import Store

__all__ = ["Store", "open_store", "normalise_url"]


def normalise_url(url: str) -> str:
    """Accept a bare file path, sqlite:///…, or postgresql://… (psycopg 3 is the driver)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def open_store(url: str) -> Store:
    """Open (creating and migrating as needed) the store at `url`; StoreError if it cannot."""
    try:
        engine = _engine(normalise_url(url))
        upgrade(engine)
    except (ArgumentError, OperationalError, ValueError) as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise StoreError(f"cannot open store {url!r}: {reason}") from None
    return Store(engine)


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # psycopg prepares a statement run five times, and PostgreSQL may then plan it once for
        # any parameters: a search for a rare word would get the plan of a common one (seconds
        # instead of milliseconds at 100k articles). Planning costs far less than that.
        options = {"options": "-c plan_cache_mode=force_custom_plan"}
        return create_engine(url, pool_pre_ping=True, connect_args=options)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
