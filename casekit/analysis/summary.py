"""One-glance summaries of a costed P&L: the figures, then a table to show them."""

from __future__ import annotations

import pandas as pd

from casekit.validation import check_frame, check_real

__all__ = ["headline", "headline_table"]

_LOGISTICS = ("cost_order_handling", "cost_picking", "cost_delivery", "cost_rush_handling", "cost_inventory_carrying")


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
        Unrounded, with machine-readable keys: ``revenue``, ``gross_margin``,
        ``cost_to_serve``, ``net_profit`` ($); ``accounts`` and
        ``accounts_losing`` (counts); ``accounts_losing_pct``,
        ``top_share_profit_pct`` (profit earned by the top ``top_share`` of
        accounts), ``whale_peak_pct`` (% of total profit),
        ``logistics_cost_pct`` and ``cost_to_serve_pct`` (% of revenue).
        On an all-in P&L (:func:`casekit.charge_overheads`) also
        ``contribution`` and ``overheads`` ($), and ``net_profit`` and the
        account figures are after overheads.
        ``attrs["top_share"]`` is ``top_share``.  :func:`headline_table`
        turns it into the table a class reads.

    Examples
    --------
    >>> import casekit as ck
    >>> h = headline(ck.cost_to_serve(ck.make_company(seed=1, n_customers=30, n_products=40)))
    >>> h.index.tolist()[:4]
    ['revenue', 'gross_margin', 'cost_to_serve', 'net_profit']
    >>> bool(0 <= h["accounts_losing_pct"] <= 100)
    True
    """
    check_frame(pnl, name="pnl", columns=(by, "revenue", "gross_margin", "cost_to_serve", "net_profit"),
                source="casekit.cost_to_serve", func="headline")
    check_real(top_share, "top_share", low=0, high=1, func="headline")
    if not 0 < top_share < 1:
        raise ValueError(f"headline: top_share={top_share} must be between 0 and 1.")
    acc = pnl.groupby(by, observed=True)["net_profit"].sum().sort_values(ascending=False)
    total = float(acc.sum())
    n_top = max(1, int(round(top_share * len(acc))))
    rev = float(pnl["revenue"].sum())
    logistics = [c for c in _LOGISTICS if c in pnl.columns]
    nan = float("nan")
    out = pd.Series({
        "revenue": rev,
        "gross_margin": float(pnl["gross_margin"].sum()),
        "cost_to_serve": float(pnl["cost_to_serve"].sum()),
        "net_profit": total,
        "accounts": float(len(acc)),
        "accounts_losing": float((acc < 0).sum()),
        "accounts_losing_pct": 100 * float((acc < 0).mean()),
        "top_share_profit_pct": 100 * float(acc.iloc[:n_top].sum()) / total if total > 0 else nan,
        "whale_peak_pct": 100 * float(acc.cumsum().max()) / total if total > 0 else nan,
        "logistics_cost_pct": 100 * float(pnl[logistics].sum().sum()) / rev if rev else nan,
        "cost_to_serve_pct": 100 * float(pnl["cost_to_serve"].sum()) / rev if rev else nan,
    }, name="value")
    if "overheads" in pnl.columns:
        # An all-in P&L (casekit.charge_overheads): net profit is operating profit; show what it was before.
        out = pd.concat([out.iloc[:3], pd.Series({"contribution": float(pnl["contribution"].sum()),
                                                   "overheads": float(pnl["overheads"].sum())}), out.iloc[3:]])
        out.name = "value"
    out.attrs["top_share"] = top_share
    return out


def headline_table(figures: pd.Series) -> pd.Series:
    """Show :func:`headline`'s figures as a class reads them: labelled, money in $ millions, rounded.

    Parameters
    ----------
    figures : pandas.Series
        The output of :func:`headline`.

    Returns
    -------
    pandas.Series
        The same figures with labels such as ``"revenue ($M)"``, rounded to
        one decimal.

    Examples
    --------
    >>> import casekit as ck
    >>> t = headline_table(headline(ck.cost_to_serve(ck.make_company(seed=1, n_customers=30, n_products=40))))
    >>> "accounts losing money (%)" in t.index
    True
    """
    if not isinstance(figures, pd.Series):
        raise TypeError(f"headline_table takes the Series returned by headline(pnl); got {type(figures).__name__}.")
    top = figures.attrs.get("top_share", 0.2)
    millions = {"revenue": "revenue ($M)", "gross_margin": "gross margin ($M)",
                "cost_to_serve": "cost to serve ($M)", "contribution": "contribution ($M)",
                "overheads": "overheads charged ($M)", "net_profit": "net profit ($M)"}
    if "overheads" not in figures.index:
        millions = {k: v for k, v in millions.items() if k not in ("contribution", "overheads")}
    else:
        millions["net_profit"] = "operating profit, all-in ($M)"
    labels = {**millions, "accounts": "accounts", "accounts_losing": "accounts losing money",
              "accounts_losing_pct": "accounts losing money (%)",
              "top_share_profit_pct": f"profit earned by top {top:.0%} (%)",
              "whale_peak_pct": "whale curve peak (%)",
              "logistics_cost_pct": "logistics cost (% of revenue)",
              "cost_to_serve_pct": "cost to serve (% of revenue)"}
    missing = [k for k in labels if k not in figures.index]
    if missing:
        raise ValueError(f"headline_table: figures has no {missing}; pass the Series returned by headline(pnl).")
    values = [figures[k] / 1e6 if k in millions else figures[k] for k in labels]
    return pd.Series(values, index=list(labels.values()), name="value").round(1)
