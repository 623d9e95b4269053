"""Two eras of one company: what changes when the era dial moves (ideas I5, I6).

Byrnes (2010) contrasts the Age of Mass Markets (one price list, one way of
serving everyone, "drop it at the dock") with the Age of Precision Markets
(prices and cost to serve that differ by account and by product within an
account, products in every niche).  The functions here measure that contrast
on companies made with :func:`casekit.make_company` at several positions of
the era dial.  They return tidy frames; the widgets and notebooks only show
them.
"""

from __future__ import annotations

import functools
import math
from numbers import Real

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from casekit.case.company import era_to_float, make_company
from casekit.case.datasets import CASES
from casekit.costing.engine import cost_to_serve
from casekit.analysis.profitability import profit_by

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
    "plot_era_panel",
    "plot_dock_vs_account",
    "plot_sku_counts",
    "era_label",
]

ERA_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
CLASSROOM_SEED = CASES["precision"]["seed"]

RED = "#c0392b"
GREEN = "#1e8449"
DARK = "#2c3e50"
GREY = "#7f8c8d"


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
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"{func}: seed must be an int (the classroom case is seed={CLASSROOM_SEED}); "
                         f"got {seed!r}.")
    return int(seed)


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
    ValueError
        If ``eras`` is a single value or empty.

    Examples
    --------
    >>> t = era_table([1.0])
    >>> t.index.tolist(), t.shape
    (['precision era'], (1, 11))
    >>> t["skus_sold"].dtype.kind
    'i'
    """
    if isinstance(eras, (str, Real)) or len(eras) == 0:
        raise ValueError(f"era_table: eras must be a non-empty list of dial positions such as "
                         f"[0, 0.5, 1]; got {eras!r}.")
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
    >>> d.columns.tolist()
    ['customer_id', 'cases', 'revenue', 'cost_to_serve_dock', 'cost_to_serve_account', 'profit_dock', 'profit_account', 'hidden_loser']
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


# --------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------

def _money(x, pos=None) -> str:
    sign = "-" if x < 0 else ""
    a = abs(float(x))
    for div, suffix in ((1e6, "M"), (1e3, "K")):
        if a >= div:
            return f"{sign}${a / div:.1f}{suffix}".replace(".0" + suffix, suffix)
    return f"{sign}${a:.0f}"


def _clean(ax, title, xlabel, ylabel):
    ax.set_title(title, loc="left", fontsize=13, fontweight="bold", parse_math=False)
    ax.set_xlabel(xlabel, fontsize=12, parse_math=False)
    ax.set_ylabel(ylabel, fontsize=12, parse_math=False)
    ax.tick_params(labelsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def plot_era_panel(era, *, seed: int = CLASSROOM_SEED, fig=None, pyplot: bool = True):
    """Draw the three views the era dial redraws, on fixed axes so eras compare.

    Left: revenue rank against profit rank (loss-makers in red).  Middle:
    customers' pocket price as % of list.  Right: customers' cost to serve
    per case.

    Parameters
    ----------
    era : {"mass", "precision"} or float
        Position of the dial.
    seed : int, default=CLASSROOM_SEED
        The company's seed.
    fig : matplotlib.figure.Figure, optional
        Where to draw; a new 15 x 4.8 in figure when omitted.
    pyplot : bool, default=True
        Create the figure through pyplot (so ``plt.show()`` shows it); pass
        False for an off-screen figure (widgets render it to PNG).

    Returns
    -------
    matplotlib.figure.Figure
        The figure with three axes.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_era_panel("precision")
    >>> isinstance(fig, Figure), len(fig.axes)
    (True, 3)
    >>> plt.close(fig)
    """
    e = era_to_float(era)
    _, pnl = era_case(e, seed=seed)
    ranks = customer_ranks(pnl)
    spreads = customer_spreads(pnl)
    rho = rank_agreement(pnl)
    if fig is None:
        fig = (plt.figure if pyplot else Figure)(figsize=(15, 4.8), layout="constrained")
    axes = fig.subplots(1, 3)
    n = len(ranks)
    loss = ranks["net_profit"] < 0
    ax = axes[0]
    ax.plot([1, n], [1, n], color=GREY, lw=1, ls="--")
    ax.scatter(ranks.loc[~loss, "revenue_rank"], ranks.loc[~loss, "profit_rank"], s=14, color=GREEN,
               label="makes money")
    ax.scatter(ranks.loc[loss, "revenue_rank"], ranks.loc[loss, "profit_rank"], s=14, color=RED,
               label=f"loses money ({loss.sum()})")
    ax.set_xlim(0, n + 5)
    ax.set_ylim(n + 5, 0)
    ax.legend(fontsize=10, loc="upper right", frameon=False)
    verdict = "the biggest are the\nmost profitable" if rho > 0.7 else "size no longer\npredicts profit"
    _clean(ax, f"Rank agreement {rho:.2f}: {verdict}", "Revenue rank (1 = largest customer)",
           "Profit rank (1 = most profitable)")

    ax = axes[1]
    pp = spreads["pocket_pct_of_list"]
    ax.hist(pp.clip(lower=50), bins=np.arange(50, 101, 1.25), color=DARK)
    spread = _p90_p10(pp)
    _clean(ax, f"Pocket prices: the middle 80% of\ncustomers span {spread:.0f} points of list", "Customer's pocket price (% of list; 50 or less in first bar)",
           "Customers")

    ax = axes[2]
    cts = spreads["cost_to_serve_per_case"].clip(upper=30)
    ax.hist(cts, bins=np.arange(0, 30.5, 1), color=RED)
    p10, p90 = np.percentile(spreads["cost_to_serve_per_case"], [10, 90])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, p: f"${v:.0f}"))
    _clean(ax, f"Cost to serve per case: ${p10:.2f} (p10)\nto ${p90:.2f} (p90), {p90 / p10:.1f}x",
           "Customer's cost to serve per case ($, 30+ in last bar)", "Customers")
    fig.suptitle(f"Beacon Brands, {era_label(e)}", fontsize=14, x=0.01, ha="left")
    return fig


def plot_dock_vs_account(pnl: pd.DataFrame, *, ax=None, title_prefix: str = ""):
    """Scatter each customer's profit with a dock-rate cost to serve against its traced profit.

    Points below zero on the vertical axis but right of zero on the
    horizontal axis are hidden losers (red).

    Parameters
    ----------
    pnl : pandas.DataFrame
        The line P&L from :func:`casekit.cost_to_serve`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new 8 x 6 in figure when omitted.
    title_prefix : str, default=""
        Text put before the title.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> ax = plot_dock_vs_account(pnl, title_prefix="Beacon: ")
    >>> type(ax).__name__, ax.get_title(loc="left").startswith("Beacon: ")
    ('Axes', True)
    >>> plt.close(ax.figure)
    """
    d = dock_vs_account(pnl)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6), layout="constrained")
    hid = d["hidden_loser"]
    other_loss = (d["profit_account"] < 0) & ~hid
    ok = d["profit_account"] >= 0
    ax.scatter(d.loc[ok, "profit_dock"], d.loc[ok, "profit_account"], s=16, color=GREEN, label="makes money")
    ax.scatter(d.loc[other_loss, "profit_dock"], d.loc[other_loss, "profit_account"], s=16, color="#f1948a",
               label="loses money either way")
    ax.scatter(d.loc[hid, "profit_dock"], d.loc[hid, "profit_account"], s=26, color=RED,
               label=f"hidden losers ({int(hid.sum())})")
    lo = float(min(d["profit_dock"].min(), d["profit_account"].min()))
    hi = float(max(d["profit_dock"].max(), d["profit_account"].max()))
    ax.plot([lo, hi], [lo, hi], color=GREY, lw=1, ls="--")
    ax.axhline(0, color=DARK, lw=0.8)
    ax.axvline(0, color=DARK, lw=0.8)
    for axis in ("x", "y"):
        getattr(ax, f"set_{axis}scale")("symlog", linthresh=20_000)
    ax.xaxis.set_major_formatter(FuncFormatter(_money))
    ax.yaxis.set_major_formatter(FuncFormatter(_money))
    ax.legend(fontsize=10, loc="upper left", frameon=False)
    _clean(ax, f"{title_prefix}{int(hid.sum())} customers look profitable at the dock\nbut lose money once cost is traced",
           f"Net profit, one cost to serve per case (${d.attrs['dock_rate']:.2f}) ($, symlog)",
           "Net profit, cost traced to the account ($, symlog)")
    return ax


def plot_sku_counts(table: pd.DataFrame, *, ax=None):
    """Bar the SKUs sold at each dial position, core and niche, labelled with niche revenue share.

    Parameters
    ----------
    table : pandas.DataFrame
        The frame from :func:`era_table` (at least the columns ``era``,
        ``skus_sold``, ``niche_skus_sold`` and ``niche_revenue_pct``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new 9 x 5.5 in figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one core and one niche bar per row.

    Raises
    ------
    ValueError
        If ``table`` lacks one of the columns above.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> table = pd.DataFrame({"era": [0.0, 1.0], "skus_sold": [120, 300],
    ...                       "niche_skus_sold": [10, 180], "niche_revenue_pct": [2.0, 24.0]})
    >>> ax = plot_sku_counts(table)
    >>> type(ax).__name__, len(ax.patches)
    ('Axes', 4)
    >>> plt.close(ax.figure)
    """
    missing = [c for c in ("era", "skus_sold", "niche_skus_sold", "niche_revenue_pct") if c not in table.columns]
    if missing:
        raise ValueError(f"plot_sku_counts: table has no column(s) {missing}; pass the frame from era_table().")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5.5), layout="constrained")
    labels = [era_label(e).replace(" era", "\nera") for e in table["era"]]
    core = table["skus_sold"] - table["niche_skus_sold"]
    x = np.arange(len(table))
    ax.bar(x, core, color=DARK, label="core SKUs")
    ax.bar(x, table["niche_skus_sold"], bottom=core, color="#c9a227", label="niche SKUs")
    for xi, total, pct in zip(x, table["skus_sold"], table["niche_revenue_pct"]):
        ax.annotate(f"{int(total)} SKUs\nniche {pct:.0f}% of revenue", (xi, total), xytext=(0, 4),
                    textcoords="offset points", ha="center", va="bottom", fontsize=10, parse_math=False)
    ax.set_xticks(x, labels)
    ax.set_ylim(0, float(table["skus_sold"].max()) * 1.2)
    ax.legend(fontsize=10, loc="upper left", frameon=False)
    first, last = table.iloc[0], table.iloc[-1]
    _clean(ax, f"The catalogue grows from {int(first['skus_sold'])} to {int(last['skus_sold'])} SKUs sold, "
               f"{int(last['niche_skus_sold'])} of them niche",
           "Position of the era dial", "SKUs sold in the year")
    return ax
