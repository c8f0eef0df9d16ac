"""Duplicate detection on hand-written copies of a Korea Herald article (tests/fixtures/stories)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from newsdesk.dedupe.fingerprint import Fingerprint, signature
from newsdesk.dedupe.index import DuplicateIndex
from newsdesk.model.duplicates import DuplicateMatch

FIXTURE = Path(__file__).parent / "fixtures" / "stories" / "duplicates.jsonl"


def load() -> list[dict]:
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    for r in records:
        r["published"] = datetime.fromisoformat(r["published"])
    return records


def feed(index: DuplicateIndex, records: list[dict]) -> dict[str, DuplicateMatch | None]:
    return {
        r["id"]: index.add(r["id"], r["body"], r["published"], url=r["url"], guid=r.get("guid"))
        for r in records
    }


@pytest.fixture
def records() -> list[dict]:
    return load()


@pytest.fixture
def matches(records: list[dict]) -> dict[str, DuplicateMatch | None]:
    return feed(DuplicateIndex(), records)


def test_the_original_is_new(matches):
    assert matches["kh-original"] is None


@pytest.mark.parametrize(
    ("copy_id", "kind"),
    [
        ("agg-boilerplate", "near"),
        ("agg-trimmed", "near"),
        ("agg-retitled", "body"),
        ("agg-edited", "near"),
        ("syndicated-earlier", "body"),
        ("same-url-tracking", "url"),
    ],
)
def test_every_copy_is_recognised(records, matches, copy_id, kind):
    match = matches[copy_id]
    assert match is not None, copy_id
    assert match.article_id == copy_id
    # It matched the original or a copy of it seen before (whichever it is closest to).
    earlier_copies = {r["id"] for r in records if r["copy_of"] == "kh-original"}
    assert match.duplicate_of in {"kh-original"} | earlier_copies
    assert match.kind == kind


def test_boilerplate_copy_lies_inside_the_aggregator_page(matches):
    match = matches["agg-boilerplate"]
    assert match.containment > 0.97
    assert 0.7 < match.jaccard < 0.95  # boilerplate makes it a near, not an exact, copy


def test_trimmed_copy_is_found_by_containment_not_jaccard(matches):
    match = matches["agg-trimmed"]
    assert match.jaccard < 0.5  # too little of the original for Jaccard alone
    assert match.containment > 0.9


def test_small_edits_keep_a_high_jaccard(matches):
    match = matches["agg-edited"]
    assert 0.8 < match.jaccard < 1.0
    assert not match.estimated


@pytest.mark.parametrize("article_id", ["wire-same-event", "kh-other-article"])
def test_independent_articles_are_not_copies(matches, article_id):
    # The same event in another outlet's words; another article sharing only the copyright line.
    assert matches[article_id] is None


def test_group_keeps_every_copy_and_knows_the_original(records, matches):
    index = DuplicateIndex()
    feed(index, records)
    group = index.copies_of("kh-original")
    expected = {r["id"] for r in records if r["copy_of"] == "kh-original"} | {"kh-original"}
    assert set(group) == expected
    assert len(index) == len(records)  # nothing deleted
    # Published ten minutes before the Korea Herald page itself: the earliest is the original.
    assert group[0] == "syndicated-earlier"
    assert index.original_of("agg-trimmed") == "syndicated-earlier"
    assert matches["syndicated-earlier"].original == "syndicated-earlier"
    assert matches["agg-boilerplate"].original == "kh-original"  # before the earlier one came


def test_ties_in_publication_go_to_the_first_seen():
    text = " ".join(f"word{i} appears in this sentence number {i}." for i in range(40))
    same_time = datetime.fromisoformat("2024-10-11T01:30:00+00:00")
    index = DuplicateIndex()
    assert index.add("first", text, same_time) is None
    match = index.add("second", text + " Extra closing words.", same_time)
    assert match is not None and match.original == "first"
    undated = index.add("undated", text)
    assert undated is not None and undated.original == "first"


def test_signature_round_trips():
    text = load()[0]["body"]
    sig = signature(text)
    assert isinstance(sig, bytes)
    fp = Fingerprint.from_bytes(sig)
    assert Fingerprint.from_bytes(fp.to_bytes()).to_bytes() == sig
    assert signature(text) == sig  # stable across calls and processes (no salted hash)


def test_index_rebuilt_from_signatures_still_finds_copies(records):
    by_id = {r["id"]: r for r in records}
    index = DuplicateIndex()
    for r in (by_id["kh-original"], by_id["kh-other-article"]):
        index.insert(r["id"], signature(r["body"]), r["published"], url=r["url"])
    trimmed, edited = by_id["agg-trimmed"], by_id["agg-edited"]
    match = index.add("agg-trimmed", trimmed["body"], trimmed["published"])
    assert match is not None and match.duplicate_of == "kh-original" and match.estimated
    assert index.add("wire-same-event", by_id["wire-same-event"]["body"]) is None

    texts = {r["id"]: r["body"] for r in records}
    exact = DuplicateIndex(text_of=texts.get)
    exact.insert("kh-original", signature(texts["kh-original"]), by_id["kh-original"]["published"])
    match = exact.add("agg-edited", edited["body"], edited["published"])
    assert match is not None and not match.estimated and match.jaccard > 0.8


def test_restored_groups_keep_their_original(records):
    by_id = {r["id"]: r for r in records}
    index = DuplicateIndex()
    index.insert(
        "kh-original", signature(by_id["kh-original"]["body"]), by_id["kh-original"]["published"]
    )
    early = by_id["syndicated-earlier"]
    index.insert(
        "syndicated-earlier",
        signature(early["body"]),
        early["published"],
        duplicate_of="kh-original",
    )
    assert index.original_of("kh-original") == "syndicated-earlier"


def test_adding_an_id_twice_is_refused():
    index = DuplicateIndex()
    index.add("a", "some text " * 30)
    with pytest.raises(ValueError):
        index.add("a", "some text " * 30)


def test_lsh_candidates_are_verified_before_they_count():
    # Same opening (so the lead index surely proposes it), then a different article: half of
    # the shorter text is not in the longer one, so it is no copy.
    opening = [
        f"Opening paragraph sentence {i} about the Bank of Korea decision." for i in range(6)
    ]
    first = opening + [f"Later paragraph {i} on household debt and housing." for i in range(6)]
    second = opening + [f"Different paragraph {i} on chip exports and the won." for i in range(6)]
    index = DuplicateIndex()
    assert index.add("first", " ".join(first)) is None
    assert index.add("second", " ".join(second)) is None
    assert index.copies_of("second") == ["second"]
