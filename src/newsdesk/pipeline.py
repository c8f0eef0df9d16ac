"""The pipeline: raw inputs in, stored articles out. The only place that knows the stage order.

Ingestion streams: inputs are read one at a time, stored raw first, parsed, and their articles
saved; a bad input is recorded as failed with its reason and the batch goes on. Slower stages
(enrichment, stories) read what ingestion stored and run after it, never inside it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsdesk.errors import IngestError
from newsdesk.ingest import parse_raw
from newsdesk.model import RawDocument, RawStatus, SaveOutcome
from newsdesk.store import Store

STDIN = "-"
_BATCH_INPUTS = 100  # inputs per transaction: one commit per batch keeps SQLite fast


@dataclass
class InputOutcome:
    """What happened to one input."""

    origin: str
    status: str  # "parsed", "failed", or "seen" (the same bytes were ingested before)
    raw_id: int | None = None
    format: str | None = None
    error: str | None = None
    saved: list[SaveOutcome] = field(default_factory=list)


@dataclass
class IngestReport:
    outcomes: list[InputOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    def changes(self, change: str) -> int:
        return sum(s.change == change for o in self.outcomes for s in o.saved)

    @property
    def failed(self) -> list[InputOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def list_inputs(paths: list[str]) -> list[str]:
    """Files named, files under folders (recursively, sorted), and "-" for standard input."""
    found: list[str] = []
    for path in paths:
        if path == STDIN or not Path(path).is_dir():
            found.append(path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(folder, f) for f in sorted(files) if not f.startswith(".")]
    return found


def read_input(path: str, max_bytes: int, fmt: str | None = None) -> RawDocument:
    """The raw document for a path or "-"; over `max_bytes` only its hash and size are kept."""
    if path == STDIN:
        return RawDocument(content=sys.stdin.buffer.read(), origin="<stdin>", format_hint=fmt)
    try:
        size = os.path.getsize(path)
        if size <= max_bytes:
            return RawDocument(content=Path(path).read_bytes(), origin=path, format_hint=fmt)
        return RawDocument(content=b"", origin=path, size=size, content_sha256=_file_hash(path))
    except OSError as error:
        raise IngestError(f"cannot read input: {error.strerror or error}", path) from None


def _file_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest_raw(store: Store, raw: RawDocument, max_bytes: int) -> InputOutcome:
    """Store one raw document, parse it, store its articles; failures are recorded, not raised."""
    raw_id, is_new = store.add_raw(raw)
    if not is_new:
        return InputOutcome(raw.origin, "seen", raw_id=raw_id)
    try:
        if raw.size and raw.size > max_bytes:
            raise IngestError(
                f"input is {raw.size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB "
                "limit (set NEWSDESK_MAX_INPUT_MB to raise it)",
                raw.origin,
            )
        fmt, articles = parse_raw(raw)
    except IngestError as error:
        return _failed(store, raw, raw_id, error.reason)
    except Exception as error:  # a bug in an adapter must not stop the batch; say it is one
        return _failed(store, raw, raw_id, f"internal error (please report): {error!r}"[:500])
    saved = store.save_articles(raw_id, articles, seen_at=raw.received_at)
    store.finish_raw(raw_id, RawStatus.PARSED, fmt, None, len(articles))
    return InputOutcome(raw.origin, "parsed", raw_id=raw_id, format=fmt, saved=saved)


def _failed(store: Store, raw: RawDocument, raw_id: int, reason: str) -> InputOutcome:
    store.finish_raw(raw_id, RawStatus.FAILED, raw.detected_format, reason, 0)
    return InputOutcome(raw.origin, "failed", raw_id=raw_id, format=raw.detected_format, error=reason)


def ingest_paths(
    store: Store,
    paths: list[str],
    max_bytes: int,
    fmt: str | None = None,
    crawled_at: datetime | None = None,
    on_input: Callable[[InputOutcome], None] | None = None,
) -> IngestReport:
    """Ingest every input under `paths`, streaming; `on_input` is told of each one as it ends."""
    report = IngestReport()
    for batch in _batches(list_inputs(paths), _BATCH_INPUTS):
        with store.transaction():
            for path in batch:
                outcome = _ingest_path(store, path, max_bytes, fmt, crawled_at)
                report.outcomes.append(outcome)  # ids and reasons only, never content
                if on_input:
                    on_input(outcome)
    return report


def _ingest_path(
    store: Store, path: str, max_bytes: int, fmt: str | None, crawled_at: datetime | None
) -> InputOutcome:
    try:
        raw = read_input(path, max_bytes, fmt)
    except IngestError as error:
        return InputOutcome(path, "failed", error=error.reason)
    raw.crawled_at = crawled_at
    return ingest_raw(store, raw, max_bytes)


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
