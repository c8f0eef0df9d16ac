"""Rules that link one name by what the knowledge files know, beside the plain index lookup:
a state's name misspelt ("South Koreas"), a body right after its state ("Ukraine's Ministry of
Defence"), and the known person a bare surname means ("leader Kim", "Kim" in a story naming
North Korea) when no full name of the article explains it."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from newsdesk.enrich.candidates import Candidate
from newsdesk.enrich.knowledge import Knowledge, KnownEntity, is_stem
from newsdesk.enrich.roles import fits, fitting_people, parse_title

# Offices at the head of a state, then of its government: a bare surname in the news ("Kim
# inspected ...") names the bearer holding one before a premier or a minister of that name.
HEAD_OFFICES = (
    frozenset({"leader", "supreme leader", "president", "general secretary"}),
    frozenset({"prime minister", "premier"}),
)


def state_misspelled(c: Candidate, knowledge: Knowledge) -> str | None:
    """ "South Koreas military", "North Koreas": a state's name with an apostrophe lost
    or a letter or two run on, which no name in the knowledge files explains."""
    words = c.text.split()
    if c.label not in ("GPE", "LOC", "NORP", "ORG") or len(words) < 2:
        return None  # one word: "the two Koreas" are no misspelt "Korea"
    for cut in (1, 2):
        if len(words[-1]) <= cut + 2 or not words[-1][-cut:].isalpha():
            continue
        ids = knowledge.lookup(c.text[:-cut])
        states = [i for i in ids if i.startswith("country:")]
        if len(states) == 1:
            return states[0]
    return None


def owned_institution(
    owner: Candidate | None, c: Candidate, doc: Doc, knowledge: Knowledge
) -> str | None:
    """ "Ministry of Defence" right after "Ukrainian" or "Ukraine's" (`owner`, the candidate
    before): the known institution of that state ("Ukrainian Ministry of Defence", "Ministry of
    Defence of Ukraine"), even where the bare name is known as another state's. The state keeps
    its own mention."""
    if c.label not in ("ORG", "FAC") or owner is None or not _owns(owner, c, doc):
        return None
    states = [i for i in knowledge.lookup(owner.text) if i.startswith("country:")]
    if len(states) != 1:
        return None
    state = knowledge.entities[states[0]]
    names = [f for f in (state.name, *state.aliases, *state.demonyms) if not is_stem(f)]
    for name in names:
        for form in (f"{name} {c.text}", f"{name}'s {c.text}", f"{c.text} of {name}"):
            ids = [i for i in knowledge.lookup(form) if i.startswith("org:")]
            if ids:
                return ids[0]
    return None


def _owns(owner: Candidate, c: Candidate, doc: Doc) -> bool:
    """The owner's name stands right before the institution's ("Ukraine's Ministry")."""
    between = doc[owner.last : c.first]
    return len(between) == 0 or (len(between) == 1 and between[0].text in ("'s", "’s"))


def known_bearer(
    people: list[KnownEntity], role: str | None, day: date | None, named: set[str]
) -> tuple[KnownEntity | None, list[KnownEntity]]:
    """The known person among `people` (the bearers of one surname) a bare surname means, by
    the rules below; else None and the candidates left (those fitting, or all of them).

    The one whose title on `day` fits `role` ("leader Kim"); without a role that names an
    office, the one holding an office of an entity the article names (`named`) on `day`, the
    head of state first ("Kim" in a story about North Korea in 2023); failing that, the one
    who held such an office by `day`, or the one leading a state."""
    fitting = fitting_people(people, role, day) if role else []
    if role and not fitting and day is None:
        # an undated text may be older than every office held now: "President Yoon" is the
        # one Yoon who was ever president
        fitting = [p for p in people if fits(p.all_titles, role)]
    if len(fitting) == 1:
        return fitting[0], []
    if not fitting and not (role and parse_title(role).is_office):
        fitting = in_office_of(people, named, day)
        if len(fitting) > 1:
            fitting = heads_of_state(fitting, day) or fitting
        if len(fitting) == 1:
            return fitting[0], []
        if not fitting:
            # "Mr. Yoon" in a story naming South Korea, no date given: the one known
            # bearer who held an office of a state the story names, by its date
            held = in_office_of(people, named, day, ever=True)
            if len(held) == 1:
                return held[0], []
            # "Kim met Putin" naming no state of any bearer: the one leading a state
            heads = heads_of_state(people, day)
            if len(heads) == 1:
                return heads[0], []
    return None, fitting or people


def in_office_of(
    people: list[KnownEntity], named: set[str], day: date | None, ever: bool = False
) -> list[KnownEntity]:
    """The people holding, on `day`, an office of an entity in `named` (with `ever`: holding
    or having held one by that date, any date when it is None)."""
    return [
        p
        for p in people
        if any(
            r.org in named
            for r in (
                [r for r in p.offices if day is None or r.began_by(day)]
                if ever
                else p.offices_on(day)
            )
        )
    ]


def heads_of_state(people: list[KnownEntity], day: date | None) -> list[KnownEntity]:
    """The people holding the highest of `HEAD_OFFICES` that any of them holds on `day`."""
    for offices in HEAD_OFFICES:
        heads = [p for p in people if any(r.title in offices for r in p.offices_on(day))]
        if heads:
            return heads
    return []
