"""What duplicate detection finds: a new article matched to the stored one it copies."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DuplicateMatch:
    """What a new article copies.

    `duplicate_of` is the existing article it matched best; `original` the original of the whole
    group after this article joined (the new article itself when it was published first).
    `kind` is "url", "guid", "body" (identical text) or "near". `jaccard` and `containment`
    (of the shorter text in the longer) are measured on shingles; `estimated` is True when one
    side was known only by its signature.
    """

    article_id: str
    duplicate_of: str
    original: str
    kind: str
    jaccard: float
    containment: float
    estimated: bool = False
