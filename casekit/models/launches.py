"""The year's launches seen through two lenses: the product managers' (gross margin) and the company's.

:func:`launch_scorecard` rolls :func:`casekit.models.innovation.product_scorecard`
up to launches; :func:`complexity_per_sku` compares what a SKU launched this
period costs operations with an established one (notebook 05, ideas I1, I4).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.models.assumptions import assumption_values
from casekit.models.complexity import COMPONENTS
from casekit.models.innovation import complexity_cost
from casekit.validation import check_frame

__all__ = ["LENS_COLUMNS", "LIFE_ASSUMPTIONS", "check_scorecard", "launch_scorecard", "launch_life",
           "complexity_per_sku"]

LIFE_ASSUMPTIONS = pd.DataFrame([
    ("life_years", 3.0, "years", "assumption: a launch sells for about three years (as economic_life_months in "
     "casekit.models.complexity.COMPLEXITY_RATES)"),
    ("cannibalisation", 0.5, "share", "assumption: half a minor launch's cases (a flavour, pack or display) are "
     "taken from established items of the company, whose margin is lost (as demand_transfer in COMPLEXITY_RATES)"),
    ("major_cannibalisation", 0.2, "share", "assumption: a new product line mostly brings new buyers and occasions; "
     "a fifth of its cases are taken from established items"),
    ("discount_rate", 0.08, "per year", "assumption: the company's cost of capital"),
    ("hidden_cost_scale", 1.0, "x", "1 = the costs a product manager does not see (cost to serve, complexity, "
     "cannibalised margin) at this model's estimates, most of them assumptions; the break-even in "
     "casekit.models.break_even asks how much smaller they would have to be"),
], columns=["parameter", "value", "unit", "source"]).set_index("parameter")
"""Assumptions of :func:`launch_life`, one row each, with their source."""

LENS_COLUMNS = ["revenue", "gross_margin", "cost_to_serve", "net_profit", "complexity_cost", "company_profit"]
"""Money columns of the scorecard summed per launch ($ in the period)."""


def check_scorecard(card, *, func: str) -> None:
    """Raise unless ``card`` is a product scorecard with launches and both lenses.

    Parameters
    ----------
    card : pandas.DataFrame
        Should come from :func:`casekit.models.innovation.product_scorecard`.
    func : str
        The caller's name, for the message.

    Raises
    ------
    TypeError
        If ``card`` is not a DataFrame.
    ValueError
        If it lacks ``launch_id``, ``is_new``, ``launch_size`` or a column
        of :data:`LENS_COLUMNS`.

    Examples
    --------
    >>> import pandas as pd
    >>> check_scorecard(pd.DataFrame({"launch_id": [1]}), func="demo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: demo: card has no column(s) [...]; pass the frame returned by ...product_scorecard(company, pnl).
    """
    check_frame(card, name="card", columns=["launch_id", "is_new", "launch_size"] + LENS_COLUMNS,
                source="casekit.models.innovation.product_scorecard(company, pnl)", func=func)


def launch_scorecard(card: pd.DataFrame) -> pd.DataFrame:
    """Roll the product scorecard up to the period's launches.

    Parameters
    ----------
    card : pandas.DataFrame
        From :func:`casekit.models.innovation.product_scorecard`.

    Returns
    -------
    pandas.DataFrame
        One row per launch, worst company profit first: ``launch_id``,
        ``launch_size``, ``skus``, ``revenue``, ``gross_margin``,
        ``cost_to_serve``, ``net_profit``, ``complexity_cost``,
        ``company_profit``, ``pm_verdict`` and ``company_verdict``
        (``"earns"``/``"loses"`` on gross margin and on company profit).

    Raises
    ------
    ValueError
        If ``card`` is not a product scorecard, or it has no new SKUs.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> launches = launch_scorecard(card)
    >>> list(launches.columns[:3]), int(launches["skus"].sum()) == int(card["is_new"].sum())
    (['launch_id', 'launch_size', 'skus'], True)
    >>> bool(launches["company_profit"].is_monotonic_increasing)
    True
    >>> set(launches["pm_verdict"]) <= {"earns", "loses"}
    True
    """
    check_scorecard(card, func="launch_scorecard")
    new = card[card["is_new"].astype(bool)]
    if new.empty:
        raise ValueError("launch_scorecard: the scorecard has no new SKUs (a company without launches?).")
    out = new.groupby("launch_id", observed=True).agg(
        launch_size=("launch_size", lambda s: str(s.iloc[0])), skus=("launch_id", "size"),
        **{c: (c, "sum") for c in LENS_COLUMNS}).reset_index()
    out["launch_id"] = out["launch_id"].astype("int64")
    out["pm_verdict"] = np.where(out["gross_margin"] > 0, "earns", "loses")
    out["company_verdict"] = np.where(out["company_profit"] > 0, "earns", "loses")
    return out.sort_values("company_profit", kind="stable").reset_index(drop=True)


def launch_life(card: pd.DataFrame, *, assumptions=LIFE_ASSUMPTIONS) -> pd.DataFrame:
    """Value each of the period's launches over its life, net of the sales it takes from established items.

    The period shows a launch for the months it was on sale.  Over its life
    it earns its run-rate net profit (the period's, annualised over its
    months on sale) less its recurring complexity cost (the period's less
    the share of one-off costs the period carried, annualised) less the
    gross margin of the cases it takes from established items
    (``cannibalisation`` of its own for a minor launch, ``major_cannibalisation`` for a
    new product line, at its own gross margin per case),
    each year for ``life_years``, discounted at ``discount_rate``; its
    one-off costs (launch project, item set-up, sell-in time) are paid once,
    in full.  ``hidden_cost_scale`` scales every cost beyond gross margin
    (the ones a product manager does not see).

    Parameters
    ----------
    card : pandas.DataFrame
        From :func:`casekit.models.innovation.product_scorecard`.
    assumptions : pandas.DataFrame, default=LIFE_ASSUMPTIONS

    Returns
    -------
    pandas.DataFrame
        One row per launch, worst first: ``launch_id``, ``launch_size``,
        ``skus``, ``annual_net_profit``, ``annual_complexity``,
        ``annual_cannibalised``, ``one_off_cost`` and ``life_value`` ($).

    Examples
    --------
    >>> import casekit as ck
    >>> from casekit.models.innovation import product_scorecard
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> life = launch_life(product_scorecard(co, ck.cost_to_serve(co)))
    >>> list(life.columns[:3]), bool(life["life_value"].is_monotonic_increasing)
    (['launch_id', 'launch_size', 'skus'], True)
    """
    check_scorecard(card, func="launch_life")
    a = assumption_values(assumptions, LIFE_ASSUMPTIONS, defaults_name="LIFE_ASSUMPTIONS",
                          shares=["cannibalisation", "major_cannibalisation"])
    r = card.attrs.get("rates") or {}
    new = card[card["is_new"].astype(bool)]
    if new.empty:
        raise ValueError("launch_life: the scorecard has no new SKUs (a company without launches?).")
    months = np.maximum(new["months_on_sale"].to_numpy(dtype=float), 0.5)
    per_year = 12.0 / months
    one_off = (new["launch_cost"].to_numpy(dtype=float) + r.get("new_sku_setup", 0.0)
               + new["accounts"].to_numpy(dtype=float) * r.get("sell_in_hours_per_account", 0.0)
               * r.get("rep_hour_cost", 0.0))
    life_months = r.get("economic_life_months", 36.0)
    carried = one_off * (np.minimum(months / life_months, 1.0) if life_months > 0 else 1.0)
    hidden = a["hidden_cost_scale"]
    years = np.arange(1, int(np.ceil(a["life_years"])) + 1, dtype=float)
    weight = np.minimum(a["life_years"] - (years - 1), 1.0)     # a part year at the end
    annuity = float((weight / (1 + a["discount_rate"]) ** years).sum())
    frame = pd.DataFrame({
        "launch_id": new["launch_id"].to_numpy(),
        "annual_net_profit": (new["gross_margin"].to_numpy(dtype=float) - hidden
                              * new["cost_to_serve"].to_numpy(dtype=float)) * per_year,
        "annual_complexity": hidden * (new["complexity_cost"].to_numpy(dtype=float) - carried) * per_year,
        "annual_cannibalised": hidden * np.where(new["launch_size"].astype(str).to_numpy() == "major",
                                                 a["major_cannibalisation"], a["cannibalisation"])
                               * new["gross_margin"].to_numpy(dtype=float) * per_year,
        "one_off_cost": hidden * one_off,
    })
    out = frame.groupby("launch_id").sum().reset_index()
    info = new.groupby("launch_id", observed=True).agg(launch_size=("launch_size", lambda x: str(x.iloc[0])),
                                                       skus=("launch_id", "size"))
    out = out.merge(info, left_on="launch_id", right_index=True)
    out["life_value"] = ((out["annual_net_profit"] - out["annual_complexity"] - out["annual_cannibalised"])
                         * annuity - out["one_off_cost"])
    out["launch_id"] = out["launch_id"].astype("int64")
    cols = ["launch_id", "launch_size", "skus", "annual_net_profit", "annual_complexity", "annual_cannibalised",
            "one_off_cost", "life_value"]
    return out[cols].sort_values("life_value", kind="stable").reset_index(drop=True)


def complexity_per_sku(company, pnl) -> pd.DataFrame:
    """Average complexity cost per SKU and component, established range vs SKUs launched this period.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.

    Returns
    -------
    pandas.DataFrame
        Index ``["established", "new"]``, one column per component of
        :data:`casekit.models.complexity.COMPONENTS` ($ per SKU in the period) and
        ``skus``.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> per_sku = complexity_per_sku(co, pnl)
    >>> per_sku.index.tolist(), int(per_sku["skus"].sum()) == len(co.products)
    (['established', 'new'], True)
    >>> per_sku.columns[-1]
    'skus'
    """
    cc = complexity_cost(company, pnl)
    group = np.where(company.products["is_new"].to_numpy(dtype=bool), "new", "established")
    out = cc[COMPONENTS].groupby(group).mean().reindex(["established", "new"])
    out["skus"] = pd.Series(group).value_counts().reindex(out.index).to_numpy()
    return out
