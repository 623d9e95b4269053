"""Profitability exhibits: roll-ups, the whale curve and Byrnes's segments.

Every function takes the line P&L returned by :func:`casekit.cost_to_serve`
(one row per invoice line, money in dollars) and returns a tidy DataFrame that
:mod:`casekit.plots` can draw.  Nothing is lost on the way: totals reconcile
with the lines they came from.  The profit map lives in
:mod:`casekit.analysis.profit_map`, the pocket price in
:mod:`casekit.analysis.pocket_price`.

Percentages are on a 0-100 scale; their columns end in ``_pct`` or start with
``share_of_``.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from casekit.analysis.grains import as_keys, company_tables, key_series, pct
from casekit.validation import check_frame, check_pnl, check_real

__all__ = [
    "profit_by",
    "sorted_group_sums",
    "whale_curve",
    "segment_customers",
    "segment_summary",
    "SEGMENTS",
    "SEGMENT_PRESCRIPTIONS",
]

_ADDITIVE = ["lines", "cases", "returned_cases", "gross_sales", "on_invoice_discounts", "revenue",
             "net_sales", "cogs", "gross_margin"]
# After the activities: cost to serve, and for an all-in P&L (casekit.charge_overheads)
# the contribution, the overheads charged and what is left.
_LAST = ["cost_to_serve", "contribution", "overheads", "net_profit"]

_DOLLARS = "a finite number of dollars"

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
    check_pnl(pnl, func="profit_by")
    keys = as_keys(by, func="profit_by")
    groups = [key_series(pnl, k, company=company, func="profit_by").rename(k) for k in keys]
    costs = [c for c in pnl.columns if c.startswith("cost_") and c not in _LAST]
    overheads = [c for c in pnl.columns if c.startswith("overhead_")]
    last = _LAST[:2] + overheads + _LAST[2:]
    sum_cols = [c for c in _ADDITIVE + costs + last if c in pnl.columns and c not in keys]
    frame = pnl[sum_cols]
    frame.attrs = {}  # cost_to_serve's attrs hold a DataFrame, which pandas cannot compare when it concatenates
    out = sorted_group_sums(frame, groups[0]) if len(groups) == 1 else None
    if out is None:
        grouped = frame.groupby(groups, observed=True, dropna=False, sort=True)
        out = grouped.sum()
        if "lines" not in out.columns:
            out.insert(0, "lines", grouped.size())
        out = out.reset_index()
    out["net_margin_pct"] = pct(out["net_profit"], out["revenue"])
    if "cost_to_serve" in out.columns:
        out["cost_to_serve_pct"] = pct(out["cost_to_serve"], out["revenue"])
    out = out.sort_values("net_profit", ascending=False, kind="stable").reset_index(drop=True)
    out.attrs = {"by": keys, "activities": costs}
    return out


def sorted_group_sums(frame: pd.DataFrame, key: pd.Series) -> pd.DataFrame | None:
    """Each column of ``frame`` summed by a categorical ``key`` whose rows come in category order.

    A customer x product roll-up comes out of :func:`casekit.cost_to_serve`
    sorted by customer, so its customers are runs of rows: each column's
    sums are one :meth:`numpy.ufunc.reduceat` over the runs, the columns
    summed on several threads (14.6 M pairs to 108 k customers, 19 columns:
    0.32-0.35 s against pandas' 0.9-1.3 s, whose kernels check every column
    for NaN first).  The result is what ``frame.groupby(key, observed=True,
    sort=True).sum()`` gives after ``reset_index()``, with ``lines`` (the
    count of rows) first when ``frame`` has none.

    Returns
    -------
    pandas.DataFrame or None
        ``None`` when ``key`` is not categorical, not in category order or
        has a missing value, when a column is not a plain NumPy number, or
        when a sum is NaN (pandas skips NaN; a sum of runs does not): then
        pandas' group-by is the way.

    Examples
    --------
    >>> key = pd.Series(pd.Categorical(["a", "a", "c"], categories=["a", "b", "c"]), name="customer_id")
    >>> sorted_group_sums(pd.DataFrame({"revenue": [1.0, 2.0, 4.0]}), key).to_dict("list")
    {'customer_id': ['a', 'c'], 'lines': [2, 1], 'revenue': [3.0, 4.0]}
    >>> sorted_group_sums(pd.DataFrame({"revenue": [1.0, 2.0, 4.0]}), key[::-1].reset_index(drop=True)) is None
    True
    """
    if not isinstance(key.dtype, pd.CategoricalDtype) or not len(key) or len(frame) != len(key):
        return None
    codes = key.cat.codes.to_numpy()
    if codes[0] < 0 or not bool((codes[1:] >= codes[:-1]).all()):
        return None
    values = [frame[c].to_numpy() for c in frame.columns]
    if any(not isinstance(v, np.ndarray) or v.dtype.kind not in "if" for v in values):
        return None
    # Where each category's run starts: a binary search per category, not a pass over the rows.
    bounds = np.searchsorted(codes, np.arange(len(key.cat.categories) + 1), side="left")
    counts = np.diff(bounds)
    seen = np.flatnonzero(counts)
    starts = bounds[seen]
    # NumPy lets go of the GIL inside reduceat, so the columns are summed on every core.
    with ThreadPoolExecutor(max(1, min(os.cpu_count() or 1, 4))) as pool:
        sums = list(pool.map(lambda v: np.add.reduceat(v, starts), values))
    if any(s.dtype.kind == "f" and np.isnan(s).any() for s in sums):
        return None
    out = {key.name: pd.Categorical.from_codes(seen.astype(codes.dtype), dtype=key.dtype)}
    if "lines" not in frame.columns:
        out["lines"] = counts[seen].astype(np.int64)
    out.update(zip(frame.columns, sums))
    return pd.DataFrame(out, copy=False)


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
    >>> bool(round(curve.attrs["peak_pct"], 6) >= 100)
    True
    """
    if not isinstance(by, str):
        raise TypeError(
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
    check_pnl(pnl, columns=("customer_id", "revenue", "net_profit"), func=func)
    cust = profit_by(pnl, "customer_id")
    if revenue_cut is None:
        revenue_cut = float(cust["revenue"].median())
    else:
        revenue_cut = check_real(revenue_cut, "revenue_cut", low=0, what=_DOLLARS, func=func)
    profit_cut = check_real(profit_cut, "profit_cut", what=_DOLLARS, func=func)
    large = cust["revenue"] >= revenue_cut
    labels = np.where(large & (cust["net_profit"] > profit_cut), SEGMENTS[0],
                      np.where(large, SEGMENTS[1], SEGMENTS[2]))
    cols = ["customer_id"] + [c for c in ("revenue", "gross_margin", "cost_to_serve", "net_profit",
                                          "net_margin_pct") if c in cust.columns]
    out = cust[cols].copy()
    if company is not None:
        customers = company_tables(company, func=func).get("customers")
        extra = [c for c in ("customer_name", "channel_of_trade", "region")
                 if isinstance(customers, pd.DataFrame) and c in customers.columns]
        for i, col in enumerate(extra, start=1):
            out.insert(i, col, key_series(out, col, company={"customers": customers}, func=func))
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
    check_frame(segments, name="segments", columns=["segment", "revenue", "net_profit", "cost_to_serve"],
                source="segment_customers(pnl)", func=func)
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
    out["share_of_customers"] = pct(out["customers"], float(len(segments)))
    out["share_of_revenue"] = pct(out["revenue"], float(segments["revenue"].sum()))
    out["share_of_profit"] = (pct(out["net_profit"], total_profit) if total_profit > 0
                              else np.nan)
    out["share_of_cost_to_serve"] = pct(out["cost_to_serve"], float(segments["cost_to_serve"].sum()))
    out["prescription"] = out["segment"].astype(object).map(SEGMENT_PRESCRIPTIONS)
    order = ["segment", "customers", "share_of_customers", "revenue", "share_of_revenue",
             "net_profit", "share_of_profit", "cost_to_serve", "share_of_cost_to_serve", "prescription"]
    out = out[order]
    out.attrs = dict(segments.attrs)
    return out
