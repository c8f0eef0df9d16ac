"""The JSON API: one router per kind of record; app.py mounts them under /api."""

from newsdesk.api import articles, ingest, sources, stories

ROUTERS = (articles.router, stories.router, ingest.router, sources.router)
