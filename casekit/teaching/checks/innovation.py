"""Checks for the exercises of notebook 05 (the innovation stream)."""

from __future__ import annotations

from casekit.models.assumptions import with_values
from casekit.models.complexity import COMPLEXITY_RATES
from casekit.models.innovation import prune_tail
from casekit.models.launches import LIFE_ASSUMPTIONS, launch_life
from casekit.teaching.checks import Feedback, as_percent, close, compare_number

__all__ = ["LOST_DEMAND_TRANSFER", "check_life_losers_without_cannibalisation", "check_prune_saving",
           "check_prune_profit_without_transfer"]

LOST_DEMAND_TRANSFER = 0.0
"""Exercise 2's what-if: the share of a pruned SKU's volume that moves to an established SKU (the model: half)."""




def _life_losers(card, **values) -> int:
    life = launch_life(card, assumptions=with_values(LIFE_ASSUMPTIONS, **values))
    return int((life["life_value"] < 0).sum())


def check_life_losers_without_cannibalisation(answer, card) -> Feedback:
    """Check how many launches would lose money over their life if they took no sales from established items.

    The what-if sets both ``cannibalisation`` and ``major_cannibalisation``
    of :data:`casekit.models.launches.LIFE_ASSUMPTIONS` to 0 and counts the
    launches whose ``life_value`` (:func:`casekit.models.launches.launch_life`)
    is below zero.

    Parameters
    ----------
    answer : int
        The student's count of launches.
    card : pandas.DataFrame
        The product scorecard from :func:`casekit.models.innovation.product_scorecard`.

    Returns
    -------
    Feedback
        Correct within half a launch.  A wrong answer is told when it is the
        count at the model's own assumptions (nothing changed), when only the
        minor launches' row was changed, or when it is a percent; never the
        count itself.  ``expected`` is the count.

    Examples
    --------
    >>> import casekit as ck
    >>> from casekit.models.innovation import product_scorecard
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> card = product_scorecard(co, ck.cost_to_serve(co))
    >>> right = _life_losers(card, cannibalisation=0, major_cannibalisation=0)
    >>> bool(check_life_losers_without_cannibalisation(right, card))
    True
    >>> "expected a number" in check_life_losers_without_cannibalisation("all", card).message
    True
    """
    expected = _life_losers(card, cannibalisation=0, major_cannibalisation=0)
    fb = compare_number(answer, expected, what="Launches losing money over their life without cannibalisation",
                        unit="launches", tol=0, abs_tol=0.5,
                        hint="pass launch_life(card, assumptions=...) a copy of LIFE_ASSUMPTIONS whose two "
                             "cannibalisation rows are 0 (with_values does it), then count the launches whose "
                             "life_value is below zero.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    n_launches = len(launch_life(card))
    if close(answer, _life_losers(card), abs_tol=0.5):
        fb.message += (" That is the count at the model's own assumptions, the one printed above: the launches "
                       "still give up margin to established items. Change the assumption table you pass.")
    elif close(answer, _life_losers(card, cannibalisation=0), abs_tol=0.5):
        fb.message += (" Only the flavours and packs stopped taking sales from established items; a new product "
                       "line has its own row, major_cannibalisation.")
    elif 0 < answer <= 100 and n_launches and close(100 * expected / n_launches, answer, abs_tol=0.5):
        fb.message += " That reads as a percent of launches; give the count."
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


def _pruned(card, share, by, transfer=None):
    rates = None if transfer is None else with_values(COMPLEXITY_RATES, demand_transfer=transfer)
    out = prune_tail(card, share=share, by=by, rates=rates).set_index("scenario")
    return out.loc["pruned"], out.loc["today"]


def check_prune_profit_without_transfer(answer, card, *, share: float = 0.30, by: str = "revenue",
                                        transfer: float = LOST_DEMAND_TRANSFER) -> Feedback:
    """Check the change in company profit ($) from pruning the tail if the pruned SKUs' buyers did not switch.

    The what-if sets ``demand_transfer`` of
    :data:`casekit.models.complexity.COMPLEXITY_RATES` (the share of a pruned
    SKU's volume that moves to an established SKU of its category) to
    ``transfer`` and reruns :func:`casekit.models.innovation.prune_tail`; the
    answer is ``company_profit`` of the pruned row less today's.

    Parameters
    ----------
    answer : float
        The student's answer in $ (a fall is negative).
    card : pandas.DataFrame
        The product scorecard from :func:`casekit.models.innovation.product_scorecard`.
    share : float, default=0.30
        Share of SKUs cut from the bottom of the ranking.
    by : str, default="revenue"
        Column the SKUs are ranked by.
    transfer : float, default=LOST_DEMAND_TRANSFER

    Returns
    -------
    Feedback
        Correct within 1 % (or $1).  A wrong answer is told when it is the
        change at the model's own transfer (the widget shows it), the
        complexity cost saved, the change in gross margin (the product
        managers' lens) or in revenue, or the pruned profit itself; never the
        change.  ``expected`` is the change in $.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, ck.cost_to_serve(co))
    >>> pruned, today = _pruned(card, 0.30, "revenue", LOST_DEMAND_TRANSFER)
    >>> bool(check_prune_profit_without_transfer(pruned["company_profit"] - today["company_profit"], card))
    True
    >>> bool(check_prune_profit_without_transfer(today["complexity_cost"] - pruned["complexity_cost"], card))
    False
    """
    pruned, today = _pruned(card, share, by, transfer)
    change = pruned - today.reindex(pruned.index)
    expected = float(change["company_profit"])
    fb = compare_number(answer, expected, what=f"Change in company profit from pruning {share:.0%} of SKUs by {by} "
                                               f"if {transfer:g} of their volume moved", unit=" $", tol=0.01,
                        abs_tol=1.0,
                        hint=f"pass prune_tail(card, share={share:g}, by={by!r}, rates=...) a copy of "
                             f"COMPLEXITY_RATES with demand_transfer={transfer:g} (with_values does it) and subtract "
                             "today's company_profit from the pruned one.")
    if fb.correct or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fb
    shown, shown_today = _pruned(card, share, by)
    if close(answer, float(shown["company_profit"] - shown_today["company_profit"]), abs_tol=1.0):
        fb.message += (" That is the change at the model's own demand transfer, the one the widget shows; the "
                       "question lets the pruned SKUs' buyers walk away.")
    elif close(answer, -float(change["complexity_cost"]), abs_tol=1.0):
        fb.message += (" That is the complexity cost saved; the company also loses the margin of the cases that "
                       "go with the pruned SKUs.")
    elif close(answer, float(change["gross_margin"]), abs_tol=1.0):
        fb.message += " That is the product managers' lens (gross margin); the company's lens is company_profit."
    elif close(answer, float(change["revenue"]), abs_tol=1.0):
        fb.message += " That is the change in revenue; the question asks about company profit."
    elif close(answer, float(pruned["company_profit"]), abs_tol=1.0):
        fb.message += " That is the pruned company's profit itself; subtract today's."
    return fb
