"""Search over stored articles: full-text (bm25-like), semantic (sentence vectors), and a hybrid.

    search(store, "north korea satellite", mode="hybrid", source="NK News", limit=20)

Semantic mode reads the query as a sentence. Related articles come from the same machinery: an
article's nearest neighbours by vector, or, before the embed stage has run, a full-text search
for the words of its title.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import datetime

from newsdesk import embeddings
from newsdesk.model import StoredArticle
from newsdesk.search.highlight import Highlighted, Highlighter, highlighter
from newsdesk.search.query import STOPWORDS, SearchError, loose_query, parse_query
from newsdesk.search.vectors import vector_index
from newsdesk.store import Store
from newsdesk.store.fulltext import RANK_POOL, Filters, TextHit, TextQuery

MODES = ("fulltext", "semantic", "hybrid")
ORDERS = ("relevance", "newest")
NEWEST_POOL = 100  # semantic and hybrid results put in date order: the closest this many
MAX_LIMIT = 100
RRF_K = 60  # reciprocal rank fusion constant (Cormack et al. 2009)
HYBRID_POOL = 50  # candidates taken from each side before fusing
SEMANTIC_FLOOR = 0.2  # cosine under which a vector neighbour is noise, not a hit
RELATED_FLOOR = 0.3
DENSEST_MATCHES = 64


@dataclass
class SearchHit:
    article: StoredArticle
    score: float  # higher is better; comparable within one result list only
    title: Highlighted
    snippet: Highlighted
    matched_by: tuple[str, ...]  # "fulltext", "semantic" or both


@dataclass
class SearchPage:
    query: str
    mode: str
    hits: list[SearchHit]
    limit: int
    offset: int
    has_more: bool
    took_ms: float
    notes: list[str] = field(default_factory=list)  # e.g. why the semantic half was skipped


def _restriction(store: Store, entity: str | None, story: str | None) -> frozenset[str] | None:
    """Article ids an entity filter (an entity id or name) and a story filter (its id) allow."""
    allowed: frozenset[str] | None = None
    if entity:
        found = store.get_entity(entity) or next(iter(store.find_entities(entity)), None)
        if found is None:
            raise SearchError(f"no entity called {entity!r}")
        ids = {article_id for article_id, _ in store.entity_articles(found.id, limit=100_000)}
        allowed = frozenset(ids)
    if story:
        if not story.isdigit() or (found_story := store.get_story(int(story))) is None:
            raise SearchError(f"no story with id {story!r}")
        ids = set(found_story.article_ids)
        allowed = frozenset(ids) if allowed is None else allowed & ids
    return allowed


def search(
    store: Store,
    query: str,
    mode: str = "hybrid",
    *,
    source: str | None = None,
    language: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    entity: str | None = None,
    story: str | None = None,
    limit: int = 20,
    offset: int = 0,
    order: str = "relevance",
) -> SearchPage:
    """One page of results for `query`, best first (or with order="newest", the latest
    published first). SearchError for a bad query or filter."""
    started = time.perf_counter()
    if mode not in MODES:
        raise SearchError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
    if order not in ORDERS:
        raise SearchError(f"unknown order {order!r}: use one of {', '.join(ORDERS)}")
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise SearchError(f"limit must be 1 to {MAX_LIMIT} and offset 0 or more")
    if since and until and since >= until:
        raise SearchError("'since' must be before 'until'")
    query = query.replace("\x00", "").strip()  # no store can hold a NUL; it means nothing
    if not query:
        raise SearchError("the query is empty")
    source, language = _no_nul(source), _no_nul(language)
    filters = Filters(source, language, since, until, _restriction(store, entity, story))
    parsed = parse_query(query) if mode != "semantic" else None
    notes: list[str] = []
    newest = order == "newest"
    if mode == "fulltext":
        ranked = _fulltext(store, parsed, filters, limit + 1, offset, notes, newest)
    elif newest:  # the closest NEWEST_POOL by meaning, then the latest first
        if mode == "semantic":
            ranked = _semantic(store, query, filters, NEWEST_POOL, 0, notes)
        else:
            ranked = _hybrid(store, query, parsed, filters, NEWEST_POOL, 0, notes)
        ranked = _latest_first(store, ranked)[offset : offset + limit + 1]
    elif mode == "semantic":
        ranked = _semantic(store, query, filters, limit + 1, offset, notes)
    else:
        ranked = _hybrid(store, query, parsed, filters, limit + 1, offset, notes)
    hits = _hits(store, ranked[:limit], highlighter(parsed or loose_query(query)))
    elapsed = (time.perf_counter() - started) * 1000
    return SearchPage(query, mode, hits, limit, offset, len(ranked) > limit, elapsed, notes)


def _no_nul(value: str | None) -> str | None:
    return value.replace("\x00", "") if value else value


@dataclass
class _Ranked:
    article_id: str
    score: float
    matched_by: tuple[str, ...] = ()


def _fulltext(
    store: Store,
    query: TextQuery | None,
    filters: Filters,
    limit: int,
    offset: int,
    notes: list[str],
    newest: bool = False,
) -> list[_Ranked]:
    """Articles with every word; if none has them all, articles with any (and a note says so)."""
    assert query is not None
    hits = store.search_text(query, filters, limit, offset, newest)
    loose = _any_word(query)
    if not hits and loose is not None and (offset == 0 or not store.search_text(query, filters, 1)):
        hits = store.search_text(loose, filters, limit, offset, newest)
        if hits:
            notes.append("no article has every word: showing articles with some of them")
    _note_cap(hits, notes)
    return [_Ranked(h.article_id, h.score, ("fulltext",)) for h in hits]


def _latest_first(store: Store, ranked: list[_Ranked]) -> list[_Ranked]:
    """The same items, latest published first, undated last; ties keep their rank order."""
    published = store.published_times(item.article_id for item in ranked)

    def key(position: int) -> tuple[bool, float, int]:
        when = published.get(ranked[position].article_id)
        return (when is None, -when.timestamp() if when else 0.0, position)

    return [ranked[i] for i in sorted(range(len(ranked)), key=key)]


def _note_cap(hits: list[TextHit], notes: list[str]) -> None:
    if hits and hits[0].capped:
        notes.append(f"so many articles match that only the newest {RANK_POOL:,} were ranked")


def _any_word(query: TextQuery) -> TextQuery | None:
    """The same parts joined by OR (stop words left out); None unless there are two or more."""
    terms = tuple(t for t in query.terms if t.casefold() not in STOPWORDS)
    if len(terms) + len(query.phrases) + len(query.prefixes) < 2:
        return None
    return TextQuery(terms, query.phrases, query.prefixes, query.excluded, any_of=True)


def _semantic(
    store: Store, query: str, filters: Filters, limit: int, offset: int, notes: list[str]
) -> list[_Ranked]:
    index = vector_index(store)
    if not index.size:
        notes.append("no article has been embedded yet: run `newsdesk embed`")
        return []
    try:
        vector = embeddings.shared_embedder().embed_one(query)
    except embeddings.EmbeddingUnavailable as error:
        raise SearchError(f"semantic search is unavailable: {error}") from None
    found = index.nearest(vector, filters, limit + offset, floor=SEMANTIC_FLOOR)
    return [_Ranked(i, s, ("semantic",)) for i, s in found[offset:]]


def _hybrid(
    store: Store,
    query: str,
    parsed: TextQuery | None,
    filters: Filters,
    limit: int,
    offset: int,
    notes: list[str],
) -> list[_Ranked]:
    """Reciprocal rank fusion of the full-text and the semantic lists."""
    pool = max(HYBRID_POOL, limit + offset)
    # Only articles with every word: a partial word match is weaker evidence than the vectors'.
    assert parsed is not None
    text_hits = store.search_text(parsed, filters, pool, 0)
    _note_cap(text_hits, notes)
    text_side = [_Ranked(h.article_id, h.score, ("fulltext",)) for h in text_hits]
    try:
        vector_side = _semantic(store, query, filters, pool, 0, notes)
    except SearchError as error:  # the words can still be searched
        notes.append(str(error))
        vector_side = []
    fused: dict[str, _Ranked] = {}
    for side in (text_side, vector_side):
        for rank, item in enumerate(side):
            entry = fused.setdefault(item.article_id, _Ranked(item.article_id, 0.0))
            entry.score += 1.0 / (RRF_K + rank + 1)
            entry.matched_by += item.matched_by
    ordered = sorted(fused.values(), key=lambda r: (-r.score, r.article_id))
    return ordered[offset:]


def _hits(store: Store, ranked: list[_Ranked], highlight: Highlighter) -> list[SearchHit]:
    stored = store.get_articles(r.article_id for r in ranked)
    hits = []
    for item in ranked:
        article = stored.get(item.article_id)
        if article is None:  # removed since it was indexed
            continue
        title = highlight.whole(article.article.title)
        snippet = highlight.window(article.article.body_text or article.article.excerpt or "")
        hits.append(SearchHit(article, item.score, title, snippet, item.matched_by))
    return hits


def related_articles(store: Store, article_id: str, limit: int = 5) -> list[SearchHit]:
    """Articles about the same thing: nearest vectors, or title words before the embed stage."""
    if not 1 <= limit <= MAX_LIMIT:
        raise SearchError(f"limit must be 1 to {MAX_LIMIT}")
    stored = store.get_article(article_id)  # NotFound if there is none
    vector = store.embedding_of(stored.id, embeddings.MODEL_ID)
    title_words = loose_query(stored.article.title)
    if vector is not None:
        index = vector_index(store)
        found = index.nearest(
            embeddings.from_bytes(vector), Filters(), limit + 6, floor=RELATED_FLOOR
        )
        ranked = [_Ranked(i, s, ("semantic",)) for i, s in found if i != stored.id]
    else:
        query = TextQuery(terms=title_words.terms, any_of=True)
        hits = store.search_text(query, Filters(), limit + 6) if not query.is_empty else []
        ranked = [_Ranked(h.article_id, h.score, ("fulltext",)) for h in hits]
        ranked = [r for r in ranked if r.article_id != stored.id]
    hits = _hits(store, ranked, highlighter(title_words))
    # Two copies of one piece under one title are one related article to a reader (the dedupe
    # stage will name such copies; until then the first is kept).
    seen, unique = {_fold(stored.article.title)}, []
    for hit in hits:
        if _fold(hit.article.article.title) not in seen:
            seen.add(_fold(hit.article.article.title))
            unique.append(hit)
    return unique[:limit]


def _fold(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))
