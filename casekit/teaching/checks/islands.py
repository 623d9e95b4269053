"""Checks for the exercises of notebook 02 (islands of profit)."""

from __future__ import annotations

from casekit.analysis.profitability import segment_customers, segment_summary, whale_curve
from casekit.teaching.checks import Feedback, compare_number

__all__ = ["check_loss_share", "check_peak_profit_share"]


def check_loss_share(answer, pnl) -> Feedback:
    """Check the percent of customers losing money (0.35 is read as 35 %).

    Parameters
    ----------
    answer : float
        The student's answer, in percent or as a fraction.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.

    Returns
    -------
    Feedback
        Correct within 0.5 percentage point of
        ``whale_curve(pnl).attrs["loss_share"]``.  ``expected`` is the percent.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> share = 100 * (ck.profit_by(pnl)["net_profit"] < 0).mean()
    >>> bool(check_loss_share(share, pnl)), bool(check_loss_share(share / 100, pnl))
    (True, True)
    >>> "complement" in check_loss_share(100 - share, pnl).message
    True
    """
    expected = whale_curve(pnl).attrs["loss_share"]
    return compare_number(answer, expected, what="Share of customers losing money", unit="%", percent=True,
                          abs_tol=0.5, tol=0,
                          hint="roll the P&L up with ck.profit_by(pnl) and take the mean of "
                               "(net_profit < 0), times 100.")


def check_peak_profit_share(answer, pnl, *, revenue_cut=None, profit_cut=0.0) -> Feedback:
    """Check the percent of total net profit earned by the Profit Peaks at the given cut-offs.

    Parameters
    ----------
    answer : float
        The student's answer, in percent or as a fraction.
    pnl : pandas.DataFrame
        The line P&L from ``ck.cost_to_serve(company)``.
    revenue_cut : float, optional
        Revenue cut-off of :func:`casekit.segment_customers` (its default
        when omitted).
    profit_cut : float, default=0.0
        Net-profit cut-off.

    Returns
    -------
    Feedback
        Correct within 0.5 percentage point; a wrong answer that is the Peaks'
        share of customers is told so.  ``expected`` is the percent.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> seg = ck.segment_customers(pnl)
    >>> peaks = seg[seg["segment"] == "Profit Peak"]
    >>> right = 100 * peaks["net_profit"].sum() / seg["net_profit"].sum()
    >>> bool(check_peak_profit_share(right, pnl))
    True
    >>> fb = check_peak_profit_share(100 * len(peaks) / len(seg), pnl)
    >>> bool(fb), "share of customers" in fb.message
    (False, True)
    """
    summary = segment_summary(segment_customers(pnl, revenue_cut=revenue_cut, profit_cut=profit_cut))
    expected = float(summary.set_index("segment").loc["Profit Peak", "share_of_profit"])
    fb = compare_number(answer, expected, what="Profit Peaks' share of profit", unit="%", percent=True,
                        abs_tol=0.5, tol=0,
                        hint="segment with ck.segment_customers(pnl), add up net_profit of the "
                             "'Profit Peak' rows and divide by the total net profit of all customers.")
    if not fb.correct and isinstance(answer, (int, float)) and 0 < answer <= 100:
        if abs(answer - float(summary.set_index("segment").loc["Profit Peak", "share_of_customers"])) < 0.5:
            fb.message += " That is the Peaks' share of customers, not of profit."
    return fb
