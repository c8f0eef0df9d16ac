"""The figures ledger's rules: each point's date and claimant, and when two claims disagree."""

from __future__ import annotations

from datetime import UTC, date, datetime

from newsdesk.ledger import PUBLISHER, as_of_day, build_ledger, ledger_point
from newsdesk.model.enrichment import Figure


def point(
    value: float,
    claimant: str | None,
    day: date | None,
    as_of: str | None = None,
    article: str = "a1",
    source: str | None = "Desk Wire",
    qualifier: str | None = None,
    high: float | None = None,
):  # type: ignore[no-untyped-def]
    figure = Figure(
        text=f"{value:,.0f}",
        start=0,
        end=5,
        number=value,
        value=value,
        kind="count",
        unit="troops",
        measure="deployed",
        subject_entity_id="country:north-korea",
        claimant=claimant,
        as_of=as_of,
        qualifier=qualifier,
        low=value if high is not None else None,
        high=high,
    )
    published = datetime(day.year, day.month, day.day, 9, tzinfo=UTC) if day else None
    return ledger_point(figure, article, f"title {article}", source, published)


def test_as_of_reads_dates_months_and_years() -> None:
    assert as_of_day("2024-12-19") == date(2024, 12, 19)
    assert as_of_day("2024-12") == date(2024, 12, 1)
    assert as_of_day("2025") == date(2025, 1, 1)
    assert as_of_day("2024-13") is None and as_of_day(None) is None


def test_a_point_is_dated_by_as_of_before_the_article_and_claimed_by_the_source_when_unsaid() -> (
    None
):
    dated = point(11_000, "NIS", date(2025, 1, 13), as_of="2024-12")
    assert dated.day == date(2024, 12, 1) and dated.published == date(2025, 1, 13)
    unsaid = point(11_000, None, date(2025, 1, 13), source="Korea Herald")
    assert unsaid.claimant == "Korea Herald" and unsaid.day == date(2025, 1, 13)
    assert point(1, None, None, source=None).claimant == PUBLISHER


def test_points_are_in_time_order_with_undated_last_and_repeats_of_one_article_kept_once() -> None:
    late = point(11_000, "NIS", date(2025, 1, 13), article="a2")
    early = point(3_000, "NIS", date(2024, 10, 23), article="a1")
    repeat = point(3_000, "NIS", date(2024, 10, 23), article="a1")
    undated = point(12_000, "KCNA", None, article="a3")
    ledger = build_ledger("country:north-korea", "deployed", [undated, late, repeat, early])
    assert [p.article_id for p in ledger.points] == ["a1", "a2", "a3"]
    assert ledger.claimants == ["NIS", "KCNA"]


def test_different_claimants_with_different_numbers_in_the_same_week_disagree() -> None:
    nis = point(3_000, "NIS", date(2024, 10, 23), article="a1")
    pentagon = point(10_000, "Pentagon", date(2024, 10, 28), article="a2")
    ledger = build_ledger("country:north-korea", "deployed", [nis, pentagon])
    assert len(ledger.disagreements) == 1
    assert ledger.disputed(nis) and ledger.disputed(pentagon)


def test_no_disagreement_for_one_claimant_other_periods_close_numbers_or_fitting_ranges() -> None:
    cases = [
        # the same claimant revising its own number is a revision, not a dispute
        [
            point(3_000, "NIS", date(2024, 10, 23)),
            point(10_000, "NIS", date(2024, 10, 25), article="b"),
        ],
        # eight days apart: another period
        [
            point(3_000, "NIS", date(2024, 10, 20)),
            point(10_000, "Pentagon", date(2024, 10, 28), article="b"),
        ],
        # within ten percent: the same claim rounded
        [
            point(11_000, "NIS", date(2025, 1, 13)),
            point(12_000, "HUR", date(2025, 1, 14), article="b"),
        ],
        # a range that holds the other's number
        [
            point(10_000, "NIS", date(2025, 1, 13), high=12_000),
            point(11_000, "HUR", date(2025, 1, 14), article="b"),
        ],
        # "at least 100" fits several hundred
        [
            point(100, "NIS", date(2024, 12, 19), qualifier="at least"),
            point(300, "Pentagon", date(2024, 12, 18), article="b"),
        ],
    ]
    for points in cases:
        assert build_ledger("country:north-korea", "killed", points).disagreements == [], points


def test_as_of_months_decide_the_period_when_both_points_have_one() -> None:
    same_month = [
        point(11_000, "NIS", date(2025, 2, 20), as_of="2024-12"),
        point(8_000, "HUR", date(2024, 12, 2), as_of="2024-12-01", article="b"),
    ]
    assert len(build_ledger("country:north-korea", "deployed", same_month).disagreements) == 1
    other_months = [
        point(11_000, "NIS", date(2025, 1, 3), as_of="2025-01"),
        point(8_000, "HUR", date(2025, 1, 2), as_of="2024-12", article="b"),
    ]
    assert build_ledger("country:north-korea", "deployed", other_months).disagreements == []
