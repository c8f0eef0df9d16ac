"""`newsdesk sources …` and `newsdesk fetch` against a real store and a local publisher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from newsdesk.store import open_store
from tests.cli.conftest import ok, run, table_rows
from tests.conftest import FIXTURES
from tests.http_server import LocalServer
from tests.live.publisher import serve_feed, serve_home


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> LocalServer:
    with LocalServer() as running:
        monkeypatch.setenv("NEWSDESK_FETCH_ALLOW", running.host_port)
        monkeypatch.setenv("NEWSDESK_FETCH_DELAY", "0")
        yield running


def test_follow_fetch_list_pause_and_unfollow(store_url: str, server: LocalServer) -> None:
    feed = serve_feed(server)
    home = serve_home(server, feed)
    assert "following source 1" in ok(store_url, "sources", "add", home, "--every", "30m")
    assert "already following" in ok(store_url, "sources", "add", home)
    bad = run(["--db", store_url, "sources", "add", "file:///etc/passwd"])
    assert bad.exit_code == 2 and "not an http(s) address" in bad.stderr
    bad = run(["--db", store_url, "sources", "add", home + "x", "--every", "10s"])
    assert bad.exit_code == 2 and "under a minute" in bad.stderr

    printed = ok(store_url, "fetch")
    assert "polled 1 sources (1 new articles): 4 new articles" in printed
    rows = table_rows(ok(store_url, "sources", "list"))
    assert len(rows) == 1
    assert rows[0]["name"] == "Korea Desk" and rows[0]["kind"] == "feed"
    assert rows[0]["every"] == "30m" and rows[0]["state"] == "ok"
    assert rows[0]["new"] == "4" and rows[0]["total"] == "4"
    # The stages ran: the articles are searchable and have their entities.
    articles = json.loads(ok(store_url, "articles", "--json").splitlines()[0])
    assert articles["source"]

    shown = json.loads(ok(store_url, "sources", "show", "1"))
    assert shown["poll_url"] == feed and shown["last_status"] == 200
    # The home page, the feed it led to, and the one teaser page the server has.
    assert shown["raw_documents"] == 3

    assert "no source is due" in ok(store_url, "fetch")  # polled just now: due in 30 minutes
    assert "paused" in ok(store_url, "sources", "pause", "1")
    assert table_rows(ok(store_url, "sources", "list"))[0]["state"] == "paused"
    assert "resumed" in ok(store_url, "sources", "resume", "1")
    assert "no longer following" in ok(store_url, "sources", "remove", "1")
    missing = run(["--db", store_url, "sources", "show", "1"])
    assert missing.exit_code == 1 and "no source with id 1" in missing.stderr
    store = open_store(store_url)
    assert store.count_articles() == 4  # what the source brought in stays
    store.close()


def test_a_failing_source_makes_fetch_exit_1_and_says_why(
    store_url: str, server: LocalServer
) -> None:
    ok(store_url, "sources", "add", "http://169.254.169.254/latest/meta-data/")
    result = run(["--db", store_url, "fetch"])
    assert result.exit_code == 1
    assert "169.254.169.254" in result.stderr and "Traceback" not in result.stderr
    assert table_rows(ok(store_url, "sources", "list"))[0]["state"] == "failing"


def test_opml_in_and_out(store_url: str, tmp_path: Path) -> None:
    opml = FIXTURES / "opml" / "feedly.opml"
    first = run(["--db", store_url, "sources", "import", str(opml)])
    # Seven outlines, NK News twice: six followed, the second NK News reported.
    assert first.stdout.startswith("6 sources added, 0 already followed, 1 skipped")
    assert "nknews.org/feed/: listed twice" in first.stderr
    added = 6
    again = ok(store_url, "sources", "import", str(opml))
    assert again.startswith(f"0 sources added, {added} already followed")
    exported = tmp_path / "out.opml"
    exported.write_text(ok(store_url, "sources", "export"), encoding="utf-8")
    # The reader app's folders come back out: Feedly's "Korea" and "Tech".
    folders = {
        folder.get("text"): [o.get("xmlUrl") for o in folder.iter("outline") if o.get("xmlUrl")]
        for folder in etree.parse(str(exported)).getroot().find("body")
    }
    assert folders["Korea"][0] == "https://www.nknews.org/feed/" and len(folders["Korea"]) == 3
    assert folders["Tech"] == [
        "https://feeds.arstechnica.com/arstechnica/index",
        "https://simonwillison.net/atom/everything/",
    ]
    shown = json.loads(ok(store_url, "sources", "show", "1"))
    assert shown["folder"] == "Korea"
    round_trip = run(
        ["--db", f"sqlite:///{tmp_path / 'other.db'}", "sources", "import", str(exported)]
    )
    assert round_trip.stdout.startswith(f"{added} sources added")
