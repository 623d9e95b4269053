"""Bots that fill empty seats: ``silo`` plays its own KPI, ``aligned`` plays the team's profit, ``random`` explores.

A bot decides from its role, the round, whether the rewrite is unlocked and
a seed, so a bot-only game replays exactly.
"""

from __future__ import annotations

import random

from casekit.game.roles import (
    OPS_CAPACITY,
    Context,
    DecisionError,
    check_decision,
    default_decision,
    fields,
    ops_projects,
)

__all__ = ["STRATEGIES", "bot_decision"]

STRATEGIES = ["silo", "aligned", "random"]


def _silo(role: str, ctx: Context) -> dict:
    # each function maximises the number it is paid on, blind to the others' costs
    if role == "sales":
        return {"w_revenue": 10, "w_gross_margin": 0, "w_objectives": 5, "focus": 5, "account": ctx.accounts[0]}
    if role == "operations":
        return {"min_order": "40", "deliveries": "1", "edi_pct": "100", "tier": "rush on request", "engage": "no"}
    if role == "product":
        return {"launches": ctx.n_launches, "prune_pct": "0"}
    return {"open_door": "no", "accept_terms": "no"}


def _aligned(role: str, ctx: Context) -> dict:
    if role == "sales":
        plan = ({"w_net_profit": 6, "w_cost_to_serve_per_case": 2, "w_fit": 2, "w_revenue": 0, "w_objectives": 0}
                if ctx.unlocked else {"w_revenue": 3, "w_gross_margin": 5, "w_objectives": 2})
        return {"w_gross_margin": 0, **plan, "focus": 3, "account": ctx.accounts[0]}
    if role == "operations":
        return {"min_order": "20", "deliveries": "as today", "edi_pct": "100", "tier": "rush on request",
                "engage": "yes"}
    if role == "product":
        return {"launches": min(3, ctx.n_launches), "prune_pct": "20"}
    return {"open_door": "yes", "accept_terms": "yes"}


def _random(role: str, ctx: Context, rng: random.Random) -> dict:
    for _ in range(100):
        out = {}
        for f in fields(role, ctx):
            if f.rewrite and not ctx.unlocked:
                continue
            out[f.name] = rng.choice(f.choices) if f.choices else rng.randint(f.low, f.high)
        if role == "operations" and ops_projects(out) > OPS_CAPACITY:
            continue
        try:
            return check_decision(role, out, ctx)
        except DecisionError:
            continue
    return _silo(role, ctx)


def bot_decision(strategy: str, role: str, ctx: Context, *, seed: int, team: int, round_no: int) -> dict:
    """Return a bot's decision for one round.

    Parameters
    ----------
    strategy : str
        One of :data:`STRATEGIES`.
    role : str
    ctx : Context
    seed, team, round_no : int
        Seed the ``random`` strategy, so a game replays exactly.

    Returns
    -------
    dict
        A decision that passes :func:`casekit.game.roles.check_decision`.

    Examples
    --------
    >>> ctx = Context(n_launches=22, accounts=("C1", "C2", "C3"))
    >>> bot_decision("aligned", "product", ctx, seed=1, team=1, round_no=1)
    {'launches': 3, 'prune_pct': '20'}
    >>> a = bot_decision("random", "sales", ctx, seed=1, team=2, round_no=3)
    >>> a == bot_decision("random", "sales", ctx, seed=1, team=2, round_no=3)
    True
    """
    if strategy == "silo":
        raw = _silo(role, ctx)
    elif strategy == "aligned":
        raw = _aligned(role, ctx)
    elif strategy == "random":
        raw = _random(role, ctx, random.Random(f"{seed}-{team}-{role}-{round_no}"))
    else:
        raise ValueError(f"unknown bot strategy {strategy!r}; use one of {STRATEGIES}.")
    return check_decision(role, {**default_decision(role, ctx), **raw}, ctx)
