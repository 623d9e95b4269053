"""Checks for the exercises of notebook 07 (the natural alliance of sales and operations)."""

from __future__ import annotations

import casekit.models.account_development as ad
from casekit.models.alignment import ALIGNMENT_ASSUMPTIONS, MOVES, account_moves, compare_alignment
from casekit.models.assumptions import with_values
from casekit.teaching.checks import Feedback, close, compare_number

__all__ = ["REDESIGN_SAVING_FACTOR", "WITHDRAWABLE_LOCK_IN", "COORDINATION_FACTOR", "check_best_move",
           "check_ops_early_gain", "check_shared_pnl_change"]




REDESIGN_SAVING_FACTOR = 0.5
"""Exercise 1's what-if: the joint redesign saves this share of what the model assumes (``redesign_saving``)."""

WITHDRAWABLE_LOCK_IN = 0.0
"""Exercise 2's what-if: the share of sales-first promises that cannot be withdrawn (the model assumes more)."""

COORDINATION_FACTOR = 3.0
"""Exercise 3's what-if: one account P&L costs this many times the model's ``coordination_cost``."""


def _moves(company, pnl, customer_id, factor):
    saving = float(ALIGNMENT_ASSUMPTIONS.loc["redesign_saving", "value"]) * factor
    table = with_values(ALIGNMENT_ASSUMPTIONS, redesign_saving=saving)
    return account_moves(company, pnl, customer_id=customer_id, assumptions=table).set_index("move")


def check_best_move(answer, *, company, pnl, customer_id, factor: float = REDESIGN_SAVING_FACTOR) -> Feedback:
    """Check the move that raises the account's net profit most if the joint redesign saved less (I8).

    The what-if multiplies ``redesign_saving`` of
    :data:`casekit.models.alignment.ALIGNMENT_ASSUMPTIONS` by ``factor`` and
    reruns :func:`casekit.models.alignment.account_moves`; the answer is the
    move of :data:`casekit.models.alignment.MOVES` with the largest
    ``d_net_profit`` ("as is" when every move loses).

    Parameters
    ----------
    answer : str
        The move's name (case and spaces are ignored).
    company : Company
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    customer_id : str
        The account whose moves are compared.
    factor : float, default=REDESIGN_SAVING_FACTOR

    Returns
    -------
    Feedback
        Correct when ``answer`` is that move.  A wrong answer is told which
        lens picks it (sales' revenue, operations' cost per case, the model's
        own assumption) and given a hint; never the move.  ``expected`` is
        None, so the answer cannot be read off the feedback.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> best = _moves(co, pnl, "C0005", REDESIGN_SAVING_FACTOR)["d_net_profit"].idxmax()
    >>> bool(check_best_move(best.replace("_", " ").upper(), company=co, pnl=pnl, customer_id="C0005"))
    True
    >>> "not a move" in check_best_move("price", company=co, pnl=pnl, customer_id="C0005").message
    True
    """
    moves = _moves(company, pnl, customer_id, factor)
    best = str(moves["d_net_profit"].idxmax())
    what = f"Best move for {customer_id} if the redesign saved {factor:g} of what the model assumes"
    if not isinstance(answer, str):
        return Feedback(False, f"{what}: expected a move's name as a string, one of {MOVES}; got {answer!r}.")
    name = answer.strip().lower().replace(" ", "_")
    name = "as is" if name == "as_is" else name
    if name not in moves.index:
        return Feedback(False, f"{what}: {answer!r} is not a move; choose one of {MOVES}.")
    if name == best:
        return Feedback(True, f"{what}: {name} is right. Now say whether you would still back it, and why.", best)
    hint = ("Hint: pass account_moves(..., assumptions=...) a copy of ALIGNMENT_ASSUMPTIONS with redesign_saving "
            "changed (with_values does it) and compare d_net_profit, the account's bottom line.")
    calibrated = str(_moves(company, pnl, customer_id, 1.0)["d_net_profit"].idxmax())
    r = moves.loc[name]
    if name == calibrated:
        why = "that is the best move at the model's own assumption; the question changes what the redesign saves."
    elif r["helps_sales"] and not r["helps_company"]:
        why = "that is sales' lens: revenue rises, but the account's net profit does not."
    elif r["helps_operations"]:
        why = "cost per case falls, but a lower cost per case is not the largest gain in profit here."
    else:
        why = "another move raises the account's net profit more."
    return Feedback(False, f"{what}: not {name}: {why} {hint}")


def _paths(company, pnl, customer_id, seed, **values):
    table = with_values(ad.ACCOUNT_ASSUMPTIONS, **values)
    return ad.account_paths(company, pnl, customer_id=customer_id, seed=seed, assumptions=table)


def check_ops_early_gain(answer, *, company, pnl, customer_id, lock_in: float = WITHDRAWABLE_LOCK_IN,
                         seed=None) -> Feedback:
    """Check how many $ more profit operations early earns you than sales first if promises could be withdrawn (I9).

    The what-if sets ``lock_in`` of
    :data:`casekit.models.account_development.ACCOUNT_ASSUMPTIONS` (the share
    of the sales-first promises that cannot be withdrawn when operations
    arrives) to ``lock_in`` and reruns
    :func:`casekit.models.account_development.account_paths`.

    Parameters
    ----------
    answer : float
        The student's answer in $: total ``your_profit`` of "operations
        early" minus that of "sales first, supply chain last", in the what-if.
    company : Company
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    customer_id : str
        The account whose paths are compared.
    lock_in : float, default=WITHDRAWABLE_LOCK_IN
    seed : int or None, default=None
        Seed of :func:`~casekit.models.account_development.account_paths`.

    Returns
    -------
    Feedback
        Correct within 1 %; a wrong answer is told when it is the gain at the
        model's own lock-in (the one on screen), the customer's gain, the last
        quarter only, the gain before the project cost, the revenue gain or
        the operations-early total; never the gain.  ``expected`` is the gain
        in $ (negative when sales first earns more).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> totals = ad.path_totals(_paths(co, pnl, "C0001", None, lock_in=WITHDRAWABLE_LOCK_IN))["your_profit"]
    >>> gain = totals[ad.PATHS[1]] - totals[ad.PATHS[0]]
    >>> bool(check_ops_early_gain(gain, company=co, pnl=pnl, customer_id="C0001"))
    True
    >>> fb = check_ops_early_gain("lots", company=co, pnl=pnl, customer_id="C0001")
    >>> bool(fb), "number" in fb.message
    (False, True)
    """
    paths = _paths(company, pnl, customer_id, seed, lock_in=lock_in)
    t = ad.path_totals(paths)
    late, early = t.loc[ad.PATHS[0]], t.loc[ad.PATHS[1]]
    expected = float(early["your_profit"] - late["your_profit"])
    fb = compare_number(answer, expected, what=f"Extra profit from operations early if lock_in were {lock_in:g}",
                        unit=" $", tol=0.01,
                        hint=f"rerun account_paths(company, pnl, customer_id=..., assumptions=...) with a copy of "
                             f"ACCOUNT_ASSUMPTIONS where lock_in is {lock_in:g} (with_values does it), sum "
                             "your_profit over the quarters of each path, then subtract sales first from "
                             "operations early.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    on_screen = ad.path_totals(_paths(company, pnl, customer_id, seed))["your_profit"]
    by = paths.sort_values("quarter").groupby("path", observed=True)
    last = by["your_profit"].last()
    gm_cts = by["your_gross_margin"].sum() - by["your_cost_to_serve"].sum()
    if close(answer, on_screen[ad.PATHS[1]] - on_screen[ad.PATHS[0]], abs_tol=1.0):
        fb.message += (" That is the gain at the model's own lock-in, the one on screen; the question lets the "
                       "promises be withdrawn, so the sales-first path changes.")
    elif close(answer, early["customer_profit"] - late["customer_profit"], abs_tol=1.0):
        fb.message += " That is the gain in the customer's profit; the question asks about yours (your_profit)."
    elif close(answer, last[ad.PATHS[1]] - last[ad.PATHS[0]], abs_tol=1.0):
        fb.message += " You compared the last quarter only; add up every quarter of the horizon."
    elif close(answer, gm_cts[ad.PATHS[1]] - gm_cts[ad.PATHS[0]], abs_tol=1.0):
        fb.message += (" You left out the operations project cost (set-ups and the team's time); your_profit "
                       "already subtracts it.")
    elif close(answer, early["your_revenue"] - late["your_revenue"], abs_tol=1.0):
        fb.message += " That is the extra revenue; profit also counts margin, cost to serve and the project."
    elif close(answer, early["your_profit"], abs_tol=1.0):
        fb.message += " That is the operations-early total itself; subtract the sales-first total."
    return fb


def check_shared_pnl_change(answer, *, company, pnl, factor: float = COORDINATION_FACTOR) -> Feedback:
    """Check the change in profit ($) against today of running one account P&L that costs more to coordinate (I13).

    The what-if multiplies ``coordination_cost`` of
    :data:`casekit.models.alignment.ALIGNMENT_ASSUMPTIONS` by ``factor`` and
    reruns :func:`casekit.models.alignment.compare_alignment`; the answer is
    the profit of "shared account P&L" less that of "today".

    Parameters
    ----------
    answer : float
        The student's answer in $ (a fall is negative).
    company : Company
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    factor : float, default=COORDINATION_FACTOR

    Returns
    -------
    Feedback
        Correct within 1 %.  A wrong answer is told when nothing was changed,
        when it compares with the silos instead of today, or gives the shared
        P&L's profit itself; never the change.  ``expected`` is the change.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> p = _board(co, pnl, COORDINATION_FACTOR)["profit"]
    >>> bool(check_shared_pnl_change(p["shared account P&L"] - p["today"], company=co, pnl=pnl))
    True
    >>> fb = check_shared_pnl_change(p["shared account P&L"] - p["each function on its own metric"], company=co,
    ...                              pnl=pnl)
    >>> bool(fb), "silos" in fb.message
    (False, True)
    """
    b = _board(company, pnl, factor)
    p = b["profit"]
    expected = float(p["shared account P&L"] - p["today"])
    fb = compare_number(answer, expected, what="Change in profit on one account P&L, against today", unit=" $",
                        tol=0.01, abs_tol=1.0,
                        hint=f"pass compare_alignment(company, pnl, assumptions=...) a copy of ALIGNMENT_ASSUMPTIONS "
                             f"with coordination_cost multiplied by {factor:g} (with_values does it), then take the "
                             "profit of 'shared account P&L' less that of 'today'.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    base = _board(company, pnl, 1.0)["profit"]
    if close(answer, p["shared account P&L"] - p["each function on its own metric"], abs_tol=1.0):
        fb.message += " You compared with the silos; the question's base is today."
    elif close(answer, base["shared account P&L"] - base["today"], abs_tol=1.0):
        fb.message += (" That is the change at the model's own coordination cost, the one on screen; the question "
                       "raises it.")
    elif close(answer, p["shared account P&L"], abs_tol=1.0):
        fb.message += " That is the shared P&L's profit itself; subtract today's."
    return fb


def _board(company, pnl, factor):
    cost = float(ALIGNMENT_ASSUMPTIONS.loc["coordination_cost", "value"]) * factor
    table = with_values(ALIGNMENT_ASSUMPTIONS, coordination_cost=cost)
    return compare_alignment(company, pnl, assumptions=table).set_index("scenario")
