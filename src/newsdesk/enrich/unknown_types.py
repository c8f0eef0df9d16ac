"""The type of a name no knowledge file holds: spaCy's label, repaired by what the name's
form and its neighbours say ("Oleksandr Kovalenko" tagged as a place is a person, "Kyiv Post"
tagged as a person an organisation, "flights to Vladivostok" a place), or None for an
adjective of no known people ("Western")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsdesk.enrich.candidates import Candidate, is_acronym
from newsdesk.enrich.knowledge import Knowledge
from newsdesk.enrich.lexicon import Lexicon
from newsdesk.model.enrichment import GROUP, ORG, PERSON, PLACE

_LABEL_TYPES = {
    "PERSON": PERSON,
    "ORG": ORG,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "NORP": GROUP,
}


def unknown_type(c: Candidate, doc: Doc, knowledge: Knowledge, lexicon: Lexicon) -> str | None:
    """spaCy's type for a name no knowledge file holds, repaired by what the name and its
    neighbours say; the first rule that applies decides."""
    kind = _LABEL_TYPES[c.label]
    words = c.text.split()
    single = c.last - c.first == 1
    if _place_noun_after(c, doc):
        return PLACE  # "the Sviatoshynskyi district", "Primorye region"
    if kind in (PLACE, GROUP, PERSON) and (
        any(w in lexicon.org_heads for w in words)
        or (kind == PERSON and any(w in ("of", "for", "and") for w in words))
        or is_acronym(c)
        or _described_as_org(c, doc)
    ):
        # "Seoul Central District Court" tagged as a place, "Kyiv Post" or "KOTRA" as a
        # person, "Elliptic, a blockchain analytics firm," as a person
        return ORG
    if kind in (ORG, GROUP, PLACE) and _reads_as_person(c, words, knowledge):
        return PERSON  # "Oleksandr Kovalenko" tagged as a place, "Kovalenko" as a group
    if kind == GROUP:
        if _ADJECTIVE_ENDING.search(c.text):
            return None
        return PLACE  # "Belgorod", "Fangchuan" tagged as a people
    if kind == PERSON and single and _after_locative(c, doc, lexicon):
        return PLACE  # "flights to Vladivostok", "in Rason"
    if kind == ORG and single and not is_acronym(c) and _inside(c, doc):
        return PLACE  # "in Khasan": an organisation is worked at, not lived in
    return kind


def _place_noun_after(c: Candidate, doc: Doc) -> bool:
    return c.last < len(doc) and doc[c.last].lower_ in _PLACE_NOUNS_AFTER


def _reads_as_person(c: Candidate, words: list[str], knowledge: Knowledge) -> bool:
    """A person's name by its form: an East Slavic surname ending ("Kovalenko", "Lysenko",
    "Petrova"), or a given name of a known person before one more capitalised word. A
    single word tagged as a place ends with no surname ending: "Rostov" is a city."""
    if len(words) > 3 or not all(w[:1].isupper() for w in words):
        return False
    if len(words) >= 2 and words[0] in _given_names(knowledge):
        return True
    surname_form = _SURNAME_ENDING.search(words[-1]) is not None
    return surname_form and (c.label != "GPE" or len(words) >= 2)


def _described_as_org(c: Candidate, doc: Doc) -> bool:
    """Followed by a noun of organisations ("the Asan news agency") or an apposition with one
    ("Elliptic, a London-based firm,")."""
    i = c.last
    apposition = i < len(doc) and doc[i].text == ","
    if apposition:
        i += 1
        if i < len(doc) and doc[i].lower_ in ("a", "an", "the"):
            i += 1
    head = None  # the apposition's last word before a preposition or a comma: its noun
    for token in doc[i : min(len(doc), i + (6 if apposition else 2))]:
        if token.pos_ == "ADP" or token.lower_ in _ENDS_PHRASE or token.text in ("'s", "’s"):
            break
        if token.is_punct and token.text != "-":
            break
        head = token.lower_
    return head in _ORG_NOUNS


def _inside(c: Candidate, doc: Doc) -> bool:
    return c.first > 0 and doc[c.first - 1].lower_ in ("in", "near", "outside", "inside")


def _after_locative(c: Candidate, doc: Doc, lexicon: Lexicon) -> bool:
    """Right after "in", "near", "at" or a word of movement and "to"/"from"."""
    if c.first == 0:
        return False
    word = doc[c.first - 1].lower_
    if word in ("to", "from") and c.first >= 2:
        word = doc[c.first - 2].lower_
        return word in lexicon.movement_words
    return word in lexicon.locative_prepositions or word == "between"


# Endings of adjectives and peoples' names ("Western", "Communist", "Shiite", "Baltic"): a
# word of these spaCy calls a people, and no knowledge file knows, names no entity.
_ADJECTIVE_ENDING = re.compile(r"(?:ern|ist|ists|ite|ites|ic|ian|ians|ese|ish|an|ans|i)$")

# Nouns that say a name is an organisation's when they follow it or its apposition.
_ORG_NOUNS = frozenset(
    {
        "company",
        "firm",
        "agency",
        "outlet",
        "newspaper",
        "website",
        "institute",
        "broadcaster",
        "network",
        "publication",
        "portal",
        "organisation",
        "organization",
        "ngo",
        "platform",
        "exchange",
        "startup",
        "ministry",
        "council",
        "committee",
        "party",
        "university",
        "association",
        "foundation",
        "channel",
        "magazine",
        "tabloid",
        "daily",
        "weekly",
        "monitor",
        "watchdog",
        "corporation",
        "conglomerate",
        "manufacturer",
        "airline",
        "think-tank",
        "tank",
        "thinktank",
        "brigade",
        "battalion",
        "regiment",
    }
)

# Nouns after a name that make it a place's ("the Sviatoshynskyi district").
_PLACE_NOUNS_AFTER = frozenset(
    {
        "district",
        "region",
        "province",
        "oblast",
        "county",
        "city",
        "town",
        "village",
        "island",
        "islands",
        "river",
        "port",
        "peninsula",
        "krai",
        "prefecture",
        "border",
    }
)
# Endings of East Slavic and Caucasian surnames, which spaCy often takes for places or groups.
_SURNAME_ENDING = re.compile(
    r"(?:enko|chuk|yuk|iuk|ova|eva|sky|skyi|skiy|skaya|vich|vych|shvili|ov|ev)$"
)
_GIVEN_NAMES: dict[str, frozenset[str]] = {}


def _given_names(knowledge: Knowledge) -> frozenset[str]:
    """First words of the known people's names written given name first ("Oleksandr")."""
    key = knowledge.fingerprint or str(id(knowledge))
    names = _GIVEN_NAMES.get(key)
    if names is None:
        names = frozenset(
            e.name.split()[0]
            for e in knowledge.entities.values()
            if e.type == PERSON and not e.korean_name and not e.family_name and " " in e.name
        )
        _GIVEN_NAMES[key] = names
    return names


_ENDS_PHRASE = frozenset({"at", "of", "in", "for", "with", "from", "on", "who", "which", "that"})
