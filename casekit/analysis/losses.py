"""How much of the business loses money, at every grain: customers, products, cells and invoice lines.

The share of a business that loses money depends on how finely it is cut.
An invoice line carries its order's and its drop's fixed costs over a few
cases, so far more lines lose than customers do; a product sold to many
accounts averages its good and bad lines.  :func:`loss_shares` shows every
grain side by side, by count, by revenue and by profit, so no grain is
hidden and the class can ask which one a manager can act on.
"""

from __future__ import annotations

import pandas as pd

from casekit.analysis.grains import pct
from casekit.validation import check_pnl

__all__ = ["GRAINS", "loss_shares"]

GRAINS = {
    "customers": ["customer_id"],
    "products": ["product_id"],
    "customer x product cells": ["customer_id", "product_id"],
    "invoice lines": ["line_id"],
}
"""The grains :func:`loss_shares` reports, and the keys that define each."""


def loss_shares(pnl: pd.DataFrame, *, profit: str = "net_profit") -> pd.DataFrame:
    """Share of customers, products, customer x product cells and invoice lines that lose money.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L: :func:`casekit.cost_to_serve`, or the all-in P&L of
        :func:`casekit.charge_overheads` (whose ``net_profit`` is after
        overheads).
    profit : str, default "net_profit"
        The profit column judged (``"contribution"`` on an all-in P&L gives
        the view before overheads).

    Returns
    -------
    pandas.DataFrame
        One row per grain of :data:`GRAINS` present in pnl (``grain``):
        ``units`` (how many), ``losing`` (how many with profit < 0),
        ``losing_pct`` (% by count), ``losing_revenue_pct`` (% of revenue
        they hold), ``losses`` (their summed profit, $, negative),
        ``profit`` (total, $) and ``losses_pct_of_profit`` (losses as % of
        total profit, NaN when it is not positive).  Every grain sums the
        same lines, so ``profit`` is the same on every row.

    Examples
    --------
    >>> import casekit as ck
    >>> pnl = ck.cost_to_serve(ck.make_company(seed=1, n_customers=30, n_products=40))
    >>> t = loss_shares(pnl)
    >>> t["grain"].tolist()
    ['customers', 'products', 'customer x product cells', 'invoice lines']
    >>> bool(t["profit"].nunique() == 1 or t["profit"].std() < 1e-6)
    True
    """
    check_pnl(pnl, columns=("revenue", profit), func="loss_shares")
    rows = []
    for grain, keys in GRAINS.items():
        if not all(k in pnl.columns for k in keys):
            continue
        frame = pnl[keys + ["revenue", profit]]
        frame.attrs = {}
        if keys == ["line_id"]:
            g = frame[["revenue", profit]]
        else:
            g = frame.groupby(keys, observed=True)[["revenue", profit]].sum()
        losing = g[profit] < 0
        total = float(g[profit].sum())
        losses = float(g.loc[losing, profit].sum())
        rows.append({
            "grain": grain, "units": len(g), "losing": int(losing.sum()),
            "losing_pct": float(pct(losing.sum(), len(g))),
            "losing_revenue_pct": float(pct(g.loc[losing, "revenue"].sum(), g["revenue"].sum())),
            "losses": losses, "profit": total,
            "losses_pct_of_profit": float(pct(-losses, total)) if total > 0 else float("nan"),
        })
    out = pd.DataFrame(rows)
    out.attrs["profit"] = profit
    return out
