"""The figures ledger in a real browser and through the API, on hand-written articles (one
per claimant) taken through the real stages: "North Korean troops deployed to Russia" over
time, each number with who claims it, and the claims that disagree flagged."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from newsdesk import pipeline
from newsdesk.store import open_store
from tests.conftest import FIXTURES
from tests.web.conftest import LiveSite, serve

DEPLOYMENT = FIXTURES / "ledger" / "deployment.json"
NORTH_KOREA = "country:north-korea"
LEDGER = f"/entities/{NORTH_KOREA}/ledger/deployed"


@pytest.fixture(scope="module")
def ledger_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'store.db'}"
    store = open_store(url)
    report = pipeline.ingest_paths(store, [str(DEPLOYMENT)], 10 * 1024 * 1024)
    assert not report.failed and len(report.outcomes[0].saved) == 4
    pipeline.advance(store)
    yield from serve(url, store)


def test_the_api_gives_each_claim_in_time_order_with_its_claimant(ledger_site: LiveSite) -> None:
    response = httpx.get(f"{ledger_site.url}/api/ledger/{NORTH_KOREA}/deployed", timeout=10)
    assert response.status_code == 200, response.text
    ledger = response.json()
    points = [(p["date"], p["value"], p["claimant"]) for p in ledger["points"]]
    # Hand-read from the fixture: one deployment figure per article, claimed by whoever said it.
    assert [(d, v) for d, v, _ in points] == [
        ("2024-10-23", 3_000),
        ("2024-10-28", 10_000),
        ("2024-11-05", 11_000),
        ("2025-01-13", 11_000),
    ]
    claimants = [c for _, _, c in points]
    assert "National Intelligence Service" in claimants[0]
    assert "Pentagon" in claimants[1]
    assert "Zelenskyy" in claimants[2]
    assert "National Intelligence Service" in claimants[3]
    # 3,000 (NIS) and 10,000 (Pentagon) five days apart: a disagreement; the rest fit together
    # or lie in other periods.
    assert ledger["disagreements"] == [{"points": [0, 1]}]


def test_the_entity_page_links_its_ledger_and_the_ledger_page_shows_the_timeline(
    ledger_site: LiveSite, page
) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{ledger_site.url}/entities/{NORTH_KOREA}")
    page.get_by_role("link", name="deployed").click()
    page.wait_for_url(f"**{LEDGER}")
    assert page.locator("h1").inner_text() == "North Korea: deployed"
    rows = page.locator(".ledger .ledger-point")
    assert rows.count() == 4
    values = rows.locator(".ledger-value").all_inner_texts()
    numbers = [re.search(r"\d[\d,]*", v).group() for v in values]  # type: ignore[union-attr]
    assert numbers == ["3,000", "10,000", "11,000", "11,000"]
    claimants = rows.locator(".ledger-claimant").all_inner_texts()
    assert any("Zelenskyy" in c for c in claimants) and any("Pentagon" in c for c in claimants)
    disputed = page.locator(".ledger-point.disputed .ledger-claimant").all_inner_texts()
    assert len(disputed) == 2 and "Pentagon" in disputed[1]
    page.locator(".ledger-point").nth(2).get_by_role("link").last.click()
    assert "Zelenskyy says North Korean units are now in Kursk" in page.locator("h1").inner_text()
    ledger_site.shot(page, "ledger-deployed")


def test_a_measure_nobody_reported_is_a_404_page(ledger_site: LiveSite, page) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(f"{ledger_site.url}/entities/{NORTH_KOREA}/ledger/containers")
    assert response is not None and response.status == 404
    assert "no 'containers' figures about North Korea" in page.locator("main").inner_text()
