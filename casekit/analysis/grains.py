"""Grains of a line P&L: the columns to group by, joined from the company when the P&L lacks them.

Every exhibit in :mod:`casekit.analysis` groups the line P&L by some grain
(customer, product, channel of trade, brand, ...).  A grain the P&L has not
got is looked up in the company's orders, customers or products, in that
order, so ``order_channel`` is the channel each order actually used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.validation import check_company

__all__ = ["as_keys", "key_series", "company_tables", "pct"]

# Where a grouping column missing from the pnl is looked up, in this order.
# Orders come first: ``order_channel`` on an order is the channel actually
# used, the customer's ``order_channel`` only the usual one.
_LOOKUPS = (("orders", "order_id"), ("customers", "customer_id"), ("products", "product_id"))


def as_keys(by, *, func: str) -> list[str]:
    """Return ``by`` as a list of distinct column names.

    Raises
    ------
    TypeError
        If ``by`` is not a column name or a list of them.
    ValueError
        If it is empty or names a column twice.

    Examples
    --------
    >>> as_keys("customer_id", func="profit_by")
    ['customer_id']
    >>> as_keys([], func="profit_by")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: profit_by: by must be a column name or a list of column names, e.g. by='customer_id' or ...
    """
    keys = [by] if isinstance(by, str) else by
    fix = (f"{func}: by must be a column name or a list of column names, e.g. "
           f"by='customer_id' or by=['customer_id', 'product_id']; got {by!r}.")
    if not isinstance(keys, (list, tuple)) or not all(isinstance(k, str) for k in keys):
        raise TypeError(fix)
    if len(keys) == 0:
        raise ValueError(fix)
    if len(set(keys)) != len(keys):
        raise ValueError(f"{func}: by={list(keys)} names a column twice; list each column once.")
    return list(keys)


def company_tables(company, *, func: str) -> dict:
    """The company's customers, products and orders by name (a dict of tables passes as it is).

    Examples
    --------
    >>> import casekit as ck
    >>> sorted(company_tables(ck.make_company(seed=1, n_customers=5, n_products=6), func="profit_by"))
    ['customers', 'orders', 'products']
    """
    return check_company(company, tables=("customers", "products", "orders"), func=func)


def key_series(pnl: pd.DataFrame, key: str, *, company, func: str) -> pd.Series:
    """The grouping column ``key`` aligned with pnl's rows, joined from the company if needed.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=20, n_products=30)
    >>> pnl = ck.cost_to_serve(co)
    >>> len(key_series(pnl, "channel_of_trade", company=co, func="profit_by")) == len(pnl)
    True
    """
    if key in pnl.columns:
        return pnl[key]
    if company is None:
        raise ValueError(
            f"{func}: {key!r} is not a column of pnl. Pass company=co (the Company the pnl was "
            f"computed from) so {key!r} can be joined from its customers, products or orders "
            f"table, or group by a column pnl has: {list(pnl.columns[:8])}..."
        )
    tables = company_tables(company, func=func)
    for table_name, id_col in _LOOKUPS:
        table = tables.get(table_name)
        if (not isinstance(table, pd.DataFrame) or key not in table.columns
                or id_col not in table.columns or id_col not in pnl.columns):
            continue
        lookup = table[[id_col, key]].reset_index(drop=True)
        if lookup[id_col].duplicated().any():
            raise ValueError(f"{func}: company.{table_name} has duplicate {id_col} values, so {key!r} "
                             f"cannot be joined; make {id_col} unique.")
        pos = pd.Index(lookup[id_col].astype(object)).get_indexer(pnl[id_col].astype(object))
        if (pos < 0).any():
            bad = pd.unique(pnl[id_col].astype(object)[pos < 0])
            raise ValueError(
                f"{func}: {int((pos < 0).sum())} pnl rows have a {id_col} that is not in "
                f"company.{table_name} (e.g. {list(bad[:3])}); pass the company the pnl was "
                f"computed from."
            )
        values = lookup[key].iloc[pos]
        values.index = pnl.index
        return values
    raise ValueError(
        f"{func}: {key!r} is neither a column of pnl nor of company.orders, company.customers or "
        f"company.products (joined on order_id, customer_id, product_id). Check the spelling."
    )



def pct(num, den) -> np.ndarray:
    """num / den x 100, NaN where den is 0 (positional, no index alignment).

    Examples
    --------
    >>> pct([1, 2], [4, 0]).tolist()
    [25.0, nan]
    """
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den != 0, num / np.where(den != 0, den, 1.0) * 100.0, np.nan)

