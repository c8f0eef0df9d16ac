"""What a full-text search asks and answers, and the SQL pieces both engines share.

The records (`TextQuery`, `Filters`, `TextHit`) are re-exported by store/fulltext.py, where
callers import them from; the engines are store/fulltext_sqlite.py and fulltext_postgres.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

RANK_POOL = 2_000  # matches ranked per query at most: the newest ones


@dataclass(frozen=True)
class TextQuery:
    """A parsed query: every term, phrase and prefix must match; no excluded term may."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()  # each a run of words that must be adjacent
    prefixes: tuple[str, ...] = ()  # "satell*": any word starting with it
    excluded: tuple[str, ...] = ()
    any_of: bool = False  # match any one term instead of all (related articles)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases or self.prefixes)


@dataclass(frozen=True)
class Filters:
    """What a search is limited to; `article_ids` lets entity and story filters narrow it."""

    source: str | None = None  # publisher, case-insensitive
    language: str | None = None
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before
    article_ids: frozenset[str] | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.source or self.language or self.since or self.until) and (
            self.article_ids is None
        )


@dataclass
class TextHit:
    article_id: str
    score: float  # higher is better; comparable only within one query
    capped: bool = False  # more articles matched than RANK_POOL: only the newest were ranked


def words(value: str) -> list[str]:
    """The words the index would see; punctuation is never passed on as query syntax."""
    return re.findall(r"\w+", value.casefold())


def filter_sql(filters: Filters, alias: str, params: dict[str, Any]) -> str:
    """` AND ...` clauses limiting the articles aliased `alias` to `filters`; fills `params`."""
    clauses = []
    if filters.source:
        clauses.append(f"lower({alias}.source) = :f_source")
        params["f_source"] = filters.source.lower()
    if filters.language:
        clauses.append(f"lower({alias}.language) = :f_language")
        params["f_language"] = filters.language.lower()
    if filters.since:
        clauses.append(f"{alias}.published_at >= :f_since")
        params["f_since"] = filters.since
    if filters.until:
        clauses.append(f"{alias}.published_at < :f_until")
        params["f_until"] = filters.until
    if filters.article_ids is not None:
        names = []
        for index, article_id in enumerate(sorted(filters.article_ids)):
            params[f"f_id{index}"] = article_id
            names.append(f":f_id{index}")
        clauses.append(f"{alias}.id IN ({', '.join(names)})")
    return "".join(f" AND {c}" for c in clauses)


def stored_dates(params: dict[str, Any]) -> dict[str, Any]:
    """`params` with the filter datetimes as the UTCDateTime column stores them (naive UTC),
    for textual SQL."""
    for key in ("f_since", "f_until"):
        if key in params:
            params[key] = params[key].astimezone(UTC).replace(tzinfo=None)
    return params
