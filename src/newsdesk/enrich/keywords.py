"""Keywords: spaCy noun chunks scored by tf-idf.

Candidates are the noun chunks of the article's lead (title and first sentences, where news
puts its topic; parsing the whole body would halve throughput), cleaned of determiners and of
names already listed as entities. Each is scored by how often it (and its head word) occurs in
the whole text times its inverse document frequency. The document-frequency table starts empty
(then only frequency, phrase length and a place in the title count, and a list of generic news
words is dropped) and is updated from a corpus with `DocumentFrequencies.add_document`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span

from newsdesk.enrich.figure_syntax import MentionIndex
from newsdesk.enrich.lexicon import load_lexicon
from newsdesk.model.enrichment import DocumentFrequencies, Keyword, Mention

_MAX_WORDS = 4
_TITLE_BOOST = 1.5


def lead_text(text: str, budget: int | None, sentence_ends: list[int] | None = None) -> str:
    """The title and first sentences, up to the first sentence end past `budget` characters
    (all of it when `budget` is None). `sentence_ends` are the sentence end offsets of the
    entity pass; without them the cut falls at the next ". " or line break."""
    if budget is None or len(text) <= budget:
        return text
    if sentence_ends:
        end = next((e for e in sentence_ends if e >= budget), len(text))
    else:
        found = [i for i in (text.find(". ", budget), text.find("\n", budget)) if i >= 0]
        end = min(found) + 1 if found else len(text)
    return text[:end]


def candidate_terms(
    lead: Doc, mentions: list[Mention], dates: list[tuple[int, int]] = ()
) -> list[tuple[str, bool]]:
    """Cleaned noun chunks of the parsed lead as (term, in_title), in order, duplicates kept.

    `dates` are the DATE/TIME spans of the entity pass: chunks touching them are dropped.
    """
    index = MentionIndex(mentions, unresolved=True)
    title_end = lead.text.find("\n")
    terms = []
    for chunk in lead.noun_chunks:
        if any(s < chunk.end_char and chunk.start_char < e for s, e in dates):
            continue
        term = _clean_chunk(chunk, index)
        if term:
            terms.append((term, title_end < 0 or chunk.start_char < title_end))
    return terms


def _clean_chunk(chunk: Span, index: MentionIndex) -> str | None:
    lexicon = load_lexicon()
    words = [t for t in chunk if not t.is_space]
    possessive = [i for i, t in enumerate(words) if t.tag_ == "POS"]
    if possessive:  # "the two countries' military cooperation" -> "military cooperation"
        words = words[possessive[-1] + 1 :]
    # Drop leading determiners, numbers and names ("Moscow's increasing military collaboration").
    while words and (
        words[0].lower_ in lexicon.leading_stopwords
        or words[0].like_num
        or words[0].is_punct
        or words[0].tag_ == "POS"
        or index.at(words[0].idx) is not None
    ):
        words.pop(0)
    if not words or words[-1].pos_ not in ("NOUN", "PROPN") or len(words) > _MAX_WORDS:
        return None
    if any(index.at(t.idx) for t in words):
        return None  # a name: listed with the entities already
    if any(t.like_num or t.lower_ in _figure_words() for t in words):
        return None  # a figure or its unit ("won", "tens of thousands"): listed with the figures
    term = re.sub(r"\s*-\s*", "-", " ".join(t.lower_ for t in words))
    if (
        term in lexicon.generic_keywords
        or term in lexicon.titles
        or term in _months()
        or len(term) < 3
        or not any(c.isalpha() for c in term)
    ):
        return None
    return term


def score_keywords(
    text: str,
    candidates: list[tuple[str, bool]],
    frequencies: DocumentFrequencies | None = None,
    limit: int = 10,
) -> list[Keyword]:
    """The `limit` best terms: frequency in `text` x idf x phrase length x title boost."""
    frequencies = frequencies or DocumentFrequencies()
    counts = _ngram_counts(text)
    in_title = {term for term, title in candidates if title}
    scored = []
    for term in dict.fromkeys(term for term, _ in candidates):
        head = term.split()[-1]
        tf = counts[term] + (0.5 * counts[head] if head != term else 0.0)
        length = 1.0 + 0.3 * (len(term.split()) - 1)
        boost = _TITLE_BOOST if term in in_title else 1.0
        scored.append((max(tf, 1.0) * frequencies.idf(term) * length * boost, term))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return _without_overlaps(scored, limit)


@cache
def _figure_words() -> frozenset[str]:
    f = load_lexicon().figures
    words = [
        *f["units"],
        *f["currency_words"],
        *f["number_words"],
        *f["vague_counts"],
        *f["scales"],
    ]
    return frozenset(w.lower() for phrase in words for w in phrase.split())


@cache
def _months() -> frozenset[str]:
    return frozenset(m.lower() for m in load_lexicon().figures["months"])


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _ngram_counts(text: str) -> Counter[str]:
    """How often every run of 1 to 4 words occurs, in the form terms take ("post-war aid")."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    counts: Counter[str] = Counter()
    for size in range(1, _MAX_WORDS + 1):
        counts.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return counts


def _without_overlaps(scored: list[tuple[float, str]], limit: int) -> list[Keyword]:
    """Skip a term already inside a better one ("coal" after "coal imports")."""
    kept: list[Keyword] = []
    for score, term in scored:
        if any(_contains(term, k.term) or _contains(k.term, term) for k in kept):
            continue
        kept.append(Keyword(term, round(score, 3)))
        if len(kept) == limit:
            break
    return kept


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "
