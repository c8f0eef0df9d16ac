"""Alerts and the daily digest. A follow with alerts on raises an alert for each new article
that matches it (once per reader and article, mutes applied), shown in the app and mailed; the
digest mails, once a day, the new stories per follow since the last digest.

`send_due` does it all once: `newsdesk alerts` (cron) and the app after its stages run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby

from newsdesk.ai.wrapup import daily_wrapup, wrapup_text
from newsdesk.desk import mail
from newsdesk.desk.follows import arrived, now
from newsdesk.desk.muting import MuteRules, Muting
from newsdesk.model import StoredArticle
from newsdesk.model.accounts import Follow
from newsdesk.model.stories import Story
from newsdesk.settings import Settings
from newsdesk.store import Store
from newsdesk.store.highlights import Alert, MailSettings, SentMail

LOOKBACK = timedelta(days=2)  # articles enriched or clustered late still alert, once
ALERTS_PER_FOLLOW = 50  # per run: a flood is not an alert
DIGEST_EVERY = timedelta(days=1)
DIGEST_STORIES = 30  # per follow
Section = tuple[Follow, list[tuple[Story | None, list[StoredArticle]]]]


@dataclass
class DeskRun:
    """What one `send_due` did."""

    alerts: int = 0  # new alerts raised
    alert_mails: int = 0  # letters sent with alerts
    digests: int = 0
    problems: list[str] = field(default_factory=list)


def muting_of(store: Store, user_id: int) -> Muting:
    return Muting(store, MuteRules.of(store.mutes_of(user_id)))


def raise_alerts(store: Store, moment: datetime) -> int:
    """Record an alert for every unmuted article that arrived for a follow with alerts on (in
    the last LOOKBACK, and after the follow began). How many were new."""
    found: list[tuple[int, int, str]] = []
    follows = sorted(store.all_alerting_follows(), key=lambda f: f.user_id)
    for user_id, theirs in groupby(follows, key=lambda f: f.user_id):
        user = store.get_user(user_id)
        if user is None or user.disabled:
            continue
        muting = muting_of(store, user_id)
        for follow in theirs:
            since = max(follow.created_at, moment - LOOKBACK)
            new, _ = arrived(store, follow, since, muting, ALERTS_PER_FOLLOW)
            found += [(user_id, follow.id, s.id) for s in new if follow.id is not None]
    return store.add_alerts(found, moment)


def mail_alerts(store: Store, settings: Settings, moment: datetime, run: DeskRun) -> None:
    """Mail each reader the alerts not mailed yet, one letter each; record what was sent and
    why the others were not (no address, alerts by mail off, no mail server, muted since)."""
    pending = sorted(store.alerts_to_mail(), key=lambda a: (a.user_id, a.id or 0))
    letters: list[tuple[mail.Letter, MailSettings, list[Alert]]] = []
    for user_id, group in groupby(pending, key=lambda a: a.user_id):
        alerts = list(group)
        prefs = store.mail_settings_of(user_id)
        why_not = _why_not_mail(prefs, settings)
        if why_not:
            store.set_alerts_mailed([a.id for a in alerts if a.id], why_not, moment)
            continue
        assert prefs is not None
        stored = store.get_articles(a.article_id for a in alerts)
        shown = muting_of(store, user_id).keep(
            [stored[a.article_id] for a in alerts if a.article_id in stored]
        )
        kept = {s.id for s in shown}
        store.set_alerts_mailed(
            [a.id for a in alerts if a.id and a.article_id not in kept], "muted", moment
        )
        alerts = [a for a in alerts if a.article_id in kept]
        if alerts:
            labels = _labels(store, user_id)
            letter = alert_letter(prefs.address, alerts, stored, labels, settings.public_url)
            letters.append((letter, prefs, alerts))
    _send(store, settings, letters, "alert", moment, run)


def _why_not_mail(prefs: MailSettings | None, settings: Settings) -> str | None:
    if prefs is None or not prefs.address:
        return "no-address"
    if not prefs.alerts:
        return "off"
    if not settings.smtp:
        return "no-server"
    return None


def _labels(store: Store, user_id: int) -> dict[int, str]:
    return {f.id: f.label for f in store.follows_of(user_id) if f.id is not None}


def _send(
    store: Store,
    settings: Settings,
    letters: list[tuple[mail.Letter, MailSettings, list[Alert]]],
    kind: str,
    moment: datetime,
    run: DeskRun,
) -> None:
    try:
        fates = mail.send(settings, [letter for letter, _, _ in letters])
    except mail.MailError as error:
        run.problems.append(str(error))
        return
    for (letter, prefs, alerts), fate in zip(letters, fates, strict=True):
        ids = [a.id for a in alerts if a.id]
        if fate == mail.RETRY:
            continue
        if fate is not None:
            run.problems.append(f"{prefs.address}: {fate}")
            store.set_alerts_mailed(ids, "refused", moment)
            continue
        store.set_alerts_mailed(ids, "sent", moment)
        article_ids = [a.article_id for a in alerts] or letter_articles(letter)
        store.record_mail(
            SentMail(prefs.user_id, kind, prefs.address, letter.subject, article_ids, moment)
        )
        if kind == "alert":
            run.alert_mails += 1
        else:
            run.digests += 1


def letter_articles(letter: mail.Letter) -> list[str]:
    """The article ids a letter links to, in order (what a digest sent is recorded with)."""
    ids = [
        line.rsplit("/articles/", 1)[1] for line in letter.body.splitlines() if "/articles/" in line
    ]
    return list(dict.fromkeys(i.strip() for i in ids))


def _article_lines(stored: StoredArticle, base_url: str) -> list[str]:
    published = stored.article.published
    when = f" · {published.utc:%-d %b %Y}" if published else ""
    return [
        f"  * {stored.article.title}",
        f"    {stored.article.source or 'Unknown source'}{when}",
        f"    {base_url.rstrip('/')}/articles/{stored.id}",
    ]


def alert_letter(
    address: str,
    alerts: list[Alert],
    stored: dict[str, StoredArticle],
    labels: dict[int, str],
    base_url: str,
) -> mail.Letter:
    """One letter with a reader's new alerts, grouped by what they follow."""
    shown = [a for a in alerts if a.article_id in stored]
    if len(shown) == 1:
        subject = f"newsdesk: {stored[shown[0].article_id].article.title}"
    else:
        names = list(dict.fromkeys(labels.get(a.follow_id, "") for a in shown))
        subject = f"newsdesk: {len(shown)} new articles for {', '.join(n for n in names if n)}"
    lines = ["New articles on what you follow with alerts on:", ""]
    for follow_id, group in groupby(
        sorted(shown, key=lambda a: a.follow_id), key=lambda a: a.follow_id
    ):
        lines.append(labels.get(follow_id, "A follow"))
        for alert in group:
            lines += _article_lines(stored[alert.article_id], base_url)
        lines.append("")
    lines.append(f"Your alerts: {base_url.rstrip('/')}/desk/alerts")
    return mail.Letter(address, subject[:200], "\n".join(lines) + "\n")


def digest_sections(
    store: Store, follows: Iterable[Follow], since: datetime, muting: Muting
) -> list[Section]:
    """Per follow, what arrived since `since`: the stories the new articles belong to (with
    those articles), and the articles in no story on their own, the latest first."""
    sections = []
    for follow in follows:
        new, _ = arrived(store, follow, since, muting)
        if not new:
            continue
        story_of = store.stories_of(s.id for s in new)
        groups: dict[int | str, list[StoredArticle]] = {}
        for stored in new:
            groups.setdefault(story_of.get(stored.id, stored.id), []).append(stored)
        items = []
        for key, members in list(groups.items())[:DIGEST_STORIES]:
            items.append((store.get_story(key) if isinstance(key, int) else None, members))
        sections.append((follow, items))
    return sections


def digest_letter(
    address: str, sections: list[Section], since: datetime, base_url: str, wrapup: str = ""
) -> mail.Letter:
    base = base_url.rstrip("/")
    stories = sum(len(items) for _, items in sections)
    subject = f"newsdesk digest: {stories} new stor{'y' if stories == 1 else 'ies'} you follow"
    lines = [f"What arrived since {since:%-d %b %Y, %H:%M} UTC, per follow:", ""]
    for follow, items in sections:
        lines.append(follow.label)
        for story, members in items:
            if story is not None:
                count = f"{len(members)} new article{'' if len(members) == 1 else 's'}"
                lines += [f"  * {story.title} ({count})", f"    {base}/stories/{story.id}"]
                lines += [f"    {base}/articles/{s.id}" for s in members[:3]]
            else:
                lines += _article_lines(members[0], base)
        lines.append("")
    if wrapup:  # the day in a few cited sentences (ai/wrapup.py): every one a source's own
        lines += [wrapup.rstrip(), ""]
    lines.append(f"What you follow: {base}/desk/following")
    return mail.Letter(address, subject, "\n".join(lines) + "\n")


def send_digests(store: Store, settings: Settings, moment: datetime, run: DeskRun) -> None:
    """Mail the daily digest to each reader who asked for one and whose last digest (or the
    day they asked) is a day old or more, when something new arrived for them."""
    if not settings.smtp:
        return
    letters = []
    for prefs in store.all_mail_settings():
        if not prefs.digest:
            continue
        user = store.get_user(prefs.user_id)
        if user is None or user.disabled:
            continue
        last = store.mail_sent_to(prefs.user_id, "digest")
        since = last[0].sent_at if last else prefs.updated_at
        if moment - since < DIGEST_EVERY:
            continue
        sections = digest_sections(
            store, store.follows_of(prefs.user_id), since, muting_of(store, prefs.user_id)
        )
        if sections:
            day = daily_wrapup(store, (moment - DIGEST_EVERY).date(), prefs.user_id)
            wrapup = wrapup_text(day, settings.public_url.rstrip("/")) if day.stories else ""
            letter = digest_letter(prefs.address, sections, since, settings.public_url, wrapup)
            letters.append((letter, prefs, []))
    _send(store, settings, letters, "digest", moment, run)


def send_due(store: Store, settings: Settings, moment: datetime | None = None) -> DeskRun:
    """Raise the alerts due, mail them, and mail the digests due: once (for cron)."""
    moment = moment or now()
    run = DeskRun()
    run.alerts = raise_alerts(store, moment)
    mail_alerts(store, settings, moment, run)
    send_digests(store, settings, moment, run)
    return run
