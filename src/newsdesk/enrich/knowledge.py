"""Entity knowledge: what the desk already knows about people, organisations and places.

Knowledge lives in TOML files (`data/knowledge/*.toml`, plus any the user passes). Each file has
arrays of tables named by entity type (`[[person]]`, `[[org]]`, `[[country]]`, `[[place]]`,
`[[group]]`); see the header of `korea.toml` for the fields. An entry whose id already exists
extends it, so a user's file can add aliases to a packaged entity.

This module turns those files into a `Knowledge` index: normalised name -> entity ids, the
patterns for spaCy's entity ruler, and the facts linking needs (surnames, titles, offices held
and when, seats of power).

Names in other languages live in the same `aliases` and `demonyms` lists. A word ending in `*`
is a stem ("Путин*" for Путин, Путина, Путину): it is matched only on text as written
(`written_names.py`), never handed to spaCy's English ruler.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

from newsdesk.errors import NewsdeskError
from newsdesk.model.enrichment import COUNTRY, ENTITY_TYPES, GROUP, ORG, PERSON, PLACE

_LIST_FIELDS = ("aliases", "after_mention", "demonyms", "titles", "roles")
# Offices change hands on a date the press does not always follow at once ("Foreign Minister
# Choe" the week she was promoted, a minister called by his title days after he left): a role
# counts as held this long before its start and after its end.
_ROLE_GRACE = timedelta(days=31)
# The spaCy label the entity ruler gives each type (the label only steers spaCy; links use ids).
_RULER_LABELS = {PERSON: "PERSON", ORG: "ORG", COUNTRY: "GPE", PLACE: "GPE", GROUP: "NORP"}


class KnowledgeError(NewsdeskError):
    """A knowledge file could not be read or has an entry that makes no sense."""


@dataclass(frozen=True)
class Role:
    """One office a person held: `{title = "foreign minister", org = "country:north-korea",
    from = 2022-06-11}`. `start`/`end` None: open on that side (`end` None: still held)."""

    title: str  # lower case
    org: str | None = None  # an entity id or a plain name
    start: date | None = None
    end: date | None = None

    def held_on(self, day: date, *, grace: timedelta = _ROLE_GRACE) -> bool:
        """Held on `day`, give or take `grace` (none when picking who a title means today)."""
        after_start = self.start is None or day >= self.start - grace
        return after_start and (self.end is None or day <= self.end + grace)

    def began_by(self, day: date) -> bool:
        return self.start is None or day >= self.start - _ROLE_GRACE


@dataclass(frozen=True)
class KnownEntity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    after_mention: tuple[str, ...] = ()  # only after a full mention in the same text
    demonyms: tuple[str, ...] = ()
    seat_of: str | None = None  # a capital or building that acts as this state
    titles: tuple[str, ...] = ()  # lower case; undated ("leader", "marshal")
    roles: tuple[str, ...] = ()  # free text shown to users
    offices: tuple[Role, ...] = ()  # the dated roles
    korean_name: bool = False
    family_name: str | None = None  # when neither rule below finds it ("Wang" in "Wang Yi")

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every spelling that names this entity anywhere (not the after-mention ones, not the
        stems, which only `written_names.py` reads)."""
        names = [f for f in (self.name, *self.aliases) if not is_stem(f)]
        forms = list(names)
        if self.korean_name:
            forms += [v for f in names for v in korean_name_variants(f)]
            forms += [s for f in list(forms) for s in family_name_spellings(f)]
        return tuple(dict.fromkeys(forms))

    @property
    def written_forms(self) -> tuple[str, ...]:
        """Every name and stem, demonyms included, for matching text as written."""
        return tuple(dict.fromkeys([*self.surface_forms, *self.aliases, *self.demonyms]))

    def titles_on(self, day: date | None, *, former: bool = False) -> set[str]:
        """The titles this person carried on `day`: the undated ones plus the offices held then
        (with `former`, also those left before it). Without a day, every office counts."""
        dated = {
            r.title
            for r in self.offices
            if day is None or (r.began_by(day) if former else r.held_on(day))
        }
        return set(self.titles) | dated

    def former_titles(self, day: date | None) -> set[str]:
        """The undated titles plus the offices left before `day` (any left office without a
        day): what "former President Moon" may refer to."""
        left = {r.title for r in self.offices if r.end and (day is None or r.end < day)}
        return set(self.titles) | left

    def current_titles(self, day: date | None) -> set[str]:
        """Titles on `day`, or when no day is known the undated ones and the offices still held:
        what "President Lee" in today's news most likely means."""
        return set(self.titles) | {r.title for r in self.offices_on(day)}

    def offices_on(self, day: date | None) -> list[Role]:
        """The dated roles held on `day` to the day, or still held when no day is known."""
        if day is None:
            return [r for r in self.offices if r.end is None]
        return [r for r in self.offices if r.held_on(day, grace=timedelta(0))]

    @property
    def all_titles(self) -> set[str]:
        return self.titles_on(None)

    @property
    def surname(self) -> str | None:
        """The word a short mention uses ("Kim" for Kim Jong Un, "Putin" for Vladimir Putin)."""
        if self.type != PERSON:
            return None
        if self.family_name:
            return self.family_name
        words = re.split(r"[\s\-]+", self.name)
        return words[0] if self.korean_name else words[-1]


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


def is_stem(form: str) -> bool:
    """ "Nordkorea*": a word stem that takes any ending, matched only on text as written."""
    return "*" in form


def _is_distinctive(form: str) -> bool:
    """Several words, dotted ("N. Korea"), hyphenated ("Komsomolsk-on-Amur") or an acronym
    ("DPRK"): safe to force on spaCy."""
    return " " in form or "." in form or "-" in form or (form.isupper() and len(form) >= 2)


def name_key(text: str) -> str:
    """The form names are compared in: case, spacing, hyphens and a leading "the" ignored.

    "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" all give "kimjongun"; "N. Korea" gives
    "nkorea"; "the Kremlin" gives "kremlin".
    """
    folded = text.replace("’", "'").casefold().strip()
    folded = re.sub(r"^the\s+", "", folded)
    return re.sub(r"[\W_]+", "", folded)


def slugify(text: str) -> str:
    """ASCII slug for ids: "Park Yong-han" -> "park-yong-han"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.casefold())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or re.sub(r"\W+", "-", text.casefold()).strip("-")


def korean_name_variants(name: str) -> list[str]:
    """Romanisation variants of a three-syllable Korean name.

    "Kim Jong Un" -> ["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "Kim Jongun"]; names whose
    given name is one written word ("Chung Euisun") have no variants to add.
    """
    words = re.split(r"[\s\-]+", name.strip())
    if len(words) != 3:
        return [name]
    family, first, second = words[0], words[1].capitalize(), words[2]
    return [
        f"{family} {first} {second.capitalize()}",
        f"{family} {first}-{second.lower()}",
        f"{family} {first}-{second.capitalize()}",
        f"{family} {first}{second.lower()}",
    ]


# Spellings of one Korean family name: the South's revised romanisation, the North's and the
# older ones the press keeps ("Choe Son Hui" / "Choi Son Hui", "Pak" / "Park", "Ri" / "Lee").
_FAMILY_SPELLINGS = (
    ("Choe", "Choi"),
    ("Pak", "Park"),
    ("Ri", "Lee", "Rhee", "Yi"),
    ("Jo", "Cho"),
    ("Ro", "Roh", "No"),
    ("Jong", "Jung", "Chong"),
    ("Kang", "Gang"),
    ("Yun", "Yoon"),
    ("O", "Oh"),
    ("Hyon", "Hyun"),
    ("Ryu", "Yoo", "Yu"),
    ("Son", "Sohn"),
    ("Sin", "Shin"),
    ("Im", "Lim"),
)


def family_name_spellings(name: str) -> list[str]:
    """The other spellings of a Korean name's family name: "Choe Son Hui" -> ["Choi Son Hui"]."""
    family, _, given = name.partition(" ")
    for spellings in _FAMILY_SPELLINGS:
        if family in spellings and given:
            return [f"{other} {given}" for other in spellings if other != family]
    return []


def knowledge_dir() -> Path:
    return Path(str(resources.files("newsdesk") / "data" / "knowledge"))


def default_knowledge_files() -> list[Path]:
    """The packaged knowledge files, general first so beat files can extend their entries."""
    files = sorted(knowledge_dir().glob("*.toml"))
    return sorted(files, key=lambda p: (p.name != "world.toml", p.name))


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
    merged: dict[str, dict] = {}
    for path_text, _ in stamp:
        path = Path(path_text)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise KnowledgeError(f"cannot read knowledge file {path}: {exc}") from exc
        for raw in _entries(data, path):
            _merge(merged, raw)
    names = {entity_id: raw["name"] for entity_id, raw in merged.items()}
    return Knowledge((_build(raw, names) for raw in merged.values()), fingerprint=repr(stamp))


def _entries(data: dict, path: Path) -> Iterable[dict]:
    """Every entry of a file as a dict with `type` and `id`, capitals included."""
    for kind, rows in data.items():
        if kind not in ENTITY_TYPES:
            raise KnowledgeError(f"{path}: unknown table [[{kind}]]; use one of {ENTITY_TYPES}")
        for row in rows:
            if "name" not in row:
                raise KnowledgeError(f"{path}: a [[{kind}]] entry has no name: {row}")
            entry = {**row, "type": kind, "id": row.get("id") or f"{kind}:{slugify(row['name'])}"}
            yield entry
            if kind == COUNTRY and row.get("capital"):
                capital = row["capital"]
                yield {
                    "type": PLACE,
                    "id": f"place:{slugify(capital)}",
                    "name": capital,
                    "seat_of": entry["id"],
                }


def _merge(merged: dict[str, dict], raw: dict) -> None:
    current = merged.setdefault(raw["id"], {})
    for key, value in raw.items():
        if key in _LIST_FIELDS:
            # roles may be tables (dicts), which dict.fromkeys cannot hash: compare by repr
            seen = {repr(v): v for v in [*current.get(key, []), *value]}
            current[key] = list(seen.values())
        else:
            current[key] = value


def _build(raw: dict, names: dict[str, str]) -> KnownEntity:
    """One entity from its merged entry; `names` (id -> name) spells the orgs of its roles."""
    texts = [r for r in raw.get("roles", ()) if isinstance(r, str)]
    tables = [r for r in raw.get("roles", ()) if not isinstance(r, str)]
    offices = tuple(_role(table, raw["id"]) for table in tables)
    described = [
        table["text"] if table.get("text") else _describe(office, names)
        for table, office in zip(tables, offices, strict=True)
        if table.get("text") or not _told_by(office, texts, names)
    ]
    return KnownEntity(
        id=raw["id"],
        name=raw["name"],
        type=raw["type"],
        aliases=tuple(raw.get("aliases", ())),
        after_mention=tuple(raw.get("after_mention", ())),
        demonyms=tuple(raw.get("demonyms", ())),
        seat_of=raw.get("seat_of"),
        titles=tuple(t.lower() for t in raw.get("titles", ())),
        roles=tuple(dict.fromkeys([*texts, *described])),
        offices=offices,
        korean_name=bool(raw.get("korean_name", False)),
        family_name=raw.get("family_name"),
    )


def _role(table: dict, entity_id: str) -> Role:
    if not isinstance(table, dict) or not table.get("title"):
        raise KnowledgeError(f"{entity_id}: a role needs a title: {table!r}")
    return Role(
        title=str(table["title"]).lower(),
        org=table.get("org"),
        start=_role_date(table.get("from"), entity_id, end=False),
        end=_role_date(table.get("to"), entity_id, end=True),
    )


def _role_date(value: object, entity_id: str, *, end: bool) -> date | None:
    """A TOML date, or "2022", "2022-06", "2022-06-11" (a year or month: its first day as a
    start, its last day as an end)."""
    if value is None or isinstance(value, date):
        return value
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(value).strip())
    if not match:
        raise KnowledgeError(f"{entity_id}: role date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    if day is None:
        return date(year, month, monthrange(year, month)[1] if end else 1)
    return date(year, month, day)


def _told_by(role: Role, texts: list[str], names: dict[str, str]) -> bool:
    """A free text already tells users of this office ("Leader of North Korea" for a dated
    "supreme leader" of country:north-korea): its head word and its org's name are in it, so
    describing the office again would only repeat it."""
    head = role.title.split()[-1]
    org = names.get(role.org, role.org or "").casefold()
    return any(
        re.search(rf"\b{re.escape(head)}\b", text.casefold()) and org in text.casefold()
        for text in texts
    )


def _describe(role: Role, names: dict[str, str]) -> str:
    """ "Foreign minister, North Korea, since 2022-06-11" for users (roles without `text`)."""
    parts = [role.title.capitalize()]
    if role.org:
        parts.append(names.get(role.org, role.org))
    if role.start and role.end:
        parts.append(f"{role.start.isoformat()} to {role.end.isoformat()}")
    elif role.start:
        parts.append(f"since {role.start.isoformat()}")
    elif role.end:
        parts.append(f"until {role.end.isoformat()}")
    return ", ".join(parts)
