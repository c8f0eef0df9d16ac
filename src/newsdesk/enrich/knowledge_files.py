"""Reading the knowledge files: TOML tables of entities merged by id into `KnownEntity`s.

Each file has arrays of tables named by entity type (`[[person]]`, `[[org]]`, `[[country]]`,
`[[place]]`, `[[group]]`); see the header of `korea.toml` for the fields. An entry whose id
already exists extends it, so a user's file can add aliases to a packaged entity. A country's
`capital` becomes a place entry acting as its seat; dated `roles` tables become `Role`s.
"""

from __future__ import annotations

import re
import tomllib
from calendar import monthrange
from collections.abc import Iterable
from datetime import date
from importlib import resources
from pathlib import Path

from newsdesk.enrich.known_entities import KnownEntity, Role
from newsdesk.enrich.name_forms import slugify
from newsdesk.errors import NewsdeskError
from newsdesk.model.enrichment import COUNTRY, ENTITY_TYPES, PLACE

_LIST_FIELDS = ("aliases", "after_mention", "demonyms", "titles", "roles")


class KnowledgeError(NewsdeskError):
    """A knowledge file could not be read or has an entry that makes no sense."""


def knowledge_dir() -> Path:
    return Path(str(resources.files("newsdesk") / "data" / "knowledge"))


def default_knowledge_files() -> list[Path]:
    """The packaged knowledge files, general first so beat files can extend their entries."""
    files = sorted(knowledge_dir().glob("*.toml"))
    return sorted(files, key=lambda p: (p.name != "world.toml", p.name))


def read_entities(paths: Iterable[Path]) -> list[KnownEntity]:
    """The entities of these files, read in order, a later entry extending an earlier one."""
    merged: dict[str, dict] = {}
    for path in paths:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise KnowledgeError(f"cannot read knowledge file {path}: {exc}") from exc
        for raw in _entries(data, path):
            _merge(merged, raw)
    names = {entity_id: raw["name"] for entity_id, raw in merged.items()}
    return [_build(raw, names) for raw in merged.values()]


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
