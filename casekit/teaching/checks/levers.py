"""Checks for the exercises of notebook 04 (revenue that fits, levers, dropping an account)."""

from __future__ import annotations

from casekit.models.dropping import AVOIDABLE_SHARE, drop_account
from casekit.models.revenue_fit import same_revenue_comparison
from casekit.teaching.checks import Feedback, close, compare_number

__all__ = ["LEAN_CAPACITY", "SMALLER_TARGET", "check_drop_profit_change", "check_ops_cost_gap"]

LEAN_CAPACITY = {"picking": 1.0, "delivery": 1.0}
"""Exercise 1's what-if: the warehouse crew and the trucks go with the account (the model keeps part of them)."""

SMALLER_TARGET = 0.5
"""Exercise 2's what-if: each book meets this share of the revenue target the notebook's books meet."""


def check_drop_profit_change(answer, *, pnl, customer_id, avoidable=None) -> Feedback:
    """Check the change in company profit ($) if one account were dropped and lean capacity went with it.

    The what-if starts from :data:`casekit.models.dropping.AVOIDABLE_SHARE`
    and makes the activities of ``avoidable`` (:data:`LEAN_CAPACITY` by
    default: picking and delivery) avoidable in those shares.

    Parameters
    ----------
    answer : float
        The student's answer in $ (negative = profit falls).
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    customer_id : str
        The account dropped.
    avoidable : dict, optional
        Activity -> avoidable share that replaces the model's; defaults to
        :data:`LEAN_CAPACITY`.

    Returns
    -------
    Feedback
        Correct within 1 % of ``profit_change_if_dropped``; a wrong answer is
        told when it uses the model's own shares (the figure on screen), the
        allocated view, saves no cost, is the avoidable cost alone, has its
        sign flipped or subtracts revenue; never the change.  ``expected``
        is the change in $.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=3, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> d = drop_account(pnl, "C0001", avoidable={**AVOIDABLE_SHARE, **LEAN_CAPACITY}).attrs
    >>> bool(check_drop_profit_change(d["profit_change_if_dropped"], pnl=pnl, customer_id="C0001"))
    True
    >>> fb = check_drop_profit_change(-d["net_profit"], pnl=pnl, customer_id="C0001")
    >>> bool(fb), "allocated view" in fb.message
    (False, True)
    """
    shares = {**AVOIDABLE_SHARE, **(LEAN_CAPACITY if avoidable is None else avoidable)}
    d = drop_account(pnl, customer_id, avoidable=shares).attrs
    expected = d["profit_change_if_dropped"]
    changed = ", ".join(f"{k} {v:g}" for k, v in shares.items() if v != AVOIDABLE_SHARE.get(k))
    fb = compare_number(answer, expected, what=f"Change in company profit if {customer_id} is dropped ({changed} "
                                               "avoidable)", unit=" $", tol=0.01,
                        hint="pass drop_account(pnl, customer_id, avoidable=...) a copy of AVOIDABLE_SHARE with "
                             "those shares changed ({**AVOIDABLE_SHARE, **LEAN_CAPACITY}): the company loses the "
                             "account's gross margin and saves only the avoidable cost.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    shown = drop_account(pnl, customer_id).attrs["profit_change_if_dropped"]
    if close(answer, shown, abs_tol=1.0):
        fb.message += (" That is the change at the model's own avoidable shares, the one on screen; the question "
                       "lets more capacity go with the account.")
    elif close(answer, -d["net_profit"], abs_tol=1.0):
        fb.message += (" You assumed every allocated dollar of cost to serve disappears with the account (the "
                       "allocated view). Shared capacity stays: count only the avoidable cost.")
    elif close(answer, -d["gross_margin"], abs_tol=1.0):
        fb.message += " You counted the margin lost but no cost saved; some cost (e.g. trade promotion) does go away."
    elif close(answer, d["avoidable_cost"], abs_tol=1.0):
        fb.message += " That is the avoidable cost alone; the company also loses the account's gross margin."
    elif close(answer, -expected, abs_tol=1.0):
        fb.message += " The sign is flipped: a negative answer means company profit falls."
    elif close(answer, d["allocated_cost"] - d["revenue"], abs_tol=1.0):
        fb.message += " You subtracted revenue; cost of goods goes away too, so subtract gross margin."
    return fb


def check_ops_cost_gap(answer, *, fit, target_share: float = SMALLER_TARGET) -> Feedback:
    """Check how much higher (%) operations cost per case is for the poorly-fitting book, with a smaller target (I11).

    The what-if reruns :func:`casekit.models.revenue_fit.same_revenue_comparison`
    with ``target_revenue`` set to ``target_share`` of the revenue its
    default books meet.

    Parameters
    ----------
    answer : float
        The student's answer in percent (a fraction such as 3.2 for 320 % is
        accepted).
    fit : pandas.DataFrame
        The frame from :func:`casekit.models.revenue_fit.revenue_fit`.
    target_share : float, default=SMALLER_TARGET
        Each book's revenue as a share of the default books' revenue.

    Returns
    -------
    Feedback
        Correct within 2 %; a wrong answer is told when it is the gap at the
        default target (the one on screen), the ratio, uses the wrong base,
        compares cost as a share of revenue, or is the gap in $ per case;
        never the gap.  ``expected`` is the percent.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.revenue_fit import revenue_fit
    >>> fit = revenue_fit(pnl, co)
    >>> target = same_revenue_comparison(fit)["revenue"].iloc[0] * SMALLER_TARGET
    >>> cost = same_revenue_comparison(fit, target_revenue=target).set_index("book")["ops_cost_per_case"]
    >>> ratio = cost["poorly-fitting"] / cost["well-fitting"]
    >>> bool(check_ops_cost_gap((ratio - 1) * 100, fit=fit))
    True
    >>> fb = check_ops_cost_gap(ratio, fit=fit)
    >>> bool(fb), "ratio" in fb.message
    (False, True)
    """
    shown = same_revenue_comparison(fit).set_index("book")
    target = float(shown["revenue"].iloc[0]) * target_share
    c = same_revenue_comparison(fit, target_revenue=target).set_index("book")
    well, poor = c.loc["well-fitting"], c.loc["poorly-fitting"]
    expected = (poor["ops_cost_per_case"] / well["ops_cost_per_case"] - 1) * 100
    fb = compare_number(answer, expected, what=f"Extra operations cost per case of the poorly-fitting book at "
                                               f"{target_share:g} of the target", unit="%", tol=0.02, percent=True,
                        hint=f"rerun same_revenue_comparison(fit, target_revenue=...) with {target_share:g} x the "
                             "books' revenue, then (poorly-fitting ops_cost_per_case / well-fitting "
                             "ops_cost_per_case - 1) x 100.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    if close(answer * 100, expected, rel_tol=0.02, abs_tol=0.0):  # a fraction above 1 (3.2 for 320 %)
        return Feedback(True, f"Extra operations cost per case: {answer} read as {answer * 100:.1f}% is right.",
                        expected)
    ratio = poor["ops_cost_per_case"] / well["ops_cost_per_case"]
    on_screen = (shown.loc["poorly-fitting", "ops_cost_per_case"] / shown.loc["well-fitting", "ops_cost_per_case"]
                 - 1) * 100
    if any(close(a, on_screen, rel_tol=0.02, abs_tol=0.0) for a in (answer, answer * 100)):
        fb.message += (" That is the gap at the books' own target, the one on screen; with a smaller target each "
                       "book keeps only its most extreme accounts.")
    elif close(answer, ratio, rel_tol=0.02, abs_tol=0.0):
        fb.message += f" {answer} is the ratio of the two costs; subtract 1 and multiply by 100 for the % increase."
    elif close(answer, (1 - well["ops_cost_per_case"] / poor["ops_cost_per_case"]) * 100, rel_tol=0.02, abs_tol=0.0):
        fb.message += " You divided by the poorly-fitting cost; the base of 'how much higher' is the well-fitting book."
    elif close(answer, (poor["ops_cost_pct_of_revenue"] / well["ops_cost_pct_of_revenue"] - 1) * 100,
               rel_tol=0.02, abs_tol=0.0):
        fb.message += " You compared cost as a share of revenue; the question is per case."
    elif close(answer, poor["ops_cost_per_case"] - well["ops_cost_per_case"], rel_tol=0.02, abs_tol=0.0):
        fb.message += " That is the gap in $ per case; the question asks for a percent."
    return fb
