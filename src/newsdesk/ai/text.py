"""Sentences and terms: the units every extractive feature works on.

    split_sentences("Kim met Putin in the U.S. He left.")  ->  ["Kim met Putin in the U.S.", ...]
    article_sentences(article)  ->  [Sentence(text, paragraph=0, position=0), ...]
    terms("North Korean troops")  ->  ["north", "korean", "troop"]

A regular-expression splitter that knows the abbreviations news copy uses (U.N., Jan., Gen.):
nothing to download, and fast enough for every paragraph of a page of results.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdesk.model import Article

# A candidate end: . ! or ? (closing quotes or brackets may follow), whitespace, then what may
# start a sentence.
_BOUNDARY = re.compile(
    r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u0400-\uffff])"
)
_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof gen lt col maj capt sgt adm cmdr gov sen rep st jr sr no nos vs etc inc "
    "corp co ltd dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own said same says she should so some such than that the their theirs them then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours told according"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
MIN_SENTENCE_WORDS = 4


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its text, the paragraph it is in (an index into
    `article.paragraphs`) and its place among the article's sentences."""

    text: str
    paragraph: int
    position: int


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, in order (whitespace trimmed, empty ones left out)."""
    text = " ".join(paragraph.split())
    found, start = [], 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + 1
        if _is_abbreviation(text, end):
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [s for s in found if s]


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the full stop just before `end` closes an abbreviation, not a sentence."""
    if text[end - 1] != ".":
        return False
    word = re.search(r"([\w.]+)\.$", text[:end])
    if word is None:
        return False
    token = word.group(1)
    # U.S. / U.N. / N. Korea: single letters with stops; an initial ("Kim J. Un") too.
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):
        return True
    return token.casefold() in _ABBREVIATIONS


def article_sentences(article: Article) -> list[Sentence]:
    """Every sentence of the article's body, each with its paragraph index."""
    found: list[Sentence] = []
    for index, paragraph in enumerate(article.paragraphs):
        for text in split_sentences(paragraph):
            found.append(Sentence(text, index, len(found)))
    return found


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# Irregular forms news questions and answers put on either side ("How far did it fly?" /
# "The missile flew ...").
IRREGULAR = {
    "flew": "fly", "flown": "fly", "sent": "send", "met": "meet", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "went": "go", "gone": "go",
    "fought": "fight", "sold": "sell", "bought": "buy", "paid": "pay", "held": "hold",
    "left": "leave", "won": "win", "began": "begin", "begun": "begin", "built": "build",
    "spent": "spend", "lost": "lose", "made": "make", "fell": "fall", "fallen": "fall",
    "rose": "rise", "risen": "rise", "stole": "steal", "stolen": "steal", "brought": "bring",
    "signed": "sign", "killed": "kill", "died": "die", "dead": "die", "deaths": "die",
}  # fmt: skip


def stem(word: str) -> str:
    """A light stemmer: plurals, a few verb endings and irregular forms, enough to match
    "troops" to "troop" and "flew" to "fly"."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            base = word[: len(word) - len(suffix)] + keep
            # "occurred" -> "occur", "planned" -> "plan" (not "fall", "pass", "buzz")
            if suffix in ("ing", "ed") and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    return word


def terms(text: str) -> list[str]:
    """Content terms: lower-cased, stop words out, lightly stemmed."""
    folded = (w.casefold().replace("\u2019", "'") for w in words(text))
    return [stem(w.removesuffix("'s")) for w in folded if w not in STOPWORDS and len(w) > 1]


def is_statement(text: str) -> bool:
    """A sentence worth showing alone: long enough, and not a question or a dangling quote."""
    return len(words(text)) >= MIN_SENTENCE_WORDS and not text.rstrip("\"'\u201d ").endswith("?")


def tfidf_matrix(
    documents: Sequence[list[str]], idf: dict[str, float] | None = None
) -> tuple[np.ndarray, dict[str, int]]:
    """Rows of unit-length tf-idf vectors (log tf); idf from the documents themselves unless
    given. Returns the matrix and the vocabulary (term -> column)."""
    vocabulary: dict[str, int] = {}
    for document in documents:
        for term in document:
            vocabulary.setdefault(term, len(vocabulary))
    if idf is None:
        frequency = Counter(t for d in documents for t in set(d))
        count = len(documents)
        idf = {t: math.log((1 + count) / (1 + n)) + 1.0 for t, n in frequency.items()}
    matrix = np.zeros((len(documents), max(len(vocabulary), 1)), dtype=np.float64)
    for row, document in enumerate(documents):
        for term, n in Counter(document).items():
            matrix[row, vocabulary[term]] = (1.0 + math.log(n)) * idf.get(term, 1.0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms, vocabulary


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> set[str]:
    """The numbers written in a text, separators dropped ("11,000" -> "11000")."""
    return {n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)}
