"""A local HTTP server on 127.0.0.2 and a Fetcher allowed to reach exactly that host:port."""

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
def settings(server: LocalServer) -> FetchSettings:
    return FetchSettings(
        allow=(server.host_port,),
        min_delay=0.05,
        contact_url="https://desk.example/about",
        timeout=2.0,
    )


@pytest.fixture
def fetcher(settings: FetchSettings) -> Iterator[Fetcher]:
    with Fetcher(settings) as opened:
        yield opened
