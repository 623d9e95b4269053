"""Shared machinery of the portfolio models: ids to positions, totals per product, prepared inputs, both lenses.

The models of innovation, objectives, incentives, alignment and account
development all work on the same company and costed P&L, and their widgets
call them many times a second.  This module holds what they share:
:func:`codes` matches ids to a table's rows, :func:`product_totals` sums the
P&L per product, :func:`prepared` keeps a model's costly preparation for the
last few inputs, :func:`portfolio_lenses` recomputes the product managers'
lens and the company's for a reweighted range.  Argument checks live in
:mod:`casekit.validation`.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pandas as pd

from casekit.models.complexity import COMPLEXITY_RATES, complexity_components, complexity_rates

__all__ = ["prepared", "codes", "product_totals", "portfolio_lenses", "scorecard_rates"]

# --------------------------------------------------------------------------- prepared inputs
# Widget callbacks call the same model many times on the same company and pnl.  The costly
# preparation (aggregating ~70,000 lines) is kept for the last few inputs, recognised by
# identity *and* a fingerprint of their numbers, so an edited frame is prepared afresh.
_KEPT: OrderedDict = OrderedDict()
_KEPT_SIZE = 8


def _fingerprint(obj):
    if isinstance(obj, pd.DataFrame):
        if len(obj) <= 5_000:
            return (obj.shape, int(pd.util.hash_pandas_object(obj, index=True).sum()))
        cols = [c for c in ("cases", "revenue", "cost_to_serve", "net_profit") if c in obj.columns]
        return (obj.shape, tuple(float(obj[c].sum()) for c in cols))
    lines = getattr(obj, "lines", None)
    if isinstance(lines, pd.DataFrame):
        return (len(lines), int(lines["cases"].sum()) if "cases" in lines.columns else 0,
                len(getattr(obj, "customers", ())), len(getattr(obj, "products", ())))
    return None


def prepared(kind: str, objects: tuple, build):
    """Return ``build()``, reusing the result for the same ``objects`` (same identity and numbers).

    Parameters
    ----------
    kind : str
        The model asking (``"objectives"``, ``"alignment"``...), so two models
        never share a result.
    objects : tuple
        The inputs the result depends on: companies, frames, assumption tables.
    build : callable
        Makes the result from them; called only when no kept result matches.

    Returns
    -------
    object
        What ``build()`` returned, now or for the same inputs before.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"cases": [1.0, 2.0]})
    >>> calls = []
    >>> first = prepared("example", (frame,), lambda: calls.append(1) or len(calls))
    >>> again = prepared("example", (frame,), lambda: calls.append(1) or len(calls))
    >>> first, again, len(calls)
    (1, 1, 1)
    >>> frame.loc[0, "cases"] = 5.0  # an edited frame is prepared afresh
    >>> prepared("example", (frame,), lambda: calls.append(1) or len(calls))
    2
    """
    key = (kind,) + tuple(id(o) for o in objects)
    fingerprint = tuple(_fingerprint(o) for o in objects)
    hit = _KEPT.get(key)
    if hit is not None and all(x is y for x, y in zip(hit[0], objects)) and hit[1] == fingerprint:
        _KEPT.move_to_end(key)
        return hit[2]
    value = build()
    _KEPT[key] = (tuple(objects), fingerprint, value)
    while len(_KEPT) > _KEPT_SIZE:
        _KEPT.popitem(last=False)
    return value


# --------------------------------------------------------------------------- ids and totals
def codes(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """Return the position of each value in ``keys`` (-1 when absent), fast for matching categoricals.

    Examples
    --------
    >>> import pandas as pd
    >>> codes(pd.Series(["C2", "C9", "C1"]), pd.Series(["C1", "C2"])).tolist()
    [1, -1, 0]
    """
    if isinstance(values.dtype, pd.CategoricalDtype) and isinstance(keys.dtype, pd.CategoricalDtype) \
            and values.cat.categories.equals(keys.cat.categories) and keys.cat.codes.is_monotonic_increasing \
            and np.array_equal(keys.cat.codes.to_numpy(), np.arange(len(keys))):
        return values.cat.codes.to_numpy().astype(np.int64)
    return pd.Index(keys.astype(object)).get_indexer(values.astype(object)).astype(np.int64)


def product_totals(company, pnl) -> pd.DataFrame:
    """Sum cases, money and the number of accounts buying it for every product, in ``company.products`` order.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        Its line-level ``cost_to_serve(company)``.

    Returns
    -------
    pandas.DataFrame
        One row per product of ``company.products`` (same order, default
        index): ``cases``, ``revenue``, ``gross_margin``, ``cost_to_serve``,
        ``net_profit`` and ``accounts``.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = cost_to_serve(co)
    >>> totals = product_totals(co, pnl)
    >>> len(totals) == len(co.products), bool(abs(totals["revenue"].sum() - pnl["revenue"].sum()) < 1e-6)
    (True, True)
    """
    products, customers = company.products, company.customers
    prod = codes(pnl["product_id"], products["product_id"])
    ok = prod >= 0
    n = len(products)
    out = {c: np.bincount(prod[ok], weights=pnl[c].to_numpy(dtype=float)[ok], minlength=n)
           for c in ("cases", "revenue", "gross_margin", "cost_to_serve", "net_profit")}
    cust = codes(pnl["customer_id"], customers["customer_id"])
    buys = np.zeros((n, len(customers) + 1), dtype=bool)
    buys[prod[ok], cust[ok]] = True  # customer -1 (unknown) lands in the spare last column
    out["accounts"] = buys[:, :-1].sum(axis=1).astype(float)
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- both lenses of a reweighted range
def portfolio_lenses(card: pd.DataFrame, weight: np.ndarray, r: dict, months: float, scenario: str) -> dict:
    """Recompute both lenses for a portfolio where SKU i counts ``weight[i]`` times.

    A share ``demand_transfer`` of the volume a SKU loses (or, with a weight
    above 1, takes) moves to the established SKUs of its category that stay
    on sale, in proportion to their volume; money scales with each SKU's own
    per-case economics, and complexity cost is recomputed for the new range.

    Parameters
    ----------
    card : pandas.DataFrame
        From :func:`casekit.models.innovation.product_scorecard`.
    weight : numpy.ndarray
        Copies of each SKU: 1 today, 0 pruned, the launch rate for a thinned
        launch stream.
    r : dict
        Complexity rates (:func:`scorecard_rates`).
    months : float
        Length of the period.
    scenario : str
        The label of the row.

    Returns
    -------
    dict
        ``scenario``, ``skus``, ``launches``, ``cases``, ``revenue``,
        ``gross_margin`` (the product managers' lens), ``cost_to_serve``,
        ``net_profit``, ``complexity_cost``, ``company_profit`` (the company's).

    Examples
    --------
    >>> import numpy as np
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> from casekit.models.innovation import product_scorecard
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> card = product_scorecard(co, cost_to_serve(co))
    >>> r, months = scorecard_rates(card, None)
    >>> today = portfolio_lenses(card, np.ones(len(card)), r, months, "today")
    >>> bool(abs(today["company_profit"] - card["company_profit"].sum()) < 1e-6)
    True
    """
    cases = card["cases"].to_numpy(dtype=float)
    is_new = card["is_new"].to_numpy(dtype=bool)
    removed = (1.0 - weight) * cases  # negative when launches are scaled up
    # Substitutes: established SKUs of the same category that stay on sale.
    cat = card["category"].astype(str).to_numpy()
    recipient = (~is_new) & (weight > 0)
    categories, cat_idx = np.unique(cat, return_inverse=True)
    moved = np.bincount(cat_idx, weights=r["demand_transfer"] * removed, minlength=len(categories))
    base = np.bincount(cat_idx, weights=np.where(recipient, cases, 0.0), minlength=len(categories))
    share = np.divide(cases, base[cat_idx], out=np.zeros_like(cases), where=(base[cat_idx] > 0) & recipient)
    received = moved[cat_idx] * share
    # Per-SKU volume; money scales with each SKU's own per-case economics.
    per_sku_cases = cases + np.where(recipient, received, 0.0)
    scale = np.divide(per_sku_cases, cases, out=np.ones_like(cases), where=cases > 0)
    money = {c: weight * scale * card[c].to_numpy(dtype=float)
             for c in ("revenue", "gross_margin", "cost_to_serve")}
    comp = complexity_components(per_sku_cases, card["cogs_per_case"].to_numpy(dtype=float),
                                 card["accounts"].to_numpy(dtype=float), is_new,
                                 card["pick_type"].astype(str).to_numpy(), card["launch_cost"].to_numpy(dtype=float),
                                 weight, card["months_on_sale"].to_numpy(dtype=float) / months,
                                 float(card["is_niche"].eq(False).sum()), months, r)
    complexity = float(sum(v.sum() for v in comp.values()))
    launch_ids = card["launch_id"].to_numpy(dtype=float, na_value=np.nan)
    launch_w = pd.Series(weight[is_new]).groupby(launch_ids[is_new]).mean()
    net = money["gross_margin"].sum() - money["cost_to_serve"].sum()
    return {
        "scenario": scenario,
        "skus": float(weight.sum()),
        "launches": float(launch_w.sum()),
        "cases": float((weight * per_sku_cases).sum()),
        "revenue": float(money["revenue"].sum()),
        "gross_margin": float(money["gross_margin"].sum()),
        "cost_to_serve": float(money["cost_to_serve"].sum()),
        "net_profit": float(net),
        "complexity_cost": complexity,
        "company_profit": float(net - complexity),
    }


def scorecard_rates(scorecard, rates) -> tuple[dict, float]:
    """Return the complexity rates and the period's months a what-if on a scorecard uses.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        From :func:`casekit.models.innovation.product_scorecard` (its ``attrs``
        keep the rates it was made with and the months).
    rates : pandas.DataFrame or None
        Rates to use instead (a copy of
        :data:`casekit.models.complexity.COMPLEXITY_RATES`); None keeps the
        scorecard's.

    Returns
    -------
    (dict, float)
        The rates as plain values, and the months.

    Examples
    --------
    >>> import pandas as pd
    >>> r, months = scorecard_rates(pd.DataFrame(), None)
    >>> r["changeover_cost"], months
    (300.0, 12.0)
    """
    if rates is None:
        kept = scorecard.attrs.get("rates")
        r = dict(kept) if isinstance(kept, dict) else complexity_rates(COMPLEXITY_RATES)
    else:
        r = complexity_rates(rates)
    return r, float(scorecard.attrs.get("months") or 12)

