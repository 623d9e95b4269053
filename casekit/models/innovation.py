"""The innovation stream and the complexity it piles on operations (ideas I1, I4, I14).

A consumer-products company launches a steady stream of changes: a few major
ones (a new product line of several SKUs) and many minor ones (a flavour, a
pack size, a display pack).  Each launch looks good to its product manager,
who sees its own revenue and gross margin.  The company also pays for the
complexity each SKU adds to operations, which no product P&L shows:
changeovers and set-ups, safety stock against forecast error, warehouse
slots, master data, and the sales time every item takes.

:func:`launch_calendar` shows the stream month by month;
:func:`complexity_cost` traces complexity cost to products;
:func:`product_scorecard` puts the product manager's lens (revenue, gross
margin) beside the company's (net profit after cost to serve and
complexity); :func:`prune_tail` and :func:`what_if_launch_rate` recompute
both lenses for a smaller tail or a slower launch stream, from the scorecard
alone (no engine run), fast enough for a slider.

Every default lives in :data:`COMPLEXITY_RATES`, with its source.
"""

from __future__ import annotations

from collections import OrderedDict
from numbers import Real

import numpy as np
import pandas as pd

from casekit.models.assumptions import assumption_values

__all__ = [
    "COMPLEXITY_RATES",
    "launch_calendar",
    "complexity_cost",
    "product_scorecard",
    "prune_tail",
    "what_if_launch_rate",
]

# (parameter, value, unit, component, source or rationale)
_RATE_ROWS = [
    ("changeover_cost", 300.0, "$/changeover", "changeovers",
     "assumption: ~1 h of lost line time at ~$200/h plus scrap and QA release; "
     "Wilson & Perumal (2009) list changeovers first among complexity costs"),
    ("cases_per_run", 500.0, "cases/run", "changeovers",
     "assumption: economic run size of a packaging line for one SKU"),
    ("min_runs_per_year", 4.0, "runs/year", "changeovers",
     "assumption: every active SKU is made at least once a quarter"),
    ("max_runs_per_year", 24.0, "runs/year", "changeovers",
     "assumption: the fastest sellers run twice a month"),
    ("congestion_exponent", 0.35, "elasticity", "changeovers, warehouse slots",
     "assumption: shared plants and warehouses get costlier per SKU as SKUs are added "
     "(cost ~ (active SKUs / core SKUs) ** exponent); Wilson & Perumal (2009): complexity "
     "costs grow faster than SKU count"),
    ("service_z", 1.65, "z-score", "safety stock",
     "95 % cycle service level (textbook safety-stock formula)"),
    ("demand_variance_to_mean", 25.0, "cases", "safety stock",
     "assumption: lumpy weekly demand, variance 25 x mean (square-root law: splitting a "
     "volume over more SKUs raises total safety stock)"),
    ("lead_time_weeks", 2.0, "weeks", "safety stock", "assumption: replenishment lead time"),
    ("launch_forecast_error", 3.0, "x", "safety stock",
     "assumption: a new SKU has no demand history; its forecast error is 3x an "
     "established SKU's"),
    ("carrying_rate", 0.25, "per year", "safety stock",
     "same 25 %/year carrying cost as the rate card's inventory_carrying"),
    ("slot_cost", 500.0, "$/slot/year", "warehouse slots",
     "assumption: pick face plus reserve location, replenishment and slotting moves"),
    ("split_case_slots", 2.0, "slots", "warehouse slots",
     "assumption: split-case SKUs need an each-pick face as well as a case location"),
    ("master_data_cost", 1_000.0, "$/SKU/year", "master data",
     "assumption: item master, prices, listings, artwork and regulatory upkeep"),
    ("new_sku_setup", 2_500.0, "$/new SKU", "master data",
     "assumption: one-off item set-up across ERP, warehouse and customers' systems"),
    ("sell_hours_per_account", 0.25, "h/account/year", "selling time",
     "assumption: presenting, re-listing and fixing problems for one item at one account"),
    ("sell_in_hours_per_account", 1.0, "h/account", "selling time",
     "assumption: selling a new item in at one account"),
    ("rep_hour_cost", 90.0, "$/h", "selling time",
     "about half a field call's ~$180 (sales-cost surveys, secondary), i.e. ~2 h a call"),
    ("minor_launch_cost", 5_000.0, "$/launch", "launch projects",
     "assumption: artwork, line trial, launch planning for a flavour or pack"),
    ("major_launch_cost", 40_000.0, "$/launch", "launch projects",
     "assumption: design, trials and launch planning for a new product line"),
    ("economic_life_months", 36.0, "months", "launch projects, master data, selling time",
     "assumption: a launch is an investment meant to sell for about three years, so its one-off costs "
     "(launch-project share, item set-up, sell-in) are spread over 36 months and a period carries only "
     "the months the SKU was on sale in it (0 charges them all in the launch period)"),
    ("demand_transfer", 0.5, "share", "what-ifs",
     "assumption: half the volume of a removed SKU moves to an established SKU of the same "
     "category (and half a launch's volume was taken from them)"),
]

COMPLEXITY_RATES = pd.DataFrame(
    _RATE_ROWS, columns=["parameter", "value", "unit", "component", "source"]
).set_index("parameter")
"""Default rates of the complexity-cost model, one row each, with their source."""

COMPONENTS = ["changeovers", "safety_stock", "warehouse_slots", "master_data",
              "selling_time", "launch_projects"]

_SCORECARD_COLUMNS = [
    "product_id", "product_name", "brand", "category", "pick_type", "launch_id", "launch_size",
    "is_new", "is_niche", "accounts", "cases", "revenue", "gross_margin", "gross_margin_pct",
    "cost_to_serve", "net_profit", "complexity_cost", "company_profit", "pm_rank",
    "company_rank", "pm_verdict", "company_verdict",
]


# --------------------------------------------------------------------------- preparations
# Widget callbacks call the same model many times on the same company and pnl.  The costly
# preparation (aggregating ~70,000 lines) is kept for the last few inputs, recognised by
# identity *and* a fingerprint of their numbers, so an edited frame is prepared afresh.
_PREPARED: OrderedDict = OrderedDict()
_PREPARED_SIZE = 8


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


def _prepared(kind: str, objects: tuple, build):
    """Return ``build()``, reusing the result for the same ``objects`` (same identity and numbers)."""
    key = (kind,) + tuple(id(o) for o in objects)
    fingerprint = tuple(_fingerprint(o) for o in objects)
    hit = _PREPARED.get(key)
    if hit is not None and all(x is y for x, y in zip(hit[0], objects)) and hit[1] == fingerprint:
        _PREPARED.move_to_end(key)
        return hit[2]
    value = build()
    _PREPARED[key] = (tuple(objects), fingerprint, value)
    while len(_PREPARED) > _PREPARED_SIZE:
        _PREPARED.popitem(last=False)
    return value


# --------------------------------------------------------------------------- checks
def _check_company(company, func: str) -> None:
    if not all(hasattr(company, t) for t in ("customers", "products", "lines", "launches")):
        raise ValueError(f"{func}: company must be a Company from make_company or load_case; "
                        f"got {type(company).__name__}.")


def _check_pnl(pnl, func: str) -> None:
    if not isinstance(pnl, pd.DataFrame):
        raise ValueError(f"{func}: pnl must be the DataFrame returned by cost_to_serve(company); "
                        f"got {type(pnl).__name__}.")
    need = ["product_id", "customer_id", "cases", "revenue", "gross_margin", "cost_to_serve",
            "net_profit"]
    missing = [c for c in need if c not in pnl.columns]
    if missing:
        raise ValueError(f"{func}: pnl lacks column(s) {missing}; pass the line-level output of "
                         "cost_to_serve(company) (without by=).")


def _rates_dict(rates) -> dict:
    out = assumption_values(rates, COMPLEXITY_RATES, defaults_name="COMPLEXITY_RATES", name="rates",
                            shares=["demand_transfer"])
    if out["min_runs_per_year"] > out["max_runs_per_year"]:
        raise ValueError("rates: min_runs_per_year must not exceed max_runs_per_year.")
    if out["cases_per_run"] <= 0:
        raise ValueError("rates: cases_per_run must be > 0.")
    return out


def _check_share(name: str, value, *, high: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not 0 <= value <= high:
        raise ValueError(f"{name} must be a number between 0 and {high:g}; got {value!r}.")
    return float(value)


# --------------------------------------------------------------------------- the model
def _months(company_or_frame) -> float:
    params = getattr(company_or_frame, "params", None)
    if params is not None:
        return float(params.get("months") or 12)
    return float(getattr(company_or_frame, "attrs", {}).get("months") or 12)


def _components(cases, cogs_per_case, accounts, is_new, pick_type, launch_cost, weight, on_sale,
                n_core, months, r) -> dict:
    """Complexity cost per product for one period (arrays in, dict of arrays out).

    ``weight`` is the expected number of copies of each SKU (1 today, 0 when
    pruned, the launch rate for a thinned launch stream); per-SKU costs are
    multiplied by it, and the congestion factor uses the expected SKU count.
    ``on_sale`` is the share of the period each SKU was on sale: recurring
    costs run only while it is.
    """
    years = months / 12.0 * np.clip(np.asarray(on_sale, dtype=float), 1e-3, 1.0)
    annual = np.asarray(cases, dtype=float) / years
    n_active = float(np.sum(weight))
    congestion = (max(n_active, 1e-9) / max(n_core, 1.0)) ** r["congestion_exponent"]
    runs = np.clip(annual / r["cases_per_run"], r["min_runs_per_year"], r["max_runs_per_year"])
    changeovers = runs * r["changeover_cost"] * congestion * years
    weekly = annual / 52.0
    sigma = np.sqrt(r["demand_variance_to_mean"] * weekly)
    sigma = np.where(is_new, sigma * r["launch_forecast_error"], sigma)
    safety_cases = r["service_z"] * sigma * np.sqrt(r["lead_time_weeks"])
    safety = safety_cases * cogs_per_case * r["carrying_rate"] * years
    slots = np.where(pick_type == "split_case", r["split_case_slots"], 1.0)
    warehouse = slots * r["slot_cost"] * congestion * years
    # One-off costs of a launch, spread over its economic life: the period carries its months on sale.
    life = r["economic_life_months"]
    spread = np.minimum(years * 12.0 / life, 1.0) if life > 0 else np.ones_like(years)
    master = r["master_data_cost"] * years + np.where(is_new, r["new_sku_setup"] * spread, 0.0)
    selling = (accounts * r["sell_hours_per_account"] * years
               + np.where(is_new, accounts * r["sell_in_hours_per_account"] * spread, 0.0)) * r["rep_hour_cost"]
    out = {
        "changeovers": changeovers,
        "safety_stock": safety,
        "warehouse_slots": warehouse,
        "master_data": master,
        "selling_time": selling,
        "launch_projects": np.asarray(launch_cost, dtype=float) * spread,
    }
    w = np.asarray(weight, dtype=float)
    return {k: v * w for k, v in out.items()}


def _on_sale(company) -> np.ndarray:
    """Share of the period each product was on sale (1 for the established range)."""
    products = company.products
    months = _months(company)
    start = pd.Timestamp((company.params or {}).get("start_date", "2025-01-01"))
    end = start + pd.DateOffset(months=int(months))
    days = (end - start).days
    left = (end - products["launch_date"]).dt.days.to_numpy(dtype=float, na_value=np.nan)
    share = np.where(products["is_new"].to_numpy(dtype=bool), np.clip(left / days, 1.0 / days, 1.0), 1.0)
    return np.nan_to_num(share, nan=1.0)


def _launch_cost_per_sku(products: pd.DataFrame, r: dict) -> np.ndarray:
    # A launch's project cost is shared equally by the SKUs it brought.
    lid = products["launch_id"]
    size = products["launch_size"].astype(str).to_numpy()
    per_launch = np.where(size == "major", r["major_launch_cost"],
                          np.where(size == "minor", r["minor_launch_cost"], 0.0))
    n_in_launch = lid.map(lid.value_counts()).fillna(1).to_numpy(dtype=float)
    return np.where(products["is_new"].to_numpy(), per_launch / n_in_launch, 0.0)


def _codes(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """Integer position of each value in ``keys`` (-1 when absent), fast for matching categoricals."""
    if isinstance(values.dtype, pd.CategoricalDtype) and isinstance(keys.dtype, pd.CategoricalDtype) \
            and values.cat.categories.equals(keys.cat.categories) and keys.cat.codes.is_monotonic_increasing \
            and np.array_equal(keys.cat.codes.to_numpy(), np.arange(len(keys))):
        return values.cat.codes.to_numpy().astype(np.int64)
    return pd.Categorical(values.astype(object), categories=keys.astype(object)).codes.astype(np.int64)


def _product_totals(company, pnl) -> pd.DataFrame:
    """Cases, money and number of accounts per product, in ``company.products`` order."""
    products, customers = company.products, company.customers
    prod = _codes(pnl["product_id"], products["product_id"])
    ok = prod >= 0
    n = len(products)
    out = {c: np.bincount(prod[ok], weights=pnl[c].to_numpy(dtype=float)[ok], minlength=n)
           for c in ("cases", "revenue", "gross_margin", "cost_to_serve", "net_profit")}
    cust = _codes(pnl["customer_id"], customers["customer_id"])
    buys = np.zeros((n, len(customers) + 1), dtype=bool)
    buys[prod[ok], cust[ok]] = True  # customer -1 (unknown) lands in the spare last column
    out["accounts"] = buys[:, :-1].sum(axis=1).astype(float)
    return pd.DataFrame(out)


def complexity_cost(company, pnl, *, rates=COMPLEXITY_RATES) -> pd.DataFrame:
    """Trace the operations complexity cost of the period to every product.

    The model, per SKU and per period (every rate from :data:`COMPLEXITY_RATES`):

    * **changeovers**: runs a year = annual cases / ``cases_per_run``,
      clipped to [``min_runs_per_year``, ``max_runs_per_year``], times
      ``changeover_cost``;
    * **safety stock**: square-root law, ``service_z`` x sqrt(
      ``demand_variance_to_mean`` x weekly cases) x sqrt(``lead_time_weeks``)
      cases, times ``launch_forecast_error`` for a SKU launched this period,
      carried at ``carrying_rate`` on its cost of goods (the engine's
      inventory carrying charge covers cycle stock only);
    * **warehouse slots**: ``slot_cost`` per slot, ``split_case_slots`` slots
      for a split-case SKU;
    * **master data**: ``master_data_cost`` a year, plus ``new_sku_setup``
      once for a new SKU;
    * **selling time**: ``sell_hours_per_account`` a year for each account
      buying the item, plus ``sell_in_hours_per_account`` for a new item, at
      ``rep_hour_cost`` (time beyond the call pattern the engine already
      charges);
    * **launch projects**: ``minor_launch_cost`` or ``major_launch_cost`` per
      launch in the period, shared equally by its SKUs.

    The one-off costs of a new SKU (its share of the launch project, its
    set-up and its sell-in) are an investment in its whole economic life,
    not in the months it happened to sell this period: they are spread
    evenly over ``economic_life_months`` and the period carries the months
    the SKU was on sale in it (``economic_life_months`` = 0 charges them all
    at launch).

    Changeovers and slots are shared resources: both are multiplied by
    (active SKUs / core SKUs) ** ``congestion_exponent``, so every SKU
    added makes every other SKU a little costlier (the core range, the
    non-niche SKUs, is what plants and warehouses were built for).  Recurring
    costs run for the months a SKU was on sale in the period (all of it for
    the established range, from the launch date for a new SKU, whose volume
    is annualised over those months); so do the one-off costs, at
    1 / ``economic_life_months`` a month.

    Parameters
    ----------
    company : Company
        The company (from :func:`casekit.make_company`).
    pnl : pandas.DataFrame
        Its line-level cost to serve, ``cost_to_serve(company)``.
    rates : pandas.DataFrame, default=COMPLEXITY_RATES
        The model's rates; copy :data:`COMPLEXITY_RATES` and change values.

    Returns
    -------
    pandas.DataFrame
        One row per product: ``product_id``, one column per component
        (``changeovers``, ``safety_stock``, ``warehouse_slots``,
        ``master_data``, ``selling_time``, ``launch_projects``, in $) and
        ``complexity_cost`` (their sum).

    See Also
    --------
    product_scorecard : the product manager's lens beside the company's.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> cc = complexity_cost(co, cost_to_serve(co))
    >>> len(cc) == len(co.products), bool((cc["complexity_cost"] > 0).all())
    (True, True)
    """
    _check_company(company, "complexity_cost")
    _check_pnl(pnl, "complexity_cost")
    return _complexity_frame(company, _product_totals(company, pnl), _rates_dict(rates))


def _complexity_frame(company, totals: pd.DataFrame, r: dict) -> pd.DataFrame:
    products = company.products
    comp = _components(
        totals["cases"].to_numpy(), products["cogs_per_case"].to_numpy(),
        totals["accounts"].to_numpy(), products["is_new"].to_numpy(),
        products["pick_type"].astype(str).to_numpy(), _launch_cost_per_sku(products, r),
        np.ones(len(products)), _on_sale(company), float((~products["is_niche"]).sum()), _months(company), r,
    )
    out = pd.DataFrame({"product_id": products["product_id"].to_numpy(), **comp})
    out["complexity_cost"] = out[COMPONENTS].sum(axis=1)
    return out


def product_scorecard(company, pnl, *, rates=COMPLEXITY_RATES) -> pd.DataFrame:
    """Judge every product through the product manager's lens and the company's.

    The product manager sees the product's own revenue and gross margin.  The
    company sees its net profit after cost to serve (from the engine) and
    after the complexity cost it causes (:func:`complexity_cost`).  A
    product the first lens keeps and the second shows losing money is a
    launch nobody would approve if they saw the whole bill.

    Parameters
    ----------
    company : Company
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    rates : pandas.DataFrame, default=COMPLEXITY_RATES

    Returns
    -------
    pandas.DataFrame
        One row per product: ``product_id``, ``product_name``, ``brand``,
        ``category``, ``pick_type``, ``launch_id``, ``launch_size``,
        ``is_new``, ``is_niche``, ``accounts`` (accounts buying it),
        ``cases``, ``revenue``, ``gross_margin``, ``gross_margin_pct``,
        ``cost_to_serve``, ``net_profit`` (after cost to serve),
        ``complexity_cost``, ``company_profit`` (net profit minus complexity
        cost), ``pm_rank`` (1 = highest gross margin), ``company_rank``
        (1 = highest company profit), ``pm_verdict`` and ``company_verdict``
        (``"earns"`` or ``"loses"`` under each lens), and the inputs the
        what-ifs reuse: ``months_on_sale``, ``cogs_per_case`` and
        ``launch_cost`` (the SKU's share of its launch project).  ``attrs``
        keep the period's months and the rates, which :func:`prune_tail`
        and :func:`what_if_launch_rate` reuse.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> card = product_scorecard(co, cost_to_serve(co))
    >>> bool((card["gross_margin"] >= card["company_profit"]).all())
    True
    """
    _check_company(company, "product_scorecard")
    _check_pnl(pnl, "product_scorecard")
    r = _rates_dict(rates)
    products = company.products.reset_index(drop=True)
    totals = _product_totals(company, pnl)
    cc = _complexity_frame(company, totals, r)
    card = products[["product_id", "product_name", "brand", "category", "pick_type", "launch_id",
                     "launch_size", "is_new", "is_niche"]].copy()
    for col in ["accounts", "cases", "revenue", "gross_margin", "cost_to_serve", "net_profit"]:
        card[col] = totals[col].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        card["gross_margin_pct"] = np.where(card["revenue"] > 0,
                                            100 * card["gross_margin"] / card["revenue"], np.nan)
    card["complexity_cost"] = cc["complexity_cost"].to_numpy()
    card["company_profit"] = card["net_profit"] - card["complexity_cost"]
    card["pm_rank"] = card["gross_margin"].rank(ascending=False, method="first").astype("int64")
    card["company_rank"] = card["company_profit"].rank(ascending=False, method="first").astype("int64")
    verdict = pd.CategoricalDtype(["earns", "loses"])
    card["pm_verdict"] = pd.Series(np.where(card["gross_margin"] > 0, "earns", "loses")).astype(verdict)
    card["company_verdict"] = pd.Series(
        np.where(card["company_profit"] > 0, "earns", "loses")).astype(verdict)
    # What the what-ifs need beyond the columns shown.
    card["cogs_per_case"] = products["cogs_per_case"].to_numpy()
    card["launch_cost"] = _launch_cost_per_sku(products, r)
    card["months_on_sale"] = _on_sale(company) * _months(company)
    card = card[_SCORECARD_COLUMNS + ["months_on_sale", "cogs_per_case", "launch_cost"]]
    card.attrs["months"] = _months(company)
    card.attrs["rates"] = dict(r)  # plain values: pandas compares attrs when combining frames
    return card


# --------------------------------------------------------------------------- launches over time
def launch_calendar(company, *, rates=COMPLEXITY_RATES) -> pd.DataFrame:
    """Count launches, SKUs and changeovers month by month.

    A month's active SKUs are the established range plus every SKU launched
    up to the end of that month.  Its changeovers use each active SKU's
    run-rate (its cases in the period, annualised) and the changeover rules
    of :func:`complexity_cost`, including the congestion factor, so it
    grows with the SKU count and with the congestion each new SKU adds.

    Parameters
    ----------
    company : Company
    rates : pandas.DataFrame, default=COMPLEXITY_RATES

    Returns
    -------
    pandas.DataFrame
        One row per month of the period: ``month`` (``"YYYY-MM"``),
        ``major_launches``, ``minor_launches``, ``launches``, ``new_skus``
        (SKUs launched that month), ``active_skus`` (at month end),
        ``sku_index`` (active SKUs / active SKUs at the start, in %),
        ``changeovers`` (set-ups that month) and ``changeover_cost`` ($).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> cal = launch_calendar(make_company(seed=1, n_customers=40, n_products=60))
    >>> len(cal), bool(cal["active_skus"].is_monotonic_increasing)
    (12, True)
    """
    _check_company(company, "launch_calendar")
    r = _rates_dict(rates)
    months = int(_months(company))
    start = pd.Timestamp((company.params or {}).get("start_date", "2025-01-01"))
    periods = pd.period_range(start, periods=months, freq="M")
    labels = [str(p) for p in periods]
    launches = company.launches
    size = launches["launch_size"].astype(str)
    month = launches["month"].astype(str)
    major = month[size == "major"].value_counts().reindex(labels, fill_value=0)
    minor = month[size == "minor"].value_counts().reindex(labels, fill_value=0)
    new_skus = launches.groupby(month)["n_skus"].sum().reindex(labels, fill_value=0)

    products = company.products
    cases = company.lines.groupby("product_id", observed=False)["cases"].sum()
    cases = cases.reindex(products["product_id"].astype(object)).fillna(0).to_numpy(dtype=float)
    annual = cases / (months / 12.0 * _on_sale(company))
    runs = np.clip(annual / r["cases_per_run"], r["min_runs_per_year"], r["max_runs_per_year"])
    launch_month = products["launch_date"].dt.to_period("M")
    n_core = float((~products["is_niche"]).sum())
    active, changeovers = [], []
    for p in periods:
        on = (~products["is_new"] | (launch_month <= p)).to_numpy()
        n = float(on.sum())
        congestion = (n / max(n_core, 1.0)) ** r["congestion_exponent"]
        active.append(int(n))
        changeovers.append(float(runs[on].sum()) / 12.0 * congestion)
    out = pd.DataFrame({
        "month": labels,
        "major_launches": major.to_numpy().astype("int64"),
        "minor_launches": minor.to_numpy().astype("int64"),
    })
    out["launches"] = out["major_launches"] + out["minor_launches"]
    out["new_skus"] = new_skus.to_numpy().astype("int64")
    out["active_skus"] = np.array(active, dtype="int64")
    start_skus = int((~products["is_new"]).sum())
    out["sku_index"] = 100.0 * out["active_skus"] / max(start_skus, 1)
    out["changeovers"] = np.round(changeovers, 1)
    out["changeover_cost"] = out["changeovers"] * r["changeover_cost"]
    return out


# --------------------------------------------------------------------------- what-ifs
_SUMMARY_COLUMNS = ["scenario", "skus", "launches", "cases", "revenue", "gross_margin",
                    "cost_to_serve", "net_profit", "complexity_cost", "company_profit"]


def _check_scorecard(scorecard, func: str) -> None:
    if not isinstance(scorecard, pd.DataFrame):
        raise ValueError(f"{func}: scorecard must be the DataFrame from product_scorecard(company, pnl); "
                        f"got {type(scorecard).__name__}.")
    need = ["cases", "revenue", "gross_margin", "cost_to_serve", "accounts", "is_new", "is_niche",
            "pick_type", "category", "cogs_per_case", "launch_cost", "launch_id", "months_on_sale"]
    missing = [c for c in need if c not in scorecard.columns]
    if missing:
        raise ValueError(f"{func}: scorecard lacks column(s) {missing}; pass the unfiltered output "
                         "of product_scorecard(company, pnl).")


def _portfolio(card: pd.DataFrame, weight: np.ndarray, r: dict, months: float, scenario: str) -> dict:
    """Recompute both lenses for a portfolio where SKU i counts ``weight[i]`` times."""
    cases = card["cases"].to_numpy(dtype=float)
    is_new = card["is_new"].to_numpy(dtype=bool)
    removed = (1.0 - weight) * cases  # negative when launches are scaled up
    # Substitutes: established SKUs of the same category that stay on sale.
    cat = card["category"].astype(str).to_numpy()
    recipient = (~is_new) & (weight > 0)
    codes, cat_idx = np.unique(cat, return_inverse=True)
    moved = np.bincount(cat_idx, weights=r["demand_transfer"] * removed, minlength=len(codes))
    base = np.bincount(cat_idx, weights=np.where(recipient, cases, 0.0), minlength=len(codes))
    share = np.divide(cases, base[cat_idx], out=np.zeros_like(cases), where=(base[cat_idx] > 0) & recipient)
    received = moved[cat_idx] * share
    # Per-SKU volume; money scales with each SKU's own per-case economics.
    per_sku_cases = cases + np.where(recipient, received, 0.0)
    scale = np.divide(per_sku_cases, cases, out=np.ones_like(cases), where=cases > 0)
    money = {c: weight * scale * card[c].to_numpy(dtype=float)
             for c in ("revenue", "gross_margin", "cost_to_serve")}
    comp = _components(per_sku_cases, card["cogs_per_case"].to_numpy(dtype=float),
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


def _summary(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=_SUMMARY_COLUMNS)
    base = out.iloc[0]
    out["complexity_saved_pct"] = 100 * (1 - out["complexity_cost"] / base["complexity_cost"])
    return out


def _scorecard_rates(scorecard, rates):
    if rates is None:
        kept = scorecard.attrs.get("rates")
        r = dict(kept) if isinstance(kept, dict) else _rates_dict(COMPLEXITY_RATES)
    else:
        r = _rates_dict(rates)
    return r, float(scorecard.attrs.get("months") or 12)


def prune_tail(scorecard, *, share=0.3, by="revenue", rates=None) -> pd.DataFrame:
    """Drop the bottom share of SKUs and recompute both lenses.

    The SKUs ranked lowest by ``by`` are removed.  A share
    ``demand_transfer`` of their volume moves to the established SKUs of the
    same category (in proportion to their volume, at their own revenue,
    margin and cost to serve per case); the rest is lost.  A removed SKU's
    cost to serve goes with it (line-level costs are treated as variable).
    Complexity cost is recomputed for the smaller range, so the congestion
    factor falls for every SKU that stays.

    Parameters
    ----------
    scorecard : pandas.DataFrame
        From :func:`product_scorecard`; reused, so no engine run is needed.
    share : float, default=0.3
        Share of SKUs to prune, between 0 and 1.  With the default rates,
        cutting the bottom 30 % of SKUs by revenue saves 15-30 % of
        complexity cost, the range Wilson & Perumal (2009) report;
        rationalisation programmes commonly cut a quarter to a third of a
        range.  A smaller cut saves less than it used to look: the bottom
        15 % by the period's revenue is mostly this year's late launches,
        whose one-off costs are spread over ``economic_life_months`` and
        whose recurring costs ran for a few months only (about 7-11 % saved).
    by : {"revenue", "gross_margin", "company_profit"}, default="revenue"
        What ranks the tail: the usual revenue cut, the product managers'
        margin, or the company's profit after complexity.
    rates : pandas.DataFrame, optional
        Complexity rates; those the scorecard was made with by default.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``scenario`` ``"today"`` and ``"pruned"``, with ``skus``,
        ``launches``, ``cases``, ``revenue``, ``gross_margin`` (the product
        managers' lens), ``cost_to_serve``, ``net_profit``,
        ``complexity_cost``, ``company_profit`` (the company's lens) and
        ``complexity_saved_pct``.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> card = product_scorecard(co, cost_to_serve(co))
    >>> out = prune_tail(card, share=0.25)
    >>> out["scenario"].tolist()
    ['today', 'pruned']
    >>> bool(out.loc[1, "complexity_cost"] < out.loc[0, "complexity_cost"])
    True
    """
    _check_scorecard(scorecard, "prune_tail")
    share = _check_share("share", share)
    if by not in ("revenue", "gross_margin", "company_profit"):
        raise ValueError(f"by={by!r} is not known; use 'revenue', 'gross_margin' or 'company_profit'.")
    if by not in scorecard.columns:
        raise ValueError(f"by={by!r}: the scorecard has no column {by!r}.")
    r, months = _scorecard_rates(scorecard, rates)
    n = len(scorecard)
    n_cut = int(round(share * n))
    order = np.argsort(scorecard[by].to_numpy(dtype=float), kind="stable")
    weight = np.ones(n)
    weight[order[:n_cut]] = 0.0
    return _summary([_portfolio(scorecard, np.ones(n), r, months, "today"),
                     _portfolio(scorecard, weight, r, months, "pruned")])


def what_if_launch_rate(scorecard, *, rate=0.5, rates=None) -> pd.DataFrame:
    """Scale the period's launch stream and recompute both lenses.

    ``rate`` multiplies the launch stream: 0.5 keeps half the launches, 0 stops
    them all, 1.5 launches half as many again.  The result is the expected
    value over which launches go: every new SKU counts ``rate`` times, with its
    own volume and economics.  A share ``demand_transfer`` of a launch's
    volume was taken from the established SKUs of its category, so fewer
    launches hand that volume back (more launches take more away).

    Parameters
    ----------
    scorecard : pandas.DataFrame
        From :func:`product_scorecard`.
    rate : float, default=0.5
        Launch rate relative to today's, between 0 and 3.
    rates : pandas.DataFrame, optional
        Complexity rates; those the scorecard was made with by default.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``scenario`` ``"today"`` and ``"launch rate x<rate>"``, with
        the columns of :func:`prune_tail`.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> card = product_scorecard(co, cost_to_serve(co))
    >>> out = what_if_launch_rate(card, rate=0.0)
    >>> bool(out.loc[1, "launches"] == 0), bool(out.loc[1, "company_profit"] > out.loc[0, "company_profit"])
    (True, True)
    """
    _check_scorecard(scorecard, "what_if_launch_rate")
    rate = _check_share("rate", rate, high=3.0)
    r, months = _scorecard_rates(scorecard, rates)
    is_new = scorecard["is_new"].to_numpy(dtype=bool)
    weight = np.where(is_new, rate, 1.0)
    return _summary([_portfolio(scorecard, np.ones(len(scorecard)), r, months, "today"),
                     _portfolio(scorecard, weight, r, months, f"launch rate x{rate:g}")])
