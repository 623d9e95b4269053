"""Checks for the exercises of notebook 08 (driving the boat: incentive design, I15)."""

from __future__ import annotations

import casekit.models.incentives as inc
from casekit.teaching.checks import Feedback, close, compare_number

__all__ = ["check_plan", "check_cap_value"]




def _dollars(x: float) -> str:
    return f"-${abs(x):,.0f}" if x < 0 else f"${x:,.0f}"


def check_plan(plan, *, company, pnl, seed=0) -> Feedback:
    """Check a student's bonus plan: it must beat today's plan and no pushes on profit.

    The feedback says what the reps did under the plan and which part of the
    plan to change.

    Parameters
    ----------
    plan : casekit.models.incentives.BonusPlan
        The student's plan.
    company : Company
        The company the reps sell for.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    seed : int, default=0
        Seed of the reps' simulation (see :func:`casekit.models.incentives.compare_plans`).

    Returns
    -------
    Feedback
        Correct when the plan's company profit beats both today's plan
        and no pushes; otherwise hints name the pushes the plan
        rewards.  ``expected`` is the profit to beat ($).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> import casekit.models.incentives as inc
    >>> bool(check_plan(inc.ALIGNED_PLAN, company=co, pnl=pnl, seed=0))
    True
    >>> fb = check_plan(inc.TODAYS_PLAN, company=co, pnl=pnl, seed=0)
    >>> bool(fb), "Hint" in fb.message
    (False, True)
    """
    if not isinstance(plan, inc.BonusPlan):
        return Feedback(False, "Your plan: expected a BonusPlan, e.g. inc.BonusPlan({'net_profit': 1}, "
                               f"max_objectives=3); got {type(plan).__name__}.")
    board = inc.compare_plans([inc.TODAYS_PLAN, plan], company, pnl, seed=seed)
    no_push, today, mine = board.iloc[0], board.iloc[1], board.iloc[2]
    target = max(no_push["profit"], today["profit"])
    pushes = ", ".join(f"{p} ({int(mine[f'reps_{p}'])} reps)" for p in inc.PUSHES if mine[f"reps_{p}"] > 0) \
        or "nothing"
    summary = (f"profit {_dollars(mine['profit'])} vs {_dollars(today['profit'])} (today's plan) and "
               f"{_dollars(no_push['profit'])} (no pushes); the reps pushed {pushes}.")
    if mine["profit"] > target:
        return Feedback(True, f"Your plan works: {summary}", target)
    w = plan.normalised()
    hints = []
    if mine["reps_deep_deals"] > 0:
        hints.append("reps buy volume with deeper deals: the revenue and gross-margin weights pay for it while the "
                     "allowances land in cost to serve; move weight to net profit")
    if mine["reps_yes_to_service"] > 0:
        hints.append("reps say yes to every rush and extra drop; cost to serve per case or fit would make them "
                     "count that cost")
    if mine["reps_launch_sell_in"] > 0 or w["objectives"] > 0:
        hints.append("the launch objectives pull reps to sell in new items; lower their weight")
    if mine["skus"] >= today["skus"]:
        hints.append(f"your cap lets all {int(mine['n_objectives'])} launch objectives through, so every launch "
                     "and its complexity stays; lower the cap")
    if not hints:
        hints.append("the reps barely move; give more weight to metrics a push can improve (net profit, fit)")
    return Feedback(False, f"Your plan does not beat both: {summary} Hint: " + "; ".join(hints) + ".", target)


def check_cap_value(answer, *, company, pnl, seed=0) -> Feedback:
    """Check what the aligned plan's cap on launch objectives earns ($): its profit less the same plan's uncapped.

    The what-if scores :data:`casekit.models.incentives.ALIGNED_PLAN` and a
    plan with the same weights and ``max_objectives=None`` on one board
    (:func:`casekit.models.incentives.compare_plans`, the same reps).

    Parameters
    ----------
    answer : float
        The student's answer in $ (positive when the cap earns money).
    company : Company
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    seed : int, default=0
        The reps' misjudgements, as notebook 08's board.

    Returns
    -------
    Feedback
        Correct within 1 %.  A wrong answer is told when it is the complexity
        cost saved against today's plan (the scoreboard's accounting, which
        mixes the cap with the change of metrics), the complexity cost alone,
        or the aligned plan's whole gain over today's plan; never the value.
        ``expected`` is the value in $.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> b = _cap_board(co, pnl, 0)
    >>> bool(check_cap_value(b.loc["aligned", "profit"] - b.loc["uncapped", "profit"], company=co, pnl=pnl))
    True
    """
    b = _cap_board(company, pnl, seed)
    al, free, today = b.loc[inc.ALIGNED_PLAN.name], b.loc["uncapped"], b.loc[inc.TODAYS_PLAN.name]
    expected = float(al["profit"] - free["profit"])
    fb = compare_number(answer, expected, what="Profit the cap on objectives earns", unit=" $", tol=0.01, abs_tol=1.0,
                        hint="score inc.ALIGNED_PLAN and inc.BonusPlan(dict(inc.ALIGNED_PLAN.weights), "
                             "max_objectives=None) with compare_plans (same seed) and subtract the uncapped "
                             "plan's profit from the aligned plan's.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    if close(answer, today["complexity_cost"] - al["complexity_cost"], rel_tol=0.01, abs_tol=1.0):
        fb.message += (" That is the complexity cost the aligned plan saves against today's plan: it mixes the cap "
                       "with the change of metrics. Hold the metrics fixed and change only the cap.")
    elif close(answer, free["complexity_cost"] - al["complexity_cost"], rel_tol=0.01, abs_tol=1.0):
        fb.message += (" That is the complexity cost alone; the cap also changes what gets sold and what the "
                       "reps push. Compare profit.")
    elif close(answer, al["profit"] - today["profit"], rel_tol=0.01, abs_tol=1.0):
        fb.message += " That is the aligned plan's whole gain over today's plan; change only the cap."
    return fb


def _cap_board(company, pnl, seed):
    uncapped = inc.BonusPlan(dict(inc.ALIGNED_PLAN.weights), max_objectives=None, name="uncapped")
    return inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN, uncapped], company, pnl, seed=seed).set_index("plan")
