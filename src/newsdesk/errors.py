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
