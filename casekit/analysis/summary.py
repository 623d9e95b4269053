"""One-glance summaries of a costed P&L."""

from __future__ import annotations

import pandas as pd

__all__ = ["headline"]


def headline(pnl: pd.DataFrame, *, by: str = "customer_id", top_share: float = 0.2) -> pd.Series:
    """Summarise a line P&L in the handful of numbers a class first asks for.

    Parameters
    ----------
    pnl : pandas.DataFrame
        Output of :func:`casekit.cost_to_serve`.
    by : str, default="customer_id"
        What counts as an account (``"product_id"`` for products).
    top_share : float, default=0.2
        The top slice whose share of total profit is reported.

    Returns
    -------
    pandas.Series
        Rounded figures: revenue, gross margin, cost to serve and net profit
        in $ millions; the count and share of accounts losing money; the share
        of profit earned by the top ``top_share`` of accounts; the peak of the
        whale curve; and logistics and cost to serve as % of revenue.

    Examples
    --------
    >>> import casekit as ck
    >>> h = headline(ck.cost_to_serve(ck.make_company(seed=1, n_customers=30, n_products=40)))
    >>> "accounts losing money (%)" in h.index
    True
    """
    for col in (by, "revenue", "gross_margin", "cost_to_serve", "net_profit"):
        if col not in pnl.columns:
            raise ValueError(f"headline: column {col!r} is missing; pass the output of casekit.cost_to_serve.")
    if not 0 < top_share < 1:
        raise ValueError(f"headline: top_share={top_share} must be between 0 and 1.")
    acc = pnl.groupby(by, observed=True)["net_profit"].sum().sort_values(ascending=False)
    total = float(acc.sum())
    n_top = max(1, int(round(top_share * len(acc))))
    rev = float(pnl["revenue"].sum())
    logistics = [c for c in ("cost_order_handling", "cost_picking", "cost_delivery", "cost_rush_handling",
                             "cost_inventory_carrying") if c in pnl.columns]
    out = {
        "revenue ($M)": rev / 1e6,
        "gross margin ($M)": float(pnl["gross_margin"].sum()) / 1e6,
        "cost to serve ($M)": float(pnl["cost_to_serve"].sum()) / 1e6,
        "net profit ($M)": total / 1e6,
        "accounts": float(len(acc)),
        "accounts losing money": float((acc < 0).sum()),
        "accounts losing money (%)": 100 * float((acc < 0).mean()),
        f"profit earned by top {top_share:.0%} (%)": 100 * float(acc.iloc[:n_top].sum()) / total if total > 0 else float("nan"),
        "whale curve peak (%)": 100 * float(acc.cumsum().max()) / total if total > 0 else float("nan"),
        "logistics cost (% of revenue)": 100 * float(pnl[logistics].sum().sum()) / rev if rev else float("nan"),
        "cost to serve (% of revenue)": 100 * float(pnl["cost_to_serve"].sum()) / rev if rev else float("nan"),
    }
    return pd.Series(out, name="value").round(1)
