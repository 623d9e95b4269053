"""Checks for the exercises of notebook 06 (fifteen objectives)."""

from __future__ import annotations

from casekit.models.bonus_plan import SIM_SEED
from casekit.models.rep_choices import rep_game, simulate_reps
from casekit.teaching.checks import Feedback, as_percent, compare_number

__all__ = ["check_unworked_objectives", "check_delivered_pct", "check_bonus_cost_to_company"]


def _sim(plan, company, pnl, k, seed):
    return simulate_reps(plan, company, pnl, k=k, seed=seed)


def check_unworked_objectives(answer, plan, company, pnl, *, k: int | None = None, seed: int = SIM_SEED) -> Feedback:
    """Check how many of the plan's objectives no rep works.

    Parameters
    ----------
    answer : int
        The student's count.
    plan : pandas.DataFrame
        The bonus plan from :func:`casekit.models.objectives.bonus_plan`.
    company : Company
        The company the reps sell for.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    k : int or None, default=None
        Objectives each rep works; ``None``: each rep chooses (as in the notebook).
    seed : int, default=SIM_SEED
        Seed of :func:`casekit.models.rep_choices.simulate_reps`.

    Returns
    -------
    Feedback
        Correct when the count is exact; a wrong answer is told when it is the
        number worked or a percent.  ``expected`` is the count.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.objectives import bonus_plan
    >>> from casekit.models.rep_choices import simulate_reps
    >>> plan = bonus_plan(co, n_objectives=5, seed=0)
    >>> sim = simulate_reps(plan, co, pnl, seed=0)
    >>> nobody = int((sim.objectives["n_reps"] == 0).sum())
    >>> bool(check_unworked_objectives(nobody, plan, co, pnl, seed=0))
    True
    >>> "expected a number" in check_unworked_objectives("3", plan, co, pnl, seed=0).message
    True
    """
    s = _sim(plan, company, pnl, k, seed).summary.iloc[0]
    expected = float(s["n_objectives"] - s["objectives_worked"])
    fb = compare_number(answer, expected, what="Objectives nobody works", unit=" objectives", tol=0, abs_tol=0.5,
                        hint="in sim.objectives, count the rows whose n_reps is 0.")
    if not fb.correct and isinstance(answer, (int, float)) and not isinstance(answer, bool):
        if abs(answer - s["objectives_worked"]) < 0.5:
            fb.message += " That is the number worked by at least one rep; count the others."
        elif abs(answer - s["objectives_worked_pct"]) < 0.5 or abs(answer - (100 - s["objectives_worked_pct"])) < 0.5:
            fb.message += " Give a count of objectives, not a percent."
    return fb


def check_delivered_pct(answer, plan, company, pnl, *, k: int | None = None, seed: int = SIM_SEED) -> Feedback:
    """Check the percent of the plan's intended cases the reps delivered (0.1 is read as 10 %).

    Parameters
    ----------
    answer : float
        The student's answer, in percent or as a fraction.
    plan : pandas.DataFrame
        The bonus plan from :func:`casekit.models.objectives.bonus_plan`.
    company : Company
        The company the reps sell for.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    k : int or None, default=None
        Objectives each rep works; ``None``: each rep chooses (as in the notebook).
    seed : int, default=SIM_SEED
        Seed of :func:`casekit.models.rep_choices.simulate_reps`.

    Returns
    -------
    Feedback
        Correct within 0.5 percentage point; an average of the objectives'
        ``delivery_pct`` is told to divide the totals instead.  ``expected``
        is the percent.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.objectives import bonus_plan
    >>> from casekit.models.rep_choices import simulate_reps
    >>> plan = bonus_plan(co, n_objectives=5, seed=0)
    >>> sim = simulate_reps(plan, co, pnl, seed=0)
    >>> o = sim.objectives
    >>> pct = 100 * o["delivered_cases"].sum() / o["intended_cases"].sum()
    >>> bool(check_delivered_pct(pct, plan, co, pnl, seed=0))
    True
    >>> bool(check_delivered_pct(pct / 100, plan, co, pnl, seed=0))
    True
    """
    sim = _sim(plan, company, pnl, k, seed)
    expected = float(sim.summary.loc[0, "delivered_pct"])
    fb = compare_number(answer, expected, what="Cases delivered", unit="%", percent=True, tol=0, abs_tol=0.5,
                        hint="add up delivered_cases and intended_cases over sim.objectives and divide the "
                             "first total by the second, times 100.")
    if not fb.correct and isinstance(answer, (int, float)) and not isinstance(answer, bool):
        value, _ = as_percent(answer, expected)
        if abs(value - float(sim.objectives["delivery_pct"].mean())) < 0.5:
            fb.message += (" You averaged the objectives' delivery_pct, so a small objective counts as much "
                           "as a big one; divide the totals instead.")
    return fb


def check_bonus_cost_to_company(answer, plan, company, pnl, *, rep_id: str, k: int = 3,
                                seed: int = SIM_SEED) -> Feedback:
    """Check the company profit a rep gives up by working the picks best for their bonus instead of the company's.

    The answer is ``company_profit`` of "best for the company" minus that of
    "best for your bonus" in :func:`casekit.models.rep_choices.rep_game` (>= 0).

    Parameters
    ----------
    answer : float
        The student's answer in $.
    plan : pandas.DataFrame
        The bonus plan from :func:`casekit.models.objectives.bonus_plan`; its first
        ``k`` objectives are the rep's picks.
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

    Returns
    -------
    Feedback
        Correct within 1 %; a wrong answer equal to the bonus difference is
        told so.  ``expected`` is the profit given up in $.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.objectives import bonus_plan
    >>> plan = bonus_plan(co, n_objectives=5, seed=0)
    >>> picks = plan["objective_id"].astype(str).tolist()[:3]
    >>> game = rep_game(plan, co, pnl, rep_id="R01", picks=picks, seed=0).set_index("choice")
    >>> given_up = (game.loc["best for the company", "company_profit"]
    ...             - game.loc["best for your bonus", "company_profit"])
    >>> bool(check_bonus_cost_to_company(given_up, plan, co, pnl, rep_id="R01", seed=0))
    True
    >>> bool(given_up >= 0)
    True
    """
    ids = plan["objective_id"].astype(str).tolist()[:k]
    game = rep_game(plan, company, pnl, rep_id=rep_id, picks=ids, seed=seed).set_index("choice")
    expected = float(game.loc["best for the company", "company_profit"] - game.loc["best for your bonus",
                                                                                   "company_profit"])
    fb = compare_number(answer, expected, what="Company profit given up", unit=" $", tol=0.01, abs_tol=1.0,
                        hint=f"call rep_game(plan, company, pnl, rep_id={rep_id!r}, picks=..., seed={seed}) and "
                             "subtract the company_profit of 'best for your bonus' from that of "
                             "'best for the company'.")
    if not fb.correct and isinstance(answer, (int, float)) and not isinstance(answer, bool):
        bonus_gap = float(game.loc["best for your bonus", "bonus"] - game.loc["best for the company", "bonus"])
        if abs(answer - bonus_gap) <= max(1.0, 0.01 * abs(bonus_gap)):
            fb.message += " That is the bonus difference; the question asks about the company's profit."
    return fb
