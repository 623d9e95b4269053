"""Exhibits of notebook 08 (idea I15): what each bonus plan does to revenue, cost and profit, and what reps push.

The figures draw :func:`casekit.models.incentives.compare_plans`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import casekit.models.incentives as inc
from casekit.plots.style import (
    DARK,
    GREEN,
    GREY,
    LABEL_SIZE,
    RED,
    TICK_SIZE,
    TITLE_SIZE,
    annotate,
    apply_style,
    money,
    money_ticks,
)
from casekit.validation import check_frame

__all__ = ["PUSH_LABELS", "plot_scoreboard", "plot_pushes"]

PUSH_LABELS = {"deep_deals": "deep deals", "launch_sell_in": "launch sell-in",
               "chase_small_accounts": "chase small accounts", "yes_to_service": "yes to every service request",
               "grow_fit_accounts": "grow well-fitting accounts", "fix_poor_fit": "fix poorly-fitting accounts",
               "cut_service": "cut service everywhere"}
"""Readable names of the pushes of :data:`casekit.models.incentives.PUSHES`."""

_PLAN_COLORS = {"no pushes": GREY, "today's plan": "#e67e22", "aligned": GREEN}


def _style(ax, title, xlabel, ylabel):
    apply_style(ax, title=title, xlabel=xlabel, ylabel=ylabel, title_size=TITLE_SIZE - 2,
                label_size=LABEL_SIZE - 1, wrap=False)


def _check(board, func):
    check_frame(board, name="board", columns=["plan", "revenue", "cost_to_serve", "complexity_cost", "profit",
                                              *[f"reps_{p}" for p in inc.PUSHES]],
                source="compare_plans(...)", func=func)


def plot_scoreboard(board: pd.DataFrame, *, axes=None):
    """Draw revenue, cost to serve, complexity cost and profit of each plan on the scoreboard.

    Parameters
    ----------
    board : pandas.DataFrame
        :func:`casekit.models.incentives.compare_plans`.
    axes : sequence of 4 matplotlib Axes, optional
        Where to draw; a new 1 x 4 figure by default.

    Returns
    -------
    numpy.ndarray of Axes
        The four panels: revenue, cost to serve, complexity cost, profit.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit.models.incentives as inc
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> board = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], company, pnl)
    >>> axes = plot_scoreboard(board)
    >>> axes.shape, type(axes[0]).__name__
    ((4,), 'Axes')
    >>> plt.close(axes[0].figure)
    """
    _check(board, "plot_scoreboard")
    if axes is None:
        fig, axes = plt.subplots(1, 4, figsize=(15, 4.4), layout="constrained")
    else:
        fig = axes[0].figure
    names = board["plan"].astype(str).tolist()
    labels = [n.replace("today's plan", "today's\nplan") for n in names]
    colors = [_PLAN_COLORS.get(n, DARK) for n in names]
    panels = [("revenue", "Revenue"), ("cost_to_serve", "Cost to serve"),
              ("complexity_cost", "Operations complexity cost"),
              ("profit", "Profit after cost to serve\nand complexity")]
    for ax, (col, title) in zip(axes, panels):
        vals = board[col].to_numpy(dtype=float)
        ax.bar(labels, vals, color=[RED if (col == "profit" and v < 0) else c for v, c in zip(vals, colors)])
        for x, v in enumerate(vals):
            annotate(ax, money(v, unit="M"), xy=(x, v), xytext=(0, 3), textcoords="offset points", ha="center",
                     fontsize=TICK_SIZE + 1, fontweight="bold")
        if col == "revenue":
            ax.set_ylim(0.9 * vals.min(), 1.03 * vals.max())
        ax.yaxis.set_major_formatter(money_ticks())
        _style(ax, title, "", "$ per year")
    b = board.set_index("plan")
    best, most_sold = b["profit"].idxmax(), b["revenue"].idxmax()
    versus = f"({money(b.loc[best, 'profit'])} profit vs {money(b['profit'].iloc[0])} with {b.index[0]})"
    finding = (f"{_plan_name(most_sold)} sells the most, {_plan_name(best)} earns the most {versus}"
               if best != most_sold else f"{_plan_name(best)} sells and earns the most {versus}")
    finding = finding[0].upper() + finding[1:]
    fig.suptitle(finding, fontsize=TITLE_SIZE, fontweight="bold", parse_math=False)
    return np.asarray(axes)


def _plan_name(name: str) -> str:
    """A plan's name as a title reads it: "today's plan" as is, "aligned" as "the aligned plan"."""
    name = str(name)
    if name.endswith("plan") or name == "no pushes":
        return name
    return f"the {name} plan"


def plot_pushes(board: pd.DataFrame, *, ax=None, n_reps=None):
    """Draw how many reps make each push under each plan.

    Parameters
    ----------
    board : pandas.DataFrame
        :func:`casekit.models.incentives.compare_plans` (the business-as-usual row is skipped).
    ax : matplotlib Axes, optional
    n_reps : int, optional
        Shown in the axis label.

    Returns
    -------
    matplotlib Axes
        One group of bars per push, one bar per plan.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit.models.incentives as inc
    >>> from casekit import make_company, cost_to_serve
    >>> company = make_company(seed=1, n_customers=30, n_products=40)
    >>> pnl = cost_to_serve(company)
    >>> board = inc.compare_plans([inc.TODAYS_PLAN, inc.ALIGNED_PLAN], company, pnl)
    >>> ax = plot_pushes(board, n_reps=8)
    >>> type(ax).__name__, len(ax.get_yticklabels()) == len(inc.PUSHES)
    ('Axes', True)
    >>> plt.close(ax.figure)
    """
    _check(board, "plot_pushes")
    plans = board[board["plan"] != "no pushes"]
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 5), layout="constrained")
    y = np.arange(len(inc.PUSHES))
    h = 0.8 / max(len(plans), 1)
    for i, (_, r) in enumerate(plans.iterrows()):
        counts = [int(r[f"reps_{p}"]) for p in inc.PUSHES]
        ax.barh(y + (i - (len(plans) - 1) / 2) * h, counts, height=h, label=str(r["plan"]),
                color=_PLAN_COLORS.get(str(r["plan"]), DARK))
    ax.set_yticks(y, [PUSH_LABELS[p] for p in inc.PUSHES])
    ax.invert_yaxis()
    ax.legend(fontsize=TICK_SIZE, frameon=False, loc="lower right")
    _style(ax, "What the plan pays for decides what the reps push",
           "reps making the push" + (f" (of {n_reps})" if n_reps else ""), "")
    return ax
