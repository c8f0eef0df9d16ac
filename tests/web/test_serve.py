"""`newsdesk demo` and `newsdesk serve` as a user runs them: a real process on a real port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx

from tests.conftest import SAMPLES
from tests.web.conftest import _free_port


def test_demo_ingests_the_samples_and_serves_the_reader(tmp_path: Path) -> None:
    port = _free_port()
    newsdesk = str(Path(sys.executable).with_name("newsdesk"))  # the installed command
    command = [newsdesk, "--db", str(tmp_path / "demo.db"), "demo"]
    command += ["--samples", str(SAMPLES), "--port", str(port)]
    env = os.environ | {"COLUMNS": "200"}
    env.pop("NEWSDESK_PUBLIC_READING")  # the demo opens reading itself, on loopback only
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True
    )
    try:
        lines = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = process.stdout.readline()  # type: ignore[union-attr]
            assert line, "demo stopped: " + "".join(lines)
            lines.append(line)
            if "serving at" in line:
                break
        assert f"http://localhost:{port}/" in lines[-1]
        assert any("5 new" in line for line in lines)
        for _ in range(100):
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health").json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health["articles"] == 5 and health["embedded"] == 5
        home = httpx.get(f"http://127.0.0.1:{port}/")
        assert home.status_code == 200 and "Seoul should bolster" in home.text
        assert "default-src 'none'" in home.headers["content-security-policy"]
    finally:
        process.terminate()
        process.wait(10)
