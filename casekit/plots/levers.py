"""Exhibits of notebook 04: revenue fit, one account's move on the profit map, dropping it, one revenue target.

Each function draws a frame from :mod:`casekit.models.levers`,
:mod:`casekit.models.dropping` or :mod:`casekit.models.revenue_fit` on ``ax``
(a new figure when omitted) and returns the Axes; titles state the finding.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from casekit.plots.style import (
    DARK,
    GREEN,
    GREY,
    RED,
    SEGMENT_COLORS,
    TICK_SIZE,
    apply_style,
    money,
    money_ticks,
    new_axes,
)
from casekit.validation import check_frame

__all__ = ["plot_revenue_fit", "lever_move_title", "lever_move_artists", "plot_lever_move", "plot_drop_account",
           "plot_same_revenue"]


# Plots
# --------------------------------------------------------------------------

def plot_revenue_fit(summary: pd.DataFrame, *, ax=None):
    """Draw a bar chart of share of revenue vs share of net profit for each fit class (I10).

    Parameters
    ----------
    summary : pandas.DataFrame
        The frame from :func:`casekit.models.revenue_fit.fit_summary`.
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
    >>> from casekit.models.revenue_fit import fit_summary, revenue_fit
    >>> ax = plot_revenue_fit(fit_summary(revenue_fit(pnl, co)))
    >>> type(ax).__name__, ax.get_title().startswith("Poorly fitting business")
    ('Axes', True)
    >>> plt.close("all")
    """
    check_frame(summary, name="summary", columns=["share_of_revenue_pct", "share_of_profit_pct"],
                source="fit_summary(revenue_fit(...))", func="plot_revenue_fit")
    ax = new_axes(ax)
    x = np.arange(len(summary))
    rev, prof = summary["share_of_revenue_pct"].to_numpy(), summary["share_of_profit_pct"].to_numpy()
    ax.bar(x - 0.2, rev, width=0.38, color=DARK, label="Share of revenue", zorder=3)
    ax.bar(x + 0.2, prof, width=0.38, color=[GREEN if v >= 0 else RED for v in prof],
           label="Share of net profit", zorder=3)
    for i, (a, b) in enumerate(zip(rev, prof)):
        ax.annotate(f"{a:.0f}%", (i - 0.2, a), xytext=(0, 4), textcoords="offset points", ha="center",
                    fontsize=TICK_SIZE + 1)
        ax.annotate(f"{b:.0f}%", (i + 0.2, b), xytext=(0, 4 if b >= 0 else -16), textcoords="offset points",
                    ha="center", fontsize=TICK_SIZE + 1, color=GREEN if b >= 0 else RED, fontweight="bold")
    labels = [f"{f}\n({n} accounts, ops ${c:.2f}/case)" for f, n, c in
              zip(summary["fit"], summary["customers"], summary["ops_cost_per_case"])]
    ax.set_xticks(x, labels)
    ax.axhline(0, color="#7f8c8d", lw=0.8)
    poor = summary.iloc[-1]
    apply_style(ax, title=(f"Poorly fitting business brings {poor['share_of_revenue_pct']:.0f}% of revenue "
                      f"and {poor['share_of_profit_pct']:.0f}% of profit"),
           xlabel="Revenue fit (order size, channel, drops, mix, rush, returns)", ylabel="Share of company total (%)")
    ax.legend(fontsize=TICK_SIZE, frameon=False)
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    return ax


def lever_move_title(result: pd.DataFrame) -> str:
    """Summarise a what-if in one line: which account, and where its net profit goes.

    Parameters
    ----------
    result : pandas.DataFrame
        The frame from :func:`casekit.models.levers.what_if` or
        :meth:`casekit.models.levers.AccountModel.what_if` (rows
        ``net_profit``; columns ``today`` and ``with_levers``;
        ``attrs["customer_id"]``).

    Returns
    -------
    str
        ``"<customer> <verb>: net profit <today> -> <with levers>"``, the verb
        one of "turns profitable", "falls into the red", "stays put", "gains",
        "loses".

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"today": [1000.0, -50.0], "with_levers": [1000.0, 20.0]},
    ...                  index=["revenue", "net_profit"])
    >>> r.attrs["customer_id"] = "C0007"
    >>> lever_move_title(r)
    'C0007 turns profitable: net profit -$50 -> $20'
    """
    p0, p1 = result.loc["net_profit", "today"], result.loc["net_profit", "with_levers"]
    cid = result.attrs.get("customer_id", "the account")
    if p0 < 0 <= p1:
        verb = "turns profitable"
    elif p1 < 0 <= p0:
        verb = "falls into the red"
    elif abs(p1 - p0) < 0.5:
        verb = "stays put"
    else:
        verb = "gains" if p1 > p0 else "loses"
    return f"{cid} {verb}: net profit {money(p0)} -> {money(p1)}"


def lever_move_artists(ax, result: pd.DataFrame, *, animated: bool = False) -> list:
    """Draw one account's 'today' and 'with the levers' markers and the arrow between them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The profit map to draw on (revenue on x, net profit on y).
    result : pandas.DataFrame
        The frame from :func:`casekit.models.levers.what_if` (rows ``revenue`` and ``net_profit``).
    animated : bool, default=False
        Mark the artists animated (for blitting, see
        :class:`casekit.widgets.levers.BlitFigure`).

    Returns
    -------
    list
        Three artists: the 'today' marker, the 'with the levers' marker and
        the arrow.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> r = pd.DataFrame({"today": [1000.0, -50.0], "with_levers": [1000.0, 20.0]},
    ...                  index=["revenue", "net_profit"])
    >>> fig, ax = plt.subplots()
    >>> arts = lever_move_artists(ax, r)
    >>> len(arts), all(a.axes is ax for a in arts)
    (3, True)
    >>> plt.close(fig)
    """
    r0, p0 = result.loc["revenue", "today"], result.loc["net_profit", "today"]
    r1, p1 = result.loc["revenue", "with_levers"], result.loc["net_profit", "with_levers"]
    today = ax.scatter([r0], [p0], s=140, facecolor="white", edgecolor=RED, linewidth=2.5, zorder=4,
                       label="today", animated=animated)
    after = ax.scatter([r1], [p1], s=160, color=GREEN if p1 >= 0 else RED, edgecolor="black", zorder=5,
                       label="with the levers", animated=animated)
    arrow = ax.annotate("", xy=(r1, p1), xytext=(r0, p0), zorder=4, animated=animated,
                        arrowprops=dict(arrowstyle="->", lw=2, color="black"))
    return [today, after, arrow]


def plot_lever_move(segments: pd.DataFrame, result: pd.DataFrame | None = None, *, ax=None, title=None):
    """Draw the profit map of all customers with one account's move from today to the what-if.

    Parameters
    ----------
    segments : pandas.DataFrame
        :func:`casekit.segment_customers` output (revenue, net_profit, segment).
    result : pandas.DataFrame, optional
        :meth:`casekit.models.levers.AccountModel.what_if` output for one account; without it only
        the background is drawn.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.
    title : str, optional
        The finding (:func:`lever_move_title`) by default.

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
    >>> from casekit.models.dropping import SERVICE_PACKAGE
    >>> from casekit.models.levers import what_if
    >>> r = what_if(co, "C0025", **SERVICE_PACKAGE)
    >>> ax = plot_lever_move(ck.segment_customers(pnl), r)
    >>> type(ax).__name__, ax.get_title().startswith("C0025")
    ('Axes', True)
    >>> plt.close("all")
    """
    ax = new_axes(ax)
    pos = segments[segments["revenue"] > 0]
    ax.scatter(pos["revenue"], pos["net_profit"], s=22, alpha=0.45,
               c=[SEGMENT_COLORS.get(str(s), GREY) for s in pos["segment"]], edgecolor="none", zorder=2)
    if result is not None:
        lever_move_artists(ax, result)
        ax.legend(fontsize=TICK_SIZE, loc="lower right", frameon=False)
    ax.set_xscale("log")
    ax.axhline(0, color=GREY, lw=1)
    ax.xaxis.set_major_formatter(FuncFormatter(money))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, p: ""))
    ax.yaxis.set_major_formatter(FuncFormatter(money))
    if title is None:
        title = lever_move_title(result) if result is not None else "Beacon's accounts on the profit map"
    apply_style(ax, title=title, xlabel="Revenue per customer ($, log scale)", ylabel="Net profit per customer ($)")
    return ax


def plot_drop_account(dropped: pd.DataFrame, *, ax=None):
    """Draw bars per activity: cost allocated to the account vs cost that dropping it would save.

    Parameters
    ----------
    dropped : pandas.DataFrame
        The frame from :func:`casekit.models.dropping.drop_account` (with its ``attrs``).
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
    >>> from casekit.models.dropping import drop_account
    >>> ax = plot_drop_account(drop_account(pnl, "C0039"))
    >>> type(ax).__name__, ax.get_title().startswith("Dropping C0039")
    ('Axes', True)
    >>> plt.close("all")
    """
    ax = new_axes(ax)
    d = dropped.sort_values("allocated", ascending=True)
    y = np.arange(len(d))
    ax.barh(y + 0.2, d["allocated"], height=0.38, color=DARK, label="allocated cost to serve", zorder=3)
    ax.barh(y - 0.2, d["avoidable"], height=0.38, color=GREEN, label="avoidable if dropped", zorder=3)
    ax.set_yticks(y, [a.replace("_", " ") for a in d["activity"]])
    ax.xaxis.set_major_formatter(FuncFormatter(money))
    a = dropped.attrs
    change = a["profit_change_if_dropped"]
    apply_style(ax, title=(f"Dropping {a['customer_id']} (allocated loss {money(a['net_profit'])}) would "
                      f"{'cut' if change < 0 else 'raise'} company profit by {money(abs(change))}"),
           xlabel="Cost per year ($)", ylabel="")
    ax.legend(fontsize=TICK_SIZE, frameon=False, loc="lower right")
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    if change < 0:
        ax.title.set_color(RED)
    return ax


def plot_same_revenue(comparison: pd.DataFrame, *, ax=None):
    """Draw two bars: operations cost per case of the well- and poorly-fitting books (I11).

    Parameters
    ----------
    comparison : pandas.DataFrame
        The frame from :func:`casekit.models.revenue_fit.same_revenue_comparison` (with its ``attrs``).
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
    >>> from casekit.models.revenue_fit import revenue_fit, same_revenue_comparison
    >>> ax = plot_same_revenue(same_revenue_comparison(revenue_fit(pnl, co)))
    >>> type(ax).__name__, ax.get_title().startswith("Same $")
    ('Axes', True)
    >>> plt.close("all")
    """
    price = money_ticks(unit="dollar", decimals=2)
    ax = new_axes(ax)
    c = comparison.set_index("book")
    vals = c["ops_cost_per_case"]
    ax.bar([0, 1], vals, color=[GREEN, RED], width=0.55, zorder=3)
    for i, (v, row) in enumerate(zip(vals, c.itertuples())):
        ax.annotate(f"{price(v)} per case\n{row.cases:,.0f} cases, profit {money(row.net_profit)}", (i, v),
                    xytext=(0, 5), textcoords="offset points", ha="center", fontsize=TICK_SIZE + 1,
                    annotation_clip=False)
    ax.set_xticks([0, 1], [f"{b}\n({n:.0f} accounts)" for b, n in zip(c.index, c["accounts"])])
    ax.set_ylim(0, vals.max() * 1.3)
    ax.yaxis.set_major_formatter(price)
    ratio = vals.iloc[1] / vals.iloc[0]
    apply_style(ax, title=(f"Same {money(comparison.attrs['target_revenue'])} of revenue: poorly fitting business "
                      f"costs {ratio:.1f}x as much to run per case"),
           xlabel="Book of business meeting the revenue target", ylabel="Operations cost per case ($)")
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    return ax
