"""A claim found in a text, and which of a figure's claims names its claimant, for
`claimants.py` (the convention: benchmarks/data/beat_gold/README.md).

Of several claims, a source that is not a news outlet wins (the minister, not the agency
quoting him), then one named without a topic marker only, then one cited (the NIS a lawmaker
was briefed by; "X, citing Y": Y), then the one nearest the figure. A speaker whose words open
before the figure ("Cho told lawmakers that ... 1,500 ...") is relayed, not overruled, by a
person or outlet named after it ("..., according to lawmaker Park", "..., Park told
reporters"): rule 2, the relay gives whom it relays.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.enrich.claim_actors import Actor
from newsdesk.enrich.ledger_sentences import quote_end, quote_start

_QUOTE_SPEAKER_CHARS = 30  # "...,” Ukrainian President Zelensky said": the verb after the quote


@dataclass(frozen=True)
class Claim:
    actor: Actor
    cue_start: int
    cited: bool  # named by "according to", "citing": the source behind a speaker
    media: bool
    weak: bool = False  # only a topic marker names it: taken when nothing else does
    # the claim opens content of its own ("Moscow says that ..."): figures before it are not its
    opens_content: bool = False


def best(claims: list[Claim], figure_start: int, deepest: bool = False) -> Claim:
    """The claim that names the figure's claimant (`deepest`: the last named wins ties)."""

    def key(c: Claim) -> tuple:
        distance = -c.cue_start if deepest else abs(c.cue_start - figure_start)
        return (c.media, c.weak, not c.cited, distance)

    return min(unrelayed(claims, figure_start), key=key)


def unrelayed(claims: list[Claim], figure_start: int) -> list[Claim]:
    """The claims of a figure's sentence less the relays: when a speaker's words open before
    the figure ("Cho told lawmakers that"), a person or outlet named after the figure passes
    those words on ("..., Park told reporters")."""
    if not any(c.opens_content and c.cue_start < figure_start for c in claims):
        return claims
    return [
        c for c in claims if c.cue_start < figure_start or not (c.media or c.actor.type == "person")
    ]


def quote_speakers(claims: list[Claim], text: str, figure_start: int) -> list[Claim]:
    """For a figure inside a quote, the claims that name the quote's speaker: a cue right after
    the closing mark ("...,” said Zelenskyy": a verb of saying, not "by" or "according to",
    which name a source of what follows) or right before the opening one ("Zelenskyy said:
    “..."). Rule 1: the quote's speaker claims it, not a source named further on in the
    sentence ("..., following a briefing by Kyiv's top commander"). Empty when not quoted."""
    closing = quote_end(text, figure_start)
    if closing is None:
        return []
    opening = quote_start(text, figure_start)
    return [
        c
        for c in claims
        if (not c.cited and closing <= c.cue_start <= closing + _QUOTE_SPEAKER_CHARS)
        or (opening is not None and opening - _QUOTE_SPEAKER_CHARS <= c.cue_start <= opening)
    ]
