"""A finished Beacon Boardroom game as tidy frames, for the debrief notebook.

:func:`load_game` opens a game's database (a ``.sqlite`` file, or the
``.sql`` text dump shipped in ``casekit/data/games``); the other functions
turn it into the debrief's exhibits: each team's trajectory, each role's KPI
against its team's profit, each team's whale curve and the decisions that
moved its profit.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pandas as pd

from casekit.analysis.profitability import whale_curve
from casekit.game.roles import ROLE_NAMES
from casekit.game.rules import KPIS, market

__all__ = ["Debrief", "recorded_game", "load_game", "trajectories", "kpi_vs_profit", "team_whale_curves",
           "decision_moves"]

GAMES = Path(__file__).resolve().parents[1] / "data" / "games"


def recorded_game() -> Path:
    """Return the bot game shipped with casekit (seeded; silo, aligned and random teams).

    Examples
    --------
    >>> recorded_game().name
    'boardroom_seed7.sql'
    """
    return GAMES / "boardroom_seed7.sql"


@dataclasses.dataclass(frozen=True)
class Debrief:
    """A finished game: ``meta`` (dict), ``seats``, ``decisions`` (one row per field) and ``results`` (tidy)."""

    meta: dict
    seats: pd.DataFrame
    decisions: pd.DataFrame
    results: pd.DataFrame


def load_game(path) -> Debrief:
    """Open a game's database (``.sqlite``) or its SQL dump (``.sql``) and read it into frames.

    Examples
    --------
    >>> d = load_game(recorded_game())
    >>> d.meta["phase"], int(d.results["round"].max())
    ('finished', 6)
    """
    path = Path(path)
    if path.suffix == ".sql":
        conn = sqlite3.connect(":memory:")
        conn.executescript(path.read_text())
    else:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        for k in ("seed", "n_teams", "round", "unlocked", "buyer"):
            meta[k] = int(meta[k])
        seats = pd.read_sql_query("SELECT team, role, kind, strategy, name FROM seats ORDER BY team, role", conn)
        raw = conn.execute("SELECT team, role, round, payload, source FROM decisions ORDER BY team, round, role")
        rows = [(t, r, n, k, str(v), s) for t, r, n, p, s in raw for k, v in json.loads(p).items()]
        results = pd.read_sql_query("SELECT team, round, metric, value FROM results ORDER BY team, round", conn)
    finally:
        conn.close()
    decisions = pd.DataFrame(rows, columns=["team", "role", "round", "field", "value", "source"])
    return Debrief(meta, seats, decisions, results)


def _label(d: Debrief) -> pd.Series:
    """Team -> 'Team 1 (silo)' when bots of one strategy play it."""
    strat = d.seats.groupby("team")["strategy"].agg(lambda s: s.iloc[0] if s.nunique() == 1 else None)
    return pd.Series({t: f"Team {t}" + (f" ({s})" if isinstance(s, str) else "") for t, s in strat.items()})


def trajectories(d: Debrief) -> pd.DataFrame:
    """Each team's quarter by round: profit, cumulative profit, revenue, cost to serve, complexity.

    Examples
    --------
    >>> t = trajectories(load_game(recorded_game()))
    >>> list(t.columns[:4])
    ['team', 'label', 'round', 'profit']
    """
    wide = d.results.pivot_table(index=["team", "round"], columns="metric", values="value").reset_index()
    wide["cumulative_profit"] = wide.groupby("team")["profit"].cumsum()
    wide.insert(1, "label", wide["team"].map(_label(d)))
    cols = ["team", "label", "round", "profit", "cumulative_profit", "revenue", "cost_to_serve", "complexity_cost"]
    return wide[cols].sort_values(["team", "round"]).reset_index(drop=True)


def kpi_vs_profit(d: Debrief) -> pd.DataFrame:
    """Each role's KPI over the game beside its team's profit, with both ranks (1 = best).

    A money KPI is summed over the rounds, a percent or per-case KPI
    averaged; cost to serve per case ranks lowest first.

    Examples
    --------
    >>> k = kpi_vs_profit(load_game(recorded_game()))
    >>> set(k["role"]) >= {"VP Sales", "VP Operations", "VP Product"}
    True
    """
    res = d.results
    profit = res[res["metric"] == "profit"].groupby("team")["value"].sum()
    rows = []
    roles = set(d.seats["role"])
    for role, metrics in KPIS.items():
        if role not in roles:
            continue
        for m in metrics:
            per = res[res["metric"] == m].groupby("team")["value"]
            value = per.mean() if m.endswith(("_pct", "_per_case")) else per.sum()
            better_low = m == "cost_to_serve_per_case"
            kpi_rank = value.rank(ascending=better_low, method="min").astype(int)
            for team in value.index:
                rows.append({"role": ROLE_NAMES[role], "kpi": m, "team": team, "kpi_value": float(value[team]),
                             "kpi_rank": int(kpi_rank[team]), "team_profit": float(profit[team])})
    out = pd.DataFrame(rows)
    out["profit_rank"] = out["team_profit"].rank(ascending=False, method="dense").astype(int)
    out.insert(3, "label", out["team"].map(_label(d)))
    return out


def team_whale_curves(d: Debrief) -> pd.DataFrame:
    """Each team's whale curve of accounts in its last quarter.

    Every account earns a quarter of its net profit in the case's cost-to-serve
    P&L, except the key account the team developed, which earns what the
    game scored for it (``account_profit``: development path plus service
    policy).

    Examples
    --------
    >>> w = team_whale_curves(load_game(recorded_game()))
    >>> bool((w.groupby("team")["cumulative_profit_pct"].last().round(6) == 100).all())
    True
    """
    m = market(d.meta["case"], d.meta["seed"])
    base = m.pnl.groupby("customer_id", observed=True)[["revenue", "net_profit"]].sum() / 4
    base.index = base.index.astype(str)
    last = d.results["round"].max()
    out = []
    for team in sorted(d.results["team"].unique()):
        dec, res = d.decisions, d.results
        acc = dec.loc[(dec["team"] == team) & (dec["round"] == last) & (dec["field"] == "account"), "value"].iloc[0]
        profit = res.loc[(res["team"] == team) & (res["round"] == last) & (res["metric"] == "account_profit"),
                         "value"].iloc[0]
        accounts = base.copy()
        accounts.loc[acc, "net_profit"] = profit
        curve = whale_curve(accounts.reset_index())
        curve.insert(0, "team", team)
        curve.insert(1, "label", _label(d)[team])
        curve["developed"] = curve["customer_id"] == acc
        out.append(curve)
    return pd.concat(out, ignore_index=True)


def decision_moves(d: Debrief, *, top: int = 3) -> pd.DataFrame:
    """Each team's rounds with the largest profit change, and the decisions that changed going into them.

    Examples
    --------
    >>> mv = decision_moves(load_game(recorded_game()))
    >>> list(mv.columns)
    ['team', 'label', 'round', 'profit_change', 'changes']
    """
    t = trajectories(d)
    t["profit_change"] = t.groupby("team")["profit"].diff().fillna(t["profit"] - t["profit"])
    dec = d.decisions.pivot_table(index=["team", "round"], columns=["role", "field"], values="value",
                                  aggfunc="first")
    rows = []
    for (team, r), row in t.set_index(["team", "round"]).iterrows():
        if r == 1:
            continue
        now, before = dec.loc[(team, r)], dec.loc[(team, r - 1)]
        changed = [f"{ROLE_NAMES[role]}: {field} {before[(role, field)]} → {now[(role, field)]}"
                   for (role, field) in now.index if now[(role, field)] != before[(role, field)]]
        rows.append({"team": team, "label": row["label"], "round": r, "profit_change": row["profit_change"],
                     "changes": "; ".join(changed) or "no decision changed"})
    out = pd.DataFrame(rows)
    out["size"] = out["profit_change"].abs()
    out = out.sort_values(["team", "size"], ascending=[True, False]).groupby("team").head(top)
    return out.drop(columns="size").sort_values(["team", "round"]).reset_index(drop=True)
