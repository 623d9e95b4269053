"""Checks for the exercises of notebook 08 (driving the boat: incentive design, I15)."""

from __future__ import annotations

import casekit.models.incentives as inc
from casekit.teaching.checks import Feedback, close, compare_number

__all__ = ["check_plan", "check_gate_share"]




def _dollars(x: float) -> str:
    return f"-${abs(x):,.0f}" if x < 0 else f"${x:,.0f}"


def check_plan(plan, *, company, pnl, seed=0) -> Feedback:
    """Check a student's bonus plan: it must beat the status quo and business as usual on profit.

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
        Correct when the plan's company profit beats both the status quo
        plan and business as usual; otherwise hints name the pushes the plan
        rewards.  ``expected`` is the profit to beat ($).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> import casekit.models.incentives as inc
    >>> bool(check_plan(inc.ALIGNED_PLAN, company=co, pnl=pnl, seed=0))
    True
    >>> fb = check_plan(inc.STATUS_QUO_PLAN, company=co, pnl=pnl, seed=0)
    >>> bool(fb), "Hint" in fb.message
    (False, True)
    """
    if not isinstance(plan, inc.BonusPlan):
        return Feedback(False, "Your plan: expected a BonusPlan, e.g. inc.BonusPlan({'net_profit': 1}, "
                               f"max_objectives=3); got {type(plan).__name__}.")
    board = inc.compare_plans([inc.STATUS_QUO_PLAN, plan], company, pnl, seed=seed)
    bau, sq, mine = board.iloc[0], board.iloc[1], board.iloc[2]
    target = max(bau["profit"], sq["profit"])
    pushes = ", ".join(f"{p} ({int(mine[f'reps_{p}'])} reps)" for p in inc.PUSHES if mine[f"reps_{p}"] > 0) \
        or "nothing"
    summary = (f"profit {_dollars(mine['profit'])} vs {_dollars(sq['profit'])} (status quo) and "
               f"{_dollars(bau['profit'])} (business as usual); the reps pushed {pushes}.")
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
    if mine["skus"] >= sq["skus"]:
        hints.append(f"your cap lets all {int(mine['n_objectives'])} launch objectives through, so every launch "
                     "and its complexity stays; lower the cap")
    if not hints:
        hints.append("the reps barely move; give more weight to metrics a push can improve (net profit, fit)")
    return Feedback(False, f"Your plan does not beat both: {summary} Hint: " + "; ".join(hints) + ".", target)


def check_gate_share(answer, *, board) -> Feedback:
    """Check the share (%) of the aligned plan's profit gain over the status quo that comes from lower complexity.

    Parameters
    ----------
    answer : float
        The student's answer, in percent or as a fraction.
    board : pandas.DataFrame
        The frame from :func:`casekit.models.incentives.compare_plans` with the plans
        "status quo" and "aligned" (columns ``plan``, ``profit``,
        ``complexity_cost``, ``net_profit``).

    Returns
    -------
    Feedback
        Correct within 2 %; a wrong answer is told when it divides by the whole
        profit or by the net-profit gain, is in dollars, or compares with
        business as usual.  ``expected`` is the share in percent.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> import casekit.models.incentives as inc
    >>> board = inc.compare_plans([inc.STATUS_QUO_PLAN, inc.ALIGNED_PLAN], co, pnl, seed=0)
    >>> b = board.set_index("plan")
    >>> saved = b.loc["status quo", "complexity_cost"] - b.loc["aligned", "complexity_cost"]
    >>> gain = b.loc["aligned", "profit"] - b.loc["status quo", "profit"]
    >>> bool(check_gate_share(100 * saved / gain, board=board))
    True
    >>> bool(check_gate_share(saved, board=board))
    False
    """
    b = board.set_index("plan")
    sq, al = b.loc["status quo"], b.loc["aligned"]
    gain = al["profit"] - sq["profit"]
    saved = sq["complexity_cost"] - al["complexity_cost"]
    expected = 100 * saved / gain
    fb = compare_number(answer, expected, what="Share of the profit gain from the launch gate", unit="%",
                        tol=0.02, abs_tol=0.2, percent=True,
                        hint="(status quo complexity_cost - aligned complexity_cost) / (aligned profit - status quo "
                             "profit) x 100.")
    if fb.correct or not isinstance(answer, (int, float)):
        return fb
    if close(answer, 100 * saved / al["profit"], rel_tol=0.02, abs_tol=0.1):
        fb.message += " You divided by the aligned plan's whole profit; the base is the gain over the status quo."
    elif close(answer, 100 * saved / (al["net_profit"] - sq["net_profit"]), rel_tol=0.02, abs_tol=0.1):
        fb.message += " You divided by the gain in net profit before complexity; use profit after complexity."
    elif close(answer, saved / 1.0, rel_tol=0.01, abs_tol=1.0):
        fb.message += " That is the complexity saving in dollars; divide it by the profit gain."
    elif "business as usual" in b.index and close(
            answer, 100 * (b.loc["business as usual", "complexity_cost"] - al["complexity_cost"])
            / (al["profit"] - b.loc["business as usual", "profit"]), rel_tol=0.02, abs_tol=0.1):
        fb.message += " You compared with business as usual; the question compares with the status quo plan."
    return fb
