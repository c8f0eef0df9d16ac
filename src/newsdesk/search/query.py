"""Queries: the words a user typed, as the store's full-text index reads them.

Words must all match (stemmed); "quoted words" must match as a phrase; `satell*` matches any word
starting with "satell"; `-word` excludes.
"""

from __future__ import annotations

import re

from newsdesk.errors import NewsdeskError
from newsdesk.store.fulltext import TextQuery

MAX_QUERY_CHARS = 500
_STOPWORD_TEXT = (
    "a an and are as at be but by can for from has have he her his how in is it its many may "
    "much of on or over s said says she than that the their they this to up was were what when "
    "where which who why will with"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


class SearchError(NewsdeskError):
    """A query or filter that cannot be searched; the message says what to change."""


def parse_query(text: str) -> TextQuery:
    """User text to a TextQuery: words, "phrases", prefix*, -excluded. SearchError if empty."""
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    terms, phrases, prefixes, excluded = [], [], [], []
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', text):
        negative, quoted, bare = match.group(1), match.group(2), match.group(3)
        if quoted is not None:
            words = re.findall(r"\w+", quoted)
            if negative:
                excluded += words
            elif len(words) > 1:
                phrases.append(tuple(words))
            else:
                terms += words
            continue
        if bare.startswith("-") and len(bare) > 1:
            excluded += re.findall(r"\w+", bare)
        elif bare.endswith("*") and re.search(r"\w", bare):
            words = re.findall(r"\w+", bare)
            terms += words[:-1]
            prefixes.append(words[-1])
        else:
            terms += re.findall(r"\w+", bare)
    query = TextQuery(tuple(terms), tuple(phrases), tuple(prefixes), tuple(excluded))
    if query.is_empty:
        raise SearchError("the query has no words to search for (exclusions alone find nothing)")
    return query


def loose_query(text: str) -> TextQuery:
    """The words of a sentence (stopwords left out), for highlighting and related articles."""
    words = [w for w in re.findall(r"\w+", text) if w.casefold() not in STOPWORDS]
    return TextQuery(terms=tuple(words))
