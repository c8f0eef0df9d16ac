"""The JSON API: one router per kind of record; app.py mounts them under /api.

`READ_ROUTERS` need read access (an account, unless reading is public); the others say per
route what they need.
"""

from newsdesk.api import ai, articles, comments, desk, greader, health, ingest, sources, stories

READ_ROUTERS = (articles.router, stories.router, ai.router)
ROUTERS = (
    health.router,
    ingest.router,
    sources.router,
    greader.router,
    desk.router,
    comments.router,
)
