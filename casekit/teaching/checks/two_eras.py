"""Checks for the exercises of notebook 01 (two eras)."""

from __future__ import annotations

from casekit.models.eras import CLASSROOM_SEED, era_case, hidden_losers, rank_agreement
from casekit.teaching.checks import Feedback, compare_number

__all__ = ["check_rank_agreement", "check_hidden_losers"]


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
        count of every loss-maker is told to count only the hidden ones.
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
    if not fb.correct and isinstance(answer, (int, float)):
        losing = _losers(pnl)
        if answer == losing:
            fb.message += f" {losing} is every customer losing money; count only those the dock rate hides."
    return fb


def _losers(pnl) -> int:
    from casekit.analysis.profitability import profit_by
    return int((profit_by(pnl, "customer_id")["net_profit"] < 0).sum())
