"""The scheduler of a running newsdesk: one thread that polls the sources as they fall due and
hands what arrived to the stages. `newsdesk run` starts it beside the web app."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from newsdesk.fetch import Fetcher
from newsdesk.live.poll import PollReport
from newsdesk.live.schedule import poll_due, seconds_until_due
from newsdesk.settings import Settings
from newsdesk.store import Store

log = logging.getLogger("newsdesk.poller")


class Poller:
    """Polls due sources until stopped; `on_new()` is called after a round that stored articles."""

    def __init__(self, store: Store, settings: Settings, on_new: Callable[[], None]) -> None:
        self.store = store
        self.settings = settings
        self.on_new = on_new
        self.rounds = 0
        self.last_reports: list[PollReport] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="poller", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        with Fetcher(self.settings.fetch) as fetcher:
            while not self._stop.is_set():
                try:
                    self.last_reports = poll_due(self.store, fetcher, self.settings.max_input_bytes)
                    self.rounds += 1
                    if any(r.articles_new for r in self.last_reports):
                        self.on_new()
                    pause = seconds_until_due(self.store) if not self.last_reports else 0.0
                except Exception as error:  # the service stays up; the next round may work
                    log.warning("polling failed: %r", error)
                    pause = 30.0
                self._stop.wait(max(pause, 1.0))
