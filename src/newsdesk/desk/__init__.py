"""Each reader's own desk, over the store: follows and what is new since the reader last looked
(follows.py), mute rules (muting.py: `is_muted` decides, everywhere), highlights and notes
with their Markdown export (highlights.py), and alerts and the daily digest by mail (alerts.py,
mail.py). The web pages and the API (web/desk.py, api/desk.py) are thin shells over these."""

from newsdesk.desk.alerts import DeskRun, send_due
from newsdesk.desk.follows import DeskError, FollowNews, follow_href, new_follow, news
from newsdesk.desk.muting import MuteRules, Muting, is_muted, muting_for

__all__ = [
    "DeskError",
    "DeskRun",
    "FollowNews",
    "MuteRules",
    "Muting",
    "follow_href",
    "is_muted",
    "muting_for",
    "new_follow",
    "news",
    "send_due",
]
