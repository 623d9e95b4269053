"""Exhibits of a Beacon Boardroom debrief: trajectories, functional KPIs against team profit, whale curves.

Each function draws one frame of :mod:`casekit.game.debrief` (the plots
layer sits below the game, so it takes the frames, not the game).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from casekit.plots.style import DARK, GREEN, GREY, RED, SAND, apply_style, money_ticks, new_axes

__all__ = ["plot_trajectories", "plot_kpi_vs_profit", "plot_team_whales"]

_COLOURS = [RED, GREEN, SAND, DARK, GREY]


def _check(frame, columns, func):
    if not isinstance(frame, pd.DataFrame) or not set(columns) <= set(frame.columns):
        raise ValueError(f"{func} needs a DataFrame with columns {columns}; see casekit.game.debrief.")


def plot_trajectories(traj: pd.DataFrame, *, ax=None):
    """Draw each team's cumulative profit by round, the unlock round marked.

    Parameters
    ----------
    traj : pandas.DataFrame
        From :func:`casekit.game.debrief.trajectories`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = pd.DataFrame({"label": ["A", "A"], "round": [1, 2], "cumulative_profit": [1.0, 3.0]})
    >>> plot_trajectories(t).get_xlabel()
    'round (quarter)'
    >>> plt.close("all")
    """
    _check(traj, ["label", "round", "cumulative_profit"], "plot_trajectories")
    ax = new_axes(ax)
    for i, (label, g) in enumerate(traj.groupby("label", sort=True)):
        ax.plot(g["round"], g["cumulative_profit"], marker="o", lw=2.5, color=_COLOURS[i % len(_COLOURS)],
                label=label)
    ax.axvline(3.5, color=GREY, ls="--", lw=1)
    ax.annotate("shared P&L opens", (3.5, ax.get_ylim()[1]), xytext=(4, -14), textcoords="offset points",
                color=GREY, fontsize=10)
    ax.axhline(0, color=GREY, lw=1)
    ax.yaxis.set_major_formatter(money_ticks())
    ax.legend(frameon=False)
    apply_style(ax, title="Profit after cost to serve and complexity, cumulative", xlabel="round (quarter)",
                ylabel="team profit so far")
    return ax


def plot_kpi_vs_profit(kpis: pd.DataFrame):
    """Draw one panel per role KPI: the KPI against the team's profit, one dot per team.

    Parameters
    ----------
    kpis : pandas.DataFrame
        From :func:`casekit.game.debrief.kpi_vs_profit`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> k = pd.DataFrame({"role": ["VP Sales"] * 2, "kpi": ["revenue"] * 2, "label": ["A", "B"],
    ...                   "kpi_value": [2.0, 1.0], "team_profit": [-1.0, 1.0]})
    >>> len(plot_kpi_vs_profit(k).axes)
    1
    >>> plt.close("all")
    """
    _check(kpis, ["role", "kpi", "label", "kpi_value", "team_profit"], "plot_kpi_vs_profit")
    panels = list(kpis.groupby(["role", "kpi"], sort=False))
    cols = min(3, len(panels))
    rows = -(-len(panels) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 3.8 * rows), squeeze=False, layout="constrained")
    colours = {lab: _COLOURS[i % len(_COLOURS)] for i, lab in enumerate(sorted(kpis["label"].unique()))}
    for ax, ((role, kpi), g) in zip(axes.flat, panels):
        for r in g.itertuples():
            ax.scatter(r.kpi_value, r.team_profit, s=90, color=colours[r.label], zorder=3)
            ax.annotate(r.label, (r.kpi_value, r.team_profit), xytext=(5, 5), textcoords="offset points", fontsize=9)
        ax.axhline(0, color=GREY, lw=1)
        ax.yaxis.set_major_formatter(money_ticks())
        ax.set_title(f"{role}: {kpi.replace('_', ' ')}", fontsize=11, fontweight="bold")
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.supylabel("team profit over the game")
    return fig


def plot_team_whales(curves: pd.DataFrame, *, ax=None):
    """Draw every team's whale curve of accounts on one axes, the developed account marked.

    Parameters
    ----------
    curves : pandas.DataFrame
        From :func:`casekit.game.debrief.team_whale_curves`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> c = pd.DataFrame({"label": ["A"] * 2, "share_of_customer_id": [50.0, 100.0],
    ...                   "cumulative_profit_pct": [150.0, 100.0], "developed": [False, True]})
    >>> plot_team_whales(c).get_ylabel()
    'cumulative profit (% of total)'
    >>> plt.close("all")
    """
    _check(curves, ["label", "share_of_customer_id", "cumulative_profit_pct", "developed"], "plot_team_whales")
    ax = new_axes(ax)
    for i, (label, g) in enumerate(curves.groupby("label", sort=True)):
        colour = _COLOURS[i % len(_COLOURS)]
        ax.plot(g["share_of_customer_id"], g["cumulative_profit_pct"], lw=2.2, color=colour, label=label)
        dev = g[g["developed"]]
        ax.scatter(dev["share_of_customer_id"], dev["cumulative_profit_pct"], s=80, color=colour, edgecolor="k",
                   zorder=3)
    ax.axhline(100, color=GREY, lw=1, ls=":")
    ax.legend(frameon=False, title="dot: the key account the team developed")
    apply_style(ax, title="Whale curves in the last quarter", xlabel="accounts, most profitable first (%)",
                ylabel="cumulative profit (% of total)")
    return ax
