"""The records linking hands back: sentence bounds of each mention and one `Entity` per id."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsdesk.enrich.knowledge import Knowledge, is_stem
from newsdesk.model.enrichment import Entity, Mention


@dataclass
class NewEntity:
    """An entity no knowledge file holds: its type, the forms seen, the roles it was given."""

    type: str
    forms: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)


class Sentences:
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


def entity_records(
    mentions: list[Mention], knowledge: Knowledge, unknown: dict[str, NewEntity]
) -> list[Entity]:
    """One record per entity the mentions link to: a known one with its name, aliases (stems
    left out) and roles; a new one named by its longest form, with the roles it was given."""
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
            shown = [a for a in known.aliases if not is_stem(a)]
            aliases = list(dict.fromkeys([*shown, *seen]))
            entities.append(
                Entity(entity_id, known.name, known.type, aliases, True, list(known.roles))
            )
        else:
            record = unknown.get(entity_id) or NewEntity(entity_id.split(":")[0])
            name = max(seen, key=len)
            entities.append(Entity(entity_id, name, record.type, seen, roles=record.roles))
    return entities
