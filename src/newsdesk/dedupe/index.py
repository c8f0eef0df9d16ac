"""Duplicate detection: exact copies and near-duplicates of an article, found as they arrive.

An article's body is cut into word shingles (three words each). Two MinHash LSH indexes propose
candidates, never a scan over every stored article: one over the whole body (copies with a new
headline, boilerplate added, small edits) and one over its first words (a trimmed copy keeps the
opening but may hold a small share of the whole). Each candidate is then verified on the shingles
themselves, so an LSH collision is never reported as a duplicate: a copy has Jaccard similarity
>= `min_jaccard`, or the shorter text lies inside the longer one (containment >=
`min_containment`). Exact copies (same canonical URL, guid or normalised body) are found by key.

Nothing is deleted: copies form groups, and each group knows its original (earliest published;
ties, and undated copies, go to the earliest seen).

Persistence: `signature(text)` gives bytes to store beside the article; at start-up
`index.insert(article_id, signature, ...)` rebuilds the index. Articles restored that way are
verified with `text_of(article_id)` when given, else from their signatures (an estimate).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsdesk.dedupe.fingerprint import (
    FULL_PERM,
    LEAD_PERM,
    SCHEME,
    Fingerprint,
    fingerprint,
    normalise,
    permutations,
    shingle_hashes,
)
from newsdesk.model.duplicates import DuplicateMatch
from newsdesk.urls import canonical_url


@dataclass
class _Entry:
    article_id: str
    published: datetime | None
    seen: int
    fingerprint: Fingerprint


class DuplicateIndex:
    """Streaming duplicate index: `add()` each article once, in any order of arrival."""

    def __init__(
        self,
        *,
        min_jaccard: float = 0.7,
        min_containment: float = 0.8,
        min_shingles: int = 20,
        lsh_threshold: float = 0.3,
        lead_threshold: float = 0.5,
        keep_shingles: int = 20_000,
        text_of: Callable[[str], str | None] | None = None,
    ) -> None:
        """`keep_shingles` bounds how many articles' shingles stay in memory for verification;
        older ones are verified through `text_of` (when given) or from their signatures."""
        self.min_jaccard = min_jaccard
        self.min_containment = min_containment
        self.min_shingles = min_shingles
        self.text_of = text_of
        self._full = MinHashLSH(threshold=lsh_threshold, num_perm=FULL_PERM)
        self._lead = MinHashLSH(threshold=lead_threshold, num_perm=LEAD_PERM)
        self._entries: dict[str, _Entry] = {}
        self._shingles: OrderedDict[str, np.ndarray] = OrderedDict()
        self._keep = keep_shingles
        self._by_key: dict[str, str] = {}  # "url:..", "guid:..", "body:.." -> first article id
        self._parent: dict[str, str] = {}  # union-find over duplicate groups
        self._members: dict[str, list[str]] = {}  # group root -> its articles
        self._seen = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    # -- adding -------------------------------------------------------------------------------

    def add(
        self,
        article_id: str,
        text: str,
        published: datetime | None = None,
        *,
        url: str | None = None,
        guid: str | None = None,
    ) -> DuplicateMatch | None:
        """Index one article's body text; return what it duplicates, or None if it is new.

        Pass the body without the headline: a copy under a different headline is still a copy.
        """
        fp, hashes = fingerprint(text)
        match = self._match(article_id, fp, hashes, url, guid)
        self._store(article_id, fp, published, url, guid)
        self._remember(article_id, hashes)
        return self._record(article_id, match)

    def insert(
        self,
        article_id: str,
        signature: bytes,
        published: datetime | None = None,
        *,
        url: str | None = None,
        guid: str | None = None,
        duplicate_of: str | None = None,
    ) -> None:
        """Restore one stored article (in the order first seen) from its `signature()` bytes.

        `duplicate_of` restores its group, as the lead stored it from an earlier DuplicateMatch.
        """
        self._store(article_id, Fingerprint.from_bytes(signature), published, url, guid)
        self._parent[article_id] = article_id
        self._members[article_id] = [article_id]
        if duplicate_of is not None and duplicate_of in self._entries:
            self._union(article_id, duplicate_of)

    # -- groups -------------------------------------------------------------------------------

    def original_of(self, article_id: str) -> str:
        """The original of the article's group (the article itself when it has no copies)."""
        return min(self._members[self._find(article_id)], key=self._age)

    def copies_of(self, article_id: str) -> list[str]:
        """Every article of the group, original first, then in order seen."""
        members = self._members[self._find(article_id)]
        original = min(members, key=self._age)
        rest = sorted((a for a in members if a != original), key=lambda a: self._entries[a].seen)
        return [original, *rest]

    # -- internals ----------------------------------------------------------------------------

    def _match(
        self,
        article_id: str,
        fp: Fingerprint,
        hashes: np.ndarray,
        url: str | None,
        guid: str | None,
    ) -> DuplicateMatch | None:
        for kind, key in self._keys(fp, url, guid):
            if key in self._by_key:
                other = self._by_key[key]
                return DuplicateMatch(article_id, other, other, kind, 1.0, 1.0)
        if len(hashes) < self.min_shingles:
            return None
        candidates = set(self._full.query(_lean(fp.full, FULL_PERM)))
        candidates |= set(self._lead.query(_lean(fp.lead, LEAD_PERM)))
        best: DuplicateMatch | None = None
        for other in sorted(candidates, key=lambda a: self._entries[a].seen):
            found = self._verify(article_id, other, fp, hashes)
            if found and (best is None or _strength(found) > _strength(best)):
                best = found
        return best

    def _verify(
        self, article_id: str, other: str, fp: Fingerprint, hashes: np.ndarray
    ) -> DuplicateMatch | None:
        theirs = self._shingles_of(other)
        if theirs is not None:
            if len(theirs) < self.min_shingles:
                return None
            common = len(np.intersect1d(hashes, theirs, assume_unique=True))
            jaccard = common / (len(hashes) + len(theirs) - common)
            containment = common / min(len(hashes), len(theirs))
            estimated = False
        else:
            theirs_fp = self._entries[other].fingerprint
            if theirs_fp.shingle_count < self.min_shingles:
                return None
            jaccard = float(np.mean(fp.full == theirs_fp.full))
            a, b = fp.shingle_count, theirs_fp.shingle_count
            containment = min(1.0, jaccard * (a + b) / ((1 + jaccard) * min(a, b)))
            estimated = True
        if jaccard >= self.min_jaccard or containment >= self.min_containment:
            return DuplicateMatch(article_id, other, other, "near", jaccard, containment, estimated)
        return None

    def _shingles_of(self, article_id: str) -> np.ndarray | None:
        if article_id in self._shingles:
            return self._shingles[article_id]
        if self.text_of is not None:
            text = self.text_of(article_id)
            if text is not None:
                hashes = shingle_hashes(normalise(text))
                self._remember(article_id, hashes)
                return hashes
        return None

    def _remember(self, article_id: str, hashes: np.ndarray) -> None:
        self._shingles[article_id] = hashes
        self._shingles.move_to_end(article_id)
        while len(self._shingles) > self._keep:
            self._shingles.popitem(last=False)

    def _store(
        self,
        article_id: str,
        fp: Fingerprint,
        published: datetime | None,
        url: str | None,
        guid: str | None,
    ) -> None:
        if article_id in self._entries:
            raise ValueError(f"article {article_id!r} is already in the duplicate index")
        self._seen += 1
        self._entries[article_id] = _Entry(article_id, published, self._seen, fp)
        for _, key in self._keys(fp, url, guid):
            self._by_key.setdefault(key, article_id)
        if fp.shingle_count >= self.min_shingles:
            self._full.insert(article_id, _lean(fp.full, FULL_PERM), check_duplication=False)
            self._lead.insert(article_id, _lean(fp.lead, LEAD_PERM), check_duplication=False)

    @staticmethod
    def _keys(fp: Fingerprint, url: str | None, guid: str | None) -> list[tuple[str, str]]:
        keys = []
        if canonical := canonical_url(url):
            keys.append(("url", "url:" + canonical))
        if guid:
            keys.append(("guid", "guid:" + guid))
        if fp.shingle_count:
            keys.append(("body", "body:" + fp.body_digest.hex()))
        return keys

    def _record(self, article_id: str, match: DuplicateMatch | None) -> DuplicateMatch | None:
        self._parent[article_id] = article_id
        self._members[article_id] = [article_id]
        if match is None:
            return None
        self._union(article_id, match.duplicate_of)
        return DuplicateMatch(
            match.article_id,
            match.duplicate_of,
            self.original_of(article_id),
            match.kind,
            match.jaccard,
            match.containment,
            match.estimated,
        )

    def _age(self, article_id: str) -> tuple[bool, float, int]:
        entry = self._entries[article_id]
        stamp = entry.published.timestamp() if entry.published else 0.0
        return (entry.published is None, stamp, entry.seen)

    def _find(self, article_id: str) -> str:
        root = article_id
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(article_id, article_id) != root:
            self._parent[article_id], article_id = root, self._parent[article_id]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # The root is the member seen first, so groups do not depend on union order.
            first, second = sorted((ra, rb), key=lambda x: self._entries[x].seen)
            self._parent[second] = first
            self._members[first].extend(self._members.pop(second))


def _lean(values: np.ndarray, num_perm: int) -> MinHash:
    return MinHash(
        num_perm=num_perm,
        seed=1,
        hashvalues=values,
        scheme=SCHEME,
        permutations=permutations(num_perm),
    )


def _strength(match: DuplicateMatch) -> tuple[float, float]:
    return (max(match.jaccard, match.containment), match.jaccard)
