"""Fixture articles for the enrichment tests, enriched once per test session.

A fixture file (`fixtures/*.txt`) is `key: value` header lines (title, published, source,
language), a blank line, then the body paragraphs separated by blank lines. The seed fixtures are
the two seed pages copied by hand; `wire*` and `heldout*` are hand-written in the beat's style.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.enrich import Enrichment, article_text, enrich_articles
from newsdesk.model import Article, Section, Timestamp

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLD = Path(__file__).resolve().parent / "gold"


def load_fixture(name: str) -> Article:
    head, body = (FIXTURES / name).read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    published = None
    if "published" in fields:
        stamp = datetime.fromisoformat(fields["published"])
        if stamp.tzinfo is None:
            published = Timestamp(stamp.replace(tzinfo=UTC), None, "day")
        else:
            published = Timestamp(stamp, int(stamp.utcoffset().total_seconds() // 60))
    return Article(
        title=fields["title"],
        sections=[Section(None, paragraphs)],
        source=fields.get("source"),
        published=published,
    )


FIXTURE_NAMES = sorted(p.name for p in FIXTURES.glob("*.txt"))


@pytest.fixture(scope="session")
def enriched() -> dict[str, Enrichment]:
    """Every fixture's enrichment, keyed by file stem ("seed000_koreapro_limited_options")."""
    articles = [(Path(name).stem, load_fixture(name)) for name in FIXTURE_NAMES]
    return {e.article_id: e for e in enrich_articles(articles)}


@pytest.fixture(scope="session")
def texts() -> dict[str, str]:
    """The enrichment text of every fixture (offsets in the records index these)."""
    return {Path(n).stem: article_text(load_fixture(n)) for n in FIXTURE_NAMES}


def mentions_at(enrichment: Enrichment, text: str, phrase: str, name: str) -> list:
    """Mentions with text `name` inside the first occurrence of `phrase` in `text`."""
    where = text.index(phrase)
    return [
        m for m in enrichment.mentions if m.text == name and where <= m.start < where + len(phrase)
    ]


def linked(enrichment: Enrichment, text: str, phrase: str, name: str) -> str | None:
    """The entity id of the one mention `name` inside `phrase` (fails if there is not one)."""
    found = mentions_at(enrichment, text, phrase, name)
    assert len(found) == 1, f"{name!r} in {phrase!r}: {found}"
    return found[0].entity_id
