"""The enrichment stage over a batch of articles: the one place that knows the order of steps.

language -> entity pass (spaCy NER + ruler) -> linking -> figure candidates ->
syntax pass (leads and figure sentences only) -> figures and keywords.

`workers > 1` forks worker processes that each run whole batches (spaCy and the Python steps
after it), so both cores work on everything, not only on NER.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.enrich.entities import link_entities
from newsdesk.enrich.figure_syntax import SentenceSyntax
from newsdesk.enrich.figures import Draft, complete_figures, find_figures, other_language_figures
from newsdesk.enrich.keywords import candidate_terms, lead_text, score_keywords
from newsdesk.enrich.knowledge import Knowledge, load_knowledge
from newsdesk.enrich.language import UNKNOWN, detect_language, most_likely_of
from newsdesk.enrich.ledger_rules import ledger_languages, ledger_rules
from newsdesk.enrich.nlp import entity_docs, get_nlp, syntax_docs
from newsdesk.model import Article
from newsdesk.model.enrichment import DocumentFrequencies, Enrichment, LanguageGuess

ENGLISH = "en"
# Below this py3langid confidence a text is treated as English: short headlines and teasers
# get low, wrong guesses; whole articles in another language score above 0.9.
_SURE_OF_LANGUAGE = 0.5
# An unsure guess with English less than this share as likely is not English: of 6,367 English
# headlines (the UCI slice), 53 read unsure as a language with rules, 1 of them with English this
# far behind (a half would have taken 19).
_FAR_BEHIND = 1 / 8


@dataclass(frozen=True)
class EnrichOptions:
    """What to run and how. Every part is on by default."""

    entities: bool = True
    figures: bool = True
    keywords: bool = True
    language: bool = True
    knowledge_files: tuple[Path, ...] = ()  # extra knowledge files, after the packaged ones
    # Keyword candidates come from the title and the lead up to this many characters (None: the
    # whole text). Parsing costs ~16 ms per 1,000 characters on this machine; see nlp.py.
    keyword_lead_chars: int | None = 1000
    max_keywords: int = 10
    frequencies: DocumentFrequencies | None = field(default=None, compare=False)
    batch_size: int = 16
    workers: int = 1


@dataclass(frozen=True)
class EnrichInput:
    article_id: str
    text: str
    published: date | None = None


def article_text(article: Article) -> str:
    """The text enrichment reads and its offsets index: title, blank line, body paragraphs."""
    body = article.body_text
    return f"{article.title}\n\n{body}" if body else article.title


def article_date(article: Article) -> date | None:
    """The publication date in the source's own time zone when known (KST for Korean sites)."""
    stamp = article.published
    if stamp is None:
        return None
    offset = timedelta(minutes=stamp.utc_offset_minutes or 0)
    return (stamp.utc + offset).date()


def to_input(article_id: str, article: Article) -> EnrichInput:
    return EnrichInput(article_id, article_text(article), article_date(article))


def enrich_inputs(
    items: Iterable[EnrichInput], options: EnrichOptions | None = None
) -> Iterator[Enrichment]:
    """Enrich texts in input order, `options.batch_size` at a time, on `options.workers`
    processes."""
    options = options or EnrichOptions()
    batches = _batches(items, options.batch_size)
    if options.workers <= 1:
        for batch in batches:
            yield from enrich_batch(batch, options)
        return
    _warm(options)  # load spaCy once here; forked workers share it
    context = multiprocessing.get_context("fork")
    with context.Pool(options.workers, initializer=_init_worker, initargs=(options,)) as pool:
        for result in pool.imap(_worker_batch, batches):
            yield from result


def enrich_batch(batch: list[EnrichInput], options: EnrichOptions) -> list[Enrichment]:
    """Every part of enrichment for one batch of texts, in one process."""
    knowledge = load_knowledge(options.knowledge_files)
    nlp = get_nlp(knowledge)
    results = [_start(item, options) for item in batch]
    if not (options.entities or options.figures or options.keywords):
        return results
    english = [_is_english(r, item.text) for r, item in zip(results, batch, strict=True)]
    docs = _entity_docs(nlp, [item.text for item in batch], english)
    work = [
        _Work(item, result, doc, is_english)
        for item, result, doc, is_english in zip(batch, results, docs, english, strict=True)
    ]
    for job in work:
        job.link(knowledge, options)
    _run_syntax(nlp, work, options)
    for job in work:
        job.finish(options)
    return results


def _entity_docs(nlp: Language, texts: list[str], english: list[bool]) -> list[Doc]:
    """Entity pass, with NER only for English texts (the rest get the knowledge ruler only)."""
    ner = iter(entity_docs(nlp, [t for t, e in zip(texts, english, strict=True) if e]))
    ruler = iter(
        entity_docs(nlp, [t for t, e in zip(texts, english, strict=True) if not e], ner=False)
    )
    return [next(ner) if e else next(ruler) for e in english]


def _is_english(result: Enrichment, text: str) -> bool:
    """Whether the English rules read the text: English; or too short to tell ("Kim" alone
    reads as Esperanto), unless it is surely not English: its language has rules and English is
    far behind ("Elle a livré 300 000 obus.": French 0.17, English 0.01), when that language's
    rules read it ("300 000" is one number in French, two in English)."""
    guess = result.language
    if guess.code in (ENGLISH, UNKNOWN.code):
        return True
    if guess.confidence >= _SURE_OF_LANGUAGE:
        return False
    if ledger_rules(guess.code) is None:
        return True
    return most_likely_of(text, [ENGLISH]).confidence >= guess.confidence * _FAR_BEHIND


def _start(item: EnrichInput, options: EnrichOptions) -> Enrichment:
    language = detect_language(item.text) if options.language else LanguageGuess(ENGLISH, 0.0)
    if language.code != UNKNOWN.code and ledger_rules(language.code) is None:
        # A short text often reads as a language close to one newsdesk has rules for ("Ukraine
        # says 300 soldiers from Russia died." as Nigerian Pidgin, 0.53 against English's 0.28;
        # "Elle a livré 300 000 obus." as Walloon, 0.15 against French's 0.14): with such a
        # language close behind, its rules read the text best.
        nearest = most_likely_of(item.text, _ruled_languages())
        if nearest.confidence >= language.confidence / 2:
            language = nearest
    return Enrichment(item.article_id, language, text_length=len(item.text))


@cache
def _ruled_languages() -> frozenset[str]:
    return frozenset(code for code in ledger_languages() if ledger_rules(code) is not None)


@dataclass
class _Work:
    """One article on its way through the batch."""

    item: EnrichInput
    result: Enrichment
    doc: Doc
    english: bool  # the English rules read it (`_is_english`)
    drafts: list[Draft] = field(default_factory=list)
    lead: str = ""
    syntax: dict[int, SentenceSyntax] = field(default_factory=dict)
    lead_doc: Doc | None = None

    def link(self, knowledge: Knowledge, options: EnrichOptions) -> None:
        # English NER guesses wildly on other languages: keep only names the knowledge files know.
        entities, mentions = link_entities(
            self.doc, knowledge, known_only=not self.english, published=self.item.published
        )
        self.result.entities, self.result.mentions = entities, mentions
        if not self.english:
            code = self.result.language.code
            found = (
                other_language_figures(self.doc, code, mentions, self.item.published)
                if options.figures
                else None
            )
            if found is not None:
                self.result.figures = found
            skipped = "keywords" if found is not None else "figures, keywords"
            self.result.skipped.append(f"{skipped}: language {code}")
            return
        if options.figures:
            self.drafts = find_figures(self.doc, self.item.published)
        if options.keywords:
            ends = [sent.end_char for sent in self.doc.sents]
            self.lead = lead_text(self.item.text, options.keyword_lead_chars, ends)

    def sentences_to_parse(self) -> dict[int, str]:
        """Figure sentences outside the lead, by start offset (the lead is parsed anyway)."""
        cut = len(self.lead)
        return {
            d.figure.sentence_start: d.figure.sentence
            for d in self.drafts
            if d.figure.sentence_end > cut
        }

    def finish(self, options: EnrichOptions) -> None:
        dates = [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ in ("DATE", "TIME")]
        if self.drafts:
            syntax = self._syntax_by_sentence()
            for parsed in syntax.values():
                parsed.dates = dates
            self.result.figures = complete_figures(
                self.drafts, syntax, self.result.mentions, self.item.text
            )
        if self.lead_doc is not None:
            terms = candidate_terms(self.lead_doc, self.result.mentions, dates)
            self.result.terms = list(dict.fromkeys(t for t, _ in terms))
            self.result.keywords = score_keywords(
                self.item.text, terms, options.frequencies, options.max_keywords
            )
        if not options.entities:
            self.result.entities, self.result.mentions = [], []

    def _syntax_by_sentence(self) -> dict[int, SentenceSyntax]:
        """Each figure sentence's parse, taken from the lead doc when the lead holds it."""
        found = dict(self.syntax)
        if self.lead_doc is not None:
            for draft in self.drafts:
                start, end = draft.figure.sentence_start, draft.figure.sentence_end
                if start not in found and end <= len(self.lead):
                    span = self.lead_doc.char_span(start, end, alignment_mode="expand")
                    if span is not None:
                        found[start] = SentenceSyntax(span.as_doc(), span.start_char)
        return found


def _run_syntax(nlp: Language, work: list[_Work], options: EnrichOptions) -> None:
    """One syntax pass for the batch: every lead and every figure sentence outside a lead."""
    texts: list[str] = []
    owners: list[tuple[_Work, int | None]] = []
    for job in work:
        if job.lead:
            texts.append(job.lead)
            owners.append((job, None))
        for start, sentence in job.sentences_to_parse().items():
            texts.append(sentence)
            owners.append((job, start))
    for (job, start), doc in zip(owners, syntax_docs(nlp, texts), strict=True):
        if start is None:
            job.lead_doc = doc
        else:
            job.syntax[start] = SentenceSyntax(doc, start)


def _batches(items: Iterable[EnrichInput], size: int) -> Iterator[list[EnrichInput]]:
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, size))):
        yield batch


def _warm(options: EnrichOptions) -> None:
    get_nlp(load_knowledge(options.knowledge_files))


_WORKER_OPTIONS: EnrichOptions | None = None


def _init_worker(options: EnrichOptions) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options


def _worker_batch(batch: list[EnrichInput]) -> list[Enrichment]:
    assert _WORKER_OPTIONS is not None, "worker used before _init_worker"
    return enrich_batch(batch, _WORKER_OPTIONS)
