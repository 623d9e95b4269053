"""Pocket price: Marn & Rosiello's price waterfall and pocket price band.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.analysis.grains import as_keys, pct
from casekit.analysis.profitability import profit_by
from casekit.validation import check_column_name, check_pnl

__all__ = ["price_waterfall", "pocket_price_band", "WATERFALL_STEPS"]

WATERFALL_STEPS = ("List price", "On-invoice discount", "Invoice price", "Off-invoice allowances",
                   "Pocket price")


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
    check_pnl(pnl, columns=_PRICE_COLUMNS, func=func)
    sel = pnl if product_id is None else _select_product(pnl, product_id, func)
    if by is None:
        keys = []
        agg = sel[list(_PRICE_COLUMNS)].sum().to_frame().T
    else:
        keys = as_keys(by, func=func)
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
    out["pct_of_list"] = pct(out["value_per_case"], list_price)
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
        raise TypeError(f"{func}: the band compares accounts for one product; pass one id such as "
                        f"product_id='P0001', got {product_id!r}.")
    check_column_name(by, "by", func=func)
    check_pnl(pnl, columns=_PRICE_COLUMNS, func=func)
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
    band["pocket_pct_of_list"] = pct(band["pocket_price"], band["list_price"])
    band["share_of_cases"] = band["cases"] / band["cases"].sum() * 100.0
    band = band.sort_values("pocket_price", ascending=False, kind="stable").reset_index(drop=True)
    lo, hi = float(band["pocket_price"].min()), float(band["pocket_price"].max())
    mean = float((agg["revenue"].sum() - agg["cost_trade_promotion"].sum()) / agg["cases"].sum())
    band.attrs = {"product_id": product_id, "by": by, "n": int(len(band)), "min": lo, "max": hi,
                  "mean": mean, "spread_pct": (hi - lo) / lo * 100.0 if lo > 0 else float("nan")}
    return band
