"""Exhibit of notebook 03: how stable customer profits stay when every rate is off (Byrnes's 70 % accuracy).

Draws a frame from :mod:`casekit.analysis.sensitivity`.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter

from casekit.analysis.sensitivity import summarize
from casekit.plots.style import DARK, GREY, RED, TICK_SIZE, apply_style, money, new_axes

__all__ = ["plot_rank_stability"]


def plot_rank_stability(runs: pd.DataFrame, *, ax=None):
    """Scatter baseline vs perturbed net profit per customer (first draw); Drains today in red.

    Parameters
    ----------
    runs : pandas.DataFrame
        The frame from :meth:`casekit.analysis.sensitivity.SensitivityModel.run` or
        :func:`casekit.analysis.sensitivity.rank_stability`
        (its ``attrs`` hold the profits).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> from casekit.analysis.sensitivity import rank_stability
    >>> ax = plot_rank_stability(rank_stability(co, 30, n_draws=3, seed=1))
    >>> type(ax).__name__, ax.get_xscale()
    ('Axes', 'symlog')
    >>> plt.close("all")
    """
    base, pert = runs.attrs["base_profit"], runs.attrs["profit"]
    ax = new_axes(ax)
    neg = base <= 0
    ax.scatter(base[~neg], pert[~neg], s=22, color=DARK, alpha=0.6, label="profitable today", zorder=3)
    ax.scatter(base[neg], pert[neg], s=30, color=RED, alpha=0.8, label="losing money today", zorder=3)
    lo, hi = float(min(base.min(), pert.min())), float(max(base.max(), pert.max()))
    ax.plot([lo, hi], [lo, hi], color=GREY, lw=1, ls="--", zorder=2)
    ax.axhline(0, color=GREY, lw=0.8)
    ax.axvline(0, color=GREY, lw=0.8)
    ax.set_xscale("symlog", linthresh=1e4)
    ax.set_yscale("symlog", linthresh=1e4)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(money))
    s = summarize(runs)
    apply_style(ax, title=(f"With every rate up to ±{s['noise_pct']:.0f}% off, customer ranks still correlate "
                      f"{s['spearman_median']:.2f}; {s['drains_kept_median']:.0f} of {int(s['base_drains'])} "
                      f"Drains stay Drains"),
           xlabel="Net profit per customer, rate card as is ($, symlog)",
           ylabel="Net profit, perturbed rates ($, symlog)")
    ax.legend(fontsize=TICK_SIZE, frameon=False, loc="upper left")
    return ax
