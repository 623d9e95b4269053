"""Checks for the exercises of notebook 05 (the innovation stream)."""

from __future__ import annotations

from casekit.models.innovation import prune_tail
from casekit.models.launches import launch_scorecard
from casekit.teaching.checks import Feedback, as_percent, close, compare_number

__all__ = ["check_launch_loss_share", "check_prune_saving"]




def check_launch_loss_share(answer, card) -> Feedback:
    """Check the percent of the period's launches that lose money for the company (0.9 is read as 90 %).

    A launch loses money when the company profit of its SKUs (net profit
    after cost to serve, less complexity cost) adds up to less than zero.

    Parameters
    ----------
    answer : float
        The student's answer, in percent or as a fraction.
    card : pandas.DataFrame
        The product scorecard from :func:`casekit.models.innovation.product_scorecard`.

    Returns
    -------
    Feedback
        Correct within 0.5 percentage point; a wrong answer is told when it
        counts SKUs instead of launches, uses net profit or gross margin, or
        counts every product.  ``expected`` is the percent.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> launches = launch_scorecard(card)
    >>> pct = 100 * (launches["company_profit"] < 0).mean()
    >>> bool(check_launch_loss_share(pct, card)), bool(check_launch_loss_share(pct / 100, card))
    (True, True)
    """
    launches = launch_scorecard(card)
    expected = 100.0 * float((launches["company_profit"] < 0).mean())
    fb = compare_number(answer, expected, what="Share of launches losing money", unit="%", percent=True,
                        tol=0, abs_tol=0.5,
                        hint="keep the new SKUs (card['is_new']), add up company_profit by launch_id, and "
                             "take the percent of launches whose total is below zero.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    value, _ = as_percent(answer, expected)
    new = card[card["is_new"].astype(bool)]
    if close(value, 100.0 * float((new["company_profit"] < 0).mean()), rel_tol=0.0, abs_tol=0.5):
        fb.message += " That is the share of new SKUs; a launch can bring several SKUs, so group by launch_id."
    elif close(value, 100.0 * float((launches["net_profit"] < 0).mean()), rel_tol=0.0, abs_tol=0.5):
        fb.message += (" That counts net profit after cost to serve only; subtract the complexity cost too "
                       "(use company_profit).")
    elif close(value, 100.0 * float((launches["gross_margin"] <= 0).mean()), rel_tol=0.0, abs_tol=0.5):
        fb.message += " That is the product managers' lens (gross margin); the company's lens is company_profit."
    elif close(value, 100.0 * float((card["company_profit"] < 0).mean()), rel_tol=0.0, abs_tol=0.5):
        fb.message += " That counts every product, not only this year's launches (card['is_new'])."
    return fb


def check_prune_saving(answer, card, *, share: float = 0.30, by: str = "revenue") -> Feedback:
    """Check the percent of complexity cost saved by pruning the bottom ``share`` of SKUs ranked by ``by``.

    Parameters
    ----------
    answer : float
        The student's answer, in percent or as a fraction.
    card : pandas.DataFrame
        The product scorecard from :func:`casekit.models.innovation.product_scorecard`.
    share : float, default=0.30
        Share of SKUs cut from the bottom of the ranking.
    by : str, default="revenue"
        Column the SKUs are ranked by.

    Returns
    -------
    Feedback
        Correct within 0.5 percentage point of ``complexity_saved_pct`` from
        :func:`casekit.models.innovation.prune_tail`; a wrong answer is told when it
        is the dollars saved, the share of SKUs cut, or a tail ranked by
        another column.  ``expected`` is the percent.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> pct = prune_tail(card, share=0.3, by="revenue").loc[1, "complexity_saved_pct"]
    >>> bool(check_prune_saving(pct, card))
    True
    >>> fb = check_prune_saving(30, card)
    >>> bool(fb), "share of SKUs cut" in fb.message
    (False, True)
    """
    out = prune_tail(card, share=share, by=by)
    expected = float(out.loc[1, "complexity_saved_pct"])
    saved = float(out.loc[0, "complexity_cost"] - out.loc[1, "complexity_cost"])
    fb = compare_number(answer, expected, what="Complexity cost saved", unit="%", percent=True, tol=0,
                        abs_tol=0.5,
                        hint=f"call ck.innovation.prune_tail(card, share={share}, by={by!r}) and compare the "
                             "complexity_cost of the 'pruned' row with the 'today' row, in percent of today.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    value, _ = as_percent(answer, expected)
    if abs(float(answer) - saved) <= max(1.0, 0.01 * abs(saved)):
        fb.message += f" You gave the dollars saved ({saved:,.0f}); express them as a percent of today's cost."
    elif close(value, 100 * share, rel_tol=0.0, abs_tol=0.5):
        fb.message += (" That is the share of SKUs cut, not the share of complexity cost saved: compare "
                       "the complexity cost before and after the prune.")
    else:
        for other in ("revenue", "gross_margin", "company_profit"):
            if other != by and close(value, float(prune_tail(card, share=share, by=other).loc[
                    1, "complexity_saved_pct"]), rel_tol=0.0, abs_tol=0.5):
                fb.message += f" You ranked the tail by {other}; rank it by {by}."
                break
    return fb
