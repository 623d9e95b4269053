"""Byrnes's profit map: net profit of every product in every customer, and how much of it is red.
"""

from __future__ import annotations

from numbers import Integral

import pandas as pd

from casekit.analysis.grains import key_series
from casekit.analysis.profitability import profit_by
from casekit.validation import check_column_name, check_pnl

__all__ = ["profit_map", "profit_map_summary"]


def _check_top(top, func: str):
    if top is None:
        return None, None
    pair = (top, top) if not isinstance(top, (tuple, list)) else tuple(top)
    fix = (f"{func}: top must be a positive int (rows and columns) or a pair "
           f"(n_rows, n_columns) such as top=(20, 30); got {top!r}.")
    if any(isinstance(t, bool) or not isinstance(t, Integral) for t in pair):
        raise TypeError(fix)
    if len(pair) != 2 or any(t < 1 for t in pair):
        raise ValueError(fix)
    return int(pair[0]), int(pair[1])


def _map_values(agg: pd.DataFrame, rows: str, columns: str, values: str, func: str) -> pd.DataFrame:
    if values not in agg.columns or values in (rows, columns):
        choices = [c for c in agg.columns if c not in (rows, columns)]
        raise ValueError(f"{func}: values={values!r} is not a column of the map; use one of {choices}.")
    agg[rows] = _plain(agg[rows])
    agg[columns] = _plain(agg[columns])
    return agg


def _plain(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.astype(values.cat.categories.dtype)
    return values


def profit_map(pnl: pd.DataFrame, *, rows="customer_id", columns="product_id", values="net_profit",
               company=None, top=None) -> pd.DataFrame:
    """Build Byrnes's profit map: net profit of every product in every customer.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    rows, columns : str, default="customer_id", "product_id"
        The two grains of the map; either may be joined from ``company``
        (e.g. ``columns="category"``).
    values : str, default="net_profit"
        What fills the cells: any column of :func:`profit_by` (``revenue``,
        ``cost_to_serve``, ``net_margin_pct``, ...).
    company : Company or dict, optional
        Needed only when ``rows`` or ``columns`` is not a column of pnl.
    top : int or (int, int), optional
        Keep only the top-N rows and columns by revenue (an int applies to
        both).

    Returns
    -------
    pandas.DataFrame
        The matrix: index ``rows``, columns ``columns``; a cell is NaN where
        the customer never bought the product (not 0: nothing was sold, so
        nothing was lost).  Rows and columns are ordered by their total net
        profit, most profitable first (totals over the whole map, before
        ``top``).  ``attrs``: ``rows``, ``columns``, ``values``,
        ``n_rows_total``, ``n_columns_total``.

    See Also
    --------
    profit_map_summary : how much of the map is red.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))
    >>> m = profit_map(pnl)
    >>> bool(abs(m.sum().sum() - pnl["net_profit"].sum()) < 1e-6)
    True
    >>> profit_map(pnl, top=5).shape
    (5, 5)
    """
    func = "profit_map"
    for name, value in (("rows", rows), ("columns", columns)):
        check_column_name(value, name, func=func)
    if rows == columns:
        raise ValueError(f"{func}: rows and columns are both {rows!r}; a map needs two grains, e.g. "
                         f"rows='customer_id', columns='product_id'.")
    n_rows, n_cols = _check_top(top, func)
    if n_rows is None:
        agg = _map_values(profit_by(pnl, [rows, columns], company=company), rows, columns, values, func)
        row_profit = agg.groupby(rows, sort=False)["net_profit"].sum()
        col_profit = agg.groupby(columns, sort=False)["net_profit"].sum()
        row_order = row_profit.sort_values(ascending=False, kind="stable").index
        col_order = col_profit.sort_values(ascending=False, kind="stable").index
    else:
        # Rank rows and columns on their own totals and aggregate only the
        # block shown: a client's millions of customer x product pairs never
        # become one frame.
        check_pnl(pnl, func=func)
        key_r = key_series(pnl, rows, company=company, func=func)
        key_c = key_series(pnl, columns, company=company, func=func)
        measures = pnl[["net_profit", "revenue"]]
        measures.attrs = {}
        tot_r = measures.groupby(key_r.to_numpy(), dropna=False).sum()
        tot_c = measures.groupby(key_c.to_numpy(), dropna=False).sum()
        row_profit, col_profit = tot_r["net_profit"], tot_c["net_profit"]
        keep_r = tot_r["revenue"].nlargest(n_rows).index
        keep_c = tot_c["revenue"].nlargest(n_cols).index
        row_order = row_profit.sort_values(ascending=False, kind="stable").index
        col_order = col_profit.sort_values(ascending=False, kind="stable").index
        row_order = row_order[row_order.isin(keep_r)]
        col_order = col_order[col_order.isin(keep_c)]
        block = (key_r.isin(keep_r) & key_c.isin(keep_c)).to_numpy()
        agg = _map_values(profit_by(pnl[block], [rows, columns], company=company), rows, columns, values, func)
    matrix = agg.pivot(index=rows, columns=columns, values=values)
    matrix = matrix.reindex(index=row_order, columns=col_order)
    matrix.index.name, matrix.columns.name = rows, columns
    matrix.attrs = {"rows": rows, "columns": columns, "values": values,
                    "n_rows_total": int(len(row_profit)), "n_columns_total": int(len(col_profit))}
    return matrix


def profit_map_summary(pnl: pd.DataFrame, *, rows="customer_id", columns="product_id",
                       company=None) -> pd.Series:
    """Measure the sea of red ink in the profit map.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    rows, columns : str, default="customer_id", "product_id"
        The two grains of the map, as in :func:`profit_map`.
    company : Company or dict, optional
        Needed only when ``rows`` or ``columns`` is not a column of pnl.

    Returns
    -------
    pandas.Series
        ``cells`` (combinations with sales), ``losing_cells`` (net profit
        below 0), ``losing_cells_pct`` (% of cells),
        ``revenue_in_losing_cells_pct`` (% of revenue),
        ``profit_in_profitable_cells`` ($), ``loss_in_losing_cells`` ($,
        negative) and ``net_profit`` ($, their sum).

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))
    >>> s = profit_map_summary(pnl)
    >>> bool(0 <= s["losing_cells_pct"] <= 100)
    True
    >>> bool(abs(s["profit_in_profitable_cells"] + s["loss_in_losing_cells"] - s["net_profit"]) < 1e-6)
    True
    """
    if rows == columns:
        raise ValueError(f"profit_map_summary: rows and columns are both {rows!r}; a map needs two "
                         f"grains, e.g. rows='customer_id', columns='product_id'.")
    cells = profit_by(pnl, [rows, columns], company=company)
    losing = cells["net_profit"] < 0
    revenue = float(cells["revenue"].sum())
    return pd.Series({
        "cells": int(len(cells)),
        "losing_cells": int(losing.sum()),
        "losing_cells_pct": float(losing.mean() * 100.0),
        "revenue_in_losing_cells_pct": (float(cells.loc[losing, "revenue"].sum() / revenue * 100.0)
                                        if revenue != 0 else float("nan")),
        "profit_in_profitable_cells": float(cells.loc[~losing, "net_profit"].sum()),
        "loss_in_losing_cells": float(cells.loc[losing, "net_profit"].sum()),
        "net_profit": float(cells["net_profit"].sum()),
    }, name="profit_map_summary", dtype=object)
