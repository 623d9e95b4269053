"""Profitability exhibits: roll-ups, whale curve, segments, profit map, pocket price.

Every function takes the line P&L returned by :func:`casekit.cost_to_serve`
(one row per invoice line, money in dollars) and returns a tidy DataFrame that
:mod:`casekit.plots` can draw.  Nothing is lost on the way: totals reconcile
with the lines they came from.

Percentages are on a 0-100 scale; their columns end in ``_pct`` or start with
``share_of_``.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np
import pandas as pd

__all__ = [
    "profit_by",
    "whale_curve",
    "segment_customers",
    "segment_summary",
    "SEGMENTS",
    "SEGMENT_PRESCRIPTIONS",
    "profit_map",
    "profit_map_summary",
    "price_waterfall",
    "pocket_price_band",
    "WATERFALL_STEPS",
]

# Columns of the line P&L that add up (money in $, cases in cases).  Every
# other ``cost_<activity>`` column is added too, in the order of the pnl.
_ADDITIVE = ["lines", "cases", "returned_cases", "gross_sales", "on_invoice_discounts", "revenue",
             "cogs", "gross_margin"]
_LAST = ["cost_to_serve", "net_profit"]

# Where a grouping column missing from the pnl is looked up, in this order.
# Orders come first: ``order_channel`` on an order is the channel actually
# used, the customer's ``order_channel`` only the usual one.
_LOOKUPS = (("orders", "order_id"), ("customers", "customer_id"), ("products", "product_id"))

SEGMENTS = ("Profit Peak", "Profit Drain", "Profit Desert")

# Byrnes, "Islands of Profit in a Sea of Red Ink" (2010) and Byrnes & Wass
# (HBR): what to do with each segment, paraphrased.
SEGMENT_PRESCRIPTIONS = {
    "Profit Peak": (
        "Protect and grow these accounts: build operating partnerships with them, for example "
        "vendor-managed inventory and supply chains linked by shared forecasts and replenishment, "
        "so both sides take cost out and the account has reasons to give you more of its business."
    ),
    "Profit Drain": (
        "Keep the revenue, fix the cost: a cross-functional team (sales, logistics, customer "
        "service) works with the customer to remove cost to serve on both sides (order "
        "patterns, delivery frequency, rush orders, returns, payment terms); price is rarely "
        "the lever."
    ),
    "Profit Desert": (
        "Stop serving them one by one: move these small accounts from the reps' C-account lists "
        "to one dedicated team with a low-cost service model (web or EDI ordering, scheduled "
        "deliveries, minimum orders) and grow the few that can become Peaks."
    ),
}

WATERFALL_STEPS = ("List price", "On-invoice discount", "Invoice price", "Off-invoice allowances",
                   "Pocket price")


# --------------------------------------------------------------------------
# Validation and joins
# --------------------------------------------------------------------------

def _check_pnl(pnl, func: str, required=("revenue", "net_profit")) -> None:
    if not isinstance(pnl, pd.DataFrame):
        if all(hasattr(pnl, n) for n in ("customers", "products", "orders", "lines")):
            raise TypeError(
                f"{func} takes the line P&L, not the company: compute it first with "
                f"pnl = cost_to_serve(co), then call {func}(pnl, ...)."
            )
        raise TypeError(f"{func} needs the DataFrame returned by cost_to_serve(company); "
                        f"got {type(pnl).__name__}.")
    missing = [c for c in required if c not in pnl.columns]
    if missing:
        raise ValueError(
            f"{func}: pnl has no column(s) {missing}. Pass the frame returned by "
            f"cost_to_serve(company), which has them."
        )
    if pnl.empty:
        raise ValueError(f"{func}: pnl has no rows; did a filter remove every line?")


def _as_keys(by, func: str) -> list[str]:
    keys = [by] if isinstance(by, str) else by
    if (not isinstance(keys, (list, tuple)) or len(keys) == 0
            or not all(isinstance(k, str) for k in keys)):
        raise ValueError(
            f"{func}: by must be a column name or a list of column names, e.g. "
            f"by='customer_id' or by=['customer_id', 'product_id']; got {by!r}."
        )
    if len(set(keys)) != len(keys):
        raise ValueError(f"{func}: by={list(keys)} names a column twice; list each column once.")
    return list(keys)


def _company_tables(company, func: str) -> dict:
    if isinstance(company, dict):
        return company
    names = ("customers", "products", "orders")
    if not all(hasattr(company, n) for n in names):
        raise TypeError(f"{func}: company must be a Company (from make_company or load_case) or a dict "
                        f"of tables; got {type(company).__name__}.")
    return {n: getattr(company, n) for n in names}


def _key_series(pnl: pd.DataFrame, key: str, company, func: str) -> pd.Series:
    """The grouping column ``key`` aligned with pnl's rows, joined if needed."""
    if key in pnl.columns:
        return pnl[key]
    if company is None:
        raise ValueError(
            f"{func}: {key!r} is not a column of pnl. Pass company=co (the Company the pnl was "
            f"computed from) so {key!r} can be joined from its customers, products or orders "
            f"table, or group by a column pnl has: {list(pnl.columns[:8])}..."
        )
    tables = _company_tables(company, func)
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


def _pct(num, den) -> np.ndarray:
    """num / den x 100, NaN where den is 0 (positional, no index alignment)."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den != 0, num / np.where(den != 0, den, 1.0) * 100.0, np.nan)


def _check_number(value, name: str, func: str, *, low=None) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(float(value)):
        raise ValueError(f"{func}: {name} must be a finite number of dollars; got {value!r}.")
    if low is not None and value < low:
        raise ValueError(f"{func}: {name}={value!r} is below {low}; use a value >= {low}.")
    return float(value)


def _select_product(pnl: pd.DataFrame, product_id, func: str) -> pd.DataFrame:
    if "product_id" not in pnl.columns:
        raise ValueError(f"{func}: pnl has no column 'product_id'; pass the line P&L from "
                         f"cost_to_serve(company) (not a frame aggregated without products).")
    ids = [product_id] if np.isscalar(product_id) else list(product_id)
    present = set(pnl["product_id"].astype(object).unique())
    unknown = [p for p in ids if p not in present]
    if unknown:
        example = sorted(present)[:3]
        raise ValueError(f"{func}: product_id {unknown} has no lines in pnl; use one that does, "
                         f"e.g. {example}.")
    sel = pnl[pnl["product_id"].isin(ids)]
    sel.attrs = {}
    return sel


# --------------------------------------------------------------------------
# Roll-ups
# --------------------------------------------------------------------------

def profit_by(pnl: pd.DataFrame, by="customer_id", *, company=None) -> pd.DataFrame:
    """Roll the line P&L up to customers, products, channels or any other grain.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve` (or a frame it
        aggregated with ``by=``).
    by : str or list of str, default="customer_id"
        Grouping column(s).  A column that pnl lacks (``channel_of_trade``,
        ``region``, ``order_channel``, ``brand``, ``category``, ``is_niche``,
        ...) is joined from ``company.orders``, ``company.customers`` or
        ``company.products``, in that order, so ``order_channel`` is the
        channel each order actually used.
    company : Company or dict, optional
        The company the pnl was computed from; needed only to join columns.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by ``net_profit`` descending: the ``by``
        columns (categorical keys stay categorical, only observed groups),
        ``lines`` (invoice lines), ``cases``, ``returned_cases``,
        ``gross_sales``, ``on_invoice_discounts``, ``revenue``, ``cogs``,
        ``gross_margin``, every ``cost_<activity>``, ``cost_to_serve``,
        ``net_profit`` (all summed, $), ``net_margin_pct`` (net profit / revenue,
        %, NaN for zero revenue) and ``cost_to_serve_pct`` (cost to serve /
        revenue, %).

    See Also
    --------
    whale_curve : rank the groups and accumulate their profit.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> co = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(co)
    >>> by_channel = profit_by(pnl, "channel_of_trade", company=co)
    >>> bool(abs(by_channel["net_profit"].sum() - pnl["net_profit"].sum()) < 1e-6)
    True
    >>> int(by_channel["lines"].sum()) == len(pnl)
    True
    """
    _check_pnl(pnl, "profit_by")
    keys = _as_keys(by, "profit_by")
    key_series = [_key_series(pnl, k, company, "profit_by").rename(k) for k in keys]
    costs = [c for c in pnl.columns if c.startswith("cost_") and c not in _LAST]
    sum_cols = [c for c in _ADDITIVE + costs + _LAST if c in pnl.columns and c not in keys]
    frame = pnl[sum_cols]
    frame.attrs = {}  # cost_to_serve's attrs hold a DataFrame, which pandas cannot compare when it concatenates
    grouped = frame.groupby(key_series, observed=True, dropna=False, sort=True)
    out = grouped.sum()
    if "lines" not in out.columns:
        out.insert(0, "lines", grouped.size())
    out = out.reset_index()
    out["net_margin_pct"] = _pct(out["net_profit"], out["revenue"])
    if "cost_to_serve" in out.columns:
        out["cost_to_serve_pct"] = _pct(out["cost_to_serve"], out["revenue"])
    out = out.sort_values("net_profit", ascending=False, kind="stable").reset_index(drop=True)
    out.attrs = {"by": keys, "activities": costs}
    return out


def whale_curve(pnl: pd.DataFrame, by: str = "customer_id", *, company=None,
                allow_nonpositive: bool = False) -> pd.DataFrame:
    """Rank accounts from most to least profitable and accumulate their profit.

    The whale curve (Kaplan & Cooper) plots cumulative profit, as a percent of
    total profit, against the cumulative share of accounts.  It rises above
    100 % while profitable accounts are added and sinks back to 100 % as the
    loss-makers take their toll.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    by : str, default="customer_id"
        The kind of account to rank (``"product_id"``, ``"rep_id"``, or a
        column joined from ``company`` such as ``"brand"``).
    company : Company or dict, optional
        Needed only when ``by`` is not a column of pnl.
    allow_nonpositive : bool, default=False
        When total profit is zero or negative the percent of total profit is
        undefined and a ValueError is raised; pass True to get the curve in
        dollars only (``cumulative_profit_pct`` is then NaN and
        ``attrs["nonpositive_total"]`` is True).

    Returns
    -------
    pandas.DataFrame
        One row per account, most profitable first: ``rank`` (1..n), ``by``,
        ``share_of_<by>`` (cumulative % of accounts, in (0, 100]),
        ``revenue``, ``net_profit``, ``cumulative_profit`` ($) and
        ``cumulative_profit_pct`` (% of total profit, ends at 100).
        ``attrs``: ``by``, ``share_column``, ``n``, ``total_profit`` ($),
        ``peak_pct`` (height of the curve, %), ``peak_share`` (% of accounts
        at the peak), ``top20_pct`` (% of profit earned by the top 20 % of
        accounts), ``loss_share`` (% of accounts losing money) and
        ``nonpositive_total``.

    Raises
    ------
    ValueError
        If total profit is not positive and ``allow_nonpositive`` is False.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))
    >>> curve = whale_curve(pnl)
    >>> round(float(curve["cumulative_profit_pct"].iloc[-1]), 6)
    100.0
    >>> bool(curve.attrs["peak_pct"] >= 100)
    True
    """
    if not isinstance(by, str):
        raise ValueError(
            f"whale_curve ranks one kind of account: by must be one column name such as "
            f"'customer_id' or 'product_id'; got {by!r}. For pairs, use profit_map."
        )
    agg = profit_by(pnl, by, company=company)
    n = len(agg)
    share_col = f"share_of_{by}"
    total = float(agg["net_profit"].sum())
    rank = np.arange(1, n + 1)
    curve = pd.DataFrame({
        "rank": rank,
        by: agg[by],
        share_col: rank / n * 100.0,
        "revenue": agg["revenue"].to_numpy(),
        "net_profit": agg["net_profit"].to_numpy(),
    })
    curve["cumulative_profit"] = curve["net_profit"].cumsum()
    # A total that is zero up to rounding (a billionth of the gross flows) is
    # treated as zero: percentages of it would be noise.
    nonpositive = total <= 1e-9 * float(np.abs(curve["net_profit"]).sum())
    if nonpositive and not allow_nonpositive:
        raise ValueError(
            f"whale_curve: total net profit is ${total:,.0f}, so the whale curve (cumulative "
            f"profit as a percent of total profit) is undefined: dividing by a total that is zero "
            f"or negative turns the curve upside down. Pass allow_nonpositive=True to get "
            f"cumulative profit in dollars, or check the selection of lines."
        )
    curve["cumulative_profit_pct"] = np.nan if nonpositive else curve["cumulative_profit"] / total * 100.0
    top_k = max(1, math.ceil(0.2 * n))
    height = curve["cumulative_profit"] if nonpositive else curve["cumulative_profit_pct"]
    peak_at = int(height.to_numpy().argmax())
    curve.attrs = {
        "by": by,
        "share_column": share_col,
        "n": n,
        "total_profit": total,
        "peak_pct": float("nan") if nonpositive else float(height.iloc[peak_at]),
        "peak_share": float(curve[share_col].iloc[peak_at]),
        "peak_profit": float(curve["cumulative_profit"].iloc[peak_at]),
        "top20_pct": float("nan") if nonpositive else float(height.iloc[top_k - 1]),
        "loss_share": float((curve["net_profit"] < 0).mean() * 100.0),
        "nonpositive_total": bool(nonpositive),
    }
    return curve


# --------------------------------------------------------------------------
# Byrnes's segments
# --------------------------------------------------------------------------

def segment_customers(pnl: pd.DataFrame, *, revenue_cut=None, profit_cut=0.0, company=None) -> pd.DataFrame:
    """Sort customers into Byrnes's Profit Peaks, Profit Drains and Profit Deserts.

    Byrnes gives no numeric cut-offs, so they are parameters: a customer with
    revenue at or above ``revenue_cut`` is a **Profit Peak** if its net profit
    is above ``profit_cut`` and a **Profit Drain** otherwise; a customer below
    ``revenue_cut`` is a **Profit Desert**.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    revenue_cut : float, optional
        Revenue ($) that separates large accounts from small ones; the median
        customer revenue when omitted.
    profit_cut : float, default=0.0
        Net profit ($) a large account must exceed to be a Peak.
    company : Company or dict, optional
        When given, ``customer_name``, ``channel_of_trade`` and ``region``
        are added from ``company.customers``.

    Returns
    -------
    pandas.DataFrame
        One row per customer with lines in pnl, most profitable first:
        ``customer_id``, (``customer_name``, ``channel_of_trade``, ``region``),
        ``revenue``, ``gross_margin``, ``cost_to_serve``, ``net_profit``
        ($), ``net_margin_pct``, and ``segment``, an ordered Categorical
        over :data:`SEGMENTS`.  ``attrs`` holds ``revenue_cut`` and
        ``profit_cut``.

    See Also
    --------
    segment_summary : counts, revenue and profit per segment.
    SEGMENT_PRESCRIPTIONS : what Byrnes recommends for each segment.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))
    >>> seg = segment_customers(pnl)
    >>> len(seg) == pnl["customer_id"].nunique()
    True
    >>> list(seg["segment"].cat.categories)
    ['Profit Peak', 'Profit Drain', 'Profit Desert']
    """
    func = "segment_customers"
    _check_pnl(pnl, func, required=("customer_id", "revenue", "net_profit"))
    cust = profit_by(pnl, "customer_id")
    if revenue_cut is None:
        revenue_cut = float(cust["revenue"].median())
    else:
        revenue_cut = _check_number(revenue_cut, "revenue_cut", func, low=0)
    profit_cut = _check_number(profit_cut, "profit_cut", func)
    large = cust["revenue"] >= revenue_cut
    labels = np.where(large & (cust["net_profit"] > profit_cut), SEGMENTS[0],
                      np.where(large, SEGMENTS[1], SEGMENTS[2]))
    cols = ["customer_id"] + [c for c in ("revenue", "gross_margin", "cost_to_serve", "net_profit",
                                          "net_margin_pct") if c in cust.columns]
    out = cust[cols].copy()
    if company is not None:
        customers = _company_tables(company, func).get("customers")
        extra = [c for c in ("customer_name", "channel_of_trade", "region")
                 if isinstance(customers, pd.DataFrame) and c in customers.columns]
        for i, col in enumerate(extra, start=1):
            out.insert(i, col, _key_series(out, col, {"customers": customers}, func))
    out["segment"] = pd.Categorical(labels, categories=list(SEGMENTS), ordered=True)
    out.attrs = {"revenue_cut": revenue_cut, "profit_cut": profit_cut}
    return out


def segment_summary(segments: pd.DataFrame) -> pd.DataFrame:
    """Count customers, revenue, profit and cost to serve in each segment.

    Parameters
    ----------
    segments : pandas.DataFrame
        The frame from :func:`segment_customers`.

    Returns
    -------
    pandas.DataFrame
        One row per segment, in the order of :data:`SEGMENTS` (empty segments
        included): ``segment``, ``customers``, ``share_of_customers`` (%),
        ``revenue``, ``share_of_revenue`` (%), ``net_profit``,
        ``share_of_profit`` (% of total net profit; NaN when the total is not
        positive), ``cost_to_serve``, ``share_of_cost_to_serve`` (%), and
        ``prescription`` (from :data:`SEGMENT_PRESCRIPTIONS`).

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))
    >>> summary = segment_summary(segment_customers(pnl))
    >>> int(summary["customers"].sum()) == pnl["customer_id"].nunique()
    True
    >>> round(float(summary["share_of_revenue"].sum()), 6)
    100.0
    """
    func = "segment_summary"
    if not isinstance(segments, pd.DataFrame):
        raise TypeError(f"{func} takes the frame returned by segment_customers(pnl); "
                        f"got {type(segments).__name__}.")
    missing = [c for c in ("segment", "revenue", "net_profit", "cost_to_serve") if c not in segments.columns]
    if missing:
        raise ValueError(f"{func}: segments has no column(s) {missing}; pass the frame returned by "
                         f"segment_customers(pnl).")
    seg = segments["segment"]
    unknown = sorted(set(seg.dropna().astype(object)) - set(SEGMENTS))
    if unknown or seg.isna().any():
        raise ValueError(f"{func}: column 'segment' holds {unknown or 'missing values'}; every row "
                         f"must be one of {list(SEGMENTS)} (use segment_customers to assign them).")
    seg = pd.Categorical(seg.astype(object), categories=list(SEGMENTS), ordered=True)
    grouped = segments[["revenue", "net_profit", "cost_to_serve"]].groupby(seg, observed=False)
    out = grouped.sum()
    out.insert(0, "customers", grouped.size())
    out.index.name = "segment"
    out = out.reset_index()
    total_profit = float(segments["net_profit"].sum())
    out["share_of_customers"] = _pct(out["customers"], float(len(segments)))
    out["share_of_revenue"] = _pct(out["revenue"], float(segments["revenue"].sum()))
    out["share_of_profit"] = (_pct(out["net_profit"], total_profit) if total_profit > 0
                              else np.nan)
    out["share_of_cost_to_serve"] = _pct(out["cost_to_serve"], float(segments["cost_to_serve"].sum()))
    out["prescription"] = out["segment"].astype(object).map(SEGMENT_PRESCRIPTIONS)
    order = ["segment", "customers", "share_of_customers", "revenue", "share_of_revenue",
             "net_profit", "share_of_profit", "cost_to_serve", "share_of_cost_to_serve", "prescription"]
    out = out[order]
    out.attrs = dict(segments.attrs)
    return out


# --------------------------------------------------------------------------
# Profit map
# --------------------------------------------------------------------------

def _check_top(top, func: str):
    if top is None:
        return None, None
    pair = (top, top) if not isinstance(top, (tuple, list)) else tuple(top)
    if (len(pair) != 2 or any(isinstance(t, bool) or not isinstance(t, Integral) or t < 1
                              for t in pair)):
        raise ValueError(f"{func}: top must be a positive int (rows and columns) or a pair "
                         f"(n_rows, n_columns) such as top=(20, 30); got {top!r}.")
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
        if not isinstance(value, str):
            raise ValueError(f"{func}: {name} must be one column name such as 'customer_id'; got {value!r}.")
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
        _check_pnl(pnl, func)
        key_r = _key_series(pnl, rows, company, func)
        key_c = _key_series(pnl, columns, company, func)
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


# --------------------------------------------------------------------------
# Pocket price
# --------------------------------------------------------------------------

_PRICE_COLUMNS = ("cases", "gross_sales", "on_invoice_discounts", "revenue", "cost_trade_promotion")


def _per_case(agg: pd.DataFrame) -> pd.DataFrame:
    cases = agg["cases"].astype(float)
    return pd.DataFrame({
        WATERFALL_STEPS[0]: agg["gross_sales"] / cases,
        WATERFALL_STEPS[1]: -agg["on_invoice_discounts"] / cases,
        WATERFALL_STEPS[2]: agg["revenue"] / cases,
        WATERFALL_STEPS[3]: -agg["cost_trade_promotion"] / cases,
        WATERFALL_STEPS[4]: (agg["revenue"] - agg["cost_trade_promotion"]) / cases,
    }, index=agg.index)


def price_waterfall(pnl: pd.DataFrame, *, product_id=None, by=None, company=None) -> pd.DataFrame:
    """Walk from list price to pocket price per case (Marn & Rosiello's waterfall).

    List price, less on-invoice discounts, is the invoice price; less
    off-invoice allowances (trade promotion paid after the invoice) it is the
    pocket price, what the company actually keeps per case.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    product_id : str or list of str, optional
        Restrict to the lines of this product (or these products); all lines
        when omitted.
    by : str or list of str, optional
        One waterfall per group (e.g. ``"channel_of_trade"``), joined from
        ``company`` if needed.
    company : Company or dict, optional
        Needed only when ``by`` is not a column of pnl.

    Returns
    -------
    pandas.DataFrame
        Five rows per group: the ``by`` columns (if any), ``step`` (ordered
        Categorical over :data:`WATERFALL_STEPS`), ``value_per_case`` ($ per
        case, cases-weighted; deductions negative, so list price plus the
        deductions equals pocket price), ``kind`` (``"price"`` or
        ``"deduction"``) and ``pct_of_list`` (% of list price).  ``attrs``:
        ``product_id``, ``by``, ``cases``.

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))
    >>> w = price_waterfall(pnl)
    >>> list(w["kind"])
    ['price', 'deduction', 'price', 'deduction', 'price']
    >>> v = w["value_per_case"].to_numpy()
    >>> bool(abs(v[0] + v[1] + v[3] - v[4]) < 1e-9)
    True
    """
    func = "price_waterfall"
    _check_pnl(pnl, func, required=_PRICE_COLUMNS)
    sel = pnl if product_id is None else _select_product(pnl, product_id, func)
    if by is None:
        keys = []
        agg = sel[list(_PRICE_COLUMNS)].sum().to_frame().T
    else:
        keys = _as_keys(by, func)
        agg = profit_by(sel, keys, company=company)
    if (agg["cases"] <= 0).any():
        raise ValueError(f"{func}: some selections have no cases, so a price per case is undefined; "
                         f"filter pnl to lines with cases > 0.")
    wide = _per_case(agg)
    for k in keys:
        wide[k] = agg[k]
    out = wide.melt(id_vars=keys, value_vars=list(WATERFALL_STEPS), var_name="step",
                    value_name="value_per_case")
    out["step"] = pd.Categorical(out["step"], categories=list(WATERFALL_STEPS), ordered=True)
    out = out.sort_values(keys + ["step"], kind="stable").reset_index(drop=True)
    out["kind"] = np.where(out["step"].isin([WATERFALL_STEPS[1], WATERFALL_STEPS[3]]), "deduction", "price")
    if keys:
        list_price = out.groupby(keys, observed=True, sort=False)["value_per_case"].transform("first")
    else:
        list_price = np.full(len(out), out["value_per_case"].iloc[0])
    out["pct_of_list"] = _pct(out["value_per_case"], list_price)
    out.attrs = {"product_id": product_id, "by": keys or None, "cases": float(agg["cases"].sum())}
    return out


def pocket_price_band(pnl: pd.DataFrame, *, product_id, by="customer_id", company=None) -> pd.DataFrame:
    """Compare the pocket price per case one product earns in each account.

    Marn & Rosiello's pocket price band: the same product often sells at
    pocket prices far apart, once every discount and allowance is counted.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    product_id : str
        The product to look at.
    by : str, default="customer_id"
        The accounts to compare (``"channel_of_trade"`` etc. joined from
        ``company``).
    company : Company or dict, optional
        Needed only when ``by`` is not a column of pnl.

    Returns
    -------
    pandas.DataFrame
        One row per account that bought the product, highest pocket price
        first: ``by``, ``cases``, ``list_price``, ``invoice_price``,
        ``pocket_price`` ($ per case), ``pocket_pct_of_list`` (%) and
        ``share_of_cases`` (% of the product's cases).  ``attrs``:
        ``product_id``, ``by``, ``n``, ``min`` and ``max`` pocket price,
        ``mean`` (cases-weighted, $ per case) and ``spread_pct`` (how far the
        highest pocket price is above the lowest, %).

    Examples
    --------
    >>> from casekit import make_company, cost_to_serve
    >>> pnl = cost_to_serve(make_company(seed=1, n_customers=30, n_products=40))
    >>> band = pocket_price_band(pnl, product_id="P0001")
    >>> bool(band.attrs["min"] <= band.attrs["mean"] <= band.attrs["max"])
    True
    >>> round(float(band["share_of_cases"].sum()), 6)
    100.0
    """
    func = "pocket_price_band"
    if product_id is None or not np.isscalar(product_id):
        raise ValueError(f"{func}: the band compares accounts for one product; pass one id such as "
                         f"product_id='P0001', got {product_id!r}.")
    if not isinstance(by, str):
        raise ValueError(f"{func}: by must be one column name such as 'customer_id'; got {by!r}.")
    _check_pnl(pnl, func, required=_PRICE_COLUMNS)
    sel = _select_product(pnl, product_id, func)
    agg = profit_by(sel, by, company=company)
    agg = agg[agg["cases"] > 0]
    if agg.empty:
        raise ValueError(f"{func}: product {product_id!r} has no lines with cases > 0.")
    wide = _per_case(agg)
    band = pd.DataFrame({
        by: agg[by],
        "cases": agg["cases"],
        "list_price": wide[WATERFALL_STEPS[0]],
        "invoice_price": wide[WATERFALL_STEPS[2]],
        "pocket_price": wide[WATERFALL_STEPS[4]],
    })
    band["pocket_pct_of_list"] = _pct(band["pocket_price"], band["list_price"])
    band["share_of_cases"] = band["cases"] / band["cases"].sum() * 100.0
    band = band.sort_values("pocket_price", ascending=False, kind="stable").reset_index(drop=True)
    lo, hi = float(band["pocket_price"].min()), float(band["pocket_price"].max())
    mean = float((agg["revenue"].sum() - agg["cost_trade_promotion"].sum()) / agg["cases"].sum())
    band.attrs = {"product_id": product_id, "by": by, "n": int(len(band)), "min": lo, "max": hi,
                  "mean": mean, "spread_pct": (hi - lo) / lo * 100.0 if lo > 0 else float("nan")}
    return band
