"""The lesson's outcomes, measured the same way on a client and on its twin."""

from __future__ import annotations

import pandas as pd

from casekit.analysis.profitability import profit_by, segment_customers, whale_curve
from casekit.costing.engine import cost_to_serve
from casekit.costing.overheads import charge_overheads

__all__ = ["lesson_outcomes", "OUTCOMES"]

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
