"""Whose a figure is: the subject, the entity the quantity belongs to.

The country whose troops, who sent the shells, whose budget; never whoever speaks about it.
In order:
- a country written into the figure's phrase ("2,000 North Korean soldiers", "soldats
  nord-coréens", "North Korea's 11,000 troops");
- the subject the English parse gave, unless it is the claimant, a news outlet or a person
  (a count of troops belongs to the state, not to the leader who sent them);
- the nearest country of the sentence that can own it: not where things go ("to Russia",
  "ロシアに"), not where a place lies ("the Kursk region of Russia"), not the claimant, not a
  word describing another name ("South Korean lawmaker Lee");
- the subject of the figure before; the first country the text names, not one named only to
  describe who speaks ("South Korea's JCS said 20 missiles were fired": who fired is not said).
Money, percentages, distances and durations keep the parse's subject, else (English) the
subject of the figure before ("... fired a missile. It flew 370 miles"), else the first
country of the sentences before that neither speaks nor describes another name ("North Korea
fired missiles, the JCS said. The projectiles flew 185 miles"); else (other languages) the
sentence's country or the figure before's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.enrich.claim_actors import Actor
from newsdesk.enrich.claimants import ClaimFinder
from newsdesk.enrich.ledger_rules import LedgerRules, find_cues
from newsdesk.model.enrichment import Figure, Mention

_PHRASE_AFTER = 30  # characters after the number where "soldats nord-coréens" may name a state
_PHRASE_BEFORE = 16  # characters before it: "North Korea's 11,000 troops", "북한군 ... 300여명"
_NO_SPACE_GAP = 2  # characters between a number and the country of its phrase, without spaces
_SHARE_REACH = 70  # characters after a share where the owner it is "of" may be named
_RECIPIENT_GAP = 14  # "to eastern Russia": a recipient cue this close before the country
_SENTENCE_REACH = 140
_CLOSING_UNIT = re.compile(r"\s*[^\W\d]{0,5}\.?\s*\)")
_PUNCT = re.compile(r"[,;:.()\"“”、，。]")
_CURRENCY_AFTER = re.compile(r"[-\s]?(?:\$|[Dd]ollar|[Dd]ólar|доллар|долар|달러|ドル|美元)")
# "of" between a body and the country it belongs to ("Departamento de Estado dos EUA")
_OF_LINKS = frozenset(
    {"of", "of the", "dos", "das", "do", "da", "de", "de la", "du", "des", "der", "di", "del"}
)  # fmt: skip
_PLACE_LINKS = frozenset({"", "of", ",", "de", "di", "du"})
# Counts of people and arms: they belong to the state that sends, loses or fires them, never
# to whoever speaks about them.
COUNTED_MEASURES = frozenset(
    {
        "deployed", "killed", "wounded", "casualties", "captured", "missing", "workers",
        "personnel", "shells", "containers", "missiles", "weapons", "launches", "people",
    }
)  # fmt: skip


@dataclass
class Scene:
    """One text with its actors and places, as the subject rules read it."""

    text: str
    actors: list[Actor]
    places: list[tuple[int, int]]
    rules: LedgerRules
    claims: ClaimFinder
    named: list[tuple[int, int, str]]  # every linked mention: start, end, id

    @classmethod
    def of(cls, text: str, found: list[Actor], mentions: list[Mention], rules, claims):
        places = [
            (m.start, m.end) for m in mentions if m.entity_id and m.entity_id.startswith("place:")
        ]
        named = [(m.start, m.end, m.entity_id) for m in mentions if m.entity_id]
        return cls(text, found, places, rules, claims, named)

    def attribution(self, claimant: Actor | None) -> list[tuple[int, int]] | None:
        """Where the claimant is named, each time, with the state that describes it ("South
        Korea's Joint Chiefs of Staff", "Seoul's intelligence", "South Korea’s National
        Intelligence Service (NIS)"): names there say who speaks."""
        if claimant is None:
            return None
        places = [(claimant.start, claimant.end)]
        places += [(b, e) for b, e, i in self.named if i == claimant.entity_id]
        return [self._with_state(start, end) for start, end in places]

    def _with_state(self, start: int, end: int) -> tuple[int, int]:
        for begin, stop, entity_id in self.named:
            gap = self.text[stop:start]
            if entity_id.startswith("country:") and 0 <= start - stop <= 4 and _describes(gap):
                start = min(start, begin)
        return start, end


def subject_of(
    figure: Figure,
    scene: Scene,
    window: tuple[int, int],
    previous: str | None,
    attribution: list[tuple[int, int]] | None = None,
) -> str | None:
    """The subject entity id of `figure` (see the module's docstring), or None. `attribution`
    is where its claimant is named: a name there speaks, it owns nothing."""
    found, rules, claims = scene.actors, scene.rules, scene.claims
    parsed = figure.subject_entity_id
    claimant = figure.claimant_entity_id
    if parsed not in (None, claimant) and _only_in(parsed, attribution, window, scene):
        parsed = None  # "South Korea's JCS said ...": the state describes who speaks
    if parsed is not None and not _named_in(parsed, window, scene):
        parsed = None  # a parse that joined the sentence before: its names are not this one's
    if figure.measure == "percent" and parsed in (None, claimant):
        owner = _owner_of_share(figure, scene, claimant)
        parsed = owner or parsed  # "37% of the positive evaluations of President Yoon's job"
    if figure.measure not in COUNTED_MEASURES:
        # money, percentages, distances: the parse (English) knows whose, or the figure before;
        # a company or ministry may report its own money, not a missile's range
        if parsed is not None and parsed == claimant and figure.measure in ("money", "percent"):
            # "Chainalysis reported that hackers linked to North Korea stole $1.3 billion":
            # a country named between the speaker and the figure owns it, not the speaker
            between = _country_between(figure, scene, window, attribution)
            if between is None and _cited_source(attribution, window, figure.start, scene):
                # "According to a study by Chainalysis, these cybercriminals stole $1.34
                # billion": whoever a text cites for data owns none of it
                topic = _topic_country(window[0], scene) if rules.language == "en" else None
                return previous or topic
            return between or parsed
        if parsed is not None and (parsed != claimant or figure.measure in ("money", "percent")):
            return parsed
        if rules.language == "en" and parsed is None:
            # the parse found no owner in its sentence: the one before's, else the text's first
            return previous or _topic_country(window[0], scene)
        return _sentence_country(figure, scene, window, claimant, attribution) or previous
    usable = (
        parsed
        if parsed
        and parsed != claimant
        and not parsed.startswith("person:")
        and not _is_outlet(parsed, found, claims)
        else None
    )
    return (
        _country_in_phrase(figure, scene)
        or usable
        or _sentence_country(figure, scene, window, claimant, attribution)
        or previous
        or _first_country(figure, scene, _speaker_states(claimant, attribution, window, scene))
    )


def _country_in_phrase(figure: Figure, scene: Scene) -> str | None:
    """A country named inside the figure's noun phrase: right after the number ("2,000 North
    Korean soldiers", "солдат КНДР") or just before it ("North Korea's 11,000 troops")."""
    text, found, rules = scene.text, scene.actors, scene.rules
    after_end = figure.end + _PHRASE_AFTER
    for actor in found:
        if actor.type != "country":
            continue
        if figure.start <= actor.start < after_end:
            gap = text[figure.end : actor.start] if actor.start >= figure.end else ""
            if _plain_words(gap, rules) and not _is_recipient(actor, scene):
                return actor.entity_id
    for actor in reversed(found):
        if actor.type == "country" and figure.start - _PHRASE_BEFORE <= actor.start < figure.start:
            gap = text[actor.end : figure.start]
            if _possessive(gap, rules) and not _is_recipient(actor, scene):
                return actor.entity_id
    return None


def _owner_of_share(figure: Figure, scene: Scene, claimant: str | None) -> str | None:
    """The actor an English share is "of", in its clause ("37% of the positive evaluations of
    President Yoon's job performance", "40 percent of South Korea's exports"); not a place, not
    the claimant."""
    if scene.rules.language != "en":
        return None
    after = scene.text[figure.end : figure.end + _SHARE_REACH]
    if not after.startswith(" of "):
        return None
    stop = _PUNCT.search(after)
    end = figure.end + (stop.start() if stop else len(after))
    for actor in scene.actors:
        if figure.end < actor.start and actor.end <= end and actor.entity_id != claimant:
            return actor.entity_id
    return None


def _plain_words(gap: str, rules: LedgerRules) -> bool:
    """No clause break between the number and the name: "2,000 North Korean", "1.100 i"; in
    scripts without spaces a few characters at most ("600人の北朝鮮兵", not "600人が死亡した
    ことが分かりました。韓国")."""
    if _PUNCT.search(gap) or "\n" in gap:
        return False
    if not rules.word_boundaries:
        return len(gap.strip()) <= _NO_SPACE_GAP
    return len(gap.split()) <= 3


def _possessive(gap: str, rules: LedgerRules) -> bool:
    """ "North Korea's 11,000"; in scripts without spaces a few characters ("북한군 300")."""
    stripped = gap.strip()
    if stripped in ("'s", "’s"):
        return True
    return not rules.word_boundaries and len(stripped) <= 4 and not _PUNCT.search(stripped)


def _is_recipient(actor: Actor, scene: Scene) -> bool:
    """ "sent to Russia", "an Russland", "в Россию": where a thing goes, not whose it is; and
    "the Kursk region of Russia", "в Курській області Росії": where a place lies."""
    text, rules = scene.text, scene.rules
    if _after_place(actor, scene):
        return True
    start = max(0, actor.start - _RECIPIENT_GAP)
    hits = find_cues(text, rules.recipient_cues, start, actor.start)
    if any(_one_word(text[h.end : actor.start], rules) for h in hits):
        return True
    after = find_cues(text, rules.recipient_after_cues, actor.end, actor.end + 3)
    return any(h.start == actor.end for h in after)


def _after_place(actor: Actor, scene: Scene) -> bool:
    """ "the Kursk region of Russia", "Курській області Росії": the country says where."""
    return any(
        0 <= actor.start - end <= 4
        and scene.text[end : actor.start].strip().lower() in _PLACE_LINKS
        for _, end in scene.places
    )


def _one_word(gap: str, rules: LedgerRules) -> bool:
    """Nothing, or one word ("eastern"), between a recipient cue and the country."""
    if not rules.word_boundaries:
        return not gap.strip()
    return len(gap.split()) <= 1 and not _PUNCT.search(gap)


def _describes(gap: str) -> bool:
    """ "'s ", "’s ", " ": a state's name or adjective right before the body it describes."""
    return gap.strip() in ("", "'s", "’s")


def _only_in(
    entity_id: str,
    attribution: list[tuple[int, int]] | None,
    window: tuple[int, int],
    scene: Scene,
) -> bool:
    """Every mention of the entity in the sentence stands where the claimant is named."""
    if attribution is None:
        return False
    spans = [(b, e) for b, e, i in scene.named if i == entity_id and window[0] <= b < window[1]]
    return bool(spans) and all(_inside(b, e, attribution) for b, e in spans)


def _inside(start: int, end: int, places: list[tuple[int, int]] | None) -> bool:
    return bool(places) and any(p[0] <= start and end <= p[1] for p in places)


def _named_in(entity_id: str, window: tuple[int, int], scene: Scene) -> bool:
    """The entity, or a spy agency its state stands for, is named in the sentence."""
    if any(i == entity_id and window[0] <= b < window[1] for b, _, i in scene.named):
        return True
    return any(a.entity_id == entity_id and window[0] <= a.start < window[1] for a in scene.actors)


def _sentence_country(
    figure: Figure,
    scene: Scene,
    window: tuple[int, int],
    claimant: str | None,
    attribution: list[tuple[int, int]] | None = None,
) -> str | None:
    """The country of the figure's sentence that can own it, nearest first: not where things
    go ("to Russia"), not the claimant, not a word describing another name ("South Korean
    lawmaker Lee", "britischen Open Source Centre")."""
    start = max(window[0], figure.start - _SENTENCE_REACH)
    end = min(window[1], figure.end + _SENTENCE_REACH)
    near = [
        a
        for a in scene.actors
        if a.type == "country"
        and start <= a.start < end
        and a.entity_id != claimant
        and not _inside(a.start, a.start + 1, attribution)
        and not _is_recipient(a, scene)
        and not _describes_a_name(a, scene)
        and not _CURRENCY_AFTER.match(scene.text, a.end)  # "US-Dollar": which money, not whose
    ]
    if not near:
        return None
    return min(near, key=lambda a: abs(a.start - figure.start)).entity_id


def _first_country(figure: Figure, scene: Scene, skip: frozenset[str] = frozenset()) -> str | None:
    """The first country the text names before the figure, not as a destination, not one of
    `skip`."""
    for actor in scene.actors:
        if actor.start >= figure.start:
            return None
        if (
            actor.type == "country"
            and actor.entity_id not in skip
            and not _is_recipient(actor, scene)
        ):
            return actor.entity_id
    return None


def _topic_country(sentence_start: int, scene: Scene) -> str | None:
    """The first country named in the sentences before the figure's that can own it: not
    where things go, not a word describing another name ("South Korea's Unification
    Ministry"), not one that speaks in the text ("The Japanese government said", "a U.S.
    official told Reuters"). The figure's own sentence the parse has read already."""
    speakers = {c.actor.entity_id for claims in scene.claims.by_sentence.values() for c in claims}
    for actor in scene.actors:
        if actor.start >= sentence_start:
            return None
        if (
            actor.type == "country"
            and actor.entity_id not in speakers
            and not _is_recipient(actor, scene)
            and not _describes_a_name(actor, scene)
        ):
            return actor.entity_id
    return None


def _speaker_states(
    claimant: str | None,
    attribution: list[tuple[int, int]] | None,
    window: tuple[int, int],
    scene: Scene,
) -> frozenset[str]:
    """The states named in the figure's sentence only to describe who speaks ("South Korea's
    Joint Chiefs of Staff said 20 missiles were fired": who fired is not said); the claimant
    itself is not one ("Северная Корея потеряла 101 солдата. Об этом сообщают ... КНДР")."""
    states = {
        i for b, _, i in scene.named if i.startswith("country:") and window[0] <= b < window[1]
    }
    return frozenset(i for i in states if i != claimant and _only_in(i, attribution, window, scene))


def _cited_source(attribution, window: tuple[int, int], figure_start: int, scene: Scene) -> bool:
    """The claim names its claimant after a citing cue ("according to", "a study conducted
    by") before the figure, in its sentence: a source of what is said, not the one it is
    about (not "Trade rose to $2.3 billion, according to Chinese customs data": China's)."""
    if not attribution or not window[0] <= attribution[0][0] < window[1]:
        return False
    if attribution[0][1] > figure_start:
        return False
    at = attribution[0][0]
    hits = find_cues(scene.text, scene.rules.claimant_after, max(window[0], at - 40), at)
    return any(not scene.text[h.end : at].strip(' "“') for h in hits)


def _country_between(
    figure: Figure, scene: Scene, window: tuple[int, int], attribution
) -> str | None:
    """The one country named after the claimant's attribution ("Chainalysis reported that")
    and before the figure, in the figure's sentence; None when the attribution does not come
    first ("..., according to Chinese customs data") or no single country stands there."""
    if not attribution or attribution[0][1] > figure.start:
        return None  # attribution[0]: where the claim itself names its claimant
    start = max(attribution[0][1], window[0])
    between = {
        a.entity_id for a in scene.actors if a.type == "country" and start <= a.start < figure.start
    }
    return between.pop() if len(between) == 1 else None


def _describes_a_name(actor: Actor, scene: Scene) -> bool:
    """A country right before another name, a few title words at most between ("South
    Korean lawmaker Lee Seong-kweun", "Russian Security Council"), or right after a body's
    name, joined by "of" ("Departamento de Estado dos EUA", "the State Department of the US")."""
    for other in scene.actors:
        if other.end <= actor.start and other.type in ("person", "org"):
            link = scene.text[other.end : actor.start].strip().lower()
            if other.end > actor.start - 10 and link in _OF_LINKS:
                return True  # "Departamento de Estado dos EUA": whose body it is
    for other in scene.actors:
        if other.start >= actor.end and other.type in ("person", "org"):
            gap = scene.text[actor.end : other.start]
            if _PUNCT.search(gap):
                return False
            return len(gap.split()) <= 3 if scene.rules.word_boundaries else not gap.strip()
    return False


def _is_outlet(entity_id: str, found: list[Actor], claims: ClaimFinder) -> bool:
    actor = next((a for a in found if a.entity_id == entity_id), None)
    return actor is not None and claims.is_media(actor)
