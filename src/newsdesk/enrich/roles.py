"""Titles read as offices: does "deputy foreign minister Kim Jong-un" fit the known Kim Jong Un?

A title in the text ("vice foreign minister", "former President", "Gen.") is parsed into its
head noun (the office: minister, president, director...), its rank words (vice, first, acting:
a different office from the plain one) and its qualifiers (foreign, unification: which
ministry). Two titles name the same office when head and rank agree and one's qualifiers
contain the other's ("minister" fits "foreign minister"; "vice foreign minister" does not fit
"foreign minister"; "foreign minister" does not fit "unification minister").

Linking asks two questions here:
- `contradicts`: does a title written next to a known person's name name an office that person
  never held by the article's date? Then the name belongs to a namesake (`namesake_id`).
- `fitting_people`: which known people carried this title on the article's date ("leader Kim"
  in 2024 is Kim Jong Un, not his late father)?
Only office heads judge: "leader", "official", "Mr." say nothing about who holds which post.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from newsdesk.enrich.knowledge import KnownEntity, slugify

# A closed set of words, so kept here rather than in the lexicon: rank words make another
# office of the same head ("prime minister" is no "minister"); time words say the office was
# held before ("then-President").
RANK_WORDS = {
    "vice": "vice",
    "deputy": "vice",
    "first": "first",
    "acting": "acting",
    "prime": "prime",
}
TIME_WORDS = frozenset({"former", "late", "then", "ex", "ousted", "outgoing", "impeached"})
# The heads that name one post a person holds at a time in government; any other title
# ("leader", "official", "general", "adviser", "lawmaker", "researcher") says too little about
# which post, or is kept across posts, and is compatible with every office.
OFFICE_HEADS = frozenset(
    {
        "minister",
        "premier",
        "president",
        "secretary",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "ambassador",
        "envoy",
        "commander",
        "governor",
        "mayor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    }
)
# "Secretary general", "prosecutor general": "general" closes the title, the word before it is
# the post; a military "general" follows a rank word ("lieutenant general").
_MILITARY_RANKS = frozenset({"lieutenant", "major", "brigadier", "colonel", "four-star", "army"})
# Abbreviated titles, spelled out before they are compared.
_SPELLED_OUT = {
    "fm": "foreign minister",
    "vfm": "vice foreign minister",
    "dfm": "vice foreign minister",
    "gen.": "general",
    "lt.": "lieutenant",
    "adm.": "admiral",
    "sen.": "senator",
    "rep.": "representative",
    "gov.": "governor",
    "defence": "defense",
    "vice-minister": "vice minister",
}
# Words that belong to no title: "of", "the" in "minister of foreign affairs" stay qualifiers.
_FILLER = frozenset({"of", "the", "for", "and", "'s", "’s"})


@dataclass(frozen=True)
class Title:
    head: str
    rank: tuple[str, ...] = ()
    qualifiers: frozenset[str] = frozenset()
    former: bool = False

    @property
    def is_office(self) -> bool:
        return self.head in OFFICE_HEADS


def title_words(text: str) -> list[str]:
    """Lower-case words of a title with abbreviations spelled out and hyphens opened."""
    words: list[str] = []
    for word in text.lower().replace("–", "-").split():
        spelled = _SPELLED_OUT.get(word, word)
        if spelled == word and "-" in word and word not in OFFICE_HEADS:
            spelled = " ".join(_SPELLED_OUT.get(w, w) for w in word.split("-") if w)
        words.extend(spelled.split())
    return words


def parse_title(text: str) -> Title:
    """ "Former First Vice Foreign Minister" -> head minister, rank (first, vice), {foreign}."""
    words = [w for w in title_words(text) if w not in _FILLER]
    if not words:
        return Title("")
    former = any(w in TIME_WORDS for w in words)
    rank = tuple(dict.fromkeys(RANK_WORDS[w] for w in words if w in RANK_WORDS))
    head_size = 2 if _compound_general(words) else 1
    head = " ".join(words[-head_size:])
    qualifiers = frozenset(words[:-head_size]) - TIME_WORDS - set(RANK_WORDS)
    return Title(head, rank, qualifiers, former)


def _compound_general(words: list[str]) -> bool:
    return len(words) >= 2 and words[-1] == "general" and words[-2] not in _MILITARY_RANKS


def same_office(a: Title, b: Title) -> bool:
    """Same head, same rank, and one's qualifiers within the other's."""
    if a.head != b.head or a.rank != b.rank:
        return False
    return a.qualifiers <= b.qualifiers or b.qualifiers <= a.qualifiers


def contradicts(person: KnownEntity, role: str, day: date | None) -> bool:
    """True when `role`, written next to `person`'s name, names an office the person never
    held up to `day` (any office counts without a day), so the name is a namesake's.

    Offices held before the article's date fit: the press names people by the posts they held
    at the time it tells of. Knowledge files list offices with dates for the people whose
    careers they follow; for those, any other office contradicts. For the rest, whose lists
    may be short, only a present rank the person never had ("vice", "first") or another
    post of a kind the person holds ("foreign minister" for a unification minister) does.
    """
    title = parse_title(role)
    if not title.is_office:
        return False
    known = [parse_title(t) for t in person.all_titles]
    if not any(k.is_office for k in known):
        return False
    held = [parse_title(t) for t in person.titles_on(day, former=True)]
    if any(same_office(title, k) for k in held):
        return False
    if person.offices:
        return True
    if title.former:
        return False  # an earlier post the short list may not hold ("then-Vice Chairman")
    return bool(title.rank) or any(k.head == title.head for k in known)


def fits(titles: Iterable[str], role: str) -> bool:
    """Does `role` ("minister") name one of `titles` ("unification minister")? A former title
    ("late leader") fits only a role written as former ("the late leader")."""
    wanted = parse_title(role)
    if not wanted.head:
        return False
    for text in titles:
        known = parse_title(text)
        if known.former and not wanted.former:
            continue
        if same_office(wanted, known):
            return True
    return False


def fitting_people(people: list[KnownEntity], role: str, day: date | None) -> list[KnownEntity]:
    """The people who carried `role` on `day` (or now, without a day); a role written as former
    ("former President Moon") looks at the offices left before the day."""
    former = parse_title(role).former
    found = []
    for person in people:
        titles = person.former_titles(day) if former else person.current_titles(day)
        if fits(titles, role):
            found.append(person)
    return found


def role_key(role: str) -> str:
    """The role as it tells namesakes apart, time words dropped and ranks spelled one way:
    "Deputy Foreign Minister" and "former vice foreign minister" -> "vice foreign minister"."""
    words = [RANK_WORDS.get(w, w) for w in title_words(role) if w not in TIME_WORDS]
    return " ".join(words)


def namesake_id(person: KnownEntity, role: str) -> str:
    """ "person:kim-jong-un" + "deputy foreign minister" -> "person:kim-jong-un-vice-foreign-
    minister": stable across articles that give the namesake the same office."""
    return f"{person.id}-{slugify(role_key(role))}"


def is_title_word(word: str) -> bool:
    """A word that may sit inside a title phrase before its head ("vice", "first", "former")."""
    lowered = word.lower()
    return lowered in RANK_WORDS or lowered in TIME_WORDS or bool(re.fullmatch(r"ex-?", lowered))
