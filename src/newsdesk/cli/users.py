"""`newsdesk users …`: accounts from the command line (the first admin is made here)."""

from __future__ import annotations

import sys

import click
from rich.markup import escape
from rich.table import Table

from newsdesk import accounts
from newsdesk.cli.main import db_option, main, out, store_from


@main.group()
def users() -> None:
    """Accounts: admins (users, sources), editors (ingest, moderation), readers."""


def _password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users.command("add")
@click.argument("name")
@click.option("--role", default="reader", show_default=True, help="admin, editor or reader")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@db_option
@click.pass_context
def add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Make an account (the password is prompted for, or read from standard input)."""
    chosen = accounts.role_named(role)
    password = _password(password_stdin)
    with store_from(ctx) as store:
        user = accounts.create_user(store, name, password, chosen)
    out.print(f"made {user.role.value} {escape(user.name)} (id {user.id})")


@users.command("list")
@db_option
@click.pass_context
def list_users(ctx: click.Context) -> None:
    """Every account and its role."""
    with store_from(ctx) as store:
        found = store.list_users()
    table = Table(title=f"{len(found)} users", title_justify="left")
    for column in ("id", "name", "role", "since", "state"):
        table.add_column(column)
    for user in found:
        table.add_row(
            str(user.id),
            escape(user.name),
            user.role.value,
            user.created_at.strftime("%Y-%m-%d"),
            "disabled" if user.disabled else "active",
        )
    out.print(table)


@users.command("token")
@click.argument("name")
@click.option("--label", default="cli", show_default=True, help="What the token is for.")
@db_option
@click.pass_context
def token(ctx: click.Context, name: str, label: str) -> None:
    """Make an API token for an account and print it (this once: it is stored hashed)."""
    with store_from(ctx) as store:
        user = store.user_named(name)
        if user is None:
            raise accounts.AccountError(f"no user named {name!r}")
        _, secret = accounts.create_api_token(store, user, label)
    out.print(secret)


@users.command("role")
@click.argument("name")
@click.argument("role")
@db_option
@click.pass_context
def set_role(ctx: click.Context, name: str, role: str) -> None:
    """Give an account another role."""
    chosen = accounts.role_named(role)
    with store_from(ctx) as store:
        user = store.user_named(name)
        if user is None:
            raise accounts.AccountError(f"no user named {name!r}")
        user.role = chosen
        store.update_user(user)
    out.print(f"{escape(user.name)} is now {chosen.value}")


@users.command("disable")
@click.argument("name")
@db_option
@click.pass_context
def disable(ctx: click.Context, name: str) -> None:
    """Lock an account out: its sessions and tokens stop working at once."""
    with store_from(ctx) as store:
        user = store.user_named(name)
        if user is None:
            raise accounts.AccountError(f"no user named {name!r}")
        user.disabled = True
        store.update_user(user)
        store.end_sessions(user_id=user.id)
    out.print(f"{escape(user.name)} is disabled")
