"""Rate card against time-driven costing: the same company costed both ways, side by side."""

from __future__ import annotations

import dataclasses

import pandas as pd

from casekit.analysis.profitability import segment_customers
from casekit.analysis.summary import headline, headline_table
from casekit.costing.engine import cost_to_serve
from casekit.costing.rates import RateCard
from casekit.costing.time_driven import TimeDrivenCard

__all__ = ["compare_costings", "CostingComparison"]


@dataclasses.dataclass(frozen=True)
class CostingComparison:
    """The same company costed with the rate card and with time equations.

    Attributes
    ----------
    comparison : pandas.DataFrame
        Columns ``rate card`` and ``time-driven``, one row per figure (see
        :func:`compare_costings`).
    capacity : pandas.DataFrame
        :meth:`casekit.TimeDrivenCard.unused_capacity` of the time-driven run.
    """

    comparison: pd.DataFrame
    capacity: pd.DataFrame


def compare_costings(company, card: TimeDrivenCard | None = None, *,
                     rates: RateCard | None = None) -> CostingComparison:
    """Cost a company with the rate card and with time equations; set the results side by side.

    Parameters
    ----------
    company : Company or dict
        What :func:`casekit.cost_to_serve` accepts.
    card : TimeDrivenCard, optional
        The time equations and capacities (default :meth:`TimeDrivenCard.default`).
    rates : RateCard, optional
        The rate card to compare with, also used for the activities without
        time equations (default :meth:`casekit.RateCard.default`).

    Returns
    -------
    CostingComparison
        ``comparison``, a DataFrame with columns ``rate card`` and
        ``time-driven``: the :func:`casekit.headline` figures (as
        :func:`casekit.analysis.summary.headline_table` shows them), then the order-handling cost, the
        number of Profit Drains (:func:`casekit.segment_customers` at its
        default cut-offs), how many time-driven Drains are Drains on the rate
        card too, the cost of unused capacity ($K), which time-driven costing
        reports instead of charging to customers, and the company's net
        profit once that cost is paid.  NaN where the rate card has no
        such figure; and ``capacity``, :meth:`TimeDrivenCard.unused_capacity`
        of the time-driven run.

    Examples
    --------
    >>> from casekit import load_case
    >>> result = compare_costings(load_case("precision"))
    >>> comparison = result.comparison
    >>> comparison.columns.tolist()
    ['rate card', 'time-driven']
    >>> shared = comparison.loc["Profit Drains also Drains on the rate card", "time-driven"]
    >>> bool(shared <= comparison.loc["Profit Drains", "time-driven"])
    True
    """
    card = TimeDrivenCard.default() if card is None else card
    rates = RateCard.default() if rates is None else rates
    flat = cost_to_serve(company, rates)
    timed = cost_to_serve(company, card.rate_card(rates))
    capacity = card.unused_capacity(timed)
    drains = [set(segment_customers(p).query("segment == 'Profit Drain'")["customer_id"].astype(str))
              for p in (flat, timed)]
    comparison = pd.DataFrame({"rate card": headline_table(headline(flat)),
                               "time-driven": headline_table(headline(timed))})
    unused = float(capacity["cost_unused"].sum())
    nan = float("nan")
    # The rate card spreads all cost over customers and reports no idle
    # capacity (NaN); time-driven costing leaves the idle part unspread, so
    # the customers' profits add up to more than the company's.
    extra = pd.DataFrame({
        "rate card": [flat["cost_order_handling"].sum() / 1e3, len(drains[0]), nan, nan,
                      flat["net_profit"].sum() / 1e6],
        "time-driven": [timed["cost_order_handling"].sum() / 1e3, len(drains[1]), len(drains[0] & drains[1]),
                        unused / 1e3, (timed["net_profit"].sum() - unused) / 1e6],
    }, index=["order handling ($K)", "Profit Drains", "Profit Drains also Drains on the rate card",
              "unused capacity, not charged to customers ($K)", "net profit after unused capacity ($M)"])
    return CostingComparison(comparison=pd.concat([comparison, extra.round(1)]), capacity=capacity)
