"""A live newsdesk server over a test store, and Debian's Chromium driven by Playwright.

The store holds the beat corpus, the bundled samples and articles whose titles, bodies, authors
and addresses carry script (tests/fixtures/web/injection_*), all ingested through the real
pipeline and embedded with the real model. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from newsdesk import pipeline
from newsdesk.app import create_app
from newsdesk.store import Store, open_store
from tests.conftest import ROOT, SAMPLES
from tests.search_support import BEAT_POSTS, INJECTION_PAGE, INJECTION_POSTS, slug_ids

CHROMIUM = os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


class LiveSite:
    def __init__(self, url: str, store: Store) -> None:
        self.url = url
        self.store = store
        self.ids = slug_ids(store)
        self.injected = [
            s.id
            for s in store.iter_articles()
            if "__pwned" in s.article.title or "__pwned" in (s.article.url or "")
        ]

    def shot(self, page, name: str, full_page: bool = True) -> Path:  # type: ignore[no-untyped-def]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'store.db'}"
    store = open_store(url)
    limit = 50 * 1024 * 1024
    report = pipeline.ingest_paths(
        store, [str(BEAT_POSTS), str(SAMPLES), str(INJECTION_POSTS)], limit
    )
    report.outcomes += pipeline.ingest_paths(
        store, [str(INJECTION_PAGE)], limit, fmt="text"
    ).outcomes
    assert not report.failed, [f.error for f in report.failed]
    pipeline.advance(store)  # every stage, as `newsdesk ingest` runs them

    yield from serve(url, store)


def serve(url: str, store: Store) -> Iterator[LiveSite]:
    """The app over `url` on a free local port, in a thread, until the caller is done."""
    port = _free_port()
    app = create_app(url, run_stages=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield LiveSite(f"http://127.0.0.1:{port}", store)
    server.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()
