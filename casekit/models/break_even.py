"""What must be true: the parameter value at which each of Byrnes's conclusions flips (I2/I3, I4/I14, I9, I13, I15).

Every model in casekit reaches Byrnes's conclusion from behaviour that could
have gone the other way.  For each claim, :data:`CLAIMS` names one
parameter a sceptic would doubt, its calibrated value and a range;
:func:`claim_margin` measures how far the claim holds at a value (positive:
it holds), :func:`claim_sweep` traces the margin over the range (the
notebooks' charts) and :func:`break_even` finds the value where the margin
changes sign, so a class can argue whether the world is on the calibrated
side of it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["CLAIMS", "claim_margin", "claim_sweep", "break_even"]

# (claim, statement, parameter, table, calibrated, low, high, unit of the margin)
_ROWS = [
    ("I2/I3", "reps work two or three objectives: the median rep works at most 3 of the plan's 18",
     "customer_appetite", "casekit.models.objectives.OBJECTIVE_ASSUMPTIONS", 1.0, 1.0, 5.0, "objectives below 3.5"),
    ("I4/I14", "most of the year's launches lose money for the company over their life", "hidden_cost_scale",
     "casekit.models.launches.LIFE_ASSUMPTIONS", 1.0, 0.0, 1.5, "share of launches losing, less 0.5"),
    ("I9", "operations early earns more than sales first at most key accounts", "promise_volume",
     "casekit.models.account_development.ACCOUNT_ASSUMPTIONS", 0.06, 0.0, 0.5, "share of accounts, less 0.5"),
    ("I13", "the company on one account P&L earns more than the company in silos", "coordination_cost",
     "casekit.models.alignment.ALIGNMENT_ASSUMPTIONS", 1_500.0, 0.0, 60_000.0, "$ of profit"),
    ("I15", "paying on net profit after cost to serve beats paying on cost per case alone", "perception_noise",
     "casekit.models.incentives.INCENTIVE_ASSUMPTIONS", 0.3, 0.0, 3.0, "$ of profit"),
]

CLAIMS = pd.DataFrame(_ROWS, columns=["claim", "statement", "parameter", "table", "calibrated", "low", "high",
                                      "margin_unit"]).set_index("claim")
"""One row per claim: what Byrnes concludes, the parameter that could flip it, its calibrated value and range."""


def _check_claim(claim) -> pd.Series:
    if claim not in CLAIMS.index:
        raise ValueError(f"claim must be one of {CLAIMS.index.tolist()}; got {claim!r}.")
    return CLAIMS.loc[claim]


def _table(defaults: pd.DataFrame, parameter: str, value) -> pd.DataFrame:
    out = defaults.copy()
    if value is not None:
        out["value"] = out["value"].astype(object)
        out.loc[parameter, "value"] = float(value)
    return out


def claim_margin(claim, company, pnl, *, value=None, seed=0) -> float:
    """How far one claim holds at a value of its parameter (positive: Byrnes is right; negative: he is not).

    Parameters
    ----------
    claim : str
        An index of :data:`CLAIMS` (``"I2/I3"``, ``"I4/I14"``, ``"I9"``,
        ``"I13"``, ``"I15"``).
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    value : float, optional
        The parameter's value; its calibrated value by default.
    seed : int, default=0
        Seed of the model's random draws (reps' misjudgements, what the joint
        work finds); claims on deterministic models ignore it.

    Returns
    -------
    float
        In the unit of ``CLAIMS.loc[claim, "margin_unit"]``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=11, n_customers=60, n_products=300)
    >>> bool(claim_margin("I13", co, ck.cost_to_serve(co)) > 0)
    True
    """
    row = _check_claim(claim)
    p = row["parameter"]
    if claim == "I2/I3":
        from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS, bonus_plan
        from casekit.models.rep_choices import simulate_reps

        a = _table(OBJECTIVE_ASSUMPTIONS, p, value)
        plan = bonus_plan(company, n_objectives=min(18, len(company.launches)), seed=seed)
        sim = simulate_reps(plan, company, pnl, seed=seed, assumptions=a)
        return 3.5 - float(np.median(sim.choices.groupby("rep_id", observed=True)["chosen"].sum()))
    if claim == "I4/I14":
        from casekit.models.innovation import product_scorecard
        from casekit.models.launches import LIFE_ASSUMPTIONS, launch_life

        life = launch_life(product_scorecard(company, pnl), assumptions=_table(LIFE_ASSUMPTIONS, p, value))
        return float((life["life_value"] < 0).mean()) - 0.5
    if claim == "I9":
        from casekit.models.account_development import ACCOUNT_ASSUMPTIONS
        from casekit.models.account_distribution import path_distribution

        dist = path_distribution(company, pnl, seeds=[seed], assumptions=_table(ACCOUNT_ASSUMPTIONS, p, value))
        return float(dist["ops_early_wins"].mean()) - 0.5
    if claim == "I13":
        from casekit.models.alignment import ALIGNMENT_ASSUMPTIONS, compare_alignment

        board = compare_alignment(company, pnl, assumptions=_table(ALIGNMENT_ASSUMPTIONS, p, value))
        profit = board.set_index("scenario")["profit"]
        return float(profit["shared account P&L"] - profit["each function on its own metric"])
    from casekit.models import incentives as inc

    board = inc.compare_plans([inc.ALIGNED_PLAN, inc.COST_PER_CASE_PLAN], company, pnl, seed=seed,
                              assumptions=_table(inc.INCENTIVE_ASSUMPTIONS, p, value))
    profit = board.set_index("plan")["profit"]
    return float(profit[inc.ALIGNED_PLAN.name] - profit[inc.COST_PER_CASE_PLAN.name])


def claim_sweep(claim, company, pnl, *, values=None, seed=0) -> pd.DataFrame:
    """Trace a claim's margin over its parameter's range (the notebooks' break-even charts).

    Parameters
    ----------
    claim : str
        An index of :data:`CLAIMS`.
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    values : sequence of float, optional
        The parameter's values; 9 evenly spaced over the claim's range by
        default.
    seed : int, default=0

    Returns
    -------
    pandas.DataFrame
        One row per value: ``value``, ``margin``, ``holds`` (margin > 0);
        ``attrs`` hold the claim's row of :data:`CLAIMS`.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=11, n_customers=60, n_products=300)
    >>> sweep = claim_sweep("I4/I14", co, ck.cost_to_serve(co), values=[0.0, 1.0])
    >>> sweep["holds"].tolist()
    [False, True]
    """
    row = _check_claim(claim)
    values = np.linspace(row["low"], row["high"], 9) if values is None else np.asarray(values, dtype=float)
    margins = [claim_margin(claim, company, pnl, value=v, seed=seed) for v in values]
    out = pd.DataFrame({"value": values, "margin": margins})
    out["holds"] = out["margin"] > 0
    out.attrs.update({"claim": claim, **row.to_dict()})
    return out


def break_even(claim, company, pnl, *, seed=0, grid=9, steps=8) -> dict:
    """Find the parameter value at which a claim flips, nearest its calibrated value.

    Scans the claim's range on ``grid`` points, takes the sign change nearest
    the calibrated value and narrows it by bisection (``steps`` halvings).

    Parameters
    ----------
    claim : str
        An index of :data:`CLAIMS`.
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    seed : int, default=0
    grid : int, default=9
        Points of the first scan.
    steps : int, default=8
        Bisection steps.

    Returns
    -------
    dict
        ``claim``, ``statement``, ``parameter``, ``calibrated``,
        ``margin_at_calibrated``, ``holds_at_calibrated`` and
        ``break_even`` (``None`` when the claim does not flip in the range).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=11, n_customers=60, n_products=300)
    >>> out = break_even("I13", co, ck.cost_to_serve(co), steps=4)
    >>> out["holds_at_calibrated"], out["break_even"] > out["calibrated"]
    (True, True)
    """
    row = _check_claim(claim)
    at = claim_margin(claim, company, pnl, seed=seed)
    values = np.linspace(row["low"], row["high"], int(grid))
    margins = np.array([claim_margin(claim, company, pnl, value=v, seed=seed) for v in values])
    flips = [i for i in range(len(values) - 1) if (margins[i] > 0) != (margins[i + 1] > 0)]
    found = None
    if flips:
        i = min(flips, key=lambda j: abs((values[j] + values[j + 1]) / 2 - row["calibrated"]))
        lo, hi, m_lo = values[i], values[i + 1], margins[i]
        for _ in range(int(steps)):
            mid = (lo + hi) / 2
            m = claim_margin(claim, company, pnl, value=mid, seed=seed)
            if (m > 0) == (m_lo > 0):
                lo, m_lo = mid, m
            else:
                hi = mid
        found = float((lo + hi) / 2)
    return {"claim": claim, "statement": row["statement"], "parameter": row["parameter"],
            "calibrated": float(row["calibrated"]), "margin_at_calibrated": at, "holds_at_calibrated": bool(at > 0),
            "break_even": found}
