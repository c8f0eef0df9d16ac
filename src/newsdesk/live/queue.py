"""Work shared by several machines through PostgreSQL, with procrastinate.

Why procrastinate: the store is already PostgreSQL when work is shared, so the queue needs no
other server; a job is taken by exactly one worker (SELECT … FOR UPDATE SKIP LOCKED); a periodic
task is deferred once however many workers run (huey runs it once per consumer); and a worker's
heartbeat lets the others find and retry the jobs of one that was killed.

The jobs: every few seconds one `schedule_polls` leases the sources that are due and defers one
`poll_source` per source; a poll that stored new articles defers `advance_stages` (at most one
waiting at a time; the stages themselves hold a lock per batch); `retry_stalled_jobs` puts the
jobs of a worker that stopped sending heartbeats back in the queue.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import procrastinate
import psycopg
from procrastinate.exceptions import AlreadyEnqueued

from newsdesk.fetch import Fetcher
from newsdesk.live.poll import poll_source
from newsdesk.live.schedule import LEASE
from newsdesk.pipeline import advance
from newsdesk.settings import Settings
from newsdesk.store import Store, open_store

log = logging.getLogger("newsdesk.worker")

SCHEDULE_CRON = "* * * * * */10"  # croniter's sixth field is seconds: every ten seconds
STALLED_AFTER_SECONDS = 30.0  # a worker silent this long is presumed dead
HEARTBEAT_SECONDS = 5.0
STAGE_JOB_SECONDS = 20.0

jobs = procrastinate.Blueprint()


@dataclass
class WorkerContext:
    """What the jobs of one worker process share: its store, fetcher and settings."""

    store: Store
    fetcher: Fetcher
    settings: Settings


_context: WorkerContext | None = None


def context() -> WorkerContext:
    if _context is None:
        raise RuntimeError("newsdesk jobs run only inside `newsdesk worker`")
    return _context


@jobs.periodic(cron=SCHEDULE_CRON)
@jobs.task(queueing_lock="schedule_polls", name="schedule_polls")
def schedule_polls(timestamp: int) -> int:
    """Lease every due source and queue one poll job for it."""
    ctx = context()
    claimed = ctx.store.claim_due_sources(datetime.now(UTC), 10_000, LEASE)
    for source in claimed:
        defer_once(poll_source_job, f"poll:{source.id}", source_id=source.id)
    return len(claimed)


@jobs.task(name="poll_source")
def poll_source_job(source_id: int) -> str:
    ctx = context()
    report = poll_source(
        ctx.store, ctx.fetcher, ctx.store.get_source(source_id), ctx.settings.max_input_bytes
    )
    if report.articles_new:
        defer_once(advance_stages_job, "advance_stages")
    return report.status


@jobs.task(name="advance_stages")
def advance_stages_job() -> int:
    """Run the stages for a while; if work is left, queue the next stretch. Short jobs let a
    worker stop soon when asked, and a killed one loses at most a batch (rolled back)."""
    reports = advance(context().store, deadline=time.monotonic() + STAGE_JOB_SECONDS)
    if any(r.stopped for r in reports):
        defer_once(advance_stages_job, "advance_stages")
    return sum(r.done for r in reports)


@jobs.periodic(cron="* * * * * */15")
@jobs.task(queueing_lock="retry_stalled_jobs", name="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs(job_context: procrastinate.JobContext, timestamp: int) -> int:
    manager = job_context.app.job_manager
    stalled = await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER_SECONDS)
    for job in stalled:
        log.warning("retrying job %s of a worker that stopped: %s", job.id, job.task_name)
        await manager.retry_job(job)
    return len(stalled)


def defer_once(task: procrastinate.tasks.Task, lock: str, **arguments: int) -> None:
    """Queue a job unless the same one is already waiting."""
    with contextlib.suppress(AlreadyEnqueued):
        task.configure(queueing_lock=lock).defer(**arguments)


def make_app(store_url: str) -> procrastinate.App:
    """The queue over the PostgreSQL database of the store at `store_url`."""
    conninfo = _conninfo(store_url)
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo))
    app.add_tasks_from(jobs, namespace="newsdesk")
    return app


def _conninfo(store_url: str) -> str:
    if not store_url.startswith(("postgresql", "postgres")):
        raise ValueError(
            "workers share their work through PostgreSQL: give --db postgresql://… "
            "(on SQLite, `newsdesk run` polls and processes in one process)"
        )
    scheme, rest = store_url.split("://", 1)
    return "postgresql://" + rest


def ensure_queue_schema(store_url: str) -> None:
    """Create procrastinate's tables in the store's database the first time."""
    conninfo = _conninfo(store_url)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        exists = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
        if exists and exists[0]:
            return
        conn.execute("SELECT pg_advisory_lock(hashtext('newsdesk queue schema'))")
        exists = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
        if not (exists and exists[0]):
            conn.execute(procrastinate.schema.SchemaManager.get_schema())
        conn.execute("SELECT pg_advisory_unlock(hashtext('newsdesk queue schema'))")


def run_worker(
    store_url: str,
    settings: Settings,
    *,
    concurrency: int = 1,
    name: str | None = None,
    wait: bool = True,
) -> None:
    """Run jobs until stopped (SIGINT/SIGTERM finish the current job first)."""
    global _context
    ensure_queue_schema(store_url)
    store = open_store(store_url)
    with Fetcher(settings.fetch) as fetcher:
        _context = WorkerContext(store, fetcher, settings)
        try:
            make_app(store_url).run_worker(
                concurrency=concurrency,
                name=name,
                wait=wait,
                update_heartbeat_interval=HEARTBEAT_SECONDS,
                stalled_worker_timeout=STALLED_AFTER_SECONDS,
                delete_jobs="successful",
            )
        finally:
            _context = None
            store.close()
