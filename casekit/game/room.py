"""A game's flow: create, join, submit, start and close rounds, unlock round 4, play with bots.

:class:`Room` keeps every rule of the flow (who may act, when, what a late
or repeated decision does) over a :class:`~casekit.game.store.Store`; the
web server only calls it.  :func:`play_bot_game` plays a whole game with
bots in every seat, reproducibly from its seed.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import time
from pathlib import Path

from casekit.game.bots import STRATEGIES, bot_decision
from casekit.game.roles import (
    N_ROUNDS,
    ROLE_NAMES,
    ROLES,
    UNLOCK_ROUND,
    check_decision,
    default_decision,
)
from casekit.game.rules import market, score_quarter
from casekit.game.store import Store, dumps

__all__ = ["GameError", "Room", "room_code", "hash_token", "play_bot_game", "LATE_GRACE_S"]

LATE_GRACE_S = 2.0
"""Seconds after the round timer a decision is still taken (a click on the buzzer)."""

_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: read aloud in a classroom


class GameError(ValueError):
    """An action the game's state does not allow; its message is shown on the page."""


def room_code(rng: random.Random | None = None) -> str:
    """Return a five-letter room code.

    Examples
    --------
    >>> room_code(random.Random(1)) == room_code(random.Random(1))
    True
    """
    pick = (rng or secrets.SystemRandom()).choice
    return "".join(pick(_CODE_LETTERS) for _ in range(5))


def hash_token(token: str) -> str:
    """Return the SHA-256 of a seat token (only hashes are stored)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Room:
    """One game: its store, its market and the rules of play.

    Parameters
    ----------
    store : Store
    clock : callable or None, default=time.time
        Returns now in seconds; ``None`` stores no times (bot games that
        must replay byte for byte).
    """

    def __init__(self, store: Store, *, clock=time.time):
        self.store = store
        self.clock = clock
        m = store.meta()
        self.code, self.case, self.seed = m["room"], m["case"], m["seed"]
        self.market = market(self.case, self.seed)

    @classmethod
    def create(cls, folder, *, case="precision", seed=0, n_teams=2, round_seconds=300, buyer=False,
               code=None, clock=time.time) -> Room:
        """Create a game in ``folder`` (its file is ``<code>.sqlite``) with every seat open."""
        if case not in ("precision", "mass"):
            raise GameError(f"case must be 'precision' or 'mass'; got {case!r}.")
        if not 1 <= int(n_teams) <= 40:
            raise GameError(f"teams must be 1 to 40; got {n_teams!r}.")
        if not 10 <= int(round_seconds) <= 3600:
            raise GameError(f"round length must be 10 to 3600 seconds; got {round_seconds!r}.")
        code = code or room_code()
        path = Path(folder) / f"{code}.sqlite"
        if path.exists():
            raise GameError(f"a game {code} already exists in {folder}.")
        store = Store(path)
        roles = ROLES if buyer else ROLES[:3]
        with store.transaction() as c:
            store.set_meta(c, room=code, case=case, seed=int(seed), n_teams=int(n_teams),
                           round_seconds=int(round_seconds), buyer=int(bool(buyer)), round=0, phase="lobby",
                           unlocked=0, deadline=0.0)
            c.executemany("INSERT INTO seats (team, role) VALUES (?, ?)",
                          [(t, r) for t in range(1, int(n_teams) + 1) for r in roles])
        return cls(store, clock=clock)

    def _now(self) -> float:
        return self.clock() if self.clock else 0.0

    def meta(self) -> dict:
        return self.store.meta()

    def context(self):
        return self.market.context(unlocked=bool(self.meta()["unlocked"]))

    # seats
    def join(self, team: int, role: str, name: str = "") -> str:
        """Take an open seat; return the seat's token (shown once, kept in the player's cookie)."""
        name = str(name).strip()[:40]
        token = secrets.token_urlsafe(18)
        with self.store.transaction() as c:
            row = c.execute("SELECT kind FROM seats WHERE team = ? AND role = ?", (team, role)).fetchone()
            if row is None:
                raise GameError(f"there is no seat {ROLE_NAMES.get(role, role)} in team {team}.")
            if row[0] != "open":
                raise GameError(f"{ROLE_NAMES[role]} of team {team} is taken; pick another seat.")
            c.execute("UPDATE seats SET kind = 'human', name = ?, token_hash = ? WHERE team = ? AND role = ?",
                      (name or ROLE_NAMES[role], hash_token(token), team, role))
        return token

    def seat(self, token: str | None):
        """Return (team, role) of a token, or None."""
        return self.store.seat_by_token(hash_token(token)) if token else None

    def fill_bots(self, strategy: str = "mix") -> int:
        """Put bots in every open seat (``mix`` rotates silo, aligned, random by team); return how many."""
        if strategy not in (*STRATEGIES, "mix"):
            raise GameError(f"bot strategy must be one of {[*STRATEGIES, 'mix']}; got {strategy!r}.")
        with self.store.transaction() as c:
            rows = c.execute("SELECT team, role FROM seats WHERE kind = 'open'").fetchall()
            for team, role in rows:
                s = STRATEGIES[(team - 1) % len(STRATEGIES)] if strategy == "mix" else strategy
                c.execute("UPDATE seats SET kind = 'bot', strategy = ?, name = ? WHERE team = ? AND role = ?",
                          (s, f"{s} bot", team, role))
        return len(rows)

    def shuffle(self, seed=None) -> None:
        """Deal the seated humans to seats at random (between rounds only), keeping their tokens."""
        if self.meta()["phase"] == "open":
            raise GameError("close the round before shuffling seats.")
        rng = random.Random(seed)
        with self.store.transaction() as c:
            rows = c.execute("SELECT team, role, kind, strategy, name, token_hash FROM seats "
                             "ORDER BY team, role").fetchall()
            people = [r[2:] for r in rows]
            rng.shuffle(people)
            c.execute("UPDATE seats SET token_hash = NULL")
            for (team, role, *_), (kind, strategy, name, token) in zip(rows, people):
                c.execute("UPDATE seats SET kind = ?, strategy = ?, name = ?, token_hash = ? "
                          "WHERE team = ? AND role = ?", (kind, strategy, name, token, team, role))

    # rounds
    def start_round(self) -> int:
        """Open the next round with its timer; return its number."""
        m = self.meta()
        if m["phase"] == "open":
            raise GameError(f"round {m['round']} is still open; close it first.")
        if m["round"] >= N_ROUNDS:
            raise GameError(f"the game has {N_ROUNDS} rounds and is over.")
        with self.store.transaction() as c:
            self.store.set_meta(c, round=m["round"] + 1, phase="open",
                                deadline=self._now() + m["round_seconds"] if self.clock else 0.0)
        return m["round"] + 1

    def unlock(self) -> None:
        """Open the shared account P&L and the bonus-plan rewrite (from round 4 on)."""
        m = self.meta()
        if m["round"] < UNLOCK_ROUND - 1 or (m["round"] == UNLOCK_ROUND - 1 and m["phase"] == "open"):
            raise GameError(f"the shared P&L opens for round {UNLOCK_ROUND}; close round {UNLOCK_ROUND - 1} first.")
        self.store.set_meta(unlocked=1)

    def submit(self, token: str | None, sent: dict, *, round_no, request_id: str = "") -> str:
        """Record a player's decision for the open round; return what to tell the player.

        Raises :class:`GameError` (wrong seat, late) or
        :class:`~casekit.game.roles.DecisionError` (malformed, out of range);
        either way nothing changes.  The same ``request_id`` twice counts once.
        """
        seat = self.seat(token)
        if seat is None:
            raise GameError("this browser holds no seat in this game; join with the room code.")
        team, role = seat
        m = self.meta()
        if m["phase"] != "open" or str(round_no) != str(m["round"]):
            raise GameError(f"too late: round {round_no} is closed; your decision was not recorded."
                            if m["round"] else "the game has not started yet.")
        if self.clock and self._now() > m["deadline"] + LATE_GRACE_S:
            raise GameError(f"too late: the timer of round {m['round']} ran out; your decision was not recorded.")
        decision = check_decision(role, sent, self.context())
        request_id = str(request_id)[:64]
        with self.store.transaction() as c:
            row = c.execute("SELECT payload, request_id, revision FROM decisions WHERE team = ? AND role = ? "
                            "AND round = ?", (team, role, m["round"])).fetchone()
            if row is not None and request_id and row[1] == request_id:
                return f"already recorded: your decision for round {m['round']} (sent twice, counted once)."
            if row is not None and row[0] == dumps(decision):
                return f"no change: your decision for round {m['round']} is recorded."
            c.execute("INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, 'player', ?, ?, ?)",
                      (team, role, m["round"], dumps(decision), request_id or None,
                       1 if row is None else row[2] + 1, self._now() if self.clock else None))
        return f"recorded: your decision for round {m['round']}; you may change it until the round closes."

    def last_decision(self, team: int, role: str, round_no: int) -> dict:
        """The decision in force for a seat in a round: its own, else its latest earlier one, else today's."""
        for r in range(round_no, 0, -1):
            d = self.store.decision(team, role, r)
            if d is not None:
                return d["decision"]
        return default_decision(role, self.context())

    def _silent(self, seat: dict, r: int, ctx) -> tuple[dict, str]:
        """The decision of a seat that did not submit in round ``r``, and its source (bot or carried)."""
        if seat["kind"] == "bot":
            return bot_decision(seat["strategy"], seat["role"], ctx, seed=self.seed, team=seat["team"],
                                round_no=r), "bot"
        return self.last_decision(seat["team"], seat["role"], r), "carried"

    def preview(self, team: int) -> dict:
        """Score a team's open round as it stands (nothing written); warms the model calls closing will need."""
        m = self.meta()
        r, ctx = m["round"], self.context()
        history = self.store.history(team)
        now = history.setdefault(r, {})
        for s in self.store.seats():
            if s["team"] == team and s["role"] not in now:
                now[s["role"]] = self._silent(s, r, ctx)[0]
        return score_quarter(self.market, history, r)

    def close_round(self) -> int:
        """Close the open round: bots decide, silent seats keep their last decision, every team is scored."""
        m = self.meta()
        if m["phase"] not in ("open", "closing"):
            raise GameError("no round is open.")
        r, ctx = m["round"], self.context()
        seats = self.store.seats()
        with self.store.transaction() as c:
            # 'closing' shuts the door to submissions before the seats that are silent get their decision
            self.store.set_meta(c, phase="closing")
            for s in seats:
                if c.execute("SELECT 1 FROM decisions WHERE team = ? AND role = ? AND round = ?",
                             (s["team"], s["role"], r)).fetchone():
                    continue
                d, source = self._silent(s, r, ctx)
                c.execute("INSERT INTO decisions (team, role, round, payload, source) VALUES (?, ?, ?, ?, ?)",
                          (s["team"], s["role"], r, dumps(d), source))
        rows = []
        for team in range(1, m["n_teams"] + 1):
            q = score_quarter(self.market, self.store.history(team), r)
            rows += [(team, r, k, round(float(v), 6)) for k, v in sorted(q.items())]
        with self.store.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", rows)
            self.store.set_meta(c, phase="finished" if r >= N_ROUNDS else "closed")
        return r

    def leaderboard(self) -> list[dict]:
        """Teams ranked by cumulative profit: team, rank, profit (total), last (latest quarter)."""
        rows = self.store.query("SELECT team, SUM(value), MAX(round) FROM results WHERE metric = 'profit' "
                                "GROUP BY team")
        last = dict(self.store.query("SELECT team, value FROM results WHERE metric = 'profit' AND round = "
                                     "(SELECT MAX(round) FROM results)"))
        ranked = sorted(rows, key=lambda t: (-t[1], t[0]))
        board = [{"team": t, "rank": i + 1, "profit": p, "last": last.get(t, 0.0)}
                 for i, (t, p, _) in enumerate(ranked)]
        scored = {b["team"] for b in board}
        board += [{"team": t, "rank": None, "profit": 0.0, "last": 0.0}
                  for t in range(1, self.meta()["n_teams"] + 1) if t not in scored]
        return board

    def kpis(self, team: int) -> dict:
        """Round -> metric -> value of one team."""
        out: dict = {}
        for r, metric, value in self.store.query("SELECT round, metric, value FROM results WHERE team = ? "
                                                 "ORDER BY round", (team,)):
            out.setdefault(r, {})[metric] = value
        return out


def play_bot_game(folder, *, seed=0, n_teams=3, buyer=True, strategies=None, case="precision") -> Room:
    """Play a six-round game with bots in every seat, reproducibly from ``seed``.

    Parameters
    ----------
    folder : str or Path
        Where the game's database goes.
    seed : int
    n_teams : int
    buyer : bool
        Whether teams have the buyer's seat.
    strategies : list of str, optional
        One strategy per team; rotates silo, aligned, random by default.
    case : str

    Returns
    -------
    Room
        The finished game.

    Examples
    --------
    >>> import tempfile
    >>> room = play_bot_game(tempfile.mkdtemp(), seed=3, n_teams=2, buyer=False)
    >>> room.meta()["phase"], len(room.leaderboard())
    ('finished', 2)
    """
    rng = random.Random(seed)
    room = Room.create(folder, case=case, seed=seed, n_teams=n_teams, buyer=buyer, code=room_code(rng), clock=None)
    strategies = strategies or [STRATEGIES[i % len(STRATEGIES)] for i in range(n_teams)]
    with room.store.transaction() as c:
        for team, s in enumerate(strategies, start=1):
            c.execute("UPDATE seats SET kind = 'bot', strategy = ?, name = ? WHERE team = ?", (s, f"{s} bot", team))
    for r in range(1, N_ROUNDS + 1):
        if r == UNLOCK_ROUND:
            room.unlock()
        room.start_round()
        room.close_round()
    return room

