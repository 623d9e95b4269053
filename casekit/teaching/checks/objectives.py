"""Checks for the exercises of notebook 06 (fifteen objectives)."""

from __future__ import annotations

from casekit.models.assumptions import with_values
from casekit.models.bonus_plan import SIM_SEED
from casekit.models.objectives import OBJECTIVE_ASSUMPTIONS
from casekit.models.rep_choices import rep_game, simulate_reps
from casekit.teaching.checks import Feedback, close, compare_number

__all__ = ["OPEN_BUYERS_APPETITE", "FIRST_CASE_THRESHOLD", "check_appetite_profit_change",
           "check_bonus_cost_to_company"]


OPEN_BUYERS_APPETITE = 2.0
"""Exercise 1's what-if: buyers who take this many new items a quarter (the model assumes fewer)."""

FIRST_CASE_THRESHOLD = 0.0
"""Exercise 3's what-if: the bonus pays from this attainment, i.e. from the first case (the model pays from more)."""


def _plan_profit(plan, company, pnl, seed, **values) -> tuple[float, float]:
    """Profit and revenue on the plan when the reps choose as in the notebook, with some assumptions changed."""
    s = simulate_reps(plan, company, pnl, seed=seed,
                      assumptions=with_values(OBJECTIVE_ASSUMPTIONS, **values)).summary.iloc[0]
    return float(s["profit"]), float(s["revenue"])


def check_appetite_profit_change(answer, plan, company, pnl, *, appetite: float = OPEN_BUYERS_APPETITE,
                                 seed: int = SIM_SEED) -> Feedback:
    """Check the change in profit on the plan ($) if buyers took ``appetite`` new items a quarter.

    The what-if reruns :func:`casekit.models.rep_choices.simulate_reps` with
    the same plan and seed and ``customer_appetite`` set to ``appetite``; the
    reps choose again how many objectives to work.  The answer is the new
    ``profit`` of the summary less today's (a fall is negative).

    Parameters
    ----------
    answer : float
        The student's answer in $.
    plan : pandas.DataFrame
        The bonus plan from :func:`casekit.models.objectives.bonus_plan`.
    company : Company
        The company the reps sell for.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    appetite : float, default=OPEN_BUYERS_APPETITE
        New items an account takes a quarter in the what-if.
    seed : int, default=SIM_SEED
        Seed of :func:`casekit.models.rep_choices.simulate_reps`.

    Returns
    -------
    Feedback
        Correct within 1 % (or $1).  A wrong answer is told when nothing was
        changed, when it is the new profit rather than the change, or the
        change in revenue; never the change itself.  ``expected`` is the
        change in $.

    Examples
    --------
    >>> import casekit as ck
    >>> from casekit.models.objectives import bonus_plan
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> plan = bonus_plan(co, n_objectives=5, seed=0)
    >>> today, _ = _plan_profit(plan, co, pnl, 0)
    >>> after, _ = _plan_profit(plan, co, pnl, 0, customer_appetite=2)
    >>> bool(check_appetite_profit_change(after - today, plan, co, pnl, seed=0))
    True
    """
    today, revenue = _plan_profit(plan, company, pnl, seed)
    after, revenue_after = _plan_profit(plan, company, pnl, seed, customer_appetite=appetite)
    expected = after - today
    fb = compare_number(answer, expected, what="Change in profit on the plan", unit=" $", tol=0.01, abs_tol=1.0,
                        hint=f"rerun simulate_reps(plan, company, pnl, seed={seed}, assumptions=...) with "
                             f"customer_appetite={appetite:g} (with_values(OBJECTIVE_ASSUMPTIONS, ...)) and "
                             "subtract today's profit on the plan from the new one.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    if close(answer, 0.0, abs_tol=1.0):
        fb.message += (" You compared the simulation with itself: pass the changed table as assumptions=, or "
                       "the reps still face today's buyers.")
    elif close(answer, after, abs_tol=1.0):
        fb.message += " That is the profit on the plan with open buyers; subtract today's profit."
    elif close(answer, revenue_after - revenue, abs_tol=1.0):
        fb.message += (" That is the change in revenue; profit also pays for the cost to serve, the listings "
                       "and the complexity of what the reps sell.")
    return fb


def _game(plan, company, pnl, rep_id, picks, seed, **values):
    table = with_values(OBJECTIVE_ASSUMPTIONS, **values)
    return rep_game(plan, company, pnl, rep_id=rep_id, picks=picks, seed=seed, assumptions=table).set_index("choice")


def check_bonus_cost_to_company(answer, plan, company, pnl, *, rep_id: str, k: int = 3, seed: int = SIM_SEED,
                                threshold: float = FIRST_CASE_THRESHOLD) -> Feedback:
    """Check the profit a rep's bonus-best picks cost the company if the bonus paid from the first case.

    The what-if reruns :func:`casekit.models.rep_choices.rep_game` with
    ``bonus_threshold`` of :data:`casekit.models.objectives.OBJECTIVE_ASSUMPTIONS`
    set to ``threshold``.  The answer is ``company_profit`` of "best for the
    company" minus that of "best for your bonus" (>= 0).

    Parameters
    ----------
    answer : float
        The student's answer in $.
    plan : pandas.DataFrame
        The bonus plan from :func:`casekit.models.objectives.bonus_plan`; its first
        ``k`` objectives are the rep's picks (the picks do not change the two best rows).
    company : Company
        The company the reps sell for.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    rep_id : str
        The rep, e.g. "R01".
    k : int, default=3
        Number of picks.
    seed : int, default=SIM_SEED
        Seed of :func:`casekit.models.rep_choices.rep_game`.
    threshold : float, default=FIRST_CASE_THRESHOLD
        Attainment from which the bonus pays, in the what-if.

    Returns
    -------
    Feedback
        Correct within 1 % (or $1).  A wrong answer is told when it is the
        gap at the model's own threshold (the one the game shows), the bonus
        difference, the profit of one choice rather than the gap, or has its
        sign flipped; never the gap itself.  ``expected`` is the profit given up in $.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.objectives import bonus_plan
    >>> plan = bonus_plan(co, n_objectives=5, seed=0)
    >>> picks = plan["objective_id"].astype(str).tolist()[:3]
    >>> game = _game(plan, co, pnl, "R01", picks, 0, bonus_threshold=FIRST_CASE_THRESHOLD)
    >>> given_up = (game.loc["best for the company", "company_profit"]
    ...             - game.loc["best for your bonus", "company_profit"])
    >>> bool(check_bonus_cost_to_company(given_up, plan, co, pnl, rep_id="R01", seed=0))
    True
    >>> bool(given_up >= 0)
    True
    """
    ids = plan["objective_id"].astype(str).tolist()[:k]
    game = _game(plan, company, pnl, rep_id, ids, seed, bonus_threshold=threshold)
    profit = game["company_profit"]
    expected = float(profit["best for the company"] - profit["best for your bonus"])
    fb = compare_number(answer, expected, what=f"Company profit {rep_id} gives up if the bonus paid from "
                                               f"{threshold:g} attainment", unit=" $", tol=0.01, abs_tol=1.0,
                        hint=f"call rep_game(plan, company, pnl, rep_id={rep_id!r}, picks=..., seed={seed}, "
                             f"assumptions=...) with bonus_threshold={threshold:g} (with_values(OBJECTIVE_ASSUMPTIONS, "
                             "...)) and subtract the company_profit of 'best for your bonus' from that of "
                             "'best for the company'.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    today = _game(plan, company, pnl, rep_id, ids, seed)["company_profit"]
    bonus_gap = float(game.loc["best for your bonus", "bonus"] - game.loc["best for the company", "bonus"])
    if close(answer, today["best for the company"] - today["best for your bonus"], abs_tol=1.0):
        fb.message += (" That is the gap at the model's own threshold, the one the game shows; the question "
                       "pays the bonus from the first case, so the reps' best picks may change.")
    elif close(answer, bonus_gap, abs_tol=1.0):
        fb.message += " That is the bonus difference; the question asks about the company's profit."
    elif close(answer, profit["best for your bonus"], abs_tol=1.0) or close(answer, profit["best for the company"],
                                                                               abs_tol=1.0):
        fb.message += " That is the company's profit on one choice; the question asks for the gap between the two."
    return fb
