"""Entity knowledge: what the desk already knows about people, organisations and places.

Knowledge lives in TOML files (`data/knowledge/*.toml`, plus any the user passes), read by
`knowledge_files.py` into the entities of `known_entities.py`.

This module turns those files into a `Knowledge` index: normalised name -> entity ids, the
patterns for spaCy's entity ruler, and the facts linking needs (surnames, titles, offices held
and when, seats of power).

Names in other languages live in the same `aliases` and `demonyms` lists. A word ending in `*`
is a stem ("Путин*" for Путин, Путина, Путину): it is matched only on text as written
(`written_names.py`), never handed to spaCy's English ruler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from newsdesk.enrich.knowledge_files import (
    KnowledgeError,
    default_knowledge_files,
    knowledge_dir,
    read_entities,
)
from newsdesk.enrich.known_entities import KnownEntity, Role
from newsdesk.enrich.name_forms import (
    family_name_spellings,
    is_stem,
    korean_name_variants,
    name_key,
    slugify,
)
from newsdesk.model.enrichment import COUNTRY, GROUP, ORG, PERSON, PLACE

# Re-exported: callers import these from here, where the index they serve lives.
__all__ = [
    "Knowledge",
    "KnowledgeError",
    "KnownEntity",
    "Role",
    "default_knowledge_files",
    "family_name_spellings",
    "is_stem",
    "knowledge_dir",
    "korean_name_variants",
    "load_knowledge",
    "name_key",
    "slugify",
]

# The spaCy label the entity ruler gives each type (the label only steers spaCy; links use ids).
_RULER_LABELS = {PERSON: "PERSON", ORG: "ORG", COUNTRY: "GPE", PLACE: "GPE", GROUP: "NORP"}


class Knowledge:
    """An index over known entities, built once per set of knowledge files."""

    def __init__(self, entities: Iterable[KnownEntity], fingerprint: str = "") -> None:
        self.entities: dict[str, KnownEntity] = {e.id: e for e in entities}
        self.fingerprint = fingerprint
        self._names: dict[str, list[str]] = {}
        self._after_mention: dict[str, list[str]] = {}
        for entity in self.entities.values():
            for form in (*entity.surface_forms, *entity.demonyms):
                if not is_stem(form):
                    _add(self._names, name_key(form), entity.id)
            for form in entity.after_mention:
                _add(self._after_mention, name_key(form), entity.id)

    def lookup(self, text: str) -> list[str]:
        """Ids of the entities this name always means (usually one)."""
        return self._names.get(name_key(text), [])

    def lookup_after_mention(self, text: str) -> list[str]:
        """Ids this name means once the entity was named in full earlier ("the North")."""
        return self._after_mention.get(name_key(text), [])

    def single_word_place_label(self, word: str) -> str | None:
        """ "GPE" or "NORP" when `word` alone names a known country, place or people, as
        written or in capitals ("PYONGYANG" in a dateline)."""
        spellings = {word, word.title()} if word.isupper() and len(word) > 3 else {word}
        for entity_id in self._names.get(name_key(word), []):
            entity = self.entities[entity_id]
            if entity.type in (COUNTRY, PLACE, GROUP) and spellings & set(entity.surface_forms):
                return "GPE" if entity.type != GROUP else "NORP"
            if entity.type == COUNTRY and spellings & set(entity.demonyms):
                return "NORP"
        return None

    def is_demonym(self, entity_id: str, text: str) -> bool:
        entity = self.entities.get(entity_id)
        return bool(entity) and name_key(text) in {name_key(d) for d in entity.demonyms}

    def people_with_surname(self, surname: str) -> list[KnownEntity]:
        key = name_key(surname)
        return [e for e in self.entities.values() if e.surname and name_key(e.surname) == key]

    def ruler_label(self, entity_id: str) -> str:
        """The spaCy label a mention of this entity carries (PERSON, ORG, GPE, NORP)."""
        return _RULER_LABELS[self.entities[entity_id].type]

    def _owned_form(self) -> re.Pattern[str]:
        """Names that open with a state's name or demonym and a possessive: group 1 holds
        the possessive (see `_owned_alias`)."""
        states = sorted(_state_names(self.entities.values()), key=len, reverse=True)
        alternation = "|".join(re.escape(s) for s in states)
        return re.compile(rf"(?:{alternation})('s|’s)?\s")

    def ruler_patterns(self) -> list[dict[str, str]]:
        """Phrase patterns for spaCy's entity ruler, placed before `ner`.

        People and organisations go in with every spelling: they fix spaCy's known misses
        ("Yoon Suk" for Yoon Suk-yeol, Korea Herald as PERSON, KIDA as FAC, Trump as ORG).
        Places, countries and demonyms go in only when several words long or abbreviated
        ("N. Korea", "DPRK"): a one-word "Seoul" or "Korean" in the ruler would cut longer
        unknown names ("Seoul National University") that spaCy finds on its own.
        """
        patterns = []
        owned = self._owned_form()
        for entity in self.entities.values():
            label = _RULER_LABELS[entity.type]
            for form in entity.surface_forms:
                if entity.type != COUNTRY and _owned_alias(owned, form, entity.name):
                    continue  # "Russia's Foreign Ministry": spaCy decides where names end
                if entity.type in (PERSON, ORG) or _is_distinctive(form):
                    for spelling in _apostrophes(form):
                        patterns.append({"label": label, "pattern": spelling, "id": entity.id})
            for form in entity.demonyms:
                if _is_distinctive(form) and not is_stem(form):
                    patterns.append({"label": "NORP", "pattern": form, "id": entity.id})
        return patterns


def _owned_alias(owned: re.Pattern[str], form: str, name: str) -> bool:
    """An alias that puts a state before a body's own name: "South Korea's Joint Chiefs of
    Staff" always, "South Korean Joint Chiefs of Staff" when the body's name has no state in
    it. The press writes these as one name or as the state and its body, and the ruler would
    force the first reading on every text; they stay in the index, where a whole span or a
    body right after its state (`entities.py`) finds them. Names with the state in them
    ("US State Department", "Russian State Duma") stay in the ruler."""
    match = owned.match(form)
    if match is None:
        return False
    return bool(match.group(1)) or (form != name and not owned.match(name))


def _state_names(entities: Iterable[KnownEntity]) -> list[str]:
    return [
        form
        for e in entities
        if e.type == COUNTRY
        for form in (e.name, *e.aliases, *e.demonyms)
        if not is_stem(form)
    ]


def _apostrophes(form: str) -> list[str]:
    """ "People's" and "People’s": the ruler matches tokens as written, and the press uses both."""
    return [form, form.replace("'", "’")] if "'" in form else [form]


def _add(index: dict[str, list[str]], key: str, entity_id: str) -> None:
    ids = index.setdefault(key, [])
    if entity_id not in ids:
        ids.append(entity_id)


def _is_distinctive(form: str) -> bool:
    """Several words, dotted ("N. Korea"), hyphenated ("Komsomolsk-on-Amur") or an acronym
    ("DPRK"): safe to force on spaCy."""
    return " " in form or "." in form or "-" in form or (form.isupper() and len(form) >= 2)


def load_knowledge(extra_files: Sequence[Path | str] = (), *, defaults: bool = True) -> Knowledge:
    """The knowledge index for the packaged files (unless `defaults=False`) plus `extra_files`.

    Cached per set of files and their modification times, so callers may ask every time.
    """
    files = [*(default_knowledge_files() if defaults else []), *(Path(f) for f in extra_files)]
    for path in files:
        if not path.is_file():
            raise KnowledgeError(f"knowledge file not found: {path}")
    stamp = tuple((str(p.resolve()), p.stat().st_mtime_ns) for p in files)
    return _load_cached(stamp)


@cache
def _load_cached(stamp: tuple[tuple[str, int], ...]) -> Knowledge:
    entities = read_entities(Path(path_text) for path_text, _ in stamp)
    return Knowledge(entities, fingerprint=repr(stamp))
