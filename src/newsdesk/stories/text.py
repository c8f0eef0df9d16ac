"""Lexical features for story clustering: tokens, URL slug words, and streaming TF-IDF.

IDF is counted over the stream itself (no outside corpus), in arrival order, so the same ordered
input always gives the same vectors. Vectors are plain dicts (term -> weight), L2-normalised.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from urllib.parse import urlsplit

# Function words and headline filler: they say nothing about which event an article reports.
_STOPWORDS_WORDS = """
a an the of to in on for and or is are was were be been being by with at from as it its this
that these those after before over under new says say said will would can could may might
into up out about than more most us we you he she they his her their our your not no but has
have had do does did how why what who whom when where which while s t also just now then
there here all any some one two via amid against per if so too very
"""
STOPWORDS = frozenset(_STOPWORDS_WORDS.split())
# Words every URL path carries whatever the article is about.
_URL_NOISE_WORDS = """
http https www com html htm php story stories article articles news index asp aspx shtml cms
default rss co uk net org id amp print detail view content post posts page
"""
_URL_NOISE = frozenset(_URL_NOISE_WORDS.split())
_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"['’]s\b")

Vector = dict[str, float]


def words(text: str) -> list[str]:
    """Lower-cased content words of a text, possessives and stop words dropped."""
    folded = _POSSESSIVE.sub("", text.casefold())
    return [w for w in _WORD.findall(folded) if len(w) > 1 and w not in STOPWORDS]


def slug_words(url: str | None) -> list[str]:
    """Words of a URL's path ("/2024/06/19/putin-kim-sign-pact" -> putin, kim, sign, pact).

    Digits-only parts, opaque ids and generic path words are dropped: only words a headline
    could contain are kept.
    """
    if not url:
        return []
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    found = re.findall(r"[a-z]+", path.casefold())
    return [w for w in found if 2 < len(w) < 20 and w not in _URL_NOISE and w not in STOPWORDS]


def embedding_text(title: str, lead: str = "", url: str | None = None) -> str:
    """What the embedder reads for an article: its title and lead.

    A headline-only item (a feed entry, an aggregator row) gets its URL slug's words instead of a
    lead: the slug often holds the publisher's fuller original headline, and words the headline
    left out tie it to the rest of its story.
    """
    if lead:
        return f"{title}. {lead}"
    slug = " ".join(slug_words(url))
    return f"{title}. {slug}" if slug else title


def term_counts(
    title: str,
    lead: str = "",
    url: str | None = None,
    entities: list[str] | tuple[str, ...] = (),
    *,
    lead_weight: float = 0.5,
    slug_weight: float = 0.5,
    entity_weight: float = 2.0,
) -> Counter[str]:
    """Weighted terms of one article: title words and bigrams, lead words, slug words, entities.

    The title counts most; the lead and URL slug add words the headline left out; entity ids
    (when an enrichment stage gave them) enter as their own terms ("e:<id>"), so a shared entity
    weighs like a rare shared word.
    """
    counts: Counter[str] = Counter()
    title_words = words(title)
    counts.update(title_words)
    counts.update(f"{a}_{b}" for a, b in zip(title_words, title_words[1:], strict=False))
    for w in words(lead):
        counts[w] += lead_weight
    for w in set(slug_words(url)):
        if w not in counts:
            counts[w] += slug_weight
    for entity in set(entities):
        counts["e:" + entity] += entity_weight
    return counts


class StreamingIdf:
    """Document frequencies counted over the stream, in arrival order."""

    def __init__(self, doc_count: int = 0, doc_freq: dict[str, int] | None = None) -> None:
        self.doc_count = doc_count
        self.doc_freq: Counter[str] = Counter(doc_freq or {})

    def observe(self, terms: Counter[str]) -> None:
        self.doc_count += 1
        self.doc_freq.update(terms.keys())

    def idf(self, term: str) -> float:
        return math.log((self.doc_count + 1) / (self.doc_freq.get(term, 0) + 0.5))

    def vector(self, terms: Counter[str]) -> Vector:
        """TF-IDF vector of one article, L2-normalised (empty for an article with no terms)."""
        weighted = {t: tf * self.idf(t) for t, tf in terms.items()}
        norm = math.sqrt(sum(x * x for x in weighted.values()))
        if norm == 0:
            return {}
        return {t: x / norm for t, x in weighted.items()}

    def to_dict(self) -> dict[str, object]:
        return {"doc_count": self.doc_count, "doc_freq": dict(self.doc_freq)}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> StreamingIdf:
        return cls(int(data["doc_count"]), dict(data["doc_freq"]))  # type: ignore[arg-type]


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())
