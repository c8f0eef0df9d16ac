"""Sending mail through the SMTP server the settings name (smtplib): one connection a run,
plain-text letters, each one's fate reported so the caller records what was sent."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from newsdesk.desk.follows import now
from newsdesk.errors import NewsdeskError
from newsdesk.settings import Settings

TIMEOUT = 30.0
RETRY = "retry"  # a letter the server did not get to: send it again next time


class MailError(NewsdeskError):
    """The mail server could not be reached or refused the session; nothing was sent."""


@dataclass
class Letter:
    to: str
    subject: str
    body: str


def check_address(address: str) -> str:
    """A reader's mail address, trimmed; NewsdeskError when it cannot be one (no "@", spaces,
    line breaks: a header must never be written through it)."""
    address = address.strip()
    name, at, domain = address.rpartition("@")
    if not address:
        return ""
    if not (name and at and domain) or len(address) > 254 or any(c.isspace() for c in address):
        raise NewsdeskError(f"{address[:80]!r} is not a mail address")
    if any(c in address for c in '<>,;"\x00'):
        raise NewsdeskError(f"{address[:80]!r} is not a mail address")
    return address


def server_of(settings: Settings) -> tuple[str, int]:
    """The (host, port) of `Settings.smtp` ("host:port"; port 25 when not given)."""
    if not settings.smtp:
        raise MailError("no mail server: set NEWSDESK_SMTP=host:port")
    host, _, port = settings.smtp.strip().rpartition(":")
    if not host or not port.isdigit():
        return settings.smtp.strip(), 25
    return host.strip("[]"), int(port)


def send(settings: Settings, letters: list[Letter]) -> list[str | None]:
    """Send the letters over one connection: for each, None when the server took it, RETRY
    when the connection ended before it, else why the server refused it. MailError when no
    letter could be sent at all."""
    if not letters:
        return []
    host, port = server_of(settings)
    fates: list[str | None] = []
    try:
        with smtplib.SMTP(host, port, timeout=TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            for letter in letters:
                try:
                    smtp.send_message(_message(settings, letter))
                    fates.append(None)
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
                    fates.append(f"refused: {error}"[:200])
    except (OSError, smtplib.SMTPException) as error:
        if fates:  # the server took some before it went away: the rest are retried next time
            return fates + [RETRY] * (len(letters) - len(fates))
        raise MailError(f"cannot send mail through {host}:{port}: {error}") from None
    return fates


def _message(settings: Settings, letter: Letter) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = letter.to
    message["Subject"] = letter.subject
    message["Date"] = format_datetime(now())
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a robot
    message.set_content(letter.body)
    return message
