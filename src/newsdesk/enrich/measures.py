"""What a figure counts (its `measure`), from what the sentence says around the number.

The counted noun alone misleads: "100 soldiers" may be killed, wounded, sent or captured. So
the words near the number decide first (`[ledger.measure_cues]` of the language's lexicon):
- the verb the count hangs on, when the parse gives it (English: "soldiers ... have been
  killed", "sent 10,000 troops");
- a casualty word (killed, wounded, casualties, captured, missing), unless a deployment word
  stands clearly nearer ("sent 10,000 soldiers to Russia ... North Korean casualties");
- the counted noun when it names a thing or a kind of worker (shells, containers, missiles,
  launches, workers), whatever a relative clause says they did ("missiles that killed");
- a deployment word (sent, deployed, stationed) for troops and people;
- the noun's own default (`[ledger.unit_measures]`: troops are deployed on this beat).

"Near" is the stretch of the sentence between this figure and its neighbours, a cue between
two figures going to the one it stands closer to: "300 killed, 2,700 wounded",
"사망이 300여명, 부상이 2700여 명" (unless the nearer one has its own cue on its far side:
"300 soldados han muerto y otros 2.700 han resultado heridos"); cues of the figure's own
clause (no comma or semicolon between) come before those of the clause beside it; a word of
building or demining nearer than a deployment word, or right after the troops as their task,
makes troops workers ("1,000 demining troops", "sent 1,000 soldiers for demining").
"""

from __future__ import annotations

import re

from newsdesk.enrich.ledger_rules import CASUALTY_MEASURES, CueHit, LedgerRules, find_cues
from newsdesk.model.enrichment import Figure

_REACH = 110  # characters either side of the number a cue may stand
_LEAD_CHARS = 3  # "사망이 300": a cue this close before a number leads it
_JOIN_CHARS = 16  # "muerto o resultado heridos": the longest join of a killed and a wounded word
_CLAUSE_MARK = re.compile(r"[,;、，；]")
_TRAIL_CHARS = 32  # "otros 2.700 han resultado heridos": how far a figure's own cue may trail
_PURPOSE_CHARS = 40  # "sent 1,000 soldiers for demining": how far after troops their task may be
_DEPLOYED_MARGIN = 25  # a deployment cue must be this much nearer to beat a casualty cue
_THING_MEASURES = frozenset(
    {"shells", "containers", "missiles", "launches", "workers", "weapons", "money"}
)
# counted things that cannot die: a killed word ("lost") near them is not their measure
_LIFELESS_MEASURES = _THING_MEASURES - {"workers"}
_SCALAR_MEASURES = frozenset({"duration", "distance", "weight"})
DEPLOYED = "deployed"
WORKERS = "workers"
PEOPLE = "people"
KILLED = "killed"


def measure_of(
    figure: Figure,
    text: str,
    bounds: Bounds,
    rules: LedgerRules,
    verb: str | None = None,
) -> str:
    """The measure of `figure`. `bounds` is the stretch of its sentence between the figures
    before and after it; `verb` the word its count hangs on in the parse, when known."""
    if figure.kind in ("money", "percent"):
        return figure.kind
    unit = (figure.unit or "").lower()
    by_unit = rules.unit_measures.get(unit)
    if by_unit in _SCALAR_MEASURES:
        return by_unit
    said = [h.cue.value for h in find_cues(verb, rules.measure_cues)] if verb else []
    cues = _clause_mates(_cues_near(figure, text, bounds, rules), figure, text)
    casualty = [h for h in cues if h.cue.value in CASUALTY_MEASURES]
    if by_unit in _LIFELESS_MEASURES:
        # "Russia lost 200 tanks": things are lost, not killed
        casualty = [h for h in casualty if h.cue.value != KILLED]
        said = [m for m in said if m != KILLED]
    if by_unit in _THING_MEASURES:
        # "20 missiles and shells that killed civilians": what the things did, not the count
        casualty = [h for h in casualty if not _in_relative_clause(h, figure, text, rules)]
    deployed = [h for h in cues if h.cue.value == DEPLOYED]
    if _killed_and_wounded(casualty, text):
        return "casualties"  # "heridos o asesinados", "killed or were wounded": any order
    if said and said[0] in CASUALTY_MEASURES:
        # the parse says killed; "killed or wounded" around it says more
        return max(
            (h.cue.value for h in casualty if verb in h.cue.phrase), key=len, default=said[0]
        )
    if casualty:
        nearest = _nearest(casualty, figure)
        if not deployed or _casualty_wins(nearest, _nearest(deployed, figure), figure):
            return nearest.cue.value
    if by_unit in _THING_MEASURES:
        return by_unit
    troops = not unit or unit in rules.troop_units or by_unit == DEPLOYED
    if troops and any(h.cue.value == PEOPLE and 0 <= h.start - figure.end <= 1 for h in cues):
        return PEOPLE  # "a survey of 1,000 men and women": people, not troops
    work = [h for h in cues if h.cue.value == WORKERS]
    if work and troops and (not deployed or _work_wins(work, deployed, figure, text)):
        return WORKERS  # "1,000 demining troops", "sent 1,000 soldiers for demining"
    if (
        troops
        and not deployed
        and DEPLOYED not in said
        and any(h.cue.value == PEOPLE for h in cues)
    ):
        return PEOPLE  # "30 soldiers briefly crossed the border": a count of people, none sent
    if (deployed or DEPLOYED in said) and troops:
        return DEPLOYED
    if by_unit:
        return by_unit
    other = [h for h in cues if h.cue.value not in (DEPLOYED, *CASUALTY_MEASURES)]
    return _nearest(other, figure).cue.value if other else "other"


# start, end, the near edges of the neighbours, where the figure before starts, where the
# figure after ends and the end of the sentence
Bounds = tuple[int, int, int | None, int | None, int | None, int | None, int]


def clause_bounds(
    figure: Figure, window: tuple[int, int], before: Figure | None, after: Figure | None
) -> Bounds:
    """The stretch of the sentence `window` whose cues may belong to `figure`, and where the
    figures before and after it (in that sentence) end and start."""
    start = max(window[0], figure.start - _REACH)
    end = min(window[1], figure.end + _REACH)
    before_end = before.end if before is not None and before.end > window[0] else None
    after_start = after.start if after is not None and after.start < window[1] else None
    if before_end is not None:
        start = max(start, before_end)
    if after_start is not None:
        end = min(end, after_start)
    before_start = before.start if before_end is not None else None
    after_end = after.end if after_start is not None else None
    return start, end, before_end, after_start, before_start, after_end, window[1]


def _cues_near(figure: Figure, text: str, bounds: Bounds, rules: LedgerRules) -> list[CueHit]:
    """The cues in the stretch, each kept only if it stands nearer to this figure than to the
    neighbour on its side ("300 killed, 2,700 wounded": "killed" is the first one's)."""
    start, end, before_end, after_start, before_start, after_end, sentence_end = bounds
    kept = []
    # "사망이 300여명, 부상이 2700여 명으로 사상자 수가 3000여명": where the figure before has its
    # cue just before it, a cue between the two is this one's, however near the one before
    led = before_start is not None and _led_by_cue(text, before_start, rules)
    # "300 soldados han muerto y otros 2.700 han resultado heridos": where the figure after
    # has its own cue just after it and this one has none before it, a cue between the two is
    # this one's, however near the one after
    trailed = (
        after_start is not None
        and after_end is not None
        and not _led_by_cue(text, figure.start, rules)
        and _trailed_by_cue(text, (after_start, after_end), sentence_end, rules)
    )
    for hit in find_cues(text, rules.measure_cues, start, end):
        mine = _gap(hit, figure)
        nearer_before = before_end is not None and hit.start - before_end < mine
        if hit.end <= figure.start and nearer_before and not led:
            continue
        nearer_after = after_start is not None and after_start - hit.end < mine
        if hit.start >= figure.end and nearer_after and not trailed:
            continue
        kept.append(hit)
    return kept


def _clause_mates(hits: list[CueHit], figure: Figure, text: str) -> list[CueHit]:
    """The cues of the figure's own clause, when it has any: "sent 10,000 soldiers to Russia,
    of whom 300 died" (10,000: sent), "Несколько сотен ... погибли; КНДР отправила около 12
    тысяч" (12 тысяч: отправила); else all the cues near."""
    own = [h for h in hits if not _CLAUSE_MARK.search(_between(h, figure, text))]
    return own or hits


def _in_relative_clause(hit: CueHit, figure: Figure, text: str, rules: LedgerRules) -> bool:
    """A cue after the figure with a relative word between ("... shells that killed")."""
    if hit.start < figure.end:
        return False
    words = re.findall(r"\w+", text[figure.end : hit.start].lower())
    return any(w in rules.relative_words for w in words)


def _between(hit: CueHit, figure: Figure, text: str) -> str:
    if hit.end <= figure.start:
        return text[hit.end : figure.start]
    return text[figure.end : hit.start] if hit.start >= figure.end else ""


def _trailed_by_cue(
    text: str, figure: tuple[int, int], sentence_end: int, rules: LedgerRules
) -> bool:
    """A casualty cue follows the figure's number within a few words, inside the figure's
    text or after it, no number or clause mark between ("2.700 han resultado heridos",
    "4mila sarebbero rimasti feriti")."""
    digits = [i for i in range(figure[0], figure[1]) if text[i].isdigit()]
    number_end = digits[-1] + 1 if digits else figure[1]
    stop = min(sentence_end, figure[1] + _TRAIL_CHARS)
    for hit in find_cues(text, rules.measure_cues, number_end, stop):
        gap = text[number_end : hit.start]
        plain = not any(ch.isdigit() or ch in ",;:.、，。" for ch in gap)
        if hit.cue.value in CASUALTY_MEASURES and plain:
            return True
    return False


def _led_by_cue(text: str, figure_start: int, rules: LedgerRules) -> bool:
    """A measure cue ends a few characters before the figure ("사망이 300여명")."""
    lead = max(0, figure_start - _LEAD_CHARS - 12)
    hits = find_cues(text, rules.measure_cues, lead, figure_start)
    return any(_particle_gap(text[h.end : figure_start]) for h in hits)


def _particle_gap(gap: str) -> bool:
    """Nothing, or a particle of a few letters ("이 "), between a cue and a number."""
    return len(gap) <= _LEAD_CHARS and (not gap.strip() or gap.strip().isalpha())


def _killed_and_wounded(casualty: list[CueHit], text: str) -> bool:
    """A killed word and a wounded word joined by a conjunction and at most an auxiliary
    ("or", "y", "и", "or were", "o resultaron", "ou ont été")."""
    ordered = sorted(casualty, key=lambda h: h.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        pair = {a.cue.value, b.cue.value}
        gap = text[a.end : b.start]
        plain = not any(ch.isdigit() or ch in ",、，;" for ch in gap)
        joined = 1 <= len(gap.split()) <= 2 and len(gap) <= _JOIN_CHARS and plain
        if pair == {"killed", "wounded"} and joined:
            return True
    return False


def _work_wins(work: list[CueHit], deployed: list[CueHit], figure: Figure, text: str) -> bool:
    """Both a work and a deployment word near troops: the nearer one ("1,000 demining troops
    were deployed"), or the work word right after them, which says what they were sent for
    ("sent 1,000 soldiers for demining", "відправила 1000 військових для розмінування")."""
    nearest = _nearest(work, figure)
    if _gap(nearest, figure) <= _gap(_nearest(deployed, figure), figure):
        return True
    after = [h for h in work if h.start >= figure.end and h.start - figure.end <= _PURPOSE_CHARS]
    return any(not _CLAUSE_MARK.search(text[figure.end : h.start]) for h in after)


def _casualty_wins(casualty: CueHit, deployed: CueHit, figure: Figure) -> bool:
    """Both a casualty and a deployment word near: the casualty one, unless the deployment
    word stands clearly nearer; but "30 soldiers fighting for Russia were killed" (both
    after the number, the deployment first) is the casualty's: the predicate comes last."""
    after = casualty.start >= figure.end and deployed.start >= figure.end
    if after and deployed.start < casualty.start:
        return True
    return _gap(casualty, figure) <= _gap(deployed, figure) + _DEPLOYED_MARGIN


def _gap(hit: CueHit, figure: Figure) -> int:
    if hit.end <= figure.start:
        return figure.start - hit.end
    if hit.start >= figure.end:
        return hit.start - figure.end
    return 0


def _nearest(hits: list[CueHit], figure: Figure) -> CueHit:
    return min(hits, key=lambda h: _gap(h, figure))
