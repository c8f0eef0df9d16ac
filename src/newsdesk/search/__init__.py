"""Search: queries (query.py), highlighting (highlight.py), the in-memory vector index
(vectors.py), and full-text, semantic and hybrid search with related articles (find.py)."""

from newsdesk.search.find import (
    MAX_LIMIT,
    MODES,
    ORDERS,
    SearchHit,
    SearchPage,
    related_articles,
    search,
)
from newsdesk.search.highlight import Highlighted
from newsdesk.search.query import MAX_QUERY_CHARS, SearchError, parse_query

__all__ = [
    "MAX_LIMIT",
    "MAX_QUERY_CHARS",
    "MODES",
    "ORDERS",
    "Highlighted",
    "SearchError",
    "SearchHit",
    "SearchPage",
    "parse_query",
    "related_articles",
    "search",
]
