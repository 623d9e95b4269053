"""Exhibits of notebook 05 (ideas I1, I4, I14): the launch stream, the two lenses, the launches' bill.

The figures draw frames from :mod:`casekit.models.innovation` and
:mod:`casekit.models.launches`.  :func:`draw_change_frame` and
:func:`change_artists` draw the what-if widget's chart in two parts, the
frame once and the bars on every slider move.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from casekit.models.complexity import COMPONENTS
from casekit.models.innovation import launch_calendar
from casekit.models.launches import complexity_per_sku
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

__all__ = ["plot_launch_stream", "plot_launch_lenses", "plot_launch_bill", "CHANGE_COLUMNS",
           "draw_change_frame", "change_artists"]


def _style(ax, title, xlabel, ylabel, *, size=TITLE_SIZE):
    apply_style(ax, title=title, xlabel=xlabel, ylabel=ylabel, title_size=size, wrap=False)


def plot_launch_stream(company, pnl, *, fig=None):
    """Draw the innovation calendar (I1): launches a month, the SKU count and changeovers, complexity per SKU.

    Parameters
    ----------
    company : Company
        From :func:`casekit.make_company` or :func:`casekit.load_case`.
    pnl : pandas.DataFrame
        ``cost_to_serve(company)``.
    fig : matplotlib.figure.Figure, optional
        Figure to draw on; a new one when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        Three panels (plus the twin axis of the second); never calls
        ``plt.show()``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import casekit as ck
    >>> co = ck.make_company(seed=1, n_customers=40, n_products=60)
    >>> pnl = ck.cost_to_serve(co)
    >>> fig = plot_launch_stream(co, pnl)
    >>> type(fig).__name__, len(fig.axes)
    ('Figure', 4)
    >>> plt.close(fig)
    """
    cal = launch_calendar(company)
    per_sku = complexity_per_sku(company, pnl)
    if fig is None:
        fig = plt.figure(figsize=(16, 5.8), layout="constrained")
    ax1, ax2, ax3 = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.1, 1.1, 1]})
    x = np.arange(len(cal))
    labels = [m[5:] for m in cal["month"]]
    ax1.bar(x, cal["minor_launches"], color=GREY, label="minor (flavour, pack, display)")
    ax1.bar(x, cal["major_launches"], bottom=cal["minor_launches"], color=DARK, label="major (new product line)")
    ax1.set_xticks(x, labels)
    ax1.set_ylim(0, cal["launches"].max() * 1.3)
    ax1.legend(fontsize=11, frameon=False, loc="upper left")
    _style(ax1, f"{int(cal['launches'].sum())} launches: {int(cal['major_launches'].sum())} major, "
                f"{int(cal['minor_launches'].sum())} minor", f"month of {cal['month'].iloc[0][:4]}",
           "launches per month", size=13)

    start = int(cal["active_skus"].iloc[0] - cal["new_skus"].iloc[0])
    ax2.plot(x, cal["active_skus"], color=DARK, marker="o", lw=2.5, label="active SKUs")
    ax2.set_xticks(x, labels)
    ax2.set_ylim(0, cal["active_skus"].max() * 1.15)
    twin = ax2.twinx()
    twin.plot(x, cal["changeover_cost"], color=RED, marker="s", lw=2, label="changeover cost")
    twin.set_ylim(0, cal["changeover_cost"].max() * 1.15)
    twin.yaxis.set_major_formatter(money_ticks())
    twin.set_ylabel("changeover cost per month ($)", fontsize=LABEL_SIZE, color=RED)
    twin.tick_params(labelsize=TICK_SIZE, colors=RED)
    twin.spines["top"].set_visible(False)
    growth = 100 * (cal["changeover_cost"].iloc[-1] / cal["changeover_cost"].iloc[0] - 1)
    _style(ax2, f"SKUs {start} → {int(cal['active_skus'].iloc[-1])}; changeovers +{growth:.0f}% a month",
           f"month of {cal['month'].iloc[0][:4]}", "active SKUs at month end", size=13)
    ax2.legend(handles=ax2.lines + twin.lines, fontsize=11, frameon=False, loc="lower right")

    names = [c.replace("_", " ") for c in COMPONENTS]
    y = np.arange(len(COMPONENTS))
    ax3.barh(y - 0.2, per_sku.loc["established", COMPONENTS], height=0.4, color=GREY,
             label=f"established SKU ({int(per_sku.loc['established', 'skus'])})")
    ax3.barh(y + 0.2, per_sku.loc["new", COMPONENTS], height=0.4, color=RED,
             label=f"SKU launched this year ({int(per_sku.loc['new', 'skus'])})")
    ax3.set_yticks(y, names)
    ax3.invert_yaxis()
    ax3.xaxis.set_major_formatter(money_ticks())
    ax3.legend(fontsize=11, frameon=False, loc="center right")
    tot = per_sku[COMPONENTS].sum(axis=1)
    _style(ax3, f"Per SKU: new {money(tot['new'])}, established {money(tot['established'])}",
           "complexity cost per SKU in the year ($)", "", size=13)
    fig.suptitle("The launch stream piles SKUs, changeovers and complexity cost on operations",
                 fontsize=TITLE_SIZE + 1, fontweight="bold")
    return fig


def plot_launch_lenses(launches: pd.DataFrame, *, ax=None):
    """Scatter every launch by the product manager's number (gross margin) and the company's (I4).

    Losing launches (company profit < 0) are red.

    Parameters
    ----------
    launches : pandas.DataFrame
        From :func:`casekit.models.launches.launch_scorecard`.
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
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> from casekit.models.launches import launch_scorecard
    >>> ax = plot_launch_lenses(launch_scorecard(card))
    >>> type(ax).__name__, ax.get_title().startswith("Product managers see")
    ('Axes', True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 6.5), layout="constrained")
    lose = launches["company_profit"] < 0
    for mask, color, label in ((~lose, GREEN, "earns for the company"), (lose, RED, "loses for the company")):
        sub = launches[mask]
        ax.scatter(sub["gross_margin"], sub["company_profit"], s=30 + 25 * sub["skus"], color=color, alpha=0.8,
                   edgecolor="white", label=f"{label} ({int(mask.sum())})")
    ax.axhline(0, color="black", lw=1)
    ax.axvline(0, color="black", lw=1)
    ax.xaxis.set_major_formatter(money_ticks())
    ax.yaxis.set_major_formatter(money_ticks())
    ax.legend(fontsize=12, frameon=False, loc="center right", title="dot size = SKUs in the launch")
    pm = int((launches["gross_margin"] > 0).sum())
    _style(ax, f"Product managers see {pm} of {len(launches)} launches earning a margin;\n"
               f"the company sees {int(lose.sum())} of them losing money",
           "gross margin of the launch (product manager's lens, $)",
           "profit after cost to serve and complexity (company's lens, $)")
    return ax


def plot_launch_bill(launches: pd.DataFrame, *, ax=None):
    """Draw the launches' bill as a waterfall: gross margin, minus cost to serve and complexity (I14).

    Each step names who sees it.

    Parameters
    ----------
    launches : pandas.DataFrame
        From :func:`casekit.models.launches.launch_scorecard`.
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
    >>> from casekit.models.innovation import product_scorecard
    >>> card = product_scorecard(co, pnl)
    >>> from casekit.models.launches import launch_scorecard
    >>> ax = plot_launch_bill(launch_scorecard(card))
    >>> type(ax).__name__, len(ax.patches)
    ('Axes', 4)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 6), layout="constrained")
    gm = float(launches["gross_margin"].sum())
    cts = float(launches["cost_to_serve"].sum())
    cc = float(launches["complexity_cost"].sum())
    steps = [("gross margin\n(product managers' scorecards)", gm, 0.0),
             ("− cost to serve\n(sales and logistics)", -cts, gm),
             ("− complexity\n(operations)", -cc, gm - cts)]
    for i, (_, value, base) in enumerate(steps):
        ax.bar(i, value, bottom=base, color=GREEN if value > 0 else RED, width=0.6)
        annotate(ax, money(value), xy=(i, base + value), xytext=(0, 6 if value > 0 else -18),
                 textcoords="offset points", ha="center", fontsize=13)
    end = gm - cts - cc
    ax.bar(3, end, color=GREEN if end > 0 else RED, width=0.6)
    annotate(ax, money(end), xy=(3, end), xytext=(0, 6 if end > 0 else -18), textcoords="offset points",
             ha="center", fontsize=13, fontweight="bold")
    ax.axhline(0, color="black", lw=1)
    ax.set_xticks(range(4), [s[0] for s in steps] + ["= company profit\n(nobody's scorecard)"])
    ax.yaxis.set_major_formatter(money_ticks())
    # Room below the lowest bar for its value label, clear of the tick labels.
    lo, hi = min(0, end, gm - cts), max(gm, 0)
    ax.set_ylim(lo - 0.15 * (hi - lo), hi + 0.12 * (hi - lo))
    _style(ax, f"The year's launches earn {money(gm)} of gross margin\nand cost the company {money(-end)}"
           if end < 0 else f"The year's launches earn {money(gm)} of gross margin\nand {money(end)} for the company",
           "", "$ in the year, all launches of the year")
    return ax


CHANGE_COLUMNS = [("gross_margin", "gross margin (PM lens)"), ("company_profit", "company profit")]
"""The two lenses of the what-if chart: (column, label)."""


def draw_change_frame(ax, limit: float) -> None:
    """Draw the static frame of the what-if chart: scenarios on y, change against today on x.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    limit : float
        Largest change against today the bars can show ($); the x axis spans
        1.25 times it either side of 0, so the axis never moves.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> _, ax = plt.subplots()
    >>> draw_change_frame(ax, 1e6)
    >>> [t.get_text() for t in ax.get_yticklabels()], [float(x) for x in ax.get_xlim()]
    (['pruned tail', 'launch rate'], [-1250000.0, 1250000.0])
    >>> plt.close("all")
    """
    ax.axvline(0, color="black", lw=1)
    ax.set_ylim(1.6, -0.6)
    ax.set_yticks(range(2), ["pruned tail", "launch rate"], fontsize=12)
    ax.set_xlim(-1.25 * limit, 1.25 * limit)
    ax.xaxis.set_major_formatter(money_ticks())
    ax.set_xlabel("change against today ($ a year)", fontsize=12)
    ax.set_title("Change against today: gross margin (hatched, PM lens) and company profit", fontsize=13,
                 fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)


def change_artists(ax, rows: pd.DataFrame, *, animated: bool = True) -> list:
    """Draw each scenario's change against today under both lenses, on a frame from :func:`draw_change_frame`.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The frame.
    rows : pandas.DataFrame
        Today first, then the scenarios (columns of
        :func:`casekit.models.innovation.prune_tail`).
    animated : bool, default=True
        Mark the artists animated (drawn over a cached background).

    Returns
    -------
    list of matplotlib artists
        Two bars and two labels per scenario.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> _, ax = plt.subplots()
    >>> draw_change_frame(ax, 10.0)
    >>> rows = pd.DataFrame({"gross_margin": [5.0, 3.0], "company_profit": [1.0, 4.0]})
    >>> [a.get_text() for a in change_artists(ax, rows) if hasattr(a, "get_text")]
    ['gross margin (PM lens): -$2', 'company profit: +$3']
    >>> plt.close("all")
    """
    base = rows.iloc[0]
    artists = []
    for i in range(1, len(rows)):
        for j, (col, label) in enumerate(CHANGE_COLUMNS):
            v = float(rows.iloc[i][col] - base[col])
            y = i - 1 + (0.2 if j else -0.2)
            artists += list(ax.barh([y], [v], height=0.38, color=GREEN if v >= 0 else RED,
                                    alpha=0.5 if j == 0 else 1.0, hatch="//" if j == 0 else None,
                                    edgecolor="white", animated=animated))
            artists.append(annotate(ax, f"{label}: {'+' if v >= 0 else ''}{money(v)}", xy=(0, y),
                                    xytext=(-4 if v >= 0 else 4, 0), textcoords="offset points",
                                    va="center", ha="right" if v >= 0 else "left", fontsize=11,
                                    animated=animated))
    return artists
