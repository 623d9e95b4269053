"""Exhibits of notebook 01: the era dial's three views, dock vs traced profit, the SKU count by era (I5, I6).

Each function draws a frame from :mod:`casekit.models.eras`; titles state
the finding, computed from the data.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from casekit.case.company import era_to_float
from casekit.models.eras import (
    CLASSROOM_SEED,
    customer_ranks,
    customer_spreads,
    dock_vs_account,
    era_case,
    era_label,
    rank_agreement,
)
from casekit.plots.style import DARK, GREEN, GREY, RED, SAND
from casekit.validation import check_frame

__all__ = ["plot_era_panel", "plot_dock_vs_account", "plot_sku_counts"]


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
    v = pp.to_numpy(dtype=float)
    spread = float(np.percentile(v, 90) - np.percentile(v, 10))
    _clean(ax, f"Pocket prices: the middle 80% of\ncustomers span {spread:.0f} points of list",
           "Customer's pocket price (% of list; 50 or less in first bar)",
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
    _clean(ax, f"{title_prefix}{int(hid.sum())} customers look profitable at the dock\n"
               "but lose money once cost is traced",
           f"Net profit, one cost to serve per case (${d.attrs['dock_rate']:.2f}) ($, symlog)",
           "Net profit, cost traced to the account ($, symlog)")
    return ax


def plot_sku_counts(table: pd.DataFrame, *, ax=None):
    """Bar the SKUs sold at each dial position, core and niche, labelled with niche revenue share.

    Parameters
    ----------
    table : pandas.DataFrame
        The frame from :func:`casekit.models.eras.era_table` (at least the columns ``era``,
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
    check_frame(table, name="table", columns=["era", "skus_sold", "niche_skus_sold", "niche_revenue_pct"],
                source="era_table()", func="plot_sku_counts")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5.5), layout="constrained")
    labels = [era_label(e).replace(" era", "\nera") for e in table["era"]]
    core = table["skus_sold"] - table["niche_skus_sold"]
    x = np.arange(len(table))
    ax.bar(x, core, color=DARK, label="core SKUs")
    ax.bar(x, table["niche_skus_sold"], bottom=core, color=SAND, label="niche SKUs")
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
