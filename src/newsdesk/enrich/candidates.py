"""`Candidate`: one cleaned entity span of a doc, and what its words alone tell of it (a
surname, an acronym, the initials of a long name)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newsdesk.enrich.lexicon import Lexicon
from newsdesk.enrich.name_forms import name_key

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@dataclass
class Candidate:
    """One cleaned span: tokens [first, last) of the doc and what is known about it."""

    first: int
    last: int
    text: str
    start: int  # character offsets into the doc text
    end: int
    label: str
    hint_id: str | None  # the id the entity ruler attached, if any
    title: str | None  # the title right before the name, lower case ("president")
    contextual: bool = False  # found only as an after-mention alias ("the North")
    role: str | None = None  # (people) the whole title phrase next to the name, lower case
    acronym_of: int | None = None  # "(GAC)" after a name: the start of the name it abbreviates


_CONNECTORS = frozenset({"of", "for", "and", "on"})


def institution_words(doc: Doc, first: int, last: int, lexicon: Lexicon) -> bool:
    """Tokens [first, last) read as an institution's name, not a person's: a lower-case
    connector ("Administration of Customs") or an organisation's head word ("Staff Office")."""
    return any(t.text in _CONNECTORS or t.text in lexicon.org_heads for t in doc[first:last])


def is_short_form(candidate: Candidate) -> bool:
    """One word naming a person: a surname to resolve against full names in the same text."""
    return candidate.label == "PERSON" and candidate.last - candidate.first == 1


def is_acronym(candidate: Candidate) -> bool:
    text = candidate.text.replace(".", "")
    return 2 <= len(text) <= 7 and text.isupper() and text.isalpha()


def initials(name: str) -> str:
    """'Korea Institute for Defense Analyses' -> 'KIDA' (capitalised words only)."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)
