"""The findings of a client run: the exhibits (customer P&L, segments, whale curve, profit map,
price waterfall, top Profit Drains with their levers) and their figures.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["Exhibits", "top_drains", "build_exhibits", "draw_figures"]


@dataclasses.dataclass(frozen=True)
class Exhibits:
    """Hold the exhibits of one client run, built by :func:`build_exhibits`.

    Parameters
    ----------
    customers : pandas.DataFrame
        Customer P&L with ``customer_name``, ``channel_of_trade``, ``region``.
    segments : pandas.DataFrame
        Every customer with its segment (:func:`casekit.segment_customers`).
    segment_summary : pandas.DataFrame
        One row per segment, with its prescription.
    whale : pandas.DataFrame
        The whale curve.
    profit_map : pandas.DataFrame
        Customer x product net profit, the 40 largest of each.
    waterfall : pandas.DataFrame or None
        The pocket price waterfall (``None`` when left out, see ``skipped``).
    drains : pandas.DataFrame
        :func:`top_drains`.
    skipped : dict of str to str
        Exhibits left out, and why (their columns are absent).

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> ex = build_exhibits(cost_to_serve(company), company.customers)
    >>> len(ex.customers), "prescription" in ex.segment_summary
    (30, True)
    """

    customers: pd.DataFrame
    segments: pd.DataFrame
    segment_summary: pd.DataFrame
    whale: pd.DataFrame
    profit_map: pd.DataFrame
    waterfall: pd.DataFrame | None
    drains: pd.DataFrame
    skipped: dict = dataclasses.field(default_factory=dict)


def top_drains(pnl: pd.DataFrame, *, customers: pd.DataFrame | None = None, n: int = 15,
               levers: int = 3, currency=None) -> pd.DataFrame:
    """Rank the customers that lose the most money and name their profit levers.

    A lever is a ``cost_<activity>`` column where the customer costs more,
    per dollar of revenue, than the business does on average; its size is the
    excess in dollars (the cost minus the customer's revenue times the
    business's cost-to-revenue ratio for that activity).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The costed P&L (any grain with ``customer_id``).
    customers : pandas.DataFrame, optional
        Adds ``customer_name`` and ``channel_of_trade``.
    n : int, default=15
        How many customers.
    levers : int, default=3
        How many levers per customer.
    currency : str, optional
        Currency of the amounts, for the lever labels (``$`` when omitted).

    Returns
    -------
    pandas.DataFrame
        Losing customers, biggest loss first: ``customer_id``, (name,
        channel), ``revenue``, ``gross_margin``, ``cost_to_serve``,
        ``net_profit``, ``lever_1`` .. ``lever_k`` (activity and excess $)
        and every ``cost_<activity>``.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> drains = top_drains(cost_to_serve(make_company(seed=1, n_customers=30, n_products=40)), n=3)
    >>> bool((drains["net_profit"] < 0).all()) and len(drains) <= 3
    True
    """
    from casekit.analysis.profitability import profit_by
    from casekit.client.presentation import currency_symbol

    sign = currency_symbol(currency)
    cust = profit_by(pnl, "customer_id")
    acts = [c for c in cust.columns if c.startswith("cost_") and c not in ("cost_to_serve", "cost_to_serve_pct")]
    total_rev = float(cust["revenue"].sum())
    ratio = cust[acts].sum() / total_rev if total_rev else cust[acts].sum() * 0
    losers = cust[cust["net_profit"] < 0].sort_values("net_profit").head(n).reset_index(drop=True)
    excess = losers[acts] - np.outer(losers["revenue"], ratio.to_numpy())
    for k in range(levers):
        labels = []
        for i in range(len(losers)):
            row = excess.iloc[i].sort_values(ascending=False)
            if k < len(row) and row.iloc[k] >= 0.5:  # an excess that rounds to 0 is no lever
                labels.append(f"{row.index[k].removeprefix('cost_')} (+{sign}{row.iloc[k]:,.0f})")
            else:
                labels.append("")
        losers[f"lever_{k + 1}"] = labels
    keep = ["customer_id", "revenue", "gross_margin", "cost_to_serve", "net_profit", "net_margin_pct"]
    out = losers[keep + [f"lever_{k + 1}" for k in range(levers)] + acts].copy()
    out["customer_id"] = out["customer_id"].astype(str)
    if customers is not None:
        extra = customers[["customer_id"] + [c for c in ("customer_name", "channel_of_trade") if c in customers]]
        extra = extra.assign(customer_id=extra["customer_id"].astype(str))
        out = out.merge(extra, on="customer_id", how="left")
        cols = ["customer_id"] + [c for c in ("customer_name", "channel_of_trade") if c in out] + \
               [c for c in out.columns if c not in ("customer_id", "customer_name", "channel_of_trade")]
        out = out[cols]
    return out


PRICE_FIELDS = ("gross_amount", "list_price", "allowance_amount")
"""Client fields the price waterfall needs at least one of (else list = invoice = pocket price)."""


def build_exhibits(pnl: pd.DataFrame, customers: pd.DataFrame, *, fields=None, currency=None,
                   profit_map=None) -> Exhibits:
    """Build the exhibits of a costed client P&L (see :class:`Exhibits`).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The costed P&L, customer x product, or already summed to customers
        (:func:`casekit.client.pairs.pair_totals`): every exhibit but the
        profit map is drawn from customer totals.
    customers : pandas.DataFrame
        ``customer_id``, ``customer_name``, ``channel_of_trade``, ``region``.
    fields : collection of str, optional
        The client fields the lines carried; without any of
        :data:`PRICE_FIELDS` the price waterfall is left out (it would walk
        from a list price that is the invoice price down nothing).
    currency : str, optional
        Currency of the amounts.
    profit_map : pandas.DataFrame, optional
        The profit map, drawn beforehand from the pairs
        (:func:`casekit.client.pairs.top_profit_map`); from ``pnl`` otherwise.

    Returns
    -------
    Exhibits

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> ex = build_exhibits(cost_to_serve(company), company.customers, fields=["customer_id", "net_amount"])
    >>> ex.waterfall is None, list(ex.skipped)
    (True, ['price_waterfall'])
    """
    from casekit.analysis.pocket_price import price_waterfall
    from casekit.analysis.profit_map import profit_map as draw_map
    from casekit.analysis.profitability import profit_by, segment_customers, segment_summary, whale_curve

    names = customers[["customer_id", "customer_name", "channel_of_trade", "region"]].assign(
        customer_id=customers["customer_id"].astype(str))
    by_customer = profit_by(pnl, "customer_id")  # once; every exhibit below takes customer totals
    cust = by_customer.assign(customer_id=by_customer["customer_id"].astype(str))
    cust = names.merge(cust, on="customer_id", how="right")
    seg = segment_customers(by_customer, company={"customers": names})
    skipped, waterfall = {}, None
    if fields is not None and not set(PRICE_FIELDS) & set(fields):
        skipped["price_waterfall"] = ("The pocket price waterfall is left out: the export has no list price, gross "
                                      "value or allowance column, so list, invoice and pocket price would all be "
                                      "the invoice price. Map gross_amount or list_price, and allowance_amount.")
    elif float(by_customer["cases"].sum()) <= 0:
        skipped["price_waterfall"] = "The pocket price waterfall is left out: no cases were shipped."
    else:
        waterfall = price_waterfall(by_customer)
    if profit_map is None:
        profit_map = draw_map(pnl, top=(40, 40))
    return Exhibits(customers=cust, segments=seg, segment_summary=segment_summary(seg),
                    whale=whale_curve(by_customer, allow_nonpositive=True), profit_map=profit_map,
                    waterfall=waterfall, drains=top_drains(by_customer, customers=customers, currency=currency),
                    skipped=skipped)


def _in_currency(fig, currency) -> None:
    """Write the currency where casekit's plots write ``$``: titles, labels, notes and tick labels."""
    import matplotlib.text
    import matplotlib.ticker

    from casekit.client.presentation import relabel

    if currency is None or str(currency).strip() in ("", "$", "USD"):
        return
    for t in fig.findobj(matplotlib.text.Text):
        if "$" in t.get_text():
            t.set_text(relabel(t.get_text(), currency))
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            fmt = axis.get_major_formatter()
            if isinstance(fmt, matplotlib.ticker.FuncFormatter):
                axis.set_major_formatter(matplotlib.ticker.FuncFormatter(
                    lambda x, pos, f=fmt: relabel(f(x, pos), currency)))


def draw_figures(ex: Exhibits, folder, *, currency=None) -> dict:
    """Draw the whale curve, profit map, segments and price waterfall as PNG files in ``folder``.

    Exhibits in ``ex.skipped`` are not drawn; ``$`` becomes the ``currency``.

    Returns
    -------
    dict of str to Path
        ``whale_curve``, ``profit_map``, ``segments``, ``price_waterfall`` (those drawn).
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from casekit.plots import plot_price_waterfall, plot_profit_map, plot_segments, plot_whale_curve

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, draw, frame in (("whale_curve", plot_whale_curve, ex.whale),
                              ("profit_map", plot_profit_map, ex.profit_map),
                              ("segments", plot_segments, ex.segments),
                              ("price_waterfall", plot_price_waterfall, ex.waterfall)):
        if name in ex.skipped:
            continue
        fig, ax = plt.subplots(figsize=(11, 6.5) if name == "profit_map" else (10, 6), layout="constrained")
        draw(frame, ax=ax)
        _in_currency(fig, currency)
        path = folder / f"{name}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        out[name] = path
    return out
