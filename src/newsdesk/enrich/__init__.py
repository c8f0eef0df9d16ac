"""The enrichment stage: entities, figures, language and keywords for each article.

Pure functions over articles; the store and the pipeline decide when to call them.

    from newsdesk.enrich import EnrichOptions, enrich_articles
    for enrichment in enrich_articles((article.id, article) for article in articles):
        ...

- Records (`records.py`): `Enrichment(article_id, language, entities, mentions, figures,
  keywords, terms)`; offsets index `article_text(article)`: title, a blank line, the body
  paragraphs joined by blank lines.
- Knowledge (`data/knowledge/*.toml`, more with `EnrichOptions(knowledge_files=...)`) and the
  English word lists (`data/knowledge/lexicon/en.toml`) are data users may extend.
- Speed: `EnrichOptions(workers=2)` forks two worker processes that run whole batches;
  `benchmarks/enrich_speed.py` prints articles per second per part. Quality against the
  hand-made gold set: `benchmarks/enrich_quality.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from newsdesk.model import Article

# The records are plain data and cheap; the functions pull in spaCy (seconds to import), so
# they load on first use: the store and the web app read records without paying for spaCy.
from newsdesk.model.enrichment import (
    Enrichment,
    Entity,
    Figure,
    Keyword,
    LanguageGuess,
    Mention,
)

if TYPE_CHECKING:
    from newsdesk.enrich.knowledge import Knowledge, KnowledgeError, KnownEntity
    from newsdesk.enrich.stage import EnrichInput, EnrichOptions
    from newsdesk.model.enrichment import DocumentFrequencies

_LAZY = {
    "DocumentFrequencies": "newsdesk.model.enrichment",
    "Knowledge": "newsdesk.enrich.knowledge",
    "KnowledgeError": "newsdesk.enrich.knowledge",
    "KnownEntity": "newsdesk.enrich.knowledge",
    "load_knowledge": "newsdesk.enrich.knowledge",
    "detect_language": "newsdesk.enrich.language",
    "EnrichInput": "newsdesk.enrich.stage",
    "EnrichOptions": "newsdesk.enrich.stage",
    "article_date": "newsdesk.enrich.stage",
    "article_text": "newsdesk.enrich.stage",
    "enrich_inputs": "newsdesk.enrich.stage",
    "to_input": "newsdesk.enrich.stage",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsdesk.enrich' has no attribute {name!r}")


__all__ = [
    "DocumentFrequencies",
    "EnrichInput",
    "EnrichOptions",
    "Enrichment",
    "Entity",
    "Figure",
    "Keyword",
    "Knowledge",
    "KnowledgeError",
    "KnownEntity",
    "LanguageGuess",
    "Mention",
    "article_date",
    "article_text",
    "detect_language",
    "enrich_article",
    "enrich_articles",
    "enrich_text",
    "load_knowledge",
]


def enrich_articles(
    articles: Iterable[tuple[str, Article]], options: EnrichOptions | None = None
) -> Iterator[Enrichment]:
    """One `Enrichment` per (article id, article), in input order, batched and optionally on
    several processes (`options.workers`)."""
    from newsdesk.enrich.stage import enrich_inputs, to_input

    return enrich_inputs((to_input(article_id, a) for article_id, a in articles), options)


def enrich_article(
    article_id: str, article: Article, options: EnrichOptions | None = None
) -> Enrichment:
    """Enrich one article in this process."""
    from newsdesk.enrich.stage import article_date, article_text

    return enrich_text(article_text(article), article_id, article_date(article), options)


def enrich_text(
    text: str,
    article_id: str = "",
    published: date | None = None,
    options: EnrichOptions | None = None,
) -> Enrichment:
    """Enrich a text already laid out as `article_text` lays out an article."""
    from newsdesk.enrich.stage import EnrichInput, EnrichOptions, enrich_inputs

    single = replace(options or EnrichOptions(), workers=1)
    return next(enrich_inputs([EnrichInput(article_id, text, published)], single))
