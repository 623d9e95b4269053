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

The complexity-cost model and its rates, every default with its source, are
in :mod:`casekit.models.complexity`; the machinery the what-ifs share with the
other portfolio models is in :mod:`casekit.models.portfolio`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.models.complexity import (
    COMPLEXITY_RATES,
    complexity_frame,
    complexity_rates,
    launch_cost_per_sku,
    period_months,
    share_on_sale,
)
from casekit.models.portfolio import codes, portfolio_lenses, product_totals, scorecard_rates
from casekit.validation import check_choice, check_company, check_fraction, check_frame, check_pnl, check_real

__all__ = [
    "launch_calendar",
    "complexity_cost",
    "product_scorecard",
    "prune_tail",
    "what_if_launch_rate",
]

_SCORECARD_COLUMNS = [
    "product_id", "product_name", "brand", "category", "pick_type", "launch_id", "launch_size",
    "is_new", "is_niche", "accounts", "cases", "revenue", "gross_margin", "gross_margin_pct",
    "cost_to_serve", "net_profit", "complexity_cost", "company_profit", "pm_rank",
    "company_rank", "pm_verdict", "company_verdict",
]


# --------------------------------------------------------------------------- checks
def _check_company(company, func: str) -> None:
    check_company(company, tables=("customers", "products", "lines", "launches"), allow_dict=False, func=func)


def _check_pnl(pnl, func: str) -> None:
    check_pnl(pnl, columns=("product_id", "customer_id", "cases", "revenue", "gross_margin", "cost_to_serve",
                            "net_profit"), source="cost_to_serve(company) at line level (without by=)",
              allow_empty=True, func=func)


# --------------------------------------------------------------------------- the model
def complexity_cost(company, pnl, *, rates=COMPLEXITY_RATES) -> pd.DataFrame:
    """Trace the operations complexity cost of the period to every product.

    The model, per SKU and per period (every rate from
    :data:`casekit.models.complexity.COMPLEXITY_RATES`):

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
        The model's rates; copy :data:`casekit.models.complexity.COMPLEXITY_RATES`
        and change values.

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
    return complexity_frame(company, product_totals(company, pnl), complexity_rates(rates))


def _sales_call_cost(company, pnl) -> np.ndarray:
    """The engine's sales-call cost per product (company.products order)."""
    if "cost_sales_calls" not in pnl.columns:
        return np.zeros(len(company.products))
    prod = codes(pnl["product_id"], company.products["product_id"])
    ok = prod >= 0
    return np.bincount(prod[ok], weights=pnl["cost_sales_calls"].to_numpy(dtype=float)[ok],
                       minlength=len(company.products))


def product_scorecard(company, pnl, *, rates=COMPLEXITY_RATES) -> pd.DataFrame:
    """Judge every product through the product manager's lens and the company's.

    The product manager sees the product's own revenue and gross margin.  The
    company sees its net profit after cost to serve (from the engine) and
    after the complexity cost it causes (:func:`complexity_cost`).  Each
    cost lands once: the reps' selling time charged to items as complexity
    is taken out of the engine's sales-call cost (spread over products as
    the engine spread the calls), so ``cost_to_serve`` here is the engine's
    less that rep time.  A
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
        and :func:`what_if_launch_rate` reuse, and ``rep_time_moved`` ($ of
        sales-call cost moved to selling time, so net profit here sums to the
        engine's plus it).

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
    r = complexity_rates(rates)
    products = company.products.reset_index(drop=True)
    totals = product_totals(company, pnl)
    cc = complexity_frame(company, totals, r)
    card = products[["product_id", "product_name", "brand", "category", "pick_type", "launch_id",
                     "launch_size", "is_new", "is_niche"]].copy()
    for col in ["accounts", "cases", "revenue", "gross_margin", "cost_to_serve", "net_profit"]:
        card[col] = totals[col].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        card["gross_margin_pct"] = np.where(card["revenue"] > 0,
                                            100 * card["gross_margin"] / card["revenue"], np.nan)
    # Rep time lands once: the hours charged to items as selling time are hours of the calls the engine
    # already charges, so they leave the sales-call pool (spread as the engine spread the calls).
    calls = _sales_call_cost(company, pnl)
    moved = min(float(cc["selling_time"].sum()), float(calls.sum()))
    share = moved / calls.sum() if calls.sum() > 0 else 0.0
    card["cost_to_serve"] = card["cost_to_serve"] - calls * share
    card["net_profit"] = card["net_profit"] + calls * share
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
    card["launch_cost"] = launch_cost_per_sku(products, r)
    card["months_on_sale"] = share_on_sale(company) * period_months(company)
    card = card[_SCORECARD_COLUMNS + ["months_on_sale", "cogs_per_case", "launch_cost"]]
    card.attrs["months"] = period_months(company)
    card.attrs["rates"] = dict(r)  # plain values: pandas compares attrs when combining frames
    card.attrs["rep_time_moved"] = moved
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
    r = complexity_rates(rates)
    months = int(period_months(company))
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
    annual = cases / (months / 12.0 * share_on_sale(company))
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
    check_frame(scorecard, name="scorecard", columns=(
        "cases", "revenue", "gross_margin", "cost_to_serve", "accounts", "is_new", "is_niche", "pick_type",
        "category", "cogs_per_case", "launch_cost", "launch_id", "months_on_sale"),
        source="product_scorecard(company, pnl), unfiltered", func=func)


def _summary(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=_SUMMARY_COLUMNS)
    base = out.iloc[0]
    out["complexity_saved_pct"] = 100 * (1 - out["complexity_cost"] / base["complexity_cost"])
    return out


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
    share = check_fraction(share, "share", func="prune_tail")
    check_choice(by, "by", choices=("revenue", "gross_margin", "company_profit"), func="prune_tail")
    if by not in scorecard.columns:
        raise ValueError(f"by={by!r}: the scorecard has no column {by!r}.")
    r, months = scorecard_rates(scorecard, rates)
    n = len(scorecard)
    n_cut = int(round(share * n))
    order = np.argsort(scorecard[by].to_numpy(dtype=float), kind="stable")
    weight = np.ones(n)
    weight[order[:n_cut]] = 0.0
    return _summary([portfolio_lenses(scorecard, np.ones(n), r, months, "today"),
                     portfolio_lenses(scorecard, weight, r, months, "pruned")])


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
    >>> co = make_company(seed=3, n_customers=40, n_products=60)
    >>> card = product_scorecard(co, cost_to_serve(co))
    >>> out = what_if_launch_rate(card, rate=0.0)
    >>> bool(out.loc[1, "launches"] == 0), bool(out.loc[1, "complexity_cost"] < out.loc[0, "complexity_cost"])
    (True, True)

    Whether the company gains depends on which launches go: here the major
    launches pay, so stopping every launch costs profit.

    >>> bool(out.loc[1, "company_profit"] < out.loc[0, "company_profit"])
    True
    """
    _check_scorecard(scorecard, "what_if_launch_rate")
    rate = check_real(rate, "rate", low=0, high=3, what="a launch-rate multiple between 0 and 3",
                      func="what_if_launch_rate")
    r, months = scorecard_rates(scorecard, rates)
    is_new = scorecard["is_new"].to_numpy(dtype=bool)
    weight = np.where(is_new, rate, 1.0)
    return _summary([portfolio_lenses(scorecard, np.ones(len(scorecard)), r, months, "today"),
                     portfolio_lenses(scorecard, weight, r, months, f"launch rate x{rate:g}")])
