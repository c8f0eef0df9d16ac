"""Publisher names for web addresses, from a data file users can extend."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from newsdesk.urls import host_of


@cache
def known_hosts() -> dict[str, str]:
    text = resources.files("newsdesk").joinpath("data/sources.toml").read_text("utf-8")
    return dict(tomllib.loads(text)["hosts"])


def source_for_url(url: str | None) -> str | None:
    """The publisher's name for a URL when its host (or a parent domain) is known, else the host."""
    host = host_of(url)
    if not host:
        return None
    hosts = known_hosts()
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = hosts.get(".".join(labels[start:]))
        if name:
            return name
    return host
