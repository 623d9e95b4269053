"""Beacon Boardroom in headless Chromium: three players and the instructor play two rounds."""

import os
import re
import socket
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, ROOT, _free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KEY = "browser-test-key"


@pytest.fixture
def game_server(tmp_path):
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "game-server.log", "w")  # noqa: SIM115 - the server writes to it while it runs
    proc = subprocess.Popen([sys.executable, "-m", "casekit.cli", "game", "serve", "--folder", str(tmp_path),
                             "--port", str(port), "--key", KEY], stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.time() + 60
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError(f"the game server did not start; see {log.name}")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _leaderboard(console) -> str:
    return console.locator("#leaderboard").inner_text()


def test_three_players_and_the_instructor_play_two_rounds(browser, game_server, save_screenshot):
    contexts = [browser.new_context(viewport={"width": 1100, "height": 900}) for _ in range(4)]
    console, *players = (c.new_page() for c in contexts)
    for p in (console, *players):
        p.set_default_timeout(30_000)
    try:
        console.goto(f"{game_server}/console")
        console.fill("input[name=key]", KEY)
        console.get_by_role("button", name="Open").click()
        console.fill("input[name=teams]", "2")
        console.get_by_role("button", name="Create").click()
        code = console.locator("#room").inner_text().strip()
        assert re.fullmatch(r"[A-Z]{5}", code)

        roles = ["sales", "operations", "product"]
        for page, role in zip(players, roles):
            page.goto(game_server)
            page.fill("input[name=room]", code)
            page.get_by_role("button", name="Find my table").click()
            page.fill("input[name=name]", f"{role} player")
            page.locator(f"button[value='1:{role}']").click()
            expect(page.locator("header")).to_contain_text("Team 1")

        console.reload()
        console.get_by_role("button", name="Fill empty seats with bots").click()
        console.get_by_role("button", name="Start round 1").click()
        expect(console.locator("main")).to_contain_text("round 1 is open")

        boards = [_leaderboard(console)]
        choices = [
            {"sales": ("input[name=w_gross_margin]", "8"), "operations": ("select[name=engage]", "yes"),
             "product": ("input[name=launches]", "4")},
            {"sales": ("input[name=focus]", "2"), "operations": ("select[name=edi_pct]", "100"),
             "product": ("select[name=prune_pct]", "20")},
        ]
        for round_no, choice in enumerate(choices, start=1):
            for page, role in zip(players, roles):
                # the page polls the game's state and reloads itself when the round opens
                expect(page.locator("#submit")).to_have_text(f"Submit round {round_no}", timeout=15_000)
                selector, value = choice[role]
                if selector.startswith("select"):
                    page.select_option(selector, value)
                else:
                    page.fill(selector, value)
                page.locator("#submit").click()
                expect(page.locator("#message")).to_contain_text(f"recorded: your decision for round {round_no}")
            console.reload()
            expect(console.locator("#seats")).to_contain_text("sales player ✓")
            if round_no == 1:
                save_screenshot(players[0], "game-player")
            console.get_by_role("button", name=f"Close round {round_no}").click()
            expect(console.locator("main")).to_contain_text(f"round {round_no} is closed and scored")
            boards.append(_leaderboard(console))
            assert boards[-1] != boards[-2]
            if round_no == 1:
                console.get_by_role("button", name="Start round 2").click()
        save_screenshot(console, "game-console")
        assert "$" in boards[-1]
        # a player's own dashboard now has two quarters of their own KPIs, and no team P&L yet
        players[2].reload()
        expect(players[2].locator("#dashboard")).to_contain_text("Q2")
        assert players[2].locator("#team").count() == 0
    finally:
        for c in contexts:
            c.close()
