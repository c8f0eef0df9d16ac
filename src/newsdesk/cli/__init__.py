"""The `newsdesk` command: a thin shell over the pipeline, the store and the views.

main.py holds the command group and what commands share; each other module adds its commands.
"""

from newsdesk.cli import (
    ai,
    articles,
    desk,
    enrich,
    ingest,
    live,
    search,
    serve,
    sources,
    stories,
    users,
)
from newsdesk.cli.main import main

__all__ = [
    "main",
    "ai",
    "articles",
    "desk",
    "enrich",
    "ingest",
    "live",
    "search",
    "serve",
    "sources",
    "stories",
    "users",
]
