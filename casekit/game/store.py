"""A game's state in one SQLite file: settings, seats, decisions and results.

WAL mode, and every write in its own ``BEGIN IMMEDIATE`` transaction, so a
server killed mid-round loses nothing it had answered and another process
(the debrief notebook) can read while a game runs.  Decisions are stored as
canonical JSON (sorted keys) so two replays of a seeded game write the same
bytes.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from pathlib import Path

__all__ = ["Store", "SCHEMA"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seats (
    team INTEGER NOT NULL, role TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'open',
    strategy TEXT, name TEXT, token_hash TEXT UNIQUE,
    PRIMARY KEY (team, role));
CREATE TABLE IF NOT EXISTS decisions (
    team INTEGER NOT NULL, role TEXT NOT NULL, round INTEGER NOT NULL, payload TEXT NOT NULL,
    source TEXT NOT NULL, request_id TEXT, revision INTEGER NOT NULL DEFAULT 1, at REAL,
    PRIMARY KEY (team, role, round));
CREATE TABLE IF NOT EXISTS results (
    team INTEGER NOT NULL, round INTEGER NOT NULL, metric TEXT NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (team, round, metric));
"""

_INT_META = {"seed", "n_teams", "round_seconds", "buyer", "round", "unlocked"}
_FLOAT_META = {"deadline"}


def dumps(decision: dict) -> str:
    """Canonical JSON of a decision."""
    return json.dumps(decision, sort_keys=True, separators=(",", ":"))


class Store:
    """Read and write one game's SQLite file.

    Parameters
    ----------
    path : str or Path
        The database file; created with the schema if absent.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> s = Store(pathlib.Path(tempfile.mkdtemp()) / "g.sqlite")
    >>> s.set_meta(round=2, phase="open")
    >>> s.meta()["round"], s.meta()["phase"]
    (2, 'open')
    """

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    @contextlib.contextmanager
    def transaction(self):
        """Yield the connection inside one write transaction (committed, or rolled back on error)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def query(self, sql: str, params=()) -> list[tuple]:
        """Run a read query and return its rows."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # settings
    def meta(self) -> dict:
        """Return the game's settings and phase, typed."""
        out = {}
        for key, value in self.query("SELECT key, value FROM meta"):
            out[key] = int(value) if key in _INT_META else float(value) if key in _FLOAT_META else value
        return out

    def set_meta(self, conn=None, **values) -> None:
        """Set settings (inside ``conn``'s transaction when given)."""
        rows = [(k, str(v)) for k, v in values.items()]
        if conn is not None:
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", rows)
            return
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", rows)

    # seats
    def seats(self) -> list[dict]:
        """Return every seat: team, role, kind (open/human/bot), strategy, name."""
        rows = self.query("SELECT team, role, kind, strategy, name FROM seats ORDER BY team, role")
        return [dict(zip(["team", "role", "kind", "strategy", "name"], r)) for r in rows]

    def seat_by_token(self, token_hash: str):
        """Return (team, role) of the seat holding a token, or None."""
        rows = self.query("SELECT team, role FROM seats WHERE token_hash = ? AND kind = 'human'", (token_hash,))
        return rows[0] if rows else None

    # decisions
    def decision(self, team: int, role: str, round_no: int):
        """Return the stored row of one decision as a dict, or None."""
        rows = self.query("SELECT payload, source, request_id, revision FROM decisions "
                          "WHERE team = ? AND role = ? AND round = ?", (team, role, round_no))
        if not rows:
            return None
        payload, source, request_id, revision = rows[0]
        return {"decision": json.loads(payload), "source": source, "request_id": request_id, "revision": revision}

    def history(self, team: int) -> dict:
        """Return round -> role -> decision for one team."""
        out: dict = {}
        for round_no, role, payload in self.query(
                "SELECT round, role, payload FROM decisions WHERE team = ? ORDER BY round, role", (team,)):
            out.setdefault(round_no, {})[role] = json.loads(payload)
        return out

    def decisions(self) -> list[dict]:
        """Return every decision: team, role, round, decision, source, revision."""
        rows = self.query("SELECT team, role, round, payload, source, revision FROM decisions "
                          "ORDER BY round, team, role")
        return [{"team": t, "role": r, "round": n, "decision": json.loads(p), "source": s, "revision": v}
                for t, r, n, p, s, v in rows]

    # results
    def results(self) -> list[tuple]:
        """Return (team, round, metric, value) rows."""
        return self.query("SELECT team, round, metric, value FROM results ORDER BY team, round, metric")

    def dump(self) -> str:
        """Return the whole database as SQL text (for comparing two games)."""
        with self._lock:
            return "\n".join(self._conn.iterdump())
