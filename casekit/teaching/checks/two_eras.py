"""Checks for the exercises of notebook 01 (two eras)."""

from __future__ import annotations

from casekit.models.eras import CLASSROOM_SEED, dock_vs_account, era_case, hidden_losers, rank_agreement
from casekit.teaching.checks import Feedback, close, compare_number

__all__ = ["HALFWAY_ERA", "check_rank_agreement", "check_dock_rank_agreement", "check_hidden_losers"]

HALFWAY_ERA = 0.5
"""Exercise 2's what-if: the dial position whose hidden losers the class counts (notebook 01 plots only the ends)."""


def check_rank_agreement(answer, *, era=1.0, seed: int = CLASSROOM_SEED) -> Feedback:
    """Check the Spearman rank agreement of customer revenue and profit at one era.

    Parameters
    ----------
    answer : float
        The student's rank correlation, in [-1, 1].
    era : {"mass", "precision"} or float, default=1.0
        Position of the era dial.
    seed : int, default=CLASSROOM_SEED
        The company's seed.

    Returns
    -------
    Feedback
        Correct within 0.01 of :func:`casekit.models.eras.rank_agreement`; Pearson's
        r on the dollar values is told to rank first.  ``expected`` is rho.

    Examples
    --------
    >>> from casekit.models.eras import era_case, customer_ranks
    >>> _, pnl = era_case(1.0)
    >>> r = customer_ranks(pnl)
    >>> rho = r["revenue"].rank().corr(r["net_profit"].rank())
    >>> bool(check_rank_agreement(rho, era=1.0))
    True
    >>> fb = check_rank_agreement(r["revenue"].corr(r["net_profit"]), era=1.0)
    >>> bool(fb), "Pearson" in fb.message
    (False, True)
    """
    _, pnl = era_case(era, seed=seed)
    expected = rank_agreement(pnl)
    fb = compare_number(answer, expected, what=f"Rank agreement at era {era}", abs_tol=0.01,
                        hint="roll the P&L up to customers with ck.profit_by(pnl), rank revenue and "
                             "net_profit with .rank(), then correlate the two ranks: "
                             "revenue.rank().corr(net_profit.rank()).")
    if not fb.correct and isinstance(answer, (int, float)) and abs(answer) <= 1:
        from casekit.models.eras import customer_ranks
        r = customer_ranks(pnl)
        pearson = float(r["revenue"].corr(r["net_profit"]))
        if abs(answer - pearson) < 0.01:
            fb.message += " You computed Pearson's r on the dollar values; rank them first."
    return fb


def check_dock_rank_agreement(answer, *, era=1.0, seed: int = CLASSROOM_SEED) -> Feedback:
    """Check the rank agreement of customer revenue and profit if every case were charged the dock average.

    Profit at the dock is gross margin less the average cost to serve per
    case times the customer's cases (``profit_dock`` of
    :func:`casekit.models.eras.dock_vs_account`); the answer is Spearman's
    rank correlation of revenue and that profit.

    Parameters
    ----------
    answer : float
        The student's rank correlation, in [-1, 1].
    era : {"mass", "precision"} or float, default=1.0
        Position of the era dial.
    seed : int, default=CLASSROOM_SEED
        The company's seed.

    Returns
    -------
    Feedback
        Correct within 0.01.  A wrong answer is told when it is the rank
        agreement with traced cost (the one on screen) or Pearson's r on the
        dollars; never rho.  ``expected`` is rho.

    Examples
    --------
    >>> from casekit.models.eras import era_case, dock_vs_account
    >>> d = dock_vs_account(era_case(1.0)[1])
    >>> rho = d["revenue"].rank().corr(d["profit_dock"].rank())
    >>> bool(check_dock_rank_agreement(rho))
    True
    >>> fb = check_dock_rank_agreement(rank_agreement(era_case(1.0)[1]))
    >>> bool(fb), "traced" in fb.message
    (False, True)
    """
    _, pnl = era_case(era, seed=seed)
    d = dock_vs_account(pnl)
    expected = float(d["revenue"].rank().corr(d["profit_dock"].rank()))
    fb = compare_number(answer, expected, what=f"Rank agreement at the dock average, era {era}", abs_tol=0.01,
                        hint="charge every customer the average cost to serve per case (total cost to serve / "
                             "total cases) times its cases, take gross margin less that charge, then rank "
                             "revenue and that profit with .rank() and correlate the ranks.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    if close(answer, rank_agreement(pnl), abs_tol=0.01):
        fb.message += (" That is the agreement with cost traced to each account, the one on screen; the question "
                       "charges every case the same.")
    elif close(answer, float(d["revenue"].corr(d["profit_dock"])), abs_tol=0.01):
        fb.message += " You computed Pearson's r on the dollar values; rank them first."
    return fb


def check_hidden_losers(answer, *, era=1.0, seed: int = CLASSROOM_SEED) -> Feedback:
    """Check the count of customers profitable at the dock rate but losing money when traced.

    Parameters
    ----------
    answer : int
        The student's count.
    era : {"mass", "precision"} or float, default=1.0
        Position of the era dial.
    seed : int, default=CLASSROOM_SEED
        The company's seed.

    Returns
    -------
    Feedback
        Correct when the count equals :func:`casekit.models.eras.hidden_losers`; the
        count of every loss-maker is told to count only the hidden ones, and
        at another dial position the precision-end count (the one in
        notebook 01's chart title) is told so; never the count.
        ``expected`` is the count.

    Examples
    --------
    >>> from casekit.models.eras import era_case, dock_vs_account
    >>> _, pnl = era_case(1.0)
    >>> n = int(dock_vs_account(pnl)["hidden_loser"].sum())
    >>> bool(check_hidden_losers(n, era=1.0))
    True
    >>> bool(check_hidden_losers(n + 5, era=1.0))
    False
    """
    _, pnl = era_case(era, seed=seed)
    expected = hidden_losers(pnl)
    fb = compare_number(answer, expected, what="Hidden losers", unit=" customers", tol=0, abs_tol=0.5,
                        hint="charge every customer the average cost to serve per case (total cost "
                             "to serve / total cases) times its cases; count customers whose gross "
                             "margin minus that charge is > 0 while their traced net_profit is < 0.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    if answer == _losers(pnl):
        fb.message += " That is every customer losing money; count only those the dock rate hides."
    elif era not in (1.0, "precision") and answer == hidden_losers(era_case(1.0, seed=seed)[1]):
        fb.message += (" That is the count at the precision end, the one in the chart's title; the question is "
                       f"about dial position {era}: build that company with era_case.")
    return fb


def _losers(pnl) -> int:
    from casekit.analysis.profitability import profit_by
    return int((profit_by(pnl, "customer_id")["net_profit"] < 0).sum())
