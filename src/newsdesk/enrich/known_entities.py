"""One known entity as the knowledge files describe it (`KnownEntity`), with the dated offices
a person held (`Role`) and the titles they carried on a given day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsdesk.enrich.name_forms import family_name_spellings, is_stem, korean_name_variants
from newsdesk.model.enrichment import PERSON

# Offices change hands on a date the press does not always follow at once ("Foreign Minister
# Choe" the week she was promoted, a minister called by his title days after he left): a role
# counts as held this long before its start and after its end.
_ROLE_GRACE = timedelta(days=31)


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
