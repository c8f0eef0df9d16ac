"""Who may do what, route by route: every route of the app against an anonymous visitor, a
reader, an editor and an admin, with reading private (the default). A route this table does not
know fails the test: whoever adds one says who may use it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from newsdesk import accounts
from newsdesk.app import create_app
from newsdesk.model.accounts import Role
from newsdesk.store import open_store

OPEN, SIGNED, READ = "open", "signed", "read"
# (method, path pattern) -> who may: OPEN (anyone), READ (anyone when reading is public, else an
# account), SIGNED (an account: one's own desk), or the least Role that may.
RULES: list[tuple[str, str, str | Role]] = [
    ("GET", r"/api/health", OPEN),
    ("GET", r"/signin", OPEN),
    ("POST", r"/signin", OPEN),
    ("POST", r"/signout", OPEN),
    ("POST", r"/api/ingest", Role.EDITOR),
    ("POST", r"/api/sources(/import)?", Role.ADMIN),
    ("PATCH", r"/api/sources/\{source_id\}", Role.ADMIN),
    ("DELETE", r"/api/sources/\{source_id\}", Role.ADMIN),
    ("GET", r"/admin/users", Role.ADMIN),
    ("POST", r"/sources(/\{source_id\}/\{action\})?", Role.ADMIN),
    ("POST", r"/admin/users", Role.ADMIN),
    ("GET", r"/account", SIGNED),
    ("POST", r"/account/.*", SIGNED),
    ("POST", r"/accounts/ClientLogin", OPEN),
    ("POST", r"/reader/api/0/subscription/quickadd", Role.ADMIN),
    ("GET", r"/reader/api/0/.*", SIGNED),
    ("POST", r"/reader/api/0/.*", SIGNED),
    ("GET", r"/api/articles/\{article_id\}/state", SIGNED),
    ("GET", r"/desk/.*", SIGNED),
    ("POST", r"/desk/.*", SIGNED),
    ("GET", r"/api/desk/.*", SIGNED),
    ("POST", r"/api/desk/.*", SIGNED),
    ("PUT", r"/api/desk/.*", SIGNED),
    ("PATCH", r"/api/desk/.*", SIGNED),
    ("DELETE", r"/api/desk/.*", SIGNED),
    ("POST", r"/comments(/\{comment_id\}/(edit|delete|report))?", SIGNED),
    ("GET", r"/moderation", Role.EDITOR),
    ("POST", r"/moderation/\{comment_id\}", Role.EDITOR),
    ("POST", r"/api/comments(/\{comment_id\}/reports)?", SIGNED),
    ("PATCH", r"/api/comments/\{comment_id\}", SIGNED),
    ("DELETE", r"/api/comments/\{comment_id\}", SIGNED),
    ("GET", r"/api/moderation", Role.EDITOR),
    ("POST", r"/api/moderation/\{comment_id\}", Role.EDITOR),
    ("GET", r"/api/articles/\{article_id\}/(keypoints|why)", READ),
    ("GET", r"/api/stories/\{story_id\}/(brief|perspectives)", READ),
    ("GET", r"/api/(ask|wrapup)", READ),
    ("GET", r"/(ask|wrapup|feeds/wrapup\.xml)", READ),
    ("GET", r"/api/.*", READ),
    ("GET", r"/feeds/.*", READ),
    ("GET", r"/.*", READ),
]
# Ids that name nothing: a route reached must not change the fixtures of the next one.
FILLERS = {
    "fmt": "xml",
    "source_id": "999",
    "story_id": "999",
    "storyline_id": "999",
    "token_id": "999",
    "follow_id": "999",
    "mute_id": "999",
    "highlight_id": "999",
    "comment_id": "999",
}


def rule_for(method: str, path: str) -> str | Role:
    for rule_method, pattern, who in RULES:
        if rule_method == method and re.fullmatch(pattern, path):
            return who
    raise AssertionError(f"no access rule for {method} {path}: add one to RULES")


def routes() -> list[tuple[str, str]]:
    app = create_app("sqlite:///:memory:", run_stages=False)
    found = sorted(set(_endpoints(app.routes)))
    assert len(found) > 30  # every router's routes, not a wrapper's
    return found


def _endpoints(routes: list) -> Iterator[tuple[str, str]]:  # type: ignore[type-arg]
    for route in routes:
        if isinstance(route, APIRoute):
            yield from ((method, route.path) for method in route.methods - {"HEAD"})
        elif hasattr(route, "original_router"):  # an included router, as FastAPI now keeps them
            yield from _endpoints(route.original_router.routes)


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: FILLERS.get(m[1], "x"), path)


@pytest.fixture(scope="module")
def tokens(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('access') / 'store.db'}"
    store = open_store(url)
    made = {}
    for role in Role:
        user = accounts.create_user(store, f"{role.value}1", "a long passphrase", role)
        made[role.value] = accounts.create_api_token(store, user, "test")[1]
    store.close()
    yield url, made


@pytest.mark.parametrize("method,path", routes())
def test_every_route_lets_through_exactly_whom_it_should(
    method: str, path: str, tokens: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, made = tokens
    monkeypatch.delenv("NEWSDESK_PUBLIC_READING")
    monkeypatch.delenv("NEWSDESK_API_TOKEN")
    who = rule_for(method, path)
    with TestClient(create_app(url, run_stages=False), follow_redirects=False) as client:
        for caller in ("anonymous", *[r.value for r in Role]):
            headers = {} if caller == "anonymous" else {"Authorization": f"Bearer {made[caller]}"}
            response = client.request(method, concrete(path), headers=headers)
            status = response.status_code
            allowed = (
                who == OPEN
                or (caller != "anonymous" and who in (READ, SIGNED))
                or (isinstance(who, Role) and caller != "anonymous" and Role(caller).allows(who))
            )
            if who == OPEN:
                assert status not in (401, 403), (caller, status)
            elif allowed:
                assert status not in (401, 403) and not _to_sign_in(response), (caller, status)
            elif caller == "anonymous":
                assert status == 401 or _to_sign_in(response), (caller, status)
                if status == 401:
                    assert "sign in first" in response.text
            else:
                assert status == 403, (caller, status)
                assert "this needs the" in response.text


def _to_sign_in(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 303 and response.headers["location"].startswith("/signin")


def test_public_reading_lets_anyone_read_but_not_write(
    tokens: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = tokens
    monkeypatch.setenv("NEWSDESK_PUBLIC_READING", "true")
    monkeypatch.delenv("NEWSDESK_API_TOKEN")
    with TestClient(create_app(url, run_stages=False), follow_redirects=False) as client:
        assert client.post("/api/sources", json={"url": "https://a.example/"}).status_code == 401
        assert client.get("/").status_code == 200
        assert client.get("/api/articles").status_code == 200
        assert client.get("/account").status_code == 303  # a desk still needs an account
