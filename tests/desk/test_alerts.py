"""Alerts and the daily digest on both stores, mailed through a real SMTP server (aiosmtpd):
each alert raised once, shown in the app, mailed once with the right article; mutes respected;
a mail server that is down delays the mail without losing it; `newsdesk alerts` for cron."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import Message

from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsdesk import desk
from newsdesk.app import create_app
from newsdesk.cli import main
from newsdesk.model.accounts import Mute, MuteKind, User
from newsdesk.settings import Settings
from newsdesk.store import Store
from newsdesk.store.highlights import MailSettings
from tests.desk.conftest import Beat, Mailbox, arrive, free_port, new_reader


def settings_for(box: Mailbox | None) -> Settings:
    settings = Settings()
    settings.smtp = box.address if box else None
    settings.mail_from = "desk@newsdesk.example"
    settings.public_url = "https://news.example"
    return settings


def alerting_reader(store: Store, address: str | None = None, **mail: bool) -> User:
    user, _ = new_reader(store)
    assert user.id is not None
    store.add_follow(desk.new_follow(store, user.id, "entity", "Kim Jong Un", alert=True))
    if address is not None:
        store.set_mail_settings(MailSettings(user.id, address, **mail))
    return user


def letters_to(box: Mailbox, address: str) -> list[Message]:
    return [m for m in box.messages if m["To"] == address]


def body(message: Message) -> str:
    return message.get_payload(decode=True).decode().replace("\r\n", "\n")  # type: ignore[union-attr]


def test_an_alert_is_raised_once_shown_in_the_app_and_mailed_once(
    beat: Beat, mailbox: Mailbox
) -> None:
    store, settings = beat.store, settings_for(mailbox)
    user = alerting_reader(store, "ana@desk.example")
    assert user.id is not None
    title = "Kim Jong Un launches a new destroyer at Nampo"
    article_id = arrive(store, title, "Kim Jong Un watched the launch from the quay.")
    arrive(store, "Nampo dockyard workers praised", "Nobody followed is named in this one.")

    run = desk.send_due(store, settings)
    assert run.alerts >= 1 and run.problems == []
    ((alert, label),) = store.alerts_of(user.id)
    assert (alert.article_id, label, alert.mailed) == (article_id, "Kim Jong Un", "sent")
    assert store.unseen_alert_count(user.id) == 1
    (letter,) = letters_to(mailbox, "ana@desk.example")
    assert letter["Subject"] == f"newsdesk: {title}"
    assert letter["From"] == "desk@newsdesk.example"
    assert letter["X-Envelope-To"] == "ana@desk.example"
    assert f"  * {title}\n    Desk Wire · " in body(letter)
    assert f"    https://news.example/articles/{article_id}\n" in body(letter)
    assert body(letter).startswith(
        "New articles on what you follow with alerts on:\n\nKim Jong Un\n"
    )
    (sent,) = store.mail_sent_to(user.id)
    assert (sent.kind, sent.address, sent.article_ids) == (
        "alert",
        "ana@desk.example",
        [article_id],
    )

    desk.send_due(store, settings)  # nothing new: nothing raised or mailed again
    assert len(store.alerts_of(user.id)) == 1
    assert len(letters_to(mailbox, "ana@desk.example")) == 1
    store.mark_alerts_seen(user.id, datetime.now(UTC))
    assert store.unseen_alert_count(user.id) == 0


def test_several_alerts_go_in_one_letter(beat: Beat, mailbox: Mailbox) -> None:
    store = beat.store
    user = alerting_reader(store, "bo@desk.example")
    first = arrive(store, "Kim Jong Un at a fish farm", "Kim Jong Un fed the fish.")
    second = arrive(store, "Kim Jong Un at a shoe factory", "Kim Jong Un tried the shoes.")
    desk.send_due(store, settings_for(mailbox))
    (letter,) = letters_to(mailbox, "bo@desk.example")
    assert letter["Subject"] == "newsdesk: 2 new articles for Kim Jong Un"
    assert {first, second} <= set(body(letter).replace("/", " ").split())
    assert {a.article_id for a, _ in store.alerts_of(user.id)} == {first, second}  # type: ignore[arg-type]


def test_a_muted_article_raises_no_alert(beat: Beat, mailbox: Mailbox) -> None:
    store = beat.store
    user = alerting_reader(store, "cy@desk.example")
    assert user.id is not None
    store.add_mute(Mute(user_id=user.id, kind=MuteKind.SOURCE, value="Muted Wire"))
    arrive(store, "Kim Jong Un at a power station", "Kim Jong Un flipped a switch.", "Muted Wire")
    desk.send_due(store, settings_for(mailbox))
    assert store.alerts_of(user.id) == []
    assert letters_to(mailbox, "cy@desk.example") == []


def test_without_an_address_or_a_server_an_alert_is_only_in_the_app(beat: Beat) -> None:
    store = beat.store
    nowhere = alerting_reader(store)
    no_server = alerting_reader(store, "di@desk.example")
    off = alerting_reader(store, "ed@desk.example", alerts=False)
    arrive(store, "Kim Jong Un at a chicken farm", "Kim Jong Un counted the eggs.")
    run = desk.send_due(store, settings_for(None))
    assert run.problems == [] and run.alert_mails == 0
    for reader, why in ((nowhere, "no-address"), (no_server, "no-server"), (off, "off")):
        ((alert, _),) = store.alerts_of(reader.id)  # type: ignore[arg-type]
        assert alert.mailed == why
        assert store.unseen_alert_count(reader.id) == 1  # type: ignore[arg-type]


def test_a_mail_server_that_is_down_delays_the_mail_without_losing_it(
    beat: Beat, mailbox: Mailbox
) -> None:
    store = beat.store
    user = alerting_reader(store, "fa@desk.example")
    article_id = arrive(store, "Kim Jong Un at a bakery", "Kim Jong Un tasted the bread.")
    down = settings_for(mailbox)
    down.smtp = f"127.0.0.1:{free_port()}"  # nothing listens there
    run = desk.send_due(store, down)
    assert run.problems and "cannot send mail through 127.0.0.1" in run.problems[0]
    ((alert, _),) = store.alerts_of(user.id)  # type: ignore[arg-type]
    assert alert.mailed is None  # still to be mailed
    desk.send_due(store, settings_for(mailbox))
    (letter,) = letters_to(mailbox, "fa@desk.example")
    assert f"/articles/{article_id}" in body(letter)


def test_the_daily_digest_lists_the_new_stories_per_follow_once_a_day(
    beat: Beat, mailbox: Mailbox
) -> None:
    store, settings = beat.store, settings_for(mailbox)
    user, _ = new_reader(store)
    assert user.id is not None
    store.add_follow(desk.new_follow(store, user.id, "entity", "Kim Jong Un"))  # no alerts
    store.add_follow(desk.new_follow(store, user.id, "search", "ferry"))
    start = datetime.now(UTC) - timedelta(minutes=1)
    store.set_mail_settings(
        MailSettings(user.id, "gu@desk.example", alerts=False, digest=True, updated_at=start)
    )
    article_id = arrive(store, "Kim Jong Un opens a ski resort", "Kim Jong Un skied down first.")
    story_id = store.story_of(article_id)

    desk.send_due(store, settings)  # a day has not passed since the digest was asked for
    assert letters_to(mailbox, "gu@desk.example") == []
    moment = start + timedelta(days=1, minutes=1)
    desk.send_due(store, settings, moment)
    (letter,) = letters_to(mailbox, "gu@desk.example")
    text = body(letter)
    assert letter["Subject"].startswith("newsdesk digest: ")
    assert text.startswith(
        f"What arrived since {start:%-d %b %Y, %H:%M} UTC, per follow:\n\nKim Jong Un\n"
    )
    assert f"https://news.example/stories/{story_id}\n" in text
    assert f"https://news.example/articles/{article_id}\n" in text
    # The day's wrap-up of the reader's follows: each sentence is its cited article's own.
    wrapup = text[text.index("newsdesk wrap-up of your follows") :].splitlines()
    cited = [
        (wrapup[n - 1].strip(), line.split("/articles/")[1].split("#")[0])
        for n, line in enumerate(wrapup)
        if "https://news.example/articles/" in line and line.strip().startswith("[")
    ]
    assert cited
    for sentence, cited_id in cited:
        assert sentence in store.get_article(cited_id).article.body_text, sentence
    (sent,) = store.mail_sent_to(user.id, "digest")
    assert article_id in sent.article_ids and sent.sent_at == moment

    desk.send_due(store, settings, moment + timedelta(hours=12))  # not a day yet
    desk.send_due(store, settings, moment + timedelta(days=1, hours=1))  # a day, nothing new
    assert len(letters_to(mailbox, "gu@desk.example")) == 1


def test_newsdesk_alerts_sends_what_is_due_for_cron(
    beat: Beat,
    mailbox: Mailbox,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    store = beat.store
    alerting_reader(store, "ha@desk.example")
    article_id = arrive(store, "Kim Jong Un at a pharmacy", "Kim Jong Un checked the shelves.")
    monkeypatch.setenv("NEWSDESK_SMTP", mailbox.address)
    result = CliRunner().invoke(main, ["alerts", "--db", beat.url])
    assert result.exit_code == 0, result.output
    assert "alert letter" in result.output and "sent" in result.output
    (letter,) = letters_to(mailbox, "ha@desk.example")
    assert f"/articles/{article_id}" in body(letter)

    monkeypatch.setenv("NEWSDESK_SMTP", f"127.0.0.1:{free_port()}")
    alerting_reader(store, "io@desk.example")
    arrive(store, "Kim Jong Un at a library", "Kim Jong Un read a book.")
    failed = CliRunner().invoke(main, ["alerts", "--db", beat.url])
    assert failed.exit_code == 1


def test_the_app_raises_and_mails_alerts_after_its_stages_run(
    beat: Beat,
    mailbox: Mailbox,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    store = beat.store
    user = alerting_reader(store, "jo@desk.example")
    article_id = arrive(store, "Kim Jong Un at a noodle shop", "Kim Jong Un ordered cold noodles.")
    monkeypatch.setenv("NEWSDESK_SMTP", mailbox.address)
    app = create_app(beat.url, run_stages=True)
    with TestClient(app):  # start-up runs the stages in the background, then the alerts
        app.state.stages.wait()
    assert [a.article_id for a, _ in store.alerts_of(user.id)] == [article_id]  # type: ignore[arg-type]
    (letter,) = letters_to(mailbox, "jo@desk.example")
    assert f"/articles/{article_id}" in body(letter)
