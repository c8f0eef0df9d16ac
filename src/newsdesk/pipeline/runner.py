"""Moving pending work forward: `advance(store)` runs every stage over what is pending.

Every entry point calls `advance` (the CLI after ingesting, `newsdesk process`, the API after an
upload, the app's background thread), so an article that arrives by any door goes through every
stage. A failure is isolated to the article that caused it: the batch is rolled back, the
stage's in-memory state is loaded again from the store, the batch is replayed one article at a
time, and the article that fails is recorded (stage, article, version, error, attempts) and
skipped until `retry` asks for it again. The other articles go on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import InterfaceError, OperationalError

from newsdesk.errors import NewsdeskError
from newsdesk.model import StoredArticle
from newsdesk.pipeline.stages import STAGES, STORIES, BatchFunction, Stage, StageOptions
from newsdesk.store import Store

log = logging.getLogger("newsdesk.pipeline")

# Errors that are about the store or the process, not about one article: they stop the run
# (recording them against every article would bury the real cause under a list of victims).
FATAL_ERRORS = (OperationalError, InterfaceError, MemoryError)

ProgressFactory = Callable[[Stage, int], Callable[[int], None]]


@dataclass
class StageFailureNote:
    article_id: str
    version: int
    error: str


@dataclass
class StageReport:
    """What one run of a stage did."""

    stage: str
    done: int = 0
    failed: list[StageFailureNote] = field(default_factory=list)
    unavailable: str | None = None  # the stage could not start (a model is not installed)
    stopped: bool = False  # the deadline came before the stage ran out of work


def advance(
    store: Store,
    options: StageOptions | None = None,
    stages: tuple[Stage, ...] = STAGES,
    on_stage: ProgressFactory | None = None,
    deadline: float | None = None,
) -> list[StageReport]:
    """Run each stage, in order, over every article version it has not processed yet.

    Fast when nothing is pending. `on_stage(stage, pending)` may return a callback told how many
    articles each batch finished (a progress bar). With a `deadline` (time.monotonic()), no new
    batch starts after it: a queued job stays short, and `StageReport.stopped` says more is left.
    """
    options = options or StageOptions()
    reports = []
    for stage in stages:
        on_batch = None
        if on_stage is not None:
            pending = store.count_pending(stage.name)
            on_batch = on_stage(stage, pending) if pending else None
        reports.append(run_stage(store, stage, options, on_batch, deadline))
        if reports[-1].stopped:
            break
    return reports


def run_stage(
    store: Store,
    stage: Stage,
    options: StageOptions | None = None,
    on_batch: Callable[[int], None] | None = None,
    deadline: float | None = None,
) -> StageReport:
    """Run one stage over every article version it has not processed; failures are isolated.

    Each batch runs while holding the stage (another worker's batch of the same stage waits),
    and the stage's in-memory state is loaded again whenever another worker moved the stage on
    since this one last did, so two workers never place an article twice or from stale state.
    """
    options = options or StageOptions()
    report = StageReport(stage.name)
    worker = _Worker(store, stage, options)
    try:
        worker.hold()  # the stage can start (a model is installed) before any work is taken
    except NewsdeskError as error:  # e.g. the embedding model is missing: later stages go on
        report.unavailable = str(error)
        return report
    while True:
        if deadline is not None and time.monotonic() > deadline:
            report.stopped = True
            break
        try:
            with store.transaction():
                batch = worker.take(stage.batch_size(options))
                if not batch:
                    break
                worker.process(batch)
            report.done += len(batch)
        except FATAL_ERRORS:
            raise
        except Exception:
            worker.forget()
            _one_by_one(worker, batch, report)
        if on_batch:
            on_batch(len(batch))
    return report


class _Worker:
    """One worker's hold on a stage: its loaded state and the progress it last saw."""

    def __init__(self, store: Store, stage: Stage, options: StageOptions) -> None:
        self.store, self.stage, self.options = store, stage, options
        self._process: BatchFunction | None = None
        self._seen: object = None

    def hold(self) -> None:
        """Hold the stage in the current transaction; reload state if another worker moved it."""
        with self.store.transaction():
            progressed = self.store.hold_stage(self.stage.name)
            if self._process is None or progressed != self._seen:
                self._process = self.stage.start(self.store, self.options)
            self._seen = progressed

    def take(self, limit: int, among: list[str] | None = None) -> list[StoredArticle]:
        self.hold()
        return self.store.pending(self.stage.name, limit=limit, among=among)

    def process(self, batch: list[StoredArticle]) -> None:
        assert self._process is not None
        self._process(self.store, batch)
        self.store.mark_done(self.stage.name, [(s.id, s.version) for s in batch])
        self._seen = self.store.hold_stage(self.stage.name)  # our own progress, not another's

    def forget(self) -> None:
        """Drop the in-memory state: a failed batch may have left half of itself in it."""
        self._process = None


def _one_by_one(worker: _Worker, batch: list[StoredArticle], report: StageReport) -> None:
    """Replay a failed batch article by article from freshly loaded state; record who fails."""
    store, stage = worker.store, worker.stage
    for stored in batch:
        try:
            with store.transaction():
                # Still pending? Another worker may have taken it while the batch rolled back.
                fresh = worker.take(1, among=[stored.id])
                if not fresh:
                    continue
                worker.process(fresh)
            report.done += 1
        except FATAL_ERRORS:
            raise
        except Exception as error:
            worker.forget()
            reason = describe(error)
            log.warning("%s stage failed on article %s: %s", stage.name, stored.id, reason)
            with store.transaction():
                store.record_failure(stage.name, stored.id, stored.version, reason)
            report.failed.append(StageFailureNote(stored.id, stored.version, reason))


def describe(error: BaseException) -> str:
    """One line naming the error, for a person reading `newsdesk failures`."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}"[:500] if text else type(error).__name__


def retry(store: Store, stage: str | None = None, article_id: str | None = None) -> int:
    """Make recorded stage failures pending again; `advance` then runs them. Returns how many."""
    with store.transaction():
        return store.retry_failures(stage, article_id)


def recluster(store: Store, on_batch: Callable[[int], None] | None = None) -> StageReport:
    """Forget every story and duplicate and cluster the whole store again (same order)."""
    with store.transaction():
        store.clear_stories()
        store.reset_stage(STORIES.name)
    return run_stage(store, STORIES, on_batch=on_batch)
