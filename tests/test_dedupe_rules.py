"""The rules of duplicate detection, one test each, so that breaking a rule fails a test.

Found by mutation testing (benchmarks/mutation_score.py): these are the rules the tests in
test_dedupe.py let a deliberate small bug through on. Texts are the Korea Herald article of
tests/fixtures/stories/duplicates.jsonl and, where a rule needs exact shingle counts, numbered
words: n distinct words make n - 2 three-word shingles.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsdesk.dedupe import fingerprint as fingerprints
from newsdesk.dedupe.fingerprint import (
    SIGNATURE_FORMAT,
    Fingerprint,
    normalise,
    shingle_hashes,
    signature,
)
from newsdesk.dedupe.index import DuplicateIndex

FIXTURE = Path(__file__).parent / "fixtures" / "stories" / "duplicates.jsonl"
BODIES = {
    record["id"]: record["body"]
    for record in map(json.loads, FIXTURE.read_text(encoding="utf-8").splitlines())
}
ORIGINAL = BODIES["kh-original"]


def numbered(count: int, stem: str = "word") -> list[str]:
    return [f"{stem}{i}" for i in range(count)]


def text(words: list[str]) -> str:
    return " ".join(words)


# -- exact copies ------------------------------------------------------------------------------


KEYS = {  # the keys of the n-th of three copies: only the named one is shared
    "url": lambda n: {"url": f"https://www.koreaherald.com/view.php?ud=1&utm_source=r{n}"},
    "guid": lambda n: {"guid": "koreaherald-20241011000333", "url": f"https://m{n}.example"},
    "body": lambda n: {"url": f"https://mirror{n}.example.com/bok"},
}


@pytest.mark.parametrize("kind", list(KEYS))
def test_exact_copies_point_at_the_first_copy_not_the_latest(kind):
    index = DuplicateIndex()
    # Unrelated bodies for the url and guid cases, so only the key can make them copies.
    unrelated = [ORIGINAL, BODIES["wire-same-event"], BODIES["kh-other-article"]]
    bodies = [ORIGINAL] * 3 if kind == "body" else unrelated
    ids = ["first", "second", "third"]
    results = [index.add(ids[n], body, **KEYS[kind](n)) for n, body in enumerate(bodies)]
    assert results[0] is None
    for result in results[1:]:
        assert result is not None and result.kind == kind
        assert result.duplicate_of == "first"
        assert result.original == "first"
        # A key match is a whole copy, measured on nothing else.
        assert (result.jaccard, result.containment, result.estimated) == (1.0, 1.0, False)


def test_empty_bodies_are_not_copies_of_each_other():
    # A photo or video post has no text: two of them are not the same article.
    index = DuplicateIndex()
    assert index.add("photo-1", "", url="https://example.com/photo/1") is None
    assert index.add("photo-2", " … — ", url="https://example.com/photo/2") is None
    assert Fingerprint.from_bytes(signature("")).shingle_count == 0


def test_shingles_are_windows_of_three_words_after_folding_case_and_punctuation():
    assert normalise("The Bank, the BANK.") == ["the", "bank", "the", "bank"]
    # "the bank the" and "bank the bank"
    assert len(shingle_hashes(normalise("The Bank, the BANK."))) == 2
    assert len(shingle_hashes(numbered(5))) == 3
    assert len(shingle_hashes(numbered(3))) == 1
    assert len(shingle_hashes(["rate", "cut"])) == 2  # too short for a window: one per word
    assert len(shingle_hashes(["cut", "cut"])) == 1
    assert len(shingle_hashes(["cut"] * 9)) == 1
    assert len(shingle_hashes([])) == 0


# -- near copies -------------------------------------------------------------------------------


def test_twenty_shingles_are_enough_to_be_checked_as_a_near_copy():
    original = numbered(22)  # 20 shingles, the least `min_shingles` allows
    edited = [*original[:-1], "changed"]  # 19 of its 20 shingles in common
    index = DuplicateIndex()
    index.add("original", text(original))
    match = index.add("edited", text(edited))
    assert match is not None and match.kind == "near" and match.duplicate_of == "original"
    assert match.jaccard == 19 / 21 and match.containment == 19 / 20
    # The same when the original was restored from its stored signature (an estimate).
    restored = DuplicateIndex()
    restored.insert("original", signature(text(original)))
    match = restored.add("edited", text(edited))
    assert match is not None and match.estimated and match.duplicate_of == "original"


def test_nineteen_shingles_are_too_few_to_be_a_near_copy():
    original = numbered(21)  # 19 shingles
    index = DuplicateIndex()
    index.add("original", text(original))
    assert index.add("edited", text([*original[:-1], "changed"])) is None


def test_containment_at_the_threshold_is_a_copy_and_below_it_is_not():
    # 25 shingles each. Sharing the first 22 words shares 20 shingles: containment 20/25 = 0.8.
    original = numbered(27)
    index = DuplicateIndex()
    index.add("original", text(original))
    match = index.add("at", text(original[:22] + numbered(5, "other")))
    assert match is not None and match.containment == 0.8 and match.jaccard == 20 / 30
    assert index.add("below", text(original[:21] + numbered(6, "more"))) is None  # 19/25


def test_jaccard_at_the_threshold_is_a_copy_on_its_own():
    # Containment switched off; 34 shingles each, sharing 28 of them: Jaccard 28/40 = 0.7.
    original = numbered(36)
    index = DuplicateIndex(min_containment=1.01)
    index.add("original", text(original))
    match = index.add("at", text(original[:30] + numbered(6, "other")))
    assert match is not None and match.jaccard == 0.7
    assert index.add("below", text(original[:29] + numbered(7, "more"))) is None  # 27/41


def test_a_copy_inside_a_longer_page_is_found_whatever_page_opens_it():
    # An aggregator page with two other articles above the whole original: the opening
    # (the lead index) has nothing of the original, so only the whole-body index can find it.
    page = f"{BODIES['kh-other-article']} {BODIES['wire-same-event']} {ORIGINAL}"
    index = DuplicateIndex()
    index.add("original", ORIGINAL)
    match = index.add("page", page)
    assert match is not None and match.duplicate_of == "original"
    assert match.containment == 1.0 and 0.5 < match.jaccard < 0.6


def test_a_trimmed_copy_with_an_edited_opening_is_found_by_its_opening():
    # The first 70 words with four of them changed: too little of the whole for the body index
    # (Jaccard 0.24), enough of the opening for the lead index.
    words = ORIGINAL.split()[:70]
    for position in (5, 20, 35, 50):
        words[position] = f"changed{position}"
    index = DuplicateIndex()
    index.add("original", ORIGINAL)
    match = index.add("trimmed", text(words))
    assert match is not None and match.duplicate_of == "original"
    assert match.jaccard < 0.3 and match.containment > 0.8


def test_on_a_tie_the_copy_points_at_the_earliest_seen_candidate():
    base = numbered(40)
    # Ids that sort against the order seen; each differs from `base` in the same one word.
    index = DuplicateIndex()
    index.add("z-first", text([*base[:20], "alpha", *base[21:]]))
    index.add("a-second", text([*base[:20], "beta", *base[21:]]))
    match = index.add("base", text(base))
    assert match is not None and match.duplicate_of == "z-first"


def test_a_candidate_that_fails_verification_does_not_undo_an_earlier_match():
    base = numbered(100)
    index = DuplicateIndex()
    index.add("copied", text(base))
    # Same opening, then other words: the lead index proposes it, the check turns it down.
    index.add("half", text(base[:50] + numbered(50, "other")))
    match = index.add("edited", text([*base[:-1], "changed"]))
    assert match is not None and match.duplicate_of == "copied"


def test_an_estimated_partial_overlap_is_not_a_copy():
    # Restored from its signature, half of the text in common estimates well under the
    # thresholds (Jaccard about 1/3, containment about 1/2).
    base = numbered(100)
    index = DuplicateIndex()
    index.insert("half", signature(text(base[:50] + numbered(50, "other"))))
    assert index.add("edited", text([*base[:-1], "changed"])) is None


def test_estimated_similarity_is_close_to_the_measured_one_and_a_share_at_most_one():
    for copy_id in ("agg-edited", "agg-boilerplate", "agg-trimmed"):
        exact, restored = DuplicateIndex(), DuplicateIndex()
        exact.add("original", ORIGINAL)
        restored.insert("original", signature(ORIGINAL))
        measured = exact.add(copy_id, BODIES[copy_id])
        estimated = restored.add(copy_id, BODIES[copy_id])
        assert measured is not None and measured.estimated is False
        assert estimated is not None and estimated.estimated is True
        assert abs(estimated.jaccard - measured.jaccard) < 0.05, copy_id
        assert abs(estimated.containment - measured.containment) < 0.1, copy_id
        assert estimated.containment <= 1.0  # the boilerplate copy's estimate is 1.007 unclamped


# -- restoring the index -----------------------------------------------------------------------


def test_restored_articles_are_found_again_by_url_guid_and_body():
    index = DuplicateIndex()
    url = "https://www.koreaherald.com/view.php?ud=20241011000333"
    index.insert("stored", signature(ORIGINAL), url=url, guid="kh-333")
    assert "stored" in index and "by-url" not in index
    by_url = index.add("by-url", BODIES["wire-same-event"], url=url + "&utm_medium=rss")
    by_guid = index.add("by-guid", BODIES["kh-other-article"], guid="kh-333")
    by_body = index.add("by-body", ORIGINAL, url="https://mirror.example.com/bok")
    assert "by-url" in index
    assert by_url is not None and (by_url.kind, by_url.duplicate_of) == ("url", "stored")
    assert by_guid is not None and (by_guid.kind, by_guid.duplicate_of) == ("guid", "stored")
    assert by_body is not None and (by_body.kind, by_body.duplicate_of) == ("body", "stored")


def test_a_restored_copy_whose_original_is_gone_stands_alone():
    index = DuplicateIndex()
    index.insert("copy", signature(ORIGINAL), duplicate_of="deleted-since")
    assert index.copies_of("copy") == ["copy"]
    assert index.original_of("copy") == "copy"


def test_copies_are_listed_original_first_then_in_the_order_seen():
    index = DuplicateIndex()
    for article_id in ("m-original", "z-copy", "a-copy", "q-copy"):
        index.add(article_id, ORIGINAL)
    assert index.copies_of("a-copy") == ["m-original", "z-copy", "a-copy", "q-copy"]


def test_the_text_of_a_restored_article_is_read_once_and_checked_exactly():
    reads: list[str] = []

    def text_of(article_id: str) -> str:
        reads.append(article_id)
        return ORIGINAL

    index = DuplicateIndex(text_of=text_of)
    index.insert("stored", signature(ORIGINAL))
    for copy_id in ("agg-edited", "agg-boilerplate"):
        match = index.add(copy_id, BODIES[copy_id])
        assert match is not None and match.duplicate_of == "stored" and not match.estimated
    assert reads == ["stored"]


def test_only_the_latest_articles_keep_their_shingles_the_rest_are_estimated():
    index = DuplicateIndex(keep_shingles=1)
    index.add("older", ORIGINAL)
    index.add("newer", BODIES["wire-same-event"])  # pushes "older" out of memory
    newer_copy = index.add("newer-copy", BODIES["wire-same-event"] + " Reporting by Wire staff.")
    older_copy = index.add("older-copy", BODIES["agg-edited"])
    assert newer_copy is not None and newer_copy.duplicate_of == "newer"
    assert newer_copy.estimated is False
    assert older_copy is not None and older_copy.duplicate_of == "older"
    assert older_copy.estimated is True


# -- signatures --------------------------------------------------------------------------------


def test_damaged_signatures_are_refused_with_a_reason():
    good = signature(ORIGINAL)
    with pytest.raises(ValueError, match=r"unknown duplicate signature format 2: recompute"):
        Fingerprint.from_bytes(bytes([SIGNATURE_FORMAT + 1]) + good[1:])
    with pytest.raises(ValueError, match="^truncated duplicate signature$"):
        Fingerprint.from_bytes(good[:-4])


def test_adding_an_id_twice_says_which_id():
    index = DuplicateIndex()
    index.add("kh-1", ORIGINAL)
    with pytest.raises(ValueError, match="'kh-1' is already in the duplicate index"):
        index.add("kh-1", ORIGINAL)


# The SHA-256 of signatures as format 1 made them. The index is rebuilt at start-up
# from signatures stored in the database by earlier runs: a change to the words' hashes, the
# shingles or the MinHash permutations would make every stored signature disagree with new
# ones, and old articles would stop being found as originals.
# A caption too short for a shingle is hashed word by word: its signature is pinned too.
FORMAT_1_SIGNATURES_SHA256 = {
    ORIGINAL: "f371d09e9a609d800c8e59696815f9126deb40b3e16facff396e6b07c09fea50",
    "Photo: KCNA": "db40038bd0d66aee547f1705415068d73d47c187479e3e04116ea14ec318d36a",
}


@pytest.mark.parametrize("body", list(FORMAT_1_SIGNATURES_SHA256), ids=["article", "caption"])
def test_signatures_stay_what_earlier_versions_stored(monkeypatch, body):
    # Caches empty, as in a fresh process: the signature must not depend on what ran before.
    monkeypatch.setattr(fingerprints, "_WORD_HASHES", {})
    monkeypatch.setattr(fingerprints, "_PERMUTATIONS", {})
    stored = signature(body)
    fp = Fingerprint.from_bytes(stored)
    words = normalise(body)
    assert fp.body_digest == hashlib.sha256(" ".join(words).encode()).digest()[:16]
    windows = {tuple(words[i : i + 3]) for i in range(len(words) - 2)} or set(words)
    assert fp.shingle_count == len(windows)
    assert hashlib.sha256(stored).hexdigest() == FORMAT_1_SIGNATURES_SHA256[body]
