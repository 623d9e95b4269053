"""Beacon Boardroom under a class: 120 simulated players (30 teams of four) play six rounds.

Starts the real server (uvicorn, one process) on 127.0.0.1, joins 120 players,
and for each round: the instructor opens it, every player loads their page
and submits a decision (spread over ``--think`` seconds), every player
reloads their page, and the instructor closes the round (which recomputes
every team).  Reports the time to close a round (target <= 2 s) and the
median / p95 latency of page loads and submissions (target p95 <= 200 ms).
Traffic goes to 127.0.0.1 only; the run is bounded by ``--max-seconds``.

Usage::

    python benchmarks/bench_game.py                  # 30 teams x 4 seats, 6 rounds
    python benchmarks/bench_game.py --think 0 --concurrency 16   # every decision at once: closing from cold
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casekit.game.bots import bot_decision  # noqa: E402
from casekit.game.roles import N_ROUNDS, ROLES, UNLOCK_ROUND  # noqa: E402
from casekit.game.rules import market  # noqa: E402

KEY = "bench-key"
CLOSE_TARGET_S = 2.0
P95_TARGET_MS = 200.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(folder: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "casekit.cli", "game", "serve", "--folder", folder,
                             "--port", str(port), "--key", KEY], env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the game server did not start")


def _timed(fn, *args, **kwargs):
    t = time.perf_counter()
    r = fn(*args, **kwargs)
    return r, (time.perf_counter() - t) * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--teams", type=int, default=30)
    ap.add_argument("--concurrency", type=int, default=120, help="players acting at once (default 120: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--think", type=float, default=20.0,
                    help="each round's decisions arrive spread over this many seconds, as in class (default 20; "
                         "0 sends them all at once, so closing computes every team from cold)")
    ap.add_argument("--max-seconds", type=float, default=480.0, help="stop after this long (default 480)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    folder = tempfile.mkdtemp(prefix="bench_game_")
    proc = _start(folder, port)
    pages, submits, closes = [], [], []
    try:
        limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
        inst = httpx.Client(base_url=base, headers={"x-instructor-key": KEY}, timeout=60)
        r = inst.post("/console/create", data={"teams": str(args.teams), "seed": str(args.seed),
                                               "round_seconds": "3600", "buyer": "1"})
        code = str(r.headers["location"]).rsplit("/", 1)[1]
        seats = [(t, role) for t in range(1, args.teams + 1) for role in ROLES]
        players = {}
        for team, role in seats:
            c = httpx.Client(base_url=base, timeout=30, limits=limits)
            c.post("/join", data={"room": code, "seat": f"{team}:{role}", "name": f"{role} {team}"})
            players[(team, role)] = c
        m = market("precision", args.seed)

        rng = np.random.default_rng(args.seed)

        def play(seat, round_no, unlocked, delay):
            team, role = seat
            c = players[seat]
            time.sleep(delay)
            page, ms_page = _timed(c.get, f"/play/{code}")
            assert page.status_code == 200 and f"Submit round {round_no}" in page.text, page.text[:300]
            d = bot_decision("random", role, m.context(unlocked=unlocked), seed=args.seed, team=team,
                             round_no=round_no)
            res, ms_submit = _timed(c.post, f"/play/{code}", data={**{k: str(v) for k, v in d.items()},
                                                                   "round": str(round_no), "request_id": "x"})
            assert res.status_code == 200 and "recorded" in res.text, res.text[:300]
            again, ms_again = _timed(c.get, f"/play/{code}")
            return [ms_page, ms_again], ms_submit

        print(f"{len(seats)} players in {args.teams} teams, up to {args.concurrency} at a time, decisions over "
              f"{args.think:.0f} s a round, "
              f"server on 127.0.0.1:{port}")
        with cf.ThreadPoolExecutor(args.concurrency) as pool:
            for round_no in range(1, N_ROUNDS + 1):
                if time.perf_counter() - started > args.max_seconds:
                    print("stopped: --max-seconds reached")
                    break
                if round_no == UNLOCK_ROUND:
                    inst.post(f"/console/{code}", data={"action": "unlock"})
                inst.post(f"/console/{code}", data={"action": "start"})
                t = time.perf_counter()
                n = len(seats)
                delays = np.sort(rng.uniform(0, args.think, n))
                for p, s in pool.map(play, seats, [round_no] * n, [round_no >= UNLOCK_ROUND] * n, delays):
                    pages.extend(p)
                    submits.append(s)
                play_s = time.perf_counter() - t
                r, ms = _timed(inst.post, f"/console/{code}", data={"action": "close"}, follow_redirects=False)
                assert r.status_code == 303, r.text[:300]
                closes.append(ms / 1000)
                print(f"round {round_no}: {len(seats)} players played in {play_s:5.1f} s; "
                      f"closing the round took {ms / 1000:5.2f} s")
        board = inst.get(f"/console/{code}").text
        assert "Team 30" in board or args.teams < 30
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    pg, sb = np.array(pages), np.array(submits)
    print(f"page loads : n={len(pg)}  median {np.median(pg):6.1f} ms  p95 {np.percentile(pg, 95):6.1f} ms  "
          f"max {pg.max():6.1f} ms  (target p95 <= {P95_TARGET_MS:.0f} ms)")
    print(f"submissions: n={len(sb)}  median {np.median(sb):6.1f} ms  p95 {np.percentile(sb, 95):6.1f} ms  "
          f"max {sb.max():6.1f} ms  (target p95 <= {P95_TARGET_MS:.0f} ms)")
    print(f"close round: max {max(closes):5.2f} s, median {np.median(closes):5.2f} s  (target <= "
          f"{CLOSE_TARGET_S:.0f} s)")
    ok = (max(closes) <= CLOSE_TARGET_S and np.percentile(pg, 95) <= P95_TARGET_MS
          and np.percentile(sb, 95) <= P95_TARGET_MS)
    print("within targets" if ok else "OVER TARGET")
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
