"""Two eras of one company: what changes when the era dial moves (ideas I5, I6).

Byrnes (2010) contrasts the Age of Mass Markets (one price list, one way of
serving everyone, "drop it at the dock") with the Age of Precision Markets
(prices and cost to serve that differ by account and by product within an
account, products in every niche).  The functions here measure that contrast
on companies made with :func:`casekit.make_company` at several positions of
the era dial.  They return tidy frames; the widgets and notebooks only show
them (the figures are in :mod:`casekit.plots.eras`).
"""

from __future__ import annotations

import functools
import math
from numbers import Real

import numpy as np
import pandas as pd

from casekit.analysis.profitability import profit_by
from casekit.case.company import era_to_float, make_company
from casekit.case.datasets import CASES
from casekit.costing.engine import cost_to_serve
from casekit.validation import check_int

__all__ = [
    "ERA_STEPS",
    "CLASSROOM_SEED",
    "era_case",
    "customer_ranks",
    "rank_agreement",
    "customer_spreads",
    "era_profile",
    "era_table",
    "dock_vs_account",
    "hidden_losers",
    "era_label",
]

ERA_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
CLASSROOM_SEED = CASES["precision"]["seed"]


def era_label(era: float) -> str:
    """Name a dial position: 0 -> 'mass era', 1 -> 'precision era', else 'era 0.50'.

    Parameters
    ----------
    era : {"mass", "precision"} or float
        Position of the era dial, 0 (mass) to 1 (precision).

    Returns
    -------
    str
        The label used in titles and table indexes.

    Examples
    --------
    >>> era_label(0), era_label("precision"), era_label(0.5)
    ('mass era', 'precision era', 'era 0.50')
    """
    e = era_to_float(era)
    return {0.0: "mass era", 1.0: "precision era"}.get(e, f"era {e:.2f}")


def _check_seed(seed, func: str) -> int:
    # An int, not a Generator: the case is cached by its seed.
    return check_int(seed, "seed", what=f"an int (the classroom case is seed={CLASSROOM_SEED})", func=func)


@functools.lru_cache(maxsize=16)
def _cached_case(era: float, seed: int):
    company = make_company(era=era, seed=seed)
    return company, cost_to_serve(company)


def era_case(era, *, seed: int = CLASSROOM_SEED):
    """Return the company and its line P&L at one position of the era dial, cached.

    Parameters
    ----------
    era : {"mass", "precision"} or float
        Position of the dial, 0 (mass) to 1 (precision).
    seed : int, default=CLASSROOM_SEED
        The company's seed; the default is the classroom case's.

    Returns
    -------
    (Company, pandas.DataFrame)
        The company and ``cost_to_serve(company)``.  Computed once per
        (era, seed) and then reused, so a widget can move back and forth.
        Treat both as read-only.

    Examples
    --------
    >>> co, pnl = era_case("precision")
    >>> type(co).__name__, "net_profit" in pnl.columns
    ('Company', True)
    >>> era_case(1.0)[1] is pnl
    True
    """
    e = era_to_float(era)
    return _cached_case(round(e, 6), _check_seed(seed, "era_case"))


def customer_ranks(pnl: pd.DataFrame) -> pd.DataFrame:
    """Rank customers by revenue and by net profit (1 = largest).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.

    Returns
    -------
    pandas.DataFrame
        One row per customer, by revenue rank: ``customer_id``, ``revenue``,
        ``net_profit`` ($), ``revenue_rank``, ``profit_rank`` (ints, 1 is
        the largest; ties share the lowest rank) and ``rank_gap``
        (``profit_rank - revenue_rank``; positive when the account earns less
        than its size suggests).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> r = customer_ranks(pnl)
    >>> r.columns.tolist()
    ['customer_id', 'revenue', 'net_profit', 'revenue_rank', 'profit_rank', 'rank_gap']
    >>> len(r), int(r.loc[0, "revenue_rank"])
    (40, 1)
    """
    cust = profit_by(pnl, "customer_id")[["customer_id", "revenue", "net_profit"]].copy()
    cust["customer_id"] = cust["customer_id"].astype(object)
    cust["revenue_rank"] = cust["revenue"].rank(ascending=False, method="min").astype(int)
    cust["profit_rank"] = cust["net_profit"].rank(ascending=False, method="min").astype(int)
    cust["rank_gap"] = cust["profit_rank"] - cust["revenue_rank"]
    return cust.sort_values("revenue_rank", kind="stable").reset_index(drop=True)


def rank_agreement(pnl: pd.DataFrame) -> float:
    """Measure how well revenue rank predicts profit rank (Spearman's rho).

    1 means the biggest customer is the most profitable, the second biggest
    the second most profitable, and so on: maximising revenue maximises
    profit (the mass era of I5).  Values near 0 mean size says little about
    profit (the precision era of I6).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.

    Returns
    -------
    float
        Spearman's rank correlation between customer revenue and customer net
        profit, in [-1, 1].

    Raises
    ------
    ValueError
        If the P&L has fewer than 3 customers.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> rho = rank_agreement(pnl)
    >>> isinstance(rho, float), -1 <= rho <= 1
    (True, True)
    """
    ranks = customer_ranks(pnl)
    if len(ranks) < 3:
        raise ValueError(f"rank_agreement: needs at least 3 customers, got {len(ranks)}.")
    r = ranks["revenue"].rank().to_numpy()
    p = ranks["net_profit"].rank().to_numpy()
    return float(np.corrcoef(r, p)[0, 1])


def customer_spreads(pnl: pd.DataFrame) -> pd.DataFrame:
    """Compute each customer's pocket price and cost to serve per case.

    Pocket price is shown as a percent of list price (revenue less
    off-invoice trade promotion, over gross sales at list), so customers
    buying different products can be compared.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.

    Returns
    -------
    pandas.DataFrame
        One row per customer with cases: ``customer_id``, ``cases``,
        ``revenue``, ``net_profit`` ($), ``pocket_pct_of_list`` (%) and
        ``cost_to_serve_per_case`` ($ per case).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> s = customer_spreads(pnl)
    >>> s.columns.tolist()
    ['customer_id', 'cases', 'revenue', 'net_profit', 'pocket_pct_of_list', 'cost_to_serve_per_case']
    >>> bool((s["cost_to_serve_per_case"] > 0).all()), bool((s["pocket_pct_of_list"] <= 100).all())
    (True, True)
    """
    cust = profit_by(pnl, "customer_id")
    cust = cust[cust["cases"] > 0]
    out = pd.DataFrame({
        "customer_id": cust["customer_id"].astype(object),
        "cases": cust["cases"],
        "revenue": cust["revenue"],
        "net_profit": cust["net_profit"],
        "pocket_pct_of_list": (cust["revenue"] - cust["cost_trade_promotion"]) / cust["gross_sales"] * 100.0,
        "cost_to_serve_per_case": cust["cost_to_serve"] / cust["cases"],
    })
    return out.reset_index(drop=True)


def _p90_p10(values: pd.Series, weights: pd.Series | None = None) -> float:
    v = values.to_numpy(dtype=float)
    return float(np.percentile(v, 90) - np.percentile(v, 10))


def era_profile(era, *, seed: int = CLASSROOM_SEED) -> pd.Series:
    """Summarise the company at one dial position in the numbers I5 and I6 talk about.

    Parameters
    ----------
    era : {"mass", "precision"} or float
        Position of the dial.
    seed : int, default=CLASSROOM_SEED
        The company's seed.

    Returns
    -------
    pandas.Series
        ``era``; ``rank_agreement`` (Spearman's rho of revenue and profit
        rank); ``pocket_price_spread_pts`` (90th minus 10th percentile of
        customers' pocket price, points of list price);
        ``cts_per_case_p10`` / ``cts_per_case_p90`` and
        ``cts_per_case_ratio`` (p90 / p10 of customers' cost to serve per
        case, $ and x); ``skus_sold``; ``niche_skus_sold``;
        ``niche_revenue_pct`` (% of revenue); ``customers_losing_pct`` (%);
        ``net_profit`` ($).  Named by :func:`era_label`.

    Examples
    --------
    >>> p = era_profile("precision")
    >>> p.name, p["era"], len(p)
    ('precision era', 1.0, 11)
    >>> bool(p["cts_per_case_p90"] > p["cts_per_case_p10"])
    True
    """
    e = era_to_float(era)
    company, pnl = era_case(e, seed=seed)
    spreads = customer_spreads(pnl)
    by_product = profit_by(pnl, "is_niche", company=company)
    niche_rev = float(by_product.loc[by_product["is_niche"].astype(bool), "revenue"].sum())
    sold = pnl["product_id"].astype(object).unique()
    niche_ids = set(company.products.loc[company.products["is_niche"].astype(bool), "product_id"].astype(object))
    cts = spreads["cost_to_serve_per_case"]
    p10, p90 = float(np.percentile(cts, 10)), float(np.percentile(cts, 90))
    return pd.Series({
        "era": e,
        "rank_agreement": rank_agreement(pnl),
        "pocket_price_spread_pts": _p90_p10(spreads["pocket_pct_of_list"]),
        "cts_per_case_p10": p10,
        "cts_per_case_p90": p90,
        "cts_per_case_ratio": p90 / p10 if p10 > 0 else math.nan,
        "skus_sold": int(len(sold)),
        "niche_skus_sold": int(sum(1 for p in sold if p in niche_ids)),
        "niche_revenue_pct": niche_rev / float(pnl["revenue"].sum()) * 100.0,
        "customers_losing_pct": float((spreads["net_profit"] < 0).mean() * 100.0),
        "net_profit": float(pnl["net_profit"].sum()),
    }, name=era_label(e), dtype=object)


def era_table(eras=ERA_STEPS, *, seed: int = CLASSROOM_SEED) -> pd.DataFrame:
    """Stack :func:`era_profile` for several dial positions, one row each.

    Parameters
    ----------
    eras : sequence of float, default=ERA_STEPS
        Dial positions in [0, 1].
    seed : int, default=CLASSROOM_SEED
        The company's seed.

    Returns
    -------
    pandas.DataFrame
        Indexed by the era's label, the columns of :func:`era_profile`:
        ``era``, ``rank_agreement``, ``pocket_price_spread_pts``,
        ``cts_per_case_p10``, ``cts_per_case_p90``, ``cts_per_case_ratio``,
        ``skus_sold``, ``niche_skus_sold``, ``niche_revenue_pct``,
        ``customers_losing_pct``, ``net_profit``.

    Raises
    ------
    TypeError
        If ``eras`` is a single value.
    ValueError
        If it is empty.

    Examples
    --------
    >>> t = era_table([1.0])
    >>> t.index.tolist(), t.shape
    (['precision era'], (1, 11))
    >>> t["skus_sold"].dtype.kind
    'i'
    """
    wanted = f"era_table: eras must be a non-empty list of dial positions such as [0, 0.5, 1]; got {eras!r}."
    if isinstance(eras, (str, Real)):
        raise TypeError(wanted)
    if len(eras) == 0:
        raise ValueError(wanted)
    table = pd.DataFrame([era_profile(e, seed=seed) for e in eras])
    return table.infer_objects()


def dock_vs_account(pnl: pd.DataFrame) -> pd.DataFrame:
    """Compare each customer's profit with cost to serve spread evenly per case and traced per account.

    In the mass era a company could treat every case alike: the same cost
    to serve per case, "drop it at the dock".  Here that average rate
    (total cost to serve / total cases) is charged to every customer and
    compared with the cost to serve traced to the account.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.

    Returns
    -------
    pandas.DataFrame
        One row per customer, by traced net profit: ``customer_id``,
        ``cases``, ``revenue``, ``cost_to_serve_dock`` and
        ``cost_to_serve_account`` ($), ``profit_dock`` and
        ``profit_account`` ($) and ``hidden_loser`` (True when the account
        looks profitable at the dock rate but loses money once traced).
        ``attrs["dock_rate"]`` is the average cost to serve per case ($).

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> d = dock_vs_account(pnl)
    >>> d.columns.tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['customer_id', 'cases', 'revenue', 'cost_to_serve_dock', 'cost_to_serve_account', 'profit_dock',
     'profit_account', 'hidden_loser']
    >>> bool(d["profit_account"].is_monotonic_decreasing), d.attrs["dock_rate"] > 0
    (True, True)
    """
    cust = profit_by(pnl, "customer_id")
    rate = float(cust["cost_to_serve"].sum() / cust["cases"].sum())
    out = pd.DataFrame({
        "customer_id": cust["customer_id"].astype(object),
        "cases": cust["cases"],
        "revenue": cust["revenue"],
        "cost_to_serve_dock": cust["cases"] * rate,
        "cost_to_serve_account": cust["cost_to_serve"],
    })
    out["profit_dock"] = cust["gross_margin"] - out["cost_to_serve_dock"]
    out["profit_account"] = cust["net_profit"]
    out["hidden_loser"] = (out["profit_dock"] > 0) & (out["profit_account"] < 0)
    out = out.sort_values("profit_account", ascending=False, kind="stable").reset_index(drop=True)
    out.attrs = {"dock_rate": rate}
    return out


def hidden_losers(pnl: pd.DataFrame) -> int:
    """Count customers that look profitable at the dock rate but lose money when traced.

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.

    Returns
    -------
    int
        The number of rows of :func:`dock_vs_account` whose ``hidden_loser``
        is True.

    Examples
    --------
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> n = hidden_losers(pnl)
    >>> isinstance(n, int), n == int(dock_vs_account(pnl)["hidden_loser"].sum())
    (True, True)
    """
    return int(dock_vs_account(pnl)["hidden_loser"].sum())
