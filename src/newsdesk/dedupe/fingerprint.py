"""Fingerprints of article bodies: word shingles, their stable hashes, and MinHash signatures.

`signature(text)` gives bytes to store beside an article; `Fingerprint.from_bytes` reads them
back, so the duplicate index can be rebuilt without re-reading every text.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 3
LEAD_WORDS = 60  # the opening a trimmed copy keeps
FULL_PERM, LEAD_PERM = 128, 64
SIGNATURE_FORMAT = 1
SCHEME = "affine32"  # datasketch 2 MinHash scheme the stored signatures were made with
_HEADER = struct.Struct("<BI16s")  # format, shingle count, body digest
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """What the index keeps of one text (and what `signature()` packs)."""

    shingle_count: int
    body_digest: bytes
    full: np.ndarray  # uint32, FULL_PERM MinHash values over all shingles
    lead: np.ndarray  # uint32, LEAD_PERM MinHash values over the opening's shingles

    def to_bytes(self) -> bytes:
        header = _HEADER.pack(SIGNATURE_FORMAT, self.shingle_count, self.body_digest)
        return header + self.full.astype("<u4").tobytes() + self.lead.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        fmt, count, digest = _HEADER.unpack_from(data)
        if fmt != SIGNATURE_FORMAT:
            raise ValueError(f"unknown duplicate signature format {fmt}: recompute it from text")
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
        if len(values) != FULL_PERM + LEAD_PERM:
            raise ValueError("truncated duplicate signature")
        return cls(count, digest, values[:FULL_PERM], values[FULL_PERM:])


def normalise(text: str) -> list[str]:
    """The words of a text, case- and width-folded, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingle_hashes(words: list[str]) -> np.ndarray:
    """Sorted unique stable 64-bit hashes of the text's word shingles (same in every process)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    if len(h) < SHINGLE_WORDS:
        return np.unique(h * _MIX[0])
    n = len(h) - SHINGLE_WORDS + 1
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        mixed = np.zeros(n, dtype=np.uint64)
        for k in range(SHINGLE_WORDS):
            mixed = (mixed ^ h[k : k + n]) * _MIX[k]
        mixed ^= mixed >> np.uint64(29)
    return np.unique(mixed)


_MIX = [np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)]
_WORD_HASHES: dict[str, int] = {}


def _word_hash(word: str) -> int:
    value = _WORD_HASHES.get(word)
    if value is None:
        if len(_WORD_HASHES) > 500_000:  # a bound on memory, not a cache policy
            _WORD_HASHES.clear()
        value = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        _WORD_HASHES[word] = value
    return value


def _identity(value: int) -> int:
    return value


_PERMUTATIONS: dict[int, object] = {}


def permutations(num_perm: int) -> object:
    # Drawing the permutations is most of a MinHash's set-up cost: draw them once per size.
    if num_perm not in _PERMUTATIONS:
        _PERMUTATIONS[num_perm] = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME).permutations
    return _PERMUTATIONS[num_perm]


def _minhash(hashes: np.ndarray, num_perm: int) -> MinHash:
    # The shingles are already hashed (stable 64-bit): their low 32 bits feed MinHash directly.
    mh = MinHash(
        num_perm=num_perm,
        seed=1,
        scheme=SCHEME,
        hashfunc=_identity,
        permutations=permutations(num_perm),
    )
    if len(hashes):
        mh.update_batch((hashes & np.uint64(0xFFFFFFFF)).tolist())
    return mh


def fingerprint(text: str) -> tuple[Fingerprint, np.ndarray]:
    """A text's fingerprint and its shingle hashes."""
    words = normalise(text)
    hashes = shingle_hashes(words)
    lead = shingle_hashes(words[:LEAD_WORDS])
    digest = hashlib.sha256(" ".join(words).encode()).digest()[:16]
    fp = Fingerprint(
        len(hashes),
        digest,
        _minhash(hashes, FULL_PERM).hashvalues.astype(np.uint32),
        _minhash(lead, LEAD_PERM).hashvalues.astype(np.uint32),
    )
    return fp, hashes


def signature(text: str) -> bytes:
    """Bytes to store beside an article so the index can be rebuilt without re-reading it."""
    return fingerprint(text)[0].to_bytes()
