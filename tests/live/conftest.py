"""A local publisher server and a fetcher allowed to reach exactly it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.fetch import Fetcher
from newsdesk.settings import FetchSettings
from tests.http_server import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def fetch_settings(server: LocalServer) -> FetchSettings:
    return FetchSettings(allow=(server.host_port,), min_delay=0.0, timeout=5.0)


@pytest.fixture
def fetcher(fetch_settings: FetchSettings) -> Iterator[Fetcher]:
    with Fetcher(fetch_settings) as opened:
        yield opened
