"""Revenue that fits: how well each account's business fits the supply chain (ideas I10, I11).

Kaplan's profile of a high- against a low-cost-to-serve customer, and
Byrnes's "revenue that fits": :func:`revenue_fit` scores every account on six
dimensions of how it orders and is served, :func:`fit_summary` rolls the
scores up to three classes, and :func:`same_revenue_comparison` meets one
revenue target twice, with the best- and the worst-fitting accounts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.costing.drivers import cost_column
from casekit.models.levers import MANUAL_CHANNELS
from casekit.validation import check_frame, check_pnl, check_real

__all__ = ["FIT_DIMENSIONS", "FIT_CLASSES", "OPERATIONS_ACTIVITIES", "revenue_fit", "fit_summary",
           "same_revenue_comparison"]

# Activities counted as "operations cost" in the I11 comparison.
OPERATIONS_ACTIVITIES = ("order_handling", "picking", "delivery", "rush_handling")

FIT_DIMENSIONS = {
    # name: (column, fits when the value is ..., reading)
    "order size": ("cases_per_order", "high", "cases per order"),
    "order channel": ("manual_order_pct", "low", "% of orders placed by phone/fax or rep"),
    "delivery frequency": ("cases_per_delivery", "high", "cases per drop"),
    "product mix": ("split_case_pct", "low", "% of lines picked as split cases"),
    "rush orders": ("rush_order_pct", "low", "% of orders flagged rush"),
    "returns": ("return_pct", "low", "% of cases returned"),
}
FIT_CLASSES = ("fits well", "fits partly", "fits poorly")


def revenue_fit(pnl: pd.DataFrame, company, *, thresholds: dict | None = None) -> pd.DataFrame:
    """Describe how well each account's business fits the supply chain.

    Six dimensions (Kaplan's high- vs low-cost-to-serve profile, Byrnes's
    revenue that fits): order size, order channel, delivery pattern, product
    mix, rush orders, returns.  An account fits on a dimension when it is on
    the good side of the threshold (the median account by default).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    company : Company
        For order channels, rush flags and pick types.
    thresholds : dict, optional
        ``{column: value}`` overriding the median for any column of
        :data:`FIT_DIMENSIONS`.

    Returns
    -------
    pandas.DataFrame
        One row per customer: ``customer_id``, ``revenue``, ``cases``,
        ``net_profit``, ``operations_cost`` ($, activities in
        :data:`OPERATIONS_ACTIVITIES`), ``ops_cost_per_case``, the six
        measures (``cases_per_order``, ``manual_order_pct``,
        ``cases_per_delivery``, ``split_case_pct``, ``rush_order_pct``,
        ``return_pct``), one boolean ``fits_<dimension>`` each, ``fit_score``
        (0-6) and ``fit`` (ordered Categorical over :data:`FIT_CLASSES`:
        5-6 fits well, 3-4 partly, 0-2 poorly).  ``attrs["thresholds"]``
        holds the thresholds used.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> fit = revenue_fit(pnl, co)
    >>> len(fit) == len(co.customers), list(fit.columns[:4])
    (True, ['customer_id', 'revenue', 'cases', 'net_profit'])
    >>> bool(fit["fit_score"].between(0, 6).all()), list(fit["fit"].cat.categories)
    (True, ['fits well', 'fits partly', 'fits poorly'])
    """
    need = ["customer_id", "order_id", "product_id", "cases", "returned_cases", "revenue", "net_profit"]
    check_pnl(pnl, columns=need, source="cost_to_serve(company) (the line P&L)", allow_empty=True, func="revenue_fit")
    thresholds = dict(thresholds or {})
    known = {v[0] for v in FIT_DIMENSIONS.values()}
    bad = sorted(set(thresholds) - known)
    if bad:
        raise ValueError(f"thresholds: unknown column(s) {bad}; use some of {sorted(known)}.")
    orders = company.orders[["order_id", "order_channel", "rush", "delivery_id"]].copy()
    orders["order_id"] = orders["order_id"].astype(str)
    pick = company.products[["product_id", "pick_type"]].copy()
    pick["product_id"] = pick["product_id"].astype(str)
    ops_cols = [cost_column(a) for a in OPERATIONS_ACTIVITIES if cost_column(a) in pnl.columns]
    lines = pnl[["customer_id", "order_id", "product_id", "cases", "returned_cases", "revenue", "net_profit",
                 *ops_cols]].copy()
    lines["customer_id"] = lines["customer_id"].astype(str)
    lines["order_id"] = lines["order_id"].astype(str)
    lines["product_id"] = lines["product_id"].astype(str)
    lines = lines.merge(orders, on="order_id", how="left").merge(pick, on="product_id", how="left")
    lines["split"] = (lines["pick_type"] == "split_case").astype(float)
    g = lines.groupby("customer_id", sort=True)
    out = pd.DataFrame({
        "revenue": g["revenue"].sum(), "cases": g["cases"].sum().astype(float),
        "net_profit": g["net_profit"].sum(),
        "operations_cost": lines[ops_cols].sum(axis=1).groupby(lines["customer_id"]).sum(),
    })
    o = lines.drop_duplicates("order_id")
    go = o.groupby("customer_id", sort=True)
    n_orders = go.size()
    out["ops_cost_per_case"] = out["operations_cost"] / out["cases"].where(out["cases"] > 0)
    out["cases_per_order"] = out["cases"] / n_orders
    out["manual_order_pct"] = o["order_channel"].isin(MANUAL_CHANNELS).groupby(o["customer_id"]).mean() * 100
    out["cases_per_delivery"] = out["cases"] / lines.groupby("customer_id")["delivery_id"].nunique()
    out["split_case_pct"] = g["split"].mean() * 100
    out["rush_order_pct"] = o["rush"].astype(bool).groupby(o["customer_id"]).mean() * 100
    out["return_pct"] = g["returned_cases"].sum() / out["cases"].where(out["cases"] > 0) * 100
    score = np.zeros(len(out), dtype=int)
    used = {}
    for name, (col, good, _) in FIT_DIMENSIONS.items():
        cut = float(thresholds.get(col, out[col].median()))
        used[col] = cut
        fits = out[col] >= cut if good == "high" else out[col] <= cut
        out["fits_" + name.replace(" ", "_")] = fits.to_numpy()
        score += fits.to_numpy().astype(int)
    out["fit_score"] = score
    out["fit"] = pd.Categorical(np.where(score >= 5, FIT_CLASSES[0], np.where(score >= 3, FIT_CLASSES[1],
                                                                               FIT_CLASSES[2])),
                                categories=list(FIT_CLASSES), ordered=True)
    out = out.reset_index().rename(columns={"index": "customer_id"})
    out.attrs = {"thresholds": used}
    return out


def fit_summary(fit: pd.DataFrame) -> pd.DataFrame:
    """Roll :func:`revenue_fit` up to its three classes.

    Parameters
    ----------
    fit : pandas.DataFrame
        The frame returned by :func:`revenue_fit`.

    Returns
    -------
    pandas.DataFrame
        One row per class: ``fit``, ``customers``, ``revenue``,
        ``net_profit``, ``cases``, ``operations_cost`` ($),
        ``share_of_revenue_pct``, ``share_of_profit_pct``,
        ``net_margin_pct``, ``ops_cost_per_case`` ($ per case).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> s = fit_summary(revenue_fit(pnl, co))
    >>> s["fit"].tolist()
    ['fits well', 'fits partly', 'fits poorly']
    >>> int(s["customers"].sum()), round(float(s["share_of_revenue_pct"].sum()))
    (40, 100)
    """
    check_frame(fit, name="fit", columns=["fit"], source="revenue_fit(pnl, company)", func="fit_summary")
    g = fit.groupby("fit", observed=False)
    out = pd.DataFrame({
        "customers": g.size(), "revenue": g["revenue"].sum(), "net_profit": g["net_profit"].sum(),
        "cases": g["cases"].sum(), "operations_cost": g["operations_cost"].sum(),
    })
    out["share_of_revenue_pct"] = out["revenue"] / out["revenue"].sum() * 100
    out["share_of_profit_pct"] = out["net_profit"] / out["net_profit"].sum() * 100
    out["net_margin_pct"] = out["net_profit"] / out["revenue"] * 100
    out["ops_cost_per_case"] = out["operations_cost"] / out["cases"]
    return out.reset_index()


def same_revenue_comparison(fit: pd.DataFrame, *, target_revenue=None) -> pd.DataFrame:
    """Meet one revenue target twice: with the best-fitting and with the worst-fitting accounts.

    Accounts are taken in order of fit score (ties broken by operations cost
    per case), best first for one book of business and worst first for the
    other, until the target is met; the last account counts in proportion.

    Parameters
    ----------
    fit : pandas.DataFrame
        The frame from :func:`revenue_fit`.
    target_revenue : float, optional
        Revenue ($) each book must reach; a third of total revenue by default.
        At most half the total, so the two books can differ.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``well-fitting`` and ``poorly-fitting``: ``book``,
        ``accounts``, ``revenue``, ``cases``, ``operations_cost``,
        ``net_profit`` ($), ``ops_cost_per_case`` ($ per case) and
        ``ops_cost_pct_of_revenue`` (%).  ``attrs["target_revenue"]``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> comp = same_revenue_comparison(revenue_fit(pnl, co))
    >>> comp["book"].tolist()
    ['well-fitting', 'poorly-fitting']
    >>> bool(comp.loc[0, "ops_cost_per_case"] < comp.loc[1, "ops_cost_per_case"])
    True
    >>> bool(abs(comp.loc[0, "revenue"] - comp.attrs["target_revenue"]) < 1e-6)
    True
    """
    need = ["fit_score", "revenue", "cases", "operations_cost", "net_profit", "ops_cost_per_case"]
    check_frame(fit, name="fit", columns=need, source="revenue_fit(pnl, company)", func="same_revenue_comparison")
    f = fit[fit["revenue"] > 0]
    total = float(f["revenue"].sum())
    if target_revenue is None:
        target_revenue = total / 3
    check_real(target_revenue, "target_revenue", what="a revenue in $", func="same_revenue_comparison")
    if not 0 < target_revenue <= total / 2:
        raise ValueError(f"target_revenue must be a revenue in $ between 0 and half the total "
                         f"({total / 2:,.0f}); got {target_revenue!r}.")
    rows = []
    for name, asc in (("well-fitting", False), ("poorly-fitting", True)):
        order = f.sort_values(["fit_score", "ops_cost_per_case"], ascending=[asc, not asc], kind="stable")
        cum = order["revenue"].cumsum()
        before = cum - order["revenue"]
        weight = ((target_revenue - before) / order["revenue"]).clip(0, 1)
        tot = {c: float((order[c] * weight).sum()) for c in ("revenue", "cases", "operations_cost", "net_profit")}
        rows.append({"book": name, "accounts": float(weight.sum()), **tot,
                     "ops_cost_per_case": tot["operations_cost"] / tot["cases"],
                     "ops_cost_pct_of_revenue": tot["operations_cost"] / tot["revenue"] * 100})
    out = pd.DataFrame(rows)
    out.attrs = {"target_revenue": float(target_revenue)}
    return out
