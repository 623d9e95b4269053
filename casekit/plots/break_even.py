"""What must be true: a claim's margin over its parameter, with the calibrated value and the break-even marked.

The figure draws :func:`casekit.models.break_even.claim_sweep` (notebooks 05-08).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from casekit.plots.style import DARK, GREEN, GREY, RED, apply_style, money_ticks, new_axes

__all__ = ["plot_break_even", "plot_path_gains"]


def plot_break_even(sweep, *, break_even=None, ax=None):
    """Plot where a claim holds (green) and fails (red) along its parameter.

    Parameters
    ----------
    sweep : pandas.DataFrame
        From :func:`casekit.models.break_even.claim_sweep` (its ``attrs``
        name the claim, the parameter and its calibrated value).
    break_even : float, optional
        The value where the claim flips (:func:`casekit.models.break_even.break_even`),
        drawn as a dashed line.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> sweep = pd.DataFrame({"value": [0.0, 1.0, 2.0], "margin": [1.0, 0.2, -0.5]})
    >>> sweep["holds"] = sweep["margin"] > 0
    >>> sweep.attrs.update(claim="I13", statement="aligned wins", parameter="coordination_cost", calibrated=0.5,
    ...                    margin_unit="$ of profit")
    >>> ax = plot_break_even(sweep, break_even=1.4)
    >>> len(ax.collections) >= 2
    True
    >>> plt.close("all")
    """
    if not {"value", "margin"} <= set(getattr(sweep, "columns", [])):
        raise ValueError("sweep must be the DataFrame from casekit.models.break_even.claim_sweep.")
    ax = new_axes(ax)
    a = sweep.attrs
    x, y = sweep["value"].to_numpy(float), sweep["margin"].to_numpy(float)
    ax.plot(x, y, color=DARK, lw=2)
    ax.fill_between(x, y, 0, where=y > 0, color=GREEN, alpha=0.25, interpolate=True, label="Byrnes is right")
    ax.fill_between(x, y, 0, where=y <= 0, color=RED, alpha=0.25, interpolate=True, label="Byrnes is wrong")
    ax.axhline(0, color=GREY, lw=1)
    if "calibrated" in a:
        ax.axvline(a["calibrated"], color=DARK, lw=1.5, label=f"calibrated: {a['calibrated']:g}")
    if break_even is not None and np.isfinite(break_even):
        ax.axvline(break_even, color=RED, lw=1.5, ls="--", label=f"break-even: {break_even:.3g}")
    ax.legend(frameon=False, fontsize=11)
    apply_style(ax, title=f"{a.get('claim', '')}: {a.get('statement', '')}", xlabel=a.get("parameter", "value"),
                ylabel=f"margin ({a.get('margin_unit', '')})")
    plt.setp(ax.get_legend().get_texts(), color=DARK)
    return ax


def plot_path_gains(dist, *, ax=None):
    """Histogram of what operations early earns over sales first, one count per key account and seed.

    Parameters
    ----------
    dist : pandas.DataFrame
        From :func:`casekit.models.account_distribution.path_distribution`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> ax = plot_path_gains(pd.DataFrame({"gain": [-5e3, 2e4, 4e4, 1e5]}))
    >>> "1 of 4" in ax.get_title()
    True
    >>> plt.close("all")
    """
    if "gain" not in getattr(dist, "columns", []):
        raise ValueError("dist must be the DataFrame from casekit.models.account_distribution.path_distribution.")
    ax = new_axes(ax)
    gain = dist["gain"].to_numpy(float)
    lo, hi = np.percentile(gain, [1, 99]) if len(gain) > 10 else (gain.min(), gain.max())
    bins = np.linspace(min(lo, 0), max(hi, 0), 31)
    clipped = np.clip(gain, bins[0], bins[-1])
    ax.hist(clipped[clipped <= 0], bins=bins, color=RED, alpha=0.8, label="sales first better")
    ax.hist(clipped[clipped > 0], bins=bins, color=GREEN, alpha=0.8, label="operations early better")
    ax.axvline(0, color=DARK, lw=1)
    ax.xaxis.set_major_formatter(money_ticks())
    ax.legend(frameon=False, fontsize=11)
    n_lose = int((gain <= 0).sum())
    apply_style(ax, title=f"Sales first is the better path in {n_lose} of {len(gain)} account-seeds",
                xlabel="your profit over the horizon: operations early less sales first",
                ylabel="key accounts x seeds")
    return ax
