"""Link every entity mention in one article to one canonical entity.

The steps, in order:
1. spaCy's spans (entity ruler from the knowledge files + NER), cleaned and repaired
   (`spans.py`: names cut in two made whole, states joined by dashes split, an acronym in
   brackets tied to the name before it).
2. Full names resolve on their own: a body right after its state ("Ukraine's Ministry of
   Defence") as that state's body; the knowledge index by normalised name ("Kim Jong-un",
   "Kim Jong Un" and "KIM JONG UN" are one key); a state's name with a letter or two run on
   ("South Koreas", `link_rules.py`); else a new entity "<type>:<slug>", typed by spaCy's
   label repaired by the name's form and neighbours (`unknown_types.py`). A capital or seat of
   power becomes its state when it acts ("Seoul must ...", `metonyms.py`).
   A known person's name next to a title naming an office that person never held by the
   article's date ("deputy foreign minister Kim Jong-un") is a namesake: its own entity
   "person:kim-jong-un-vice-foreign-minister" (`roles.py`), which later plain mentions of the
   same name in the article keep until a fitting title names the known person again.
3. Short forms resolve against the full names of the same article: a bare surname ("Park",
   "President Lee") to the one person of that surname named earlier (or, failing that, anywhere
   in the article), the title breaking ties; "the North" to North Korea once it was named (or,
   failing that, when the article names it later), "The Times" to the paper a knowledge file
   names so when the New York Times was not named; an acronym to an earlier long name with
   those initials. Two candidates left -> unresolved.
   A surname no full name explains resolves only to the one known person whose title on the
   article's date fits ("leader Kim" in 2024); without a title, to the one bearer in office of
   a state the article names (the head of state first), or who held one by its date, or, when
   it names none of theirs, the one bearer leading a state; a surname that is not Korean and
   that one known person bears is that person ("Ryder said"); else it stays unresolved with the
   known people of that surname as candidates (`link_rules.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from newsdesk.enrich.entity_records import NewEntity, Sentences, entity_records
from newsdesk.enrich.knowledge import Knowledge, KnownEntity, name_key, slugify
from newsdesk.enrich.korean_names import is_romanised_korean, romanised_korean_spans
from newsdesk.enrich.lexicon import Lexicon, load_lexicon
from newsdesk.enrich.link_rules import known_bearer, owned_institution, state_misspelled
from newsdesk.enrich.metonyms import names_the_place, names_the_place_written
from newsdesk.enrich.roles import contradicts, fits, namesake_id
from newsdesk.enrich.spans import (
    Candidate,
    candidate_spans,
    free_capitalised,
    initials,
    is_acronym,
    is_short_form,
    token_candidate,
)
from newsdesk.enrich.unknown_types import unknown_type
from newsdesk.enrich.written_names import written_name_spans
from newsdesk.model.enrichment import COUNTRY, GROUP, ORG, PERSON, PLACE, Entity, Mention

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
    given: str = ""  # name_key of the rest of the name ("seongkweun" for Lee Seong-kweun)


class _Linker:
    def __init__(
        self,
        doc: Doc,
        knowledge: Knowledge,
        lexicon: Lexicon,
        known_only: bool,
        published: date | None = None,
    ) -> None:
        self.doc = doc
        self.knowledge = knowledge
        self.lexicon = lexicon
        self.known_only = known_only
        self.published = published
        self.links: dict[int, _Link] = {}  # by candidate start
        self.full_names: list[_FullName] = []
        self.unknown: dict[str, NewEntity] = {}
        # known person id -> the entity its plain name means in this article so far (itself,
        # or a namesake a title set apart)
        self.reading: dict[str, str] = {}
        # acronyms this article defines in brackets ("(GAC)") -> the entity they abbreviate
        self.defined: dict[str, str] = {}
        self.defining: set[str] = set()

    def link(self, candidates: list[Candidate]) -> list[Candidate]:
        """Link every candidate; returns them with the bare surnames spaCy missed added."""
        self.defining = {c.text for c in candidates if c.acronym_of is not None}
        self.before = {c.start: b for b, c in zip([None, *candidates], candidates, strict=False)}
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
                found.append(token_candidate(self.doc, token, self.lexicon))
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
        if c.contextual or c.acronym_of is not None or c.text in self.defining:
            return True
        if self.knowledge.lookup_after_mention(c.text):
            return True  # before the index: "Times" after "New York Times" is that paper
        if self._known(c):
            return False
        return c.last - c.first == 1 or is_acronym(c)

    def _known(self, c: Candidate) -> list[str]:
        return [c.hint_id] if c.hint_id else self.knowledge.lookup(c.text)

    # --- full names --------------------------------------------------------------------------
    def _link_full(self, c: Candidate) -> _Link:
        if owned := owned_institution(self.before.get(c.start), c, self.doc, self.knowledge):
            return _Link(owned)
        ids = self._known(c)
        if ids:
            return self._link_known(c, self._pick(ids, c.label))
        if given := self._given_name_of(c):
            return _Link(given)
        if self.known_only:  # only "Yoo Sang-bum" (korean_names.py) is a name of no file
            korean = is_romanised_korean(c.text, self.lexicon.korean_surnames)
            return _Link(self._new_entity(c, PERSON) if korean else None)
        if state := state_misspelled(c, self.knowledge):
            return _Link(state)
        return _Link(self._new_entity(c))

    def _given_name_of(self, c: Candidate) -> str | None:
        """ "citing Seong-kweun" after "Lee Seong-kweun": the given name of the one person named
        in full before it."""
        if c.label != "PERSON":
            return None
        key = name_key(c.text)
        ids = _distinct([f for f in self.full_names if f.given == key and f.start < c.start])
        return ids[0] if len(ids) == 1 else None

    def _pick(self, ids: list[str], label: str) -> KnownEntity:
        entities = [self.knowledge.entities[i] for i in ids]
        fitting = [e for e in entities if e.type in _COMPATIBLE.get(label, set())]
        return (fitting or entities)[0]

    def _link_known(self, c: Candidate, entity: KnownEntity) -> _Link:
        acting = entity.seat_of and c.label != "NORP"
        if acting and not self._names_the_place(c):
            return _Link(entity.seat_of, metonym=True)
        if entity.type != PERSON:
            return _Link(entity.id)
        entity_id = self._person_reading(c, entity)
        if len(c.text.split()) > 1:
            titles = entity.all_titles if entity_id == entity.id else {c.role or ""}
            self._remember_full_name(entity_id, entity.surname or c.text, c, titles)
        return _Link(entity_id)

    def _names_the_place(self, c: Candidate) -> bool:
        if self.known_only:  # not English: the English cue words would not apply
            return names_the_place_written(self.doc.text, c.start, c.end)
        return names_the_place(self.doc, c.first, c.last, self.lexicon)

    def _person_reading(self, c: Candidate, entity: KnownEntity) -> str:
        """The known person, or a namesake when the title beside the name contradicts the
        offices the person held by the article's date. A title the person holds brings the
        name back to the person; a plain name (or "Mr.") keeps the last reading."""
        if c.role and contradicts(entity, c.role, self.published):
            entity_id = namesake_id(entity, c.role)
            record = self.unknown.setdefault(entity_id, NewEntity(PERSON))
            record.forms.add(c.text)
            if c.role not in record.roles:
                record.roles.append(c.role)
            self.reading[entity.id] = entity_id
        elif c.role and fits(entity.titles_on(self.published, former=True), c.role):
            self.reading[entity.id] = entity.id
        return self.reading.get(entity.id, entity.id)

    def _new_entity(self, c: Candidate, kind: str | None = None) -> str | None:
        """An entity no knowledge file holds, typed by `unknown_types.py`; None for an adjective
        of no known people ("Western", "Communist"): not a name."""
        kind = kind or unknown_type(c, self.doc, self.knowledge, self.lexicon)
        if kind is None:
            return None
        entity_id = f"{kind}:{slugify(c.text)}"
        self.unknown.setdefault(entity_id, NewEntity(kind)).forms.add(c.text)
        if kind == PERSON and len(c.text.split()) > 1:
            self._remember_full_name(entity_id, self._surname(c.text), c, ())
        return entity_id

    def _surname(self, name: str) -> str:
        words = re.split(r"[\s\-]+", name)
        return words[0] if words[0] in self.lexicon.korean_surnames else words[-1]

    def _remember_full_name(self, entity_id: str, surname: str, c: Candidate, titles) -> None:
        known_titles = {t for t in (*titles, c.title, c.role) if t}
        given = name_key(c.text).replace(name_key(surname), "", 1)
        self.full_names.append(
            _FullName(entity_id, name_key(surname), known_titles, c.start, given)
        )

    # --- short forms ---------------------------------------------------------------------------

    def _link_short(self, c: Candidate) -> _Link:
        if c.acronym_of is not None:
            return self._define_acronym(c)
        if c.text in self.defined:
            return _Link(self.defined[c.text])
        if c.text in self.defining:  # used before the brackets define it: read as usual
            return self._link_full(c) if self._known(c) else self._link_acronym(c)
        if c.contextual or self.knowledge.lookup_after_mention(c.text):
            return self._link_after_mention(c)
        if is_acronym(c) and c.label != "PERSON":
            return self._link_acronym(c)
        if self._is_surname(c):
            return self._link_surname(c)
        return _Link(None) if self.known_only else _Link(self._new_entity(c))

    def _is_surname(self, c: Candidate) -> bool:
        """One word naming a person: tagged PERSON, the surname of a person named in full, or a
        Korean surname spaCy took for an organisation ("Park said" as ORG)."""
        if is_short_form(c) or any(f.surname == name_key(c.text) for f in self.full_names):
            return True
        one_word = c.last - c.first == 1
        if not one_word or c.text in self.lexicon.korean_surnames:
            return one_word  # "Ryder said" as ORG: the surname of the one known Ryder
        return not self.known_only and len(self.knowledge.people_with_surname(c.text)) == 1

    def _define_acronym(self, c: Candidate) -> _Link:
        """ "(GAC)" after "General Administration of Customs": the same entity, here and in
        every later use of the acronym in the article."""
        named = self.links.get(c.acronym_of)
        long_name = next((n for n in self.before.values() if n and n.start == c.acronym_of), None)
        spelled = long_name is not None and initials(long_name.text) == c.text.replace(".", "")
        if named is None or named.entity_id is None or (self._known(c) and not spelled):
            # "... of the Workers' Party of Korea (WPK)": a known acronym not spelled out by
            # the whole name before it abbreviates a part of it
            return self._link_full(c) if self._known(c) else self._link_acronym(c)
        self.defined[c.text] = named.entity_id
        if named.entity_id in self.unknown:
            self.unknown[named.entity_id].forms.add(c.text)
        return _Link(named.entity_id, metonym=named.metonym)

    def _link_after_mention(self, c: Candidate) -> _Link:
        ids = self.knowledge.lookup_after_mention(c.text)
        # named before it, else later ("the North" before "North Korea" is named)
        chosen = [i for i in ids if i in self._named(c.start)] or [
            i for i in ids if i in self._named(len(self.doc.text))
        ]
        if len(chosen) != 1 and (known := self._known(c)):
            return _Link(known[0])  # "The Times" with no New York Times named: London's
        return _Link(chosen[0]) if len(chosen) == 1 else _Link(None, candidates=ids)

    def _named(self, before: int) -> set[str | None]:
        return {link.entity_id for start, link in self.links.items() if start < before}

    def _link_acronym(self, c: Candidate) -> _Link:
        acronym = c.text.replace(".", "")
        for entity_id, record in self.unknown.items():
            if record.type == ORG and any(initials(f) == acronym for f in record.forms):
                return _Link(entity_id)
        return _Link(None) if self.known_only else _Link(self._new_entity(c))

    def _link_surname(self, c: Candidate) -> _Link:
        key = name_key(c.text)
        same = [f for f in self.full_names if f.surname == key]
        earlier = [f for f in same if f.start < c.start]
        ids = _distinct(_by_title(earlier or same, c.role or c.title))
        if len(ids) == 1:
            return _Link(ids[0])
        if len(ids) > 1:
            return _Link(None, candidates=ids)
        return self._link_known_surname(c)

    def _link_known_surname(self, c: Candidate) -> _Link:
        """A surname no full name of the article explains: the one known person `known_bearer`
        picks by the title, the article's date and the entities it names; else unresolved, the
        known bearers as candidates. A surname no known person bears makes an entity of its
        own ("Rudenko"), unless it is a Korean surname, which alone names no one."""
        people = self.knowledge.people_with_surname(c.text)
        named = {link.entity_id for link in self.links.values() if link.entity_id}
        bearer, candidates = known_bearer(people, c.role or c.title, self.published, named)
        if bearer is None and len(people) == 1 and c.text not in self.lexicon.korean_surnames:
            bearer = people[0]  # one known bearer: a Korean surname alone names no one
        if bearer is not None:
            return _Link(bearer.id)
        if people:
            return _Link(None, candidates=[p.id for p in candidates])
        if self.known_only or c.text in self.lexicon.korean_surnames:
            return _Link(None)
        return _Link(self._new_entity(c))


def _by_title(names: list[_FullName], title: str | None) -> list[_FullName]:
    """Keep the people whose titles fit `title` ("President Lee"); all if none do."""
    if not title:
        return names
    fitting = [f for f in names if fits(f.titles, title)]
    return fitting or names


def _distinct(names: list[_FullName]) -> list[str]:
    return list(dict.fromkeys(f.entity_id for f in names))


def link_entities(
    doc: Doc, knowledge: Knowledge, *, known_only: bool = False, published: date | None = None
) -> tuple[list[Entity], list[Mention]]:
    """Entities and mentions of one parsed article (`doc` from the entity pass).

    With `known_only` (used for text that is not English, where spaCy's English NER guesses
    wildly), only names in the knowledge files are kept, matched on the text as written in any
    language (`written_names.py`). `published` (the article's date) decides which offices a
    known person held, for telling namesakes apart and reading "President Lee".
    """
    lexicon = load_lexicon()
    candidates = candidate_spans(doc, knowledge, lexicon)
    if known_only:
        korean = romanised_korean_spans(doc, lexicon.korean_surnames)
        candidates = written_name_spans(doc, knowledge, [*candidates, *korean])
    linker = _Linker(doc, knowledge, lexicon, known_only, published)
    candidates = linker.link(candidates)
    sentences = Sentences(doc)
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
    return entity_records(mentions, knowledge, linker.unknown), mentions
