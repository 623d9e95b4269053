"""Exhibits of notebook 06 (ideas I2, I3): objectives piling up, the reps' choices, the cases delivered.

The figures draw frames from :mod:`casekit.models.objectives`; the plan is
usually :func:`casekit.models.bonus_plan.classroom_plan`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from casekit.plots.style import DARK, GREY, RED, TITLE_SIZE, apply_style, money

__all__ = ["plot_objective_count", "plot_rep_choices", "plot_delivered"]


def _style(ax, title, xlabel, ylabel, *, size=TITLE_SIZE):
    apply_style(ax, title=title, xlabel=xlabel, ylabel=ylabel, title_size=size, wrap=False)


def plot_objective_count(counts: pd.DataFrame, *, ax=None):
    """Draw launches a month and the objectives live in the plan (I2); the 15-20 band shaded.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`casekit.models.objectives.objective_count` (``month``, ``launches``,
        ``live_objectives``).
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
    >>> from casekit.models.objectives import objective_count
    >>> ax = plot_objective_count(objective_count(ck.make_company(seed=1, n_customers=40, n_products=60)))
    >>> type(ax).__name__, ax.get_title().startswith("Every launch adds an objective")
    ('Axes', True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5.5), layout="constrained")
    x = np.arange(len(counts))
    ax.axhspan(15, 20, color=RED, alpha=0.12, label="15-20 objectives (Byrnes)")
    ax.bar(x, counts["launches"], color=GREY, label="launches that month")
    ax.plot(x, counts["live_objectives"], color=DARK, marker="o", lw=2.5, label="objectives live in the plan")
    ax.set_xticks(x, [m[5:] for m in counts["month"]])
    ax.set_ylim(0, max(22, counts["live_objectives"].max() * 1.2))
    ax.legend(fontsize=12, frameon=False, loc="upper left")
    peak = counts.loc[counts["live_objectives"].idxmax()]
    _style(ax, f"Every launch adds an objective:\nthe plan peaks at {int(peak['live_objectives'])} live "
               f"objectives in {peak['month']}",
           f"month of {counts['month'].iloc[0][:4]}", "count")
    return ax


def plot_rep_choices(sim, *, ax=None):
    """Draw which objectives each rep worked (I3): one row per rep, a dark cell per pick.

    Parameters
    ----------
    sim : casekit.models.rep_choices.RepSimulation
        From :func:`casekit.models.rep_choices.simulate_reps`.
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
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.bonus_plan import classroom_plan
    >>> plan = classroom_plan(co, n_objectives=6)
    >>> from casekit.models.rep_choices import simulate_reps
    >>> sim = simulate_reps(plan, co, pnl, k=3, seed=0)
    >>> ax = plot_rep_choices(sim)
    >>> type(ax).__name__, len(ax.get_yticks()) == len(sim.reps)
    ('Axes', True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.5), layout="constrained")
    grid = sim.choices.pivot(index="rep_id", columns="objective_id", values="chosen").astype(float)
    ax.imshow(grid.to_numpy(), cmap=plt.matplotlib.colors.ListedColormap(["#f2f3f4", DARK]), aspect="auto",
              vmin=0, vmax=1)
    counts = grid.sum(axis=0).astype(int)
    ax.set_xticks(range(grid.shape[1]), [f"{c}\n{n}" for c, n in zip(grid.columns, counts)], fontsize=10)
    for tick, n in zip(ax.get_xticklabels(), counts):
        tick.set_color(RED if n == 0 else DARK)
    names = sim.reps.set_index("rep_id")["rep_name"]
    ax.set_yticks(range(grid.shape[0]), [f"{r} {names.get(r, '')}" for r in grid.index])
    s = sim.summary.iloc[0]
    low, high = int(s["objectives_per_rep_min"]), int(s["objectives_per_rep_max"])
    picks = f"{low} picks each" if low == high else f"{low} to {high} picks each"
    _style(ax, f"{len(grid)} reps, {picks}: {int(s['distinct_combinations'])} different "
               f"combinations, {int(s['objectives_worked'])} of {int(s['n_objectives'])} objectives worked",
           "objective (O01 = heaviest in the plan) and the number of reps working it (red: nobody)", "")
    return ax


def plot_delivered(sim, *, ax=None):
    """Draw each objective's intended cases against what the reps delivered (I3), losses in red.

    Parameters
    ----------
    sim : casekit.models.rep_choices.RepSimulation
        From :func:`casekit.models.rep_choices.simulate_reps`.
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
    >>> pnl = ck.cost_to_serve(co)
    >>> from casekit.models.bonus_plan import classroom_plan
    >>> plan = classroom_plan(co, n_objectives=6)
    >>> from casekit.models.rep_choices import simulate_reps
    >>> sim = simulate_reps(plan, co, pnl, k=3, seed=0)
    >>> ax = plot_delivered(sim)
    >>> type(ax).__name__, ax.get_title().startswith("Reps delivered")
    ('Axes', True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.5), layout="constrained")
    obj = sim.objectives
    y = np.arange(len(obj))
    ax.barh(y, obj["intended_cases"], color="white", edgecolor=GREY, hatch="//", label="intended by the plan")
    ax.barh(y, obj["delivered_cases"], color=DARK, label="delivered by the reps")
    for yi, row in zip(y, obj.itertuples()):
        ax.annotate(f"profit {money(row.profit, unit='K', decimals=1)}",
                    (row.intended_cases, yi), xytext=(6, 0), textcoords="offset points", va="center",
                    fontsize=10, color=RED if row.profit < 0 else DARK)
    ax.set_yticks(y, [f"{o} ({w:.0%})" for o, w in zip(obj["objective_id"].astype(str), obj["weight"])])
    ax.invert_yaxis()
    ax.set_xlim(0, obj["intended_cases"].max() * 1.3)
    ax.legend(fontsize=12, frameon=False, loc="lower right")
    s = sim.summary.iloc[0]
    _style(ax, f"Reps delivered {s['delivered_pct']:.0f}% of the cases the plan intended",
           "cases in the bonus period", "objective (weight in the bonus)")
    return ax
