"""The figures ledger: one measure of one subject over time, who claims each number, and where
claimants disagree.

A point is one stored figure. Its date is the date the figure refers to (`as_of`) when the text
gave one, else the day the article was published. Two points disagree when different claimants
give numbers for the same period that do not fit together: neither range contains the other's
number and they differ by more than `TOLERANCE`. A period is the month of `as_of` when both points
have one, else a window of `SAME_PERIOD_DAYS` around their dates (reports a few days apart speak
of the same state of things).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from newsdesk.model.enrichment import Figure

SAME_PERIOD_DAYS = 7
TOLERANCE = 0.10  # relative gap below which two numbers count as the same claim, rounded
PUBLISHER = "publisher"


@dataclass(frozen=True)
class LedgerPoint:
    figure: Figure
    article_id: str
    title: str
    source: str | None
    published: date | None
    day: date | None  # the date the figure refers to: as_of, else the article's day
    claimant: str  # who says it; the source itself when nobody is quoted
    claimant_entity_id: str | None

    @property
    def low(self) -> float:
        return self.figure.low if self.figure.low is not None else self.figure.value

    @property
    def high(self) -> float:
        return self.figure.high if self.figure.high is not None else self.figure.value

    def bounds(self) -> tuple[float, float]:
        """What the claim allows: "at least 100" fits any number from 100 up."""
        if self.figure.qualifier == "at least":
            return self.low, math.inf
        if self.figure.qualifier == "at most":
            return 0.0, self.high
        return self.low, self.high


@dataclass(frozen=True)
class Disagreement:
    first: LedgerPoint
    second: LedgerPoint


@dataclass(frozen=True)
class Ledger:
    subject_id: str
    measure: str
    points: list[LedgerPoint]
    disagreements: list[Disagreement]

    @property
    def claimants(self) -> list[str]:
        return list(dict.fromkeys(p.claimant for p in self.points))

    def disputed(self, point: LedgerPoint) -> bool:
        return any(point in (d.first, d.second) for d in self.disagreements)


def as_of_day(as_of: str | None) -> date | None:
    """The first day of an ISO date, year-month or year ("2024-12" -> 2024-12-01)."""
    if not as_of:
        return None
    parts = [int(p) for p in as_of.split("-")[:3]]
    try:
        return date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return None


def ledger_point(
    figure: Figure, article_id: str, title: str, source: str | None, published: datetime | None
) -> LedgerPoint:
    # The article's own calendar day (its offset kept), not the UTC day it was stored under.
    day = figure.date or (published.date() if published else None)
    return LedgerPoint(
        figure=figure,
        article_id=article_id,
        title=title,
        source=source,
        published=day,
        day=as_of_day(figure.as_of) or day,
        claimant=figure.claimant or source or PUBLISHER,
        claimant_entity_id=figure.claimant_entity_id,
    )


def build_ledger(subject_id: str, measure: str, points: list[LedgerPoint]) -> Ledger:
    """Points in time order (undated last), one per claimant and number per article."""
    unique: dict[tuple[str, str, float, float], LedgerPoint] = {}
    for point in points:
        unique.setdefault((point.article_id, point.claimant, point.low, point.high), point)
    ordered = sorted(unique.values(), key=lambda p: (p.day is None, p.day or date.min, p.low))
    return Ledger(subject_id, measure, ordered, find_disagreements(ordered))


def find_disagreements(points: list[LedgerPoint]) -> list[Disagreement]:
    found = []
    for i, first in enumerate(points):
        for second in points[i + 1 :]:
            if _disagree(first, second):
                found.append(Disagreement(first, second))
    return found


def _disagree(a: LedgerPoint, b: LedgerPoint) -> bool:
    if a.claimant == b.claimant or not _same_period(a, b):
        return False
    return not _numbers_fit(a, b)


def _same_period(a: LedgerPoint, b: LedgerPoint) -> bool:
    if a.figure.as_of and b.figure.as_of:
        return a.figure.as_of[:7] == b.figure.as_of[:7]
    if a.day is None or b.day is None:
        return False
    return abs((a.day - b.day).days) <= SAME_PERIOD_DAYS


def _numbers_fit(a: LedgerPoint, b: LedgerPoint) -> bool:
    """Overlapping ranges, or numbers within the tolerance of each other."""
    (a_low, a_high), (b_low, b_high) = a.bounds(), b.bounds()
    if a_low <= b_high and b_low <= a_high:
        return True
    gap = max(a_low, b_low) - min(a_high, b_high)
    return gap <= TOLERANCE * max(a_low, b_low)
