"""`newsdesk run` as a user runs it: one process on the embedded SQLite store serves the reader
and the API, polls the followed sources as they fall due, runs the stages on what arrived, and
stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.http_server import LocalServer
from tests.live.publisher import serve_feed
from tests.web.conftest import _free_port


def test_run_polls_processes_serves_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    newsdesk = str(Path(sys.executable).with_name("newsdesk"))
    db = str(tmp_path / "desk.db")
    port = _free_port()
    with LocalServer() as server:
        feed = serve_feed(server)
        env = os.environ | {
            "NEWSDESK_FETCH_ALLOW": server.host_port,
            "NEWSDESK_FETCH_DELAY": "0",
            "COLUMNS": "200",
        }
        subprocess.run([newsdesk, "--db", db, "sources", "add", feed], check=True, env=env)
        process = subprocess.Popen(
            [newsdesk, "--db", db, "run", "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
        )
        try:
            first_line = process.stdout.readline()  # type: ignore[union-attr]
            assert "polling its sources" in first_line, first_line
            deadline, health = time.monotonic() + 120, {}
            while time.monotonic() < deadline:
                try:
                    health = httpx.get(f"http://127.0.0.1:{port}/api/health").json()
                    if health.get("embedded") == 4:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.3)
            assert health["articles"] == 4 and health["embedded"] == 4  # polled, then the stages
            sources = httpx.get(f"http://127.0.0.1:{port}/api/sources").json()["sources"]
            assert sources[0]["kind"] == "feed" and sources[0]["articles_total"] == 4
            page = httpx.get(f"http://127.0.0.1:{port}/sources")
            assert "Korea" in page.text or feed in page.text
        finally:
            process.send_signal(signal.SIGINT)
            rest, _ = process.communicate(timeout=30)
        assert process.returncode == 0, rest
        assert "Traceback" not in rest
