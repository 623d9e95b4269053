"""The web server: console behind the key, seats behind tokens, duplicates, late and malformed decisions, limits."""

import re
import sqlite3

import pytest
from starlette.testclient import TestClient

from casekit.game.server import MAX_BODY, make_app

KEY = "instructor-secret"
PRODUCT = {"launches": "6", "prune_pct": "10"}


def _code(response) -> str:
    return re.search(r"/console/([A-Z]{5})", str(response.url)).group(1)


@pytest.fixture
def game(tmp_path):
    """A two-team game with bots in the empty seats, round 1 open; players of team 1 and 2 hold product seats."""
    app = make_app(tmp_path, key=KEY)
    inst = TestClient(app, headers={"x-instructor-key": KEY})
    code = _code(inst.post("/console/create", data={"case": "precision", "seed": "3", "teams": "2",
                                                    "round_seconds": "600", "buyer": "0"}))
    players = {}
    for team in (1, 2):
        c = TestClient(app)
        r = c.post("/join", data={"room": code, "seat": f"{team}:product", "name": f"P{team}"})
        assert r.status_code == 200 and "VP Product" in r.text
        players[team] = c
    assert inst.post(f"/console/{code}", data={"action": "bots", "strategy": "silo"}).status_code == 200
    assert inst.post(f"/console/{code}", data={"action": "start"}).status_code == 200
    return {"code": code, "inst": inst, "players": players, "db": tmp_path / f"{code}.sqlite", "app": app}


def _decisions(db) -> list:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT team, role, round, payload, revision FROM decisions ORDER BY 1, 2, 3").fetchall()


def _submit(client, code, data, *, round_no=1, request_id="r1"):
    return client.post(f"/play/{code}", data={**data, "round": str(round_no), "request_id": request_id})


def test_console_needs_the_key(tmp_path):
    app = make_app(tmp_path, key=KEY)
    anon = TestClient(app)
    r = anon.get("/console")
    assert "Instructor key" in r.text and "Create a game" not in r.text
    assert anon.post("/console/create", data={"teams": "2"}).status_code == 403
    assert list(tmp_path.glob("*.sqlite")) == []
    assert anon.post("/console/login", data={"key": "guess"}).status_code == 403
    wrong = TestClient(app, headers={"x-instructor-key": "guess"})
    assert wrong.post("/console/create", data={"teams": "2"}).status_code == 403
    inst = TestClient(app)
    r = inst.post("/console/login", data={"key": KEY})
    assert "Create a game" in r.text
    code = _code(inst.post("/console/create", data={"teams": "2"}))
    assert anon.post(f"/console/{code}", data={"action": "start"}).status_code == 403
    assert anon.get(f"/console/{code}").status_code == 403
    assert "Round 0 of 6 (lobby)" in inst.get(f"/console/{code}").text


def test_a_round_is_played_and_the_leaderboard_changes(game):
    code, inst, p1 = game["code"], game["inst"], game["players"][1]
    assert "recorded" in _submit(p1, code, PRODUCT).text
    before = inst.get(f"/console/{code}").text
    assert "P1 ✓" in before
    r = inst.post(f"/console/{code}", data={"action": "close"})
    assert "round 1 is closed and scored" in r.text
    board = re.search(r"<table id=leaderboard>.*?</table>", r.text).group(0)
    assert board != re.search(r"<table id=leaderboard>.*?</table>", before).group(0)
    assert "$" in board
    assert "Q1" in p1.get(f"/play/{code}").text


def test_a_duplicate_submission_counts_once(game):
    code, p1 = game["code"], game["players"][1]
    assert "recorded: your decision" in _submit(p1, code, PRODUCT).text
    r = _submit(p1, code, PRODUCT)
    assert r.status_code == 200 and "sent twice, counted once" in r.text
    rows = _decisions(game["db"])
    assert len(rows) == 1 and rows[0][4] == 1
    _submit(p1, code, {"launches": "3", "prune_pct": "10"}, request_id="r2")
    assert _decisions(game["db"])[0][4] == 2


@pytest.mark.parametrize(("data", "message"), [
    ({"launches": "99", "prune_pct": "10"}, "must be a whole number from 0 to 22"),
    ({"launches": "-1", "prune_pct": "10"}, "must be a whole number from 0 to 22"),
    ({"launches": "six", "prune_pct": "10"}, "must be a whole number"),
    ({"launches": "6", "prune_pct": "55"}, "must be one of 0, 10, 20, 30"),
    ({"launches": "6"}, "is missing"),
    ({"launches": "6", "prune_pct": "10", "team": "2"}, "unexpected field(s) team"),
])
def test_out_of_range_and_malformed_decisions_change_nothing(game, data, message):
    code, p1 = game["code"], game["players"][1]
    _submit(p1, code, PRODUCT)
    before = _decisions(game["db"])
    r = _submit(p1, code, data, request_id="bad")
    assert r.status_code == 400
    assert "not recorded" in r.text and message in r.text
    assert _decisions(game["db"]) == before


def test_unreadable_bodies_get_a_message_and_change_nothing(game):
    code, p1 = game["code"], game["players"][1]
    r = p1.post(f"/play/{code}", content=b"launches=6&launches=7&prune_pct=0&round=1",
                headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "sent twice" in r.text
    r = p1.post(f"/play/{code}", content=b"\xff\xfe=1", headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "could not be read" in r.text
    assert _decisions(game["db"]) == []


def test_a_late_decision_changes_nothing(game):
    code, inst, p1 = game["code"], game["inst"], game["players"][1]
    _submit(p1, code, PRODUCT)
    inst.post(f"/console/{code}", data={"action": "close"})
    before = _decisions(game["db"])
    r = _submit(p1, code, {"launches": "0", "prune_pct": "30"}, request_id="late")
    assert r.status_code == 409 and "too late: round 1 is closed" in r.text
    inst.post(f"/console/{code}", data={"action": "start"})
    r = _submit(p1, code, {"launches": "0", "prune_pct": "30"}, round_no=1, request_id="stale")
    assert r.status_code == 409 and "too late" in r.text
    assert _decisions(game["db"]) == before


def test_a_late_decision_after_the_timer_changes_nothing(tmp_path):
    app = make_app(tmp_path, key=KEY)
    inst = TestClient(app, headers={"x-instructor-key": KEY})
    code = _code(inst.post("/console/create", data={"teams": "1", "round_seconds": "10"}))
    p = TestClient(app)
    p.post("/join", data={"room": code, "seat": "1:product"})
    inst.post(f"/console/{code}", data={"action": "start"})
    room = app.state.boardroom.room(code)
    room.clock = lambda: 1e12  # the timer ran out long ago
    r = _submit(p, code, PRODUCT)
    assert r.status_code == 409 and "timer of round 1 ran out" in r.text
    assert _decisions(tmp_path / f"{code}.sqlite") == []


def test_no_request_reads_another_team_or_acts_for_another_seat(game):
    code, inst, p1, p2 = game["code"], game["inst"], game["players"][1], game["players"][2]
    _submit(p2, code, {"launches": "0", "prune_pct": "30"})
    # a forged or missing token acts for nobody
    forged = TestClient(game["app"], cookies={f"seat_{code}": "not-a-token"})
    assert _submit(forged, code, PRODUCT).status_code == 403
    assert forged.get(f"/play/{code}", follow_redirects=False).status_code == 303
    # fields naming another seat are refused, not obeyed
    r = _submit(p1, code, {**PRODUCT, "team": "2", "role": "sales"})
    assert r.status_code == 400
    assert [row[:3] for row in _decisions(game["db"])] == [(2, "product", 1)]
    # before round 4 a player sees only their own KPIs
    for _ in range(3):
        inst.post(f"/console/{code}", data={"action": "close"})
        inst.post(f"/console/{code}", data={"action": "start"})
    page = p1.get(f"/play/{code}").text
    assert "launch revenue" in page and "attainment" not in page and "id=team" not in page
    inst.post(f"/console/{code}", data={"action": "close"})
    inst.post(f"/console/{code}", data={"action": "unlock"})
    page1, page2 = p1.get(f"/play/{code}").text, p2.get(f"/play/{code}").text
    assert "Team 1: the shared P&amp;L" in page1 and "Team 2" not in page1
    assert "Team 2: the shared P&amp;L" in page2 and "Team 1" not in page2
    # the state feed carries no team's numbers
    state = p1.get(f"/api/{code}/state").json()
    assert set(state) == {"round", "phase", "unlocked", "deadline", "now"}
    # the leaderboard is the instructor's
    assert p1.get(f"/console/{code}").status_code == 403


def test_request_size_is_bounded(game):
    code, p1 = game["code"], game["players"][1]
    big = {"launches": "6", "prune_pct": "10", "pad": "x" * (MAX_BODY + 1)}
    assert _submit(p1, code, big).status_code == 413

    def chunks():
        yield b"launches=6&prune_pct=10&round=1&pad="
        for _ in range(10):
            yield b"x" * 1000
    r = p1.post(f"/play/{code}", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert _decisions(game["db"]) == []


def test_a_seat_is_taken_once(game):
    other = TestClient(game["app"])
    r = other.post("/join", data={"room": game["code"], "seat": "1:product"})
    assert r.status_code == 409 and "is taken" in r.text
    assert other.get("/join", params={"room": "ZZZZZ"}).status_code == 404
