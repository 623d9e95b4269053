"""The year's launches seen through two lenses: the product managers' (gross margin) and the company's.

:func:`launch_scorecard` rolls :func:`casekit.models.innovation.product_scorecard`
up to launches; :func:`complexity_per_sku` compares what a SKU launched this
period costs operations with an established one (notebook 05, ideas I1, I4).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from casekit.models.complexity import COMPONENTS
from casekit.models.innovation import complexity_cost
from casekit.validation import check_frame

__all__ = ["LENS_COLUMNS", "check_scorecard", "launch_scorecard", "complexity_per_sku"]

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
