"""Fifteen objectives: the reps' bonus plan, one objective per launch (ideas I2, I3).

Every launch, however small, arrives with its own sales objective in the
reps' bonus plan, so a quarter's plan carries 15-20 objectives at once.  No
rep can push fifteen items, and no customer will take fifteen changes.

:func:`bonus_plan` builds the plan from the company's launches;
:func:`objective_count` shows how the count of live objectives follows the
launch stream.  What reps do with the plan (each works the few objectives
that look most rewarding from their own territory) is in
:mod:`casekit.models.rep_choices`.  Every default lives in
:data:`OBJECTIVE_ASSUMPTIONS`, with its source.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.models.assumptions import assumption_values
from casekit.models.complexity import period_months
from casekit.models.portfolio import codes
from casekit.validation import check_company, check_frame, check_int, check_seed

__all__ = [
    "OBJECTIVE_ASSUMPTIONS",
    "bonus_plan",
    "objective_count",
]

# (parameter, value, unit, source or rationale)
_ROWS = [
    ("objective_life_months", 4.0, "months",
     "assumption: a launch's objective stays in the plan for 4 months; with ~55 launches a year "
     "that gives the 15-20 live objectives Byrnes describes"),
    ("bonus_months", 3.0, "months", "assumption: a quarterly bonus period"),
    ("major_weight", 3.0, "x minor", "assumption: a new product line carries 3x the weight of a flavour "
     "or pack change in the plan"),
    ("weight_noise", 0.3, "log sd", "assumption: product managers lobby; weights vary around the rule"),
    ("bonus_pool", 6_000.0, "$/rep/period", "assumption: ~$24,000 a year of variable pay per rep"),
    ("pitches_per_rep", 60.0, "pitches/period",
     "assumption: ~90 hours of a quarter's selling time for new items at ~1.5 h per item per account"),
    ("objective_setup_pitches", 6.0, "pitches/objective",
     "assumption: learning an item, its samples, listing paperwork and follow-up take about six pitches' "
     "worth of a rep's time for every objective worked, whatever the number of accounts"),
    ("bonus_threshold", 0.25, "attainment",
     "assumption: an objective pays nothing below 25 % of its target (a common gate in sales plans; "
     "it rewards concentrating on a few objectives)"),
    ("customer_appetite", 1.0, "items/period",
     "assumption: an account takes at most 1 new item from Beacon a quarter: a buyer lists a new item only "
     "when one leaves the shelf, at the category's review (Byrnes: customers resist many changes); "
     "calibrated so that reps work two or three objectives, as Byrnes saw, when time and the bonus curve "
     "are left to the reps (with 2 a quarter the median rep works more)"),
    ("minor_accept_probability", 0.6, "share", "assumption: chance an account with appetite left takes a "
     "pitched flavour, pack or display"),
    ("major_accept_probability", 0.35, "share", "assumption: a new line needs shelf space the buyer must "
     "take from someone else, so fewer accounts take it"),
    ("minor_item_share", 0.02, "share", "assumption: an adopted flavour or pack sells 2 % of the "
     "account's cases in its category"),
    ("major_item_share", 0.14, "share", "calibrated: an adopted new line sells 14 % of the account's "
     "cases in its category (in the classroom case a major launch's SKUs sell a median ~14 % of the "
     "category cases of an account that buys them while on sale, a minor item ~2 %)"),
    ("listing_cost", 100.0, "$/adoption", "assumption: item set-up in the account's systems, first order and "
     "shelf reset; the rep's sell-in time is not here (complexity cost charges it per account)"),
    ("perception_noise", 0.5, "log sd", "assumption: reps misjudge payoffs by about +/-50 %"),
]

OBJECTIVE_ASSUMPTIONS = pd.DataFrame(_ROWS, columns=["parameter", "value", "unit", "source"]).set_index(
    "parameter")
"""Default assumptions of the objectives model, one row each, with their source."""

PLAN_COLUMNS = ["objective_id", "objective", "launch_id", "launch_date", "launch_size", "kind", "brand",
                "category", "n_skus", "weight", "target_accounts", "target_cases"]
"""The columns of a bonus plan, in order (see :func:`bonus_plan`)."""


# --------------------------------------------------------------------------- checks
COMPANY_TABLES = ("customers", "products", "orders", "lines", "launches", "reps")
"""The company's tables the objectives models read."""


def check_plan(plan, func: str) -> None:
    """Raise unless ``plan`` is a non-empty frame from :func:`bonus_plan`, naming ``func``.

    Raises
    ------
    TypeError
        If ``plan`` is not a DataFrame.
    ValueError
        If it lacks a column of :data:`PLAN_COLUMNS` or has no objectives.

    Examples
    --------
    >>> import pandas as pd
    >>> check_plan(pd.DataFrame({"objective_id": ["O01"]}), "simulate_reps")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: simulate_reps: plan has no column(s) ['objective', ...]; pass the frame returned by bonus_plan(company).
    """
    check_frame(plan, name="plan", columns=PLAN_COLUMNS, source="bonus_plan(company)", func=func)
    if plan.empty:
        raise ValueError(f"{func}: plan has no objectives; build it with bonus_plan(company).")


def objective_assumptions(assumptions) -> dict:
    """Check an edited table of objectives assumptions and return its values.

    Parameters
    ----------
    assumptions : pandas.DataFrame
        A copy of :data:`OBJECTIVE_ASSUMPTIONS` with values changed.

    Returns
    -------
    dict of str to float
        One value per parameter.

    Examples
    --------
    >>> a = objective_assumptions(OBJECTIVE_ASSUMPTIONS)
    >>> a["objective_life_months"], a["customer_appetite"]
    (4.0, 1.0)
    """
    a = assumption_values(assumptions, OBJECTIVE_ASSUMPTIONS, defaults_name="OBJECTIVE_ASSUMPTIONS", shares=[
        "minor_accept_probability", "major_accept_probability", "minor_item_share", "major_item_share"])
    if a["bonus_months"] <= 0 or a["objective_life_months"] <= 0:
        raise ValueError("assumptions: bonus_months and objective_life_months must be > 0.")
    return a



# --------------------------------------------------------------------------- the plan
def category_volume(company, a: dict, pnl=None) -> tuple[np.ndarray, list[str]]:
    """Sum each account's cases per bonus period in each category (from ``pnl`` if given, else the lines).

    Parameters
    ----------
    company : Company
    a : dict
        The assumptions (:func:`objective_assumptions`); ``bonus_months`` sets the period.
    pnl : pandas.DataFrame, optional
        ``cost_to_serve(company)``; the company's lines when omitted.

    Returns
    -------
    (numpy.ndarray, list of str)
        Cases, accounts (``company.customers`` order) x categories, and the
        categories' names.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> co = make_company(seed=1, n_customers=40, n_products=60)
    >>> vol, categories = category_volume(co, objective_assumptions(OBJECTIVE_ASSUMPTIONS))
    >>> vol.shape == (len(co.customers), len(categories))
    True
    """
    customers, products = company.customers, company.products
    if pnl is not None:
        cust = codes(pnl["customer_id"], customers["customer_id"])
        prod = codes(pnl["product_id"], products["product_id"])
        cases = pnl["cases"].to_numpy(dtype=float)
    else:
        orders = company.orders
        cust_of_order = codes(orders["customer_id"], customers["customer_id"])
        order = codes(company.lines["order_id"], orders["order_id"])
        cust = np.where(order >= 0, cust_of_order[order], -1)
        prod = codes(company.lines["product_id"], products["product_id"])
        cases = company.lines["cases"].to_numpy(dtype=float)
    categories = list(products["category"].cat.categories)
    cat_of_prod = products["category"].cat.codes.to_numpy().astype(np.int64)
    cat = np.where(prod >= 0, cat_of_prod[prod], -1)
    n_c, n_k = len(customers), len(categories)
    ok = (cust >= 0) & (cat >= 0)
    vol = np.bincount(cust[ok] * n_k + cat[ok], weights=cases[ok], minlength=n_c * n_k).reshape(n_c, n_k)
    return vol * a["bonus_months"] / period_months(company), categories



def objective_count(company, *, assumptions=OBJECTIVE_ASSUMPTIONS) -> pd.DataFrame:
    """Count the objectives live in the reps' bonus plan, month by month.

    Each launch adds one objective that stays in the plan for
    ``objective_life_months``; the count follows the launch stream.

    Parameters
    ----------
    company : Company
    assumptions : pandas.DataFrame, default=OBJECTIVE_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        One row per month: ``month`` (``"YYYY-MM"``), ``launches`` (that
        month), ``live_objectives`` (at month end).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> cnt = objective_count(make_company(seed=1, n_customers=40, n_products=60))
    >>> list(cnt.columns), len(cnt)
    (['month', 'launches', 'live_objectives'], 12)
    """
    check_company(company, tables=COMPANY_TABLES, allow_dict=False, func="objective_count")
    a = objective_assumptions(assumptions)
    start = pd.Timestamp((company.params or {}).get("start_date", "2025-01-01"))
    periods = pd.period_range(start, periods=int(period_months(company)), freq="M")
    launch_month = company.launches["launch_date"].dt.to_period("M")
    life = int(np.ceil(a["objective_life_months"]))
    rows = []
    for p in periods:
        age = np.array([(p - m).n if m <= p else -1 for m in launch_month])
        rows.append((str(p), int((age == 0).sum()), int(((age >= 0) & (age < life)).sum())))
    return pd.DataFrame(rows, columns=["month", "launches", "live_objectives"])



def live_launches(company, a: dict) -> pd.DataFrame:
    """Return the launches whose objective is still in the plan at the end of the period.

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> co = make_company(seed=2, n_customers=60, n_products=300)
    >>> live = live_launches(co, objective_assumptions(OBJECTIVE_ASSUMPTIONS))
    >>> 0 < len(live) <= len(co.launches)
    True
    """
    launches = company.launches.sort_values(["launch_date", "launch_id"]).reset_index(drop=True)
    end = pd.Timestamp((company.params or {}).get("start_date", "2025-01-01")) + pd.DateOffset(
        months=int(period_months(company)))
    cutoff = end - pd.DateOffset(days=int(round(a["objective_life_months"] * 30.44)))
    return launches[launches["launch_date"] >= cutoff]



def bonus_plan(company, *, n_objectives=None, seed=None, assumptions=OBJECTIVE_ASSUMPTIONS) -> pd.DataFrame:
    """Build the reps' bonus plan: one weighted objective per launch.

    The plan is the one live at the end of the period: every launch of the
    last ``objective_life_months`` brings an objective to sell its items into
    every account that buys its category.  A major launch weighs
    ``major_weight`` times a minor one, and each weight is shaken by
    log-normal noise (sd ``weight_noise``: product managers lobby).  Weights
    are shares of the bonus and sum to 1.

    Parameters
    ----------
    company : Company
    n_objectives : int, optional
        Take the ``n_objectives`` most recent launches instead (at most the
        number of launches in the period).
    seed : int, numpy.random.Generator or None, default=None
        Pass an int for reproducible output across multiple function calls.
    assumptions : pandas.DataFrame, default=OBJECTIVE_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        One row per objective, heaviest first: ``objective_id`` (``O01``...),
        ``objective`` (what to sell), ``launch_id``, ``launch_date``,
        ``launch_size``, ``kind``, ``brand``, ``category``, ``n_skus``,
        ``weight`` (share of the bonus), ``target_accounts`` (accounts
        buying the category) and ``target_cases`` (cases a bonus period if
        every one of them takes the item).

    Examples
    --------
    >>> from casekit.case.company import make_company
    >>> co = make_company(seed=2, n_customers=60, n_products=300)
    >>> plan = bonus_plan(co, seed=0)
    >>> 12 <= len(plan) <= 25, round(float(plan["weight"].sum()), 6)
    (True, 1.0)
    """
    check_company(company, tables=COMPANY_TABLES, allow_dict=False, func="bonus_plan")
    a = objective_assumptions(assumptions)
    launches = company.launches.sort_values(["launch_date", "launch_id"]).reset_index(drop=True)
    if launches.empty:
        raise ValueError("bonus_plan: the company has no launches in the period (a mass-era company?); "
                         "use a precision-era company.")
    if n_objectives is None:
        chosen = live_launches(company, a)
        if chosen.empty:
            chosen = launches.tail(1)
    else:
        n = check_int(n_objectives, "n_objectives", low=1, high=len(launches), func="bonus_plan")
        chosen = launches.tail(n)
    rng = np.random.default_rng(check_seed(seed, func="bonus_plan"))
    chosen = chosen.reset_index(drop=True)
    is_major = chosen["launch_size"].astype(str).eq("major").to_numpy()
    raw = np.where(is_major, a["major_weight"], 1.0) * np.exp(
        rng.normal(0.0, a["weight_noise"], len(chosen)) if a["weight_noise"] > 0 else np.zeros(len(chosen)))
    weight = raw / raw.sum()

    vol, categories = category_volume(company, a)
    cat_idx = np.array([categories.index(str(c)) for c in chosen["category"]])
    share = np.where(is_major, a["major_item_share"], a["minor_item_share"])
    products = company.products
    first_name = (products.dropna(subset=["launch_id"]).sort_values("product_id")
                  .groupby("launch_id")["product_name"].first())
    names = []
    for row in chosen.itertuples():
        item = first_name.get(row.launch_id, f"{row.brand} {row.category}")
        names.append(f"{row.kind}: {item}" + (f" (+{row.n_skus - 1} SKUs)" if row.n_skus > 1 else ""))
    plan = pd.DataFrame({
        "objective": names,
        "launch_id": chosen["launch_id"].to_numpy(),
        "launch_date": chosen["launch_date"].to_numpy(),
        "launch_size": chosen["launch_size"].to_numpy(),
        "kind": chosen["kind"].to_numpy(),
        "brand": chosen["brand"].to_numpy(),
        "category": chosen["category"].to_numpy(),
        "n_skus": chosen["n_skus"].to_numpy(),
        "weight": weight,
        "target_accounts": (vol[:, cat_idx] > 0).sum(axis=0).astype("int64"),
        "target_cases": vol[:, cat_idx].sum(axis=0) * share,
    })
    plan = plan.sort_values(["weight", "launch_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    width = max(2, len(str(len(plan))))
    plan.insert(0, "objective_id", [f"O{i:0{width}d}" for i in range(1, len(plan) + 1)])
    for col in ("launch_size", "brand", "category"):
        plan[col] = plan[col].astype(chosen[col].dtype)
    return plan[PLAN_COLUMNS]
