"""Ingestion, the first stage: raw inputs in, stored articles out.

Inputs are read one at a time, stored raw first, parsed, and their articles saved, in batches of
one transaction; a bad input is recorded as failed with its reason and the batch goes on. The
later stages (stages.py) read what ingestion stored and run after it, never inside it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsdesk.errors import IngestError
from newsdesk.ingest import parse_raw
from newsdesk.model import Article, RawDocument, RawStatus, SaveOutcome
from newsdesk.store import Store

STDIN = "-"
# Inputs per transaction: one commit per batch keeps SQLite fast; the byte bound keeps memory
# flat when the inputs are large pages.
_BATCH_INPUTS = 400
_BATCH_BYTES = 16 * 1024 * 1024


@dataclass
class InputOutcome:
    """What happened to one input."""

    origin: str
    status: str  # "parsed", "failed", or "seen" (the same bytes were ingested before)
    raw_id: int | None = None
    format: str | None = None
    error: str | None = None
    saved: list[SaveOutcome] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)  # only until they are stored


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


def ingest_raws(store: Store, raws: list[RawDocument], max_bytes: int) -> list[InputOutcome]:
    """Store raw documents first, then parse the new ones and store their articles in bulk."""
    with store.transaction():
        stored = store.add_raws(raws)
        outcomes = [
            _parse(raw, raw_id, max_bytes)
            if needs_parsing
            else InputOutcome(raw.origin, "seen", raw_id)
            for raw, (raw_id, needs_parsing) in zip(raws, stored, strict=True)
        ]
        parsed = [(o, raw) for o, raw in zip(outcomes, raws, strict=True) if o.status == "parsed"]
        saved = store.save_batch([(o.raw_id, o.articles, raw.received_at) for o, raw in parsed])
        for (outcome, _), outcome_saved in zip(parsed, saved, strict=True):
            outcome.saved, outcome.articles = outcome_saved, []
        store.finish_raws([_finish(o) for o in outcomes if o.status != "seen"])
    return outcomes


def _parse(raw: RawDocument, raw_id: int, max_bytes: int) -> InputOutcome:
    try:
        if raw.size and raw.size > max_bytes:
            raise IngestError(
                f"input is {_size(raw.size)}, over the {_size(max_bytes)} limit "
                "(set NEWSDESK_MAX_INPUT_MB to raise it)",
                raw.origin,
            )
        fmt, articles = parse_raw(raw)
    except IngestError as error:
        return InputOutcome(raw.origin, "failed", raw_id, raw.detected_format, error.reason)
    except Exception as error:  # a bug in an adapter must not stop the batch; say it is one
        reason = f"internal error (please report): {error!r}"[:500]
        return InputOutcome(raw.origin, "failed", raw_id, raw.detected_format, reason)
    return InputOutcome(raw.origin, "parsed", raw_id, fmt, articles=articles)


def _size(count: int) -> str:
    return f"{count / 1048576:.1f} MB" if count >= 1048576 else f"{count / 1024:.1f} KB"


def _finish(outcome: InputOutcome) -> tuple[int, RawStatus, str | None, str | None, int]:
    status = RawStatus.PARSED if outcome.status == "parsed" else RawStatus.FAILED
    return (outcome.raw_id, status, outcome.format, outcome.error, len(outcome.saved))


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

    def flush(unreadable: list[InputOutcome], raws: list[RawDocument]) -> None:
        for outcome in unreadable + ingest_raws(store, raws, max_bytes):
            report.outcomes.append(outcome)  # ids and reasons only, never content
            if on_input:
                on_input(outcome)
        unreadable.clear()
        raws.clear()

    unreadable: list[InputOutcome] = []
    raws: list[RawDocument] = []
    held = 0
    for path in list_inputs(paths):
        try:
            raw = read_input(path, max_bytes, fmt)
        except IngestError as error:
            unreadable.append(InputOutcome(path, "failed", error=error.reason))
            continue
        raw.crawled_at = crawled_at
        raws.append(raw)
        held += len(raw.content)
        if len(raws) + len(unreadable) >= _BATCH_INPUTS or held >= _BATCH_BYTES:
            flush(unreadable, raws)
            held = 0
    flush(unreadable, raws)
    return report
