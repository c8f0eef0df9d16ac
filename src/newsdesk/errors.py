"""The one exception hierarchy of newsdesk: messages a user can act on."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""


class IngestError(NewsdeskError):
    """An input could not be turned into articles; `reason` says why in one line."""

    def __init__(self, reason: str, origin: str | None = None) -> None:
        self.reason = reason
        self.origin = origin
        super().__init__(f"{origin}: {reason}" if origin else reason)


class StoreError(NewsdeskError):
    """The store could not be opened or used (bad URL, unreachable server)."""


class NotFound(NewsdeskError):
    """A requested record does not exist."""


class FetchError(NewsdeskError):
    """A URL could not be fetched; `reason` says why in one line, `url` which one.

    `refused` is true when newsdesk itself declined (an address in the operator's network, a
    scheme or port not allowed, robots.txt): trying again will not help. `retry_after` is the
    seconds a server asked us to wait (429/503 Retry-After), when it said.
    """

    def __init__(
        self,
        reason: str,
        url: str,
        *,
        refused: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        self.reason = reason
        self.url = url
        self.refused = refused
        self.retry_after = retry_after
        self.status = status
        super().__init__(f"{url}: {reason}")
