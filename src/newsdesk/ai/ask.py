"""Questions answered with the stored news' own sentences, or "not stated in the stored news".

    ask(store, "How many North Korean troops were sent to Russia?")
        ->  Answer(sentences=[Cited("About 11,000 North Korean troops are in Russia, ...")],
                   span="About 11,000", kind="number", score=0.83)

Passages come from hybrid search (full text and meaning, fused) plus a full-text search for any
of the question's words; every sentence of those articles is scored by how much of the
question's weight (tf-idf over the candidate sentences) it carries, a question word found only
in the article's title or the sentence before counting half, and by whether it holds what the
question asks for: a number for "how many/much", a date for "when", a name for "who", a place
for "where". Below MIN_SCORE nothing stored states the answer, and newsdesk says so rather
than guess. MIN_SCORE was set on the dev half of benchmarks/data/ai_questions.jsonl only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field

from newsdesk import embeddings
from newsdesk.ai.cite import Cited, cite
from newsdesk.ai.text import article_sentences, is_statement, numbers_in, terms, words
from newsdesk.model import StoredArticle
from newsdesk.search import SearchError, search
from newsdesk.store import Store
from newsdesk.store.fulltext import Filters, TextQuery

NOT_STATED = "not stated in the stored news"
MIN_SCORE = 0.6  # see the module's docstring; benchmarks/ai_quality.py prints its effect
TYPE_MISS = 0.5  # a sentence without what the question asks for keeps this share of its score
CONTEXT_SHARE = 0.5  # a question word found only in the title or the sentence before counts half
SEMANTIC_SHARE = 0.5  # the final score mixes the lexical one with the question's cosine
RERANKED = 8  # the best lexical candidates re-scored by meaning (MiniLM, one batch)
RERANK_WORDS = 40  # of each: a sentence's opening carries its claim, and time grows with length
SECOND_WITHIN = 0.9  # a second sentence is cited when it scores this close to the first
POOL = 12  # articles from each retrieval
MAX_QUESTION_CHARS = 500

_QUESTION_WORD_TEXT = (
    "how many much long far big large often old when who whom whose what which where why did "
    "does do was were is are has have had"
)
QUESTION_WORDS = frozenset(_QUESTION_WORD_TEXT.split())
KINDS = (
    (
        "number",
        r"how (many|much|long|far|big|large|often|old|high|tall)|what (percentage|share|"
        r"proportion|number|amount|total|price|cost|value|sum)|what was the (death )?toll|"
        r"what (is|was|are|were) the (price|cost|number|amount|total|value|size|height|"
        r"altitude|inclination|mass|weight|length|distance|speed|range|population|death toll)",
    ),
    ("date", r"when|(at|on) what time|what (year|month|day|date)|on what (day|date)|"
     r"in (what|which) year"),
    ("person", r"who|whom|whose|which (leader|official|minister|president|person|spokes\w+)"),
    ("place", r"where|in which (city|country|region|port|province)|which (city|port|region)"),
)  # fmt: skip
MONTHS = (
    r"jan(uary|\.)?|feb(ruary|\.)?|march|mar\.|april|apr\.|may|june?|july?|aug(ust|\.)?|"
    r"sep(t(ember)?|\.)?|oct(ober|\.)?|nov(ember|\.)?|dec(ember|\.)?"
)
DATE = re.compile(
    rf"\b((({MONTHS})\s+\d{{1,2}}(st|nd|rd|th)?(,?\s+\d{{4}})?)|(\d{{1,2}}\s+({MONTHS})(\s+\d{{4}})?)|"
    rf"(in|since|by|until|from|during)\s+({MONTHS})|(19|20)\d\d|\d{{1,2}}:\d\d|"
    r"(on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(last|this|next|earlier this|later this)\s+(year|month|week|spring|summer|autumn|winter))\b",
    re.IGNORECASE,
)
NUMBER_WORDS = re.compile(
    r"\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"hundreds?|thousands?|millions?|billions?|trillions?|half|twice|double)\b",
    re.IGNORECASE,
)
NAME = re.compile(r"\b[A-Z][\w'\u2019-]+(?:\s+(?:[A-Z][\w'\u2019-]+|of|de|al)\b)*")
# Entity labels (spaCy's, as stored with each mention) that answer "who" and "where".
LABELS = {"person": ("PERSON", "ORG"), "place": ("GPE", "LOC", "FAC")}


@dataclass
class Answer:
    question: str
    kind: str  # "number", "date", "person", "place" or "other"
    sentences: list[Cited] = field(default_factory=list)  # empty: not stated
    span: str | None = None  # the part of the first sentence that answers, when found
    score: float = 0.0
    searched: int = 0  # articles read

    @property
    def stated(self) -> bool:
        return bool(self.sentences)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.sentences) if self.sentences else NOT_STATED


@dataclass
class _Candidate:
    cited: Cited
    terms: set[str]
    context: set[str]  # the article's title and the sentence before: what "it" refers to
    score: float = 0.0


def question_kind(question: str) -> str:
    text = question.casefold().strip()
    for kind, pattern in KINDS:
        if re.match(rf"^\W*({pattern})\b", text):
            return kind
    return "other"


def key_terms(question: str) -> list[str]:
    kept = [w for w in words(question) if w.casefold() not in QUESTION_WORDS]
    return list(dict.fromkeys(terms(" ".join(kept))))


def ask(store: Store, question: str, min_score: float = MIN_SCORE) -> Answer:
    """The sentence(s) that state the answer, cited; none when nothing stored states it.
    SearchError for an empty or over-long question."""
    question = " ".join(question.replace("\x00", "").split())
    if not question:
        raise SearchError("ask a question: the text is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise SearchError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    kind = question_kind(question)
    wanted = key_terms(question)
    answer = Answer(question, kind)
    if not wanted:
        return answer
    articles = retrieve(store, question)
    answer.searched = len(articles)
    names = _names(store, articles, kind)
    ranked = rerank(rank(articles, question, kind, wanted, names), question)
    if not ranked or ranked[0].score < min_score:
        answer.score = ranked[0].score if ranked else 0.0
        return answer
    best = ranked[0]
    answer.score = best.score
    answer.sentences = [best.cited]
    second = next(
        (c for c in ranked[1:] if c.cited.citation.article_id != best.cited.citation.article_id),
        None,
    )
    if second is not None and second.score >= SECOND_WITHIN * best.score:
        answer.sentences.append(second.cited)
    answer.span = answer_span(best.cited.text, kind, question, names)
    return answer


def retrieve(store: Store, question: str) -> list[StoredArticle]:
    """Candidate articles: hybrid search for the question, then any of its key words."""
    ids: list[str] = []
    with suppress(SearchError):  # e.g. only punctuation: the key words still search
        ids += [h.article.id for h in search(store, question, "hybrid", limit=POOL).hits]
    raw_words = [w for w in words(question) if w.casefold() not in QUESTION_WORDS]
    loose = TextQuery(terms=tuple(raw_words), any_of=True)
    if not loose.is_empty:
        ids += [hit.article_id for hit in store.search_text(loose, Filters(), POOL)]
    found = store.get_articles(ids)
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def _names(store: Store, articles: list[StoredArticle], kind: str) -> list[str] | None:
    """The names the enrichment stage found in the articles that can answer a "who" or
    "where" question (None before enrichment, or for other questions)."""
    if kind not in LABELS:
        return None
    found = [
        m.text
        for stored in articles
        for m in store.article_mentions(stored.id)
        if m.label in LABELS[kind] and m.entity_id is not None
    ]
    return sorted(set(found), key=lambda n: -len(n)) or None


def rank(
    articles: list[StoredArticle],
    question: str,
    kind: str,
    wanted: list[str],
    names: list[str] | None = None,
) -> list[_Candidate]:
    """Every statement of the articles, best answer first."""
    candidates = []
    for stored in articles:
        title = set(terms(stored.article.title))
        before: set[str] = set()
        for sentence in article_sentences(stored.article):
            own = set(terms(sentence.text))
            if is_statement(sentence.text):
                candidates.append(_Candidate(cite(stored, sentence), own, title | before))
            before = own
    if not candidates:
        return []
    frequency = Counter(t for c in candidates for t in c.terms)
    count = len(candidates)
    weight = {t: math.log((1 + count) / (1 + frequency[t])) + 1.0 for t in wanted}
    total = sum(weight.values())
    for candidate in candidates:
        covered = sum(w for t, w in weight.items() if t in candidate.terms)
        around = sum(w for t, w in weight.items() if t in candidate.context - candidate.terms)
        score = (covered + CONTEXT_SHARE * around) / total
        if not holds(candidate.cited.text, kind, question, names):
            score *= TYPE_MISS
        candidate.score = score
    return sorted(candidates, key=lambda c: -c.score)


def rerank(ranked: list[_Candidate], question: str) -> list[_Candidate]:
    """The best lexical candidates re-scored half by meaning: the cosine of the question's
    sentence vector with theirs (paraphrases: "When does the mandate expire?" / "The panel's
    mandate expires at the end of April."). Without the model the lexical order stands."""
    top = ranked[:RERANKED]
    if not top:
        return ranked
    try:
        texts = [" ".join(c.cited.text.split()[:RERANK_WORDS]) for c in top]
        vectors = embeddings.shared_embedder().embed([question, *texts])
    except embeddings.EmbeddingUnavailable:
        return ranked
    for candidate, vector in zip(top, vectors[1:], strict=True):
        cosine = max(float(vector @ vectors[0]), 0.0)
        candidate.score = (1 - SEMANTIC_SHARE) * candidate.score + SEMANTIC_SHARE * cosine
    return sorted(top, key=lambda c: -c.score) + ranked[RERANKED:]


def holds(sentence: str, kind: str, question: str, names: list[str] | None = None) -> bool:
    """Whether the sentence has what the question asks for, beyond what the question says."""
    if kind == "number":
        return bool(numbers_in(sentence) - numbers_in(question)) or bool(
            {m.casefold() for m in NUMBER_WORDS.findall(sentence) if not m[0].isdigit()}
        )
    if kind == "date":
        asked = {m.group(0).casefold() for m in DATE.finditer(question)}
        return any(m.group(0).casefold() not in asked for m in DATE.finditer(sentence))
    if kind in LABELS:
        return _new_name(sentence, question, names) is not None
    return True


def _new_name(sentence: str, question: str, names: list[str] | None) -> str | None:
    """A name in the sentence the question does not already say: one the enrichment stage
    found (longest first), else a run of capitalised words less the question's own words."""
    asked = {w.casefold() for w in words(question)}
    if names is not None:
        fresh = (
            n
            for n in names
            if re.search(rf"\b{re.escape(n)}\b", sentence)
            and not {w.casefold() for w in words(n)} <= asked
        )
        return next(fresh, None)
    best = None
    for match in NAME.finditer(sentence):
        kept = [w for w in match.group(0).split() if w.casefold() not in asked]
        if kept and kept[0][0].isupper() and (best is None or len(kept) > len(best)):
            best = kept
    return " ".join(best) if best else None


def answer_span(
    sentence: str, kind: str, question: str, names: list[str] | None = None
) -> str | None:
    """The words of the sentence that answer: the number, the date or the name."""
    if kind == "number":
        asked = numbers_in(question)
        for match in re.finditer(
            r"((about|around|roughly|nearly|some|more than|at least|up to|over|almost|"
            r"approximately)\s+)?[$€£]?\d[\d,.]*(\s+(million|billion|trillion|percent))?",
            sentence,
            re.IGNORECASE,
        ):
            if match.group(0).strip() and not (numbers_in(match.group(0)) <= asked):
                return match.group(0).strip().rstrip(".,")
        words_found = NUMBER_WORDS.findall(sentence)
        return words_found[0] if words_found else None
    if kind == "date":
        asked = {m.group(0).casefold() for m in DATE.finditer(question)}
        for match in DATE.finditer(sentence):
            if match.group(0).casefold() not in asked:
                return match.group(0)
        return None
    if kind in LABELS:
        return _new_name(sentence, question, names)
    return None
