"""Link every entity mention in one article to one canonical entity.

The steps, in order:
1. spaCy's spans (entity ruler from the knowledge files + NER), cleaned (`spans.py`).
2. Full names resolve on their own: the knowledge index by normalised name ("Kim Jong-un",
   "Kim Jong Un" and "KIM JONG UN" are one key), else a new entity "<type>:<slug>". A capital
   or seat of power becomes its state when it acts ("Seoul must ...", `metonyms.py`).
3. Short forms resolve against the full names of the same article: a bare surname ("Park",
   "President Lee") to the one person of that surname named earlier (or, failing that, anywhere
   in the article), the title breaking ties; "the North" to North Korea once it was named; an
   acronym to an earlier long name with those initials. Two candidates left -> unresolved.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsdesk.enrich.knowledge import Knowledge, KnownEntity, name_key, slugify
from newsdesk.enrich.lexicon import Lexicon, load_lexicon
from newsdesk.enrich.metonyms import names_the_place
from newsdesk.enrich.spans import (
    Candidate,
    candidate_spans,
    free_capitalised,
    initials,
    is_acronym,
    is_short_form,
    title_before,
)
from newsdesk.model.enrichment import COUNTRY, GROUP, ORG, PERSON, PLACE, Entity, Mention

_LABEL_TYPES = {
    "PERSON": PERSON,
    "ORG": ORG,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "NORP": GROUP,
}
_COMPATIBLE = {
    "PERSON": {PERSON},
    "ORG": {ORG},
    "GPE": {COUNTRY, PLACE},
    "LOC": {PLACE, COUNTRY},
    "FAC": {PLACE, ORG},
    "NORP": {COUNTRY, GROUP},
}


@dataclass
class _Link:
    entity_id: str | None
    metonym: bool = False
    candidates: list[str] = field(default_factory=list)


@dataclass
class _FullName:
    """A person named in full in this article: what a later "Kim" may refer to."""

    entity_id: str
    surname: str  # name_key of the surname
    titles: set[str]
    start: int


class _Sentences:
    """Sentence index and offsets for any character position of a doc."""

    def __init__(self, doc: Doc) -> None:
        self.bounds = [_trimmed(s.text, s.start_char) for s in doc.sents]
        self.starts = [start for start, _ in self.bounds]

    def locate(self, char: int) -> tuple[int, int, int]:
        index = max(0, bisect.bisect_right(self.starts, char) - 1)
        return index, *self.bounds[index]


def _trimmed(text: str, start: int) -> tuple[int, int]:
    stripped = text.strip()
    offset = start + (len(text) - len(text.lstrip()))
    return offset, offset + len(stripped)


class _Linker:
    def __init__(self, doc: Doc, knowledge: Knowledge, lexicon: Lexicon, known_only: bool) -> None:
        self.doc = doc
        self.knowledge = knowledge
        self.lexicon = lexicon
        self.known_only = known_only
        self.links: dict[int, _Link] = {}  # by candidate start
        self.full_names: list[_FullName] = []
        self.unknown: dict[str, tuple[str, set[str]]] = {}  # id -> (type, surface forms)

    def link(self, candidates: list[Candidate]) -> list[Candidate]:
        """Link every candidate; returns them with the bare surnames spaCy missed added."""
        short = [c for c in candidates if self._needs_context(c)]
        waiting = {id(c) for c in short}
        for candidate in candidates:
            if id(candidate) not in waiting:
                self.links[candidate.start] = self._link_full(candidate)
        missed = self._missed_surnames(candidates)
        for candidate in sorted([*short, *missed], key=lambda c: c.start):
            self.links[candidate.start] = self._link_short(candidate)
        return sorted([*candidates, *missed], key=lambda c: c.start)

    def _missed_surnames(self, candidates: list[Candidate]) -> list[Candidate]:
        """ "Yoon pledged ...": a surname of a person named in full, which NER left untagged."""
        surnames = {f.surname for f in self.full_names}
        if not surnames:
            return []
        covered = {i for c in candidates for i in range(c.first, c.last)}
        found = []
        for i in free_capitalised(self.doc):
            token = self.doc[i]
            if i in covered or not token.is_title or name_key(token.text) not in surnames:
                continue
            if self._stands_alone(token):
                found.append(
                    _token_candidate(self.doc, token, title_before(self.doc, i, self.lexicon))
                )
        return found

    def _stands_alone(self, token) -> bool:
        """Not part of a longer name: no capitalised word right after it, and none right before
        it unless that word is a title ("President Lee") or the token starts a sentence."""
        doc = self.doc
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and (after.is_title or (after.text == "-" and not token.whitespace_)):
            return False
        if token.i == 0 or token.is_sent_start:
            return True
        before = doc[token.i - 1]
        return not before.is_title or before.lower_ in self.lexicon.titles

    def _needs_context(self, c: Candidate) -> bool:
        """Short forms wait until every full name of the article is linked.

        A lone capitalised word spaCy tagged as something else ("Park" as ORG, "Wang" as ORG)
        waits too: it may be the surname of a person named in full.
        """
        if c.contextual:
            return True
        if self._known(c):
            return False
        if self.knowledge.lookup_after_mention(c.text):
            return True
        return c.last - c.first == 1 or is_acronym(c)

    def _known(self, c: Candidate) -> list[str]:
        return [c.hint_id] if c.hint_id else self.knowledge.lookup(c.text)

    # --- full names --------------------------------------------------------------------------

    def _link_full(self, c: Candidate) -> _Link:
        ids = self._known(c)
        if ids:
            return self._link_known(c, self._pick(ids, c.label))
        if self.known_only:
            return _Link(None)
        entity_id = self._new_entity(c)
        return _Link(entity_id)

    def _pick(self, ids: list[str], label: str) -> KnownEntity:
        entities = [self.knowledge.entities[i] for i in ids]
        fitting = [e for e in entities if e.type in _COMPATIBLE.get(label, set())]
        return (fitting or entities)[0]

    def _link_known(self, c: Candidate, entity: KnownEntity) -> _Link:
        acting = entity.seat_of and c.label != "NORP"
        if acting and not names_the_place(self.doc, c.first, c.last, self.lexicon):
            return _Link(entity.seat_of, metonym=True)
        if entity.type == PERSON and len(c.text.split()) > 1:
            self._remember_full_name(entity.id, entity.surname or c.text, c, entity.titles)
        return _Link(entity.id)

    def _new_entity(self, c: Candidate) -> str:
        kind = _LABEL_TYPES[c.label]
        if kind in (PLACE, GROUP) and c.text.split()[-1] in self.lexicon.org_heads:
            kind = ORG  # "Seoul Central District Court" tagged as a place
        entity_id = f"{kind}:{slugify(c.text)}"
        self.unknown.setdefault(entity_id, (kind, set()))[1].add(c.text)
        if kind == PERSON and len(c.text.split()) > 1:
            self._remember_full_name(entity_id, self._surname(c.text), c, ())
        return entity_id

    def _surname(self, name: str) -> str:
        words = re.split(r"[\s\-]+", name)
        return words[0] if words[0] in self.lexicon.korean_surnames else words[-1]

    def _remember_full_name(self, entity_id: str, surname: str, c: Candidate, titles) -> None:
        known_titles = set(titles) | ({c.title} if c.title else set())
        self.full_names.append(_FullName(entity_id, name_key(surname), known_titles, c.start))

    # --- short forms ---------------------------------------------------------------------------

    def _link_short(self, c: Candidate) -> _Link:
        if c.contextual or self.knowledge.lookup_after_mention(c.text):
            return self._link_after_mention(c)
        if is_acronym(c) and c.label != "PERSON":
            return self._link_acronym(c)
        if is_short_form(c) or any(f.surname == name_key(c.text) for f in self.full_names):
            return self._link_surname(c)
        return _Link(None) if self.known_only else _Link(self._new_entity(c))

    def _link_after_mention(self, c: Candidate) -> _Link:
        ids = self.knowledge.lookup_after_mention(c.text)
        named_before = {link.entity_id for start, link in self.links.items() if start < c.start}
        chosen = [i for i in ids if i in named_before]
        return _Link(chosen[0]) if len(chosen) == 1 else _Link(None, candidates=ids)

    def _link_acronym(self, c: Candidate) -> _Link:
        acronym = c.text.replace(".", "")
        for entity_id, (kind, forms) in self.unknown.items():
            if kind == ORG and any(initials(f) == acronym for f in forms):
                return _Link(entity_id)
        return _Link(None) if self.known_only else _Link(self._new_entity(c))

    def _link_surname(self, c: Candidate) -> _Link:
        key = name_key(c.text)
        same = [f for f in self.full_names if f.surname == key]
        earlier = [f for f in same if f.start < c.start]
        ids = _distinct(_by_title(earlier or same, c.title))
        if len(ids) == 1:
            return _Link(ids[0])
        if len(ids) > 1:
            return _Link(None, candidates=ids)
        known = _by_known_title(self.knowledge.people_with_surname(c.text), c.title)
        if len(known) == 1:
            return _Link(known[0].id)
        return _Link(None) if self.known_only else _Link(self._new_entity(c))


def _token_candidate(doc: Doc, token, title: str | None) -> Candidate:
    return Candidate(
        token.i,
        token.i + 1,
        token.text,
        token.idx,
        token.idx + len(token.text),
        "PERSON",
        None,
        title,
    )


def _by_title(names: list[_FullName], title: str | None) -> list[_FullName]:
    """Keep the people whose titles include `title` ("President Lee"); all if none do."""
    if not title:
        return names
    fitting = [f for f in names if any(title in t for t in f.titles)]
    return fitting or names


def _by_known_title(people: list[KnownEntity], title: str | None) -> list[KnownEntity]:
    """Without a full name in the article, a surname needs a title to pick a known person."""
    if not title:
        return []
    return [p for p in people if any(title in t for t in p.titles)]


def _distinct(names: list[_FullName]) -> list[str]:
    return list(dict.fromkeys(f.entity_id for f in names))


def link_entities(
    doc: Doc, knowledge: Knowledge, *, known_only: bool = False
) -> tuple[list[Entity], list[Mention]]:
    """Entities and mentions of one parsed article (`doc` from the entity pass).

    With `known_only` (used for text that is not English, where spaCy's English NER guesses
    wildly), only names in the knowledge files are kept.
    """
    lexicon = load_lexicon()
    candidates = candidate_spans(doc, knowledge, lexicon)
    linker = _Linker(doc, knowledge, lexicon, known_only)
    candidates = linker.link(candidates)
    sentences = _Sentences(doc)
    mentions = []
    for c in candidates:
        link = linker.links[c.start]
        if link.entity_id is None and not link.candidates:
            continue
        index, sent_start, sent_end = sentences.locate(c.start)
        mentions.append(
            Mention(
                link.entity_id,
                c.text,
                c.start,
                c.end,
                c.label,
                index,
                sent_start,
                sent_end,
                link.metonym,
                link.candidates,
            )
        )
    return _entities(mentions, knowledge, linker.unknown), mentions


def _entities(mentions: list[Mention], knowledge: Knowledge, unknown: dict) -> list[Entity]:
    forms: dict[str, list[str]] = {}
    for m in mentions:
        if m.entity_id:
            forms.setdefault(m.entity_id, [])
            if m.text not in forms[m.entity_id]:
                forms[m.entity_id].append(m.text)
    entities = []
    for entity_id, seen in forms.items():
        known = knowledge.entities.get(entity_id)
        if known:
            aliases = list(dict.fromkeys([*known.aliases, *seen]))
            entities.append(
                Entity(entity_id, known.name, known.type, aliases, True, list(known.roles))
            )
        else:
            kind = unknown.get(entity_id, (entity_id.split(":")[0], set()))[0]
            name = max(seen, key=len)
            entities.append(Entity(entity_id, name, kind, seen))
    return entities
