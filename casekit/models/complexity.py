"""The complexity cost of a product range: its rates and its components per SKU (ideas I1, I4, I14).

Every SKU adds cost to operations that no product P&L shows: changeovers
and set-ups, safety stock against forecast error, warehouse slots, master
data, the sales time every item takes, and the launch projects that brought
new SKUs.  This module holds the model: its default rates
(:data:`COMPLEXITY_RATES`, each with its source) and the per-SKU components
for one period (:func:`complexity_components`, :func:`complexity_frame`).
:func:`casekit.models.innovation.complexity_cost` traces it to the products
of a costed company and describes every rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.models.assumptions import assumption_values

__all__ = ["COMPLEXITY_RATES", "COMPONENTS", "complexity_rates", "period_months", "complexity_components",
           "share_on_sale", "launch_cost_per_sku", "complexity_frame"]

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
"""The components of complexity cost, in the order of the frames' columns."""


def complexity_rates(rates) -> dict:
    """Check an edited complexity-rate table and return its values.

    Parameters
    ----------
    rates : pandas.DataFrame
        A copy of :data:`COMPLEXITY_RATES` with values changed.

    Returns
    -------
    dict of str to float
        One value per parameter of :data:`COMPLEXITY_RATES`.

    Raises
    ------
    ValueError
        When a parameter is missing or out of range, or the run limits contradict each other.

    Examples
    --------
    >>> r = complexity_rates(COMPLEXITY_RATES)
    >>> r["changeover_cost"], r["demand_transfer"]
    (300.0, 0.5)
    """
    out = assumption_values(rates, COMPLEXITY_RATES, defaults_name="COMPLEXITY_RATES", name="rates",
                            shares=["demand_transfer"])
    if out["min_runs_per_year"] > out["max_runs_per_year"]:
        raise ValueError("rates: min_runs_per_year must not exceed max_runs_per_year.")
    if out["cases_per_run"] <= 0:
        raise ValueError("rates: cases_per_run must be > 0.")
    return out


def period_months(company_or_frame) -> float:
    """Return the length of the period in months: the company's ``params``, else a frame's ``attrs``, else 12.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> period_months(make_company(seed=1, n_customers=40, n_products=60))
    12.0
    >>> import pandas as pd
    >>> frame = pd.DataFrame()
    >>> frame.attrs["months"] = 6
    >>> period_months(frame)
    6.0
    """
    params = getattr(company_or_frame, "params", None)
    if params is not None:
        return float(params.get("months") or 12)
    return float(getattr(company_or_frame, "attrs", {}).get("months") or 12)


def complexity_components(cases, cogs_per_case, accounts, is_new, pick_type, launch_cost, weight, on_sale,
                          n_core, months, r) -> dict:
    """Compute the complexity cost of every product for one period, component by component.

    ``weight`` is the expected number of copies of each SKU (1 today, 0 when
    pruned, the launch rate for a thinned launch stream); per-SKU costs are
    multiplied by it, and the congestion factor uses the expected SKU count.
    ``on_sale`` is the share of the period each SKU was on sale: recurring
    costs run only while it is.  The rules are listed in
    :func:`casekit.models.innovation.complexity_cost`.

    Parameters
    ----------
    cases, cogs_per_case, accounts : numpy.ndarray of float
        Per SKU: cases in the period, cost of goods per case, accounts buying it.
    is_new : numpy.ndarray of bool
        Launched in the period.
    pick_type : numpy.ndarray of str
        ``"split_case"`` SKUs need more warehouse slots.
    launch_cost : numpy.ndarray of float
        Each SKU's share of its launch project (:func:`launch_cost_per_sku`).
    weight, on_sale : numpy.ndarray of float
        Copies of each SKU, share of the period on sale (:func:`share_on_sale`).
    n_core : float
        SKUs the plants and warehouses were built for (the non-niche range).
    months : float
        Length of the period.
    r : dict
        The rates, from :func:`complexity_rates`.

    Returns
    -------
    dict of str to numpy.ndarray
        One array of $ per SKU for each component of :data:`COMPONENTS`.

    Examples
    --------
    >>> import numpy as np
    >>> r = complexity_rates(COMPLEXITY_RATES)
    >>> a = np.array
    >>> one = complexity_components(a([1_000.0]), a([10.0]), a([5.0]), a([False]), a(["full_case"]), a([0.0]),
    ...                             a([1.0]), a([1.0]), 1.0, 12.0, r)
    >>> list(one) == COMPONENTS, float(one["master_data"][0]), float(one["launch_projects"][0])
    (True, 1000.0, 0.0)
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


def share_on_sale(company) -> np.ndarray:
    """Return the share of the period each product was on sale (1 for the established range).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> share = share_on_sale(co)
    >>> len(share) == len(co.products), bool((share[~co.products["is_new"].to_numpy()] == 1).all())
    (True, True)
    """
    products = company.products
    months = period_months(company)
    start = pd.Timestamp((company.params or {}).get("start_date", "2025-01-01"))
    end = start + pd.DateOffset(months=int(months))
    days = (end - start).days
    left = (end - products["launch_date"]).dt.days.to_numpy(dtype=float, na_value=np.nan)
    share = np.where(products["is_new"].to_numpy(dtype=bool), np.clip(left / days, 1.0 / days, 1.0), 1.0)
    return np.nan_to_num(share, nan=1.0)


def launch_cost_per_sku(products: pd.DataFrame, r: dict) -> np.ndarray:
    """Share each launch's project cost equally among the SKUs it brought (0 for the established range).

    Examples
    --------
    >>> import pandas as pd
    >>> products = pd.DataFrame({"launch_id": [1.0, 1.0, None], "launch_size": ["major", "major", None],
    ...                          "is_new": [True, True, False]})
    >>> launch_cost_per_sku(products, complexity_rates(COMPLEXITY_RATES)).tolist()
    [20000.0, 20000.0, 0.0]
    """
    lid = products["launch_id"]
    size = products["launch_size"].astype(str).to_numpy()
    per_launch = np.where(size == "major", r["major_launch_cost"],
                          np.where(size == "minor", r["minor_launch_cost"], 0.0))
    n_in_launch = lid.map(lid.value_counts()).fillna(1).to_numpy(dtype=float)
    return np.where(products["is_new"].to_numpy(), per_launch / n_in_launch, 0.0)


def complexity_frame(company, totals: pd.DataFrame, r: dict) -> pd.DataFrame:
    """Compute every product's complexity cost from its totals for the period.

    Parameters
    ----------
    company : Company
        The company whose ``products`` the totals follow, row for row.
    totals : pandas.DataFrame
        Per-product ``cases`` and ``accounts`` in ``company.products`` order
        (:func:`casekit.models.portfolio.product_totals`).
    r : dict
        The rates, from :func:`complexity_rates`.

    Returns
    -------
    pandas.DataFrame
        One row per product: ``product_id``, one column per component of
        :data:`COMPONENTS` and ``complexity_cost`` (their sum), in $.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> from casekit.costing.engine import cost_to_serve
    >>> from casekit.models.portfolio import product_totals
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> cc = complexity_frame(co, product_totals(co, cost_to_serve(co)), complexity_rates(COMPLEXITY_RATES))
    >>> list(cc.columns[1:]) == COMPONENTS + ["complexity_cost"]
    True
    """
    products = company.products
    comp = complexity_components(
        totals["cases"].to_numpy(), products["cogs_per_case"].to_numpy(),
        totals["accounts"].to_numpy(), products["is_new"].to_numpy(),
        products["pick_type"].astype(str).to_numpy(), launch_cost_per_sku(products, r),
        np.ones(len(products)), share_on_sale(company), float((~products["is_niche"]).sum()), period_months(company), r,
    )
    out = pd.DataFrame({"product_id": products["product_id"].to_numpy(), **comp})
    out["complexity_cost"] = out[COMPONENTS].sum(axis=1)
    return out
