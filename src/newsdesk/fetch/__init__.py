"""Fetching from the web: politely (robots.txt, one request at a time per host, a pause between
two) and never into the operator's own network (ssrfguard, plus the NEWSDESK_FETCH_ALLOW list).

    with Fetcher(settings.fetch) as fetcher:
        response = fetcher.get(url, etag=stored_etag)   # FetchError on anything but success
        if response.not_modified: ...
"""

from __future__ import annotations

from newsdesk.fetch.client import Fetcher, Response, user_agent
from newsdesk.fetch.hosts import backoff_delay

__all__ = ["Fetcher", "Response", "backoff_delay", "user_agent"]
