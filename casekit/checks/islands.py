"""Checks for the exercises of notebook 02 (islands of profit)."""

from __future__ import annotations

from casekit.checks import Feedback, compare_number
from casekit.profitability import segment_customers, segment_summary, whale_curve

__all__ = ["check_loss_share", "check_peak_profit_share"]


def check_loss_share(answer, pnl) -> Feedback:
    """Check the percent of customers losing money (0.35 is read as 35 %)."""
    expected = whale_curve(pnl).attrs["loss_share"]
    return compare_number(answer, expected, what="Share of customers losing money", unit="%", percent=True,
                          abs_tol=0.5, tol=0,
                          hint="roll the P&L up with ck.profit_by(pnl) and take the mean of "
                               "(net_profit < 0), times 100.")


def check_peak_profit_share(answer, pnl, *, revenue_cut=None, profit_cut=0.0) -> Feedback:
    """Check the percent of total net profit earned by the Profit Peaks at the given cut-offs."""
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
