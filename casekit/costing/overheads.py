"""The overheads a brand carries beyond cost to serve, charged by a stated driver: the all-in profit.

:func:`casekit.cost_to_serve` traces the costs an account or a product
causes (order handling, delivery, calls, returns, ...) and stops at
*contribution*: gross margin less cost to serve.  A brand still pays for
brand marketing and for general and administrative costs, which no single
order causes.  Byrnes's profit maps show the profit left after those too,
so :func:`charge_overheads` charges each overhead in :data:`OVERHEAD_RATES`
to every line in proportion to its driver and returns the all-in P&L, whose
``net_profit`` is operating profit.  The charge is a stated allocation, not
a traced cost: the rates are data, so a class can change the driver and see
what moves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.validation import check_pnl

__all__ = ["OVERHEAD_RATES", "OVERHEAD_DRIVERS", "charge_overheads", "net_sales"]

# (overhead, driver, rate, unit, source).  Sized so that operating profit
# lands at 8-15 % of net sales, the lower half of the 10-20 % operating
# margins branded consumer-products makers report (calibration.md).
_ROWS = [
    ("brand_marketing", "net_sales", 0.085, "$ per $ of net sales",
     "assumption: advertising and consumer promotion; large US food and household brands report "
     "advertising of roughly 3-10 % of net sales in their annual reports"),
    ("general_admin", "net_sales", 0.062, "$ per $ of net sales",
     "assumption: finance, IT, HR and management; the G&A left in a brand's SG&A once selling, "
     "logistics and trade spend are traced (SG&A of 20-30 % of net sales in annual reports)"),
    ("account_admin", "accounts", 1_000.0, "$ per active account a year",
     "assumption: credit review, invoicing, deductions and master data for one account a year, whatever "
     "it buys (APQC via CFO.com 2018: invoicing alone costs a median of about $4 an invoice; Byrnes: "
     "Profit Deserts carry costs out of proportion to their revenue)"),
]

OVERHEAD_RATES = pd.DataFrame(_ROWS, columns=["overhead", "driver", "rate", "unit", "source"])
"""Default overheads: what each is charged by, at what rate, and why."""

OVERHEAD_DRIVERS = {
    "net_sales": "revenue (invoice price x cases) less off-invoice allowances (cost_trade_promotion)",
    "gross_sales": "list price x cases",
    "cases": "cases shipped",
    "accounts": "one per active account a year (prorated to the period), split over its lines by net sales",
}
"""The drivers an overhead may be charged by, as they are measured on a line (or a group of lines)."""


def net_sales(pnl: pd.DataFrame) -> np.ndarray:
    """Net sales of every row: gross sales less all trade spend (on- and off-invoice).

    The engine's ``revenue`` is already net of on-invoice discounts; the
    off-invoice allowances are its ``cost_trade_promotion`` column, absent
    when a rate card has no trade promotion.

    Examples
    --------
    >>> import pandas as pd
    >>> net_sales(pd.DataFrame({"revenue": [100.0], "cost_trade_promotion": [8.0]})).tolist()
    [92.0]
    """
    revenue = pnl["revenue"].to_numpy(float)
    if "cost_trade_promotion" in pnl.columns:
        return revenue - pnl["cost_trade_promotion"].to_numpy(float)
    return revenue


def _driver(pnl: pd.DataFrame, driver: str, months: float) -> np.ndarray:
    if driver == "net_sales":
        return net_sales(pnl)
    if driver == "accounts":
        if "customer_id" not in pnl.columns:
            raise ValueError("charge_overheads: the 'accounts' driver needs a customer_id column; "
                             "cost the lines (or aggregate by customer_id) before charging overheads.")
        # One account's charge is split over its rows by net sales (equally
        # if it has none), so each account carries exactly one unit.
        sales = net_sales(pnl)
        keys = pnl["customer_id"].to_numpy()
        total = pd.Series(sales).groupby(keys, sort=False).transform("sum").to_numpy(float)
        count = pd.Series(sales).groupby(keys, sort=False).transform("size").to_numpy(float)
        # A yearly charge: a quarter's P&L carries a quarter of it.
        return np.where(total > 0, sales / np.where(total > 0, total, 1.0), 1.0 / count) * months / 12.0
    return pnl[driver].to_numpy(float)


def charge_overheads(pnl: pd.DataFrame, overheads: pd.DataFrame | None = None) -> pd.DataFrame:
    """Charge brand marketing and G&A to every line by their drivers: the all-in P&L.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve` (or a frame it
        aggregated with ``by=``).
    overheads : pandas.DataFrame, optional
        Rows ``overhead``, ``driver`` (a key of :data:`OVERHEAD_DRIVERS`) and
        ``rate`` ($ per unit of driver); :data:`OVERHEAD_RATES` when omitted.
        The ``accounts`` driver needs ``customer_id`` (a line P&L, or one
        aggregated by customer); its rate is per year, prorated to the
        period the P&L covers (``pnl.attrs["months"]``, which
        :func:`casekit.cost_to_serve` records; 12 when absent).

    Returns
    -------
    pandas.DataFrame
        A copy of ``pnl`` with ``net_sales``, ``contribution`` (the engine's
        net profit: gross margin less cost to serve), one
        ``overhead_<name>`` column per overhead, ``overheads`` (their sum) and
        ``net_profit`` replaced by the all-in (operating) profit,
        contribution less overheads.  ``attrs["overheads"]`` lists the
        overhead columns; ``attrs["overhead_totals"]`` gives each overhead's
        rate x driver total, which the columns add up to.

    Raises
    ------
    ValueError
        If overheads were charged already, or a driver is unknown.

    Examples
    --------
    >>> import casekit as ck
    >>> pnl = ck.cost_to_serve(ck.make_company(seed=1, n_customers=30, n_products=40))
    >>> allin = charge_overheads(pnl)
    >>> bool(abs(allin["net_profit"].sum() - (pnl["net_profit"].sum() - allin["overheads"].sum())) < 0.005)
    True
    >>> totals = allin.attrs["overhead_totals"]
    >>> all(abs(allin[c].sum() - totals[c]) < 0.005 for c in allin.attrs["overheads"])
    True

    A quarter carries a quarter of the yearly per-account charge:

    >>> quarter = ck.cost_to_serve(ck.make_company(seed=1, n_customers=30, n_products=40, months=3))
    >>> per_account = charge_overheads(quarter).groupby("customer_id", observed=True)["overhead_account_admin"].sum()
    >>> sorted(set(per_account.round(2)))
    [250.0]
    """
    check_pnl(pnl, columns=("revenue", "net_profit"), func="charge_overheads")
    if "contribution" in pnl.columns:
        raise ValueError("charge_overheads: this P&L already carries overheads (it has a 'contribution' column); "
                         "pass the frame returned by cost_to_serve(company).")
    table = OVERHEAD_RATES if overheads is None else overheads
    unknown = sorted(set(table["driver"]) - set(OVERHEAD_DRIVERS))
    if unknown:
        raise ValueError(f"charge_overheads: unknown driver(s) {unknown}; use one of {list(OVERHEAD_DRIVERS)}.")
    months = float(pnl.attrs.get("months") or 12.0)
    out = pnl.copy()
    out.attrs = dict(pnl.attrs)
    contribution = out.pop("net_profit").to_numpy(float)
    out["net_sales"] = net_sales(pnl)
    out["contribution"] = contribution
    columns, totals = [], {}
    total = np.zeros(len(out))
    for row in table.itertuples():
        quantity = _driver(pnl, row.driver, months)
        col = f"overhead_{row.overhead}"
        out[col] = float(row.rate) * quantity
        total = total + out[col].to_numpy()
        columns.append(col)
        totals[col] = float(row.rate) * float(quantity.sum())
    out["overheads"] = total
    out["net_profit"] = contribution - total
    out.attrs["overheads"] = columns
    out.attrs["overhead_totals"] = totals
    return out
