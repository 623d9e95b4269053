"""The lesson's outcomes, measured the same way on a client and on its twin."""

from __future__ import annotations

import pandas as pd

from casekit.analysis.profitability import profit_by, segment_customers, whale_curve
from casekit.costing.engine import cost_to_serve
from casekit.costing.overheads import charge_overheads

__all__ = ["lesson_outcomes", "OUTCOMES", "miss_reason"]

OUTCOMES = pd.DataFrame(
    [
        ("customers_losing_pct", "customers losing money (all-in)", 5.0),
        ("customers_losing_contribution_pct", "customers losing money (contribution)", 5.0),
        ("products_losing_pct", "products losing money (all-in)", 5.0),
        ("whale_peak_pct", "whale-curve peak (% of total all-in profit)", 15.0),
        ("whale_peak_contribution_pct", "whale-curve peak (% of total contribution)", 15.0),
        ("peaks_pct", "Profit Peaks (% of customers)", 5.0),
        ("drains_pct", "Profit Drains (% of customers)", 5.0),
        ("deserts_pct", "Profit Deserts (% of customers)", 5.0),
        ("cost_to_serve_pct", "cost to serve (% of sales)", 5.0),
    ],
    columns=["outcome", "meaning", "tolerance_pts"],
).set_index("outcome")
"""The outcomes a twin must reproduce, and by how many percentage points it may miss."""

_JOINT = ("an account's {what} sums many traits (size, orders, lines, sales calls, distance, discounts, "
          "allowances, returns); the twin keeps each trait's distribution and their pairwise correlations "
          "(a Gaussian copula, by size band and kind of account for a large client), not the client's exact "
          "combinations, and the client's losers are spread over all sizes")
_WHY = {
    "customers_losing_pct": _JOINT.format(what="all-in profit"),
    "customers_losing_contribution_pct": _JOINT.format(what="contribution"),
    "products_losing_pct": ("lines pick SKUs by overall popularity, so which accounts (and at what cost to "
                            "serve) buy a SKU is not the client's"),
    "whale_peak_pct": "the peak divides by total profit, which is small next to the accounts' profits and losses",
    "whale_peak_contribution_pct": "the peak turns on a few large accounts, and the twin's largest are draws",
}


def miss_reason(outcome: str, client: float, twin: float, *, n: int) -> str:
    """Say why a twin misses an outcome's target (the issue asks for every miss to be met or explained).

    Parameters
    ----------
    outcome : str
        A row of :data:`OUTCOMES`.
    client, twin : float
        The outcome on each side (NaN where undefined).
    n : int
        Accounts (or SKUs) the share is taken over: one of them moves it by 100 / n points.

    Examples
    --------
    >>> miss_reason("drains_pct", 24.4, 15.6, n=45)[:40]
    'the twin has 45 records: one of them mov'
    """
    if pd.isna(client) != pd.isna(twin):
        side = "client's" if pd.isna(client) else "twin's"
        return f"undefined on the {side} side only: its total profit is zero or negative"
    size = f"the twin has {n} records: one of them moves a share by {100 / max(n, 1):.1f} points"
    why = _WHY.get(outcome)
    return f"{size}; {why}" if why else f"{size}, and the kept draw is the closest of those tried"


def lesson_outcomes(company) -> pd.Series:
    """Measure the outcomes of :data:`OUTCOMES` on a company or a client's tables.

    Parameters
    ----------
    company : Company, ClientData or dict of tables
        Anything :func:`casekit.cost_to_serve` takes.

    Returns
    -------
    pandas.Series
        One value per row of :data:`OUTCOMES`, in percent.

    Examples
    --------
    >>> from casekit import make_company
    >>> out = lesson_outcomes(make_company(seed=3, n_customers=30, n_products=40))
    >>> bool(0 <= out["customers_losing_pct"] <= 100)
    True
    """
    tables = getattr(company, "tables", company)
    tables = tables() if callable(tables) else tables
    pnl = cost_to_serve(tables, by=["customer_id", "product_id"])
    allin = charge_overheads(pnl)
    cust = profit_by(allin, "customer_id")
    prod = profit_by(allin, "product_id")
    contribution = profit_by(pnl, "customer_id")
    segments = segment_customers(allin)["segment"].value_counts(normalize=True) * 100
    # The all-in peak is undefined (NaN) when the all-in total is not positive.
    curve = whale_curve(allin, allow_nonpositive=True)
    curve_contribution = whale_curve(pnl, allow_nonpositive=True)
    return pd.Series({
        "customers_losing_pct": 100 * float((cust["net_profit"] < 0).mean()),
        "customers_losing_contribution_pct": 100 * float((contribution["net_profit"] < 0).mean()),
        "products_losing_pct": 100 * float((prod["net_profit"] < 0).mean()),
        "whale_peak_pct": float(curve.attrs["peak_pct"]),
        "whale_peak_contribution_pct": float(curve_contribution.attrs["peak_pct"]),
        "peaks_pct": float(segments.get("Profit Peak", 0.0)),
        "drains_pct": float(segments.get("Profit Drain", 0.0)),
        "deserts_pct": float(segments.get("Profit Desert", 0.0)),
        "cost_to_serve_pct": 100 * float(pnl["cost_to_serve"].sum() / pnl["revenue"].sum()),
    })
