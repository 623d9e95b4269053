"""Killing the real server mid-round and starting it again loses no decision and resumes the round."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "restart-key"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(folder, port):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "casekit.cli", "game", "serve", "--folder", str(folder),
                             "--port", str(port), "--key", KEY], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("the game server did not start within 60 s")


@pytest.mark.slow
def test_kill_and_restart_mid_round_loses_nothing(tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _start(tmp_path, port)
    try:
        inst = httpx.Client(base_url=base, headers={"x-instructor-key": KEY})
        r = inst.post("/console/create", data={"teams": "1", "round_seconds": "600"})
        code = str(r.headers["location"]).rsplit("/", 1)[1]
        player = httpx.Client(base_url=base)
        player.post("/join", data={"room": code, "seat": "1:product", "name": "Ana"})
        inst.post(f"/console/{code}", data={"action": "bots"})
        inst.post(f"/console/{code}", data={"action": "start"})
        r = player.post(f"/play/{code}", data={"launches": "4", "prune_pct": "20", "round": "1", "request_id": "a"})
        assert "recorded" in r.text
        proc.send_signal(signal.SIGKILL)  # no shutdown: whatever was answered must be on disk
        proc.wait(timeout=10)
        proc = _start(tmp_path, port)
        page = player.get(f"/play/{code}").text
        assert "Round 1/6 (open)" in page and "is <b>recorded</b>" in page
        assert "value='4'" in page and "<option selected>20</option>" in page
        r = player.post(f"/play/{code}", data={"launches": "4", "prune_pct": "20", "round": "1", "request_id": "a"})
        assert "counted once" in r.text
        r = inst.post(f"/console/{code}", data={"action": "close"}, follow_redirects=True)
        assert "round 1 is closed and scored" in r.text
        with sqlite3.connect(tmp_path / f"{code}.sqlite") as c:
            rows = c.execute("SELECT payload, source, revision FROM decisions WHERE role = 'product'").fetchall()
            assert rows == [('{"launches":4,"prune_pct":"20"}', "player", 1)]
            assert c.execute("SELECT COUNT(*) FROM results WHERE round = 1").fetchone()[0] > 0
    finally:
        proc.kill()
        proc.wait(timeout=10)
