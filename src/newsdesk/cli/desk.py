"""`newsdesk alerts`: raise the readers' alerts, mail them, and mail the daily digests due;
once, for cron (`*/10 * * * * newsdesk alerts`). The app does the same after its stages run."""

from __future__ import annotations

import sys

import click
from rich.markup import escape

from newsdesk import desk
from newsdesk.cli.main import command, err, out, store_from
from newsdesk.settings import Settings


@command("alerts")
@click.pass_context
def alerts(ctx: click.Context) -> None:
    """Send what is due: new alerts (in the app and by mail) and daily digests. Exit status 1
    when some mail could not be sent (it is tried again next time)."""
    settings: Settings = ctx.find_root().obj
    with store_from(ctx) as store:
        run = desk.send_due(store, settings)
    mail = "" if settings.smtp else " (no mail server: set NEWSDESK_SMTP=host:port)"
    out.print(
        f"{run.alerts} new alert{'' if run.alerts == 1 else 's'}, "
        f"{run.alert_mails} alert letter{'' if run.alert_mails == 1 else 's'} and "
        f"{run.digests} digest{'' if run.digests == 1 else 's'} sent{mail}"
    )
    for problem in run.problems:
        err.print(f"[red]newsdesk: {escape(problem)}[/red]")
    if run.problems:
        sys.exit(1)
